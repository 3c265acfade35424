#include "syncstatus.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace meshlens::ui {

SyncStatus::SyncStatus(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("asOfLabel"));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("syncProgress"));
    m_bar->setMaximumWidth(180);
    m_bar->setTextVisible(false);
    m_bar->hide();
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelSyncButton"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the sync; the cached catalog stays as it was (Esc)"));
    m_cancel->hide();
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &SyncStatus::cancelRequested);
    showAsOf();
}

void SyncStatus::setAsOf(std::optional<qint64> epochSeconds)
{
    m_asOf = epochSeconds;
    showAsOf();
}

void SyncStatus::showAsOf()
{
    if (!m_asOf) {
        m_label->setText(tr("Never synced"));
        m_label->setToolTip({});
        return;
    }
    const QDateTime when = QDateTime::fromSecsSinceEpoch(*m_asOf);
    m_label->setText(tr("As of %1").arg(QLocale().toString(when, QLocale::ShortFormat)));
    m_label->setToolTip(tr("The catalog was last synced %1").arg(QLocale().toString(when, QLocale::LongFormat)));
}

void SyncStatus::syncStarted(const QString &source)
{
    m_label->setText(tr("Syncing…"));
    m_label->setToolTip(source);
    m_bar->setRange(0, 0);
    m_bar->show();
    m_cancel->show();
}

void SyncStatus::syncProgress(const models::SyncProgress &progress)
{
    using Phase = models::SyncProgress::Phase;
    if (progress.phase == Phase::Indexing) {
        m_bar->setRange(0, 0);
        m_label->setText(tr("Indexing %L1 records…").arg(progress.records));
        return;
    }
    if (progress.totalBytes > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(static_cast<int>(progress.bytes * 1000 / progress.totalBytes));
    }
    m_label->setText(progress.phase == Phase::Connecting ? tr("Connecting…")
                                                         : tr("Syncing: %L1 records").arg(progress.records));
}

void SyncStatus::syncFinished(const models::SyncResult &result)
{
    m_bar->hide();
    m_cancel->hide();
    showAsOf();
    if (!result.ok) {
        const QString what = result.cancelled ? tr("Sync cancelled; the catalog is unchanged.")
                                              : tr("Sync failed: %1").arg(result.error);
        m_label->setText(m_label->text() + QStringLiteral(" — ") + what);
        m_label->setToolTip(what);
    }
}

} // namespace meshlens::ui
