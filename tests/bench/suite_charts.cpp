// Suite `charts`: a long SLA-like series (a random walk with spikes, a point a minute) built into a TimeChart and
// drawn offscreen (QWidget::grab of the chart at 1200x400), with min/max downsampling to the chart's point budget
// and without it; the downsamplers alone; and the pass-rate trend of a large domain and owner of a generated
// catalog (10k products with --quick, 100k otherwise, or --products N). Drawing runs in a child process (it needs a
// QApplication; the bench's own is a QCoreApplication), which also gives it its own peak RSS.

#include "benchutil.h"

#include "models/charts/downsample.h"
#include "models/charts/qualitytrends.h"
#include "models/store/database.h"
#include "ui/timechart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPixmap>
#include <QRandomGenerator>
#include <QTimeZone>

#include <cstdio>

namespace meshlens::bench {

namespace {

QList<QPointF> series(qint64 n)
{
    QRandomGenerator rng(42);
    QList<QPointF> points;
    points.reserve(n);
    double y = 50;
    const double t0 = 1.7e12;
    for (qint64 i = 0; i < n; ++i) {
        y = std::clamp(y + (rng.generateDouble() - 0.5) * 2.0, 0.0, 100.0);
        const bool spike = rng.bounded(20000) == 0;
        points.append({t0 + static_cast<double>(i) * 60'000.0, spike ? y + 400 : y});
    }
    return points;
}

template<typename Fn> std::vector<double> timeRepeats(int repeats, Fn fn)
{
    std::vector<double> ms;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        fn();
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    return ms;
}

QJsonObject line(const QString &caseName, qint64 n, const std::vector<double> &ms)
{
    const Percentiles p = percentiles(ms);
    return {{QStringLiteral("suite"), QStringLiteral("charts")},
            {QStringLiteral("case"), caseName},
            {QStringLiteral("impl"), QStringLiteral("meshlens")},
            {QStringLiteral("n"), n},
            {QStringLiteral("p50_ms"), p.p50},
            {QStringLiteral("p95_ms"), p.p95},
            {QStringLiteral("p99_ms"), p.p99},
            {QStringLiteral("runs"), static_cast<int>(ms.size())}};
}

} // namespace

// The pass-rate trend of the largest domain and of the busiest owner of a generated catalog (all days), as the
// Trends page computes it on its worker: N is the scope's products.
int runTrends(const Options &options, int repeats)
{
    const std::int64_t catalog = options.products.value_or(options.quick ? 10'000 : 100'000);
    const QString cache = cacheFor(options, catalog);
    models::Database db;
    if (cache.isEmpty() || db.open(cache, models::Database::Mode::ReadOnly)) {
        progress(QStringLiteral("charts: no cache of %1 products").arg(catalog));
        return 1;
    }
    const auto largest = [&db](const char *sql) {
        models::Statement st = db.prepare(sql);
        return st.next() ? std::pair{st.int64(0), st.text(1)} : std::pair{std::int64_t{0}, QString()};
    };
    const auto domain = largest("SELECT domain_id, '' FROM entries WHERE domain_id IS NOT NULL "
                                "GROUP BY domain_id ORDER BY count(*) DESC LIMIT 1");
    const auto owner = largest("SELECT party_id, party_kind FROM ownerships WHERE role = 'owner' "
                               "GROUP BY party_id, party_kind ORDER BY count(*) DESC LIMIT 1");
    for (const auto &[name, scope] :
         {std::pair{QStringLiteral("trend-domain"),
                    models::TrendScope{models::TrendScope::Kind::Domain, domain.first, {}}},
          std::pair{QStringLiteral("trend-owner"),
                    models::TrendScope{models::TrendScope::Kind::Owner, owner.first, owner.second}}}) {
        progress(QStringLiteral("charts: %1 of a %2-product catalog").arg(name).arg(catalog));
        models::QualityData data;
        QJsonObject out = line(name, 0, timeRepeats(repeats, [&]() {
                                   data = models::QualityTrends::load(db, scope, std::nullopt, QTimeZone::utc());
                               }));
        if (!data.error.isEmpty()) {
            progress(QStringLiteral("charts: %1 failed: %2").arg(name, data.error));
            return 1;
        }
        out.insert(QStringLiteral("n"), static_cast<qint64>(data.trend.productsInScope));
        out.insert(QStringLiteral("checks"), static_cast<qint64>(data.trend.checksInScope));
        out.insert(QStringLiteral("days"), data.grid.size());
        out.insert(QStringLiteral("catalog_products"), static_cast<qint64>(catalog));
        report(out);
    }
    return 0;
}

// --child charts-draw N downsample|full REPEATS: prints one JSON line.
int childChartsDraw(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const qint64 n = args.value(3).toLongLong();
    const bool downsample = args.value(4) == QLatin1String("downsample");
    const int repeats = std::max(args.value(5).toInt(), 1);
    const QList<QPointF> points = series(n);
    ui::TimeChart chart;
    chart.resize(1200, 400);
    chart.setDownsampling(downsample);
    chart.setTimeRange(static_cast<qint64>(points.first().x()), static_cast<qint64>(points.last().x()));
    chart.show();
    QPixmap last;
    const auto buildAndDraw = [&]() {
        chart.clear();
        chart.addThreshold(QStringLiteral("target"), 90, Qt::red);
        chart.addLine(QStringLiteral("value"), points, Qt::blue);
        chart.rebuild();
        last = chart.grab();
    };
    buildAndDraw(); // first layout sizes the plot area, so the budget is the real one from here on
    const std::vector<double> ms = timeRepeats(repeats, buildAndDraw);
    QJsonObject out =
        line(downsample ? QStringLiteral("build-draw-downsampled") : QStringLiteral("build-draw-full"), n, ms);
    out.insert(QStringLiteral("drawn_points"), static_cast<qint64>(chart.drawnPoints()));
    out.insert(QStringLiteral("budget"), chart.pointBudget());
    out.insert(QStringLiteral("peak_rss_mb"), peakRssMb());
    out.insert(QStringLiteral("image_ok"), !last.isNull());
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return last.isNull() ? 1 : 0;
}

int runCharts(const Options &options)
{
    std::vector<qint64> sizes{100'000};
    if (!options.quick) {
        sizes.push_back(1'000'000);
    }
    const int repeats = options.repeats > 0 ? options.repeats : (options.quick ? 3 : 9);
    for (const qint64 n : sizes) {
        const QList<QPointF> points = series(n);
        for (const auto &[name, fn] : {std::pair{QStringLiteral("downsample-minmax"), &models::downsampleMinMax},
                                       std::pair{QStringLiteral("downsample-lttb"), &models::downsampleLttb}}) {
            progress(QStringLiteral("charts: %1, %2 points").arg(name).arg(n));
            qsizetype kept = 0;
            QJsonObject out = line(name, n, timeRepeats(repeats, [&]() { kept = fn(points, 2400).size(); }));
            out.insert(QStringLiteral("drawn_points"), static_cast<qint64>(kept));
            report(out);
        }
        for (const char *mode : {"downsample", "full"}) {
            progress(QStringLiteral("charts: build + draw %1 points, %2").arg(n).arg(QLatin1String(mode)));
            const auto result = runChild({QStringLiteral("--child"), QStringLiteral("charts-draw"), QString::number(n),
                                          QLatin1String(mode), QString::number(repeats)});
            if (!result) {
                return 1;
            }
            report(*result);
        }
    }
    return runTrends(options, repeats);
}

} // namespace meshlens::bench
