#include "healthstrip.h"

#include "../models/health/healthsnapshotloader.h"
#include "widgetfactory.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

namespace meshlens::ui {

HealthStrip::HealthStrip(models::HealthSnapshotLoader &loader, const QString &objectPrefix, QWidget *parent)
    : QWidget(parent)
    , m_loader(loader)
{
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    m_window = new QComboBox(this);
    m_window->setObjectName(objectPrefix + QStringLiteral("Window"));
    m_window->setAccessibleName(tr("Health window"));
    for (int days : {7, 30, 90}) {
        m_window->addItem(tr("last %1 days").arg(days), days);
    }
    windowLabel->setBuddy(m_window);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(objectPrefix + QStringLiteral("Progress"));
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(220);
    m_progress->setAccessibleName(tr("Computing health"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(objectPrefix + QStringLiteral("Cancel"));
    m_status = makeTextLabel(objectPrefix + QStringLiteral("Status"), this);
    auto *exportButton = new QPushButton(tr("&Export CSV…"), this);
    exportButton->setObjectName(objectPrefix + QStringLiteral("Export"));
    exportButton->setToolTip(tr("Save the table as shown, with its filter, as a CSV file (Ctrl+E)"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(windowLabel);
    layout->addWidget(m_window);
    layout->addSpacing(12);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    layout->addWidget(m_status, 1);
    layout->addWidget(exportButton);

    connect(m_window, &QComboBox::activated, this, [this]() {
        models::HealthPolicy policy = m_loader.policy();
        policy.windowDays = m_window->currentData().toInt();
        m_loader.load(policy);
    });
    connect(m_cancel, &QPushButton::clicked, &m_loader, &models::HealthSnapshotLoader::cancel);
    connect(m_cancel, &QPushButton::clicked, this, &HealthStrip::showState);
    connect(exportButton, &QPushButton::clicked, this, &HealthStrip::exportRequested);
    connect(&m_loader, &models::HealthSnapshotLoader::started, this, [this]() {
        m_error.clear();
        m_progress->setValue(0);
        showState();
    });
    connect(&m_loader, &models::HealthSnapshotLoader::progress, m_progress, &QProgressBar::setValue);
    connect(&m_loader, &models::HealthSnapshotLoader::loaded, this, &HealthStrip::showState);
    connect(&m_loader, &models::HealthSnapshotLoader::failed, this, [this](const QString &message) {
        m_error = message;
        showState();
    });
    showState();
}

void HealthStrip::showState()
{
    const bool loading = m_loader.isLoading();
    m_progress->setVisible(loading);
    m_cancel->setVisible(loading);
    const int index = m_window->findData(m_loader.policy().windowDays);
    if (index >= 0) {
        m_window->setCurrentIndex(index);
    }
    const auto &snap = m_loader.snapshot();
    if (loading) {
        m_status->setText(tr("Computing the health of the catalog…  You can keep browsing."));
    } else if (!m_error.isEmpty()) {
        m_status->setText(
            tr("Health could not be computed: %1  Sync again (F5), or check the cache file.").arg(m_error));
    } else if (snap) {
        m_status->setText(tr("%L1 products, %L2 SLA objectives, as of %3")
                              .arg(static_cast<qint64>(snap->products.size()))
                              .arg(static_cast<qint64>(snap->objectives.size()))
                              .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(snap->now), QLocale::ShortFormat)));
    } else {
        m_status->setText(tr("Health not computed (cancelled). Choose a window to compute it."));
    }
}

} // namespace meshlens::ui
