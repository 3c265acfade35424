#pragma once

#include "healthpage.h"

class QLabel;
class QTableView;

namespace meshlens::models {
class DomainHealthModel;
class ProductHealthModel;
} // namespace meshlens::models

namespace meshlens::ui {

// The Domain overview: per domain the product count, mean health, the distribution over the health bands (a bar),
// breaches and incidents; below, the selected domain's worst products. GUI thread.
class DomainsPage final : public HealthPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DomainsPage)

public:
    DomainsPage(const HealthContext &context, QWidget *parent = nullptr);

private:
    void onLoaded() override;
    void exportFocused() override;
    void showSelectedDomain();

    models::DomainHealthModel *m_domains = nullptr;
    models::ProductHealthModel *m_worst = nullptr;
    QTableView *m_domainsView = nullptr;
    QTableView *m_worstView = nullptr;
    QLabel *m_worstTitle = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace meshlens::ui
