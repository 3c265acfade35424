#include "healthscore.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace meshlens::models {

namespace {
// The translation context of this file's free functions (lupdate reads Q_DECLARE_TR_FUNCTIONS).
struct HealthScore
{
    Q_DECLARE_TR_FUNCTIONS(HealthScore)
};
} // namespace

double metadataCompleteness(const MetadataFacts &f)
{
    const double schema =
        f.columns > 0 ? static_cast<double>(std::min(f.describedColumns, f.columns)) / static_cast<double>(f.columns)
                      : 0.0;
    return (double(f.description) + double(f.owner) + double(f.tags) + double(f.slaDeclared) + schema) / 5.0;
}

QString missingMetadata(const MetadataFacts &f)
{
    QStringList missing;
    if (!f.description) {
        missing << HealthScore::tr("description");
    }
    if (!f.owner) {
        missing << HealthScore::tr("owner");
    }
    if (!f.tags) {
        missing << HealthScore::tr("tags");
    }
    if (!f.slaDeclared) {
        missing << HealthScore::tr("SLA");
    }
    if (f.columns == 0) {
        missing << HealthScore::tr("schema");
    } else if (f.describedColumns < f.columns) {
        missing << QCoreApplication::translate("HealthScore", "%1 of %2 column descriptions")
                       .arg(f.columns - f.describedColumns)
                       .arg(f.columns);
    }
    return missing.join(QStringLiteral(", "));
}

std::array<ScoreTerm, 4> scoreTerms(const HealthComponents &c, const HealthPolicy &p)
{
    std::array<ScoreTerm, 4> terms{{
        {HealthScore::tr("SLA compliance"), c.sla, c.sla ? p.weightSla : 0.0, 0},
        {HealthScore::tr("Quality pass rate"), c.quality, c.quality ? p.weightQuality : 0.0, 0},
        {HealthScore::tr("Metadata completeness"), c.metadata, p.weightMetadata, 0},
        {HealthScore::tr("Open incidents"), c.incidentFactor(), p.weightIncidents, 0},
    }};
    double total = 0;
    for (const ScoreTerm &t : terms) {
        total += t.weight;
    }
    for (ScoreTerm &t : terms) {
        t.weight = total > 0 ? t.weight / total : 0.0;
        t.points = t.value ? 100.0 * t.weight * std::clamp(*t.value, 0.0, 1.0) : 0.0;
    }
    return terms;
}

int healthScore(const HealthComponents &c, const HealthPolicy &policy)
{
    double points = 0;
    for (const ScoreTerm &t : scoreTerms(c, policy)) {
        points += t.points;
    }
    return std::clamp(static_cast<int>(std::lround(points)), 0, 100);
}

HealthBand healthBand(int score, const HealthPolicy &policy)
{
    return score >= policy.healthyFrom  ? HealthBand::Healthy
           : score >= policy.atRiskFrom ? HealthBand::AtRisk
                                        : HealthBand::Unhealthy;
}

QString healthBandName(HealthBand band)
{
    switch (band) {
    case HealthBand::Healthy:
        return HealthScore::tr("healthy");
    case HealthBand::AtRisk:
        return HealthScore::tr("at risk");
    case HealthBand::Unhealthy:
        return HealthScore::tr("unhealthy");
    }
    return {};
}

QString healthScoreFormula(const HealthPolicy &p)
{
    const auto pct = [](double w) { return QString::number(std::lround(w * 100)); };
    return QCoreApplication::translate(
               "HealthScore",
               "Health score (0-100) = 100 x (%1% S + %2% Q + %3% M + %4% I), re-weighted over the components "
               "a product has.\n"
               "S  SLA compliance: for each objective measured in the last %5 days, the share of measurements "
               "that met the target; averaged over the objectives.\n"
               "Q  Quality pass rate: passed runs / runs of all the product's checks in the window (an aborted run "
               "counts as not passed).\n"
               "M  Metadata completeness: description, owner, tags, SLA declared, and the share of schema columns "
               "with a description; 1/5 each.\n"
               "I  Open incidents: 1 / (1 + n), n = checks failing now + objectives breached now.\n"
               "Bands: healthy from %6, at risk from %7, unhealthy below. Owners, teams and domains show the mean "
               "score of their products.\n"
               "Error budget: an objective may miss its target on %8% of the window's measurements; the burn rate "
               "is the pace of spending it (1 = exactly spent by the window's end).")
        .arg(pct(p.weightSla), pct(p.weightQuality), pct(p.weightMetadata), pct(p.weightIncidents))
        .arg(p.windowDays)
        .arg(p.healthyFrom)
        .arg(p.atRiskFrom)
        .arg(pct(1.0 - p.goal));
}

} // namespace meshlens::models
