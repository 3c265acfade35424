#pragma once

// Value types the read side hands to the UI and the CLI: plain, copyable, QString-based.

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace meshlens::models {

struct ProductSummary
{
    std::int64_t id = 0;
    QString extId, kind, name, displayName, domain, status, owners;
    std::optional<int> tier;
    double score = 0;
    bool pendingEdit = false; // the user has an undelivered edit of it in the outbox

    [[nodiscard]] QString title() const { return displayName.isEmpty() ? name : displayName; }
};

struct Party
{
    QString role;      // owner | steward | expert
    QString partyKind; // person | team
    QString extId, name, displayName, email;
    [[nodiscard]] QString title() const { return displayName.isEmpty() ? name : displayName; }
};

struct ColumnInfo
{
    QString name, type, description;
    bool nullable = true;
    bool primaryKey = false;
    QStringList tags;
};

struct PortInfo
{
    QString extId, direction, name, description, format, location;
    QList<ColumnInfo> columns;
};

// Whether a measurement meets an SLA: value op target, op ">=" or "<=". A measurement that does not meet it is a
// breach; the SLA table, health views and charts all judge it here. atLeast is op ">=".
[[nodiscard]] constexpr bool slaMet(double value, double target, bool atLeast)
{
    return atLeast ? value >= target : value <= target;
}
[[nodiscard]] inline bool slaMet(double value, double target, const QString &op)
{
    return slaMet(value, target, op == QLatin1String(">="));
}

struct SlaInfo
{
    std::int64_t id = 0;
    QString extId, kind, unit, op, description;
    double target = 0;
    std::optional<double> latest; // most recent measured value
    std::optional<std::int64_t> latestAt;
    [[nodiscard]] bool latestMeets() const { return latest && slaMet(*latest, target, op); }
};

struct CheckInfo
{
    std::int64_t id = 0;
    QString extId, name, kind, column, severity, description;
    QChar lastStatus; // 'P', 'F', 'A', or null when it never ran
    std::optional<std::int64_t> lastRunAt;
};

struct LineageRef
{
    QString extId, name;
    std::optional<std::int64_t> id; // null when the other end is not in the cache
};

struct ProductDetail
{
    ProductSummary summary;
    QString fqn, description, version, source, domainKind;
    std::optional<std::int64_t> updatedAt;
    QStringList tags;
    QList<Party> owners;
    QList<PortInfo> ports;
    QList<SlaInfo> slas;
    QList<CheckInfo> checks;
    QList<LineageRef> upstream, downstream;
    // Set by Outbox::overlay: edits of this product not yet delivered (shown as pending), and those in conflict.
    int pendingEdits = 0;
    int conflictedEdits = 0;
};

struct SourceState
{
    QString uri, kind, name, cursor, lastError;
    std::optional<std::int64_t> snapshotAt, lastAttemptAt, lastSuccessAt;
    std::int64_t id = 0; // sources.id: the source: filter's facet token and every entity's source_id
};

struct CatalogStats
{
    std::int64_t products = 0, domains = 0, teams = 0, people = 0, ports = 0, slas = 0, checks = 0, lineageEdges = 0,
                 pendingOutbox = 0;
    QList<SourceState> sources;
};

} // namespace meshlens::models
