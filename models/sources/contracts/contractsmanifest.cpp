#include "contractsmanifest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace meshlens::models {

namespace {

constexpr char kSep = '\x1f'; // in no id a person types

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string s(const QJsonValue &v)
{
    return v.toString().toStdString();
}

QJsonArray refs(const std::vector<ContractFile::ContractRef> &list)
{
    QJsonArray a;
    for (const auto &r : list) {
        a.append(QJsonArray{q(r.contractId), q(r.version), q(r.portName), q(r.portId), r.line});
    }
    return a;
}

std::vector<ContractFile::ContractRef> refs(const QJsonArray &a)
{
    std::vector<ContractFile::ContractRef> out;
    for (const QJsonValue &v : a) {
        const QJsonArray r = v.toArray();
        out.push_back({s(r.at(0)), s(r.at(1)), s(r.at(2)), s(r.at(3)), r.at(4).toInt()});
    }
    return out;
}

} // namespace

std::string ContractsManifest::key(std::string_view kind, std::string_view product, std::string_view id)
{
    std::string k;
    k.reserve(kind.size() + product.size() + id.size() + 2);
    k.append(kind).push_back(kSep);
    k.append(product).push_back(kSep);
    k.append(id);
    return k;
}

std::string ContractsManifest::lineageKey(const records::Lineage &e)
{
    return key("lineage", {}, e.from + kSep + e.fromPort + kSep + e.to + kSep + e.toPort);
}

std::string ContractsManifest::withProduct(const std::string &k, std::string_view product)
{
    const std::size_t a = k.find(kSep);
    const std::size_t b = a == std::string::npos ? a : k.find(kSep, a + 1);
    if (b == std::string::npos) {
        return k;
    }
    return k.substr(0, a + 1) + std::string(product) + k.substr(b);
}

QByteArray ContractsManifest::toJson() const
{
    QJsonObject filesJson;
    for (const auto &[path, e] : files) {
        QJsonArray problems;
        for (const SourceProblem &p : e.problems) {
            problems.append(QJsonArray{p.line, p.severity == SourceProblem::Severity::Error ? 1 : 0, p.message});
        }
        QJsonArray defines;
        for (const std::string &d : e.defines) {
            defines.append(q(d));
        }
        QJsonArray nodes;
        for (const auto &[k, n] : e.nodes) {
            nodes.append(QJsonArray{q(k), n.path, n.line});
        }
        QJsonArray contracts;
        for (const Contract &c : e.contracts) {
            contracts.append(QJsonArray{q(c.id), q(c.version), q(c.inferred), c.line});
        }
        QJsonObject o{{QStringLiteral("size"), e.size},
                      {QStringLiteral("mtime"), e.mtimeMs},
                      {QStringLiteral("hash"), QString::fromLatin1(e.hash)},
                      {QStringLiteral("problems"), problems},
                      {QStringLiteral("defines"), defines},
                      {QStringLiteral("nodes"), nodes},
                      {QStringLiteral("deps"), q(e.deps)},
                      {QStringLiteral("contracts"), contracts},
                      {QStringLiteral("product"), q(e.productId)},
                      {QStringLiteral("inputs"), refs(e.inputs)},
                      {QStringLiteral("outputs"), refs(e.outputs)}};
        filesJson.insert(path, o);
    }
    QJsonArray derivedJson;
    for (const std::string &d : derived) {
        derivedJson.append(q(d));
    }
    const QJsonObject root{
        {QStringLiteral("version"), 1}, {QStringLiteral("files"), filesJson}, {QStringLiteral("derived"), derivedJson}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::optional<ContractsManifest> ContractsManifest::fromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    const QJsonObject root = doc.object();
    if (error.error != QJsonParseError::NoError || root.value(QLatin1String("version")).toInt() != 1) {
        return std::nullopt; // an older or damaged manifest: the next sync reads everything
    }
    ContractsManifest m;
    const QJsonObject filesJson = root.value(QLatin1String("files")).toObject();
    for (auto it = filesJson.begin(); it != filesJson.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        Entry e;
        e.size = o.value(QLatin1String("size")).toInteger();
        e.mtimeMs = o.value(QLatin1String("mtime")).toInteger();
        e.hash = o.value(QLatin1String("hash")).toString().toLatin1();
        for (const QJsonValue &v : o.value(QLatin1String("problems")).toArray()) {
            const QJsonArray p = v.toArray();
            e.problems.push_back(
                {it.key(), p.at(0).toInt(), p.at(2).toString(),
                 p.at(1).toInt() == 1 ? SourceProblem::Severity::Error : SourceProblem::Severity::Warning});
        }
        for (const QJsonValue &v : o.value(QLatin1String("defines")).toArray()) {
            e.defines.push_back(s(v));
        }
        for (const QJsonValue &v : o.value(QLatin1String("nodes")).toArray()) {
            const QJsonArray n = v.toArray();
            e.nodes.emplace_back(s(n.at(0)), ContractNode{it.key(), n.at(1).toString(), n.at(2).toInt()});
        }
        e.deps = s(o.value(QLatin1String("deps")));
        for (const QJsonValue &v : o.value(QLatin1String("contracts")).toArray()) {
            const QJsonArray c = v.toArray();
            e.contracts.push_back({s(c.at(0)), s(c.at(1)), s(c.at(2)), c.at(3).toInt()});
        }
        e.productId = s(o.value(QLatin1String("product")));
        e.inputs = refs(o.value(QLatin1String("inputs")).toArray());
        e.outputs = refs(o.value(QLatin1String("outputs")).toArray());
        m.files.emplace(it.key(), std::move(e));
    }
    for (const QJsonValue &v : root.value(QLatin1String("derived")).toArray()) {
        m.derived.push_back(s(v));
    }
    return m;
}

std::optional<ContractNode> ContractsManifest::find(const std::string &k) const
{
    for (const auto &[path, e] : files) {
        for (const auto &[nk, n] : e.nodes) {
            if (nk == k) {
                return n;
            }
        }
    }
    return std::nullopt;
}

std::optional<ContractNode> ContractsManifest::locate(const QByteArray &state, const std::string &k)
{
    const auto m = fromJson(state);
    return m ? m->find(k) : std::nullopt;
}

} // namespace meshlens::models
