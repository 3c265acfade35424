// The bundle source's re-sync: the same bundle synced again goes as a delta of what changed (BundleDigest), and
// must leave exactly the catalog a fresh full sync of that bundle leaves, every table compared by its logical dump.

#include "models/sources/bundle/bundledigest.h"
#include "models/store/catalogwriter.h"
#include "models/store/outbox.h"
#include "models/sync/linehash.h"
#include "models/sync/syncengine.h"
#include "support/testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
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

    void lineHash_isXxh64();
    void logicalCatalog_sameCatalogByAnotherPath_isEqual();
    void resync_createsUpdatesRemovals_matchesFreshFullSync();
    void resync_sendsOnlyWhatChanged();
    void resync_productRemoved_keepsEdgesOutOfIt();
    void resync_unchangedBundle_changesNothing();
    void resync_full_isSnapshot();
    void resync_unreadableState_syncsAsSnapshot();
    void resync_undiffableBundle_syncsAsSnapshot();
    void resync_personRemoved_syncsAsSnapshot();
    void resync_cancelled_keepsPreviousCatalog();
    void resync_failing_keepsPreviousCatalog();
    void resync_keepsPendingOutbox();

private:
    [[nodiscard]] QString path(const QString &name) const { return m_dir->filePath(name); }
    // One sync of the bundle at bundlePath() into the cache at dbPath.
    SyncResult sync(const QString &dbPath, bool full = false, const std::function<void(SyncEngine &)> &setup = {});
    // The logical dump of a fresh cache that synced only the bundle now at bundlePath().
    QString freshCatalog();
    QString bundlePath() const { return path(QStringLiteral("catalog.ndjson")); }
    QString originalPath() const { return path(QStringLiteral("original.ndjson")); }
    // Generates the first export (originalPath()), puts it at bundlePath() and syncs it into m_dbPath.
    bool firstSync();
    // Syncs bundlePath() into m_dbPath again: why it failed, or nothing.
    QString resync()
    {
        const SyncResult r = sync(m_dbPath);
        return r.ok ? QString() : QStringLiteral("sync failed: ") + r.error;
    }
    // The cache at m_dbPath, opened on first use.
    Database &cache();
    // Where the cache's catalog first differs from a fresh full sync's of bundlePath(); empty when it does not.
    QString fromFresh();
    // After a re-sync that must have gone as a snapshot: fromFresh(), or that rows of the first sync were kept.
    QString asSnapshot();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dbPath;
    std::unique_ptr<Database> m_db;
    int m_fresh = 0;
};

namespace {

constexpr std::int64_t kProducts = 150;
// Changes dense enough that a small catalog has each kind several times: 15 changed, 6 removed, 5 added.
const test::BundleChanges kChanges{10, 25, 30};

std::int64_t count(Database &db, const char *sql)
{
    return test::scalar(db, sql);
}

// Rewrites the bundle's lines with `edit` (which may change a line, return an empty array to drop it, or lines
// joined by '\n' to add some), and its end trailer's count to match.
bool editLines(const QString &file, const std::function<QByteArray(const QByteArray &)> &edit,
               const QByteArray &append = {})
{
    const QList<QByteArray> lines = test::readFile(file).split('\n');
    QByteArray out;
    qint64 records = -1; // the header is not a record
    for (const QByteArray &line : lines) {
        if (line.isEmpty() || line.contains("\"type\":\"end\"")) {
            continue;
        }
        const QByteArray edited = edit(line);
        if (!edited.isEmpty()) {
            out += edited + '\n';
            records += edited.count('\n') + 1;
        }
    }
    if (!append.isEmpty()) {
        out += append + '\n';
        records += append.count('\n') + 1;
    }
    out += "{\"type\":\"end\",\"records\":" + QByteArray::number(records) + "}\n";
    return test::writeFile(file, out);
}

} // namespace

void tst_BundleSource::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(QStringLiteral("meshlens.*.info=false\nmeshlens.*.warning=false"));
}

