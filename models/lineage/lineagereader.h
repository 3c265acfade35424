#pragma once

#include "../store/catalogreader.h"
#include "lineagegraph.h"

#include <atomic>
#include <functional>
#include <optional>

namespace meshlens::models {

struct LineageQuery
{
    std::int64_t productId = 0;
    int up = 2;            // hops upstream (-1: all)
    int down = 2;          // hops downstream (-1: all)
    bool ports = false;    // port/dataset-level nodes ("product · port") instead of products
    int maxNodes = 50'000; // stop growing the neighbourhood here
};

// Loads lineage neighbourhoods from the cache into LineageGraph: breadth-first by level, one indexed query per
// node and direction, with each node's name, domain, owners and health. Runs on the thread that owns `db` (the
// GUI thread's reader for small graphs, a worker's own connection for big ones); `cancel` is polled per node.
class LineageReader final
{
public:
    // Supplies a node's health (e.g. the health score). Returning nothing falls back to the cache-derived state.
    using HealthProvider = std::function<std::optional<NodeHealth>(std::int64_t entryId)>;

    explicit LineageReader(Database &db);

    void setHealthProvider(HealthProvider provider) { m_health = std::move(provider); }

    // The neighbourhood of a product; nothing if the product is not in the cache (or on cancel).
    [[nodiscard]] std::optional<LineageGraph> load(const LineageQuery &query,
                                                   const std::atomic<bool> *cancel = nullptr);
    // Adds the direct upstream and downstream neighbours of one node; returns how many nodes were new.
    int expand(LineageGraph &graph, int node, bool ports = false);

    // The health the cache can tell without a provider: failing checks (last result 'F') and SLAs whose latest
    // measurement misses the target.
    [[nodiscard]] NodeHealth cacheHealth(std::int64_t entryId);

private:
    struct Step
    {
        QString other, fromPort, toPort, columnMap;
    };
    QList<Step> neighbours(const QString &extId, bool downstream);
    int nodeFor(LineageGraph &graph, const QString &extId, const QString &port, bool ports, int distance);

    Database &m_db;
    CatalogReader m_reader;
    std::int64_t m_sourceId = 0;
    HealthProvider m_health;
};

} // namespace meshlens::models
