// Tests for ChartCsv: the exact chart data as CSV, with quoting, gaps, zone offsets, and catalog text that a
// spreadsheet must not evaluate.

#include "models/charts/chartcsv.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace meshlens::models;

class TestChartCsv : public QObject
{
    Q_OBJECT

private slots:
    void trend_rowPerDayWithEmptyRateWhenNothingRan()
    {
        PassRateTrend trend;
        TrendBucket a{QDate(2025, 11, 16), 0, 0, {}, 2};
        a.counts.pass = 3;
        a.counts.fail = 1;
        trend.buckets = {a, TrendBucket{QDate(2025, 11, 17), 0, 0, {}, 0}};
        const QList<QByteArray> lines = ChartCsv::trend(trend).split('\n');
        QCOMPARE(lines.value(0), QByteArray("date,runs,passed,failed,aborted,pass_rate,products\r"));
        QCOMPARE(lines.value(1), QByteArray("2025-11-16,4,3,1,0,0.75,2\r"));
        QCOMPARE(lines.value(2), QByteArray("2025-11-17,0,0,0,0,,0\r"));
    }

    void sla_exactPointsGapsAndVerdicts()
    {
        SlaTrack track;
        track.info.target = 6;
        track.info.op = QStringLiteral("<=");
        track.points = {{1763251200, 1.5f}, {1763337600, std::numeric_limits<float>::quiet_NaN()}, {1763424000, 9.25f}};
        const QList<QByteArray> lines = ChartCsv::sla(track, QTimeZone("Europe/Berlin")).split('\n');
        QCOMPARE(lines.value(0), QByteArray("time,value,target,op,met\r"));
        QCOMPARE(lines.value(1), QByteArray("2025-11-16T01:00:00+01:00,1.5,6,<=,true\r"));
        QCOMPARE(lines.value(2), QByteArray("2025-11-17T01:00:00+01:00,,6,<=,\r"));
        QCOMPARE(lines.value(3), QByteArray("2025-11-18T01:00:00+01:00,9.25,6,<=,false\r"));
    }

    void checks_nameIsInertAndQuoted()
    {
        CheckTrack c;
        c.info.name = QStringLiteral("=HYPERLINK(\"http://x\",\"a, b\")");
        c.runs = {{1763251200, 'F', 0}, {1763337600, 'A', std::numeric_limits<float>::quiet_NaN()}};
        const QList<QByteArray> lines = ChartCsv::checks({c}, QTimeZone::utc()).split('\n');
        QCOMPARE(lines.value(1),
                 QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\",2025-11-16T00:00:00+00:00,fail,0\r"));
        QVERIFY(lines.value(2).endsWith(",aborted,\r"));
    }

    void textCell_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("cell");
        QTest::newRow("plain") << QStringLiteral("rows") << QStringLiteral("rows");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("plus") << QStringLiteral("+1") << QStringLiteral("'+1");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("minus") << QStringLiteral("-cmd") << QStringLiteral("'-cmd");
    }
    void textCell()
    {
        QFETCH(QString, text);
        QFETCH(QString, cell);
        QCOMPARE(ChartCsv::textCell(text), cell);
    }
};

QTEST_GUILESS_MAIN(TestChartCsv)
#include "tst_chartcsv.moc"
