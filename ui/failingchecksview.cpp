#include "failingchecksview.h"

#include "../models/charts/chartjobs.h"
#include "../models/store/connectionfactory.h"
#include "statustimeline.h"
#include "widgetfactory.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace meshlens::ui {

FailingChecksView::FailingChecksView(const models::ConnectionFactory &connections, bool showProducts, QWidget *parent)
    : QWidget(parent)
{
    m_jobs = new models::ChartJobs(connections.path(), this);
    m_title = makeTextLabel(QStringLiteral("failingTitle"), this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("failingList"));
    m_list->setAccessibleName(tr("Failing checks of the chosen day"));
    m_list->setHeaderLabels({tr("Product"), tr("Check"), tr("Result"), tr("Severity"), tr("Time"), tr("Message")});
    m_list->setColumnHidden(0, !showProducts);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_list, 1);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QVariant id = item->data(0, Qt::UserRole);
        if (id.isValid()) {
            Q_EMIT productActivated(id.toLongLong());
        }
    });
}

void FailingChecksView::reset(const QString &hint)
{
    m_jobs->cancel();
    m_list->clear();
    m_title->setText(hint);
    setVisible(!hint.isEmpty());
}

void FailingChecksView::showDay(const models::TrendScope &scope, const models::QualityData &data, qint64 t)
{
    const int day = data.grid.indexOf(t);
    if (day < 0) {
        return;
    }
    const models::TrendBucket &b = data.trend.buckets[static_cast<size_t>(day)];
    const QString date = QLocale().toString(b.day, QLocale::LongFormat);
    show();
    if (b.counts.fail + b.counts.aborted == 0) {
        reset(tr("No failing checks on %1").arg(date));
        Q_EMIT shown();
        return;
    }
    m_title->setText(tr("Failing checks on %1").arg(date));
    const models::TimeRange range{b.start, b.end};
    m_jobs->submit<models::FailingChecks>(
        [scope, range](models::Database &db, const std::atomic_bool &cancel) {
            return models::QualityTrends::failing(db, scope, range, 500, &cancel);
        },
        [this, date](models::FailingChecks rows) {
            if (!rows.error.isEmpty()) {
                m_title->setText(tr("The failing checks of %1 could not be read: %2").arg(date, rows.error));
            }
            setRows(rows);
            Q_EMIT shown();
        });
}

void FailingChecksView::setRows(const models::FailingChecks &rows)
{
    m_list->clear();
    for (const models::FailingCheck &f : rows.rows) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, f.product);
        item->setData(0, Qt::UserRole, QVariant::fromValue<qint64>(f.productId));
        item->setText(1, f.check);
        item->setText(2, f.status == 'F' ? tr("failed") : tr("aborted"));
        item->setForeground(2, f.status == 'F' ? StatusTimeline::failColor() : StatusTimeline::abortColor());
        item->setText(3, f.severity);
        item->setText(4, QLocale().toString(QDateTime::fromSecsSinceEpoch(f.t), QLocale::ShortFormat));
        item->setText(5, f.message);
        item->setToolTip(5, f.message);
    }
    if (rows.more > 0) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(1, tr("… and %L1 more").arg(rows.more));
        item->setFlags(Qt::NoItemFlags);
    }
    for (int i = 0; i < m_list->columnCount() - 1; ++i) {
        m_list->resizeColumnToContents(i);
    }
}

} // namespace meshlens::ui
