#include "searchranking.h"

#include <algorithm>

namespace meshlens::models {

void addCandidate(SearchCandidates &candidates, std::int64_t id, int tier, double score)
{
    auto it = candidates.find(id);
    if (it == candidates.end()) {
        candidates.insert(id, SearchCandidate{tier, score});
    } else {
        it->tier = std::min(it->tier, tier);
        it->score = std::max(it->score, score);
    }
}

RankedCandidates rankCandidates(const SearchCandidates &candidates, int offset, int limit)
{
    // Best first: tier, then score; the page (and whatever ties with its last row) gets its names read and is
    // ordered by tier, score, name, id in SQL, with SQLite's own NOCASE.
    RankedCandidates out;
    std::vector<std::pair<std::int64_t, SearchCandidate>> &order = out.order;
    order.reserve(static_cast<std::size_t>(candidates.size()));
    for (auto it = candidates.cbegin(); it != candidates.cend(); ++it) {
        order.emplace_back(it.key(), it.value());
    }
    const auto better = [](const auto &a, const auto &b) {
        return a.second.tier != b.second.tier ? a.second.tier < b.second.tier : a.second.score > b.second.score;
    };
    std::sort(order.begin(), order.end(),
              [&](const auto &a, const auto &b) { return better(a, b) || (!better(b, a) && a.first < b.first); });
    const auto wanted = static_cast<std::size_t>(offset + limit);
    std::size_t end = std::min(wanted, order.size());
    while (end > 0 && end < order.size() && !better(order[end - 1], order[end])) {
        ++end; // ties with the page's last row may belong on the page once names break them
    }
    out.end = end;
    return out;
}

void rankedPage(Database &db, const RankedCandidates &ranked, int offset, int limit, SearchResult &result)
{
    const auto &order = ranked.order;
    const std::size_t end = ranked.end;
    if (end > 0) {
        QString slice = QStringLiteral("[");
        for (std::size_t i = 0; i < end; ++i) {
            slice += QStringLiteral("%1[%2,%3,%4]")
                         .arg(i ? QStringLiteral(",") : QString())
                         .arg(order[i].first)
                         .arg(order[i].second.tier)
                         .arg(order[i].second.score, 0, 'g', 17);
        }
        slice += QLatin1Char(']');
        Statement st =
            db.prepare(QStringLiteral("SELECT e.id, c.value ->> 1 AS tier, c.value ->> 2 AS score FROM "
                                      "json_each(?1) c JOIN entries e ON e.id = c.value ->> 0 "
                                      "ORDER BY tier, score DESC, e.name COLLATE NOCASE, e.id LIMIT %1 OFFSET %2")
                           .arg(limit)
                           .arg(offset)
                           .toStdString());
        st.bind(1, slice);
        while (st.next()) {
            SearchHit hit;
            hit.product.id = st.int64(0);
            hit.tier = st.int32(1);
            hit.textScore = st.real(2);
            result.hits.push_back(hit);
        }
        if (st.error()) {
            result.error = st.error();
        }
    }
}

} // namespace meshlens::models
