#include "checkevaluation.h"

namespace meshlens::models {

CheckEvaluation evaluateCheck(std::span<const CheckRun> runs, TimeRange window, std::int64_t now,
                              std::int64_t skewTolerance)
{
    CheckEvaluation e;
    std::optional<std::int64_t> failingSince;
    for (const CheckRun &run : runs) {
        if (run.t > now + skewTolerance) {
            ++e.skewed;
            continue;
        }
        if (run.t >= window.to) {
            continue;
        }
        if (window.contains(run.t)) {
            e.counts.add(run);
        }
        switch (run.status) {
        case 'P':
            failingSince.reset();
            break;
        case 'F':
            if (!failingSince) {
                failingSince = run.t;
            }
            break;
        case 'A':
            break;
        default:
            continue; // no run: changes nothing
        }
        e.lastStatus = run.status;
        e.lastRunAt = run.t;
    }
    e.failingNow = failingSince.has_value();
    e.failingSince = failingSince;
    return e;
}

} // namespace meshlens::models
