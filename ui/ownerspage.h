#pragma once

#include "healthpage.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace meshlens::models {
class OwnersModel;
class ProductHealthModel;
} // namespace meshlens::models

namespace meshlens::ui {

// The Owners view: people and teams with the health of what they own, steward or are expert for (filter by role),
// breaches and open incidents; below, the products of the selected one with the role they play. "My products"
// narrows to the configured identity ("I am", kept in the settings). GUI thread.
class OwnersPage final : public HealthPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OwnersPage)

public:
    OwnersPage(const HealthContext &context, QWidget *parent = nullptr);

private:
    void onLoaded() override;
    void exportFocused() override;
    void showSelectedParty();
    void applyMine();

    models::OwnersModel *m_owners = nullptr;
    models::ProductHealthModel *m_products = nullptr;
    QComboBox *m_role = nullptr;
    QLineEdit *m_filter = nullptr;
    QPushButton *m_mine = nullptr;
    QLineEdit *m_identity = nullptr;
    QTableView *m_ownersView = nullptr;
    QTableView *m_productsView = nullptr;
    QLabel *m_productsTitle = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace meshlens::ui
