#pragma once

// The checks that failed or aborted on the day the user clicked in a pass-rate chart or status strip: a title
// naming the day and a list with product (for domain and owner trends), check, result, severity, time and the
// result's message, as plain text. Looks them up off the GUI thread (ChartJobs); a newer click wins. Activating
// a row asks to open its product. GUI thread; a child of the Quality tab or the Trends page.

#include "../models/charts/qualitytrends.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace meshlens::models {
class ChartJobs;
class ConnectionFactory;
} // namespace meshlens::models

namespace meshlens::ui {

class FailingChecksView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailingChecksView)

public:
    FailingChecksView(const models::ConnectionFactory &connections, bool showProducts, QWidget *parent = nullptr);

    // Lists the failing checks of scope on the day of data's grid that holds t (epoch seconds).
    void showDay(const models::TrendScope &scope, const models::QualityData &data, qint64 t);
    // Empties the list; shows the hint, or hides the view when there is none.
    void reset(const QString &hint);
    [[nodiscard]] QTreeWidget *list() const { return m_list; }

Q_SIGNALS:
    void shown();
    void productActivated(qint64 productId);

private:
    void setRows(const models::FailingChecks &rows);

    models::ChartJobs *m_jobs = nullptr;
    QLabel *m_title = nullptr;
    QTreeWidget *m_list = nullptr;
};

} // namespace meshlens::ui
