#pragma once

#include "../models/sync/syncengine.h"

#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;
class QToolButton;

namespace meshlens::ui {

// Status-bar widget: sync progress with a cancel button while a sync runs, then "as of <time>" and the last
// error, if any. GUI thread; owned by the main window's status bar.
class SyncStatus final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatus)

public:
    explicit SyncStatus(QWidget *parent = nullptr);

    void setAsOf(std::optional<qint64> epochSeconds);
    void syncStarted(const QString &source);
    void syncProgress(const models::SyncProgress &progress);
    void syncFinished(const models::SyncResult &result);

Q_SIGNALS:
    void cancelRequested();

private:
    void showAsOf();

    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    QToolButton *m_cancel = nullptr;
    std::optional<qint64> m_asOf;
};

} // namespace meshlens::ui
