#include "openmetadatareader.h"

#include "../../logging.h"
#include "openmetadatafqn.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThreadPool>
#include <QtConcurrent>

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>

namespace meshlens::models {

namespace {

struct AssetCollection
{
    const char *type; // OpenMetadata entity type
    const char *path; // list endpoint below /api
    const char *kind; // MeshLens entry kind
};

// The asset collections that become catalog entries (or ports of the data product holding them).
constexpr AssetCollection kAssets[] = {
    {"table", "/v1/tables", "table"},
    {"topic", "/v1/topics", "topic"},
    {"dashboard", "/v1/dashboards", "dashboard"},
    {"dashboardDataModel", "/v1/dashboard/datamodels", "datamodel"},
    {"pipeline", "/v1/pipelines", "pipeline"},
};

const AssetCollection *assetCollection(const QString &type)
{
    for (const AssetCollection &c : kAssets) {
        if (type == QLatin1String(c.type)) {
            return &c;
        }
    }
    return nullptr;
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

constexpr auto kCursorPrefix = "events:";

char statusLetter(const QString &status)
{
    if (status == QLatin1String("Success")) {
        return 'P';
    }
    if (status == QLatin1String("Failed")) {
        return 'F';
    }
    if (status == QLatin1String("Aborted")) {
        return 'A';
    }
    return '-'; // Queued, or a status newer than this client
}

} // namespace

OpenMetadataReader::OpenMetadataReader(OpenMetadataClient &client, const OpenMetadataDialect &dialect,
                                       ReadContext &context, const OpenMetadataOptions &options, QString sourceName)
    : m_client(client)
    , m_dialect(dialect)
    , m_context(context)
    , m_options(options)
    , m_sourceName(std::move(sourceName))
    , m_mapper(dialect)
{}

QByteArray OpenMetadataReader::collectionOf(const QString &entityType)
{
    if (const AssetCollection *c = assetCollection(entityType)) {
        return c->path;
    }
    static const QHash<QString, QByteArray> others{
        {QStringLiteral("user"), "/v1/users"},
        {QStringLiteral("team"), "/v1/teams"},
        {QStringLiteral("domain"), "/v1/domains"},
        {QStringLiteral("dataProduct"), "/v1/dataProducts"},
        {QStringLiteral("testCase"), "/v1/dataQuality/testCases"},
        {QStringLiteral("dataContract"), "/v1/dataContracts"},
    };
    return others.value(entityType);
}

QString OpenMetadataReader::entityTypeOfKind(const QString &kind)
{
    if (kind == QLatin1String("product")) {
        return QStringLiteral("dataProduct");
    }
    for (const AssetCollection &c : kAssets) {
        if (kind == QLatin1String(c.kind)) {
            return QLatin1String(c.type);
        }
    }
    return {};
}

QString OpenMetadataReader::fieldsFor(const QString &type, const OpenMetadataDialect &d)
{
    QStringList f;
    if (type == QLatin1String("user")) {
        f << QStringLiteral("teams");
    } else if (type == QLatin1String("team")) {
        f << QStringLiteral("parents");
    } else if (type == QLatin1String("domain")) {
        f << d.ownersField();
    } else if (type == QLatin1String("dataProduct")) {
        f << d.ownersField() << d.domainsField() << QStringLiteral("tags");
        if (!d.assetsEndpoint()) {
            f << QStringLiteral("assets");
        }
    } else if (type == QLatin1String("testCase")) {
        f << QStringLiteral("testDefinition") << QStringLiteral("testSuite");
    } else if (assetCollection(type)) {
        if (type == QLatin1String("table") || type == QLatin1String("dashboardDataModel")) {
            f << QStringLiteral("columns");
        }
        f << d.ownersField() << QStringLiteral("tags");
        if (d.hasDomains()) {
            f << d.domainsField();
        }
    }
    return f.join(QLatin1Char(','));
}

std::int64_t OpenMetadataReader::now() const
{
    return m_options.nowMs ? m_options.nowMs() : QDateTime::currentMSecsSinceEpoch();
}

std::optional<QString> OpenMetadataReader::put(records::Record &&record)
{
    ++m_records;
    return m_context.sink.write(std::move(record));
}

void OpenMetadataReader::progress(const QString &step)
{
    if (m_context.progress) {
        SyncProgress p;
        p.phase = SyncProgress::Phase::Reading;
        p.records = m_records;
        p.step = step;
        m_context.progress(p);
    }
}

std::optional<QString> OpenMetadataReader::cancelled() const
{
    if (m_context.cancel.load()) {
        return QStringLiteral("cancelled");
    }
    return std::nullopt;
}

namespace {

// The source state is rows (arrays): [key, values...]. A QJsonObject of 200k members costs a sorted insert each,
// quadratic in the catalog (12% of a 20k-table sync, most of a 100k-table delta). States saved as objects by an
// earlier MeshLens ({key: [values...]}) are still read.
void forEachRow(const QByteArray &json, const std::function<void(const QString &, const QJsonArray &)> &row)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (doc.isArray()) {
        for (const QJsonValue &v : doc.array()) {
            QJsonArray a = v.toArray();
            const QString key = a.isEmpty() ? QString() : a.takeAt(0).toString();
            row(key, a);
        }
        return;
    }
    const QJsonObject o = doc.object();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        row(it.key(), it.value().toArray());
    }
}

} // namespace

