#pragma once

#include "../catalog/catalogtypes.h"
#include "database.h"

#include <QString>

#include <optional>

namespace meshlens::models {

// Read queries over the cache, on the caller's connection (the GUI thread's reader, or the CLI's). Each call is
// one short query or a handful; nothing here holds a transaction open between calls.
class CatalogReader final
{
public:
    explicit CatalogReader(Database &db);

    // The search engine's results as plain summaries (models/search/searchengine.h has the whole story: ranking
    // tiers, filters, typos); an empty query lists products by name. `total` (optional) receives the match count.
    [[nodiscard]] QList<ProductSummary> search(const QString &query, int limit, std::int64_t *total = nullptr);

    // Finds a product by the source's id, its name or display name (case-insensitive), its FQN, or "#<row id>".
    [[nodiscard]] std::optional<std::int64_t> resolveProduct(const QString &key);
    [[nodiscard]] std::optional<ProductDetail> product(std::int64_t id);
    // The summary of the entry a source knows by this id, or nothing when it is not in the cache.
    [[nodiscard]] std::optional<ProductSummary> summaryByExt(std::int64_t sourceId, const QString &extId);
    // The source an entry came from.
    [[nodiscard]] std::optional<std::int64_t> sourceOf(std::int64_t id);
    // A product's SLAs with their latest measurement, and its checks with their last result.
    [[nodiscard]] QList<SlaInfo> slas(std::int64_t id);
    [[nodiscard]] QList<CheckInfo> checks(std::int64_t id);

    [[nodiscard]] CatalogStats stats();
    // The sources the cache holds, in the order they were first synced.
    [[nodiscard]] QList<SourceState> sources();
    // When the data in the cache was last confirmed current: the newest successful sync of any source.
    [[nodiscard]] std::optional<std::int64_t> asOf();
    [[nodiscard]] bool isEmpty();

    // Turns free text into an FTS5 query that cannot be a syntax error: every word becomes a quoted string
    // (quotes doubled), the last one a prefix. Returns an empty string when nothing searchable is left.
    [[nodiscard]] static QString ftsQuery(const QString &text);

    // The SELECT list of a product summary over `e` (entries) and `d` (its domain), and the reader of its columns.
    [[nodiscard]] static std::string_view summaryColumns();
    [[nodiscard]] static ProductSummary readSummary(const Statement &st, int first = 0);

    [[nodiscard]] const std::optional<StoreError> &lastError() const { return m_lastError; }
    // The connection the reader runs on (the search engine and the saved searches share it).
    [[nodiscard]] Database &database() const { return m_db; }

private:
    Database &m_db;
    std::optional<StoreError> m_lastError;
};

} // namespace meshlens::models
