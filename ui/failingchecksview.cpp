#include "failingchecksview.h"

#include "statustimeline.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>

namespace meshlens::ui {

FailingChecksView::FailingChecksView(bool showProducts, QWidget *parent)
    : QTreeWidget(parent)
{
    setAccessibleName(tr("Failing checks of the chosen day"));
    setHeaderLabels({tr("Product"), tr("Check"), tr("Result"), tr("Severity"), tr("Time"), tr("Message")});
    setColumnHidden(0, !showProducts);
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        Q_EMIT productActivated(item->data(0, Qt::UserRole).toLongLong());
    });
}

void FailingChecksView::setRows(const models::FailingChecks &rows)
{
    clear();
    for (const models::FailingCheck &f : rows.rows) {
        auto *item = new QTreeWidgetItem(this);
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
        auto *item = new QTreeWidgetItem(this);
        item->setText(1, tr("… and %L1 more").arg(rows.more));
        item->setFlags(Qt::NoItemFlags);
    }
    for (int i = 0; i < columnCount() - 1; ++i) {
        resizeColumnToContents(i);
    }
}

} // namespace meshlens::ui
