#include "ownerspage.h"

#include "../models/health/healthsnapshotloader.h"
#include "../models/itemmodels/ownersmodel.h"
#include "../models/itemmodels/producthealthmodel.h"
#include "../models/settings/appsettings.h"
#include "healthstrip.h"
#include "widgetfactory.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace meshlens::ui {

OwnersPage::OwnersPage(const HealthContext &context, QWidget *parent)
    : HealthPage(context, QStringLiteral("owners"), parent)
{
    m_owners = new models::OwnersModel(this);
    m_products = new models::ProductHealthModel(*context.db, this);

    auto *roleLabel = new QLabel(tr("&Role:"), this);
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("ownersRole"));
    m_role->addItem(tr("Any role"), -1);
    m_role->addItem(tr("Owner"), static_cast<int>(models::OwnerRole::Owner));
    m_role->addItem(tr("Steward"), static_cast<int>(models::OwnerRole::Steward));
    m_role->addItem(tr("Expert"), static_cast<int>(models::OwnerRole::Expert));
    roleLabel->setBuddy(m_role);
    m_filter = makeFilterField(QStringLiteral("ownersFilter"), tr("Filter people and teams…"),
                               tr("Filter people and teams"), this);
    m_mine = new QPushButton(tr("&My products"), this);
    m_mine->setObjectName(QStringLiteral("ownersMine"));
    m_mine->setCheckable(true);
    m_mine->setToolTip(tr("Only what you answer for, as named in \"I am\""));
    auto *identityLabel = new QLabel(tr("&I am:"), this);
    m_identity = new QLineEdit(models::AppSettings::identity(), this);
    m_identity->setObjectName(QStringLiteral("ownersIdentity"));
    m_identity->setPlaceholderText(tr("your id or email"));
    m_identity->setAccessibleName(tr("Your identity in the catalog"));
    m_identity->setToolTip(tr("Your person id or email in the catalog; saved in the preferences"));
    m_identity->setMaximumWidth(220);
    identityLabel->setBuddy(m_identity);

    auto *filters = new QHBoxLayout;
    filters->addWidget(roleLabel);
    filters->addWidget(m_role);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_mine);
    filters->addWidget(identityLabel);
    filters->addWidget(m_identity);

    m_ownersView = makeHealthTable(m_owners, QStringLiteral("ownersView"), tr("People and teams"), this);
    m_ownersView->horizontalHeader()->resizeSection(models::OwnersModel::NameColumn, 200);
    m_ownersView->horizontalHeader()->resizeSection(models::OwnersModel::KindColumn, 70);
    m_ownersView->horizontalHeader()->resizeSection(models::OwnersModel::TeamColumn, 170);
    m_ownersView->horizontalHeader()->resizeSection(models::OwnersModel::ProductsColumn, 80);
    m_ownersView->horizontalHeader()->resizeSection(models::OwnersModel::RolesColumn, 200);
    for (int c = models::OwnersModel::ScoreColumn; c < models::OwnersModel::ColumnCount; ++c) {
        m_ownersView->horizontalHeader()->resizeSection(c, 90);
    }
    m_ownersView->setSortingEnabled(true);
    // Least healthy first: the question the view answers is "what is unhealthy, and whose is it".
    m_ownersView->sortByColumn(models::OwnersModel::ScoreColumn, Qt::AscendingOrder);
    m_productsView = makeHealthTable(m_products, QStringLiteral("ownerProductsView"), tr("Their products"), this);
    m_productsView->horizontalHeader()->resizeSection(models::ProductHealthModel::NameColumn, 260);
    m_productsView->setSortingEnabled(true);
    m_productsView->sortByColumn(models::ProductHealthModel::ScoreColumn, Qt::AscendingOrder);
    m_productsTitle = makeTextLabel(QStringLiteral("ownerProductsTitle"), this);
    m_message = makeTextLabel(QStringLiteral("ownersMessage"), this);
    m_message->setWordWrap(true);
    m_message->hide();

    auto *split = splitOverProducts(m_ownersView, m_productsTitle, m_productsView, m_products);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_strip);
    layout->addLayout(filters);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_role, &QComboBox::currentIndexChanged, this, [this]() {
        const int role = m_role->currentData().toInt();
        m_owners->setRoleFilter(role < 0 ? std::nullopt : std::optional(static_cast<models::OwnerRole>(role)));
        m_ownersView->selectRow(0);
        showSelectedParty();
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_owners->setTextFilter(text);
        m_ownersView->selectRow(0);
        showSelectedParty();
    });
    connect(m_mine, &QPushButton::toggled, this, &OwnersPage::applyMine);
    connect(m_identity, &QLineEdit::editingFinished, this, [this]() {
        models::AppSettings::setIdentity(m_identity->text());
        if (m_mine->isChecked()) {
            applyMine();
        }
    });
    connect(m_ownersView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OwnersPage::showSelectedParty);
    showCurrentSnapshot();
}

void OwnersPage::onLoaded()
{
    m_owners->setSnapshot(m_context.loader->snapshot());
    if (m_mine->isChecked()) {
        applyMine();
    }
    m_ownersView->selectRow(0);
    showSelectedParty();
}

void OwnersPage::showSelectedParty()
{
    const auto party = m_owners->partyAt(m_ownersView->currentIndex().row());
    const auto &snap = m_context.loader->snapshot();
    if (!party || !snap) {
        m_products->clear();
        m_productsTitle->setText(m_owners->rowCount() == 0 && snap ? tr("Nobody matches the filter.") : QString());
        return;
    }
    m_products->showParty(snap, *party, m_owners->roleFilter());
    const models::PartyRow &p = snap->parties[static_cast<std::size_t>(*party)];
    m_productsTitle->setText(
        tr("What %1 answers for (%Ln product(s)); Enter opens one", nullptr, static_cast<int>(m_products->totalRows()))
            .arg(p.name));
}

void OwnersPage::applyMine()
{
    m_message->hide();
    if (!m_mine->isChecked()) {
        m_owners->setPartyFilter(std::nullopt);
        m_ownersView->selectRow(0);
        showSelectedParty();
        return;
    }
    const QString identity = m_identity->text().trimmed();
    const auto &snap = m_context.loader->snapshot();
    if (identity.isEmpty()) {
        m_message->setText(tr("Type your person id or email in \"I am\" so MeshLens knows which products are yours."));
        m_message->show();
        m_identity->setFocus();
        return;
    }
    if (!snap) {
        return; // applied once the health is computed
    }
    const auto party = snap->findParty(identity);
    if (!party) {
        m_message->setText(
            tr("No person or team in the catalog has the id, email or name \"%1\". Check \"I am\".").arg(identity));
        m_message->show();
        m_owners->setPartyFilter(-1); // nobody: an empty list rather than everyone
        showSelectedParty();
        return;
    }
    m_owners->setPartyFilter(*party);
    m_ownersView->selectRow(0);
    showSelectedParty();
    m_productsView->setFocus();
}

void OwnersPage::exportFocused()
{
    const bool products = m_productsView->hasFocus();
    const auto status = [this](const QString &text) {
        m_message->setText(text);
        m_message->show();
    };
    if (products) {
        exportCsv(m_context, this, *m_products, QStringLiteral("owner-products"), status);
    } else {
        exportCsv(m_context, this, *m_owners, QStringLiteral("owners"), status);
    }
}

} // namespace meshlens::ui
