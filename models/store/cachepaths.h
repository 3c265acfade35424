#pragma once

#include <QString>

namespace meshlens::models {

// Where the cache lives: QStandardPaths::AppDataLocation/catalog.db unless --db (or a test) says otherwise.
class CachePaths final
{
public:
    [[nodiscard]] static QString defaultDatabasePath();
    // Creates the parent folder; returns an error message if it cannot.
    [[nodiscard]] static QString ensureParentExists(const QString &dbPath);
};

} // namespace meshlens::models
