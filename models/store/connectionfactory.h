#pragma once

#include "database.h"

#include <QString>

#include <optional>

namespace meshlens::models {

// Opens connections to one cache for worker threads. A sqlite3 handle never crosses threads, so each worker opens
// its own through this; it carries only the path, is cheap to copy into a task, and may be used from any thread.
// Handed out by CacheSession::connections(); the cache is already migrated, so workers never migrate.
class ConnectionFactory final
{
public:
    ConnectionFactory() = default;
    explicit ConnectionFactory(QString path)
        : m_path(std::move(path))
    {}

    // A read-only connection (searches, charts, health, lineage layouts).
    [[nodiscard]] std::optional<StoreError> openReader(Database &db) const
    {
        return db.open(m_path, Database::Mode::ReadOnly);
    }
    // A read-write connection for a worker that records what it did (outbox delivery, removing a source).
    [[nodiscard]] std::optional<StoreError> openWriter(Database &db) const { return db.open(m_path); }

    // For models that open their connections themselves (ChartJobs, SearchService, HealthSnapshotLoader).
    [[nodiscard]] const QString &path() const { return m_path; }

private:
    QString m_path;
};

} // namespace meshlens::models
