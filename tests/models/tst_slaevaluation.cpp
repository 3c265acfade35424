// Tests for evaluateSla and slaCalendar over hand-made series: no data, gaps, a breach spanning the window start,
// ongoing breaches, clock-skewed timestamps, NaN / negative / infinite values, error budget and burn rate.

#include "models/health/slaevaluation.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace meshlens::models;

namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kT0 = 1763251200; // a UTC midnight
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Daily points from kT0.
std::vector<SeriesPoint> daily(std::initializer_list<float> values)
{
    std::vector<SeriesPoint> out;
    std::int64_t t = kT0;
    for (float v : values) {
        out.push_back({t, v});
        t += kDay;
    }
    return out;
}

SlaSpec freshness(double hours = 6)
{
    return SlaSpec{hours, false, kDay};
}

TimeRange days(int first, int count)
{
    return {kT0 + first * kDay, kT0 + (first + count) * kDay};
}

std::int64_t dayAt(int i)
{
    return kT0 + i * kDay;
}

} // namespace

class TestSlaEvaluation : public QObject
{
    Q_OBJECT

private slots:
    void noData_isNoDataWithoutCompliance()
    {
        const SlaEvaluation e = evaluateSla(freshness(), {}, days(0, 10), dayAt(9), 0.95);
        QCOMPARE(e.state, SlaState::NoData);
        QVERIFY(!e.compliance);
        QVERIFY(!e.budgetRemaining);
        QVERIFY(!e.burnRate);
        QVERIFY(e.breaches.empty());
        QCOMPARE(e.met + e.missed, std::int64_t(0));
    }

    void allGaps_countGapsButNoCompliance()
    {
        const auto points = daily({kNaN, kNaN, kNaN});
        const SlaEvaluation e = evaluateSla(freshness(), points, days(0, 3), dayAt(2), 0.95);
        QCOMPARE(e.gaps, std::int64_t(3));
        QCOMPARE(e.rejected, std::int64_t(0));
        QCOMPARE(e.state, SlaState::NoData);
        QVERIFY(!e.compliance);
    }

    void compliance_countsMetOverMeasured_gapsExcluded()
    {
        // 6 h target: 1, 2, gap, 9 (miss), 3 -> 3 met of 4 measured.
        const auto points = daily({1, 2, kNaN, 9, 3});
        const SlaEvaluation e = evaluateSla(freshness(), points, days(0, 5), dayAt(4), 0.95);
        QCOMPARE(e.met, std::int64_t(3));
        QCOMPARE(e.missed, std::int64_t(1));
        QCOMPARE(e.gaps, std::int64_t(1));
        QCOMPARE(*e.compliance, 0.75);
        QCOMPARE(e.state, SlaState::Met);
        QCOMPARE(*e.latest, 3.0);
        QCOMPARE(*e.latestAt, dayAt(4));
        QCOMPARE(e.breaches.size(), size_t(1));
        QCOMPARE(e.breaches[0].start, dayAt(3));
        QCOMPARE(*e.breaches[0].end, dayAt(4));
        QCOMPARE(e.breaches[0].worst, 9.0f);
        QCOMPARE(*e.lastBreachEnd, dayAt(4));
        QCOMPARE(e.secondsInBreach, kDay);
    }

    void atLeastObjective_usesGreaterOrEqual()
    {
        const SlaSpec avail{99.5, true, kDay};
        const auto points = daily({99.9f, 99.5f, 98.0f});
        const SlaEvaluation e = evaluateSla(avail, points, days(0, 3), dayAt(2), 0.95);
        QCOMPARE(e.met, std::int64_t(2)); // 99.5 meets >= 99.5
        QCOMPARE(e.missed, std::int64_t(1));
        QCOMPARE(e.state, SlaState::Breached);
        QVERIFY(e.breachedNow());
        QCOMPARE(e.breaches.back().worst, 98.0f);
    }

