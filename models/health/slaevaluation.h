#pragma once

// SLA compliance of one objective over a window, computed from its measurement series: the pure function the SLA
// view, the Health tab, the score and the benchmarks all share. No I/O, any thread.

#include "../catalog/catalogtypes.h"
#include "../store/seriesreader.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace meshlens::models {

// What an objective promises: a measurement meets it when `value op target` (op <= or >=). Every kind MeshLens
// knows (freshness lag in hours, availability %, latency ms, completeness %) measures a non-negative quantity.
struct SlaSpec
{
    double target = 0;
    bool atLeast = false;      // op ">=": availability, completeness; "<=": freshness, latency
    std::int64_t step = 86400; // the cadence measurements are expected at
    [[nodiscard]] bool meets(double value) const { return slaMet(value, target, atLeast); }
};

enum class SlaState : std::uint8_t
{
    NoData,   // nothing measured in the window
    Met,      // the newest measurement meets the target
    Breached, // the newest measurement misses it
    Stale,    // the newest measurement is older than two expected steps: the feed itself stopped
};

// A run of consecutive measurements that missed the target (gaps do not interrupt it: a gap is "unknown").
struct Breach
{
    std::int64_t start = 0;          // the first missing measurement (may be before the window)
    std::optional<std::int64_t> end; // the first measurement that met again; empty while ongoing
    float worst = 0;                 // the furthest-off value during the breach
};

struct SlaEvaluation
{
    SlaState state = SlaState::NoData;
    std::optional<double> latest; // the newest valid measurement up to `now`
    std::optional<std::int64_t> latestAt;
    std::int64_t met = 0, missed = 0; // valid measurements inside the window
    std::int64_t gaps = 0;            // NaN points (the source said "no measurement") inside the window
    std::int64_t rejected = 0;        // invalid points, see problems
    std::optional<double> compliance; // met / (met + missed), 0..1; empty when nothing was measured
    std::vector<Breach> breaches;     // those overlapping the window, oldest first
    std::int64_t secondsInBreach = 0; // breach time clipped to the window
    // When the last breach ended; empty when none is known (or one is ongoing: see state / breaches).
    std::optional<std::int64_t> lastBreachEnd;
    // Error budget: the policy allows (1 - goal) of the window's measurements to miss. remaining is 1 with nothing
    // spent, 0 when spent exactly, negative when overspent. burnRate is the pace: 1 spends the budget exactly over
    // the window, 2 spends it in half the window.
    std::optional<double> budgetRemaining;
    std::optional<double> burnRate;
    QStringList problems; // why points were rejected, for people

    [[nodiscard]] bool breachedNow() const { return state == SlaState::Breached; }
};

// Evaluates `points` (any order; duplicates keep the last) for the window [window.from, window.to) as of `now`.
// Points after now + skewTolerance are rejected as clock-skewed; negative or infinite values are rejected (NaN is
// a gap, as stored); an invalid target (NaN, infinite, negative) rejects the whole series. Points before the
// window are used only to find when a breach still open at window.from began.
[[nodiscard]] SlaEvaluation evaluateSla(const SlaSpec &spec, std::span<const SeriesPoint> points, TimeRange window,
                                        std::int64_t now, double goal, std::int64_t skewTolerance = 3600);

// One day of the SLA calendar.
enum class DayCompliance : std::uint8_t
{
    NoData,
    Met,     // every measurement that day met
    Partial, // some met, some missed
    Missed,  // every measurement that day missed
};
struct CalendarDay
{
    std::int64_t day = 0; // UTC midnight
    DayCompliance compliance = DayCompliance::NoData;
    int met = 0, missed = 0;
};
// The UTC days from `from` to `to` (inclusive, both rounded down to midnight), each with how its measurements did.
// Invalid points (as evaluateSla rejects them) are ignored.
[[nodiscard]] std::vector<CalendarDay> slaCalendar(const SlaSpec &spec, std::span<const SeriesPoint> points,
                                                   std::int64_t from, std::int64_t to);

[[nodiscard]] QString slaStateName(SlaState state);

} // namespace meshlens::models
