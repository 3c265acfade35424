// Tests for TimeChart: a 100k-point series reaches Qt Charts within the point budget with its spikes, the exact
// data stays behind it for hover and click, the budget follows the width, and layers stack as asked.

#include "ui/timechart.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QTest>

using namespace meshlens;

namespace {

QList<QPointF> longSeries(int n)
{
    QList<QPointF> points;
    for (int i = 0; i < n; ++i) {
        points.append({1.7e12 + i * 60'000.0, 10.0 + (i % 7)});
    }
    points[54321].setY(999);
    return points;
}

QLineSeries *lineNamed(ui::TimeChart &chart, const QString &name)
{
    for (QAbstractSeries *s : chart.findChild<QChartView *>(QStringLiteral("chartView"))->chart()->series()) {
        if (s->name() == name) {
            return qobject_cast<QLineSeries *>(s);
        }
    }
    return nullptr;
}

} // namespace

class TestTimeChart : public QObject
{
    Q_OBJECT

private slots:
    void longSeries_drawnWithinBudgetWithItsSpike()
    {
        ui::TimeChart chart;
        chart.resize(1000, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QList<QPointF> points = longSeries(100'000);
        chart.setTimeRange(static_cast<qint64>(points.first().x()), static_cast<qint64>(points.last().x()));
        chart.addLine(QStringLiteral("v"), points, Qt::blue);
        chart.rebuild();
        QLineSeries *line = lineNamed(chart, QStringLiteral("v"));
        QVERIFY(line);
        QVERIFY(line->count() <= chart.pointBudget());
        QVERIFY(line->count() > chart.pointBudget() / 4);
        QCOMPARE(chart.drawnPoints(), line->count());
        QCOMPARE(chart.exactPoints(), 100'000);
        QVERIFY(line->points().contains(points[54321]));
        // The budget is about two points per pixel of the plot.
        const int plot = static_cast<int>(line->chart()->plotArea().width());
        QCOMPARE(chart.pointBudget(), std::max(2 * plot, 64));
        // Hover and click report the exact data, not the decimated copy.
        QCOMPARE(*chart.nearest(QStringLiteral("v"), points[12345].x() + 1000), points[12345]);

        // Twice as wide: re-decimated to the new budget on resize.
        const qsizetype before = line->count();
        chart.resize(2000, 300);
        QTRY_VERIFY(lineNamed(chart, QStringLiteral("v")) && lineNamed(chart, QStringLiteral("v"))->count() > before);
    }

    void downsamplingOff_drawsEveryPoint()
    {
        ui::TimeChart chart;
        chart.resize(800, 300);
        chart.setDownsampling(false);
        chart.setTimeRange(0, 1);
        chart.addLine(QStringLiteral("v"), longSeries(60'000), Qt::blue);
        chart.rebuild();
        QCOMPARE(lineNamed(chart, QStringLiteral("v"))->count(), 60'000);
    }

    void layers_stackBandsUnderTargetUnderLine()
    {
        ui::TimeChart chart;
        chart.setTimeRange(0, 10'000);
        chart.addLine(QStringLiteral("value"), {{0, 1}, {5000, 8}, {10'000, 2}}, Qt::blue);
        chart.addThreshold(QStringLiteral("target"), 6, Qt::red);
        chart.addBands(QStringLiteral("breach"), {{4000, 6000}}, Qt::red);
        chart.addMarkers(QStringLiteral("marks"), {{5000, 8}}, Qt::red);
        chart.rebuild();
        QStringList order;
        for (QAbstractSeries *s : chart.findChild<QChartView *>(QStringLiteral("chartView"))->chart()->series()) {
            order << s->name();
        }
        QCOMPARE(order, QStringList({QStringLiteral("breach"), QStringLiteral("target"), QStringLiteral("value"),
                                     QStringLiteral("marks")}));
        QCOMPARE(lineNamed(chart, QStringLiteral("target"))->points().value(0).y(), 6.0);
        QVERIFY(!chart.nearest(QStringLiteral("nothing"), 0));
    }
};

QTEST_MAIN(TestTimeChart)
#include "tst_timechart.moc"
