#pragma once

// Fills a TimeChart with a daily pass-rate trend: the rate line, markers on days with failed or aborted runs
// (click one to list them), and optionally the products that ran checks each day on a second axis. Shared by the
// product Quality tab and the Trends page. GUI thread.

#include "../models/charts/qualitytrends.h"

namespace meshlens::ui {

class ExportButton;
class TimeChart;

// A chart for showPassRate with its Export button (the chart as a picture, `data`'s trend as CSV), both children of
// `parent`; `data` is the page's and outlives them.
struct PassRateChartView
{
    TimeChart *chart = nullptr;
    ExportButton *exporter = nullptr;
};
PassRateChartView makePassRateChart(const QString &objectName, int minimumHeight, const QString &exportObjectName,
                                    const QString &exportBaseName, const models::QualityData *data, QWidget *parent);

void showPassRate(TimeChart *chart, const models::QualityData &data, bool productCounts);
// The series names showPassRate uses, for click handling.
QString passRateSeriesName();
QString failingDaysSeriesName();

} // namespace meshlens::ui