void tst_BundleSource::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_dbPath = path(QStringLiteral("catalog.db"));
    m_fresh = 0;
    QVERIFY(m_dir->isValid());
}

void tst_BundleSource::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

bool tst_BundleSource::firstSync()
{
    return test::generateBundle(originalPath(), kProducts, 1) && QFile::copy(originalPath(), bundlePath()) &&
           sync(m_dbPath).ok;
}

Database &tst_BundleSource::cache()
{
    if (!m_db) {
        m_db = std::make_unique<Database>();
        if (const QString err = test::openCache(*m_db, m_dbPath); !err.isEmpty()) {
            qWarning("cannot open the cache: %s", qPrintable(err));
        }
    }
    return *m_db;
}

QString tst_BundleSource::fromFresh()
{
    return test::firstDifference(freshCatalog(), test::logicalCatalog(cache()));
}

QString tst_BundleSource::asSnapshot()
{
    if (const std::int64_t kept = test::scalar(cache(), "SELECT count(*) FROM entries WHERE gen = 1"); kept != 0) {
        return QStringLiteral("%1 products of the first sync were not written again: a delta").arg(kept);
    }
    return fromFresh();
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

void tst_BundleSource::lineHash_isXxh64()
{
    // Published XXH64 values: the digest outlives the build that wrote it, so the function must never drift.
    QCOMPARE(lineHash(""), 0xEF46DB3751D8E999ULL);
    QCOMPARE(lineHash("abc"), 0x44BC2CF5AD770999ULL);
    QVERIFY(lineHash("abc", 1) != lineHash("abc"));
    const std::string longer(100, 'x');
    QVERIFY(lineHash(longer) != lineHash(longer.substr(1)));
}

void tst_BundleSource::logicalCatalog_sameCatalogByAnotherPath_isEqual()
{
    // The same catalog reached two ways: straight, and by a full sync over an older export (other ids, another
    // generation). Their stored bytes differ; what they say does not.
    const QString original = path(QStringLiteral("original.ndjson"));
    QVERIFY(test::generateBundle(original, kProducts, 1));
    QVERIFY(test::changedSnapshot(originalPath(), bundlePath(), kChanges));
    const QString expected = freshCatalog();

    QVERIFY(QFile::copy(original, path(QStringLiteral("copy.ndjson"))));
    QVERIFY(QFile::remove(bundlePath()) && QFile::copy(original, bundlePath()));
    QVERIFY(sync(m_dbPath).ok);
    QVERIFY(test::changedSnapshot(originalPath(), bundlePath(), kChanges));
    QVERIFY(sync(m_dbPath, true).ok);
    Database &db = cache();
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
    QVERIFY(db.exec("UPDATE entries SET description = 'changed by hand' WHERE id = (SELECT max(id) FROM entries)") ==
            std::nullopt);
    const QString changed = test::firstDifference(expected, test::logicalCatalog(db));
    QVERIFY2(changed.contains(QLatin1String("## entries (149)")) && changed.contains(QLatin1String("changed by hand")),
             qPrintable(changed));
}

void tst_BundleSource::resync_createsUpdatesRemovals_matchesFreshFullSync()
{
    QVERIFY(firstSync());

    const auto counts = test::changedSnapshot(originalPath(), bundlePath(), kChanges);
    QVERIFY(counts);
    QVERIFY(counts->changed > 5 && counts->removed > 3 && counts->added > 3);
    // A renamed person too: the products they own are searched by the new name.
    bool renamed = false;
    QVERIFY(editLines(bundlePath(), [&](const QByteArray &line) -> QByteArray {
        QByteArray l = line;
        if (!renamed && l.contains("\"type\":\"person\"")) {
            renamed = true;
            l.replace("\"display_name\":\"", "\"display_name\":\"Dr. ");
        }
        return l;
    }));
    QVERIFY(renamed);
    QCOMPARE(resync(), QString()); // else why the sync failed

    Database &db = cache();
    // It went as a delta: the products nothing changed kept the generation of the first sync.
    QVERIFY(count(db, "SELECT count(*) FROM entries WHERE gen = 1") > kProducts / 2);
    QCOMPARE(fromFresh(), QString()); // else the first difference
    QCOMPARE(test::integrityCheck(db), QStringLiteral("ok"));
}

void tst_BundleSource::resync_sendsOnlyWhatChanged()
{
    QVERIFY(firstSync());
    // Only description changes, no removals (a removal also changes the products downstream: their edges go).
    const auto counts = test::changedSnapshot(originalPath(), bundlePath(), {10, 5, 5}); // i % 5 is never 7 or 11
    QVERIFY(counts && counts->changed == 15 && counts->removed == 0 && counts->added == 0);
    const SyncResult r = sync(m_dbPath);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.products, counts->changed); // the writer saw the changed products and no others

    Database &db = cache();
    QCOMPARE(count(db, "SELECT count(*) FROM entries WHERE gen = 2"), counts->changed);
    QCOMPARE(count(db, "SELECT count(*) FROM entries WHERE gen = 2 AND description LIKE 'Revised: %'"),
             counts->changed);
    QCOMPARE(fromFresh(), QString()); // else the first difference
}

