#include "fakeopenmetadata.h"

#include "models/sources/openmetadata/openmetadatadialect.h"
#include "models/sources/openmetadata/openmetadatafqn.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <optional>

namespace meshlens::test {

using models::OpenMetadataDialect;
using models::OpenMetadataFqn;

namespace {

QJsonObject readFixture(const QString &relative)
{
    QFile f(QStringLiteral(MESHLENS_FIXTURES_DIR "/openmetadata/") + relative);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString uuidFor(const QString &type, const QString &fqn)
{
    static const QUuid ns(QStringLiteral("{5b0c9e3e-6f1d-4b8e-9d57-0a3c2f1e7a11}"));
    return QUuid::createUuidV5(ns, type + QLatin1Char(':') + fqn).toString(QUuid::WithoutBraces);
}

QJsonObject ref(const QJsonObject &e)
{
    return {{QStringLiteral("id"), e.value(QLatin1String("id"))},
            {QStringLiteral("type"), e.value(QLatin1String("entityType"))},
            {QStringLiteral("name"), e.value(QLatin1String("name"))},
            {QStringLiteral("fullyQualifiedName"), e.value(QLatin1String("fullyQualifiedName"))},
            {QStringLiteral("deleted"), false}};
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject error(int code, const QString &message)
{
    return {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
}

const QHash<QString, QString> &collections()
{
    static const QHash<QString, QString> c{
        {QStringLiteral("tables"), QStringLiteral("table")},
        {QStringLiteral("topics"), QStringLiteral("topic")},
        {QStringLiteral("dashboards"), QStringLiteral("dashboard")},
        {QStringLiteral("dashboard/datamodels"), QStringLiteral("dashboardDataModel")},
        {QStringLiteral("pipelines"), QStringLiteral("pipeline")},
        {QStringLiteral("users"), QStringLiteral("user")},
        {QStringLiteral("teams"), QStringLiteral("team")},
        {QStringLiteral("domains"), QStringLiteral("domain")},
        {QStringLiteral("dataProducts"), QStringLiteral("dataProduct")},
        {QStringLiteral("dataQuality/testSuites"), QStringLiteral("testSuite")},
        {QStringLiteral("dataQuality/testCases"), QStringLiteral("testCase")},
        {QStringLiteral("dataContracts"), QStringLiteral("dataContract")},
    };
    return c;
}

// Relationship fields: sent only when asked for by fields=.
const QStringList kRelations = {
    QStringLiteral("owners"),         QStringLiteral("tags"),      QStringLiteral("domains"),
    QStringLiteral("columns"),        QStringLiteral("followers"), QStringLiteral("teams"),
    QStringLiteral("parents"),        QStringLiteral("children"),  QStringLiteral("assets"),
    QStringLiteral("testDefinition"), QStringLiteral("testSuite"), QStringLiteral("dataProducts"),
    QStringLiteral("experts"),        QStringLiteral("extension")};

} // namespace

struct FakeOpenMetadata::Impl
{
    Options options;
    OpenMetadataDialect dialect;
    mutable QMutex mutex;
    QHash<QString, QJsonObject> entities;         // id -> canonical entity (1.9 shape, with "entityType")
    QHash<QString, QMap<QString, QString>> byFqn; // type -> fqn -> id (sorted as the server's cursors are)
    struct Edge
    {
        QString from, to;
        QJsonObject details;
    };
    QList<Edge> edges;
    QMultiHash<QString, qsizetype> edgesOf; // entity id -> index into edges (built on first lineage call)
    QHash<QString, QJsonArray> results;     // test case FQN -> results, newest first
    QSet<QString> generatedCases;           // the generated tables' test cases, whose results resultsOf makes
    QList<QJsonObject> events;
    QList<QJsonObject> threads;
    int failCount = 0, failStatus = 0;
    QStringList cutParts;
    bool eventsAvailable = true;
    int patches = 0;
    QStringList log;
    QHash<QByteArray, QByteArray> served;
    QHash<QByteArray, Response> answers; // Options::cacheAnswers: request target -> the 200 answer given
    QStringList generatedIds;
    std::int64_t loadedAt = QDateTime::currentMSecsSinceEpoch();

    QThread *thread = nullptr;
    QTcpServer *server = nullptr;
    quint16 port = 0;

    QString add(const QString &type, QJsonObject e)
    {
        const QString fqn = e.value(QLatin1String("fullyQualifiedName")).toString();
        const QString id = uuidFor(type, fqn);
        e.insert(QStringLiteral("id"), id);
        e.insert(QStringLiteral("entityType"), type);
        if (!e.contains(QLatin1String("version"))) {
            e.insert(QStringLiteral("version"), 0.1);
        }
        if (!e.value(QLatin1String("updatedAt")).isDouble()) {
            e.insert(QStringLiteral("updatedAt"), double(loadedAt));
        }
        e.insert(QStringLiteral("updatedBy"), QStringLiteral("admin"));
        e.insert(QStringLiteral("deleted"), false);
        e.insert(QStringLiteral("href"), QStringLiteral("http://127.0.0.1/api/v1/%1/%2").arg(type, id));
        entities.insert(id, e);
        byFqn[type].insert(fqn, id);
        return id;
    }
    QString id(const QString &type, const QString &fqn) const { return byFqn.value(type).value(fqn); }
    QJsonObject refTo(const QString &type, const QString &fqn) const { return ref(entities.value(id(type, fqn))); }

    void event(const char *eventType, const QJsonObject &e, double previous)
    {
        answers.clear(); // every change of an entity comes with its event
        events.append(
            QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                        {QStringLiteral("eventType"), QLatin1String(eventType)},
                        {QStringLiteral("entityType"), e.value(QLatin1String("entityType"))},
                        {QStringLiteral("entityId"), e.value(QLatin1String("id"))},
                        {QStringLiteral("entityFullyQualifiedName"), e.value(QLatin1String("fullyQualifiedName"))},
                        {QStringLiteral("previousVersion"), previous},
                        {QStringLiteral("currentVersion"), e.value(QLatin1String("version"))},
                        {QStringLiteral("userName"), QStringLiteral("admin")},
                        {QStringLiteral("timestamp"), double(QDateTime::currentMSecsSinceEpoch())}});
    }

    void bump(QJsonObject &e)
    {
        const double v = std::round((e.value(QLatin1String("version")).toDouble() + 0.1) * 10.0) / 10.0;
        e.insert(QStringLiteral("version"), v);
        e.insert(QStringLiteral("updatedAt"), double(QDateTime::currentMSecsSinceEpoch()));
    }

    // One field changed as a steward would change it: a new version and an update event.
    void update(const QString &id, const QString &field, const QJsonValue &value)
    {
        QJsonObject &e = entities[id];
        const double previous = e.value(QLatin1String("version")).toDouble();
        e.insert(field, value);
        bump(e);
        event("entityUpdated", e, previous);
    }

    void load();
    QJsonObject render(const QJsonObject &e, const QSet<QString> &fields) const;
    std::optional<QString> badField(const QSet<QString> &fields) const;
    Response list(const QString &type, const QUrlQuery &q) const;
    QJsonArray resultsOf(const QString &testCaseFqn) const;
    Response lineage(const QString &id) const;
    Response patch(const QString &id, const Request &r);
};

void FakeOpenMetadata::Impl::load()
{
    const QString service = QStringLiteral("sample_data");
    const QString database = QStringLiteral("sample_data.ecommerce_db");
    const QString schema = QStringLiteral("sample_data.ecommerce_db.shopify");
    add(QStringLiteral("databaseService"),
        {{QStringLiteral("name"), service}, {QStringLiteral("fullyQualifiedName"), service}});
    add(QStringLiteral("database"),
        {{QStringLiteral("name"), QStringLiteral("ecommerce_db")}, {QStringLiteral("fullyQualifiedName"), database}});
    add(QStringLiteral("databaseSchema"),
        {{QStringLiteral("name"), QStringLiteral("shopify")}, {QStringLiteral("fullyQualifiedName"), schema}});

    // Teams: parents before children in the file; references by name become EntityReferences.
    const QJsonArray teams = readFixture(QStringLiteral("teams/teams.json")).value(QLatin1String("teams")).toArray();
    for (const QJsonValue &v : teams) {
        const QJsonObject t = v.toObject();
        const QString name = t.value(QLatin1String("name")).toString();
        add(QStringLiteral("team"), {{QStringLiteral("name"), name},
                                     {QStringLiteral("displayName"), name},
                                     {QStringLiteral("fullyQualifiedName"), name},
                                     {QStringLiteral("teamType"), t.value(QLatin1String("teamType"))}});
    }
    for (const QJsonValue &v : teams) {
        const QJsonObject t = v.toObject();
        QJsonObject &e = entities[id(QStringLiteral("team"), t.value(QLatin1String("name")).toString())];
        QJsonArray parents;
        for (const QJsonValue &p : t.value(QLatin1String("parent")).toArray()) {
            parents.append(refTo(QStringLiteral("team"), p.toString()));
        }
        e.insert(QStringLiteral("parents"), parents);
    }
    QStringList userNames;
    for (const QJsonValue &v :
         readFixture(QStringLiteral("users/users.json")).value(QLatin1String("users")).toArray()) {
        const QJsonObject u = v.toObject();
        const QString name = u.value(QLatin1String("name")).toString();
        QJsonArray userTeams;
        if (const QString team = u.value(QLatin1String("teams")).toString(); !team.isEmpty()) {
            userTeams.append(refTo(QStringLiteral("team"), team));
        }
        add(QStringLiteral("user"), {{QStringLiteral("name"), name},
                                     {QStringLiteral("fullyQualifiedName"), name},
                                     {QStringLiteral("displayName"), u.value(QLatin1String("displayName"))},
                                     {QStringLiteral("email"), u.value(QLatin1String("email"))},
                                     {QStringLiteral("teams"), userTeams}});
        userNames << name;
    }
    const QStringList teamNames = byFqn.value(QStringLiteral("team")).keys();

    const bool domains = dialect.hasDomains();
    if (domains) {
        add(QStringLiteral("domain"), {{QStringLiteral("name"), QStringLiteral("Marketing")},
                                       {QStringLiteral("fullyQualifiedName"), QStringLiteral("Marketing")},
                                       {QStringLiteral("displayName"), QStringLiteral("Marketing")},
                                       {QStringLiteral("domainType"), QStringLiteral("Consumer-aligned")},
                                       {QStringLiteral("description"), QStringLiteral("Campaigns and customers")}});
        add(QStringLiteral("domain"),
            {{QStringLiteral("name"), QStringLiteral("Web")},
             {QStringLiteral("fullyQualifiedName"), QStringLiteral("Marketing.Web")},
             {QStringLiteral("domainType"), QStringLiteral("Source-aligned")},
             {QStringLiteral("parent"), refTo(QStringLiteral("domain"), QStringLiteral("Marketing"))}});
    }

    int n = 0;
    const auto owners = [&](int i) {
        QJsonArray a;
        if (i % 3 == 0) {
            a.append(refTo(QStringLiteral("user"), userNames.value(i % userNames.size())));
        } else if (i % 3 == 1) {
            a.append(refTo(QStringLiteral("team"), teamNames.value(i % teamNames.size())));
        }
        return a;
    };
    const auto tags = [](int i, const QString &name) {
        QJsonArray a;
        if (i % 2 == 0) {
            a.append(QJsonObject{{QStringLiteral("tagFQN"), QStringLiteral("Tier.Tier%1").arg(i % 5 + 1)},
                                 {QStringLiteral("source"), QStringLiteral("Classification")},
                                 {QStringLiteral("labelType"), QStringLiteral("Manual")},
                                 {QStringLiteral("state"), QStringLiteral("Confirmed")}});
        }
        if (name.contains(QLatin1String("customer"))) {
            a.append(QJsonObject{{QStringLiteral("tagFQN"), QStringLiteral("PII.Sensitive")},
                                 {QStringLiteral("source"), QStringLiteral("Classification")},
                                 {QStringLiteral("labelType"), QStringLiteral("Manual")},
                                 {QStringLiteral("state"), QStringLiteral("Confirmed")}});
        }
        return a;
    };
    const QJsonObject serviceRef = refTo(QStringLiteral("databaseService"), service);
    const QJsonObject databaseRef = refTo(QStringLiteral("database"), database);
    const QJsonObject schemaRef = refTo(QStringLiteral("databaseSchema"), schema);
    const auto addTable = [&](QJsonObject t) {
        const QString name = t.value(QLatin1String("name")).toString();
        const QString fqn = schema + QLatin1Char('.') + OpenMetadataFqn::quote(name);
        QJsonArray columns;
        for (const QJsonValue &c : t.value(QLatin1String("columns")).toArray()) {
            QJsonObject col = c.toObject();
            col.insert(
                QStringLiteral("fullyQualifiedName"),
                QString(fqn + QLatin1Char('.') + OpenMetadataFqn::quote(col.value(QLatin1String("name")).toString())));
            columns.append(col);
        }
        QJsonObject e{{QStringLiteral("name"), name},
                      {QStringLiteral("fullyQualifiedName"), fqn},
                      {QStringLiteral("description"), t.value(QLatin1String("description"))},
                      {QStringLiteral("tableType"), t.value(QLatin1String("tableType"))},
                      {QStringLiteral("columns"), columns},
                      {QStringLiteral("tableConstraints"), t.value(QLatin1String("tableConstraints"))},
                      {QStringLiteral("service"), serviceRef},
                      {QStringLiteral("database"), databaseRef},
                      {QStringLiteral("databaseSchema"), schemaRef},
                      {QStringLiteral("owners"), owners(n)},
                      {QStringLiteral("tags"), tags(n, name)},
                      {QStringLiteral("domains"), QJsonArray()}};
        if (t.value(QLatin1String("updatedAt")).isDouble()) {
            e.insert(QStringLiteral("updatedAt"), t.value(QLatin1String("updatedAt")));
        }
        ++n;
        return add(QStringLiteral("table"), e);
    };
    for (const QJsonValue &v :
         readFixture(QStringLiteral("datasets/tables.json")).value(QLatin1String("tables")).toArray()) {
        addTable(v.toObject());
    }
    QStringList generated;
    if (options.tables > 0) { // the benchmark's catalog: fixture-shaped tables
        const QJsonObject first = readFixture(QStringLiteral("datasets/tables.json"))
                                      .value(QLatin1String("tables"))
                                      .toArray()
                                      .first()
                                      .toObject();
        for (int i = 0; i < options.tables; ++i) {
            QJsonObject t = first;
            t.insert(QStringLiteral("name"), QStringLiteral("gen_table_%1").arg(i, 6, 10, QLatin1Char('0')));
            generated << addTable(t);
        }
    }
    for (const QJsonValue &v :
         readFixture(QStringLiteral("topics/topics.json")).value(QLatin1String("topics")).toArray()) {
        const QJsonObject t = v.toObject();
        const QString name = t.value(QLatin1String("name")).toString();
        add(QStringLiteral("topic"), {{QStringLiteral("name"), name},
                                      {QStringLiteral("fullyQualifiedName"),
                                       QString(QStringLiteral("sample_kafka.") + OpenMetadataFqn::quote(name))},
                                      {QStringLiteral("description"), t.value(QLatin1String("description"))},
                                      {QStringLiteral("partitions"), t.value(QLatin1String("partitions"))},
                                      {QStringLiteral("owners"), owners(n)},
                                      {QStringLiteral("tags"), tags(n, name)}});
        ++n;
    }
    for (const QJsonValue &v :
         readFixture(QStringLiteral("dashboards/dashboards.json")).value(QLatin1String("dashboards")).toArray()) {
        const QJsonObject d = v.toObject();
        add(QStringLiteral("dashboard"),
            {{QStringLiteral("name"), d.value(QLatin1String("name"))},
             {QStringLiteral("displayName"), d.value(QLatin1String("displayName"))},
             {QStringLiteral("fullyQualifiedName"), d.value(QLatin1String("fullyQualifiedName"))},
             {QStringLiteral("description"), d.value(QLatin1String("description"))},
             {QStringLiteral("owners"), owners(n)},
             {QStringLiteral("tags"), QJsonArray()}});
        ++n;
    }
    for (const QJsonValue &v :
         readFixture(QStringLiteral("pipelines/pipelines.json")).value(QLatin1String("pipelines")).toArray()) {
        const QJsonObject p = v.toObject();
        const QString name = p.value(QLatin1String("name")).toString();
        add(QStringLiteral("pipeline"), {{QStringLiteral("name"), name},
                                         {QStringLiteral("displayName"), p.value(QLatin1String("displayName"))},
                                         {QStringLiteral("fullyQualifiedName"),
                                          QString(QStringLiteral("sample_airflow.") + OpenMetadataFqn::quote(name))},
                                         {QStringLiteral("description"), p.value(QLatin1String("description"))},
                                         {QStringLiteral("owners"), owners(n)},
                                         {QStringLiteral("tags"), QJsonArray()}});
        ++n;
    }
    // The lineage fixture names data models that no other fixture holds: they exist so its edges have two ends.
    QFile lf(QStringLiteral(MESHLENS_FIXTURES_DIR "/openmetadata/lineage/lineage.json"));
    QJsonArray edgesIn;
    if (lf.open(QIODevice::ReadOnly)) {
        edgesIn = QJsonDocument::fromJson(lf.readAll()).array();
    }
    for (const QJsonValue &v : edgesIn) {
        for (const char *end : {"from", "to"}) {
            const QJsonObject node = v.toObject().value(QLatin1String(end)).toObject();
            const QString type = node.value(QLatin1String("type")).toString();
            const QString fqn = node.value(QLatin1String("fqn")).toString();
            if (type == QLatin1String("dashboardDataModel") && id(type, fqn).isEmpty()) {
                add(type, {{QStringLiteral("name"), OpenMetadataFqn::split(fqn).constLast()},
                           {QStringLiteral("fullyQualifiedName"), fqn},
                           {QStringLiteral("description"), QStringLiteral("Superset data model")},
                           {QStringLiteral("columns"), QJsonArray()},
                           {QStringLiteral("owners"), QJsonArray()},
                           {QStringLiteral("tags"), QJsonArray()}});
            }
        }
    }
    for (const QJsonValue &v : edgesIn) {
        const QJsonObject e = v.toObject();
        const QJsonObject from = e.value(QLatin1String("from")).toObject();
        const QJsonObject to = e.value(QLatin1String("to")).toObject();
        const QString fromId =
            id(from.value(QLatin1String("type")).toString(), from.value(QLatin1String("fqn")).toString());
        const QString toId = id(to.value(QLatin1String("type")).toString(), to.value(QLatin1String("fqn")).toString());
        QJsonObject details;
        if (e.contains(QLatin1String("sql_query"))) {
            details.insert(QStringLiteral("sqlQuery"), e.value(QLatin1String("sql_query")));
        }
        const QJsonObject meta = e.value(QLatin1String("edge_meta")).toObject();
        if (!meta.value(QLatin1String("fqn")).toString().isEmpty()) {
            details.insert(QStringLiteral("pipeline"), refTo(meta.value(QLatin1String("type")).toString(),
                                                             meta.value(QLatin1String("fqn")).toString()));
        }
        // Column mappings between columns of the same name (the fixture carries none).
        QJsonArray columnsLineage;
        const QJsonArray fromColumns = entities.value(fromId).value(QLatin1String("columns")).toArray();
        for (const QJsonValue &tc : entities.value(toId).value(QLatin1String("columns")).toArray()) {
            for (const QJsonValue &fc : fromColumns) {
                if (fc.toObject().value(QLatin1String("name")) == tc.toObject().value(QLatin1String("name"))) {
                    columnsLineage.append(QJsonObject{
                        {QStringLiteral("fromColumns"),
                         QJsonArray{fc.toObject().value(QLatin1String("fullyQualifiedName"))}},
                        {QStringLiteral("toColumn"), tc.toObject().value(QLatin1String("fullyQualifiedName"))}});
                }
            }
        }
        const QJsonArray toColumns = entities.value(toId).value(QLatin1String("columns")).toArray();
        if (columnsLineage.isEmpty() && !fromColumns.isEmpty() && !toColumns.isEmpty()) {
            columnsLineage.append(QJsonObject{
                {QStringLiteral("fromColumns"),
                 QJsonArray{fromColumns.first().toObject().value(QLatin1String("fullyQualifiedName"))}},
                {QStringLiteral("toColumn"), toColumns.first().toObject().value(QLatin1String("fullyQualifiedName"))}});
        }
        details.insert(QStringLiteral("columnsLineage"), columnsLineage);
        details.insert(QStringLiteral("source"), QStringLiteral("PipelineLineage"));
        edges.append({fromId, toId, details});
    }

    for (qsizetype i = 0; i + 1 < generated.size(); ++i) {
        if (i % 10 != 9) { // chains of ten
            edges.append({generated[i], generated[i + 1],
                          QJsonObject{{QStringLiteral("source"), QStringLiteral("QueryLineage")}}});
        }
    }
    generatedIds = generated;

    if (domains) {
        QJsonArray assets;
        for (const QString &t :
             {QStringLiteral("raw_customer"), QStringLiteral("dim_customer"), QStringLiteral("dim_location")}) {
            assets.append(refTo(QStringLiteral("table"), schema + QLatin1Char('.') + t));
        }
        assets.append(refTo(QStringLiteral("dashboard"), QStringLiteral("sample_superset.8")));
        add(QStringLiteral("dataProduct"),
            {{QStringLiteral("name"), QStringLiteral("CustomerInsights")},
             {QStringLiteral("displayName"), QStringLiteral("Customer Insights")},
             {QStringLiteral("fullyQualifiedName"), QStringLiteral("Marketing.CustomerInsights")},
             {QStringLiteral("description"), QStringLiteral("Curated customer analytics data product")},
             {QStringLiteral("domains"), QJsonArray{refTo(QStringLiteral("domain"), QStringLiteral("Marketing"))}},
             {QStringLiteral("owners"), QJsonArray{refTo(QStringLiteral("team"), QStringLiteral("Marketing"))}},
             {QStringLiteral("tags"), QJsonArray()},
             {QStringLiteral("assets"), assets}});
        QJsonObject &order = entities[id(QStringLiteral("table"), schema + QStringLiteral(".fact_order"))];
        order.insert(QStringLiteral("domains"),
                     QJsonArray{refTo(QStringLiteral("domain"), QStringLiteral("Marketing"))});
    }

    // Tests: one suite, five cases; the n-th result of a case is stamped now - n days, as the loader does.
    const QJsonObject suite =
        readFixture(QStringLiteral("tests/testSuites.json")).value(QLatin1String("tests")).toArray().first().toObject();
    const QString suiteId = add(QStringLiteral("testSuite"),
                                {{QStringLiteral("name"), suite.value(QLatin1String("testSuiteName"))},
                                 {QStringLiteral("fullyQualifiedName"), suite.value(QLatin1String("testSuiteName"))},
                                 {QStringLiteral("description"), suite.value(QLatin1String("testSuiteDescription"))}});
    QHash<QString, QString> caseFqn; // results fixture key -> test case FQN
    for (const QJsonValue &v : suite.value(QLatin1String("testCases")).toArray()) {
        const QJsonObject tc = v.toObject();
        const auto link = OpenMetadataFqn::parseEntityLink(tc.value(QLatin1String("entityLink")).toString());
        const QString column = link.field.startsWith(QLatin1String("columns::")) ? link.field.mid(9) : QString();
        const QString key =
            (column.isEmpty() ? QString() : column + QLatin1Char('.')) + tc.value(QLatin1String("name")).toString();
        const QString fqn = link.fqn + QLatin1Char('.') + key;
        caseFqn.insert(key, fqn);
        add(QStringLiteral("testCase"),
            {{QStringLiteral("name"), tc.value(QLatin1String("name"))},
             {QStringLiteral("fullyQualifiedName"), fqn},
             {QStringLiteral("description"), tc.value(QLatin1String("description"))},
             {QStringLiteral("entityLink"), tc.value(QLatin1String("entityLink"))},
             {QStringLiteral("parameterValues"), tc.value(QLatin1String("parameterValues"))},
             {QStringLiteral("testDefinition"),
              QJsonObject{{QStringLiteral("id"), uuidFor(QStringLiteral("testDefinition"),
                                                         tc.value(QLatin1String("testDefinitionName")).toString())},
                          {QStringLiteral("type"), QStringLiteral("testDefinition")},
                          {QStringLiteral("name"), tc.value(QLatin1String("testDefinitionName"))}}},
             {QStringLiteral("testSuite"), ref(entities.value(suiteId))}});
    }
    for (const QJsonValue &v :
         readFixture(QStringLiteral("tests/testCaseResults.json")).value(QLatin1String("testCaseResults")).toArray()) {
        const QJsonObject r = v.toObject();
        const QString fqn = caseFqn.value(r.value(QLatin1String("name")).toString());
        QJsonArray out;
        int day = 1;
        for (const QJsonValue &x : r.value(QLatin1String("results")).toArray()) {
            QJsonObject result = x.toObject();
            result.insert(QStringLiteral("testResultValue"), result.take(QStringLiteral("testResultValues")));
            result.insert(QStringLiteral("testCaseFQN"), fqn);
            result.insert(QStringLiteral("timestamp"), double(loadedAt - std::int64_t(day++) * 86400000));
            out.append(result);
        }
        results.insert(fqn, out);
    }

    // The benchmark's tables: a row-count test each, with a daily result over the last Options::resultDays days
    // (made when asked for, so that 100k tables do not hold millions of result objects).
    const QJsonObject rowCount{
        {QStringLiteral("id"), uuidFor(QStringLiteral("testDefinition"), QStringLiteral("tableRowCountToBeBetween"))},
        {QStringLiteral("type"), QStringLiteral("testDefinition")},
        {QStringLiteral("name"), QStringLiteral("tableRowCountToBeBetween")}};
    for (const QString &tableId : generated) {
        const QString table = entities.value(tableId).value(QLatin1String("fullyQualifiedName")).toString();
        const QString fqn = table + QStringLiteral(".row_count");
        add(QStringLiteral("testCase"),
            {{QStringLiteral("name"), QStringLiteral("row_count")},
             {QStringLiteral("fullyQualifiedName"), fqn},
             {QStringLiteral("entityLink"), QString(QStringLiteral("<#E::table::") + table + QLatin1Char('>'))},
             {QStringLiteral("testDefinition"), rowCount},
             {QStringLiteral("testSuite"), ref(entities.value(suiteId))}});
        generatedCases.insert(fqn);
    }
}

QJsonArray FakeOpenMetadata::Impl::resultsOf(const QString &fqn) const
{
    if (!generatedCases.contains(fqn)) {
        return results.value(fqn);
    }
    QJsonArray out;
    const std::size_t salt = qHash(fqn);
    for (int day = 1; day <= options.resultDays; ++day) {
        const bool failed = (salt + std::size_t(day)) % 17 == 0;
        out.append(QJsonObject{
            {QStringLiteral("timestamp"), double(loadedAt - std::int64_t(day) * 86400000)},
            {QStringLiteral("testCaseFQN"), fqn},
            {QStringLiteral("testCaseStatus"), failed ? QStringLiteral("Failed") : QStringLiteral("Success")},
            {QStringLiteral("result"),
             failed ? QStringLiteral("Found 0 rows, expected >= 1") : QStringLiteral("Found 1204 rows")}});
    }
    return out;
}

std::optional<QString> FakeOpenMetadata::Impl::badField(const QSet<QString> &fields) const
{
    for (const QString &f : fields) {
        const bool known = kRelations.contains(f) || f == QLatin1String("owner") || f == QLatin1String("domain");
        const bool wrongDialect = (f == QLatin1String("owners") && !dialect.ownersArray()) ||
                                  (f == QLatin1String("owner") && dialect.ownersArray()) ||
                                  (f == QLatin1String("domains") && !dialect.domainsArray()) ||
                                  (f == QLatin1String("domain") && (dialect.domainsArray() || !dialect.hasDomains())) ||
                                  (f == QLatin1String("assets") && dialect.assetsEndpoint());
        if (!known || wrongDialect) {
            return f;
        }
    }
    return std::nullopt;
}

QJsonObject FakeOpenMetadata::Impl::render(const QJsonObject &canonical, const QSet<QString> &fields) const
{
    QJsonObject e = canonical;
    e.remove(QStringLiteral("entityType"));
    for (const QString &r : kRelations) {
        const bool asked = fields.contains(r) ||
                           (r == QLatin1String("owners") && fields.contains(QStringLiteral("owner"))) ||
                           (r == QLatin1String("domains") && fields.contains(QStringLiteral("domain")));
        if (!asked) {
            e.remove(r);
        }
    }
    if (!dialect.ownersArray() && e.contains(QLatin1String("owners"))) {
        const QJsonArray owners = e.take(QStringLiteral("owners")).toArray();
        if (!owners.isEmpty()) {
            e.insert(QStringLiteral("owner"), owners.first());
        }
    }
    if (!dialect.domainsArray() && e.contains(QLatin1String("domains"))) {
        const QJsonArray domains = e.take(QStringLiteral("domains")).toArray();
        if (!domains.isEmpty()) {
            e.insert(QStringLiteral("domain"), domains.first());
        }
    }
    return e;
}

FakeOpenMetadata::Response FakeOpenMetadata::Impl::list(const QString &type, const QUrlQuery &q) const
{
    QSet<QString> fields;
    for (const QString &f :
         q.queryItemValue(QStringLiteral("fields"), QUrl::FullyDecoded).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        fields.insert(f.trimmed());
    }
    if (auto bad = badField(fields)) {
        return {400, json(error(400, QStringLiteral("Invalid field name %1").arg(*bad))), {}, false};
    }
    const int asked = q.hasQueryItem(QStringLiteral("limit")) ? q.queryItemValue(QStringLiteral("limit")).toInt() : 10;
    const int limit = std::clamp(asked, 0, options.maxPage);
    const QString after = QString::fromUtf8(QByteArray::fromBase64(
        q.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded).toLatin1(), QByteArray::Base64UrlEncoding));
    static const QMap<QString, QString> none;
    const auto found = byFqn.constFind(type);
    const QMap<QString, QString> &all = found != byFqn.constEnd() ? *found : none;
    QJsonArray data;
    auto it = after.isEmpty() ? all.constBegin() : all.upperBound(after);
    QString last;
    for (; it != all.constEnd() && data.size() < limit; ++it) {
        data.append(render(entities.value(it.value()), fields));
        last = it.key();
    }
    QJsonObject paging{{QStringLiteral("total"), int(all.size())}};
    if (it != all.constEnd() && !last.isEmpty()) {
        paging.insert(QStringLiteral("after"),
                      QString::fromLatin1(last.toUtf8().toBase64(QByteArray::Base64UrlEncoding)));
    }
    return {200, json({{QStringLiteral("data"), data}, {QStringLiteral("paging"), paging}}), {}, false};
}

FakeOpenMetadata::Response FakeOpenMetadata::Impl::lineage(const QString &center) const
{
    QJsonArray nodes, up, down;
    QSet<QString> seen;
    const auto edgeJson = [](const Edge &e) {
        return QJsonObject{{QStringLiteral("fromEntity"), e.from},
                           {QStringLiteral("toEntity"), e.to},
                           {QStringLiteral("lineageDetails"), e.details}};
    };
    if (edgesOf.isEmpty()) {
        auto &index = const_cast<QMultiHash<QString, qsizetype> &>(edgesOf); // a cache; the mutex is held
        for (qsizetype i = 0; i < edges.size(); ++i) {
            index.insert(edges[i].from, i);
            index.insert(edges[i].to, i);
        }
    }
    for (const qsizetype i : edgesOf.values(center)) {
        const Edge &e = edges[i];
        if (!entities.contains(e.from) || !entities.contains(e.to)) {
            continue;
        }
        if (e.to == center) {
            up.append(edgeJson(e));
            if (!seen.contains(e.from)) {
                nodes.append(ref(entities.value(e.from)));
                seen.insert(e.from);
            }
        } else if (e.from == center) {
            down.append(edgeJson(e));
            if (!seen.contains(e.to)) {
                nodes.append(ref(entities.value(e.to)));
                seen.insert(e.to);
            }
        }
    }
    return {200,
            json({{QStringLiteral("entity"), ref(entities.value(center))},
                  {QStringLiteral("nodes"), nodes},
                  {QStringLiteral("upstreamEdges"), up},
                  {QStringLiteral("downstreamEdges"), down}}),
            {},
            false};
}

FakeOpenMetadata::Response FakeOpenMetadata::Impl::patch(const QString &id, const Request &r)
{
    if (!r.headers.value("content-type").startsWith("application/json-patch+json")) {
        return {415, json(error(415, QStringLiteral("PATCH takes application/json-patch+json"))), {}, false};
    }
    QJsonObject &e = entities[id];
    const double version = e.value(QLatin1String("version")).toDouble();
    const QByteArray ifMatch = r.headers.value("if-match");
    if (dialect.etags() && !ifMatch.isEmpty() && ifMatch != "W/\"" + QByteArray::number(version, 'f', 1) + '"') {
        return {412,
                json(error(412, QStringLiteral("The entity has been modified. Current ETag: W/\"%1\". Please refresh "
                                               "and retry with the latest version.")
                                    .arg(version, 0, 'f', 1))),
                {},
                false};
    }
    const QJsonArray ops = QJsonDocument::fromJson(r.body).array();
    if (ops.isEmpty()) {
        return {400, json(error(400, QStringLiteral("the patch is not a JSON array of operations"))), {}, false};
    }
    for (const QJsonValue &v : ops) {
        const QJsonObject op = v.toObject();
        QString path = op.value(QLatin1String("path")).toString().mid(1);
        const QString kind = op.value(QLatin1String("op")).toString();
        QJsonValue value = op.value(QLatin1String("value"));
        if (path.contains(QLatin1Char('/'))) {
            return {400,
                    json(error(400, QStringLiteral("the fake applies whole members only, not %1").arg(path))),
                    {},
                    false};
        }
        if (path == QLatin1String("owner")) { // the 1.1 spelling of the same relation
            path = QStringLiteral("owners");
            value = kind == QLatin1String("remove") ? QJsonValue(QJsonArray()) : QJsonValue(QJsonArray{value});
        }
        if (kind == QLatin1String("remove")) {
            e.remove(path);
        } else if (kind == QLatin1String("add") || kind == QLatin1String("replace")) {
            e.insert(path, value);
        } else {
            return {400, json(error(400, QStringLiteral("unsupported op %1").arg(kind))), {}, false};
        }
    }
    bump(e);
    ++patches;
    event("entityUpdated", e, version);
    return {200, json(render(e, {QStringLiteral("owners"), QStringLiteral("tags")})), {}, false};
}

FakeOpenMetadata::FakeOpenMetadata(Options options)
    : m(std::make_unique<Impl>())
{
    m->options = std::move(options);
    m->dialect = OpenMetadataDialect::fromVersion(m->options.version);
}

FakeOpenMetadata::~FakeOpenMetadata()
{
    if (m->thread) {
        QMetaObject::invokeMethod(
            m->server, [this]() { delete m->server; }, Qt::BlockingQueuedConnection);
        m->thread->quit();
        m->thread->wait();
        delete m->thread;
    }
}

QString FakeOpenMetadata::start()
{
    {
        const QMutexLocker lock(&m->mutex);
        m->load();
        if (m->byFqn.value(QStringLiteral("table")).isEmpty()) {
            return QStringLiteral("no fixtures under " MESHLENS_FIXTURES_DIR "/openmetadata");
        }
    }
    m->thread = new QThread;
    m->thread->setObjectName(QStringLiteral("fake-openmetadata"));
    m->thread->start();
    m->server = new QTcpServer;
    m->server->moveToThread(m->thread);
    bool listening = false;
    QMetaObject::invokeMethod(
        m->server,
        [this, &listening]() {
            QTcpServer *server = m->server;
            QObject::connect(server, &QTcpServer::newConnection, server, [this, server]() {
                while (QTcpSocket *socket = server->nextPendingConnection()) {
                    auto buffer = std::make_shared<QByteArray>();
                    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                    QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer]() {
                        buffer->append(socket->readAll());
                        for (;;) {
                            const qsizetype end = buffer->indexOf("\r\n\r\n");
                            if (end < 0) {
                                return;
                            }
                            Request r;
                            const QList<QByteArray> lines = buffer->left(end).split('\n');
                            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                            r.method = first.value(0);
                            const QByteArray target = first.value(1);
                            r.path = target.contains('?') ? target.left(target.indexOf('?')) : target;
                            r.query = target.contains('?') ? target.mid(target.indexOf('?') + 1) : QByteArray();
                            for (qsizetype i = 1; i < lines.size(); ++i) {
                                const qsizetype colon = lines[i].indexOf(':');
                                if (colon > 0) {
                                    r.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                                     lines[i].mid(colon + 1).trimmed());
                                }
                            }
                            const qsizetype length = r.headers.value("content-length").toLongLong();
                            if (buffer->size() < end + 4 + length) {
                                return;
                            }
                            r.body = buffer->mid(end + 4, length);
                            buffer->remove(0, end + 4 + length);
                            Response resp = handle(r);
                            QByteArray body = resp.body;
                            if (resp.cutShort) {
                                body.truncate(body.size() / 2);
                            }
                            QByteArray out = "HTTP/1.1 " + QByteArray::number(resp.status) + " X\r\n";
                            out +=
                                "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                                "\r\n";
                            for (const auto &[k, v] : resp.headers) {
                                out += k + ": " + v + "\r\n";
                            }
                            out += "\r\n" + body;
                            socket->write(out);
                        }
                    });
                }
            });
            listening = server->listen(QHostAddress::LocalHost, m->options.port);
            m->port = server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return listening ? QString() : QStringLiteral("the fake OpenMetadata server could not listen");
}

quint16 FakeOpenMetadata::port() const
{
    return m->port;
}

QString FakeOpenMetadata::address() const
{
    return QStringLiteral("openmetadata+http://127.0.0.1:%1").arg(m->port);
}

QString FakeOpenMetadata::idOf(const QString &type, const QString &fqn) const
{
    const QMutexLocker lock(&m->mutex);
    return m->id(type, fqn);
}

QJsonObject FakeOpenMetadata::entity(const QString &id) const
{
    const QMutexLocker lock(&m->mutex);
    return m->entities.value(id);
}

QStringList FakeOpenMetadata::fqns(const QString &type) const
{
    const QMutexLocker lock(&m->mutex);
    return m->byFqn.value(type).keys();
}

QString FakeOpenMetadata::createTable(const QString &name, const QString &description)
{
    const QMutexLocker lock(&m->mutex);
    const QString fqn = QStringLiteral("sample_data.ecommerce_db.shopify.") + OpenMetadataFqn::quote(name);
    const QString id = m->add(QStringLiteral("table"),
                              {{QStringLiteral("name"), name},
                               {QStringLiteral("fullyQualifiedName"), fqn},
                               {QStringLiteral("description"), description},
                               {QStringLiteral("updatedAt"), double(QDateTime::currentMSecsSinceEpoch())},
                               {QStringLiteral("columns"),
                                QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("id")},
                                                       {QStringLiteral("dataType"), QStringLiteral("BIGINT")},
                                                       {QStringLiteral("dataTypeDisplay"), QStringLiteral("bigint")}}}},
                               {QStringLiteral("owners"), QJsonArray()},
                               {QStringLiteral("tags"), QJsonArray()},
                               {QStringLiteral("domains"), QJsonArray()}});
    m->event("entityCreated", m->entities.value(id), 0.0);
    return id;
}

