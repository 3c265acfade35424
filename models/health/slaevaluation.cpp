#include "slaevaluation.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace meshlens::models {

namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t floorDay(std::int64_t t)
{
    const std::int64_t r = t % kDay;
    return r < 0 ? t - r - kDay : t - r;
}

bool validTarget(const SlaSpec &spec)
{
    return std::isfinite(spec.target) && spec.target >= 0;
}

bool validValue(float v)
{
    return std::isfinite(v) && v >= 0;
}

// The valid points up to the skew limit, settled by time; counts what was dropped.
std::vector<SeriesPoint> validPoints(std::span<const SeriesPoint> points, std::int64_t latestAllowed, TimeRange window,
                                     std::int64_t &gaps, std::int64_t &skewed, std::int64_t &invalid)
{
    std::vector<SeriesPoint> out;
    out.reserve(points.size());
    for (const SeriesPoint &p : points) {
        if (p.t > latestAllowed) {
            ++skewed;
        } else if (std::isnan(p.value)) {
            gaps += window.contains(p.t) ? 1 : 0;
        } else if (!validValue(p.value)) {
            ++invalid;
        } else {
            out.push_back(p);
        }
    }
    settleByTime(out);
    return out;
}

} // namespace

SlaEvaluation evaluateSla(const SlaSpec &spec, std::span<const SeriesPoint> points, TimeRange window, std::int64_t now,
                          double goal, std::int64_t skewTolerance)
{
    SlaEvaluation e;
    if (!validTarget(spec)) {
        e.rejected = static_cast<std::int64_t>(points.size());
        e.problems << QCoreApplication::translate("SlaEvaluation",
                                                  "The objective's target (%1) is not a non-negative number, so no "
                                                  "measurement can be judged; fix the SLA at its source.")
                          .arg(spec.target);
        return e;
    }
    goal = std::clamp(goal, 0.0, 0.9999);
    std::int64_t skewed = 0, invalid = 0;
    const std::vector<SeriesPoint> valid = validPoints(points, now + skewTolerance, window, e.gaps, skewed, invalid);
    e.rejected = skewed + invalid;
    if (skewed > 0) {
        e.problems << QCoreApplication::translate("SlaEvaluation",
                                                  "%n measurement(s) dated after the evaluation time were ignored "
                                                  "(a clock at the source is probably wrong).",
                                                  nullptr, static_cast<int>(skewed));
    }
    if (invalid > 0) {
        e.problems << QCoreApplication::translate("SlaEvaluation",
                                                  "%n negative or infinite measurement(s) were ignored: these "
                                                  "objectives measure non-negative quantities.",
                                                  nullptr, static_cast<int>(invalid));
    }

    const std::int64_t end = std::min(window.to, now + skewTolerance + 1);
    std::optional<Breach> open;
    std::optional<std::int64_t> lastClosedEnd;
    const auto worse = [&spec](float a, float b) { return spec.atLeast ? std::min(a, b) : std::max(a, b); };
    for (const SeriesPoint &p : valid) {
        if (p.t >= end) {
            break;
        }
        const bool ok = spec.meets(p.value);
        if (window.contains(p.t)) {
            ++(ok ? e.met : e.missed);
            e.latest = p.value;
            e.latestAt = p.t;
        }
        if (!ok) {
            if (open) {
                open->worst = worse(open->worst, p.value);
            } else {
                open = Breach{p.t, std::nullopt, p.value};
            }
        } else if (open) {
            open->end = p.t;
            lastClosedEnd = p.t;
            if (p.t > window.from) {
                e.breaches.push_back(*open);
            }
            open.reset();
        }
    }
    if (open) {
        e.breaches.push_back(*open);
    } else {
        e.lastBreachEnd = lastClosedEnd;
    }
    const std::int64_t clipEnd = std::min(window.to, now);
    for (const Breach &b : e.breaches) {
        const std::int64_t from = std::max(b.start, window.from);
        const std::int64_t to = std::min(b.end.value_or(clipEnd), clipEnd);
        e.secondsInBreach += std::max<std::int64_t>(0, to - from);
    }

    const std::int64_t measured = e.met + e.missed;
    if (measured == 0) {
        e.state = SlaState::NoData;
        return e;
    }
    if (*e.latestAt < now - 2 * std::max<std::int64_t>(spec.step, 1)) {
        e.state = SlaState::Stale;
    } else {
        e.state = spec.meets(*e.latest) ? SlaState::Met : SlaState::Breached;
    }
    const double missRate = static_cast<double>(e.missed) / static_cast<double>(measured);
    e.compliance = 1.0 - missRate;
    e.burnRate = missRate / (1.0 - goal);
    e.budgetRemaining = 1.0 - *e.burnRate;
    return e;
}

std::vector<CalendarDay> slaCalendar(const SlaSpec &spec, std::span<const SeriesPoint> points, std::int64_t from,
                                     std::int64_t to)
{
    std::vector<CalendarDay> days;
    const std::int64_t first = floorDay(from);
    const std::int64_t last = floorDay(to);
    if (last < first || !validTarget(spec)) {
        return days;
    }
    days.resize(static_cast<std::size_t>((last - first) / kDay + 1));
    for (std::size_t i = 0; i < days.size(); ++i) {
        days[i].day = first + static_cast<std::int64_t>(i) * kDay;
    }
    for (const SeriesPoint &p : points) {
        if (!validValue(p.value) || p.t < first || p.t >= last + kDay) {
            continue;
        }
        CalendarDay &d = days[static_cast<std::size_t>((floorDay(p.t) - first) / kDay)];
        ++(spec.meets(p.value) ? d.met : d.missed);
    }
    for (CalendarDay &d : days) {
        d.compliance = d.met + d.missed == 0 ? DayCompliance::NoData
                       : d.missed == 0       ? DayCompliance::Met
                       : d.met == 0          ? DayCompliance::Missed
                                             : DayCompliance::Partial;
    }
    return days;
}

QString slaStateName(SlaState state)
{
    switch (state) {
    case SlaState::NoData:
        return QCoreApplication::translate("SlaEvaluation", "no data");
    case SlaState::Met:
        return QCoreApplication::translate("SlaEvaluation", "met");
    case SlaState::Breached:
        return QCoreApplication::translate("SlaEvaluation", "breached");
    case SlaState::Stale:
        return QCoreApplication::translate("SlaEvaluation", "stale");
    }
    return {};
}

} // namespace meshlens::models