    void gapInsideBreach_doesNotEndIt()
    {
        const auto points = daily({1, 8, kNaN, 9, 2});
        const SlaEvaluation e = evaluateSla(freshness(), points, days(0, 5), dayAt(4), 0.95);
        QCOMPARE(e.breaches.size(), size_t(1));
        QCOMPARE(e.breaches[0].start, dayAt(1));
        QCOMPARE(*e.breaches[0].end, dayAt(4));
        QCOMPARE(e.secondsInBreach, 3 * kDay);
    }

    void breachSpanningWindowStart_keepsItsTrueStart_andClipsTime()
    {
        // Missed on days 2..5, window is days 4..7: the breach began before the window.
        const auto points = daily({1, 1, 9, 9, 9, 9, 1, 1});
        const SlaEvaluation e = evaluateSla(freshness(), points, days(4, 4), dayAt(7), 0.95);
        QCOMPARE(e.breaches.size(), size_t(1));
        QCOMPARE(e.breaches[0].start, dayAt(2)); // true start, outside the window
        QCOMPARE(*e.breaches[0].end, dayAt(6));
        QCOMPARE(e.secondsInBreach, 2 * kDay); // only days 4 and 5 fall in the window
        QCOMPARE(e.met, std::int64_t(2));
        QCOMPARE(e.missed, std::int64_t(2));
    }

    void breachEndedBeforeWindow_isNotListedButRemembered()
    {
        const auto points = daily({9, 1, 1, 1});
        const SlaEvaluation e = evaluateSla(freshness(), points, days(2, 2), dayAt(3), 0.95);
        QVERIFY(e.breaches.empty());
        QCOMPARE(*e.lastBreachEnd, dayAt(1));
        QCOMPARE(*e.compliance, 1.0);
    }

    void ongoingBreachAtWindowEnd_hasNoEnd()
    {
        const auto points = daily({1, 1, 9, 9});
        const SlaEvaluation e = evaluateSla(freshness(), points, days(0, 4), dayAt(3) + 3600, 0.95);
        QCOMPARE(e.state, SlaState::Breached);
        QCOMPARE(e.breaches.size(), size_t(1));
        QVERIFY(!e.breaches[0].end);
        QVERIFY(!e.lastBreachEnd);                // one is ongoing
        QCOMPARE(e.secondsInBreach, kDay + 3600); // from day 2 to now
    }

    void staleFeed_isStaleNotMet()
    {
        const auto points = daily({1, 1});
        const SlaEvaluation e = evaluateSla(freshness(), points, days(0, 10), dayAt(9), 0.95);
        QCOMPARE(e.state, SlaState::Stale);
        QCOMPARE(*e.compliance, 1.0);
    }

    void clockSkewedPoints_areRejectedClearly()
    {
        auto points = daily({1, 2, 3});
        points.push_back({dayAt(30), 50}); // a month in the future
        const SlaEvaluation e = evaluateSla(freshness(), points, days(0, 40), dayAt(2), 0.95);
        QCOMPARE(e.rejected, std::int64_t(1));
        QCOMPARE(e.missed, std::int64_t(0));
        QCOMPARE(*e.latestAt, dayAt(2));
        QCOMPARE(e.problems.size(), 1);
        QVERIFY2(e.problems[0].contains(QLatin1String("clock")), qPrintable(e.problems[0]));
    }

    void outOfOrderAndDuplicateTimestamps_areOrdered_lastDuplicateWins()
    {
        std::vector<SeriesPoint> points = {{dayAt(2), 1}, {dayAt(0), 9}, {dayAt(1), 1}, {dayAt(0), 2}};
        const SlaEvaluation e = evaluateSla(freshness(), points, days(0, 3), dayAt(2), 0.95);
        QCOMPARE(e.met, std::int64_t(3)); // day 0 is 2 (the later duplicate), not 9
        QCOMPARE(e.missed, std::int64_t(0));
        QCOMPARE(*e.latest, 1.0);
    }

