// A sync or a migration killed with SIGKILL at any moment (no chance to roll back) must leave the cache exactly as
// it was before, or exactly as the completed work leaves it, and lose no outbox item. The test re-runs its own
// binary as the working process and kills it at seeded random moments; each survivor is checked with
// PRAGMA integrity_check and a content hash over every table.
//
// CI runs the quick form. The long form is the same test with more points and a bigger catalog:
//   MESHLENS_CRASH_POINTS=500 MESHLENS_CRASH_PRODUCTS=100000 MESHLENS_CRASH_SEED=7 tests/tst_crashsafety

#include "models/generate/cataloggenerator.h"
#include "models/store/database.h"
#include "models/store/schema.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace meshlens;

namespace {

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}

// Removes a cache and its WAL and shared-memory files, then copies a pristine one (closed, so WAL-free) over it.
bool restore(const QString &pristine, const QString &db)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
        QFile::remove(db + QLatin1String(suffix));
    }
    return QFile::copy(pristine, db);
}

// The outbox items a user wrote, without their delivery state (a sync may turn a pending edit into a conflict).
QString outboxItems(models::Database &db)
{
    return test::dumpRows(db, {"SELECT id, kind, entity_ext, payload, created_at FROM outbox ORDER BY id"});
}

struct Outcome
{
    QString error; // empty: consistent
    bool isNew = false;
};

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_points = 50;
    int m_products = 3000;
    quint32 m_seed = 17;
    QString m_pristine; // the cache before: a synced catalog with pending edits and feedback
    QByteArray m_oldHash;
    QString m_outboxBefore;

    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    // What a steward and a consumer wrote and have not sent (test::queueUnsentWork), into the cache at `path`; then
    // its content hash and outbox items.
    void writeOutbox(const QString &path, QByteArray &hash, QString &items)
    {
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        const std::int64_t first = test::scalar(db, "SELECT min(id) FROM entries");
        const std::int64_t last = test::scalar(db, "SELECT max(id) FROM entries");
        QVERIFY(test::queueUnsentWork(db, first, last));
        hash = test::contentHash(db);
        items = outboxItems(db);
    }

    // Syncs `bundle` into copies of `pristine` (whose content hash is oldHash), killed at seeded random moments of
    // the run: each leaves the old catalog or the completed sync's, and every outbox item. The completed sync's
    // cache stays at `db` for the caller.
    void killSyncs(const QString &pristine, const QString &bundle, const QByteArray &oldHash, const QString &outbox,
                   const QString &db, const char *what)
    {
        // The catalog the completed sync leaves, and how long the sync takes: the faster of two runs left alone
        // (the first meets a cold page cache), lowered by every later run that ends before its kill, so the kill
        // points stay spread over the run when later runs are faster than the first.
        qint64 fullMs = 0;
        for (int run = 0; run < 2; ++run) {
            QVERIFY(restore(pristine, db));
            const auto full = test::runSelf({QStringLiteral("--child-sync"), db, bundle});
            QVERIFY(!full.killed && full.ms > 0);
            fullMs = run == 0 ? full.ms : std::min(fullMs, full.ms);
        }
        QByteArray newHash;
        {
            models::Database d;
            QCOMPARE(test::openCache(d, db), QString());
            newHash = test::contentHash(d);
            QCOMPARE(outboxItems(d), outbox);
        }
        QVERIFY(newHash != oldHash);

        QRandomGenerator random(m_seed);
        int old = 0, complete = 0, interrupted = 0;
        const QString scratch = db + QLatin1String(".killed");
        for (int i = 0; i < m_points; ++i) {
            QVERIFY(restore(pristine, scratch));
            // Spread over the whole run, start-up and commit included, and a little past its usual end.
            const int at = static_cast<int>(random.bounded(static_cast<quint32>(fullMs * 11 / 10 + 1)));
            const auto run = test::runSelf({QStringLiteral("--child-sync"), scratch, bundle}, at);
            interrupted += run.killed ? 1 : 0;

            models::Database d;
            QCOMPARE(test::openCache(d, scratch), QString());
            models::Statement st = d.prepare("PRAGMA integrity_check");
            QVERIFY(st.next());
            QCOMPARE(st.text(0), QStringLiteral("ok"));
            const QByteArray hash = test::contentHash(d);
            QVERIFY2(hash == oldHash || hash == newHash,
                     qPrintable(QStringLiteral("kill point %1 (%2 ms): the cache is neither the old catalog nor the "
                                               "new one")
                                    .arg(i)
                                    .arg(at)));
            QCOMPARE(outboxItems(d), outbox);
            (hash == newHash ? complete : old) += 1;
            if (!run.killed && hash == newHash) { // a whole run: how long one takes now
                fullMs = std::min(fullMs, std::max<qint64>(1, run.ms));
            }
        }
        qInfo("crash-safety: %s killed at %d points (%d mid-run): %d left the old catalog, %d the new one; "
              "0 inconsistent",
              what, m_points, interrupted, old, complete);
        QVERIFY(interrupted > m_points / 2); // most kills must land mid-sync, or the test proves little
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_points = envInt("MESHLENS_CRASH_POINTS", m_points);
        m_products = envInt("MESHLENS_CRASH_PRODUCTS", m_products);
        m_seed = static_cast<quint32>(envInt("MESHLENS_CRASH_SEED", static_cast<int>(m_seed)));

        // The cache before: one generated catalog, plus what a steward and a consumer wrote and have not sent.
        m_pristine = path("pristine.db");
        QVERIFY(test::generateBundle(path("old.ndjson"), m_products, 3));
        QVERIFY(test::syncNow(m_pristine, path("old.ndjson")).ok);
        writeOutbox(m_pristine, m_oldHash, m_outboxBefore);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(m_outboxBefore.count(QLatin1Char('\n')) == 3); // the query line and two items
        QVERIFY(test::generateBundle(path("new.ndjson"), m_products, 4));
        qInfo("crash-safety: %d kill points, %d products, seed %u", m_points, m_products, m_seed);
    }

    void syncKilledAtRandomMoments_leavesOldOrNewCatalog_andEveryOutboxItem()
    {
        killSyncs(m_pristine, path("new.ndjson"), m_oldHash, m_outboxBefore, path("sync.db"), "sync");
    }

    void deltaResyncKilledAtRandomMoments_leavesOldOrNewCatalog_andEveryOutboxItem()
    {
        // The same bundle file synced again after a day's changes goes as a delta (the bundle source's digest).
        const QString bundle = path("resync.ndjson");
        const QString pristine = path("pristine-resync.db");
        QVERIFY(QFile::copy(path("old.ndjson"), bundle));
        QVERIFY(test::syncNow(pristine, bundle).ok);
        QByteArray oldHash;
        QString outbox;
        writeOutbox(pristine, oldHash, outbox);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(test::changedSnapshot(path("old.ndjson"), bundle));
        const QString db = path("resync.db");
        killSyncs(pristine, bundle, oldHash, outbox, db, "delta re-sync");
        if (QTest::currentTestFailed()) {
            return;
        }
        models::Database d;
        QCOMPARE(test::openCache(d, db), QString());
        QVERIFY(test::scalar(d, "SELECT count(*) FROM entries WHERE gen = 1") > m_products / 2); // it was a delta
    }

    void migrationKilledAtRandomMoments_leavesItUndoneOrDone()
    {
        // An older cache: version 5 rebuilds the search tables on its way to the current version.
        const QString older = path("older.db");
        QString catalogBefore;
        {
            QVERIFY(restore(m_pristine, older));
            models::Database d;
            QCOMPARE(test::openCache(d, older), QString());
            QVERIFY(!d.exec("PRAGMA user_version = 5"));
            catalogBefore = test::dumpCatalog(d);
        }
        const QString db = path("migrate.db");
        QVERIFY(restore(older, db));
        const auto full = test::runSelf({QStringLiteral("--child-migrate"), db});
        QVERIFY(!full.killed && full.ms > 0);
        qint64 fullMs = full.ms; // lowered as in killSyncs

        QRandomGenerator random(m_seed + 1);
        const int points = std::max(10, m_points / 5);
        int undone = 0, done = 0;
        for (int i = 0; i < points; ++i) {
            QVERIFY(restore(older, db));
            const int at = static_cast<int>(random.bounded(static_cast<quint32>(fullMs * 11 / 10 + 1)));
            const auto run = test::runSelf({QStringLiteral("--child-migrate"), db}, at);
            fullMs = run.killed ? fullMs : std::min(fullMs, std::max<qint64>(1, run.ms));

            models::Database d;
            QVERIFY(!d.open(db));
            const int version = models::Schema::version(d);
            QVERIFY2(version == 5 || version == 6 || version == models::Schema::kCurrentVersion,
                     qPrintable(QString::number(version)));
            (version == 5 ? undone : done) += 1;
            {
                models::Statement st = d.prepare("PRAGMA integrity_check");
                QVERIFY(st.next());
                QCOMPARE(st.text(0), QStringLiteral("ok"));
            }                                            // no statement may be open while the migration drops tables
            const auto err = models::Schema::migrate(d); // what was left undone finishes
            QVERIFY2(!err, err ? qPrintable(err->message) : "");
            QCOMPARE(test::dumpCatalog(d), catalogBefore);
            QCOMPARE(outboxItems(d), m_outboxBefore);
        }
        qInfo("crash-safety: migration killed at %d points: %d left it undone, %d done; 0 inconsistent", points, undone,
              done);
    }
};

// The child modes sync a bundle, or migrate a cache, and exit.
int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--child-sync") == 0) {
        QCoreApplication app(argc, argv);
        models::SyncEngine engine;
        engine.run(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
        return 0;
    }
    if (argc == 3 && qstrcmp(argv[1], "--child-migrate") == 0) {
        QCoreApplication app(argc, argv);
        models::Database db;
        if (db.open(QString::fromLocal8Bit(argv[2])) || models::Schema::migrate(db)) {
            return 1;
        }
        return 0;
    }
    QCoreApplication app(argc, argv);
    TestCrashSafety test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crashsafety.moc"
