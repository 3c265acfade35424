// Suite `startup`: the real GUI binary started offscreen on a cache of N products; time from process start to
// the main window shown with the first results listed (the app reports that moment when MESHLENS_STARTUP_PROBE
// is set), and the resident memory then.

#include "benchutil.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>

namespace meshlens::bench {

int runStartup(const Options &options)
{
    const std::int64_t n = options.products.value_or(options.quick ? 10'000 : 1'000'000);
    const QString cache = cacheFor(options, n);
    if (cache.isEmpty()) {
        progress(QStringLiteral("startup: no cache of %1 products").arg(n));
        return 1;
    }
    const int repeats = options.repeats > 0 ? options.repeats : (options.quick ? 3 : 7);
    std::vector<double> times;
    std::vector<double> rss;
    for (int i = 0; i < repeats + 1; ++i) { // the first run warms the page cache and is not counted
        QProcess app;
        QStringList env = QProcess::systemEnvironment();
        env << QStringLiteral("QT_QPA_PLATFORM=offscreen") << QStringLiteral("MESHLENS_STARTUP_PROBE=1");
        app.setEnvironment(env);
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer timer;
        timer.start();
        app.start(QStringLiteral(MESHLENS_APP_PATH), {QStringLiteral("--db"), cache});
        QByteArray out;
        double readyMs = -1;
        while (app.waitForReadyRead(60000)) {
            out += app.readAllStandardOutput();
            if (out.contains('\n')) {
                readyMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
                break;
            }
        }
        app.waitForFinished(60000);
        const QJsonObject probe = QJsonDocument::fromJson(out.trimmed()).object();
        if (readyMs < 0 || probe.value(QLatin1String("results")).toInt() <= 0) {
            progress(
                QStringLiteral("startup: the app did not report ready with results (%1)").arg(QString::fromUtf8(out)));
            return 1;
        }
        if (i > 0) {
            times.push_back(readyMs);
            rss.push_back(probe.value(QLatin1String("rss_mb")).toDouble());
        }
    }
    const Percentiles p = percentiles(times);
    report({{QStringLiteral("suite"), QStringLiteral("startup")},
            {QStringLiteral("case"), QStringLiteral("window-with-results")},
            {QStringLiteral("impl"), QStringLiteral("meshlens")},
            {QStringLiteral("n"), static_cast<qint64>(n)},
            {QStringLiteral("p50_ms"), p.p50},
            {QStringLiteral("p95_ms"), p.p95},
            {QStringLiteral("p99_ms"), p.p99},
            {QStringLiteral("runs"), repeats},
            {QStringLiteral("peak_rss_mb"), *std::max_element(rss.begin(), rss.end())},
            {QStringLiteral("db_mb"), databaseMb(cache)}});
    return 0;
}

} // namespace meshlens::bench
