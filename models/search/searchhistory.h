#pragma once

#include "../store/database.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace meshlens::models {

// Saved searches (a name and a query) and recent searches, kept in the cache's local_state table so they travel
// with the catalog. GUI thread, on the window's connection; each call is one small read or write.
class SearchHistory final
{
public:
    struct Saved
    {
        QString name;
        QString query;
        friend bool operator==(const Saved &, const Saved &) = default;
    };

    static constexpr int kMaxRecent = 15;

    explicit SearchHistory(Database &db);

    [[nodiscard]] QList<Saved> saved() const;
    // Saves (or renames the query of) a search under `name`; an error says what failed.
    [[nodiscard]] std::optional<StoreError> save(const QString &name, const QString &query);
    [[nodiscard]] std::optional<StoreError> remove(const QString &name);

    // Most recent first, without duplicates.
    [[nodiscard]] QStringList recent() const;
    [[nodiscard]] std::optional<StoreError> addRecent(const QString &query);

private:
    [[nodiscard]] QByteArray read(const char *key) const;
    [[nodiscard]] std::optional<StoreError> write(const char *key, const QByteArray &value);

    Database &m_db;
};

} // namespace meshlens::models
