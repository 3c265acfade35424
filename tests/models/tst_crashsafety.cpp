// A sync killed with SIGKILL half-way (no chance to roll back) must leave the previous catalog intact: the test
// re-runs its own binary as the syncing process and kills it once it has written part of a big bundle.

#include "models/generate/cataloggenerator.h"
#include "models/store/database.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace meshlens;

class TestCrashSafety : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void syncKilledMidway_keepsPreviousCatalog()
    {
        const QString db = m_dir.filePath(QStringLiteral("crash.db"));
        const QString small = m_dir.filePath(QStringLiteral("small.ndjson"));
        QVERIFY(test::writeFile(small, test::sampleBundle()));
        QVERIFY(test::syncNow(db, small).ok);
        QString before;
        {
            models::Database d;
            QCOMPARE(test::openCache(d, db), QString());
            before = test::dumpCatalog(d);
        }

        // A bundle big enough that the sync is still writing when it is killed.
        const QString big = m_dir.filePath(QStringLiteral("big.ndjson"));
        {
            models::GeneratorOptions options;
            options.products = 30000;
            options.seed = 3;
            options.asOf = 1'763'683'200;
            QSaveFile out(big);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QVERIFY(!models::CatalogGenerator(options).write(out));
            QVERIFY(out.commit());
        }

        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("--child-sync"), db, big});
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start();
        QVERIFY(child.waitForStarted());
        // Wait until the child reports that records are flowing into the open transaction, then kill it.
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (!out.contains("writing") && timer.elapsed() < 60000 && child.state() == QProcess::Running) {
            child.waitForReadyRead(100);
            out += child.readAllStandardOutput();
        }
        QVERIFY2(out.contains("writing"), out.constData());
        // The harder case: the open transaction has spilled pages into the WAL (not only into memory).
        const QString wal = db + QStringLiteral("-wal");
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(wal).size() > 1024 * 1024 || child.state() != QProcess::Running, 60000);
        QCOMPARE(child.state(), QProcess::Running); // still in the middle of the sync
        child.kill();                               // SIGKILL: no rollback, no cleanup
        QVERIFY(child.waitForFinished());

        models::Database d;
        QCOMPARE(test::openCache(d, db), QString());
        QCOMPARE(test::dumpCatalog(d), before);
        models::Statement st = d.prepare("PRAGMA integrity_check");
        QVERIFY(st.next());
        QCOMPARE(st.text(0), QStringLiteral("ok"));
    }
};

// The child mode syncs a bundle and says when it has started writing records.
int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--child-sync") == 0) {
        QCoreApplication app(argc, argv);
        models::SyncEngine engine;
        bool announced = false;
        QObject::connect(&engine, &models::SyncEngine::progress, &engine, [&](const models::SyncProgress &p) {
            if (!announced && p.records > 1000) {
                announced = true;
                std::printf("writing\n");
                std::fflush(stdout);
            }
        });
        engine.run(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
        return 0;
    }
    QCoreApplication app(argc, argv);
    TestCrashSafety test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crashsafety.moc"
