#include "healthpage.h"

#include "../models/health/healthsnapshotloader.h"
#include "healthstrip.h"

#include <QAction>

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

void HealthPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_context.loader->ensureLoaded();
}

} // namespace meshlens::ui