void OpenMetadataReader::loadIndex()
{
    m_index.clear();
    m_fqnToId.clear();
    m_written.clear();
    m_edgeKeys.clear();
    const auto state = [this](const QString &name) { return m_context.state ? m_context.state(name) : QByteArray(); };
    forEachRow(state(QStringLiteral("edges")), [this](const QString &key, const QJsonArray &a) {
        records::Lineage edge;
        edge.from = utf8(a.at(0).toString());
        edge.fromPort = utf8(a.at(1).toString());
        edge.to = utf8(a.at(2).toString());
        edge.toPort = utf8(a.at(3).toString());
        remember(key, edge);
    });
    forEachRow(state(QStringLiteral("index")), [this](const QString &id, const QJsonArray &a) {
        const Indexed e{a.at(0).toString(), a.at(1).toString(), a.at(2).toString()};
        m_index.insert(id, e);
        if (e.type == QLatin1String("user") || e.type == QLatin1String("team")) {
            m_mapper.knowParty(id);
        } else if (e.type == QLatin1String("domain")) {
            m_mapper.knowDomain(id);
        } else if (assetCollection(e.type)) {
            m_fqnToId.insert(e.fqn, id);
        }
    });
}

void OpenMetadataReader::saveIndex()
{
    QJsonArray index;
    for (auto it = m_index.constBegin(); it != m_index.constEnd(); ++it) {
        index.append(QJsonArray{it.key(), it->type, it->fqn, it->product});
    }
    m_context.sink.setState(QStringLiteral("index"), QJsonDocument(index).toJson(QJsonDocument::Compact));
    QJsonArray edges;
    for (auto it = m_written.constBegin(); it != m_written.constEnd(); ++it) {
        edges.append(QJsonArray{it.key(), QString::fromStdString(it->from), QString::fromStdString(it->fromPort),
                                QString::fromStdString(it->to), QString::fromStdString(it->toPort)});
    }
    m_context.sink.setState(QStringLiteral("edges"), QJsonDocument(edges).toJson(QJsonDocument::Compact));
}

std::optional<QString> OpenMetadataReader::readParties()
{
    if (m_dialect.hasDomains()) {
        progress(QStringLiteral("domains"));
        bool none = false;
        if (auto err = m_client.list(
                "/v1/domains", {{QStringLiteral("fields"), fieldsFor(QStringLiteral("domain"), m_dialect)}},
                m_options.pageSize,
                [this](const QJsonArray &page) -> std::optional<QString> {
                    for (const QJsonValue &v : page) {
                        const QJsonObject o = v.toObject();
                        m_index.insert(str(o, "id"), {QStringLiteral("domain"), str(o, "fullyQualifiedName"), {}});
                        if (auto err = put(m_mapper.domain(o))) {
                            return err;
                        }
                    }
                    return cancelled();
                },
                &none)) {
            return err;
        }
    }
    // Teams, then users: both parties, indexed by id, the same but for the record they become.
    for (const char *type : {"team", "user"}) {
        const QString t = QLatin1String(type);
        progress(t + QLatin1Char('s'));
        if (auto err = m_client.list(collectionOf(t), {{QStringLiteral("fields"), fieldsFor(t, m_dialect)}},
                                     m_options.pageSize, [this, &t](const QJsonArray &page) -> std::optional<QString> {
                                         for (const QJsonValue &v : page) {
                                             const QJsonObject o = v.toObject();
                                             m_index.insert(str(o, "id"), {t, str(o, "name"), {}});
                                             auto err = t == QLatin1String("team") ? put(m_mapper.team(o))
                                                                                   : put(m_mapper.person(o));
                                             if (err) {
                                                 return err;
                                             }
                                         }
                                         return cancelled();
                                     })) {
            return err;
        }
    }
    return std::nullopt;
}

std::optional<QString> OpenMetadataReader::assetsOf(const QJsonObject &dataProduct, QStringList &assetIds)
{
    const auto take = [&assetIds](const QJsonArray &refs) {
        for (const QJsonValue &v : refs) {
            const QString id = v.toObject().value(QLatin1String("id")).toString();
            if (!id.isEmpty()) {
                assetIds << id;
            }
        }
    };
    if (!m_dialect.assetsEndpoint()) {
        take(dataProduct.value(QLatin1String("assets")).toArray());
        return std::nullopt;
    }
    // 1.8.12+: the assets endpoint pages by offset, not by cursor.
    const QByteArray path = "/v1/dataProducts/" + QUrl::toPercentEncoding(str(dataProduct, "id")) + "/assets";
    for (int offset = 0;;) {
        if (auto err = cancelled()) {
            return err;
        }
        const auto reply = m_client.get(path, {{QStringLiteral("limit"), QString::number(m_options.pageSize)},
                                               {QStringLiteral("offset"), QString::number(offset)}});
        if (!reply.ok()) {
            return reply.error;
        }
        const QJsonArray data = reply.json.value(QLatin1String("data")).toArray();
        take(data);
        offset += static_cast<int>(data.size());
        const int total = reply.json.value(QLatin1String("paging")).toObject().value(QLatin1String("total")).toInt();
        if (data.isEmpty() || offset >= total) {
            return std::nullopt;
        }
    }
}

