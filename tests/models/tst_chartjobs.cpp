// Tests for ChartJobs: jobs run off the calling thread on their own connection, only the newest result is
// delivered, a superseded or cancelled job sees its cancel flag, and a cache that cannot be opened is reported.

#include "models/charts/chartjobs.h"
#include "support/testsupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace meshlens;
using namespace meshlens::models;

namespace {

struct Answer
{
    QString error;
    std::int64_t value = 0;
    bool sawCancel = false;
    bool offThread = false;
};

} // namespace

class TestChartJobs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    // A job that waits until released or cancelled, then counts the products.
    static std::function<Answer(Database &, const std::atomic_bool &)> job(std::atomic_bool *release, QThread *gui)
    {
        return [release, gui](Database &db, const std::atomic_bool &cancel) {
            while (!cancel.load() && !release->load()) {
                QThread::msleep(1);
            }
            return Answer{
                {}, test::scalar(db, "SELECT count(*) FROM entries"), cancel.load(), QThread::currentThread() != gui};
        };
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("jobs.db"));
        const QString bundle = m_dir.filePath(QStringLiteral("jobs.ndjson"));
        QVERIFY(test::syncBundle(m_path, bundle, test::qualityBundle()));
    }

    void newestWins_olderIsCancelledAndDropped()
    {
        ChartJobs jobs(m_path);
        std::atomic_bool holdFirst = false, holdSecond = false;
        QList<Answer> delivered;
        Answer first;
        std::atomic_bool firstDone = false;
        // The first job records what it saw even though its answer is never delivered.
        jobs.submit<Answer>(
            [inner = job(&holdFirst, QThread::currentThread()), &first, &firstDone](Database &db,
                                                                                    const std::atomic_bool &cancel) {
                first = inner(db, cancel);
                firstDone = true;
                return first;
            },
            [&delivered](Answer a) { delivered << a; });
        QVERIFY(jobs.isBusy());
        jobs.submit<Answer>(job(&holdSecond, QThread::currentThread()), [&delivered](Answer a) { delivered << a; });
        QTRY_VERIFY(firstDone.load());
        QVERIFY(first.sawCancel);
        holdSecond = true;
        QTRY_COMPARE(delivered.size(), 1);
        QCOMPARE(delivered[0].value, 3);
        QVERIFY(!delivered[0].sawCancel);
        QVERIFY(delivered[0].offThread);
        QVERIFY(!jobs.isBusy());
        QTest::qWait(50);
        QCOMPARE(delivered.size(), 1); // the first answer never arrives
    }

    void cancel_dropsTheResult()
    {
        ChartJobs jobs(m_path);
        std::atomic_bool hold = false;
        int delivered = 0;
        jobs.submit<Answer>(job(&hold, QThread::currentThread()), [&delivered](Answer) { ++delivered; });
        jobs.cancel();
        QVERIFY(!jobs.isBusy());
        QTest::qWait(100);
        QCOMPARE(delivered, 0);
    }

    void unopenableCache_reportsAnError()
    {
        ChartJobs jobs(m_dir.filePath(QStringLiteral("no/such/dir/x.db")));
        std::atomic_bool release = true;
        std::optional<Answer> answer;
        jobs.submit<Answer>(job(&release, QThread::currentThread()), [&answer](Answer a) { answer = a; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(!answer->error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChartJobs)
#include "tst_chartjobs.moc"
