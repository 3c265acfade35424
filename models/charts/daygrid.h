#pragma once

// Calendar days of one time zone as half-open epoch ranges, for bucketing timestamps into daily buckets. A day is
// [start of date, start of next date) in the zone, so DST days have 23 or 25 hours and a zone whose day once
// began at 01:00 is still right: the boundaries come from QDate::startOfDay, never from adding 86400.

#include "../store/seriesreader.h"

#include <QDate>
#include <QTimeZone>

#include <cstdint>
#include <vector>

namespace meshlens::models {

class DayGrid final
{
public:
    DayGrid() = default;
    // The days first..last (inclusive) in zone; empty when last < first.
    DayGrid(const QTimeZone &zone, QDate first, QDate last);
    // The days of zone that overlap range (a range ending exactly at midnight does not include the next day).
    [[nodiscard]] static DayGrid covering(const QTimeZone &zone, TimeRange range);

    [[nodiscard]] int size() const { return m_starts.empty() ? 0 : static_cast<int>(m_starts.size()) - 1; }
    [[nodiscard]] bool isEmpty() const { return size() <= 0; }
    [[nodiscard]] QDate date(int i) const { return m_first.addDays(i); }
    [[nodiscard]] std::int64_t start(int i) const { return m_starts[static_cast<size_t>(i)]; }
    [[nodiscard]] std::int64_t end(int i) const { return m_starts[static_cast<size_t>(i) + 1]; }
    [[nodiscard]] TimeRange range() const;
    // The day holding t, or -1 outside the grid.
    [[nodiscard]] int indexOf(std::int64_t t) const;
    [[nodiscard]] const QTimeZone &zone() const { return m_zone; }

    // Longest grid covering() builds, so a stray timestamp decades away cannot allocate without bound.
    static constexpr int kMaxDays = 366 * 30;

private:
    QTimeZone m_zone;
    QDate m_first;
    std::vector<std::int64_t> m_starts; // size() + 1 boundaries
};

} // namespace meshlens::models
