#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>

class QProgressDialog;
class QTimer;
class QWidget;

namespace meshlens::models {
class Database;
}

namespace meshlens::ui {

// Brings an old cache to the current schema before the window opens. A cache from an older MeshLens may need its
// search index rebuilt (minutes at a million products): that runs on a worker thread with its own connection,
// behind a progress dialog whose Cancel stops it; the migration's transaction then rolls back and the cache is left
// as it was. Anything short is left to CacheSession::open. Asynchronous: start() returns at once and finished()
// follows (queued, also when there was nothing to do). GUI thread; destroying it mid-update cancels the update.
class CacheUpdate final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheUpdate)

public:
    explicit CacheUpdate(QObject *parent = nullptr);
    ~CacheUpdate() override;

    void start(const QString &path, QWidget *dialogParent = nullptr);
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    // What went wrong, in words for the person at the screen; empty on success.
    void finished(const QString &error);

private:
    struct Progress;
    void finishLater(const QString &error);
    void showProgress();

    bool m_running = false;
    QString m_intro;
    std::shared_ptr<models::Database> m_db;
    std::shared_ptr<std::atomic<bool>> m_stop;
    std::shared_ptr<Progress> m_progress;
    QPointer<QProgressDialog> m_dialog;
    QTimer *m_poll = nullptr;
};

} // namespace meshlens::ui