std::optional<QString> OpenMetadataReader::readDataProducts(QHash<QString, QString> &membership)
{
    if (!m_dialect.hasDomains()) {
        return std::nullopt;
    }
    progress(QStringLiteral("dataProducts"));
    QList<QJsonObject> products;
    bool none = false;
    if (auto err = m_client.list(
            "/v1/dataProducts", {{QStringLiteral("fields"), fieldsFor(QStringLiteral("dataProduct"), m_dialect)}},
            m_options.pageSize,
            [&](const QJsonArray &page) -> std::optional<QString> {
                for (const QJsonValue &v : page) {
                    products << v.toObject();
                }
                return cancelled();
            },
            &none)) {
        return err;
    }
    for (const QJsonObject &o : products) {
        const QString id = str(o, "id");
        m_index.insert(id, {QStringLiteral("dataProduct"), str(o, "fullyQualifiedName"), {}});
        if (auto err = put(m_mapper.product(o, "product"))) {
            return err;
        }
        QStringList assets;
        if (auto err = assetsOf(o, assets)) {
            return err;
        }
        for (const QString &asset : assets) {
            membership.insert(asset, id);
        }
    }
    return std::nullopt;
}

std::optional<QString> OpenMetadataReader::writeAsset(const QString &type, const QJsonObject &entity,
                                                      const QString &product)
{
    const AssetCollection *c = assetCollection(type);
    const QString id = str(entity, "id");
    const QString fqn = str(entity, "fullyQualifiedName");
    m_index.insert(id, {type, fqn, product});
    m_fqnToId.insert(fqn, id);
    if (product.isEmpty()) {
        if (auto err = put(m_mapper.product(entity, c->kind))) {
            return err;
        }
        return put(OpenMetadataMapper::port(utf8(id), entity, c->kind));
    }
    return put(OpenMetadataMapper::port(utf8(product), entity, c->kind));
}

std::optional<QString> OpenMetadataReader::writeContract(const QJsonObject &contract, bool replace)
{
    const QJsonObject governed = contract.value(QLatin1String("entity")).toObject();
    const QString assetId = str(governed, "id");
    const auto asset = m_index.constFind(assetId);
    const QString contractId = str(contract, "id");
    if (contractId.isEmpty()) {
        return std::nullopt;
    }
    if (asset == m_index.constEnd() || !assetCollection(asset->type)) {
        m_context.sink.problem(
            {QStringLiteral("dataContract ") + str(contract, "fullyQualifiedName"), 0,
             QStringLiteral("the data contract governs %1 %2, which is not in the catalog; its SLA is not shown")
                 .arg(str(governed, "type"), str(governed, "fullyQualifiedName")),
             SourceProblem::Severity::Warning});
        return std::nullopt;
    }
    const QString product = asset->product.isEmpty() ? assetId : asset->product;
    const Indexed was = m_index.value(contractId);
    m_index.insert(contractId, {QStringLiteral("dataContract"), assetId, product});
    const auto slas = OpenMetadataMapper::contractSlas(contract, utf8(product), utf8(assetId));
    if (replace) {
        if (auto err = retractContractSlas(contractId, was.product, was.product == product ? slas : decltype(slas){})) {
            return err;
        }
    }
    for (const records::Sla &sla : slas) {
        if (auto err = put(records::Sla(sla))) {
            return err;
        }
    }
    return std::nullopt;
}

std::optional<QString> OpenMetadataReader::retractContractSlas(const QString &contractId, const QString &product,
                                                               const std::vector<records::Sla> &kept)
{
    if (product.isEmpty()) {
        return std::nullopt; // not written before
    }
    const QJsonObject contract{{QStringLiteral("id"), contractId}};
    for (const std::string &kind : OpenMetadataMapper::contractSlaKinds()) {
        const std::string id = OpenMetadataMapper::contractSlaId(contract, kind);
        if (std::any_of(kept.begin(), kept.end(), [&](const records::Sla &s) { return s.id == id; })) {
            continue;
        }
        records::Tombstone t;
        t.of = "sla";
        t.id = id;
        t.product = utf8(product);
        if (auto err = put(std::move(t))) {
            return err;
        }
    }
    return std::nullopt;
}

std::optional<QString> OpenMetadataReader::rehomeDependents(const QString &assetId)
{
    // A test case's FQN is its entity's FQN and then its own name (and column): that is how it names its asset.
    // A contract's index entry names the asset it governs.
    const QString prefix = m_index.value(assetId).fqn + QLatin1Char('.');
    QList<QPair<QString, QString>> dependents; // type, id
    for (auto it = m_index.constBegin(); it != m_index.constEnd(); ++it) {
        if ((it->type == QLatin1String("testCase") && it->fqn.startsWith(prefix)) ||
            (it->type == QLatin1String("dataContract") && it->fqn == assetId)) {
            dependents.append({it->type, it.key()});
        }
    }
    const std::int64_t since = now() - std::int64_t(m_options.resultDays) * 86400 * 1000;
    for (const auto &[type, id] : dependents) {
        QJsonObject entity;
        bool gone = false;
        if (auto err = fetch(type, id, entity, gone)) {
            return err;
        }
        if (gone) {
            m_index.remove(id);
            continue;
        }
        if (auto err = type == QLatin1String("testCase") ? writeTestCase(entity, since) : writeContract(entity, true)) {
            return err;
        }
    }
    return std::nullopt;
}