void FakeOpenMetadata::setDescription(const QString &id, const QString &description)
{
    const QMutexLocker lock(&m->mutex);
    m->update(id, QStringLiteral("description"), description);
}

void FakeOpenMetadata::remove(const QString &id)
{
    const QMutexLocker lock(&m->mutex);
    const QJsonObject e = m->entities.take(id);
    m->byFqn[e.value(QLatin1String("entityType")).toString()].remove(
        e.value(QLatin1String("fullyQualifiedName")).toString());
    m->event("entityDeleted", e, e.value(QLatin1String("version")).toDouble());
}

QString FakeOpenMetadata::addDataContract(const QString &assetId, const QString &name, const QJsonObject &sla)
{
    const QMutexLocker lock(&m->mutex);
    const QJsonObject asset = m->entities.value(assetId);
    const QString id = m->add(
        QStringLiteral("dataContract"),
        {{QStringLiteral("name"), name},
         {QStringLiteral("fullyQualifiedName"), QString(asset.value(QLatin1String("fullyQualifiedName")).toString() +
                                                        QStringLiteral(".dataContract_") + name)},
         {QStringLiteral("entityStatus"), QStringLiteral("Active")},
         {QStringLiteral("entity"), ref(asset)},
         {QStringLiteral("sla"), sla}});
    m->event("entityCreated", m->entities.value(id), 0.0);
    return id;
}

