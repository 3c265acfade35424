#pragma once

#include "database.h"

namespace meshlens::models {

// The cache schema and its ordered migrations. PRAGMA user_version holds the schema version; version 0 is an
// empty file. Migrations only ever move forward, each in its own transaction.
class Schema final
{
public:
    static constexpr int kCurrentVersion = 5;
    static constexpr int kApplicationId = 0x4d4c4e53; // 'MLNS', so `file` and we can tell our caches apart

    // Brings db to kCurrentVersion. Refuses (with a message naming both versions) a cache written by a newer
    // MeshLens, and a file that is some other application's SQLite database.
    [[nodiscard]] static std::optional<StoreError> migrate(Database &db);
    [[nodiscard]] static int version(Database &db);

    // Migrates only up to `target` (tests use it to build fixtures of older versions).
    [[nodiscard]] static std::optional<StoreError> migrateTo(Database &db, int target);
};

} // namespace meshlens::models
