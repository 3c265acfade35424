// Tests for evaluateCheck: pass rate over a window (RunCounts), open incidents and since when, skewed runs.

#include "models/health/checkevaluation.h"

#include <QTest>

using namespace meshlens::models;

namespace {
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kT0 = 1763251200;

std::vector<CheckRun> daily(const char *statuses)
{
    std::vector<CheckRun> out;
    for (int i = 0; statuses[i]; ++i) {
        out.push_back({kT0 + i * kDay, statuses[i], 0});
    }
    return out;
}
TimeRange days(int first, int count)
{
    return {kT0 + first * kDay, kT0 + (first + count) * kDay};
}
} // namespace

class TestCheckEvaluation : public QObject
{
    Q_OBJECT

private slots:
    void noRuns_noPassRate_noIncident()
    {
        const CheckEvaluation e = evaluateCheck({}, days(0, 7), kT0 + 6 * kDay);
        QVERIFY(!e.passRate());
        QVERIFY(!e.failingNow);
        QVERIFY(!e.lastStatus);
        const auto none = daily("----");
        QVERIFY(!evaluateCheck(none, days(0, 4), kT0 + 3 * kDay).passRate());
    }

    void passRate_overTheWindowOnly()
    {
        const auto runs = daily("FFPPPAP-");
        const CheckEvaluation all = evaluateCheck(runs, days(0, 8), kT0 + 7 * kDay);
        QCOMPARE(all.counts.pass, std::int64_t(4));
        QCOMPARE(all.counts.runs(), std::int64_t(7));
        QCOMPARE(*all.passRate(), 4.0 / 7.0);
        const CheckEvaluation last = evaluateCheck(runs, days(2, 6), kT0 + 7 * kDay);
        QCOMPARE(*last.passRate(), 4.0 / 5.0);
        QVERIFY(!last.failingNow);
    }

    void failingNow_sinceTheFirstFailureAfterTheLastPass()
    {
        const auto runs = daily("PPFF-AF");
        const CheckEvaluation e = evaluateCheck(runs, days(5, 2), kT0 + 6 * kDay);
        QVERIFY(e.failingNow);
        QCOMPARE(*e.failingSince, kT0 + 2 * kDay); // began before the window
        QCOMPARE(*e.lastStatus, 'F');
        QCOMPARE(*e.lastRunAt, kT0 + 6 * kDay);
    }

    void abortAfterFailure_keepsTheIncidentOpen_passClosesIt()
    {
        QVERIFY(evaluateCheck(daily("PFA"), days(0, 3), kT0 + 2 * kDay).failingNow);
        QVERIFY(!evaluateCheck(daily("PFAP"), days(0, 4), kT0 + 3 * kDay).failingNow);
        QVERIFY(!evaluateCheck(daily("PAA"), days(0, 3), kT0 + 2 * kDay).failingNow);
    }

    void runsAfterNow_areIgnoredAsSkewed()
    {
        auto runs = daily("PP");
        runs.push_back({kT0 + 40 * kDay, 'F', 0});
        const CheckEvaluation e = evaluateCheck(runs, days(0, 50), kT0 + kDay);
        QCOMPARE(e.skewed, std::int64_t(1));
        QVERIFY(!e.failingNow);
        QCOMPARE(*e.passRate(), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestCheckEvaluation)
#include "tst_checkevaluation.moc"
