#pragma once

#include "../../catalog/records.h"
#include "openmetadatadialect.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace meshlens::models {

// OpenMetadata entities (REST shapes, either dialect) as MeshLens records. Unknown fields are ignored and missing
// optional ones give empty values. Stateless but for the sets of parties and domains already written, which owner
// and domain references are checked against (a reference to something the cache lacks is dropped, not fatal).
class OpenMetadataMapper final
{
public:
    explicit OpenMetadataMapper(const OpenMetadataDialect &dialect)
        : m_dialect(dialect)
    {}

    [[nodiscard]] records::Domain domain(const QJsonObject &o);
    [[nodiscard]] records::Team team(const QJsonObject &o);
    [[nodiscard]] records::Person person(const QJsonObject &o);
    // A data product (kind "product") or a stand-alone asset (kind "table", "topic", ...).
    [[nodiscard]] records::Product product(const QJsonObject &o, const std::string &kind) const;
    // An asset as a port of `product` (its own entry for a stand-alone asset).
    [[nodiscard]] static records::Port port(const std::string &product, const QJsonObject &asset,
                                            const std::string &format);

    // The SLA section of a data contract (1.9+: refreshFrequency, maxLatency, retention; availabilityTime goes into
    // the descriptions, as it is a time of day rather than a number to compare with) as objectives of the port
    // `port` of `product`. An SLA that says nothing numeric gives nothing.
    [[nodiscard]] static std::vector<records::Sla> contractSlas(const QJsonObject &contract, const std::string &product,
                                                                const std::string &port);
    // The SLA kinds contractSlas can give, so a changed contract can retract the ones it no longer has.
    [[nodiscard]] static const std::vector<std::string> &contractSlaKinds();
    // The id contractSlas gives the objective of that kind.
    [[nodiscard]] static std::string contractSlaId(const QJsonObject &contract, const std::string &kind);

    // The id of the entity's (first) domain, in either dialect; empty if none.
    [[nodiscard]] QString domainId(const QJsonObject &o) const;
    // The OpenMetadata version as MeshLens stores it ("0.1", "1.2"): the outbox compares it with the server's.
    [[nodiscard]] static std::string version(const QJsonValue &v);
    // An epoch-milliseconds timestamp (updatedAt, an event's or a result's timestamp): nothing when it is not a
    // number or lies outside 1970 to 9999 (a server's or an attacker's 1e79 must not reach an integer cast).
    [[nodiscard]] static std::optional<std::int64_t> epochMillis(const QJsonValue &v);
    // Tier.TierN among tag labels, and the other tags' FQNs.
    [[nodiscard]] static std::optional<int> tier(const QJsonArray &tags);
    [[nodiscard]] static std::vector<std::string> tagNames(const QJsonArray &tags);
    // Owner references (owners array or owner object), as {type, id} pairs.
    [[nodiscard]] std::vector<std::pair<QString, QString>> ownerRefs(const QJsonObject &o) const;

    void knowParty(const QString &id) { m_parties.insert(id); }
    void knowDomain(const QString &id) { m_domains.insert(id); }

private:
    OpenMetadataDialect m_dialect;
    QSet<QString> m_parties, m_domains;
};

[[nodiscard]] inline std::string utf8(const QString &s)
{
    return s.toStdString();
}

} // namespace meshlens::models
