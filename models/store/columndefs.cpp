#include "columndefs.h"

#include "../catalog/jsonwriter.h"
#include "../sync/linehash.h"

#include <bit>

namespace meshlens::models {

ColumnDefs::ColumnDefs(Database &db)
    : m_db(db)
    , m_find(db.prepare("SELECT id, name, type, description, nullable, primary_key, tags FROM column_defs "
                        "WHERE hash = ?1"))
    , m_insert(db.prepare("INSERT INTO column_defs(hash, name, type, description, nullable, primary_key, tags) "
                          "VALUES(?1,?2,?3,?4,?5,?6,?7)"))
{}

std::string ColumnDefs::key(const records::Column &c)
{
    std::string k;
    k.reserve(c.name.size() + c.type.size() + c.description.size() + 8);
    k += c.name;
    k += '\0';
    k += c.type;
    k += '\0';
    k += c.description;
    k += '\0';
    k += c.nullable ? '1' : '0';
    k += c.primaryKey ? '1' : '0';
    for (const std::string &t : c.tags) {
        k += '\0';
        k += t;
    }
    return k;
}

std::string ColumnDefs::tagsJson(const std::vector<std::string> &tags)
{
    if (tags.empty()) {
        return {};
    }
    std::string out = "[";
    for (std::size_t i = 0; i < tags.size(); ++i) {
        out += i ? "," : "";
        appendJsonString(out, tags[i]);
    }
    out += ']';
    return out;
}

std::optional<std::int64_t> ColumnDefs::intern(const records::Column &column, QString &error)
{
    std::string k = key(column);
    if (const auto it = m_known.find(k); it != m_known.end()) {
        return it->second;
    }
    // SQLite integers are signed: the hash is stored as its two's-complement reading.
    const auto hash = std::bit_cast<std::int64_t>(lineHash(k));
    const std::string tags = tagsJson(column.tags);
    std::optional<std::int64_t> id;
    m_find.reset();
    m_find.bind(1, hash);
    while (!id && m_find.next()) {
        if (m_find.textView(1) == column.name && m_find.textView(2) == column.type &&
            m_find.textView(3) == column.description && (m_find.int64(4) != 0) == column.nullable &&
            (m_find.int64(5) != 0) == column.primaryKey && m_find.textView(6) == tags) {
            id = m_find.int64(0);
        }
    }
    if (m_find.error()) {
        error = QStringLiteral("reading the column definitions failed: %1").arg(m_find.error()->message);
        return std::nullopt;
    }
    m_find.reset();
    if (!id) {
        m_insert.reset();
        m_insert.bind(1, hash).bind(2, column.name).bind(3, column.type).bind(4, column.description);
        m_insert.bind(5, std::int64_t{column.nullable}).bind(6, std::int64_t{column.primaryKey});
        m_insert.bind(7, std::string_view(tags));
        if (!m_insert.exec()) {
            error = QStringLiteral("writing a column definition failed: %1")
                        .arg(m_insert.error() ? m_insert.error()->message : m_db.lastError().message);
            return std::nullopt;
        }
        id = m_db.lastInsertRowId();
    }
    if (m_known.size() >= kRemembered) {
        m_known.clear();
    }
    m_known.emplace(std::move(k), *id);
    return id;
}

std::optional<ColumnDefs::Encoded> ColumnDefs::encode(const std::vector<records::Column> &columns, QString &error)
{
    Encoded out;
    out.ids.reserve(columns.size() * 6 + 2);
    out.ids += '[';
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto id = intern(columns[i], error);
        if (!id) {
            return std::nullopt;
        }
        if (i) {
            out.ids += ',';
        }
        out.ids += std::to_string(*id);
        out.described += columns[i].description.empty() ? 0 : 1;
    }
    out.ids += ']';
    return out;
}

} // namespace meshlens::models
