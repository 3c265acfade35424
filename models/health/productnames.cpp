#include "productnames.h"

#include <string>

namespace meshlens::models {

namespace {
constexpr std::size_t kBatch = 256;
constexpr qsizetype kMaxCached = 50'000;
} // namespace

ProductNames::ProductNames(Database &db)
    : m_db(db)
{}

const ProductNames::Name &ProductNames::get(std::int64_t id, std::span<const std::int64_t> batch)
{
    if (const auto it = m_cache.constFind(id); it != m_cache.constEnd()) {
        return *it;
    }
    if (m_cache.size() > kMaxCached) {
        m_cache.clear(); // a view scrolled through a huge table: start over rather than grow without bound
    }
    std::vector<std::int64_t> ids{id};
    for (std::int64_t other : batch) {
        if (ids.size() >= kBatch) {
            break;
        }
        if (other != id && !m_cache.contains(other)) {
            ids.push_back(other);
        }
    }
    fetch(ids);
    const auto it = m_cache.constFind(id);
    return it != m_cache.constEnd() ? *it : m_missing;
}

void ProductNames::fetch(std::span<const std::int64_t> ids)
{
    std::string sql = "SELECT id, coalesce(nullif(display_name, ''), name), ext_id FROM entries WHERE id IN (?1";
    for (std::size_t i = 1; i < ids.size(); ++i) {
        sql += ",?" + std::to_string(i + 1);
    }
    sql += ")";
    Statement st = m_db.prepare(sql);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        st.bind(static_cast<int>(i + 1), ids[i]);
    }
    while (st.next()) {
        m_cache.insert(st.int64(0), Name{st.text(1), st.text(2)});
    }
}

} // namespace meshlens::models
