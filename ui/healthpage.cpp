#include "healthpage.h"

#include "../models/health/healthsnapshotloader.h"
#include "../models/itemmodels/producthealthmodel.h"
#include "healthstrip.h"

#include <QAction>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace meshlens::ui {

HealthPage::HealthPage(const HealthContext &context, const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    m_strip = new HealthStrip(*context.loader, name, this);
    auto *exportAction = new QAction(tr("Export CSV"), this);
    exportAction->setObjectName(name + QStringLiteral("ExportAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(exportAction);
    connect(exportAction, &QAction::triggered, this, [this]() { exportFocused(); });
    connect(m_strip, &HealthStrip::exportRequested, this, [this]() { exportFocused(); });
    connect(context.loader, &models::HealthSnapshotLoader::loaded, this, [this]() { onLoaded(); });
}

HealthPage::~HealthPage() = default;

void HealthPage::showCurrentSnapshot()
{
    if (m_context.loader->snapshot()) {
        onLoaded();
    }
}

QSplitter *HealthPage::splitOverProducts(QTableView *upper, QLabel *title, QTableView *productsView,
                                         const models::ProductHealthModel *products)
{
    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(title);
    lowerLayout->addWidget(productsView, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(upper);
    split->addWidget(lower);
    connect(upper, &QTableView::activated, this, [productsView]() {
        productsView->setFocus();
        productsView->selectRow(0);
    });
    connect(productsView, &QTableView::activated, this, [this, products](const QModelIndex &index) {
        if (const auto id = products->productIdAt(index.row())) {
            Q_EMIT productActivated(*id);
        }
    });
    return split;
}

void HealthPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_context.loader->ensureLoaded();
}

} // namespace meshlens::ui