void tst_BundleSource::resync_productRemoved_keepsEdgesOutOfIt()
{
    // A product whose group goes while an edge out of it stays in the group of the product it feeds: a snapshot
    // keeps that edge (edges may name products a bundle lacks), so the delta's tombstone must not take it.
    QVERIFY(firstSync());
    QByteArray gone;
    for (const QByteArray &line : test::readFile(bundlePath()).split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(QLatin1String("type")) == QLatin1String("lineage")) {
            gone = o.value(QLatin1String("from")).toString().toUtf8();
            break;
        }
    }
    QVERIFY(!gone.isEmpty());
    QVERIFY(editLines(bundlePath(), [&](const QByteArray &line) -> QByteArray {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const QString type = o.value(QLatin1String("type")).toString();
        const QByteArray key = (type == QLatin1String("product")   ? o.value(QLatin1String("id"))
                                : type == QLatin1String("lineage") ? o.value(QLatin1String("to"))
                                                                   : o.value(QLatin1String("product")))
                                   .toString()
                                   .toUtf8();
        return key == gone ? QByteArray() : line;
    }));
    QCOMPARE(resync(), QString()); // else why the sync failed
    Database &db = cache();
    QCOMPARE(count(db, "SELECT count(*) FROM entries WHERE gen = 2"), 0); // one tombstone, nothing else
    QCOMPARE(count(db, "SELECT count(*) FROM entries"), kProducts - 1);
    Statement edges = db.prepare("SELECT count(*) FROM lineage WHERE from_ext = ?1");
    edges.bind(1, QString::fromUtf8(gone));
    QVERIFY(edges.next() && edges.int64(0) > 0);
    QCOMPARE(fromFresh(), QString()); // else the first difference
}

void tst_BundleSource::resync_unchangedBundle_changesNothing()
{
    QVERIFY(test::generateBundle(bundlePath(), kProducts, 1));
    QVERIFY(sync(m_dbPath).ok);
    Database &db = cache();
    const QString before = test::logicalCatalog(db);
    const QString rows = test::dumpRows(db, {"SELECT * FROM entries ORDER BY id", "SELECT * FROM ports ORDER BY id",
                                             "SELECT * FROM lineage ORDER BY id", "SELECT * FROM sla_objectives",
                                             "SELECT rowid, * FROM entry_fts ORDER BY rowid"});

    const SyncResult r = sync(m_dbPath);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.products, 0);
    QCOMPARE(test::firstDifference(before, test::logicalCatalog(db)), QString());
    // Not one row rewritten: same ids, same generations.
    QCOMPARE(test::dumpRows(db, {"SELECT * FROM entries ORDER BY id", "SELECT * FROM ports ORDER BY id",
                                 "SELECT * FROM lineage ORDER BY id", "SELECT * FROM sla_objectives",
                                 "SELECT rowid, * FROM entry_fts ORDER BY rowid"}),
             rows);
}