    void negativeAndInfiniteValues_areRejectedClearly()
    {
        const auto points = daily({1, -4, std::numeric_limits<float>::infinity(), 2});
        const SlaEvaluation e = evaluateSla(freshness(), points, days(0, 4), dayAt(3), 0.95);
        QCOMPARE(e.rejected, std::int64_t(2));
        QCOMPARE(e.met, std::int64_t(2));
        QCOMPARE(e.problems.size(), 1);
        QVERIFY2(e.problems[0].contains(QLatin1String("negative")), qPrintable(e.problems[0]));
    }

    void invalidTarget_rejectsTheSeries_data()
    {
        QTest::addColumn<double>("target");
        QTest::newRow("NaN") << double(kNaN);
        QTest::newRow("negative") << -1.0;
        QTest::newRow("infinite") << std::numeric_limits<double>::infinity();
    }
    void invalidTarget_rejectsTheSeries()
    {
        QFETCH(double, target);
        const auto points = daily({1, 2});
        const SlaEvaluation e = evaluateSla(SlaSpec{target, false, kDay}, points, days(0, 2), dayAt(1), 0.95);
        QCOMPARE(e.state, SlaState::NoData);
        QCOMPARE(e.rejected, std::int64_t(2));
        QVERIFY(!e.compliance);
        QVERIFY(e.problems.value(0).contains(QLatin1String("target")));
    }

    void errorBudget_andBurnRate()
    {
        // 20 measurements, goal 90%: 2 misses allowed. 1 miss -> half the budget left, burn 0.5.
        std::vector<SeriesPoint> points;
        for (int i = 0; i < 20; ++i) {
            points.push_back({dayAt(i), i == 5 ? 10.0f : 1.0f});
        }
        SlaEvaluation e = evaluateSla(freshness(), points, days(0, 20), dayAt(19), 0.90);
        QVERIFY(std::abs(*e.budgetRemaining - 0.5) < 1e-9);
        QVERIFY(std::abs(*e.burnRate - 0.5) < 1e-9);
        // 4 misses: the budget is overspent twice over.
        for (int i : {6, 7, 8}) {
            points[static_cast<size_t>(i)].value = 10;
        }
        e = evaluateSla(freshness(), points, days(0, 20), dayAt(19), 0.90);
        QVERIFY(std::abs(*e.burnRate - 2.0) < 1e-9);
        QVERIFY(std::abs(*e.budgetRemaining + 1.0) < 1e-9);
        // A 7-day window after the misses has burnt nothing.
        e = evaluateSla(freshness(), points, days(13, 7), dayAt(19), 0.90);
        QCOMPARE(*e.burnRate, 0.0);
        QCOMPARE(*e.budgetRemaining, 1.0);
    }

    void calendar_coloursDaysByCompliance()
    {
        std::vector<SeriesPoint> points = daily({1, 9, kNaN, 2});
        points.push_back({dayAt(0) + 3600, 9}); // a second measurement on day 0 that missed
        points.push_back({dayAt(3), -1});       // invalid, ignored
        const std::vector<CalendarDay> cal = slaCalendar(freshness(), points, dayAt(0) + 7200, dayAt(4) + 10);
        QCOMPARE(cal.size(), size_t(5));
        QCOMPARE(cal[0].day, dayAt(0));
        QCOMPARE(cal[0].compliance, DayCompliance::Partial);
        QCOMPARE(cal[1].compliance, DayCompliance::Missed);
        QCOMPARE(cal[2].compliance, DayCompliance::NoData);
        QCOMPARE(cal[3].compliance, DayCompliance::Met);
        QCOMPARE(cal[3].met, 1);
        QCOMPARE(cal[4].compliance, DayCompliance::NoData);
    }
};

QTEST_GUILESS_MAIN(TestSlaEvaluation)
#include "tst_slaevaluation.moc"
