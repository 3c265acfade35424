#pragma once

// Helpers shared by the tests: hand-written bundles, a synchronous sync for local files, and a canonical dump
// of the catalog tables so "nothing changed" can be asserted byte for byte.

#include "models/store/database.h"
#include "models/sync/syncengine.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

namespace meshlens::models {
class CacheSession;
struct GeneratorOptions;
struct HealthSnapshot;
} // namespace meshlens::models

namespace meshlens::test {

QString fixturesDir(); // ../shared/fixtures
QString testDataDir(); // tests/data

// A small bundle with every record type: 2 domains, 2 teams, 3 people, 3 products (ports, SLAs with series,
// checks with results), 2 lineage edges. Cursor "c1".
QByteArray sampleBundle();

// Quality data for the chart tests, daily from 2025-11-16 (UTC): domain sales with p1 ("Product One": checks
// c1 "PPFPA-" and c2 "PFFP", SLAs fresh <= 6 [1,9,-,8,2,7] and avail >= 99 [99.5,98]) and p2 (check c3 "-PP" from
// day 1); domain finance with p3 (no checks). ada owns p1 and p3 (and stewards p2), bob owns p2, team t-sales p1.
QByteArray qualityBundle();

// Header line for a hand-written bundle.
QByteArray header(const char *mode = "snapshot", const char *cursor = "c1", const char *since = nullptr);

// The whole file, or an empty array when it cannot be read.
QByteArray readFile(const QString &path);
// A line diff by longest common subsequence: "-N text" for a line of `a` that went, "+N text" for a line of `b`
// that came (1-based line numbers in their own file), removals of a run before its additions.
QStringList lineDiff(const QByteArray &a, const QByteArray &b);

// Writes bytes to a file (creating folders); fails the test on error via QVERIFY in the caller's scope.
bool writeFile(const QString &path, const QByteArray &bytes);

// Runs one sync of `source` into the cache at dbPath on this thread and returns its result (local sources finish
// synchronously; HTTP ones spin an event loop until finished).
models::SyncResult syncNow(const QString &dbPath, const QString &source);
// Writes `bytes` to the bundle file at bundlePath and syncs it into the cache at dbPath: whether both worked.
bool syncBundle(const QString &dbPath, const QString &bundlePath, const QByteArray &bytes);

// Runs `work` on a std::thread (whose start and join ThreadSanitizer sees, unlike a pool thread's hand-over inside
// Qt) while this thread's event loop keeps running, so a fake server living here answers a blocking client there.
// `meanwhile`, if given, is called on this thread every few milliseconds. Aborts the test if work takes longer
// than timeoutMs: a hang is a failure, and the thread cannot be abandoned.
void runOnThread(const std::function<void()> &work, const std::function<void()> &meanwhile = {}, int timeoutMs = 20000);

// What PRAGMA integrity_check says of the cache ("ok" when it is sound).
QString integrityCheck(models::Database &db);
// Every catalog table's rows in a canonical order, as text: equal dumps mean equal catalogs.
QString dumpCatalog(models::Database &db);
// A subquery's SQL: a port's columns as text, in order, what their definitions say rather than their ids (which
// differ between caches). The port is `pt`: "SELECT ..., (" MESHLENS_TEST_PORT_COLUMNS ") FROM ports pt".
#define MESHLENS_TEST_PORT_COLUMNS                                                                                     \
    "SELECT group_concat(c, ';') FROM (SELECT name || ':' || type || ':' || description || ':' || nullable || "        \
    "primary_key || ':' || tags AS c FROM port_columns WHERE port_id = pt.id ORDER BY position)"
// A hash of every table's rows (virtual tables through their shadow tables; the sources table without the times
// of sync attempts), in a canonical order: equal hashes mean equal caches, whatever the table.
QByteArray contentHash(models::Database &db);
// Every table of the cache as what it says rather than how it is stored, for comparing two caches built by different
// paths (a full sync against a delta re-sync): surrogate ids are replaced by the natural keys they stand for (source
// uri, ext ids), sync generations and the times of sync attempts are left out, each table's rows are sorted. The
// search documents' facet tokens and the vocabulary's are translated the same way (the rowid block tokens, which
// only say where an id fell, are dropped); both full-text indexes are checked with FTS5's integrity-check. A table
// the dump does not know is listed as such, so a new table cannot be compared by omission. A block per table,
// headed "## <table> (<rows>)".
QString logicalCatalog(models::Database &db);
// The first line where two logicalCatalog() texts differ, with the table it is in, for a failure message; empty
// when they are equal.
QString firstDifference(const QString &expected, const QString &actual);
// The rows of each query, as text (a line per row, '|' between columns), each block headed by its query.
QString dumpRows(models::Database &db, const QList<const char *> &queries);

// Runs `run` with stdout and stderr captured to temporary files (for the CLI's runCli and its verbs).
struct Captured
{
    int code = -1;
    QString out, err;
};
Captured capture(const std::function<int(std::FILE *out, std::FILE *err)> &run);
// Writes a generated catalog bundle of `products` (that seed, a fixed as-of) to path, atomically.
bool generateBundle(const QString &path, std::int64_t products, std::uint64_t seed);
// Writes the catalog `options` generate to path, atomically.
bool generateBundle(const QString &path, const models::GeneratorOptions &options);
// Generates a catalog of `products` (seed 1, a fixed as-of) into dir and syncs it into a cache there; returns the
// cache's path, or an empty string on failure.
QString generatedCache(const QString &dir, std::int64_t products);
// What changes between two exports of a generated catalog (product index i in bundle order, from 0): products with
// i % changeEvery == 3 change (a revised description, their last SLA measurement 999 and last check run failed),
// those with i % removeEvery == 7 are gone (with their lineage), and each with i % addEvery == 11 gains a copy named
// "<id>_copy" after it. The defaults are the re-sync: 1% changed, 0.1% removed, 0.1% added.
struct BundleChanges
{
    int changeEvery = 100, removeEvery = 1000, addEvery = 1000;
};
struct BundleChangeCounts
{
    std::int64_t changed = 0, removed = 0, added = 0;
};
// The next export as a snapshot bundle (same header, the end trailer's count adjusted).
std::optional<BundleChangeCounts> changedSnapshot(const QString &in, const QString &out, const BundleChanges &c = {});
// The same changes as a delta on top of `in`: a delta header (since = its cursor, the same generated_at), the changed
// and added products with all their records, a tombstone for each removed product.
std::optional<BundleChangeCounts> changedDelta(const QString &in, const QString &out, const BundleChanges &c = {});

// Runs this test binary again with `args` (a child mode of its main) until it exits, or SIGKILLs it killAfterMs
// after it started (-1: never), as a crash would: no rollback, no clean-up.
struct KilledRun
{
    bool killed = false; // still running when killed
    qint64 ms = -1;      // how long it ran; -1: it did not start
};
KilledRun runSelf(const QStringList &args, int killAfterMs = -1);

// What a steward and a consumer wrote and have not sent, queued in the outbox of the open cache `db`: an edit of
// product `edited` (a description and a tag) and a feedback item on product `commented` ("Doubled rows"), at fixed
// times. Whether both were queued.
bool queueUnsentWork(models::Database &db, std::int64_t edited, std::int64_t commented);
// The first column of the first row of a query (an id, a count), or -1 when there is no row.
std::int64_t scalar(models::Database &db, const char *sql);

// Opens (and migrates) a cache; QFAIL-style failure is reported through the returned error text.
QString openCache(models::Database &db, const QString &path);
// Writes `bundle` beside the cache at dbPath (as <name>.ndjson), syncs it in and opens (and migrates) the cache in
// `db`: an empty string, or what failed.
QString syncedCache(models::Database &db, const QString &dbPath, const QByteArray &bundle);
// The application's cache session over `path`, as app/main.cpp opens it; null (with a warning) when it cannot open.
std::unique_ptr<models::CacheSession> openSession(const QString &path);
// The cache at dbPath opened in `db` and its health snapshot under the default policy; null (with a warning) when it
// does not open.
std::shared_ptr<const models::HealthSnapshot> cacheHealth(const QString &dbPath, models::Database &db);
// The health tests' catalog: the sample bundle (written beside dbPath as <name>.ndjson) synced into the cache at
// dbPath, opened in `db`, and its health snapshot under the default policy; null (with a warning) when a step fails.
std::shared_ptr<const models::HealthSnapshot> sampleHealth(const QString &dbPath, models::Database &db);

} // namespace meshlens::test
