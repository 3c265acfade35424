#include "openmetadatamapper.h"

#include "../../catalog/slaterms.h"
#include "openmetadatafqn.h"

#include <QJsonArray>

#include <cmath>

namespace meshlens::models {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QString firstId(const QJsonValue &v)
{
    if (v.isArray()) {
        return v.toArray().first().toObject().value(QLatin1String("id")).toString();
    }
    return v.toObject().value(QLatin1String("id")).toString();
}

} // namespace

std::string OpenMetadataMapper::version(const QJsonValue &v)
{
    if (v.isDouble()) {
        // Versions are decimals that grow by 0.1 (1.0 after 0.9): one decimal place is the whole value.
        return QString::number(std::round(v.toDouble() * 10.0) / 10.0, 'f', 1).toStdString();
    }
    return v.toString().toStdString();
}

std::optional<std::int64_t> OpenMetadataMapper::epochMillis(const QJsonValue &v)
{
    constexpr double kLastMs = 253'402'300'799'999.0; // 9999-12-31T23:59:59.999Z
    const double ms = v.isDouble() ? v.toDouble() : -1.0;
    if (!(ms >= 0.0 && ms <= kLastMs)) { // NaN fails both
        return std::nullopt;
    }
    return static_cast<std::int64_t>(ms);
}

std::optional<int> OpenMetadataMapper::tier(const QJsonArray &tags)
{
    for (const QJsonValue &t : tags) {
        const QString fqn = t.toObject().value(QLatin1String("tagFQN")).toString();
        if (fqn.startsWith(QLatin1String("Tier.Tier"))) {
            bool ok = false;
            const int n = fqn.mid(9).toInt(&ok);
            if (ok && n >= 1 && n <= 5) {
                return n;
            }
        }
    }
    return std::nullopt;
}

std::vector<std::string> OpenMetadataMapper::tagNames(const QJsonArray &tags)
{
    std::vector<std::string> out;
    for (const QJsonValue &t : tags) {
        const QString fqn = t.toObject().value(QLatin1String("tagFQN")).toString();
        if (!fqn.isEmpty() && !fqn.startsWith(QLatin1String("Tier."))) { // the tier is a field of its own
            out.push_back(fqn.toStdString());
        }
    }
    return out;
}

QString OpenMetadataMapper::domainId(const QJsonObject &o) const
{
    const QJsonValue v = o.value(m_dialect.domainsField());
    // A server between dialects may send the other spelling: take whichever is there.
    return firstId(v.isUndefined() || v.isNull()
                       ? o.value(m_dialect.domainsArray() ? QLatin1String("domain") : QLatin1String("domains"))
                       : v);
}

std::vector<std::pair<QString, QString>> OpenMetadataMapper::ownerRefs(const QJsonObject &o) const
{
    std::vector<std::pair<QString, QString>> out;
    const auto add = [&out](const QJsonObject &ref) {
        const QString id = ref.value(QLatin1String("id")).toString();
        if (!id.isEmpty()) {
            out.emplace_back(ref.value(QLatin1String("type")).toString(), id);
        }
    };
    const QJsonValue owners = o.value(QLatin1String("owners"));
    if (owners.isArray()) {
        for (const QJsonValue &v : owners.toArray()) {
            add(v.toObject());
        }
    }
    const QJsonValue owner = o.value(QLatin1String("owner"));
    if (owner.isObject()) {
        add(owner.toObject());
    }
    return out;
}

records::Domain OpenMetadataMapper::domain(const QJsonObject &o)
{
    records::Domain d;
    d.id = utf8(str(o, "id"));
    d.name = utf8(str(o, "fullyQualifiedName").isEmpty() ? str(o, "name") : str(o, "fullyQualifiedName"));
    d.displayName = utf8(str(o, "displayName").isEmpty() ? str(o, "name") : str(o, "displayName"));
    d.kind = utf8(str(o, "domainType"));
    d.description = utf8(str(o, "description"));
    d.parent = utf8(firstId(o.value(QLatin1String("parent"))));
    m_domains.insert(str(o, "id"));
    return d;
}

records::Team OpenMetadataMapper::team(const QJsonObject &o)
{
    records::Team t;
    t.id = utf8(str(o, "id"));
    t.name = utf8(str(o, "name"));
    t.displayName = utf8(str(o, "displayName"));
    t.email = utf8(str(o, "email"));
    t.parent = utf8(firstId(o.value(QLatin1String("parents"))));
    if (t.parent.empty()) {
        t.parent = utf8(firstId(o.value(QLatin1String("parent"))));
    }
    m_parties.insert(str(o, "id"));
    return t;
}

records::Person OpenMetadataMapper::person(const QJsonObject &o)
{
    records::Person p;
    p.id = utf8(str(o, "id"));
    p.name = utf8(str(o, "name"));
    p.displayName = utf8(str(o, "displayName"));
    p.email = utf8(str(o, "email"));
    p.team = utf8(firstId(o.value(QLatin1String("teams"))));
    m_parties.insert(str(o, "id"));
    return p;
}

