#pragma once

#include "syncengine.h"

#include <QObject>
#include <QThread>

namespace meshlens::models {

// Owns the sync worker thread and the SyncEngine on it; lives on the GUI (or CLI main) thread. Forwards the
// engine's signals by queued connection so receivers stay on their own thread.
class SyncController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncController)

public:
    explicit SyncController(QObject *parent = nullptr);
    ~SyncController() override;

    // Starts a sync unless one is running (returns false then). `full`: read the whole source, not its changes.
    bool start(const QString &dbPath, const QString &source, bool full = false);
    // What sources get from the application (the keychain); the store must outlive this controller.
    void setEnvironment(const SourceEnvironment &environment);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    void started(const QString &source);
    void progress(const meshlens::models::SyncProgress &progress);
    void finished(const meshlens::models::SyncResult &result);

private:
    QThread m_thread;
    SyncEngine *m_engine = nullptr; // lives on m_thread, deleted when it finishes
    bool m_running = false;
};

} // namespace meshlens::models
