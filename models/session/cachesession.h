#pragma once

#include "../store/connectionfactory.h"
#include "../store/database.h"
#include "../sync/synccontroller.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>

namespace meshlens::models {

class CatalogReader;
class Outbox;

// Why the catalog the GUI shows changed.
enum class CatalogChange
{
    Synced,         // a sync committed (a snapshot or a delta); pending edits may have become conflicts
    SourcesRemoved, // the user removed sources and their entities
    Outbox          // an edit or feedback was queued, undone, delivered, resolved or discarded
};

// The application's one session on its catalog cache, owned by the composition root (app/main.cpp) and living on
// the GUI thread. It opens the cache once and migrates it there (the only migration of the process besides a long
// one run ahead with progress by ui/cacheupdate); owns the GUI thread's connection (reads, and the outbox's short
// writes: the one place the GUI writes), the CatalogReader over it, and the SyncController, which it starts on
// its path so the sync worker's writer is the only other connection that writes; hands out a ConnectionFactory for
// workers; and emits catalogChanged, the one signal views refresh on.
class CacheSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheSession)

public:
    explicit CacheSession(QObject *parent = nullptr);
    ~CacheSession() override;

    // Opens the cache at `path` (creating its folder) and migrates it to the current schema. Call once.
    [[nodiscard]] std::optional<StoreError> open(const QString &path);
    [[nodiscard]] bool isOpen() const { return m_db.isOpen(); }
    [[nodiscard]] const QString &path() const { return m_path; }

    // The GUI thread's connection and reader; use them on the GUI thread only.
    [[nodiscard]] Database &database() { return m_db; }
    [[nodiscard]] CatalogReader &reader() { return *m_reader; }
    // The outbox over the GUI connection. Whoever changes it calls notifyOutboxChanged().
    [[nodiscard]] Outbox outbox();
    // Connections of their own for worker threads.
    [[nodiscard]] ConnectionFactory connections() const { return ConnectionFactory(m_path); }

    [[nodiscard]] SyncController &sync() { return *m_sync; }
    // Starts a sync of `source` into this cache; false when one is running.
    bool startSync(const QString &source, bool full = false);

    void notifyOutboxChanged() { Q_EMIT catalogChanged(CatalogChange::Outbox); }
    void notifySourcesRemoved() { Q_EMIT catalogChanged(CatalogChange::SourcesRemoved); }

Q_SIGNALS:
    // After a sync that committed changes, after sources were removed, after the outbox changed. Emitted on the
    // GUI thread, before SyncController::finished reaches receivers connected after the session.
    void catalogChanged(meshlens::models::CatalogChange change);

private:
    void onSyncFinished(const SyncResult &result);
    // True when another connection committed to the cache since the last call (PRAGMA data_version).
    bool changedElsewhere();

    QString m_path;
    Database m_db;
    std::unique_ptr<CatalogReader> m_reader;
    std::int64_t m_dataVersion = -1;
    // Declared last, destroyed first: its destructor cancels and joins the sync worker before the connection closes.
    std::unique_ptr<SyncController> m_sync;
};

} // namespace meshlens::models
