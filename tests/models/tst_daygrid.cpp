// Tests for DayGrid: calendar days of a time zone as epoch ranges, right across DST changes, half-hour offsets
// and a day that does not start at midnight.

#include "models/charts/daygrid.h"

#include <QDateTime>
#include <QTest>

using namespace meshlens::models;

namespace {

std::int64_t at(int y, int m, int d, int hh, int mm, const QTimeZone &zone)
{
    return QDateTime(QDate(y, m, d), QTime(hh, mm), zone).toSecsSinceEpoch();
}

} // namespace

class TestDayGrid : public QObject
{
    Q_OBJECT

private slots:
    void utc_daysAre86400SecondsFromMidnight()
    {
        const QTimeZone utc = QTimeZone::utc();
        const DayGrid grid(utc, QDate(2025, 11, 16), QDate(2025, 11, 18));
        QCOMPARE(grid.size(), 3);
        QCOMPARE(grid.start(0), 1763251200); // 2025-11-16T00:00:00Z
        QCOMPARE(grid.end(2) - grid.start(0), 3 * 86400);
        QCOMPARE(grid.indexOf(1763251200), 0);
        QCOMPARE(grid.indexOf(1763251200 + 86400 - 1), 0);
        QCOMPARE(grid.indexOf(1763251200 + 86400), 1);
        QCOMPARE(grid.indexOf(1763251200 - 1), -1);
        QCOMPARE(grid.indexOf(grid.range().to), -1);
        QCOMPARE(grid.date(2), QDate(2025, 11, 18));
    }

    void dstDays_have23And25Hours()
    {
        const QTimeZone berlin("Europe/Berlin");
        QVERIFY(berlin.isValid());
        const DayGrid spring(berlin, QDate(2025, 3, 29), QDate(2025, 3, 31));
        QCOMPARE(spring.end(1) - spring.start(1), 23 * 3600);
        QCOMPARE(spring.end(0) - spring.start(0), 24 * 3600);
        const DayGrid autumn(berlin, QDate(2025, 10, 26), QDate(2025, 10, 26));
        QCOMPARE(autumn.end(0) - autumn.start(0), 25 * 3600);
        // Late evening of the short day is still that day; local midnight after it is the next day.
        QCOMPARE(spring.indexOf(at(2025, 3, 30, 23, 30, berlin)), 1);
        QCOMPARE(spring.indexOf(at(2025, 3, 31, 0, 0, berlin)), 2);
        QCOMPARE(autumn.indexOf(at(2025, 10, 26, 23, 59, berlin)), 0);
    }

    void halfHourOffset_bucketsByLocalDate()
    {
        const QTimeZone kolkata("Asia/Kolkata"); // UTC+05:30
        QVERIFY(kolkata.isValid());
        const DayGrid grid(kolkata, QDate(2025, 11, 16), QDate(2025, 11, 17));
        QCOMPARE(grid.start(0), 1763251200 - 5 * 3600 - 1800);
        QCOMPARE(grid.indexOf(1763251200), 0);             // 05:30 local on the 16th
        QCOMPARE(grid.indexOf(1763251200 + 19 * 3600), 1); // 00:30 local on the 17th
        QCOMPARE(grid.indexOf(1763251200 + 18 * 3600 + 1799), 0);
    }

    void dayStartingAtOneAm_startsAtOneAm()
    {
        // Brazil moved clocks forward at midnight in 2018: 4 November began at 01:00.
        const QTimeZone saoPaulo("America/Sao_Paulo");
        QVERIFY(saoPaulo.isValid());
        const DayGrid grid(saoPaulo, QDate(2018, 11, 3), QDate(2018, 11, 4));
        QCOMPARE(grid.start(1), at(2018, 11, 4, 1, 0, saoPaulo));
        QCOMPARE(grid.end(0) - grid.start(0), 24 * 3600);
        QCOMPARE(grid.end(1) - grid.start(1), 23 * 3600);
    }

    void covering_endsAtTheDayOfTheLastInstant()
    {
        const QTimeZone utc = QTimeZone::utc();
        const DayGrid exact = DayGrid::covering(utc, {1763251200, 1763251200 + 2 * 86400});
        QCOMPARE(exact.size(), 2);
        const DayGrid partial = DayGrid::covering(utc, {1763251200 + 3600, 1763251200 + 2 * 86400 + 1});
        QCOMPARE(partial.size(), 3);
        QCOMPARE(partial.start(0), 1763251200);
    }

    void emptyAndOpenRanges_giveEmptyGrids()
    {
        QVERIFY(DayGrid::covering(QTimeZone::utc(), {}).isEmpty()); // all time has no calendar
        QVERIFY(DayGrid::covering(QTimeZone::utc(), {100, 100}).isEmpty());
        QVERIFY(DayGrid(QTimeZone::utc(), QDate(2025, 1, 2), QDate(2025, 1, 1)).isEmpty());
        QCOMPARE(DayGrid().indexOf(0), -1);
        QCOMPARE(DayGrid().size(), 0);
    }

    void hugeRange_isCapped()
    {
        const DayGrid grid = DayGrid::covering(QTimeZone::utc(), {0, 4'000'000'000});
        QCOMPARE(grid.size(), DayGrid::kMaxDays);
    }
};

QTEST_GUILESS_MAIN(TestDayGrid)
#include "tst_daygrid.moc"
