#pragma once

// The health score of a data product, 0-100, and the inputs it is made of. No black box: the formula is here, in
// healthScoreFormula() (shown in the app's Help > Health Score and on the Health tab), and each component is kept
// beside the score so views can show it.
//
//   score = round(100 * (wS*S + wQ*Q + wM*M + wI*I) / (sum of the weights of the components present))
//
//   S  SLA compliance: the mean, over the product's objectives measured in the window, of the share of
//      measurements that met the target.                            (absent when nothing was measured)
//   Q  quality pass rate: passed runs / runs, over all the product's checks in the window (aborted runs count
//      as not passed; "no run" points do not count).                  (absent when no check ran)
//   M  metadata completeness: the mean of five items: a description, an owner, tags, an SLA declared, and the
//      share of schema columns that have a description (0 without any column).
//   I  open incidents: 1 / (1 + n), n = checks failing now + objectives breached now.
//   weights wS 0.40, wQ 0.30, wM 0.20, wI 0.10.
//
// Roll-ups (owner, team, domain) are the mean score of their products; bands: healthy >= 90, at risk >= 70,
// unhealthy below. Pure; any thread.

#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace meshlens::models {

struct HealthPolicy
{
    int windowDays = 30; // the window compliance, pass rates and budgets are computed over
    double goal = 0.95;  // an objective is kept when it met its target on this share of measurements
    double weightSla = 0.40, weightQuality = 0.30, weightMetadata = 0.20, weightIncidents = 0.10;
    int healthyFrom = 90, atRiskFrom = 70;
};

// What the catalog says about a product's metadata.
struct MetadataFacts
{
    bool description = false, owner = false, tags = false, slaDeclared = false;
    std::int64_t columns = 0, describedColumns = 0;
};
// 0..1: the mean of the five items (the schema item is the described share of columns).
[[nodiscard]] double metadataCompleteness(const MetadataFacts &facts);
[[nodiscard]] QString missingMetadata(const MetadataFacts &facts); // "description, tags" — empty when complete

struct HealthComponents
{
    std::optional<double> sla;     // S, 0..1
    std::optional<double> quality; // Q, 0..1
    double metadata = 0;           // M, 0..1
    int openIncidents = 0;         // n

    [[nodiscard]] double incidentFactor() const { return 1.0 / (1.0 + openIncidents); }
};

enum class HealthBand : std::uint8_t
{
    Healthy,
    AtRisk,
    Unhealthy,
};
constexpr int kHealthBands = 3;

[[nodiscard]] int healthScore(const HealthComponents &c, const HealthPolicy &policy = {});
[[nodiscard]] HealthBand healthBand(int score, const HealthPolicy &policy = {});
[[nodiscard]] QString healthBandName(HealthBand band);

// One component's share of the score: its weight after re-normalising over the present components, and the points
// it contributed (contribution sums to the score, before rounding).
struct ScoreTerm
{
    QString name;
    std::optional<double> value; // 0..1, empty when absent
    double weight = 0;           // effective weight, 0..1
    double points = 0;           // 0..100
};
[[nodiscard]] std::array<ScoreTerm, 4> scoreTerms(const HealthComponents &c, const HealthPolicy &policy = {});

// The formula in words, for the help and the Health tab's legend (plain text, translated).
[[nodiscard]] QString healthScoreFormula(const HealthPolicy &policy = {});

} // namespace meshlens::models