std::optional<QString> OpenMetadataReader::writeTestCase(const QJsonObject &tc, std::int64_t sinceMs)
{
    return writeTestCases({tc}, sinceMs);
}

std::optional<QString> OpenMetadataReader::writeTestCases(const QList<QJsonObject> &testCases, std::int64_t sinceMs)
{
    // The checks first; then their results over the window, many requests at a time (one per test case), written in
    // the order of the cases: the time-series path on 1.5+, the 1.1 path before (and after a 404 on it).
    const OpenMetadataClient::Query window{{QStringLiteral("startTs"), QString::number(sinceMs)},
                                           {QStringLiteral("endTs"), QString::number(now())}};
    std::vector<QByteArray> paths;
    std::vector<std::pair<std::string, std::string>> owners; // product, check id of each path
    for (const QJsonObject &tc : testCases) {
        const OpenMetadataFqn::Link link = OpenMetadataFqn::parseEntityLink(str(tc, "entityLink"));
        const QString assetId = m_fqnToId.value(link.fqn);
        const auto asset = m_index.constFind(assetId);
        const QString name = str(tc, "fullyQualifiedName").isEmpty() ? str(tc, "name") : str(tc, "fullyQualifiedName");
        if (assetId.isEmpty() || asset == m_index.constEnd()) {
            m_context.sink.problem({QStringLiteral("testCase ") + name, 0,
                                    QStringLiteral("the test case is about %1, which is not in the catalog; its "
                                                   "results are not shown")
                                        .arg(link.fqn),
                                    SourceProblem::Severity::Warning});
            continue;
        }
        const QString product = asset->product.isEmpty() ? assetId : asset->product;
        records::Check check;
        check.product = utf8(product);
        check.id = utf8(str(tc, "id"));
        check.name = utf8(str(tc, "displayName").isEmpty() ? str(tc, "name") : str(tc, "displayName"));
        check.kind = utf8(tc.value(QLatin1String("testDefinition")).toObject().value(QLatin1String("name")).toString());
        check.port = utf8(assetId);
        if (link.field.startsWith(QLatin1String("columns::"))) {
            check.column = utf8(link.field.mid(9).section(QStringLiteral("::"), 0, 0));
        }
        // The suites it runs in (an executable suite per table; logical suites, 1.4+, gather cases of many) come as
        // references on the case: their names join the description, where a reader of the check sees them.
        QStringList suites;
        const auto suite = [&suites](const QJsonValue &ref) {
            const QJsonObject o = ref.toObject();
            const QString name = str(o, "displayName").isEmpty() ? str(o, "name") : str(o, "displayName");
            if (!name.isEmpty() && !suites.contains(name)) {
                suites << name;
            }
        };
        suite(tc.value(QLatin1String("testSuite")));
        for (const QJsonValue &v : tc.value(QLatin1String("testSuites")).toArray()) {
            suite(v);
        }
        QString description = str(tc, "description");
        if (!suites.isEmpty()) {
            description += (description.isEmpty() ? QString() : QStringLiteral("\n\n")) +
                           QStringLiteral("Test suite: ") + suites.join(QStringLiteral(", "));
        }
        check.description = utf8(description);
        m_index.insert(str(tc, "id"), {QStringLiteral("testCase"), name, product});
        owners.emplace_back(check.product, check.id);
        if (auto err = put(std::move(check))) {
            return err;
        }
        const QByteArray fqn = OpenMetadataFqn::pathSegment(name);
        paths.push_back(m_dialect.timeSeriesResults()
                            ? QByteArray("/v1/dataQuality/testCases/testCaseResults/" + fqn)
                            : QByteArray("/v1/dataQuality/testCases/" + fqn + "/testCaseResult"));
    }
    return getEach(paths, window, [&](std::size_t i, OpenMetadataClient::Reply &reply) -> std::optional<QString> {
        if (reply.status == 404 && m_dialect.timeSeriesResults()) {
            const QByteArray fqn = paths[i].mid(paths[i].lastIndexOf('/') + 1);
            reply = m_client.get("/v1/dataQuality/testCases/" + fqn + "/testCaseResult", window);
        }
        if (reply.status == 404) {
            return std::nullopt; // no results yet
        }
        if (!reply.ok()) {
            return reply.error;
        }
        for (const QJsonValue &v : reply.json.value(QLatin1String("data")).toArray()) {
            const QJsonObject r = v.toObject();
            const auto at = OpenMetadataMapper::epochMillis(r.value(QLatin1String("timestamp")));
            if (!at) {
                continue;
            }
            records::CheckResult result;
            result.product = owners[i].first;
            result.check = owners[i].second;
            result.t0 = *at / 1000;
            result.statuses = std::string(1, statusLetter(str(r, "testCaseStatus")));
            result.message = utf8(str(r, "result"));
            if (auto err = put(std::move(result))) {
                return err;
            }
        }
        return std::nullopt;
    });
}

