#pragma once

#include "searchengine.h"
#include "searchplan.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace meshlens::models {

// The rank and page steps of a ranked search (SearchEngine::run calls them after its scan step). Free functions
// over plain values and the caller's connection, so tests can feed them candidates of their own.

// Merges a candidate into the set: a product found twice keeps its best tier and its best score.
void addCandidate(SearchCandidates &candidates, std::int64_t id, int tier, double score);

// The rank step's answer: every candidate, best first (tier, then score, then id), and how many of them the page
// step reads. That is offset + limit, or more when candidates tie with the page's last one: names break those ties
// (in SQL, with SQLite's NOCASE), so any of them may belong on the page.
struct RankedCandidates
{
    std::vector<std::pair<std::int64_t, SearchCandidate>> order;
    std::size_t end = 0;
};

// Rank: takes the scan step's candidates and the page wanted; gives them ordered and the page's reach.
[[nodiscard]] RankedCandidates rankCandidates(const SearchCandidates &candidates, int offset, int limit);

// Page: takes the ranked candidates; reads their names and appends the page's hits (id, tier, score) to `result`
// in tier, score, name, id order, from `offset`, at most `limit`. A statement error lands in result.error.
void rankedPage(Database &db, const RankedCandidates &ranked, int offset, int limit, SearchResult &result);

} // namespace meshlens::models