records::Product OpenMetadataMapper::product(const QJsonObject &o, const std::string &kind) const
{
    records::Product p;
    p.id = utf8(str(o, "id"));
    p.kind = kind;
    p.name = utf8(str(o, "name"));
    p.displayName = utf8(str(o, "displayName"));
    p.fqn = utf8(str(o, "fullyQualifiedName"));
    if (const QString domain = domainId(o); m_domains.contains(domain)) {
        p.domain = utf8(domain);
    }
    p.description = utf8(str(o, "description"));
    p.version = version(o.value(QLatin1String("version")));
    if (const auto at = epochMillis(o.value(QLatin1String("updatedAt")))) {
        p.updatedAt = *at / 1000;
    }
    const QJsonArray tags = o.value(QLatin1String("tags")).toArray();
    p.tier = tier(tags);
    p.tags = tagNames(tags);
    for (const auto &[type, id] : ownerRefs(o)) {
        if (m_parties.contains(id)) { // an owner the cache lacks would fail the whole sync
            p.owners.push_back({records::Role::Owner,
                                type == QLatin1String("team") ? records::PartyKind::Team : records::PartyKind::Person,
                                utf8(id)});
        }
    }
    return p;
}

records::Port OpenMetadataMapper::port(const std::string &product, const QJsonObject &asset, const std::string &format)
{
    records::Port port;
    port.product = product;
    port.id = utf8(str(asset, "id"));
    port.name = utf8(str(asset, "displayName").isEmpty() ? str(asset, "name") : str(asset, "displayName"));
    port.description = utf8(str(asset, "description"));
    port.format = format;
    port.location = utf8(str(asset, "fullyQualifiedName"));
    QSet<QString> primary;
    for (const QJsonValue &c : asset.value(QLatin1String("tableConstraints")).toArray()) {
        const QJsonObject constraint = c.toObject();
        if (constraint.value(QLatin1String("constraintType")).toString() == QLatin1String("PRIMARY_KEY")) {
            for (const QJsonValue &name : constraint.value(QLatin1String("columns")).toArray()) {
                primary.insert(name.toString());
            }
        }
    }
    for (const QJsonValue &v : asset.value(QLatin1String("columns")).toArray()) {
        const QJsonObject c = v.toObject();
        records::Column col;
        const QString name = str(c, "name");
        col.name = utf8(name);
        col.type = utf8(str(c, "dataTypeDisplay").isEmpty() ? str(c, "dataType") : str(c, "dataTypeDisplay"));
        col.description = utf8(str(c, "description"));
        const QString constraint = str(c, "constraint");
        col.nullable = constraint != QLatin1String("NOT_NULL") && constraint != QLatin1String("PRIMARY_KEY");
        col.primaryKey = constraint == QLatin1String("PRIMARY_KEY") || primary.contains(name);
        col.tags = tagNames(c.value(QLatin1String("tags")).toArray());
        port.columns.push_back(std::move(col));
    }
    return port;
}

const std::vector<std::string> &OpenMetadataMapper::contractSlaKinds()
{
    static const std::vector<std::string> kinds{"frequency", "latency", "retention"};
    return kinds;
}

std::string OpenMetadataMapper::contractSlaId(const QJsonObject &contract, const std::string &kind)
{
    return utf8(contract.value(QLatin1String("id")).toString()) + "/sla/" + kind;
}

std::vector<records::Sla> OpenMetadataMapper::contractSlas(const QJsonObject &contract, const std::string &product,
                                                           const std::string &port)
{
    const QJsonObject sla = contract.value(QLatin1String("sla")).toObject();
    // Each term is {number, unit} in the 1.9 schema; newer servers and the SDKs also write ISO-8601 durations
    // ("PT1H") or a bare number of the term's natural unit.
    const auto term = [&](const char *key, const char *numberKey) -> std::optional<std::pair<double, std::string>> {
        const QJsonValue v = sla.value(QLatin1String(key));
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            const QJsonValue n = o.value(QLatin1String(numberKey));
            const auto unit = slaterms::unit(utf8(o.value(QLatin1String("unit")).toString()));
            if (!n.isDouble() || !unit) {
                return std::nullopt;
            }
            return std::pair{n.toDouble(), *unit};
        }
        if (v.isString()) {
            return slaterms::amount(utf8(v.toString()));
        }
        return std::nullopt;
    };
    std::string when = utf8(sla.value(QLatin1String("availabilityTime")).toString());
    if (!when.empty()) {
        const std::string zone = utf8(sla.value(QLatin1String("timezone")).toString());
        when = "available by " + when + (zone.empty() ? "" : " (" + zone + ")");
    }
    const std::string column = utf8(sla.value(QLatin1String("columnName")).toString());
    const std::string contractName = utf8(contract.value(QLatin1String("name")).toString());

    std::vector<records::Sla> out;
    const std::pair<const char *, const char *> keys[] = {
        {"refreshFrequency", "interval"}, {"maxLatency", "value"}, {"retention", "period"}};
    for (std::size_t i = 0; i < std::size(keys); ++i) {
        const auto amount = term(keys[i].first, keys[i].second);
        if (!amount) {
            continue;
        }
        records::Sla s;
        s.product = product;
        s.port = port;
        s.kind = contractSlaKinds()[i];
        s.id = contractSlaId(contract, s.kind);
        s.target = amount->first;
        s.unit = amount->second;
        s.op = slaterms::higherIsBetter(s.kind) ? ">=" : "<=";
        std::string description = "data contract " + contractName;
        if (!column.empty()) {
            description += "; measured on " + column;
        }
        if (!when.empty() && s.kind == "frequency") {
            description += "; " + when;
        }
        s.description = description;
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace meshlens::models
