#pragma once

// The catalog as a stream of records: what connectors produce and the cache writer consumes. Plain UTF-8
// std::string members keep the sync hot path free of conversions; they know nothing about SQLite or JSON.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace meshlens::models::records {

enum class BundleMode
{
    Snapshot, // the whole catalog of the source: rows not in it are removed
    Delta     // changes since a cursor: upserts and tombstones
};

struct Header
{
    std::string format; // "meshlens-bundle"
    int version = 0;    // 1
    BundleMode mode = BundleMode::Snapshot;
    std::string cursor; // opaque; a later delta asks for changes since it
    std::string since;  // delta only: the cursor it applies on top of
    std::string sourceName;
    std::optional<std::int64_t> generatedAt; // epoch seconds
    // Delta only, and never read from a bundle file: each product the delta sends replaces the product whole, as a
    // snapshot would. Its ports, SLAs (with their series), checks (with their results) and the lineage edges into
    // it are removed first, so what follows it is all it has; its series are stored as a snapshot stores them; and
    // its tombstone removes the edges into it, not those out of it (they belong to the products they go into). What
    // a bundle source's re-sync sends: a product's records and the edges into it, for the products that changed.
    bool wholeProducts = false;
};

struct Domain
{
    std::string id, name, displayName, kind, description, parent;
};

struct Team
{
    std::string id, name, displayName, domain, parent, email;
};

struct Person
{
    std::string id, name, displayName, email, team;
};

enum class Role
{
    Owner,
    Steward,
    Expert
};

enum class PartyKind
{
    Person,
    Team
};

struct OwnerRef
{
    Role role = Role::Owner;
    PartyKind party = PartyKind::Person;
    std::string id;
};

struct Product
{
    std::string id;
    std::string kind = "product"; // product | table | topic | dashboard | pipeline | ...
    std::string name, displayName, fqn, domain, status, description, version;
    std::optional<int> tier;
    std::optional<std::int64_t> updatedAt;
    std::vector<std::string> tags;
    std::vector<OwnerRef> owners;
};

struct Column
{
    std::string name, type, description;
    bool nullable = true;
    bool primaryKey = false;
    std::vector<std::string> tags;
};

struct Port
{
    std::string product, id;
    std::string direction = "output";
    std::string name, description, format, location;
    std::vector<Column> columns;
};

struct Sla
{
    std::string product, id, kind, unit, port, description;
    double target = 0;
    std::string op = "<="; // the measurement meets the objective when value op target
};

// One point (step 0, one value) or a regular series starting at t0.
struct SlaMeasurement
{
    std::string product, sla;
    std::int64_t t0 = 0;
    std::int64_t step = 0;
    std::vector<float> values;
};

struct Check
{
    std::string product, id, name, kind, port, column, description, severity;
};

struct CheckResult
{
    std::string product, check;
    std::int64_t t0 = 0;
    std::int64_t step = 0;
    std::string statuses;      // one of 'P', 'F', 'A', '-' per point
    std::vector<float> values; // empty, or one per point
    std::string message;
};

struct Lineage
{
    std::string from, fromPort, to, toPort, description;
    std::vector<std::pair<std::string, std::string>> columns;
};

struct Tombstone
{
    std::string of; // domain | team | person | product | port | sla | check | lineage
    std::string id;
    std::string product; // for port, sla and check
    Lineage edge;        // for lineage
};

using Record =
    std::variant<Domain, Team, Person, Product, Port, Sla, SlaMeasurement, Check, CheckResult, Lineage, Tombstone>;

} // namespace meshlens::models::records