std::optional<QString> OpenMetadataReader::getEach(
    const std::vector<QByteArray> &paths, const OpenMetadataClient::Query &query,
    const std::function<std::optional<QString>(std::size_t, OpenMetadataClient::Reply &)> &onReply)
{
    // One request per entity is latency-bound: a few lanes, each with its own client (an HttpClient belongs to the
    // thread that made it), fetch a chunk at a time; the answers are then handed over here, in order, on the sync
    // thread. An empty path is skipped.
    const int laneCount = std::max(1, m_options.concurrency);
    constexpr std::size_t kChunk = 1024;
    QThreadPool pool;
    pool.setMaxThreadCount(laneCount);
    std::vector<int> lanes(std::size_t(laneCount), 0);
    std::iota(lanes.begin(), lanes.end(), 0);
    for (std::size_t start = 0; start < paths.size(); start += kChunk) {
        if (auto err = cancelled()) {
            return err;
        }
        const std::size_t end = std::min(start + kChunk, paths.size());
        std::vector<OpenMetadataClient::Reply> replies(end - start);
        if (end - start == 1) {
            if (!paths[start].isEmpty()) {
                replies[0] = m_client.get(paths[start], query);
            }
        } else {
            QtConcurrent::blockingMap(&pool, lanes, [&](int lane) {
                const auto client = m_client.sibling();
                for (std::size_t i = start + std::size_t(lane); i < end; i += std::size_t(laneCount)) {
                    if (!paths[i].isEmpty()) {
                        replies[i - start] = client->get(paths[i], query);
                    }
                }
            });
        }
        for (std::size_t i = start; i < end; ++i) {
            if (paths[i].isEmpty()) {
                continue;
            }
            if (auto err = onReply(i, replies[i - start])) {
                return err;
            }
        }
    }
    return std::nullopt;
}

void OpenMetadataReader::remember(const QString &key, const records::Lineage &edge)
{
    m_written.insert(key, edge);
    const QString from = key.section(QLatin1Char('|'), 0, 0);
    const QString to = key.section(QLatin1Char('|'), 1, 1);
    m_edgeKeys.insert(from, key);
    if (to != from) {
        m_edgeKeys.insert(to, key);
    }
}

std::optional<QString> OpenMetadataReader::dropLineage(const QString &id)
{
    // Through the index of edge ends: a delta drops the edges of each changed entity, and scanning every stored
    // edge for each one made a 1% delta of 20k tables as slow as a full read.
    const QStringList keys = m_edgeKeys.values(id);
    m_edgeKeys.remove(id);
    for (const QString &key : keys) {
        const auto it = m_written.find(key);
        if (it == m_written.end()) {
            continue;
        }
        records::Tombstone t;
        t.of = "lineage";
        t.edge = it.value();
        m_edges.remove(key);
        m_written.erase(it);
        const QString from = key.section(QLatin1Char('|'), 0, 0);
        m_edgeKeys.remove(from == id ? key.section(QLatin1Char('|'), 1, 1) : from, key);
        if (auto err = put(std::move(t))) {
            return err;
        }
    }
    return std::nullopt;
}

std::optional<QString> OpenMetadataReader::readLineage(const QStringList &ids, bool replace)
{
    const OpenMetadataClient::Query depth{{QStringLiteral("upstreamDepth"), QStringLiteral("1")},
                                          {QStringLiteral("downstreamDepth"), QStringLiteral("1")}};
    std::vector<QByteArray> paths(std::size_t(ids.size()));
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (replace) {
            if (auto err = dropLineage(ids[i])) {
                return err;
            }
        }
        if (const auto entity = m_index.constFind(ids[i]); entity != m_index.constEnd()) {
            paths[std::size_t(i)] =
                "/v1/lineage/" + entity->type.toUtf8() + "/name/" + OpenMetadataFqn::pathSegment(entity->fqn);
        }
    }
    return getEach(paths, depth, [this](std::size_t, OpenMetadataClient::Reply &reply) { return writeLineage(reply); });
}

