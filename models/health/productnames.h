#pragma once

// Product names for the rows on screen, read from the cache a batch at a time: the health views keep numbers for
// a million products in memory but never a million names. GUI thread, on the caller's connection.

#include "../store/database.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <span>

namespace meshlens::models {

class ProductNames final
{
public:
    struct Name
    {
        QString title, extId;
    };

    explicit ProductNames(Database &db);

    // The product's title (display name, else name); reads it with up to 255 others from `batch` when not cached.
    [[nodiscard]] const Name &get(std::int64_t id, std::span<const std::int64_t> batch = {});
    void clear() { m_cache.clear(); }

private:
    void fetch(std::span<const std::int64_t> ids);

    Database &m_db;
    QHash<std::int64_t, Name> m_cache;
    Name m_missing;
};

} // namespace meshlens::models
