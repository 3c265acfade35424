#pragma once

// The catalog's health as the cache stores it (tables product_health, objective_health, health_state; schema
// version 8): what evaluateHealth() gives for the default policy as of the cache's evaluation time, written by
// every sync inside its transaction, so the health views, badges and lineage colours read it at start instead of
// evaluating every series (26 s at 1M products). A delta re-evaluates only the products it changed, as long as
// the evaluation time and the policy are those the rows hold for; anything else re-evaluates them all. Scores,
// bands and roll-ups are derived from the rows when they are read (HealthSnapshot). Static functions on the
// caller's connection and thread (the sync worker's writer, or a health job's reader).

#include "healthsnapshot.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace meshlens::models {

class HealthStore final
{
public:
    // Inside the writer's transaction, after the catalog and the sources' snapshot times are written: evaluates
    // the products whose ids are in `changed` (ascending; the removed ones are gone from the tables by cascade),
    // or every product when `changed` is null or the stored rows hold for another time or policy, and stores it.
    [[nodiscard]] static std::optional<QString> update(Database &db, const std::vector<std::int64_t> *changed,
                                                       const std::atomic<bool> *cancel = nullptr);

    // The evaluated half of a snapshot read back (see evaluateHealth for what it fills), when the stored rows
    // hold for snap.policy's window and goal as of snap.now and cover every product and objective. False
    // otherwise (a cache migrated from version 7 before its first sync; another window), leaving `snap` to be
    // evaluated.
    [[nodiscard]] static bool load(Database &db, HealthSnapshot &snap, std::vector<std::int64_t> &domainIds);

    // The policy the sync stores health for: the views' default.
    [[nodiscard]] static HealthPolicy storedPolicy() { return {}; }
};

} // namespace meshlens::models
