#include "domainspage.h"

#include "../models/health/healthsnapshotloader.h"
#include "../models/itemmodels/domainhealthmodel.h"
#include "../models/itemmodels/producthealthmodel.h"
#include "healthstrip.h"
#include "slacalendar.h"
#include "widgetfactory.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPainter>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace meshlens::ui {

namespace {

// Paints the band distribution as a stacked bar (healthy / at risk / unhealthy), in the calendar's colours.
class DistributionDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        const QVariantList bands = index.data(models::DomainHealthModel::BandsRole).toList();
        double total = 0;
        for (const QVariant &b : bands) {
            total += b.toDouble();
        }
        if (total <= 0) {
            return;
        }
        const QRect bar = option.rect.adjusted(4, 4, -4, -4);
        const QColor colors[] = {SlaCalendar::colorFor(models::DayCompliance::Met, option.palette),
                                 SlaCalendar::colorFor(models::DayCompliance::Partial, option.palette),
                                 SlaCalendar::colorFor(models::DayCompliance::Missed, option.palette)};
        double x = bar.left();
        for (int i = 0; i < bands.size() && i < 3; ++i) {
            const double w = bar.width() * bands[i].toDouble() / total;
            painter->fillRect(QRectF(x, bar.top(), w, bar.height()), colors[i]);
            x += w;
        }
    }
};

} // namespace

DomainsPage::DomainsPage(const HealthContext &context, QWidget *parent)
    : HealthPage(context, QStringLiteral("domains"), parent)
{
    m_domains = new models::DomainHealthModel(this);
    m_worst = new models::ProductHealthModel(*context.db, this);
    m_domainsView = makeHealthTable(m_domains, QStringLiteral("domainsView"), tr("Domains"), this);
    m_domainsView->setItemDelegateForColumn(models::DomainHealthModel::DistributionColumn,
                                            new DistributionDelegate(m_domainsView));
    m_domainsView->horizontalHeader()->resizeSection(models::DomainHealthModel::NameColumn, 200);
    m_domainsView->horizontalHeader()->resizeSection(models::DomainHealthModel::DistributionColumn, 180);
    m_domainsView->setSortingEnabled(true);
    m_domainsView->sortByColumn(models::DomainHealthModel::ScoreColumn, Qt::AscendingOrder);
    m_worstView = makeHealthTable(m_worst, QStringLiteral("domainWorstView"), tr("Worst products"), this);
    m_worstView->horizontalHeader()->resizeSection(models::ProductHealthModel::NameColumn, 260);
    m_worstView->hideColumn(models::ProductHealthModel::RoleColumn);
    m_worstView->hideColumn(models::ProductHealthModel::DomainColumn);
    m_worstTitle = makeTextLabel(QStringLiteral("domainWorstTitle"), this);
    m_message = makeTextLabel(QStringLiteral("domainsMessage"), this);
    m_message->hide();

    auto *split = splitOverProducts(m_domainsView, m_worstTitle, m_worstView, m_worst);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_strip);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_domainsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DomainsPage::showSelectedDomain);
    showCurrentSnapshot();
}

void DomainsPage::exportFocused()
{
    const auto status = [this](const QString &t) {
        m_message->setText(t);
        m_message->show();
    };
    if (m_worstView->hasFocus()) {
        exportCsv(m_context, this, *m_worst, QStringLiteral("domain-worst-products"), status);
    } else {
        exportCsv(m_context, this, *m_domains, QStringLiteral("domains"), status);
    }
}

void DomainsPage::onLoaded()
{
    m_domains->setSnapshot(m_context.loader->snapshot());
    const int column = m_domainsView->horizontalHeader()->sortIndicatorSection();
    m_domains->sort(column, m_domainsView->horizontalHeader()->sortIndicatorOrder());
    m_domainsView->selectRow(0);
    showSelectedDomain();
}

void DomainsPage::showSelectedDomain()
{
    const auto &snap = m_context.loader->snapshot();
    const auto domain = m_domains->domainAt(m_domainsView->currentIndex().row());
    if (!snap || !domain) {
        m_worst->clear();
        m_worstTitle->clear();
        return;
    }
    const models::DomainRow &d = snap->domains[static_cast<std::size_t>(*domain)];
    std::vector<models::ProductHealthModel::Row> rows;
    for (std::int32_t p : d.worst) {
        rows.push_back({p, -1});
    }
    m_worst->setRows(snap, std::move(rows));
    m_worstTitle->setText(
        tr("The %n least healthy product(s) of %1; Enter opens one", nullptr, static_cast<int>(d.worst.size()))
            .arg(d.name));
}

} // namespace meshlens::ui
