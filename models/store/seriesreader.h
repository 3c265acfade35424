#pragma once

// Reads SLA measurement and check result series back out of the cache's chunk tables (sla_series, check_series)
// as time-ordered points. The one place that knows the chunk layout on the read side: health computations and
// charts both build on it.

#include "database.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace meshlens::models {

// Half-open time range [from, to) in epoch seconds; the default covers all time.
struct TimeRange
{
    std::int64_t from = std::numeric_limits<std::int64_t>::min();
    std::int64_t to = std::numeric_limits<std::int64_t>::max();
    [[nodiscard]] bool contains(std::int64_t t) const { return t >= from && t < to; }
};

// One SLA measurement. A NaN value is a gap: the source said "no measurement at this time".
struct SeriesPoint
{
    std::int64_t t = 0;
    float value = 0;
};

// One scheduled run of a quality check. status is 'P' pass, 'F' fail, 'A' aborted or '-' no run; value is the
// observed value when the source gave one, NaN otherwise.
struct CheckRun
{
    std::int64_t t = 0;
    char status = '-';
    float value = 0;
};

// How the runs of a check (or of many checks) came out. The pass rate is passes over runs that happened: an
// aborted run counts against it, a '-' (no run scheduled or no result) does not count at all.
struct RunCounts
{
    std::int64_t pass = 0, fail = 0, aborted = 0, none = 0;

    void add(const CheckRun &run);
    void add(const RunCounts &other);
    [[nodiscard]] std::int64_t runs() const { return pass + fail + aborted; }
    [[nodiscard]] std::optional<double> passRate() const; // 0..1, or nullopt when nothing ran
};
[[nodiscard]] RunCounts countRuns(std::span<const CheckRun> runs);

// Orders points by time (sorting only when they are not in order yet) and keeps, for equal times, the point that
// came last, as a later chunk wins in the store. Used by the reader and by computations taking points from anywhere.
template<typename Point> void settleByTime(std::vector<Point> &points)
{
    const auto byTime = [](const Point &a, const Point &b) { return a.t < b.t; };
    if (!std::is_sorted(points.begin(), points.end(), byTime)) {
        std::stable_sort(points.begin(), points.end(), byTime);
    }
    auto out = points.begin();
    for (auto it = points.begin(); it != points.end(); ++it) {
        if (out != points.begin() && std::prev(out)->t == it->t) {
            *std::prev(out) = *it;
        } else {
            *out++ = *it;
        }
    }
    points.erase(out, points.end());
}

class SeriesReader final
{
public:
    explicit SeriesReader(Database &db);

    // The points of one objective / check inside range, ordered by time. Where chunks overlap, the chunk that
    // starts later wins, as it does when a delta sync replaces points.
    [[nodiscard]] std::vector<SeriesPoint> sla(std::int64_t objectiveId, TimeRange range = {});
    [[nodiscard]] std::vector<CheckRun> check(std::int64_t checkId, TimeRange range = {});

    // Every objective / check of the catalog in id order, with its points inside range: one sequential scan,
    // for catalog-wide views (a million products). Returning false from the callback stops the scan.
    // Objectives without points inside range are not visited.
    using SlaVisitor = std::function<bool(std::int64_t objectiveId, std::span<const SeriesPoint>)>;
    using CheckVisitor = std::function<bool(std::int64_t checkId, std::span<const CheckRun>)>;
    void forEachSla(TimeRange range, const SlaVisitor &visit);
    void forEachCheck(TimeRange range, const CheckVisitor &visit);

    // The message of the newest check result inside range that carried one (empty when none did).
    [[nodiscard]] std::string lastCheckMessage(std::int64_t checkId, TimeRange range = {});

    [[nodiscard]] const std::optional<StoreError> &error() const { return m_error; }

private:
    Database &m_db;
    Statement m_slaQuery, m_checkQuery;
    std::optional<StoreError> m_error;
};

} // namespace meshlens::models
