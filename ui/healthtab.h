#pragma once

#include "../models/health/healthscore.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTreeWidget;

namespace meshlens::models {
class Database;
struct ProductHealthReport;
} // namespace meshlens::models

namespace meshlens::ui {

class SlaCalendar;

// The product page's Health tab: the score with its components (value, weight, points: no black box) and the
// formula, every objective with target vs actual, compliance, state, last breach, error budget and burn rate over
// 7 / 30 / 90 days, the SLA calendar, each check's pass rate over the window, and open incidents. One product is a few
// short queries, so it is computed on the GUI thread when shown. GUI thread; owned by the product page.
class HealthTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthTab)

public:
    explicit HealthTab(models::Database &db, QWidget *parent = nullptr);

    void setPolicy(const models::HealthPolicy &policy);
    void showProduct(qint64 productId);
    [[nodiscard]] std::optional<int> score() const { return m_score; }

private:
    void fill(const models::ProductHealthReport &r);

    models::Database &m_db;
    models::HealthPolicy m_policy;
    std::optional<qint64> m_productId;
    std::optional<int> m_score;
    QLabel *m_scoreLabel = nullptr;
    QLabel *m_formula = nullptr;
    QLabel *m_problems = nullptr;
    QTreeWidget *m_components = nullptr;
    QTreeWidget *m_slas = nullptr;
    QTreeWidget *m_checks = nullptr;
    QTreeWidget *m_incidents = nullptr;
    SlaCalendar *m_calendar = nullptr;
};

} // namespace meshlens::ui
