#pragma once

#include "../sources/source.h"
#include "syncprogress.h"

#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <cstdint>

namespace meshlens::models {

class Database;

struct SyncResult
{
    bool ok = false;
    bool cancelled = false;
    QString source;
    QString error; // what happened and what to do, for a person
    std::int64_t records = 0;
    std::int64_t products = 0;
    std::int64_t bytes = 0;
    std::int64_t elapsedMs = 0;
};

// Copies one source into the cache: opens it through SourceRegistry, hands it a sink over the cache writer, and
// commits what it read as one transaction (or nothing). Lives on a worker thread (see SyncController) with its own
// writer connection; the source does its I/O on that thread. One run at a time; cancel() from any thread.
class SyncEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)

public:
    explicit SyncEngine(QObject *parent = nullptr);
    ~SyncEngine() override;

    // Thread-safe: the running sync stops at the next chunk, or interrupts the statement the writer is running
    // (the commit of a big sync takes minutes), and rolls back.
    void cancel();

    // What sources get from the application (the keychain). Set before run(); the store must outlive the engine.
    void setEnvironment(const SourceEnvironment &environment) { m_environment = environment; }

public Q_SLOTS:
    // `full`: ignore what the cache remembers and read the whole source (incremental sources otherwise read changes).
    void run(const QString &dbPath, const QString &source, bool full = false);

Q_SIGNALS:
    void progress(const meshlens::models::SyncProgress &progress);
    void finished(const meshlens::models::SyncResult &result);

private:
    struct Run;
    void finishRun(std::optional<QString> error);

    SourceEnvironment m_environment;
    std::atomic<bool> m_cancel = false;
    std::unique_ptr<Run> m_run;
    // The run's writer connection, for cancel() from another thread; guarded so it is never interrupted while
    // being closed.
    QMutex m_writerMutex;
    Database *m_writer = nullptr;
};

} // namespace meshlens::models

Q_DECLARE_METATYPE(meshlens::models::SyncResult)