void FakeOpenMetadata::setContractSla(const QString &contractId, const QJsonObject &sla)
{
    const QMutexLocker lock(&m->mutex);
    m->update(contractId, QStringLiteral("sla"), sla);
}

void FakeOpenMetadata::addAssetToProduct(const QString &productId, const QString &assetId)
{
    const QMutexLocker lock(&m->mutex);
    QJsonArray assets = m->entities.value(productId).value(QLatin1String("assets")).toArray();
    assets.append(ref(m->entities.value(assetId)));
    m->update(productId, QStringLiteral("assets"), assets);
}

void FakeOpenMetadata::failNext(int count, int status)
{
    const QMutexLocker lock(&m->mutex);
    m->failCount = count;
    m->failStatus = status;
}

void FakeOpenMetadata::cutShort(const QString &pathPart)
{
    const QMutexLocker lock(&m->mutex);
    m->cutParts << pathPart;
}

void FakeOpenMetadata::setEventsAvailable(bool available)
{
    const QMutexLocker lock(&m->mutex);
    m->answers.clear();
    m->eventsAvailable = available;
}

int FakeOpenMetadata::patchesApplied() const
{
    const QMutexLocker lock(&m->mutex);
    return m->patches;
}

int FakeOpenMetadata::requestCount(const QString &pathPart) const
{
    const QMutexLocker lock(&m->mutex);
    return int(std::count_if(m->log.cbegin(), m->log.cend(), [&](const QString &l) { return l.contains(pathPart); }));
}

