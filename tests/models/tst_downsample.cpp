// Tests for the display downsamplers: point budget respected, spikes kept, order kept, gaps dropped, and the
// small cases (empty, single point, within budget) passed through.

#include "models/charts/downsample.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace meshlens::models;

namespace {

// 100k noisy points around 10 with one spike up at index 31337 and one down at 77777.
QList<QPointF> noisy(int n = 100'000)
{
    QRandomGenerator rng(7);
    QList<QPointF> points;
    for (int i = 0; i < n; ++i) {
        points.append({i * 60.0, 10.0 + rng.generateDouble()});
    }
    points[31337].setY(500);
    points[77777].setY(-300);
    return points;
}

bool sortedByX(const QList<QPointF> &points)
{
    return std::is_sorted(points.begin(), points.end(),
                          [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
}

using Method = QList<QPointF> (*)(std::span<const QPointF>, int);

} // namespace

class TestDownsample : public QObject
{
    Q_OBJECT

private slots:
    void budget_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("budget");
        for (const int budget : {2, 3, 100, 1999, 2000, 4096}) {
            QTest::addRow("minmax/%d", budget) << 0 << budget;
            QTest::addRow("lttb/%d", budget) << 1 << budget;
        }
    }
    void budget()
    {
        QFETCH(int, method);
        QFETCH(int, budget);
        const Method fn = method == 0 ? downsampleMinMax : downsampleLttb;
        const QList<QPointF> points = noisy();
        const QList<QPointF> out = fn(points, budget);
        QVERIFY(out.size() <= budget);
        QVERIFY(out.size() >= std::min(budget, 2) / (method == 0 ? 2 : 1));
        QVERIFY(sortedByX(out));
        for (const QPointF &p : out) { // only real points, never invented ones
            QCOMPARE(points[static_cast<qsizetype>(p.x() / 60.0)], p);
        }
    }

    void minMax_keepsEverySpike()
    {
        const QList<QPointF> out = downsampleMinMax(noisy(), 2000);
        QVERIFY(out.contains(QPointF(31337 * 60.0, 500)));
        QVERIFY(out.contains(QPointF(77777 * 60.0, -300)));
        // Each column's extremes survive: the envelope is exact.
        const auto [lo, hi] = std::minmax_element(out.begin(), out.end(),
                                                  [](const QPointF &a, const QPointF &b) { return a.y() < b.y(); });
        QCOMPARE(lo->y(), -300.0);
        QCOMPARE(hi->y(), 500.0);
    }

    void lttb_keepsIsolatedSpikesAndEnds()
    {
        QList<QPointF> flat;
        for (int i = 0; i < 50'000; ++i) {
            flat.append({double(i), 1.0});
        }
        flat[12345].setY(90);
        const QList<QPointF> out = downsampleLttb(flat, 500);
        QCOMPARE(out.size(), 500);
        QCOMPARE(out.first(), flat.first());
        QCOMPARE(out.last(), flat.last());
        QVERIFY(out.contains(QPointF(12345, 90)));
    }

    void emptyAndSinglePoint_passThrough()
    {
        QVERIFY(downsampleMinMax({}, 100).isEmpty());
        QVERIFY(downsampleLttb({}, 100).isEmpty());
        const QList<QPointF> one{{5, 7}};
        QCOMPARE(downsampleMinMax(one, 100), one);
        QCOMPARE(downsampleLttb(one, 100), one);
        QCOMPARE(downsampleMinMax(one, 1), one);
    }

    void withinBudget_unchanged()
    {
        const QList<QPointF> few{{0, 1}, {1, 3}, {2, 2}};
        QCOMPARE(downsampleMinMax(few, 10), few);
        QCOMPARE(downsampleLttb(few, 3), few);
    }

    void gaps_areDropped()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const QList<QPointF> gappy{{0, 1}, {1, nan}, {2, 2}, {3, nan}};
        const QList<QPointF> expected{{0, 1}, {2, 2}};
        QCOMPARE(downsampleMinMax(gappy, 10), expected);
        QCOMPARE(downsampleLttb(gappy, 10), expected);
    }

    void sameX_doesNotDivideByZero()
    {
        QList<QPointF> stacked;
        for (int i = 0; i < 100; ++i) {
            stacked.append({42, double(i)});
        }
        const QList<QPointF> out = downsampleMinMax(stacked, 10);
        QCOMPARE(out.size(), 2);
        QCOMPARE(out[0].y(), 0.0);
        QCOMPARE(out[1].y(), 99.0);
    }
};

QTEST_GUILESS_MAIN(TestDownsample)
#include "tst_downsample.moc"
