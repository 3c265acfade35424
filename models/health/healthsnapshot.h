#pragma once

// The health of the whole catalog at one moment, computed in one pass over the cache: every objective's compliance,
// breaches and error budget, every product's components and score, and the roll-ups per party (person or team, by
// role) and per domain. Built off the GUI thread (HealthSnapshotLoader) on its own connection, then immutable and
// shared by the Owners, SLA and Domains views; compact arrays, so a million products fit in a few hundred MB.
// Names of products are not kept: views read them for the rows on screen.

#include "../store/database.h"
#include "checkevaluation.h"
#include "healthscore.h"
#include "slaevaluation.h"

#include <QList>
#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace meshlens::models {

enum class OwnerRole : std::uint8_t
{
    Owner,
    Steward,
    Expert,
};
constexpr int kOwnerRoles = 3;
[[nodiscard]] QString ownerRoleName(OwnerRole role);

struct ProductHealthRow
{
    std::int64_t id = 0;
    std::int32_t domain = -1; // index into domains, -1 without one
    std::int32_t nameRank = 0;
    float sla = std::numeric_limits<float>::quiet_NaN(); // S, NaN when absent
    float quality = std::numeric_limits<float>::quiet_NaN();
    float metadata = 0;
    std::uint16_t objectives = 0, breachedNow = 0, failingChecks = 0;
    std::uint8_t score = 0;
    HealthBand band = HealthBand::Unhealthy;

    [[nodiscard]] int openIncidents() const { return breachedNow + failingChecks; }
    [[nodiscard]] HealthComponents components() const;
};

struct ObjectiveHealthRow
{
    static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min();
    std::int64_t id = 0;
    std::int32_t product = 0;        // index into products
    std::uint8_t kind = 0, unit = 0; // indexes into kinds / units
    bool atLeast = false;
    SlaState state = SlaState::NoData;
    float target = 0;
    float latest = std::numeric_limits<float>::quiet_NaN();
    float compliance = std::numeric_limits<float>::quiet_NaN();
    float budgetRemaining = std::numeric_limits<float>::quiet_NaN();
    float burnRate = std::numeric_limits<float>::quiet_NaN();
    std::int32_t rejected = 0;           // measurements the evaluation refused
    std::int64_t lastBreachEnd = kNever; // when the last breach ended
    std::int64_t breachSince = kNever;   // start of the ongoing breach
};

// Totals of a set of products.
struct HealthRollup
{
    std::int64_t products = 0, scored = 0, scoreSum = 0, breachedNow = 0, openIncidents = 0;
    std::array<std::int64_t, kHealthBands> bands{};
    int worstScore = 101;
    void add(const ProductHealthRow &p);
    [[nodiscard]] std::optional<double> meanScore() const;
};

struct PartyRow
{
    bool team = false;
    std::int64_t id = 0;
    QString extId, name, email, teamName;
    // Index OwnerRole for one role; kOwnerRoles for any role (each product once).
    std::array<HealthRollup, kOwnerRoles + 1> rollups;
};

struct Ownership
{
    std::int32_t party = 0;   // index into parties
    std::int32_t product = 0; // index into products
    OwnerRole role = OwnerRole::Owner;
};

struct DomainRow
{
    std::int64_t id = 0; // 0 for products without a domain
    QString name;
    HealthRollup rollup;
    std::vector<std::int32_t> worst; // up to 10 product indexes, lowest score first
};

struct HealthSnapshot
{
    HealthPolicy policy;
    std::int64_t now = 0; // the evaluation time
    TimeRange window;
    std::vector<ProductHealthRow> products; // by id
    std::vector<ObjectiveHealthRow> objectives;
    std::vector<QString> kinds, units;
    std::vector<PartyRow> parties;                // teams and people, by name
    std::vector<Ownership> ownerships;            // by party, then product
    std::vector<std::size_t> partyOwnershipStart; // ownerships of party i: [start[i], start[i + 1])
    std::vector<DomainRow> domains;               // by name
    std::int64_t rejectedPoints = 0;              // measurements the evaluation refused (see SlaEvaluation::problems)

    [[nodiscard]] std::optional<std::int32_t> productIndex(std::int64_t productId) const;
    // The party whose ext id, email or name is `identity` (case-insensitive); people before teams.
    [[nodiscard]] std::optional<std::int32_t> findParty(const QString &identity) const;

