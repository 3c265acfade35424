#include "daygrid.h"

#include <QDateTime>

#include <algorithm>

namespace meshlens::models {

DayGrid::DayGrid(const QTimeZone &zone, QDate first, QDate last)
    : m_zone(zone)
    , m_first(first)
{
    if (!first.isValid() || !last.isValid() || last < first) {
        return;
    }
    const auto days = first.daysTo(last) + 1;
    m_starts.reserve(static_cast<size_t>(days) + 1);
    for (qint64 i = 0; i <= days; ++i) {
        m_starts.push_back(first.addDays(i).startOfDay(zone).toSecsSinceEpoch());
    }
}

DayGrid DayGrid::covering(const QTimeZone &zone, TimeRange range)
{
    // Open ends (TimeRange{} is "all time") have no calendar days; callers resolve them to the data first.
    constexpr std::int64_t kFar = 100'000'000'000; // about the year 5138
    if (range.to <= range.from || range.from < -kFar || range.to > kFar) {
        return {};
    }
    const QDate first = QDateTime::fromSecsSinceEpoch(range.from, zone).date();
    QDate last = QDateTime::fromSecsSinceEpoch(range.to - 1, zone).date();
    if (first.daysTo(last) >= kMaxDays) {
        last = first.addDays(kMaxDays - 1);
    }
    return DayGrid(zone, first, last);
}

TimeRange DayGrid::range() const
{
    if (isEmpty()) {
        return {0, 0};
    }
    return {m_starts.front(), m_starts.back()};
}

int DayGrid::indexOf(std::int64_t t) const
{
    if (isEmpty() || t < m_starts.front() || t >= m_starts.back()) {
        return -1;
    }
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), t);
    return static_cast<int>(std::distance(m_starts.begin(), it)) - 1;
}

} // namespace meshlens::models
