// CacheSession: opens and migrates the cache once, hands out worker connections, and emits catalogChanged after a
// sync that committed, never after one that failed, and when the outbox or the sources change.

#include "models/session/cachesession.h"
#include "models/store/catalogreader.h"
#include "models/store/schema.h"
#include "support/testsupport.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using models::CatalogChange;

Q_DECLARE_METATYPE(meshlens::models::CatalogChange)

class TestCacheSession final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qRegisterMetaType<CatalogChange>();
    }

    void open_createsTheFolderAndMigrates_workersGetTheirOwnConnections()
    {
        models::CacheSession session;
        const QString path = m_dir.filePath(QStringLiteral("new/folder/cache.db"));
        QVERIFY(!session.open(path));
        QVERIFY(session.isOpen());
        QCOMPARE(session.path(), path);
        QCOMPARE(models::Schema::version(session.database()), models::Schema::kCurrentVersion);
        QVERIFY(session.reader().isEmpty());

        models::Database worker;
        QVERIFY(!session.connections().openReader(worker));
        QCOMPARE(models::Schema::version(worker), models::Schema::kCurrentVersion);
    }

    void open_refusesWhatIsNotACache()
    {
        const QString path = m_dir.filePath(QStringLiteral("not-a-cache.db"));
        {
            models::Database other;
            QVERIFY(!other.open(path));
            QVERIFY(!other.exec("CREATE TABLE something_else(x); PRAGMA user_version = 99;"));
        }
        models::CacheSession session;
        QVERIFY(session.open(path));
        QVERIFY(!session.isOpen());
    }

    void sync_thatCommits_emitsSynced_aFailedOneNothing()
    {
        models::CacheSession session;
        QVERIFY(!session.open(m_dir.filePath(QStringLiteral("synced.db"))));
        const QString bundle = m_dir.filePath(QStringLiteral("synced.ndjson"));
        QVERIFY(test::writeFile(bundle, test::sampleBundle()));
        QSignalSpy changed(&session, &models::CacheSession::catalogChanged);
        QSignalSpy finished(&session.sync(), &models::SyncController::finished);

        QVERIFY(session.startSync(bundle));
        QVERIFY(finished.wait(30000));
        QCOMPARE(changed.size(), 1); // emitted before finished reaches receivers connected after the session
        QCOMPARE(changed.first().first().value<CatalogChange>(), CatalogChange::Synced);
        QVERIFY(!session.reader().isEmpty());

        QVERIFY(session.startSync(m_dir.filePath(QStringLiteral("missing.ndjson"))));
        QVERIFY(finished.wait(30000));
        QVERIFY(!finished.last().first().value<models::SyncResult>().ok);
        QCOMPARE(changed.size(), 1);
    }

    void outboxAndSources_emitTheirOwnChange()
    {
        models::CacheSession session;
        QVERIFY(!session.open(m_dir.filePath(QStringLiteral("notify.db"))));
        QSignalSpy changed(&session, &models::CacheSession::catalogChanged);
        session.notifyOutboxChanged();
        session.notifySourcesRemoved();
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed[0].first().value<CatalogChange>(), CatalogChange::Outbox);
        QCOMPARE(changed[1].first().value<CatalogChange>(), CatalogChange::SourcesRemoved);
    }
};

QTEST_GUILESS_MAIN(TestCacheSession)
#include "tst_cachesession.moc"
