// Suite `resync`: the same bundle synced again after a day's changes (1% of products changed, 0.1% removed, 0.1%
// added: test::changedSnapshot's defaults), against the full sync of that bundle measured in the same run. Each
// sync runs in a child process (the ingest suite's), so peak RSS is its own. Also the re-sync of an unchanged
// bundle, and parsing the bundle alone: what reading every line costs, which this design pays on every re-sync.

#include "benchutil.h"

#include "support/testsupport.h"

#include <QDir>
#include <QFile>

namespace meshlens::bench {

namespace {

std::optional<QJsonObject> syncChild(const QString &bundle, const QString &db)
{
    return runChild({QStringLiteral("--child"), QStringLiteral("ingest-meshlens"), bundle, db});
}

} // namespace

int runResync(const Options &options)
{
    for (const std::int64_t n : sizesFor(options, {2'000}, {100'000})) {
        // The source is one path whose file is replaced by the next export, as a user's is.
        const QString bundle = QDir(options.dataDir).filePath(QStringLiteral("resync-%1.ndjson").arg(n));
        const QString db = QDir(options.dataDir).filePath(QStringLiteral("resync-%1.db").arg(n));
        const QString original = bundleFor(options, n);
        removeDatabase(db);
        QFile::remove(bundle);
        if (original.isEmpty() || !QFile::copy(original, bundle)) {
            return 1;
        }
        progress(QStringLiteral("resync: full sync of %1 products").arg(n));
        const auto full = syncChild(bundle, db);
        if (!full) {
            return 1;
        }
        const auto counts = test::changedSnapshot(original, bundle);
        if (!counts) {
            progress(QStringLiteral("resync: could not write the changed bundle"));
            return 1;
        }
        progress(QStringLiteral("resync: re-sync after %1 changed, %2 removed, %3 added")
                     .arg(counts->changed)
                     .arg(counts->removed)
                     .arg(counts->added));
        const auto delta = syncChild(bundle, db);
        if (!delta) {
            return 1;
        }
        progress(QStringLiteral("resync: re-sync of the unchanged bundle"));
        const auto unchanged = syncChild(bundle, db);
        if (!unchanged) {
            return 1;
        }
        const auto parse = runChild({QStringLiteral("--child"), QStringLiteral("ingest-parse"), bundle});
        if (!parse) {
            return 1;
        }
        const double fullMs = full->value(QLatin1String("ms")).toDouble();
        const auto line = [&](const char *name, const QJsonObject &run) {
            const double ms = run.value(QLatin1String("ms")).toDouble();
            report({{QStringLiteral("suite"), QStringLiteral("resync")},
                    {QStringLiteral("case"), QLatin1String(name)},
                    {QStringLiteral("impl"), QStringLiteral("meshlens")},
                    {QStringLiteral("n"), static_cast<qint64>(n)},
                    {QStringLiteral("ms"), ms},
                    {QStringLiteral("ratio_to_full"), ms / fullMs},
                    {QStringLiteral("full_ms"), fullMs},
                    {QStringLiteral("products_written"), run.value(QLatin1String("products"))},
                    {QStringLiteral("changed"), static_cast<qint64>(counts->changed)},
                    {QStringLiteral("removed"), static_cast<qint64>(counts->removed)},
                    {QStringLiteral("added"), static_cast<qint64>(counts->added)},
                    {QStringLiteral("peak_rss_mb"), run.value(QLatin1String("peak_rss_mb"))},
                    {QStringLiteral("parse_ms"), parse->value(QLatin1String("ms"))},
                    {QStringLiteral("db_mb"), databaseMb(db)}});
        };
        line("resync-1pct", *delta);
        line("resync-unchanged", *unchanged);
        removeDatabase(db);
        QFile::remove(bundle);
    }
    return 0;
}

} // namespace meshlens::bench