void tst_BundleSource::resync_full_isSnapshot()
{
    QVERIFY(firstSync());
    QVERIFY(test::changedSnapshot(originalPath(), bundlePath(), kChanges));
    const SyncResult r = sync(m_dbPath, true);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.products, kProducts - 6 + 5); // every product written again
    Database &db = cache();
    QCOMPARE(count(db, "SELECT count(*) FROM entries WHERE gen = 1"), 0);
    // ... and the digest kept for the next delta is the one a fresh sync keeps (source_state is in the dump).
    QCOMPARE(fromFresh(), QString()); // else the first difference
}

void tst_BundleSource::resync_unreadableState_syncsAsSnapshot()
{
    QVERIFY(firstSync());
    {
        Database db;
        QVERIFY(test::openCache(db, m_dbPath).isEmpty());
        QCOMPARE(count(db, "SELECT count(*) FROM source_state WHERE key = 'digest'"), 1);
        // Cut short: an entry's bytes are missing.
        QVERIFY(db.exec("UPDATE source_state SET value = substr(value, 1, length(value) - 3) WHERE key = 'digest'") ==
                std::nullopt);
    }
    QVERIFY(test::changedSnapshot(originalPath(), bundlePath(), kChanges));
    const SyncResult r = sync(m_dbPath);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.products, kProducts - 6 + 5);
    QCOMPARE(fromFresh(), QString()); // else the first difference
}

void tst_BundleSource::resync_undiffableBundle_syncsAsSnapshot()
{
    QVERIFY(firstSync());
    // The next export puts every lineage edge at the end, away from the products they go into: a delta would not
    // know whose they are, so the source starts over as a snapshot (and keeps no digest).
    QVERIFY(test::changedSnapshot(originalPath(), bundlePath(), kChanges));
    QByteArray edges;
    QVERIFY(editLines(bundlePath(), [&](const QByteArray &line) -> QByteArray {
        if (line.contains("\"type\":\"lineage\"")) {
            edges += line + '\n';
            return QByteArray();
        }
        return line;
    }));
    QVERIFY(!edges.isEmpty());
    edges.chop(1);
    QVERIFY(editLines(
        bundlePath(), [](const QByteArray &line) { return line; }, edges));
    QCOMPARE(resync(), QString()); // else why the sync failed
    Database &db = cache();
    QCOMPARE(count(db, "SELECT count(*) FROM source_state WHERE key = 'digest'"), 0);
    QCOMPARE(asSnapshot(), QString());
}

void tst_BundleSource::resync_personRemoved_syncsAsSnapshot()
{
    // The first export has a person nobody names; the next one no longer has them. A snapshot removes them (and
    // would refuse products that still named them), so the re-sync is one.
    const QString original = originalPath();
    QVERIFY(test::generateBundle(original, kProducts, 1));
    QVERIFY(QFile::copy(original, bundlePath()));
    bool added = false;
    QVERIFY(editLines(bundlePath(), [&](const QByteArray &line) -> QByteArray {
        if (!added && line.contains("\"type\":\"person\"")) {
            added = true;
            return line + "\n{\"type\":\"person\",\"id\":\"leaver\",\"name\":\"leaver\"}";
        }
        return line;
    }));
    QVERIFY(added);
    QVERIFY(sync(m_dbPath).ok);
    QVERIFY(test::changedSnapshot(originalPath(), bundlePath(), kChanges));
    QCOMPARE(resync(), QString()); // else why the sync failed
    Database &db = cache();
    QCOMPARE(count(db, "SELECT count(*) FROM people WHERE ext_id = 'leaver'"), 0);
    QCOMPARE(asSnapshot(), QString());
}