std::optional<QString> OpenMetadataReader::writeLineage(const OpenMetadataClient::Reply &reply)
{
    if (reply.status == 404) {
        return std::nullopt; // gone since it was listed, or a type without lineage on this server
    }
    if (!reply.ok()) {
        return reply.error;
    }
    const auto endpoint = [this](const QString &node, std::string &product, std::string &port) {
        const auto it = m_index.constFind(node);
        if (it == m_index.constEnd() || !assetCollection(it->type)) {
            return false;
        }
        product = utf8(it->product.isEmpty() ? node : it->product);
        port = it->product.isEmpty() ? std::string() : utf8(node);
        return true;
    };
    for (const char *side : {"upstreamEdges", "downstreamEdges"}) {
        for (const QJsonValue &v : reply.json.value(QLatin1String(side)).toArray()) {
            const QJsonObject e = v.toObject();
            const QString from = str(e, "fromEntity");
            const QString to = str(e, "toEntity");
            const QString key = from + QLatin1Char('|') + to;
            if (m_edges.contains(key)) {
                continue; // seen from its other end
            }
            records::Lineage edge;
            if (!endpoint(from, edge.from, edge.fromPort) || !endpoint(to, edge.to, edge.toPort) ||
                (edge.from == edge.to && edge.fromPort == edge.toPort)) {
                continue;
            }
            m_edges.insert(key);
            remember(key, edge);
            const QJsonObject details = e.value(QLatin1String("lineageDetails")).toObject();
            QString description = str(details, "description");
            if (description.isEmpty()) {
                description = str(details, "sqlQuery");
            }
            if (description.isEmpty()) {
                description = details.value(QLatin1String("pipeline"))
                                  .toObject()
                                  .value(QLatin1String("fullyQualifiedName"))
                                  .toString();
            }
            edge.description = utf8(description);
            for (const QJsonValue &c : details.value(QLatin1String("columnsLineage")).toArray()) {
                const QJsonObject map = c.toObject();
                const QString toColumn = OpenMetadataFqn::split(str(map, "toColumn")).constLast();
                for (const QJsonValue &f : map.value(QLatin1String("fromColumns")).toArray()) {
                    edge.columns.emplace_back(utf8(OpenMetadataFqn::split(f.toString()).constLast()), utf8(toColumn));
                }
            }
            if (auto err = put(std::move(edge))) {
                return err;
            }
        }
    }
    return std::nullopt;
}

std::optional<QString> OpenMetadataReader::readFull()
{
    // A delta that gave up may have loaded the last sync's index: a snapshot starts from nothing.
    m_index.clear();
    m_fqnToId.clear();
    m_edges.clear();
    m_written.clear();
    m_edgeKeys.clear();
    m_mapper = OpenMetadataMapper(m_dialect);
    const std::int64_t started = now();
    records::Header header;
    header.format = "openmetadata";
    header.version = 1;
    header.mode = records::BundleMode::Snapshot;
    header.cursor = kCursorPrefix + std::to_string(started);
    header.sourceName = utf8(m_sourceName);
    header.generatedAt = started / 1000;
    if (auto err = m_context.sink.begin(header)) {
        return err;
    }
    if (auto err = readParties()) {
        return err;
    }
    QHash<QString, QString> membership; // asset id -> data product id
    if (auto err = readDataProducts(membership)) {
        return err;
    }
    QStringList lineageOf;
    for (const AssetCollection &c : kAssets) {
        const QString type = QLatin1String(c.type);
        progress(QString::fromLatin1(c.path).section(QLatin1Char('/'), 2));
        bool none = false; // an older server may lack a collection (data models before 1.0)
        if (auto err = m_client.list(
                c.path, {{QStringLiteral("fields"), fieldsFor(type, m_dialect)}}, m_options.pageSize,
                [&](const QJsonArray &page) -> std::optional<QString> {
                    for (const QJsonValue &v : page) {
                        const QJsonObject o = v.toObject();
                        const QString id = str(o, "id");
                        if (auto err = writeAsset(type, o, membership.value(id))) {
                            return err;
                        }
                        lineageOf << id;
                    }
                    return cancelled();
                },
                &none)) {
            return err;
        }
    }
    if (m_dialect.dataContracts()) {
        progress(QStringLiteral("dataContracts"));
        bool noContracts = false; // a 1.9 server with the feature turned off
        if (auto err = m_client.list(
                "/v1/dataContracts", {}, m_options.pageSize,
                [&](const QJsonArray &page) -> std::optional<QString> {
                    for (const QJsonValue &v : page) {
                        if (auto err = writeContract(v.toObject(), false)) {
                            return err;
                        }
                    }
                    return cancelled();
                },
                &noContracts)) {
            return err;
        }
    }
    progress(QStringLiteral("testCases"));
    const std::int64_t since = started - std::int64_t(m_options.resultDays) * 86400 * 1000;
    QList<QJsonObject> testCases;
    bool noTests = false;
    if (auto err = m_client.list(
            "/v1/dataQuality/testCases",
            {{QStringLiteral("fields"), fieldsFor(QStringLiteral("testCase"), m_dialect)},
             {QStringLiteral("includeAllTests"), QStringLiteral("true")}},
            m_options.pageSize,
            [&](const QJsonArray &page) -> std::optional<QString> {
                for (const QJsonValue &v : page) {
                    testCases << v.toObject();
                }
                return cancelled();
            },
            &noTests)) {
        return err;
    }
    progress(QStringLiteral("testCaseResults"));
    if (auto err = writeTestCases(testCases, since)) {
        return err;
    }
    progress(QStringLiteral("lineage"));
    if (auto err = readLineage(lineageOf, false)) {
        return err;
    }
    saveIndex();
    progress(QStringLiteral("done"));
    return std::nullopt;
}

