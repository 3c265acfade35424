// Test support's logical dump of a cache (test::logicalCatalog): two caches
// holding the same catalog compare equal whatever path built them; the bundle
// source's re-sync tests compare against it.

#include "models/sync/syncengine.h"
#include "support/testsupport.h"

#include <QFile>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace meshlens;
using namespace meshlens::models;

class tst_BundleSource final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void logicalCatalog_sameCatalogByAnotherPath_isEqual();

private:
    [[nodiscard]] QString path(const QString &name) const { return m_dir->filePath(name); }
    // One sync of the bundle at bundlePath() into the cache at dbPath.
    SyncResult sync(const QString &dbPath, bool full = false, const std::function<void(SyncEngine &)> &setup = {});
    // The logical dump of a fresh cache that synced only the bundle now at
    // bundlePath().
    QString freshCatalog();
    QString bundlePath() const { return path(QStringLiteral("catalog.ndjson")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dbPath;
    int m_fresh = 0;
};

namespace {

constexpr std::int64_t kProducts = 150;
// Changes dense enough that a small catalog has each kind several times: 15
// changed, 6 removed, 5 added.
const test::BundleChanges kChanges{10, 25, 30};

} // namespace

void tst_BundleSource::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(QStringLiteral("meshlens.*.info=false\nmeshlens.*.warning=false"));
}

void tst_BundleSource::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_dbPath = path(QStringLiteral("catalog.db"));
    m_fresh = 0;
}

void tst_BundleSource::cleanup()
{
    m_dir.reset();
}

SyncResult tst_BundleSource::sync(const QString &dbPath, bool full, const std::function<void(SyncEngine &)> &setup)
{
    SyncEngine engine;
    std::optional<SyncResult> result;
    connect(&engine, &SyncEngine::finished, this, [&](const SyncResult &r) { result = r; });
    if (setup) {
        setup(engine);
    }
    engine.run(dbPath, bundlePath(), full);
    return result.value_or(SyncResult{});
}

QString tst_BundleSource::freshCatalog()
{
    const QString db = path(QStringLiteral("fresh-%1.db").arg(++m_fresh));
    const SyncResult r = sync(db, true);
    if (!r.ok) {
        return QStringLiteral("fresh sync failed: ") + r.error;
    }
    Database fresh;
    if (const QString err = test::openCache(fresh, db); !err.isEmpty()) {
        return err;
    }
    return test::logicalCatalog(fresh);
}

SyncResult tst_BundleSource::sync(const QString &dbPath, bool full, const std::function<void(SyncEngine &)> &setup)
{
    SyncEngine engine;
    std::optional<SyncResult> result;
    connect(&engine, &SyncEngine::finished, this, [&](const SyncResult &r) { result = r; });
    if (setup) {
        setup(engine);
    }
    engine.run(dbPath, bundlePath(), full);
    return result.value_or(SyncResult{});
}

QString tst_BundleSource::freshCatalog()
{
    const QString db = path(QStringLiteral("fresh-%1.db").arg(++m_fresh));
    const SyncResult r = sync(db, true);
    if (!r.ok) {
        return QStringLiteral("fresh sync failed: ") + r.error;
    }
    Database fresh;
    if (const QString err = test::openCache(fresh, db); !err.isEmpty()) {
        return err;
    }
    return test::logicalCatalog(fresh);
}

QString tst_BundleSource::freshCatalog()
{
    const QString db = path(QStringLiteral("fresh-%1.db").arg(++m_fresh));
    const SyncResult r = sync(db, true);
    if (!r.ok) {
        return QStringLiteral("fresh sync failed: ") + r.error;
    }
    Database fresh;
    if (const QString err = test::openCache(fresh, db); !err.isEmpty()) {
        return err;
    }
    return test::logicalCatalog(fresh);
}

void tst_BundleSource::logicalCatalog_sameCatalogByAnotherPath_isEqual()
{
    // The same catalog reached two ways: straight, and by a full sync over an
    // older export (other ids, another generation). Their stored bytes differ;
    // what they say does not.
    const QString original = path(QStringLiteral("original.ndjson"));
    QVERIFY(test::generateBundle(original, kProducts, 1));
    QVERIFY(test::changedSnapshot(original, bundlePath(), kChanges));
    const QString expected = freshCatalog();

    QVERIFY(QFile::copy(original, path(QStringLiteral("copy.ndjson"))));
    QVERIFY(QFile::remove(bundlePath()) && QFile::copy(original, bundlePath()));
    QVERIFY(sync(m_dbPath).ok);
    QVERIFY(test::changedSnapshot(original, bundlePath(), kChanges));
    QVERIFY(sync(m_dbPath, true).ok);
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    const QString actual = test::logicalCatalog(db);
    const QString diff = test::firstDifference(expected, actual);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY(actual.contains(QLatin1String("## entries (149)")));
    QVERIFY(actual.contains(QLatin1String("## entry_fts integrity-check: ok")));
    QVERIFY(actual.contains(QLatin1String("## tables the logical dump does not know (0)")));

    Database fresh;
    QVERIFY(test::openCache(fresh, path(QStringLiteral("fresh-1.db"))).isEmpty());
    QVERIFY(test::contentHash(fresh) != test::contentHash(db));

    // A difference is found and named.
    QVERIFY(db.exec("UPDATE entries SET description = 'changed by hand' WHERE id "
                    "= (SELECT max(id) FROM entries)") == std::nullopt);
    const QString changed = test::firstDifference(expected, test::logicalCatalog(db));
    QVERIFY2(changed.contains(QLatin1String("## entries (149)")) && changed.contains(QLatin1String("changed by hand")),
             qPrintable(changed));
}

QTEST_GUILESS_MAIN(tst_BundleSource)
#include "tst_bundlesource.moc"
