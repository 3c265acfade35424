#pragma once

#include "database.h"

#include <functional>

namespace meshlens::models {

// The cache schema and its ordered migrations. PRAGMA user_version holds the schema version; version 0 is an
// empty file. Migrations only ever move forward, all the steps a cache needs in one transaction.
class Schema final
{
public:
    static constexpr int kCurrentVersion = 9;
    static constexpr int kApplicationId = 0x4d4c4e53; // 'MLNS', so `file` and we can tell our caches apart

    // What a long migration tells whoever waits for it, between chunks of work on the migrating thread: the step,
    // and how far it is (`done` of `total` products; total 0 when the step has no measure). Returning false stops
    // the migration: its transaction rolls back and the cache is left as it was. (Database::interrupt from
    // another thread stops it inside a chunk.)
    using Observer = std::function<bool(const QString &step, std::int64_t done, std::int64_t total)>;

    // Brings db to kCurrentVersion. Refuses (with a message naming both versions) a cache written by a newer
    // MeshLens, and a file that is some other application's SQLite database.
    [[nodiscard]] static std::optional<StoreError> migrate(Database &db, const Observer &observe = {});
    [[nodiscard]] static int version(Database &db);
    // How many products migrating this cache rewrites (re-indexing them, or storing their ports' columns anew): 0
    // when it is current, empty or its migration is quick, otherwise the catalog's size (about 3 minutes per million
    // products here for a re-index), worth showing progress for.
    [[nodiscard]] static std::int64_t productsToUpdate(Database &db);

    // Migrates only up to `target` (tests use it to build fixtures of older versions).
    [[nodiscard]] static std::optional<StoreError> migrateTo(Database &db, int target, const Observer &observe = {});
};

} // namespace meshlens::models