void tst_BundleSource::resync_cancelled_keepsPreviousCatalog()
{
    QVERIFY(firstSync());
    Database &db = cache();
    const QString before = test::dumpCatalog(db);
    const QByteArray hash = test::contentHash(db);

    QVERIFY(test::changedSnapshot(originalPath(), bundlePath(), kChanges));
    bool cancelled = false;
    const SyncResult r = sync(m_dbPath, false, [&](SyncEngine &engine) {
        // At the last moment: the delta is written and about to commit.
        connect(&engine, &SyncEngine::progress, this, [&](const SyncProgress &p) {
            if (p.phase == SyncProgress::Phase::Indexing && !cancelled) {
                cancelled = true;
                engine.cancel();
            }
        });
    });
    QVERIFY(cancelled);
    QVERIFY(r.cancelled && !r.ok);
    QCOMPARE(test::dumpCatalog(db), before);
    QCOMPARE(test::contentHash(db), hash); // the digest too: the next sync diffs against the catalog still there

    const SyncResult again = sync(m_dbPath);
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(fromFresh(), QString()); // else the first difference
}

void tst_BundleSource::resync_failing_keepsPreviousCatalog()
{
    QVERIFY(firstSync());
    Database &db = cache();
    const QString before = test::dumpCatalog(db);
    const QString state = test::dumpRows(db, {"SELECT * FROM source_state"});

    // A changed product late in the bundle names a domain there is none of: the writer refuses it after the delta
    // has written the changes before it.
    QVERIFY(test::changedSnapshot(originalPath(), bundlePath(), kChanges));
    QByteArray last;
    for (const QByteArray &line : test::readFile(bundlePath()).split('\n')) {
        if (line.contains("\"type\":\"product\"") && line.contains("Revised: ")) {
            last = line;
        }
    }
    QVERIFY(!last.isEmpty());
    QVERIFY(editLines(bundlePath(), [&](const QByteArray &line) -> QByteArray {
        if (line != last) {
            return line;
        }
        QByteArray l = line;
        const qsizetype at = l.indexOf("\"domain\":\"") + 10;
        l.insert(at, "no-such-");
        return l;
    }));
    const SyncResult r = sync(m_dbPath);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QLatin1String("no-such-")), qPrintable(r.error));
    QCOMPARE(test::dumpCatalog(db), before);
    QCOMPARE(test::dumpRows(db, {"SELECT * FROM source_state"}), state);
}

void tst_BundleSource::resync_keepsPendingOutbox()
{
    QVERIFY(firstSync());
    Database &db = cache();
    // Products 0 and 3 in bundle order: 0 stays as it is, 3 changes (i % 10 == 3).
    const std::int64_t kept = count(db, "SELECT min(id) FROM entries");
    const std::int64_t changed = count(db, "SELECT id FROM entries ORDER BY id LIMIT 1 OFFSET 3");
    Outbox outbox(db);
    ProductEdit edit;
    edit.description = QStringLiteral("A steward's words");
    const QString a = outbox.queueEdit(kept, edit, 1'763'700'000).id;
    const QString b = outbox.queueEdit(changed, edit, 1'763'700'000).id;
    QVERIFY(!a.isEmpty() && !b.isEmpty());

    QVERIFY(test::changedSnapshot(originalPath(), bundlePath(), kChanges));
    QCOMPARE(resync(), QString()); // else why the sync failed
    QCOMPARE(count(db, "SELECT count(*) FROM entries WHERE gen = 1") > 0, true);
    const auto keptItem = outbox.item(a);
    const auto changedItem = outbox.item(b);
    QVERIFY(keptItem && changedItem);
    QCOMPARE(keptItem->state, QStringLiteral("pending"));
    // The product under the other edit moved on: a conflict to resolve, never dropped.
    QVERIFY2(changedItem->state == QLatin1String("conflict") || changedItem->state == QLatin1String("pending"),
             qPrintable(changedItem->state));
}

QTEST_GUILESS_MAIN(tst_BundleSource)
#include "tst_bundlesource.moc"
