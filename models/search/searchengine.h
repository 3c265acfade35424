#pragma once

#include "../catalog/catalogtypes.h"
#include "../store/database.h"
#include "../store/searchindex.h"
#include "searchplan.h"
#include "searchquery.h"

#include <QList>
#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

class QElapsedTimer;

namespace meshlens::models {

// One ranked result. `tier` is the ranking tier (0 exact name or display name, 1 pasted FQN or id, 2 name
// prefix, 3 text match), `textScore` the weighted BM25 score of the text match (higher is better).
struct SearchHit
{
    ProductSummary product;
    int tier = 3;
    double textScore = 0;
    QString snippetHtml; // matched terms in <b>, everything else HTML-escaped; empty without a text match

    [[nodiscard]] QString matchedBy() const;
};

struct FacetValue
{
    QString filter; // the value to put after "field:" to filter by it
    QString label;  // what to show
    std::int64_t count = 0;
};

struct SearchFacets
{
    QList<FacetValue> domain, owner, tag, status, tier;
    std::int64_t counted = 0; // products the counts cover
    bool sampled = false;     // true when more products matched than were counted (the counts are a sample)
};

struct SearchOptions
{
    enum class Sort
    {
        Relevance,
        Name,
        Domain,
        Status,
        Tier,
    };
    int limit = 20;
    int offset = 0;
    // A listing's next page: the cursor of the page before it (SearchResult::next). Used when its offset equals
    // `offset` and it fits the sort; otherwise the page is found by offset.
    std::optional<SearchCursor> after;
    Sort sort = Sort::Relevance;
    bool descending = false;
    bool facets = false;
    bool snippets = true;
    bool correctTypos = true;
    // Milliseconds the full-text scan may take before the search answers with what it has (SearchResult::partial);
    // 0 waits for the complete answer. Search-as-you-type shows the first page at once and the complete one after.
    int budgetMs = 0;
};

struct SearchResult
{
    SearchQuery query;     // as parsed
    SearchQuery searched;  // what was searched (differs from query when a typo was corrected)
    QString correctedFrom; // the word(s) corrected, empty if none ("showing results for …")
    QList<SearchHit> hits;
    std::int64_t total = 0;   // matches, counted up to kCountCap
    bool totalCapped = false; // more than kCountCap matched, or `partial` (then total is a lower bound)
    bool partial = false;     // the budget ran out before the full-text scan ended: run again without one
    SearchFacets facets;
    QString plan; // how the query ran: listing | ranked | filter-first (shown by --json)
    // A listing's cursor after its last hit, for SearchOptions::after; empty for ranked queries and empty pages.
    std::optional<SearchCursor> next;
    std::optional<StoreError> error;
    bool cancelled = false;
};

// The search engine: one code path for the GUI, the CLI and the benchmark. Runs on the caller's connection
// (each thread its own), so it lives on whichever thread created it; not thread-safe.
//
// Ranking at a million products within a few milliseconds: ordering every FTS match by BM25 reads every match
// (seconds for a 2-letter prefix). Instead the engine ranks a bounded candidate set: exact name / display name,
// FQN and id look-ups and name-prefix ranges through ordinary indexes, the first kCandidates FTS matches overall,
// and the first kNameCandidates of the names-only index (entry_name_fts); BM25 (our own auxiliary function, with
// IDF from the vocabulary table so it never scans whole doclists) orders them, merged here by product. Filters
// are tokens of the documents' facets column, so filters with words are one FTS5 query whose AND skips through
// the doclists; filters alone are a doclist read (count, small sets) or an index in name order (listings). The
// first kCandidates matches also give the count, which then goes on from the last of them to kCountCap. Quoted
// phrases are looked up as word pairs (the meshlens_pairs tokenizer), so a rare phrase of common words reads one
// short doclist. With SearchOptions::budgetMs, the full-text scans walk the rowids in slices, each bounded by a
// block token (kBlockLevels), and stop when the budget is spent (SearchResult::partial): a rare pair of common
// words or filters, which FTS5 can only find by walking both doclists, still answers its first page at once.
class SearchEngine final
{
    Q_DISABLE_COPY_MOVE(SearchEngine)

public:
    static constexpr int kCandidates = 200;
    static constexpr int kNameCandidates = 200;
    static constexpr int kCountCap = 1000;
    static constexpr int kCollectCap = 5000; // filters alone with at most this many products are collected and sorted
    static constexpr std::int64_t kUnslicedScan = 30000; // doclist entries read in one pass, budget or not
    static constexpr int kFacetSample = 5000;
    static constexpr std::int64_t kExclusionSet = 20000; // excluded words in fewer products are read as a set
    // The block tokens' levels (the store's SearchIndex writes them; a budgeted scan ANDs its slice's block).
    static constexpr std::array<int, 4> kBlockLevels = SearchIndex::kBlockLevels;

