#pragma once

#include "healthcontext.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace meshlens::models {
class DomainHealthModel;
class ProductHealthModel;
} // namespace meshlens::models

namespace meshlens::ui {

class HealthStrip;

// The Domain overview: per domain the product count, mean health, the distribution over the health bands (a bar),
// breaches and incidents; below, the selected domain's worst products. GUI thread.
class DomainsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DomainsPage)

public:
    DomainsPage(const HealthContext &context, QWidget *parent = nullptr);

Q_SIGNALS:
    void productActivated(qint64 productId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onLoaded();
    void showSelectedDomain();

    const HealthContext &m_context;
    HealthStrip *m_strip = nullptr;
    models::DomainHealthModel *m_domains = nullptr;
    models::ProductHealthModel *m_worst = nullptr;
    QTableView *m_domainsView = nullptr;
    QTableView *m_worstView = nullptr;
    QLabel *m_worstTitle = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace meshlens::ui