std::optional<QString> OpenMetadataReader::fetch(const QString &type, const QString &id, QJsonObject &entity,
                                                 bool &gone)
{
    gone = false;
    OpenMetadataClient::Query query{{QStringLiteral("include"), QStringLiteral("all")}};
    if (const QString fields = fieldsFor(type, m_dialect); !fields.isEmpty()) {
        query.prepend({QStringLiteral("fields"), fields});
    }
    const auto reply = m_client.get(collectionOf(type) + '/' + QUrl::toPercentEncoding(id), query);
    if (reply.status == 404) {
        gone = true;
        return std::nullopt;
    }
    if (!reply.ok()) {
        return reply.error;
    }
    entity = reply.json;
    gone = entity.value(QLatin1String("deleted")).toBool();
    return std::nullopt;
}

std::optional<QString> OpenMetadataReader::readIncremental(bool &fellBack)
{
    fellBack = true;
    const QString cursor = m_context.cursor;
    const std::int64_t startedMs = now();
    if (m_context.full || m_context.lastSuccessAt <= 0 || !cursor.startsWith(QLatin1String(kCursorPrefix)) ||
        startedMs / 1000 - m_context.lastSuccessAt > m_options.eventRetentionS) {
        return std::nullopt;
    }
    bool ok = false;
    const std::int64_t lastTs = cursor.mid(int(std::strlen(kCursorPrefix))).toLongLong(&ok);
    if (!ok) {
        return std::nullopt;
    }
    loadIndex();
    if (m_index.isEmpty()) {
        return std::nullopt;
    }
    progress(QStringLiteral("events"));
    const auto reply =
        m_client.get("/v1/events", {{QStringLiteral("entityCreated"), QStringLiteral("*")},
                                    {QStringLiteral("entityUpdated"), QStringLiteral("*")},
                                    {QStringLiteral("entityDeleted"), QStringLiteral("*")},
                                    {QStringLiteral("timestamp"), QString::number(lastTs - m_options.eventOverlapMs)}});
    if (reply.status == 401) {
        return reply.error;
    }
    if (!reply.ok()) {
        qCInfo(lcSync) << "change events unavailable, reading the whole server:" << reply.error;
        return std::nullopt;
    }

    // The last event per entity decides (deduplicated by entity and version: overlapping windows repeat events).
    struct Change
    {
        QString type, eventType;
        std::int64_t at = 0;
    };
    std::map<QString, Change> changes;
    QSet<QString> seen;
    std::int64_t maxTs = lastTs;
    for (const QJsonValue &v : reply.json.value(QLatin1String("data")).toArray()) {
        const QJsonObject e = v.toObject();
        const QString id = str(e, "entityId");
        const QString key =
            id + QLatin1Char('@') +
            QString::fromStdString(OpenMetadataMapper::version(e.value(QLatin1String("currentVersion")))) +
            QLatin1Char('@') + str(e, "eventType");
        // An event without a usable time still names a change; it neither moves the cursor nor outranks a dated one.
        const std::int64_t at = OpenMetadataMapper::epochMillis(e.value(QLatin1String("timestamp"))).value_or(0);
        maxTs = std::max(maxTs, at);
        if (id.isEmpty() || seen.contains(key)) {
            continue;
        }
        seen.insert(key);
        Change &c = changes[id];
        if (at >= c.at) {
            c = {str(e, "entityType"), str(e, "eventType"), at};
        }
    }
    fellBack = false;

    records::Header header;
    header.format = "openmetadata";
    header.version = 1;
    header.mode = records::BundleMode::Delta;
    header.since = utf8(cursor);
    header.cursor = kCursorPrefix + std::to_string(maxTs);
    header.sourceName = utf8(m_sourceName);
    header.generatedAt = startedMs / 1000;
    if (auto err = m_context.sink.begin(header)) {
        return err;
    }

    // Parties and domains first (products name them), then data products, assets, tests; domains go last.
    const auto rank = [](const QString &type) {
        static const QStringList order{QStringLiteral("team"), QStringLiteral("user"), QStringLiteral("domain"),
                                       QStringLiteral("dataProduct")};
        const auto i = order.indexOf(type);
        return i >= 0 ? int(i) : type == QLatin1String("testCase") ? 9 : type == QLatin1String("dataContract") ? 8 : 5;
    };
    std::vector<std::pair<QString, Change>> ordered(changes.begin(), changes.end());
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&](const auto &a, const auto &b) { return rank(a.second.type) < rank(b.second.type); });

    QStringList lineageOf;
    QList<records::Tombstone> lateTombstones; // domains: their entries must be re-pointed before they go
    const auto tombstone = [](const char *of, const QString &id, const QString &product = {}) {
        records::Tombstone t;
        t.of = of;
        t.id = utf8(id);
        t.product = utf8(product);
        return t;
    };
    const auto becomeStandalone = [&](const QString &assetId) -> std::optional<QString> {
        const Indexed old = m_index.value(assetId);
        QJsonObject entity;
        bool gone = false;
        if (auto err = fetch(old.type, assetId, entity, gone)) {
            return err;
        }
        if (auto err = put(tombstone("port", assetId, old.product))) {
            return err;
        }
        if (gone) {
            m_index.remove(assetId);
            return std::nullopt;
        }
        lineageOf << assetId;
        if (auto err = writeAsset(old.type, entity, {})) {
            return err;
        }
        return rehomeDependents(assetId);
    };

    int done = 0;
    for (const auto &[id, change] : ordered) {
        if (auto err = cancelled()) {
            return err;
        }
        if (++done % 50 == 0) {
            progress(QStringLiteral("events"));
        }
        const QString &type = change.type;
        if (collectionOf(type).isEmpty()) {
            continue; // an entity type MeshLens does not cache
        }
        QJsonObject entity;
        bool gone = change.eventType == QLatin1String("entityDeleted");
        if (!gone) {
            if (auto err = fetch(type, id, entity, gone)) {
                return err;
            }
        }
        const Indexed old = m_index.value(id);
        if (type == QLatin1String("user") || type == QLatin1String("team")) {
            const char *of = type == QLatin1String("user") ? "person" : "team";
            if (gone) {
                m_index.remove(id);
                if (auto err = put(tombstone(of, id))) {
                    return err;
                }
                continue;
            }
            m_index.insert(id, {type, str(entity, "name"), {}});
            auto err = type == QLatin1String("user") ? put(m_mapper.person(entity)) : put(m_mapper.team(entity));
            if (err) {
                return err;
            }
        } else if (type == QLatin1String("domain")) {
            if (gone) {
                m_index.remove(id);
                lateTombstones << tombstone("domain", id);
                continue;
            }
            m_index.insert(id, {type, str(entity, "fullyQualifiedName"), {}});
            if (auto err = put(m_mapper.domain(entity))) {
                return err;
            }
        } else if (type == QLatin1String("dataProduct")) {
            QStringList before;
            for (auto it = m_index.constBegin(); it != m_index.constEnd(); ++it) {
                if (it->product == id && assetCollection(it->type)) { // test cases and contracts move with them
                    before << it.key();
                }
            }
            if (gone) {
                for (const QString &asset : before) {
                    if (auto err = becomeStandalone(asset)) {
                        return err;
                    }
                }
                m_index.remove(id);
                if (auto err = put(tombstone("product", id))) {
                    return err;
                }
                continue;
            }
            m_index.insert(id, {type, str(entity, "fullyQualifiedName"), {}});
            if (auto err = put(m_mapper.product(entity, "product"))) {
                return err;
            }
            QStringList after;
            if (auto err = assetsOf(entity, after)) {
                return err;
            }
            for (const QString &asset : before) {
                if (!after.contains(asset)) {
                    if (auto err = becomeStandalone(asset)) {
                        return err;
                    }
                }
            }
            for (const QString &asset : after) {
                const auto known = m_index.constFind(asset);
                if (known != m_index.constEnd() && known->product == id) {
                    continue;
                }
                QString assetType = known != m_index.constEnd() ? known->type : QString();
                QJsonObject assetEntity;
                bool assetGone = true;
                for (const AssetCollection &c : kAssets) { // a new asset's type is unknown: try each collection
                    if (!assetType.isEmpty() && assetType != QLatin1String(c.type)) {
                        continue;
                    }
                    if (auto err = fetch(QLatin1String(c.type), asset, assetEntity, assetGone)) {
                        return err;
                    }
                    if (!assetGone) {
                        assetType = QLatin1String(c.type);
                        break;
                    }
                }
                if (assetGone) {
                    continue;
                }
                if (known != m_index.constEnd()) {
                    // It stood alone (or sat in another product): its old entry or port goes.
                    const Indexed was = *known;
                    if (auto err = put(was.product.isEmpty() ? tombstone("product", asset)
                                                             : tombstone("port", asset, was.product))) {
                        return err;
                    }
                }
                lineageOf << asset;
                if (auto err = writeAsset(assetType, assetEntity, id)) {
                    return err;
                }
                if (auto err = rehomeDependents(asset)) {
                    return err;
                }
            }
        } else if (type == QLatin1String("dataContract")) {
            if (gone) {
                m_index.remove(id);
                if (auto err = retractContractSlas(id, old.product, {})) {
                    return err;
                }
                continue;
            }
            if (auto err = writeContract(entity, true)) {
                return err;
            }
        } else if (type == QLatin1String("testCase")) {
            if (gone) {
                m_index.remove(id);
                if (!old.product.isEmpty()) {
                    if (auto err = put(tombstone("check", id, old.product))) {
                        return err;
                    }
                }
                continue;
            }
            if (auto err = writeTestCase(entity, lastTs - m_options.eventOverlapMs)) {
                return err;
            }
        } else { // an asset
            if (gone) {
                if (auto err = dropLineage(id)) {
                    return err;
                }
                m_index.remove(id);
                if (!old.type.isEmpty()) {
                    if (auto err = put(old.product.isEmpty() ? tombstone("product", id)
                                                             : tombstone("port", id, old.product))) {
                        return err;
                    }
                }
                continue;
            }
            if (auto err = writeAsset(type, entity, old.product)) {
                return err;
            }
            lineageOf << id;
        }
    }
    progress(QStringLiteral("lineage"));
    lineageOf.removeDuplicates();
    if (auto err = readLineage(lineageOf, true)) {
        return err;
    }
    for (records::Tombstone &t : lateTombstones) {
        if (auto err = put(std::move(t))) {
            return err;
        }
    }
    saveIndex();
    progress(QStringLiteral("done"));
    return std::nullopt;
}

} // namespace meshlens::models
