#include "slapage.h"

#include "../models/health/healthsnapshotloader.h"
#include "../models/itemmodels/slatablemodel.h"
#include "healthstrip.h"
#include "slacalendar.h"
#include "widgetfactory.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace meshlens::ui {

SlaPage::SlaPage(const HealthContext &context, QWidget *parent)
    : HealthPage(context, QStringLiteral("sla"), parent)
{
    m_model = new models::SlaTableModel(*context.db, context.connections.path(), this);

    auto *domainLabel = new QLabel(tr("&Domain:"), this);
    m_domain = new QComboBox(this);
    m_domain->setObjectName(QStringLiteral("slaDomain"));
    m_domain->setMinimumContentsLength(14);
    domainLabel->setBuddy(m_domain);
    auto *ownerLabel = new QLabel(tr("&Owner:"), this);
    m_owner = makeFilterField(QStringLiteral("slaOwner"), tr("person or team"), tr("Owner filter"), this);
    ownerLabel->setBuddy(m_owner);
    m_search = makeFilterField(QStringLiteral("slaSearch"), tr("Search products…"), tr("Search products"), this);
    auto *stateLabel = new QLabel(tr("S&tate:"), this);
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("slaState"));
    m_state->addItem(tr("Any"), -1);
    for (auto s :
         {models::SlaState::Breached, models::SlaState::Stale, models::SlaState::Met, models::SlaState::NoData}) {
        m_state->addItem(models::slaStateName(s), static_cast<int>(s));
    }
    stateLabel->setBuddy(m_state);
    auto *filters = new QHBoxLayout;
    filters->addWidget(domainLabel);
    filters->addWidget(m_domain);
    filters->addWidget(ownerLabel);
    filters->addWidget(m_owner);
    filters->addWidget(m_search, 1);
    filters->addWidget(stateLabel);
    filters->addWidget(m_state);

    m_count = makeTextLabel(QStringLiteral("slaCount"), this);
    m_view = makeHealthTable(m_model, QStringLiteral("slaView"), tr("Service level objectives"), this);
    m_view->horizontalHeader()->resizeSection(models::SlaTableModel::ProductColumn, 240);
    m_view->horizontalHeader()->setSortIndicator(models::SlaTableModel::ComplianceColumn, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_calendarTitle = makeTextLabel(QStringLiteral("slaCalendarTitle"), this);
    m_calendar = new SlaCalendar(this);
    m_calendar->setObjectName(QStringLiteral("slaCalendar"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_strip);
    layout->addLayout(filters);
    layout->addWidget(m_count);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_calendarTitle);
    layout->addWidget(m_calendar);

    m_debounce = makeDebounce(250, this, [this]() { applyFilters(); });
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_owner, &QLineEdit::editingFinished, this, &SlaPage::applyFilters);
    connect(m_owner, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) {
            applyFilters();
        }
    });
    connect(m_domain, &QComboBox::activated, this, &SlaPage::applyFilters);
    connect(m_state, &QComboBox::activated, this, &SlaPage::applyFilters);
    connect(m_model, &models::SlaTableModel::busyChanged, this, [this](bool busy) {
        if (busy) {
            m_count->setText(tr("Filtering and sorting…"));
        }
    });
    connect(m_model, &models::SlaTableModel::queryFinished, this, [this](qint64 total) {
        m_count->setText(total == 0 ? tr("No objective matches these filters.")
                                    : tr("%L1 objective(s); Enter opens the product, the calendar of the "
                                         "selected one is below")
                                          .arg(total));
        if (m_model->rowCount() > 0 && !m_view->currentIndex().isValid()) {
            m_view->setCurrentIndex(m_model->index(0, 0));
        }
        showCalendar();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SlaPage::showCalendar);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const auto id = m_model->productIdAt(index.row())) {
            Q_EMIT productActivated(*id);
        }
    });
    showCurrentSnapshot();
}

void SlaPage::exportFocused()
{
    exportCsv(m_context, this, *m_model, QStringLiteral("slas"), [this](const QString &t) { m_count->setText(t); });
}

void SlaPage::onLoaded()
{
    const auto &snap = m_context.loader->snapshot();
    const QString previous = m_domain->currentText();
    m_domain->clear();
    m_domain->addItem(tr("All domains"), -1);
    for (std::size_t i = 0; i < snap->domains.size(); ++i) {
        m_domain->addItem(snap->domains[i].name, static_cast<int>(i));
    }
    m_domain->setCurrentIndex(std::max(0, m_domain->findText(previous)));
    QStringList names;
    for (const models::PartyRow &p : snap->parties) {
        names << p.name;
    }
    auto *completer = new QCompleter(names, m_owner);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    delete m_owner->completer();
    m_owner->setCompleter(completer);
    m_calendarProduct.reset();
    m_model->setSnapshot(snap);
    applyFilters();
}

void SlaPage::applyFilters()
{
    const auto &snap = m_context.loader->snapshot();
    if (!snap) {
        return;
    }
    models::SlaQuery q;
    q.domain = m_domain->currentData().isValid() ? m_domain->currentData().toInt() : -1;
    q.search = m_search->text();
    const int state = m_state->currentData().toInt();
    if (state >= 0) {
        q.state = static_cast<models::SlaState>(state);
    }
    const QString owner = m_owner->text().trimmed();
    if (!owner.isEmpty()) {
        const auto party = snap->findParty(owner);
        if (!party) {
            m_count->setText(tr("No person or team is named \"%1\"; pick one from the suggestions.").arg(owner));
            return;
        }
        q.party = *party;
    }
    const models::SlaQuery &current = m_model->query();
    if (q.domain == current.domain && q.party == current.party && q.search == current.search &&
        q.state == current.state && (m_model->totalRows() > 0 || m_model->isBusy())) {
        return;
    }
    m_model->setQuery(q);
}

void SlaPage::showCalendar()
{
    const auto id = m_model->productIdAt(m_view->currentIndex().row());
    if (!id) {
        m_calendarTitle->setText(tr("Select an objective to see its product's SLA calendar."));
        m_calendar->setRows({});
        m_calendarProduct.reset();
        return;
    }
    if (m_calendarProduct == id) {
        return;
    }
    m_calendarProduct = id;
    const auto report = models::productHealth(*m_context.db, *id, m_context.loader->policy());
    if (!report) {
        return;
    }
    std::vector<SlaCalendar::Row> rows;
    for (const models::ObjectiveReport &o : report->objectives) {
        rows.push_back({o.kind, o.calendar});
    }
    m_calendar->setRows(std::move(rows));
    m_calendarTitle->setText(
        tr("SLA calendar of %1, last 180 days").arg(m_model->index(m_view->currentIndex().row(), 0).data().toString()));
}

} // namespace meshlens::ui