    // dense id -> index map when ids are dense, else binary search over products
    std::vector<std::int32_t> denseIndex;
};

// The evaluation time for a cache: when its newest source snapshot was taken (so a catalog exported a while ago is
// judged as of its export, not as "stale"), or now when the sources do not say.
[[nodiscard]] std::int64_t healthEvaluationTime(Database &db);

struct HealthBuildResult
{
    std::shared_ptr<const HealthSnapshot> snapshot; // empty on failure or cancel
    QString error;
    bool cancelled = false;
    bool fromStore = false; // read from what the last sync stored rather than evaluated from the series
};

enum class HealthRead : std::uint8_t
{
    StoredWhenCurrent, // what the last sync stored (HealthStore), when it holds for the policy and time asked for
    Evaluate,          // from the series, always (tests compare the two)
    StoredOnly,        // what the last sync stored, or nothing (the result is then `cancelled`)
};

// Builds the snapshot on the caller's connection (a worker's). `progress` gets 0..100; `cancel` stops the build.
// The evaluated half (products and objectives) is what the sync stored when that holds for `policy` and the
// evaluation time, else evaluated here from the series; names, domains, parties and roll-ups are read and summed.
[[nodiscard]] HealthBuildResult buildHealthSnapshot(Database &db, const HealthPolicy &policy,
                                                    std::optional<std::int64_t> now = std::nullopt,
                                                    const std::atomic<bool> *cancel = nullptr,
                                                    const std::function<void(int)> &progress = {},
                                                    HealthRead read = HealthRead::StoredWhenCurrent);

// The evaluated half of a snapshot, from the series: fills snap.products (all but domain and nameRank),
// objectives, kinds, units, rejectedPoints and the index, evaluated with snap.policy as of snap.now over
// snap.window, for the products of `scope` (ascending ids) or every product when it is null; domainIds[i] is
// products[i]'s domain (0 without one). The one evaluation there is: the sync stores what it gives
// (HealthStore), and a policy the sync did not store for is evaluated with it. Returns an error message
// ("cancelled" when `cancel` was set).
[[nodiscard]] std::optional<QString> evaluateHealth(Database &db, HealthSnapshot &snap,
                                                    std::vector<std::int64_t> &domainIds,
                                                    const std::vector<std::int64_t> *scope,
                                                    const std::atomic<bool> *cancel = nullptr,
                                                    const std::function<void(int)> &progress = {});
// A product's score and band from its components (what is stored is the components).
void scoreProduct(ProductHealthRow &p, const HealthPolicy &policy);
// An objective as sla_objectives declares it, from a row whose first columns are id, entry_id, kind, unit, op and
// target; its kind and unit interned into snap.kinds and snap.units (through the maps); nullopt when its product
// is not in snap. The evaluation's state is left to the caller.
struct HealthNames
{
    std::map<QString, std::uint8_t> kinds, units;
};
[[nodiscard]] std::optional<ObjectiveHealthRow> declaredObjective(HealthSnapshot &snap, HealthNames &names,
                                                                  const Statement &row);
// Builds snap.denseIndex for productIndex() once snap.products is in place.
void indexProducts(HealthSnapshot &snap);

// The health of one product, with the detail the Health tab shows; computed with the same functions as the
// snapshot, so its score is the score the views show. Short: a few queries on the caller's connection.
struct ObjectiveReport
{
    std::int64_t id = 0;
    QString extId, kind, unit, op, description;
    SlaSpec spec;
    SlaEvaluation window;                 // over the policy's window
    std::array<SlaEvaluation, 3> budgets; // over 7, 30 and 90 days
    std::vector<CalendarDay> calendar;    // the last 180 days
};
struct CheckReport
{
    std::int64_t id = 0;
    QString name, kind, severity;
    CheckEvaluation eval;
    QString message; // the newest message
};
struct ProductHealthReport
{
    std::int64_t productId = 0;
    std::int64_t now = 0;
    HealthPolicy policy;
    MetadataFacts metadata;
    HealthComponents components;
    int score = 0;
    std::vector<ObjectiveReport> objectives;
    std::vector<CheckReport> checks;
};
inline constexpr std::array<int, 3> kBudgetWindowDays = {7, 30, 90};
[[nodiscard]] std::optional<ProductHealthReport> productHealth(Database &db, std::int64_t productId,
                                                               const HealthPolicy &policy,
                                                               std::optional<std::int64_t> now = std::nullopt);

} // namespace meshlens::models