    explicit SearchEngine(Database &db);
    ~SearchEngine();

    [[nodiscard]] SearchResult search(const QString &text, const SearchOptions &options = {});
    [[nodiscard]] SearchResult search(const SearchQuery &query, const SearchOptions &options = {});

    // Called from the search's thread while SQLite works; returning true aborts the search (result.cancelled).
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }

    // Filters alone with at most this many products (kCollectCap) are collected and sorted; more are read in name
    // order (exposed so tests can run both plans on a small catalog).
    void setCollectCap(std::int64_t products) { m_collectCap = products; }
    // Excluded words in at most this many products are read as a set, others probed per product (kExclusionSet;
    // exposed so tests can run both forms on a small catalog).
    void setExclusionSetCap(std::int64_t products) { m_exclusionSet = products; }
    // Budgeted scans over doclists of at most `unsliced` products (kUnslicedScan) read them in one pass; others
    // slice the rowids, the first slice `firstSlice` rowids wide if set (exposed so tests can slice a small
    // catalog's scans).
    void setSlicing(std::int64_t unsliced, std::int64_t firstSlice)
    {
        m_unslicedScan = unsliced;
        m_firstSlice = firstSlice;
    }

    // The vocabulary's best correction for a word that matches nothing, if any (exposed for tests).
    [[nodiscard]] std::optional<QString> correction(const QString &word, bool prefix);
    // How a query would run: the plan step (see SearchPlan) on the current vocabulary (exposed for tests).
    [[nodiscard]] SearchPlan plan(const SearchQuery &query, const SearchOptions &options = {});

private:
    struct Vocabulary;
    struct CandidateSet;
    struct Scan
    {
        std::int64_t rows = 0;
        std::int64_t last = 0; // the last rowid read
        bool complete = true;  // false: the budget ran out first
        double ms = 0;
        std::optional<StoreError> error;
    };

    void loadVocabulary();
    [[nodiscard]] std::int64_t documentsWith(const QString &token, bool prefix) const;
    [[nodiscard]] double idf(const QString &term, bool prefix) const;
    [[nodiscard]] SearchFilters filters(const SearchQuery &query);
    // Steps `st` (?1 the MATCH expression, rowids in (?2, ?3], at most ?4 rows) over the rowids after `after`.
    // `estimate` bounds the matches in the whole range (vocabulary counts), which sizes the slices; `reads` is the
    // doclist entries one pass may walk, which decides whether to slice at all (kUnslicedScan).
    // `blocks`: the table has the facets column, whose block tokens bound each slice's work.
    Scan scan(Statement &st, const QString &fts, std::int64_t after, std::int64_t limit, std::int64_t estimate,
              std::int64_t reads, bool blocks, int budgetMs, const std::function<void(Statement &)> &row);
    [[nodiscard]] std::int64_t documentsWithAll(const QString &term, bool prefix) const;
    SearchResult run(const SearchQuery &query, const SearchOptions &options);
    // The steps run() takes, in order (each says in searchengine.cpp what it takes and gives).
    [[nodiscard]] SearchPlan makePlan(const SearchQuery &query, const SearchOptions &options);
    [[nodiscard]] bool countMatches(const SearchPlan &plan, const SearchQuery &query, SearchResult &result);
    void listingPage(const SearchPlan &plan, const SearchQuery &query, const SearchOptions &options,
                     SearchResult &result);
    [[nodiscard]] bool collectCandidates(const SearchPlan &plan, const SearchQuery &query, const SearchOptions &options,
                                         const QElapsedTimer &phase, SearchResult &result,
                                         SearchCandidates &candidates);
    [[nodiscard]] bool scanText(const SearchPlan &plan, const SearchQuery &query, const SearchOptions &options,
                                const QElapsedTimer &phase, SearchResult &result, CandidateSet &set);
    [[nodiscard]] bool lookUp(const SearchPlan &plan, SearchResult &result, CandidateSet &set);
    [[nodiscard]] bool vetPending(const SearchPlan &plan, SearchResult &result, CandidateSet &set);
    void readSummaries(SearchResult &result);
    void addSnippets(SearchResult &result);
    void addFacets(SearchResult &result, const SearchSql &matches);

    Database &m_db;
    const std::atomic<bool> *m_cancel = nullptr;
    std::unique_ptr<Vocabulary> m_vocab;
    std::int64_t m_collectCap = kCollectCap;
    std::int64_t m_exclusionSet = kExclusionSet;
    std::int64_t m_unslicedScan = kUnslicedScan;
    std::int64_t m_firstSlice = 0;
};

} // namespace meshlens::models
