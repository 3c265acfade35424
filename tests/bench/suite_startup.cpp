// Suite `startup`: the real GUI binary started offscreen on a cache of N products; time from process start to
// the main window shown with the first results listed, and to the first rows of the Owners, SLAs and Domains
// views each shown first (the app reports that moment when MESHLENS_STARTUP_PROBE is set), and the resident
// memory then.

#include "benchutil.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>

#include <optional>

namespace meshlens::bench {

namespace {

struct StartupRuns
{
    std::vector<double> times, rss;
};

// Starts the app `repeats + 1` times (the first warms the page cache and is not counted) with the probe set to
// `probe`: "1" for the search results, a page's object name for its table.
std::optional<StartupRuns> startRepeatedly(const QString &cache, const QString &probe, int repeats)
{
    StartupRuns runs;
    for (int i = 0; i < repeats + 1; ++i) {
        QProcess app;
        QStringList env = QProcess::systemEnvironment();
        env << QStringLiteral("QT_QPA_PLATFORM=offscreen") << QStringLiteral("MESHLENS_STARTUP_PROBE=") + probe;
        app.setEnvironment(env);
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer timer;
        timer.start();
        app.start(QStringLiteral(MESHLENS_APP_PATH), {QStringLiteral("--db"), cache});
        QByteArray out;
        double readyMs = -1;
        while (app.waitForReadyRead(180000)) {
            out += app.readAllStandardOutput();
            if (out.contains('\n')) {
                readyMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
                break;
            }
        }
        app.waitForFinished(60000);
        const QJsonObject line = QJsonDocument::fromJson(out.trimmed()).object();
        if (readyMs < 0 || line.value(QLatin1String("results")).toInt() <= 0) {
            progress(QStringLiteral("startup: the app did not report ready with rows for %1 (%2)")
                         .arg(probe, QString::fromUtf8(out)));
            return std::nullopt;
        }
        if (i > 0) {
            runs.times.push_back(readyMs);
            runs.rss.push_back(line.value(QLatin1String("rss_mb")).toDouble());
        }
    }
    return runs;
}

} // namespace

int runStartup(const Options &options)
{
    const std::int64_t n = options.products.value_or(options.quick ? 10'000 : 1'000'000);
    const QString cache = cacheFor(options, n);
    if (cache.isEmpty()) {
        progress(QStringLiteral("startup: no cache of %1 products").arg(n));
        return 1;
    }
    const int repeats = options.repeats > 0 ? options.repeats : (options.quick ? 3 : 7);
    // The search results, then each health view shown first: its first rows come from the health the sync
    // stored (schema version 8), not from evaluating every series.
    static const std::pair<const char *, const char *> kCases[] = {{"window-with-results", "1"},
                                                                   {"owners-first-rows", "ownersPage"},
                                                                   {"slas-first-rows", "slaPage"},
                                                                   {"domains-first-rows", "domainsPage"}};
    for (const auto &[name, probe] : kCases) {
        progress(QStringLiteral("startup: %1 at %2 products").arg(QLatin1String(name)).arg(n));
        const auto runs = startRepeatedly(cache, QLatin1String(probe), repeats);
        if (!runs) {
            return 1;
        }
        const Percentiles p = percentiles(runs->times);
        report({{QStringLiteral("suite"), QStringLiteral("startup")},
                {QStringLiteral("case"), QLatin1String(name)},
                {QStringLiteral("impl"), QStringLiteral("meshlens")},
                {QStringLiteral("n"), static_cast<qint64>(n)},
                {QStringLiteral("p50_ms"), p.p50},
                {QStringLiteral("p95_ms"), p.p95},
                {QStringLiteral("p99_ms"), p.p99},
                {QStringLiteral("runs"), repeats},
                {QStringLiteral("peak_rss_mb"), *std::max_element(runs->rss.begin(), runs->rss.end())},
                {QStringLiteral("db_mb"), databaseMb(cache)}});
    }
    return 0;
}

} // namespace meshlens::bench
