#pragma once

// The product page's Quality tab: the daily pass-rate trend, a status strip per check, and each SLA's measurements
// against its target with breaches shaded, for a chosen time range. Clicking a day with failures lists them.
// Data is computed off the GUI thread (ChartJobs); a newer request drops an older one. It loads when shown, so
// browsing products with the tab hidden costs nothing, and reloads when the product page reloads after a sync.

#include "../models/charts/qualitytrends.h"

#include <QTimeZone>
#include <QWidget>

#include <optional>

class QLabel;
class QVBoxLayout;

namespace meshlens::models {
class ChartJobs;
class ConnectionFactory;
} // namespace meshlens::models

namespace meshlens::ui {

class ExportButton;
class FailingChecksView;
class RangeBar;
class StatusTimeline;
class TimeChart;

class QualityTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QualityTab)

public:
    explicit QualityTab(const models::ConnectionFactory &connections, QWidget *parent = nullptr);

    void showProduct(qint64 productId);
    void reload();
    [[nodiscard]] RangeBar *rangeBar() const { return m_range; }
    [[nodiscard]] const models::QualityData &data() const { return m_data; }
    [[nodiscard]] bool isLoading() const;
    // Days are the user's calendar days by default; tests pin a zone.
    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }

Q_SIGNALS:
    void loaded();
    void failingShown();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void load();
    void apply(models::QualityData data);
    void showFailing(qint64 t);
    QWidget *section(const QString &title, QWidget *content, ExportButton *exporter);
    void note(const QString &message);

    QTimeZone m_zone = QTimeZone::systemTimeZone();
    std::optional<qint64> m_productId;
    bool m_dirty = false;
    models::QualityData m_data;
    models::ChartJobs *m_jobs = nullptr;
    RangeBar *m_range = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_empty = nullptr;
    QWidget *m_content = nullptr;
    QWidget *m_scroll = nullptr;
    TimeChart *m_passRate = nullptr;
    StatusTimeline *m_timeline = nullptr;
    FailingChecksView *m_failing = nullptr;
    QVBoxLayout *m_slaLayout = nullptr;
    QList<QWidget *> m_slaSections;
};

} // namespace meshlens::ui
