#pragma once

#include "../catalog/records.h"
#include "database.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace meshlens::models {

// The cache's dictionary of column definitions (table column_defs, schema version 9): each distinct (name, type,
// description, nullable, primary key, tags) is stored once, and a port's columns are the JSON array of its
// definitions' ids, in order. Catalogs repeat their columns: the generated one's 905k columns are 1,580 distinct
// definitions, and real schemas share their ids, keys and audit columns.
//
// Used inside the writer's transaction, on the writer's connection. Definitions are found by their hash (an index)
// and compared field by field, so a hash collision costs a lookup, never a wrong column. Recently seen definitions
// are kept in memory up to a bound, so a catalog of millions of distinct columns keeps its memory flat.
class ColumnDefs final
{
    Q_DISABLE_COPY_MOVE(ColumnDefs)

public:
    explicit ColumnDefs(Database &db);

    // The id of `column`'s definition, inserted when the cache has none equal to it; nullopt with `error` set when
    // the cache could not be read or written.
    [[nodiscard]] std::optional<std::int64_t> intern(const records::Column &column, QString &error);

    // `columns` as a port stores them: "[id,id,...]", plus how many of them have a description.
    struct Encoded
    {
        std::string ids;
        std::int64_t described = 0;
    };
    [[nodiscard]] std::optional<Encoded> encode(const std::vector<records::Column> &columns, QString &error);

    // The one text a definition is hashed and remembered by (fields separated by bytes no field holds).
    [[nodiscard]] static std::string key(const records::Column &column);
    // A definition's tags as stored: empty for none, else a JSON array of strings.
    [[nodiscard]] static std::string tagsJson(const std::vector<std::string> &tags);

    static constexpr std::size_t kRemembered = 200'000; // definitions kept in memory (about 30 MB at most)

private:
    Database &m_db;
    Statement m_find, m_insert;
    std::unordered_map<std::string, std::int64_t> m_known;
};

} // namespace meshlens::models
