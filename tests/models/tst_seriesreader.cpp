// Tests for SeriesReader: SLA and check series read back from the chunk tables, by range, with gaps, overlapping
// chunks resolved the way a delta sync resolves them, and the catalog-wide scans the health views use.

#include "models/store/seriescodec.h"
#include "models/store/seriesreader.h"
#include "support/testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace meshlens;
using namespace meshlens::models;

namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kStart = 1763251200; // 2025-11-16T00:00:00Z

QByteArray seriesBundle()
{
    return test::header("snapshot", "s1") +
           "{\"type\":\"product\",\"id\":\"p\",\"name\":\"p\"}\n"
           "{\"type\":\"sla\",\"product\":\"p\",\"id\":\"fresh\",\"kind\":\"freshness\",\"target\":6,\"unit\":\"h\"}\n"
           "{\"type\":\"sla\",\"product\":\"p\",\"id\":\"avail\",\"kind\":\"availability\",\"target\":99,"
           "\"op\":\">=\"}\n"
           "{\"type\":\"sla\",\"product\":\"p\",\"id\":\"empty\",\"kind\":\"latency\",\"target\":10}\n"
           "{\"type\":\"sla_measurement\",\"product\":\"p\",\"sla\":\"fresh\",\"start\":1763251200,\"step\":86400,"
           "\"values\":[1,2,null,4,5,6]}\n"
           "{\"type\":\"sla_measurement\",\"product\":\"p\",\"sla\":\"avail\",\"start\":1763251200,\"step\":86400,"
           "\"values\":[99.5,98]}\n"
           "{\"type\":\"check\",\"product\":\"p\",\"id\":\"rows\",\"name\":\"row count\"}\n"
           "{\"type\":\"check\",\"product\":\"p\",\"id\":\"nn\",\"name\":\"not null\"}\n"
           "{\"type\":\"check_result\",\"product\":\"p\",\"check\":\"rows\",\"start\":1763251200,\"step\":86400,"
           "\"statuses\":\"PF-A\",\"values\":[10,0,null,7]}\n"
           "{\"type\":\"check_result\",\"product\":\"p\",\"check\":\"nn\",\"at\":1763337600,\"status\":\"fail\","
           "\"message\":\"3 nulls in id\"}\n";
}

} // namespace

class TestSeriesReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("series.db"));
        QCOMPARE(test::syncedCache(m_db, m_path, seriesBundle()), QString());
        m_fresh = test::scalar(m_db, "SELECT id FROM sla_objectives WHERE ext_id = 'fresh'");
        m_avail = test::scalar(m_db, "SELECT id FROM sla_objectives WHERE ext_id = 'avail'");
        m_empty = test::scalar(m_db, "SELECT id FROM sla_objectives WHERE ext_id = 'empty'");
        m_rows = test::scalar(m_db, "SELECT id FROM checks WHERE ext_id = 'rows'");
        m_nn = test::scalar(m_db, "SELECT id FROM checks WHERE ext_id = 'nn'");
        QVERIFY(m_fresh > 0 && m_avail > 0 && m_empty > 0 && m_rows > 0 && m_nn > 0);
    }

    void wholeSeriesWithGaps()
    {
        SeriesReader reader(m_db);
        const std::vector<SeriesPoint> points = reader.sla(m_fresh);
        QCOMPARE(points.size(), size_t(6));
        for (size_t i = 0; i < points.size(); ++i) {
            QCOMPARE(points[i].t, kStart + kDay * std::int64_t(i));
        }
        QCOMPARE(points[0].value, 1.0f);
        QVERIFY(std::isnan(points[2].value));
        QCOMPARE(points[5].value, 6.0f);
        QVERIFY(!reader.error());
    }

    void rangeIsHalfOpen()
    {
        SeriesReader reader(m_db);
        const std::vector<SeriesPoint> points = reader.sla(m_fresh, {kStart + kDay, kStart + 4 * kDay});
        QCOMPARE(points.size(), size_t(3));
        QCOMPARE(points.front().t, kStart + kDay);
        QCOMPARE(points.back().t, kStart + 3 * kDay);
        QVERIFY(reader.sla(m_fresh, {kStart + 6 * kDay, kStart + 9 * kDay}).empty());
        QVERIFY(reader.sla(m_fresh, {kStart - 9 * kDay, kStart}).empty());
    }

    void noSeriesIsEmpty()
    {
        SeriesReader reader(m_db);
        QVERIFY(reader.sla(m_empty).empty());
        QVERIFY(reader.sla(987654).empty());
        QVERIFY(reader.check(987654).empty());
    }

    void laterChunkWinsWhereChunksOverlap()
    {
        // A second chunk starting on day 4 re-measures days 4..6 and adds day 7.
        const std::vector<float> vals = {40, 50, 60, 70};
        const std::vector<std::byte> blob = SeriesCodec::encode(vals);
        Statement ins = m_db.prepare("INSERT INTO sla_series(objective_id, t0, step, n, vals) VALUES(?1,?2,?3,?4,?5)");
        ins.bind(1, m_fresh).bind(2, kStart + 3 * kDay).bind(3, kDay).bind(4, 4).bindBlob(5, blob);
        QVERIFY(ins.exec());
        SeriesReader reader(m_db);
        const std::vector<SeriesPoint> points = reader.sla(m_fresh);
        QCOMPARE(points.size(), size_t(7));
        QCOMPARE(points[2].t, kStart + 2 * kDay);
        QCOMPARE(points[3].value, 40.0f);
        QCOMPARE(points[5].value, 60.0f);
        QCOMPARE(points[6].value, 70.0f);
        QVERIFY(m_db.exec("DELETE FROM sla_series WHERE t0 <> 1763251200") == std::nullopt);
    }

    void checkRunsCarryStatusAndValue()
    {
        SeriesReader reader(m_db);
        const std::vector<CheckRun> runs = reader.check(m_rows);
        QCOMPARE(runs.size(), size_t(4));
        QCOMPARE(QString::fromLatin1(std::string{runs[0].status, runs[1].status, runs[2].status, runs[3].status}),
                 QStringLiteral("PF-A"));
        QCOMPARE(runs[0].value, 10.0f);
        QVERIFY(std::isnan(runs[2].value));
        QCOMPARE(runs[3].t, kStart + 3 * kDay);

        const std::vector<CheckRun> single = reader.check(m_nn);
        QCOMPARE(single.size(), size_t(1));
        QCOMPARE(single[0].status, 'F');
        QCOMPARE(single[0].t, kStart + kDay);
        QVERIFY(std::isnan(single[0].value));
        QCOMPARE(QString::fromStdString(reader.lastCheckMessage(m_nn)), QStringLiteral("3 nulls in id"));
        QCOMPARE(QString::fromStdString(reader.lastCheckMessage(m_nn, {0, kStart + kDay})), QString());
        QCOMPARE(QString::fromStdString(reader.lastCheckMessage(m_rows)), QString());
    }

    void passRateCountsRunsThatHappened()
    {
        SeriesReader reader(m_db);
        const RunCounts rows = countRuns(reader.check(m_rows)); // P F - A
        QCOMPARE(rows.pass, 1);
        QCOMPARE(rows.fail, 1);
        QCOMPARE(rows.aborted, 1);
        QCOMPARE(rows.none, 1);
        QCOMPARE(rows.passRate().value_or(-1), 1.0 / 3.0);
        RunCounts total = rows;
        total.add(countRuns(reader.check(m_nn))); // F
        QCOMPARE(total.passRate().value_or(-1), 0.25);
        QVERIFY(!countRuns({}).passRate());
        QVERIFY(!countRuns(reader.check(m_rows, {kStart + 2 * kDay, kStart + 3 * kDay})).passRate()); // only '-'
    }

    void scansVisitEveryObjectiveInIdOrder()
    {
        SeriesReader reader(m_db);
        QList<std::int64_t> ids;
        QList<size_t> sizes;
        reader.forEachSla({}, [&](std::int64_t id, std::span<const SeriesPoint> points) {
            ids << id;
            sizes << points.size();
            return true;
        });
        QCOMPARE(ids, (QList<std::int64_t>{std::min(m_fresh, m_avail), std::max(m_fresh, m_avail)}));
        QCOMPARE(sizes.value(ids.indexOf(m_fresh)), size_t(6));
        QCOMPARE(sizes.value(ids.indexOf(m_avail)), size_t(2));

        // A range that only the longer series reaches, and a visitor that stops after the first.
        ids.clear();
        reader.forEachSla({kStart + 2 * kDay, kStart + 3 * kDay}, [&](std::int64_t id, std::span<const SeriesPoint>) {
            ids << id;
            return true;
        });
        QCOMPARE(ids, QList<std::int64_t>{m_fresh});
        int visits = 0;
        reader.forEachCheck({}, [&](std::int64_t, std::span<const CheckRun>) { return ++visits < 1; });
        QCOMPARE(visits, 1);

        QList<std::int64_t> checks;
        reader.forEachCheck({}, [&](std::int64_t id, std::span<const CheckRun> runs) {
            checks << id;
            return !runs.empty();
        });
        QCOMPARE(checks.size(), 2);
        QVERIFY(!reader.error());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    Database m_db;
    std::int64_t m_fresh = 0, m_avail = 0, m_empty = 0, m_rows = 0, m_nn = 0;
};

QTEST_GUILESS_MAIN(TestSeriesReader)
#include "tst_seriesreader.moc"