QList<QJsonObject> FakeOpenMetadata::threads() const
{
    const QMutexLocker lock(&m->mutex);
    return m->threads;
}

void FakeOpenMetadata::addReply(const QString &threadId, const QString &from, const QString &message)
{
    const QMutexLocker lock(&m->mutex);
    m->answers.clear();
    for (QJsonObject &t : m->threads) {
        if (t.value(QLatin1String("id")).toString() == threadId) {
            QJsonArray posts = t.value(QLatin1String("posts")).toArray();
            posts.append(QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                     {QStringLiteral("from"), from},
                                     {QStringLiteral("message"), message},
                                     {QStringLiteral("postTs"), double(QDateTime::currentMSecsSinceEpoch())}});
            t.insert(QStringLiteral("posts"), posts);
            t.insert(QStringLiteral("postsCount"), int(posts.size()));
        }
    }
}

QHash<QByteArray, QByteArray> FakeOpenMetadata::served() const
{
    const QMutexLocker lock(&m->mutex);
    return m->served;
}

void FakeOpenMetadata::touchGenerated(int count)
{
    const QMutexLocker lock(&m->mutex);
    const qsizetype n = m->generatedIds.size();
    for (int i = 0; i < count && n > 0; ++i) {
        m->update(m->generatedIds[qsizetype(i) * n / count], QStringLiteral("description"),
                  QStringLiteral("touched %1").arg(i));
    }
}

