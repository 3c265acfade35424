#pragma once

// Quality of one check over a window, from its result series: pass rate (RunCounts, the one definition) and
// whether it is an open incident (failing now) and since when. Pure; any thread.

#include "../store/seriesreader.h"

#include <cstdint>
#include <optional>
#include <span>

namespace meshlens::models {

struct CheckEvaluation
{
    RunCounts counts;               // runs inside the window
    std::optional<char> lastStatus; // 'P', 'F' or 'A' of the newest run up to now
    std::optional<std::int64_t> lastRunAt;
    bool failingNow = false;                  // failed since the last pass (aborts aside): an open incident
    std::optional<std::int64_t> failingSince; // the first failure of the current run of failures
    std::int64_t skewed = 0;                  // runs dated after now + tolerance, ignored

    [[nodiscard]] std::optional<double> passRate() const { return counts.passRate(); }
};

// `runs` in time order (as SeriesReader returns them). Aborted runs and "no run" points neither open nor close an
// incident: only a pass ends one.
[[nodiscard]] CheckEvaluation evaluateCheck(std::span<const CheckRun> runs, TimeRange window, std::int64_t now,
                                            std::int64_t skewTolerance = 3600);

} // namespace meshlens::models
