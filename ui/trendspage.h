#pragma once

// The Trends view: the daily pass-rate trend of a domain's or an owner's products (a person or a team that owns
// them), with how many products ran checks each day, over a chosen range. Clicking a day with failures lists
// the failing checks with their products; activating one opens the product. Choices and trends are computed off
// the GUI thread (ChartJobs), and refresh() after a sync. GUI thread; a page of the main window.

#include "../models/charts/qualitytrends.h"

#include <QTimeZone>
#include <QWidget>

class QComboBox;
class QLabel;

namespace meshlens::models {
class ChartJobs;
class ConnectionFactory;
} // namespace meshlens::models

namespace meshlens::ui {

class FailingChecksView;
class RangeBar;
class TimeChart;

class TrendsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrendsPage)

public:
    explicit TrendsPage(const models::ConnectionFactory &connections, QWidget *parent = nullptr);

    // Reloads the list of domains and owners and the shown trend (after a sync).
    void refresh();
    // Shows the trend of this scope (a domain, or an owner) when the cache has it.
    bool showScope(const models::TrendScope &scope);
    [[nodiscard]] RangeBar *rangeBar() const { return m_range; }
    [[nodiscard]] const models::QualityData &data() const { return m_data; }
    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }

Q_SIGNALS:
    void loaded();
    void failingShown();
    void productActivated(qint64 productId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fillChoices();
    void load();
    void apply(models::QualityData data);
    void showFailing(qint64 t);
    [[nodiscard]] std::optional<models::TrendScope> currentScope() const;

    QTimeZone m_zone = QTimeZone::systemTimeZone();
    models::ChartJobs *m_choiceJobs = nullptr;
    models::ChartJobs *m_jobs = nullptr;
    models::ScopeChoices m_choices;
    models::QualityData m_data;
    std::optional<models::TrendScope> m_wanted; // what to select once choices arrive
    bool m_loadedOnce = false;
    QComboBox *m_kind = nullptr;
    QComboBox *m_scope = nullptr;
    RangeBar *m_range = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_empty = nullptr;
    TimeChart *m_chart = nullptr;
    QWidget *m_chartBox = nullptr;
    FailingChecksView *m_failing = nullptr;
};

} // namespace meshlens::ui
