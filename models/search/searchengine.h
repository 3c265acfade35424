#pragma once

#include "../catalog/catalogtypes.h"
#include "../store/database.h"
#include "searchquery.h"

#include <QList>
#include <QString>

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

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
    Sort sort = Sort::Relevance;
    bool descending = false;
    bool facets = false;
    bool snippets = true;
    bool correctTypos = true;
};

struct SearchResult
{
    SearchQuery query;     // as parsed
    SearchQuery searched;  // what was searched (differs from query when a typo was corrected)
    QString correctedFrom; // the word(s) corrected, empty if none ("showing results for …")
    QList<SearchHit> hits;
    std::int64_t total = 0;   // matches, counted up to kCountCap
    bool totalCapped = false; // more than kCountCap matched
    SearchFacets facets;
    QString plan; // how the query ran: listing | ranked | filter-first (shown by --json)
    std::optional<StoreError> error;
    bool cancelled = false;
};

// The search engine: one code path for the GUI, the CLI and the benchmark. Runs on the caller's connection
// (each thread its own), so it lives on whichever thread created it; not thread-safe.
//
// Ranking at a million products within a few milliseconds: ordering every FTS match by BM25 reads every match
// (seconds for a 2-letter prefix). Instead the engine ranks a bounded candidate set: exact name / display name,
// FQN and id look-ups and name-prefix ranges through ordinary indexes, plus the first kCandidates FTS matches
// overall and the first kCandidates whose name or display name match; BM25 (our own auxiliary function, with IDF
// from the vocabulary table so it never scans whole doclists) orders them. Selective filters run first instead
// and rank every match inside the filtered set.
class SearchEngine final
{
    Q_DISABLE_COPY_MOVE(SearchEngine)

public:
    static constexpr int kCandidates = 400;
    static constexpr int kNameCandidates = 400;
    static constexpr int kCountCap = 1000;
    static constexpr int kCollectCap = 5000; // filters with at most this many products are collected and sorted
    static constexpr int kFacetSample = 5000;

    explicit SearchEngine(Database &db);
    ~SearchEngine();

    [[nodiscard]] SearchResult search(const QString &text, const SearchOptions &options = {});
    [[nodiscard]] SearchResult search(const SearchQuery &query, const SearchOptions &options = {});

    // Called from the search's thread while SQLite works; returning true aborts the search (result.cancelled).
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }

    // Filters alone with at most this many products (kCollectCap) are collected and sorted; more are read in name
    // order (exposed so tests can run both plans on a small catalog).
    void setCollectCap(std::int64_t products) { m_collectCap = products; }

    // The vocabulary's best correction for a word that matches nothing, if any (exposed for tests).
    [[nodiscard]] std::optional<QString> correction(const QString &word, bool prefix);

    // Rebuilds the vocabulary table from the full-text index (after a sync; the writer and the migration call it).
    [[nodiscard]] static std::optional<StoreError> rebuildVocabulary(Database &db);
    // Merges each full-text index into one segment (after a snapshot sync and the version 5 migration): a query
    // then opens one doclist instead of one per segment, 0.17 -> 0.02 ms for the first 20 matches of a word at 1M.
    [[nodiscard]] static std::optional<StoreError> optimizeIndexes(Database &db);

private:
    struct Vocabulary;
    struct Sql;
    struct Filters;

    void loadVocabulary();
    [[nodiscard]] std::int64_t documentsWith(const QString &token, bool prefix) const;
    [[nodiscard]] double idf(const QString &term, bool prefix) const;
    [[nodiscard]] Filters filters(const SearchQuery &query);
    SearchResult run(const SearchQuery &query, const SearchOptions &options);
    void addSnippets(SearchResult &result);
    void addFacets(SearchResult &result, const Sql &matches);

    Database &m_db;
    const std::atomic<bool> *m_cancel = nullptr;
    std::unique_ptr<Vocabulary> m_vocab;
    std::int64_t m_collectCap = kCollectCap;
};

} // namespace meshlens::models
