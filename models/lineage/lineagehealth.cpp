#include "lineagehealth.h"

#include "../health/healthsnapshot.h"

#include <cmath>

namespace meshlens::models {

std::optional<NodeHealth> snapshotNodeHealth(const HealthSnapshot &snapshot, std::int64_t entryId)
{
    const std::optional<std::int32_t> index = snapshot.productIndex(entryId);
    if (!index) {
        return std::nullopt;
    }
    const ProductHealthRow &row = snapshot.products[static_cast<std::size_t>(*index)];
    NodeHealth health;
    health.score = row.score;
    health.failingChecks = row.failingChecks;
    health.missedSlas = row.breachedNow;
    // Measured: an SLA or a check has a value (the snapshot's components are NaN without one).
    const bool measured = !std::isnan(row.sla) || !std::isnan(row.quality);
    health.state = NodeHealth::stateFor(health.failingChecks, health.missedSlas, measured);
    return health;
}

void LatestHealth::set(std::shared_ptr<const HealthSnapshot> snapshot)
{
    const std::lock_guard lock(m_mutex);
    m_snapshot = std::move(snapshot);
}

std::shared_ptr<const HealthSnapshot> LatestHealth::get() const
{
    const std::lock_guard lock(m_mutex);
    return m_snapshot;
}

LineageReader::HealthProvider LatestHealth::provider(std::shared_ptr<const LatestHealth> latest)
{
    return [latest = std::move(latest)](std::int64_t entryId) -> std::optional<NodeHealth> {
        const std::shared_ptr<const HealthSnapshot> snapshot = latest->get();
        return snapshot ? snapshotNodeHealth(*snapshot, entryId) : std::nullopt;
    };
}

} // namespace meshlens::models