QStringList FakeOpenMetadata::requestLog() const
{
    const QMutexLocker lock(&m->mutex);
    return m->log;
}

FakeOpenMetadata::Response FakeOpenMetadata::handle(const Request &r)
{
    const QMutexLocker lock(&m->mutex);
    const QString path = QString::fromUtf8(r.path);
    m->log << QString::fromLatin1(r.method) + QLatin1Char(' ') + path;
    const QUrlQuery q(QString::fromUtf8(r.query));
    const auto ok = [](const QJsonObject &o, QList<QPair<QByteArray, QByteArray>> headers = {}) {
        return Response{200, json(o), std::move(headers), false};
    };
    const auto fail = [](int code, const QString &message) {
        return Response{code, json(error(code, message)), {}, false};
    };

    if (path == QLatin1String("/api/v1/system/version")) {
        Response version = ok({{QStringLiteral("version"), m->options.version},
                               {QStringLiteral("revision"), QStringLiteral("fake")},
                               {QStringLiteral("timestamp"), double(m->loadedAt)}});
        if (m->options.record) {
            m->served.insert(r.path, version.body);
        }
        return version;
    }
    if (!m->options.token.isEmpty() && r.headers.value("authorization") != "Bearer " + m->options.token.toUtf8()) {
        return fail(401, QStringLiteral("Not authorized; the token is missing, expired or invalid"));
    }
    if (m->failCount > 0) {
        --m->failCount;
        return {m->failStatus, json(error(m->failStatus, QStringLiteral("try again"))), {{"Retry-After", "0"}}, false};
    }
    const bool cut =
        std::any_of(m->cutParts.cbegin(), m->cutParts.cend(), [&](const QString &p) { return path.contains(p); });
    const QByteArray target = r.query.isEmpty() ? r.path : r.path + '?' + r.query;
    if (r.method != "GET") {
        m->answers.clear();
    } else if (const auto cached = m->answers.constFind(target); cached != m->answers.constEnd() && !cut) {
        if (m->options.record) {
            m->served.insert(target, cached->body);
        }
        return *cached;
    }
    Response resp = [&]() -> Response {
        if (!path.startsWith(QLatin1String("/api/v1/"))) {
            return fail(404, QStringLiteral("no such path"));
        }
        // Segments decoded one by one: an FQN segment may hold an encoded '/'.
        QStringList seg;
        for (const QByteArray &s : r.path.mid(8).split('/')) {
            seg << QUrl::fromPercentEncoding(s);
        }
        const QString rest = seg.join(QLatin1Char('/'));
        if (rest == QLatin1String("users/loggedInUser")) {
            return ok(
                m->render(m->entities.value(m->id(QStringLiteral("user"), QStringLiteral("aaron_johnson0"))), {}));
        }
        if (seg.value(0) == QLatin1String("events") && r.method == "GET") {
            if (!m->eventsAvailable) {
                return fail(404, QStringLiteral("events are not served"));
            }
            if (!q.hasQueryItem(QStringLiteral("timestamp"))) {
                return fail(400, QStringLiteral("timestamp is required"));
            }
            const double since = q.queryItemValue(QStringLiteral("timestamp")).toDouble();
            QJsonArray data;
            for (const QJsonObject &e : m->events) {
                if (e.value(QLatin1String("timestamp")).toDouble() >= since) {
                    data.append(e);
                }
            }
            return ok({{QStringLiteral("data"), data},
                       {QStringLiteral("paging"), QJsonObject{{QStringLiteral("total"), int(data.size())}}}});
        }
        if (seg.value(0) == QLatin1String("feed")) {
            if (r.method == "POST" && seg.size() == 1) {
                const QJsonObject in = QJsonDocument::fromJson(r.body).object();
                for (const char *key : {"message", "from", "about"}) {
                    if (in.value(QLatin1String(key)).toString().isEmpty()) {
                        return fail(400, QStringLiteral("%1 must not be null").arg(QLatin1String(key)));
                    }
                }
                const auto link = OpenMetadataFqn::parseEntityLink(in.value(QLatin1String("about")).toString());
                QString entityId;
                for (const auto &[type, byName] : m->byFqn.asKeyValueRange()) {
                    if (type == link.entityType && byName.contains(link.fqn)) {
                        entityId = byName.value(link.fqn);
                    }
                }
                if (entityId.isEmpty()) {
                    return fail(404, QStringLiteral("%1 instance for %2 not found").arg(link.entityType, link.fqn));
                }
                QJsonObject thread = in;
                thread.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
                thread.insert(QStringLiteral("createdBy"), in.value(QLatin1String("from")));
                thread.insert(QStringLiteral("threadTs"), double(QDateTime::currentMSecsSinceEpoch()));
                thread.insert(QStringLiteral("entityRef"), ref(m->entities.value(entityId)));
                thread.insert(QStringLiteral("posts"), QJsonArray());
                thread.insert(QStringLiteral("postsCount"), 0);
                m->threads.append(thread);
                return {201, json(thread), {}, false};
            }
            if (r.method == "GET" && seg.size() == 1) {
                const QString link = q.queryItemValue(QStringLiteral("entityLink"), QUrl::FullyDecoded);
                QJsonArray data;
                for (const QJsonObject &t : m->threads) {
                    if (link.isEmpty() || t.value(QLatin1String("about")).toString() == link) {
                        data.append(t);
                    }
                }
                return ok({{QStringLiteral("data"), data},
                           {QStringLiteral("paging"), QJsonObject{{QStringLiteral("total"), int(data.size())}}}});
            }
            return fail(405, QStringLiteral("not served by the fake"));
        }
        if (seg.value(0) == QLatin1String("lineage") && seg.size() >= 3) {
            const QString type = seg.value(1);
            const QString id =
                seg.value(2) == QLatin1String("name") ? m->id(type, seg.mid(3).join(QLatin1Char('/'))) : seg.value(2);
            if (!m->entities.contains(id)) {
                return fail(
                    404, QStringLiteral("%1 instance for %2 not found").arg(type, seg.mid(2).join(QLatin1Char('/'))));
            }
            return m->lineage(id);
        }
        if (seg.value(0) == QLatin1String("dataQuality") && seg.value(1) == QLatin1String("testCases") &&
            (seg.value(2) == QLatin1String("testCaseResults") || seg.value(3) == QLatin1String("testCaseResult"))) {
            const bool series = seg.value(2) == QLatin1String("testCaseResults");
            if (series != m->dialect.timeSeriesResults()) {
                return fail(404, QStringLiteral("no such path on this version"));
            }
            const QString fqn = series ? seg.value(3) : seg.value(2);
            if (!m->results.contains(fqn) && m->id(QStringLiteral("testCase"), fqn).isEmpty()) {
                return fail(404, QStringLiteral("testCase instance for %1 not found").arg(fqn));
            }
            const double start = q.queryItemValue(QStringLiteral("startTs")).toDouble();
            const double end =
                q.hasQueryItem(QStringLiteral("endTs")) ? q.queryItemValue(QStringLiteral("endTs")).toDouble() : 1e18;
            QJsonArray data;
            for (const QJsonValue &v : m->resultsOf(fqn)) {
                const double at = v.toObject().value(QLatin1String("timestamp")).toDouble();
                if (at >= start && at <= end) {
                    data.append(v);
                }
            }
            return ok({{QStringLiteral("data"), data},
                       {QStringLiteral("paging"), QJsonObject{{QStringLiteral("total"), int(data.size())}}}});
        }
        // Collections: the longest collection name that prefixes the path.
        QString collection, type;
        for (const auto &[name, t] : collections().asKeyValueRange()) {
            if ((rest == name || rest.startsWith(name + QLatin1Char('/'))) && name.size() > collection.size()) {
                collection = name;
                type = t;
            }
        }
        if (collection.isEmpty() ||
            ((type == QLatin1String("domain") || type == QLatin1String("dataProduct")) && !m->dialect.hasDomains()) ||
            (type == QLatin1String("dataContract") && !m->dialect.dataContracts())) {
            return fail(404, QStringLiteral("no such path on this version"));
        }
        const QStringList tail = rest.mid(collection.size()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (tail.isEmpty()) {
            return r.method == "GET" ? m->list(type, q) : fail(405, QStringLiteral("not served by the fake"));
        }
        const QString id =
            tail.value(0) == QLatin1String("name") ? m->id(type, tail.mid(1).join(QLatin1Char('/'))) : tail.value(0);
        if (!m->entities.contains(id) || m->entities.value(id).value(QLatin1String("entityType")).toString() != type) {
            return fail(404, QStringLiteral("%1 instance for %2 not found").arg(type, tail.join(QLatin1Char('/'))));
        }
        if (type == QLatin1String("dataProduct") && tail.value(1) == QLatin1String("assets")) {
            if (!m->dialect.assetsEndpoint()) {
                return fail(404, QStringLiteral("no such path on this version"));
            }
            const QJsonArray assets = m->entities.value(id).value(QLatin1String("assets")).toArray();
            const int offset = q.queryItemValue(QStringLiteral("offset")).toInt();
            const int limit = std::clamp(q.queryItemValue(QStringLiteral("limit")).toInt(), 1, m->options.maxPage);
            QJsonArray data;
            for (int i = offset; i < assets.size() && data.size() < limit; ++i) {
                data.append(assets.at(i));
            }
            return ok({{QStringLiteral("data"), data},
                       {QStringLiteral("paging"), QJsonObject{{QStringLiteral("offset"), offset},
                                                              {QStringLiteral("limit"), limit},
                                                              {QStringLiteral("total"), int(assets.size())}}}});
        }
        if (r.method == "PATCH") {
            return m->patch(id, r);
        }
        QSet<QString> fields;
        for (const QString &f : q.queryItemValue(QStringLiteral("fields"), QUrl::FullyDecoded)
                                    .split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            fields.insert(f.trimmed());
        }
        if (auto bad = m->badField(fields)) {
            return fail(400, QStringLiteral("Invalid field name %1").arg(*bad));
        }
        const QJsonObject e = m->render(m->entities.value(id), fields);
        QList<QPair<QByteArray, QByteArray>> headers;
        if (m->dialect.etags()) {
            headers.append({"ETag", '"' + QByteArray::number(qHash(json(e)), 16) + '"'});
        }
        return ok(e, headers);
    }();
    resp.cutShort = cut && resp.status == 200;
    if (m->options.record && resp.status == 200) {
        m->served.insert(target, resp.body);
    }
    if (m->options.cacheAnswers && r.method == "GET" && resp.status == 200 && !cut) {
        m->answers.insert(target, resp);
    }
    return resp;
}

} // namespace meshlens::test
