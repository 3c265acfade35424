#pragma once

#include "../store/database.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

namespace meshlens::models {

// The data the steps of a search hand each other (SearchEngine runs them: parse -> plan -> scan -> rank -> page).
// Plain values, built and read on the search's thread.

// A WHERE clause over `e` (entries) with its bound values; SQL text is ours, values are only ever bound.
struct SearchSql
{
    QString from = QStringLiteral("entries e");
    QString where = QStringLiteral("1");
    std::vector<std::variant<std::int64_t, QString>> values;

    QString arg(std::variant<std::int64_t, QString> v)
    {
        values.push_back(std::move(v));
        return QStringLiteral("?%1").arg(values.size());
    }
    void bindAll(Statement &st) const
    {
        for (std::size_t i = 0; i < values.size(); ++i) {
            std::visit([&](const auto &v) { st.bind(static_cast<int>(i + 1), v); }, values[i]);
        }
    }
};

// Where a listing's page starts: the sort keys of the row before it (SearchResult::next is the one after a page),
// so a deep page is an index seek past those keys instead of reading and dropping every row before it (OFFSET
// reads 500,000 index entries for the middle page of a million-product listing). Listings only: a ranked query
// pages through its own bounded candidates (a few hundred), where an offset costs nothing.
struct SearchCursor
{
    using Key = std::optional<std::variant<std::int64_t, QString>>; // nullopt is SQL NULL
    int offset = 0;                                                 // the row it continues from
    std::vector<Key> keys;                                          // one per sort key, the last the row's id
};

// One sort key of a listing: an expression over e (entries), d (domains) or g (entry_tag_names), its direction,
// and its values' kind. The last key of every listing is a unique id, so a cursor names exactly one row.
struct SortKey
{
    QString sql;
    bool descending = false;
    bool integer = false;  // an integer column (else text)
    bool nullable = false; // may be NULL (sorted first ascending, last descending, as SQLite does)
};
using ListingOrder = std::vector<SortKey>;
[[nodiscard]] QString orderBy(const ListingOrder &order); // as an ORDER BY clause

// The filters of a query, twice: as SQL over `e` (entries), which every plan can apply to a row it holds, and
// where the value can be a token of the documents' facets column, as FTS5 expressions, so a filter with words is
// one full-text query (its AND skips through the words' doclists) and a filter alone is a doclist read.
struct SearchFilters
{
    SearchSql sql;             // every filter and exclusion, as a WHERE clause over e
    QStringList fts;           // one FTS5 expression per filter field (ANDed), over the facets column
    bool allInFts = true;      // every filter is among `fts` (has: and exclusions are not)
    std::int64_t estimate = 0; // at most this many products pass the token filters (vocabulary counts)
    std::int64_t reads = 0;    // doclist entries of the filter tokens: what an FTS5 AND of them may walk
    bool any = false;

    [[nodiscard]] QString ftsExpression() const { return fts.join(QLatin1String(" AND ")); }
};

// The plan step's answer (SearchEngine::plan): how a parsed query runs, decided from the query, the options and
// the vocabulary's counts before any product is read. The count, scan and page steps read it; none changes it.
struct SearchPlan
{
    SearchFilters filter;
    QString text;                     // the query's words and phrases as typed (the look-up tiers compare it)
    QString textFts;                  // the words and phrases as FTS5, over the text columns; empty without text
    QString facetsFts;                // the token filters as FTS5, over the facets column
    QString fullFts;                  // both ANDed: what the full-text scans match; empty without words
    bool residual = false;            // filters the FTS5 query cannot carry (has:, exclusions without words)
    bool listing = false;             // no text, or a sort other than relevance: a page in SQL order, not ranked
    ListingOrder order;               // the sort keys of a listing
    SearchSql matches;                // the set of matching products over `e`: the count, listings and facets read it
    bool countWithCandidates = false; // a ranked query with words counts while it scans its text candidates
    // Ranked queries only (see SearchEngine::scan): the IDF arguments of meshlens_rank (", idf0, idf1, ..."), at
    // most how many products match the text and token filters, and the doclist entries a scan may walk for them.
    QString idfArgs;
    std::int64_t estimate = 0;
    std::int64_t reads = 0;
};

// A product the scan step found for a ranked query: its best tier (0 exact name … 3 text) and text score.
struct SearchCandidate
{
    int tier = 3;
    double score = 0;
};
using SearchCandidates = QHash<std::int64_t, SearchCandidate>;

} // namespace meshlens::models
