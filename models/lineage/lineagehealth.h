#pragma once

#include "lineagereader.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

namespace meshlens::models {

struct HealthSnapshot;

// A lineage node's badge from the catalog's health snapshot: its score and counts, and the state by the same rule
// as the cache's facts (NodeHealth::stateFor). Nothing when the snapshot lacks the entry.
[[nodiscard]] std::optional<NodeHealth> snapshotNodeHealth(const HealthSnapshot &snapshot, std::int64_t entryId);

// The newest health snapshot, set on the GUI thread (where the loader announces it) and read by the lineage
// layout workers while they build a graph: provider() is what LineageReader::setHealthProvider takes.
class LatestHealth final
{
public:
    void set(std::shared_ptr<const HealthSnapshot> snapshot);
    [[nodiscard]] std::shared_ptr<const HealthSnapshot> get() const;
    // Keeps `latest` alive as long as the provider is.
    [[nodiscard]] static LineageReader::HealthProvider provider(std::shared_ptr<const LatestHealth> latest);

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const HealthSnapshot> m_snapshot;
};

} // namespace meshlens::models
