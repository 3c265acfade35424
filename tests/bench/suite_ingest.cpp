// Suite `ingest`: a full sync of generated bundles into a fresh cache, against the raw SQLite floor (the same
// rows inserted with prepared statements in one transaction, plus the search-index build), each measured in a
// child process so that peak RSS is the measured work's own.

#include "benchutil.h"

#include "models/store/catalogwriter.h"
#include "models/store/database.h"
#include "models/store/schema.h"
#include "models/sync/bundleparser.h"
#include "models/sync/syncengine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <sqlite3.h>

namespace meshlens::bench {

namespace {

// What each table and index of the cache costs (SQLite's dbstat: the pages each b-tree holds), a line per b-tree,
// biggest first, in bytes and per product.
void reportSizes(const QString &path, std::int64_t products)
{
    models::Database db;
    if (db.open(path)) {
        return;
    }
    models::Statement st =
        db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC");
    if (!st.isValid()) {
        progress(
            QStringLiteral("ingest: no size breakdown (this SQLite lacks dbstat): %1").arg(db.lastError().message));
        return;
    }
    while (st.next()) {
        const double bytes = static_cast<double>(st.int64(1));
        report({{QStringLiteral("suite"), QStringLiteral("ingest")},
                {QStringLiteral("case"), QStringLiteral("size")},
                {QStringLiteral("impl"), QStringLiteral("meshlens")},
                {QStringLiteral("n"), static_cast<qint64>(products)},
                {QStringLiteral("btree"), st.text(0)},
                {QStringLiteral("mb"), bytes / 1e6},
                {QStringLiteral("bytes_per_product"), bytes / static_cast<double>(products)}});
    }
}

} // namespace

int childIngestMeshlens(const QString &bundle, const QString &db)
{
    models::SyncEngine engine;
    models::SyncResult result;
    QObject::connect(&engine, &models::SyncEngine::finished, &engine, [&](const models::SyncResult &r) { result = r; });
    QElapsedTimer timer;
    timer.start();
    engine.run(db, bundle);
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (!result.ok) {
        progress(QStringLiteral("sync failed: %1").arg(result.error));
        return 1;
    }
    report({{QStringLiteral("ms"), ms},
            {QStringLiteral("products"), static_cast<qint64>(result.products)},
            {QStringLiteral("records"), static_cast<qint64>(result.records)},
            {QStringLiteral("peak_rss_mb"), peakRssMb()}});
    return 0;
}

// Parsing alone (records discarded): how much of a sync is the JSON, and how much the cache.
int childIngestParse(const QString &bundle)
{
    QFile file(bundle);
    if (!file.open(QIODevice::ReadOnly)) {
        return 1;
    }
    std::int64_t records = 0;
    models::BundleParser parser([](const models::records::Header &) { return std::optional<QString>(); },
                                [&records](models::records::Record &&) {
                                    ++records;
                                    return std::optional<QString>();
                                });
    QElapsedTimer timer;
    timer.start();
    std::string chunk(1 << 20, '\0');
    for (;;) {
        const qint64 n = file.read(chunk.data(), static_cast<qint64>(chunk.size()));
        if (n <= 0) {
            break;
        }
        if (auto err = parser.feed(std::string_view(chunk.data(), static_cast<std::size_t>(n)))) {
            progress(err->toString());
            return 1;
        }
    }
    if (auto err = parser.finish()) {
        progress(err->toString());
        return 1;
    }
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    report({{QStringLiteral("ms"), ms},
            {QStringLiteral("records"), static_cast<qint64>(records)},
            {QStringLiteral("mb_per_s"), fileMb(bundle) * 1000.0 / ms},
            {QStringLiteral("peak_rss_mb"), peakRssMb()}});
    return 0;
}

int childIngestFloor(const QString &from, const QString &db)
{
    models::Database target;
    if (target.open(db) || models::Schema::migrate(target)) {
        return 1;
    }
    sqlite3 *h = target.handle();
    sqlite3_exec(h, "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr);
    const QByteArray attach = "ATTACH DATABASE '" + from.toUtf8() + "' AS src";
    if (sqlite3_exec(h, attach.constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        return 1;
    }
    static const char *const kTables[] = {"sources",    "domains",      "teams",   "people",         "entries",
                                          "entry_tags", "ownerships",   "ports",   "sla_objectives", "sla_series",
                                          "checks",     "check_series", "lineage", "column_defs"};
    QElapsedTimer timer;
    timer.start();
    std::int64_t rows = 0;
    sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    for (const char *table : kTables) {
        sqlite3_stmt *select = nullptr;
        sqlite3_stmt *insert = nullptr;
        const std::string sel = std::string("SELECT * FROM src.") + table;
        sqlite3_prepare_v2(h, sel.c_str(), -1, &select, nullptr);
        const int columns = sqlite3_column_count(select);
        std::string ins = std::string("INSERT INTO main.") + table + " VALUES(";
        for (int c = 0; c < columns; ++c) {
            ins += c ? ",?" : "?";
        }
        ins += ")";
        sqlite3_prepare_v2(h, ins.c_str(), -1, &insert, nullptr);
        while (sqlite3_step(select) == SQLITE_ROW) {
            for (int c = 0; c < columns; ++c) {
                sqlite3_bind_value(insert, c + 1, sqlite3_column_value(select, c));
            }
            if (sqlite3_step(insert) != SQLITE_DONE) {
                progress(QStringLiteral("floor insert into %1 failed: %2")
                             .arg(QLatin1String(table), QString::fromUtf8(sqlite3_errmsg(h))));
                return 1;
            }
            sqlite3_reset(insert);
            ++rows;
        }
        sqlite3_finalize(select);
        sqlite3_finalize(insert);
    }
    const std::string fts = std::string(models::CatalogWriter::searchDocumentSql()) + " WHERE 1";
    if (sqlite3_exec(h, fts.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        return 1;
    }
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    sqlite3_exec(h, "DETACH DATABASE src", nullptr, nullptr, nullptr);
    report({{QStringLiteral("ms"), ms},
            {QStringLiteral("rows"), static_cast<qint64>(rows)},
            {QStringLiteral("peak_rss_mb"), peakRssMb()}});
    return 0;
}

int runIngest(const Options &options)
{
    for (const std::int64_t n : sizesFor(options, {10'000}, {10'000, 100'000, 1'000'000})) {
        const QString bundle = bundleFor(options, n);
        if (bundle.isEmpty()) {
            return 1;
        }
        const QString db = QDir(options.dataDir).filePath(QStringLiteral("ingest-%1.db").arg(n));
        const QString floorDb = QDir(options.dataDir).filePath(QStringLiteral("floor-%1.db").arg(n));
        removeDatabase(db);
        removeDatabase(floorDb);
        progress(QStringLiteral("ingest: syncing %1 products").arg(n));
        const auto ours = runChild({QStringLiteral("--child"), QStringLiteral("ingest-meshlens"), bundle, db});
        if (!ours) {
            return 1;
        }
        progress(QStringLiteral("ingest: parsing alone for %1 products").arg(n));
        const auto parse = runChild({QStringLiteral("--child"), QStringLiteral("ingest-parse"), bundle});
        if (!parse) {
            return 1;
        }
        progress(QStringLiteral("ingest: raw SQLite floor for %1 products").arg(n));
        const auto floor = runChild({QStringLiteral("--child"), QStringLiteral("ingest-floor"), db, floorDb});
        if (!floor) {
            return 1;
        }
        const double ourMs = ours->value(QLatin1String("ms")).toDouble();
        const double floorMs = floor->value(QLatin1String("ms")).toDouble();
        const double records = ours->value(QLatin1String("records")).toDouble();
        report({{QStringLiteral("suite"), QStringLiteral("ingest")},
                {QStringLiteral("case"), QStringLiteral("full-sync")},
                {QStringLiteral("impl"), QStringLiteral("meshlens")},
                {QStringLiteral("n"), static_cast<qint64>(n)},
                {QStringLiteral("ms"), ourMs},
                {QStringLiteral("per_s"), static_cast<double>(n) * 1000.0 / ourMs},
                {QStringLiteral("records_per_s"), records * 1000.0 / ourMs},
                {QStringLiteral("peak_rss_mb"), ours->value(QLatin1String("peak_rss_mb"))},
                {QStringLiteral("bundle_mb"), fileMb(bundle)},
                {QStringLiteral("db_mb"), databaseMb(db)},
                {QStringLiteral("ratio_to_floor"), ourMs / floorMs}});
        report({{QStringLiteral("suite"), QStringLiteral("ingest")},
                {QStringLiteral("case"), QStringLiteral("full-sync")},
                {QStringLiteral("impl"), QStringLiteral("sqlite-floor")},
                {QStringLiteral("n"), static_cast<qint64>(n)},
                {QStringLiteral("ms"), floorMs},
                {QStringLiteral("per_s"), static_cast<double>(n) * 1000.0 / floorMs},
                {QStringLiteral("rows"), floor->value(QLatin1String("rows"))},
                {QStringLiteral("rows_per_s"), floor->value(QLatin1String("rows")).toDouble() * 1000.0 / floorMs},
                {QStringLiteral("peak_rss_mb"), floor->value(QLatin1String("peak_rss_mb"))},
                {QStringLiteral("db_mb"), databaseMb(floorDb)}});
        report(
            {{QStringLiteral("suite"), QStringLiteral("ingest")},
             {QStringLiteral("case"), QStringLiteral("parse-only")},
             {QStringLiteral("impl"), QStringLiteral("meshlens")},
             {QStringLiteral("n"), static_cast<qint64>(n)},
             {QStringLiteral("ms"), parse->value(QLatin1String("ms"))},
             {QStringLiteral("per_s"), static_cast<double>(n) * 1000.0 / parse->value(QLatin1String("ms")).toDouble()},
             {QStringLiteral("mb_per_s"), parse->value(QLatin1String("mb_per_s"))},
             {QStringLiteral("peak_rss_mb"), parse->value(QLatin1String("peak_rss_mb"))}});
        reportSizes(db, n);
        removeDatabase(floorDb);
        if (n != 1'000'000) {
            removeDatabase(db); // keep the 1M cache: it is the startup suite's input
        } else {
            QFile::rename(db, QDir(options.dataDir).filePath(QStringLiteral("cache-%1.db").arg(n)));
        }
    }
    return 0;
}

} // namespace meshlens::bench
