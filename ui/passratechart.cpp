#include "passratechart.h"

#include "../models/charts/chartcsv.h"
#include "chartexport.h"
#include "statustimeline.h"
#include "timechart.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace meshlens::ui {

namespace {

// The translation context of this file's free functions (lupdate reads Q_DECLARE_TR_FUNCTIONS).
struct PassRateChart
{
    Q_DECLARE_TR_FUNCTIONS(PassRateChart)
};

double midMs(const models::TrendBucket &b)
{
    return (static_cast<double>(b.start) + static_cast<double>(b.end)) * 500.0;
}

} // namespace

PassRateChartView makePassRateChart(const QString &objectName, int minimumHeight, const QString &exportObjectName,
                                    const QString &exportBaseName, const models::QualityData *data, QWidget *parent)
{
    auto *chart = new TimeChart(parent);
    chart->setObjectName(objectName);
    chart->setMinimumHeight(minimumHeight);
    auto *exporter = new ExportButton(
        chart, exportBaseName, [chart](const QString &path) { return chart->saveSvg(path); },
        [data]() { return models::ChartCsv::trend(data->trend); }, parent);
    exporter->setObjectName(exportObjectName);
    return {chart, exporter};
}

QString passRateSeriesName()
{
    return PassRateChart::tr("Pass rate");
}

QString failingDaysSeriesName()
{
    return PassRateChart::tr("Days with failures");
}

void showPassRate(TimeChart *chart, const models::QualityData &data, bool productCounts)
{
    chart->clear();
    const auto &buckets = data.trend.buckets;
    QList<QPointF> rate, failing, products;
    double runs = 0, passes = 0;
    for (const models::TrendBucket &b : buckets) {
        products.append({midMs(b), static_cast<double>(b.products)});
        runs += static_cast<double>(b.counts.runs());
        passes += static_cast<double>(b.counts.pass);
        if (const auto r = b.counts.passRate()) {
            rate.append({midMs(b), *r * 100.0});
            if (b.counts.fail + b.counts.aborted > 0) {
                failing.append(rate.last());
            }
        }
    }
    const models::TimeRange range = data.grid.range();
    chart->setTitle(passRateSeriesName());
    chart->setTimeRange(range.from * 1000, range.to * 1000);
    // Rates near 100% are the usual case: start the axis at the tens below the lowest day so dips show.
    double lowest = 100;
    for (const QPointF &p : rate) {
        lowest = std::min(lowest, p.y());
    }
    chart->setLeftAxis(PassRateChart::tr("%"), std::max(0.0, std::floor((lowest - 5.0) / 10.0) * 10.0), 100);
    chart->addLine(passRateSeriesName(), rate, QColor(0x3b, 0x82, 0xf6));
    chart->addMarkers(failingDaysSeriesName(), failing, StatusTimeline::failColor());
    if (productCounts) {
        chart->setRightAxis(PassRateChart::tr("Products"));
        chart->addArea(PassRateChart::tr("Products checked"), products, QColor(0x8b, 0x5c, 0xf6));
    }
    // Hover: the day's exact figures, whichever series is under the mouse.
    const models::DayGrid grid = data.grid;
    chart->setFormatter([grid, buckets](const QString &, QPointF p) {
        const int day = grid.indexOf(static_cast<std::int64_t>(p.x() / 1000.0));
        if (day < 0) {
            return QString();
        }
        const models::TrendBucket &b = buckets[static_cast<size_t>(day)];
        const QString date = QLocale().toString(b.day, QLocale::LongFormat);
        const auto r = b.counts.passRate();
        if (!r) {
            return PassRateChart::tr("%1\nNo check ran").arg(date);
        }
        return PassRateChart::tr("%1\nPass rate %2% (%3 of %4 runs; %5 failed, %6 aborted)\n%7 product(s) checked")
            .arg(date, QLocale().toString(*r * 100.0, 'f', 1))
            .arg(b.counts.pass)
            .arg(b.counts.runs())
            .arg(b.counts.fail)
            .arg(b.counts.aborted)
            .arg(b.products);
    });
    chart->rebuild();
    chart->setAccessibleDescription(runs > 0 ? PassRateChart::tr("Pass rate %1% over %2 runs; %3 day(s) with failures")
                                                   .arg(QLocale().toString(passes / runs * 100.0, 'f', 1))
                                                   .arg(QLocale().toString(runs, 'f', 0))
                                                   .arg(failing.size())
                                             : PassRateChart::tr("No check ran in this range"));
}

} // namespace meshlens::ui
