#pragma once

#include "healthpage.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace meshlens::models {
class SlaTableModel;
}

namespace meshlens::ui {

class SlaCalendar;

// The SLA view: every objective across the catalog, or those of a domain, an owner, a search, a state; target vs
// actual, compliance, state, time since the last breach, error budget and burn rate; sortable by any column (the
// sort and filter run on a worker); below, the selected product's SLA calendar. GUI thread.
class SlaPage final : public HealthPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlaPage)

public:
    SlaPage(const HealthContext &context, QWidget *parent = nullptr);

private:
    void onLoaded() override;
    void exportFocused() override;
    void applyFilters();
    void showCalendar();

    models::SlaTableModel *m_model = nullptr;
    QComboBox *m_domain = nullptr;
    QLineEdit *m_owner = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_state = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_calendarTitle = nullptr;
    SlaCalendar *m_calendar = nullptr;
    QTimer *m_debounce = nullptr;
    std::optional<qint64> m_calendarProduct;
};

} // namespace meshlens::ui
