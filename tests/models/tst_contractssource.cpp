// Tests for ContractsSource (and the ContractFileReader and ContractsManifest it is built from): every file of the
// shared contracts fixtures imports or reports its problems, with what each record says checked against the file
// read independently with yaml-cpp; the folder-wide join (product files owning contracts, lineage, duplicate ids);
// incremental re-syncs; and hostile YAML, which must give a problem, never a crash or unbounded memory.

#include "models/processmemory.h"
#include "models/sources/contracts/contractfile.h"
#include "models/sources/contracts/contractsmanifest.h"
#include "models/sources/contracts/contractssource.h"
#include "models/store/catalogreader.h"
#include "models/store/sourceproblemsreader.h"
#include "support/testsupport.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <map>

using namespace meshlens;
using namespace meshlens::models;
using namespace meshlens::models::records;

namespace {

// Collects what a read delivers, as the cache writer would receive it.
class CollectSink final : public RecordSink
{
public:
    std::optional<Header> header;
    std::vector<Record> records;
    std::vector<SourceProblem> problems;
    std::map<QString, QByteArray> state;

    std::optional<QString> begin(const Header &h) override
    {
        header = h;
        return std::nullopt;
    }
    std::optional<QString> write(Record &&r) override
    {
        records.push_back(std::move(r));
        return std::nullopt;
    }
    void problem(SourceProblem p) override { problems.push_back(std::move(p)); }
    void setState(const QString &key, const QByteArray &value) override { state[key] = value; }

    template<typename T> std::vector<T> all() const
    {
        std::vector<T> out;
        for (const Record &r : records) {
            if (const T *x = std::get_if<T>(&r)) {
                out.push_back(*x);
            }
        }
        return out;
    }
    template<typename T, typename P> std::optional<T> find(P &&pred) const
    {
        for (const T &x : all<T>()) {
            if (pred(x)) {
                return x;
            }
        }
        return std::nullopt;
    }
    std::vector<SourceProblem> problemsOf(const QString &file) const
    {
        std::vector<SourceProblem> out;
        for (const SourceProblem &p : problems) {
            if (p.file == file) {
                out.push_back(p);
            }
        }
        return out;
    }
    bool hasProblem(const QString &file, const QString &text) const
    {
        for (const SourceProblem &p : problemsOf(file)) {
            if (p.message.contains(text)) {
                return true;
            }
        }
        return false;
    }
};

// One read of the folder, with the state the previous one left (empty: a first sync).
std::unique_ptr<CollectSink> readFolder(const QString &dir, const std::map<QString, QByteArray> &state = {},
                                        bool full = false)
{
    auto sink = std::make_unique<CollectSink>();
    std::atomic<bool> cancel{false};
    ContractsSource source(dir);
    ReadContext context{*sink, cancel, {}, {}, 0, {}, full};
    context.state = [&state](const QString &key) {
        const auto it = state.find(key);
        return it == state.end() ? QByteArray() : it->second;
    };
    if (const auto error = source.read(context)) {
        qWarning("read failed: %s", qPrintable(*error));
        return nullptr;
    }
    return sink;
}

QString contractsFixtures()
{
    return test::fixturesDir() + QStringLiteral("/contracts");
}

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(path);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::remove(target);
        if (!QFile::copy(path, target)) {
            return false;
        }
        QFile(target).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    return true;
}

std::string s(const YAML::Node &n, const char *key)
{
    const YAML::Node v = n[key];
    return v.IsDefined() && v.IsScalar() ? v.Scalar() : std::string();
}

// A sequence, or an empty one where the key is missing (yaml-cpp throws on the size of a missing node).
YAML::Node seq(const YAML::Node &n, const char *key)
{
    const YAML::Node v = n[key];
    return v.IsDefined() && v.IsSequence() ? v : YAML::Node(YAML::NodeType::Sequence);
}

bool truthy(const YAML::Node &n, const char *key)
{
    return s(n, key) == "true";
}

// The test's own unit table, for the units the fixtures use.
std::string unitOf(const std::string &raw)
{
    static const std::map<std::string, std::string> units{{"d", "d"}, {"day", "d"}, {"days", "d"},
                                                          {"y", "y"}, {"h", "h"},   {"%", "%"}};
    return raw.empty() ? std::string() : units.at(raw);
}

bool isNumber(const std::string &v)
{
    bool ok = false;
    QString::fromStdString(v).toDouble(&ok);
    return ok;
}

// A small folder written from strings.
bool writeFolder(const QString &dir, const std::map<QString, QByteArray> &files)
{
    for (const auto &[name, bytes] : files) {
        if (!test::writeFile(dir + QLatin1Char('/') + name, bytes)) {
            return false;
        }
    }
    return true;
}

QByteArray odps(const char *id, const char *outContract, const char *inContract)
{
    QByteArray y = "apiVersion: v1.0.0\nkind: DataProduct\nid: " + QByteArray(id) + "\nname: " + id +
                   "\nstatus: active\ndomain: sales\n";
    if (outContract != nullptr) {
        y += "outputPorts:\n- name: out\n  version: 1.0.0\n  contractId: " + QByteArray(outContract) + "\n";
    }
    if (inContract != nullptr) {
        y += "inputPorts:\n- name: feed\n  version: 1.0.0\n  contractId: " + QByteArray(inContract) + "\n";
    }
    return y;
}

QByteArray odcs(const char *id, const char *description = "Orders")
{
    return "apiVersion: v3.1.0\nkind: DataContract\nid: " + QByteArray(id) +
           "\nversion: 1.0.0\nstatus: active\ndomain: sales\nname: " + id +
           "\nschema:\n- name: orders\n  description: " + description +
           "\n  properties:\n  - name: order_id\n    logicalType: string\n    primaryKey: true\n" +
           "slaProperties:\n- property: latency\n  value: 4\n  unit: h\n";
}

bool setMtime(const QString &path, const QDateTime &when)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.setFileTime(when, QFileDevice::FileModificationTime);
}

} // namespace

class TestContractsSource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void registration_claimsFoldersAndItsScheme();
    void fixtures_everyFileImportsOrReportsProblems();
    void odcs_recordsMatchTheYaml_data();
    void odcs_recordsMatchTheYaml();
    void odps_productMatchesTheYaml();
    void duplicateIds_areReported();
    void openLineage_yieldsLineageAndCheckResults();
    void productFile_ownsItsContractAndGivesLineage();
    void locate_findsTheYamlNodeOfAnEntity();
    void unknownFields_areKeptInTheDescription();
    void odcsV2Keys_areAccepted();
    void teamAsAList_andUnknownUnits();
    void dcsAndJsonContracts_areSniffedByContent();

    void resync_unchangedFolder_sendsAnEmptyDelta();
    void resync_changedFile_sendsOnlyItsRecords();
    void resync_deletedFile_tombstonesWhatItDefined();
    void resync_newProductFile_movesTheContractsPorts();
    void resync_full_sendsASnapshot();

    void cache_syncsTheFolderAndResyncsIncrementally();

    void hostile_givesAProblemWithinBoundedMemory_data();
    void hostile_givesAProblemWithinBoundedMemory();
    void hostile_hugeFile_isNotRead();

private:
    QTemporaryDir m_fixtures; // a copy of the shared fixtures, read once
    std::unique_ptr<CollectSink> m_read;
};

void TestContractsSource::initTestCase()
{
    QVERIFY(m_fixtures.isValid());
    QVERIFY2(QFileInfo(contractsFixtures()).isDir(), qPrintable(contractsFixtures()));
    QVERIFY(copyTree(contractsFixtures(), m_fixtures.path()));
    m_read = readFolder(m_fixtures.path());
    QVERIFY(m_read);
}

void TestContractsSource::registration_claimsFoldersAndItsScheme()
{
    const SourceRegistry::Kind kind = ContractsSource::registration();
    QCOMPARE(kind.kind, QStringLiteral("contracts"));
    QVERIFY(kind.claims(m_fixtures.path()));
    QVERIFY(kind.claims(QStringLiteral("contracts+file:///nowhere/at/all/")));
    QVERIFY(!kind.claims(m_fixtures.path() + QStringLiteral("/odcs/full-example.odcs.yaml")));
    QVERIFY(!kind.claims(QStringLiteral("https://example.com/bundle.ndjson")));

    const QString uri = ContractsSource::canonicalUri(m_fixtures.path());
    QVERIFY2(uri.startsWith(QStringLiteral("contracts+file:///")) && uri.endsWith(QLatin1Char('/')), qPrintable(uri));
    SourceRegistry::Opened opened = kind.open(uri, {});
    QVERIFY2(opened.source, qPrintable(opened.error));
    QCOMPARE(opened.source->uri(), uri);
    QCOMPARE(opened.source->kind(), QStringLiteral("contracts"));
    std::atomic<bool> cancel{false};
    QVERIFY(opened.source->probe(cancel).ok);
    QVERIFY(!kind.open(QStringLiteral("contracts+file:///nowhere/at/all/"), {}).source);
}

void TestContractsSource::fixtures_everyFileImportsOrReportsProblems()
{
    QCOMPARE(m_read->header->mode, BundleMode::Snapshot);
    const auto manifest = ContractsManifest::fromJson(m_read->state.at(QLatin1String(ContractsManifest::kStateKey)));
    QVERIFY(manifest);
    int files = 0;
    QDirIterator it(m_fixtures.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString rel = QDir(m_fixtures.path()).relativeFilePath(it.next());
        if (!ContractFileReader::isCandidate(rel)) {
            continue; // licence texts
        }
        ++files;
        QVERIFY2(manifest->files.contains(rel), qPrintable(rel));
        const ContractsManifest::Entry &e = manifest->files.at(rel);
        if (rel.endsWith(QLatin1String("-schema-v3.1.0.json")) || rel.endsWith(QLatin1String("-schema-v1.0.0.json")) ||
            rel.endsWith(QLatin1String("OpenLineage.json"))) {
            // JSON Schemas describe the formats; they are no catalog content and no problem either.
            QVERIFY2(e.defines.empty() && e.problems.empty(), qPrintable(rel));
            continue;
        }
        QVERIFY2(!e.defines.empty() || !m_read->problemsOf(rel).empty(), qPrintable(rel));
        for (const SourceProblem &p : m_read->problemsOf(rel)) {
            // Nothing in the fixtures is broken beyond what the folder-wide join warns about.
            QVERIFY2(p.severity == SourceProblem::Severity::Warning, qPrintable(rel + QLatin1Char(' ') + p.message));
            QVERIFY2(p.line > 0, qPrintable(p.message));
        }
    }
    QCOMPARE(files, 8);
}

void TestContractsSource::odcs_recordsMatchTheYaml_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("full-example") << QStringLiteral("odcs/full-example.odcs.yaml");
    QTest::newRow("database-table-sla") << QStringLiteral("odcs/database-table-sla.odcs.yaml");
    QTest::newRow("servicelevels (v2 keys)") << QStringLiteral("datacontract-cli/servicelevels.odcs.yaml");
}

void TestContractsSource::odcs_recordsMatchTheYaml()
{
    QFETCH(QString, file);
    const YAML::Node y = YAML::LoadFile(QString(m_fixtures.path() + QLatin1Char('/') + file).toStdString());
    const std::string key = s(y, "id") + "@" + s(y, "version");
    const std::string dataProduct = s(y, "dataProduct");
    const std::string productId =
        dataProduct.empty() ? "contract:" + s(y, "id") : "inferred:" + s(y, "domain") + "/" + dataProduct;

    // No product file names these contracts: each becomes a product inferred from domain and dataProduct.
    const auto product = m_read->find<Product>([&](const Product &p) { return p.id == productId; });
    QVERIFY2(product, productId.c_str());
    QCOMPARE(product->domain, s(y, "domain"));
    QCOMPARE(product->status, s(y, "status"));
    QCOMPARE(product->name, dataProduct.empty() ? s(y, "name") : dataProduct);
    std::vector<std::string> tags;
    for (const YAML::Node &t : seq(y, "tags")) {
        tags.push_back(t.Scalar());
    }
    QCOMPARE(product->tags, tags);
    if (!s(y, "domain").empty()) {
        QVERIFY(m_read->find<Domain>([&](const Domain &d) { return d.id == s(y, "domain"); }));
    }

    // Owners: the team, and the members still in it by their role.
    const YAML::Node team = y["team"].IsDefined() ? y["team"] : YAML::Node();
    if (team.IsMap()) {
        const std::string teamName = s(team, "name");
        QVERIFY(m_read->find<Team>([&](const Team &t) { return t.id == teamName; }));
        QVERIFY(std::any_of(product->owners.begin(), product->owners.end(),
                            [&](const OwnerRef &o) { return o.party == PartyKind::Team && o.id == teamName; }));
        int current = 0;
        for (const YAML::Node &m : team["members"]) {
            const bool left = !s(m, "dateOut").empty();
            const std::string user = s(m, "username");
            // Members who left (dateOut) are neither people of the team nor owners.
            const bool person = m_read->find<Person>([&](const Person &p) { return p.id == user; }).has_value();
            QCOMPARE(person, !left);
            if (!left) {
                ++current;
                const Role role =
                    QString::fromStdString(s(m, "role")).contains(QLatin1String("owner"), Qt::CaseInsensitive)
                        ? Role::Owner
                        : Role::Expert;
                QVERIFY2(std::any_of(product->owners.begin(), product->owners.end(),
                                     [&](const OwnerRef &o) { return o.id == user && o.role == role; }),
                         user.c_str());
            }
        }
        QCOMPARE(static_cast<int>(product->owners.size()), current + 1);
    } else {
        QVERIFY(product->owners.empty());
    }

    // Ports and columns: one port per schema object, one column per property.
    const std::vector<Port> ports = [&] {
        std::vector<Port> out;
        for (const Port &p : m_read->all<Port>()) {
            if (p.id.rfind(key, 0) == 0 && p.product == productId) {
                out.push_back(p);
            }
        }
        return out;
    }();
    const YAML::Node schema = seq(y, "schema");
    QCOMPARE(ports.size(), std::max<std::size_t>(schema.size(), 1));
    int expectedChecks = 0;
    for (std::size_t i = 0; i < schema.size(); ++i) {
        const YAML::Node obj = schema[i];
        const auto port =
            std::find_if(ports.begin(), ports.end(), [&](const Port &p) { return p.id == key + "/" + s(obj, "name"); });
        QVERIFY2(port != ports.end(), s(obj, "name").c_str());
        QCOMPARE(port->name, s(obj, "name"));
        QCOMPARE(port->format, s(obj, "physicalType"));
        QCOMPARE(port->location, s(obj, "physicalName"));
        QVERIFY(port->description.rfind(s(obj, "description"), 0) == 0);
        const YAML::Node props = seq(obj, "properties");
        QCOMPARE(port->columns.size(), props.size());
        expectedChecks += static_cast<int>(seq(obj, "quality").size());
        for (std::size_t j = 0; j < props.size(); ++j) {
            const YAML::Node p = props[j];
            const Column &c = port->columns[j];
            QCOMPARE(c.name, s(p, "name"));
            const std::string physical = s(p, "physicalType"), logical = s(p, "logicalType");
            QCOMPARE(c.type, physical + (logical.empty() || logical == physical ? "" : " (" + logical + ")"));
            QCOMPARE(c.description, s(p, "description"));
            QCOMPARE(c.primaryKey, truthy(p, "primaryKey"));
            QCOMPARE(c.nullable, !truthy(p, "required") && s(p, "isNullable") != "false");
            const bool classified =
                std::find(c.tags.begin(), c.tags.end(), "classification:" + s(p, "classification")) != c.tags.end();
            QCOMPARE(classified, !s(p, "classification").empty());
            const bool unique = std::find(c.tags.begin(), c.tags.end(), "unique") != c.tags.end();
            QCOMPARE(unique, truthy(p, "unique") || truthy(p, "isUnique"));
            expectedChecks += static_cast<int>(seq(p, "quality").size());
        }
    }

    // SLA objectives: every numeric slaProperty, with its normalised unit; the others are listed in the text.
    const YAML::Node slas = seq(y, "slaProperties");
    int numeric = 0;
    for (std::size_t k = 0; k < slas.size(); ++k) {
        const YAML::Node sla = slas[k];
        if (!isNumber(s(sla, "value"))) {
            QVERIFY2(product->description.find(s(sla, "property") + ": " + s(sla, "value")) != std::string::npos,
                     s(sla, "property").c_str());
            continue;
        }
        ++numeric;
        const auto r = m_read->find<Sla>([&](const Sla &x) { return x.id == key + "/sla/" + std::to_string(k); });
        QVERIFY2(r, s(sla, "property").c_str());
        QCOMPARE(r->product, productId);
        QCOMPARE(r->kind, s(sla, "property"));
        QCOMPARE(r->target, QString::fromStdString(s(sla, "value")).toDouble());
        QCOMPARE(r->unit, unitOf(s(sla, "unit")));
        QCOMPARE(r->op, std::string(s(sla, "property") == "retention" ? ">=" : "<="));
    }
    const std::vector<Sla> allSlas = m_read->all<Sla>();
    const auto slaCount =
        std::count_if(allSlas.begin(), allSlas.end(), [&](const Sla &x) { return x.id.rfind(key + "/", 0) == 0; });
    QCOMPARE(static_cast<int>(slaCount), numeric);

    // Quality rules at both levels become checks on their port (and column).
    const std::vector<Check> checks = m_read->all<Check>();
    const auto checkCount =
        std::count_if(checks.begin(), checks.end(), [&](const Check &c) { return c.id.rfind(key + "/", 0) == 0; });
    QCOMPARE(static_cast<int>(checkCount), expectedChecks);
    for (const Check &c : checks) {
        if (c.id.rfind(key + "/", 0) == 0) {
            QCOMPARE(c.product, productId);
            QVERIFY(!c.name.empty() && !c.port.empty());
        }
    }
}

void TestContractsSource::odps_productMatchesTheYaml()
{
    const QString file = QStringLiteral("odps/customer-data-product.odps.yaml");
    const YAML::Node y = YAML::LoadFile(QString(m_fixtures.path() + QLatin1Char('/') + file).toStdString());
    const std::string id = s(y, "id");
    const auto product = m_read->find<Product>([&](const Product &p) { return p.id == id; });
    QVERIFY(product);
    QCOMPARE(product->name, s(y, "name"));
    QCOMPARE(product->domain, s(y, "domain"));
    QCOMPARE(product->status, s(y, "status"));
    QCOMPARE(product->tags, std::vector<std::string>{y["tags"][0].Scalar()});
    QVERIFY(product->description.rfind(s(y["description"], "purpose"), 0) == 0);
    for (const YAML::Node &c : y["support"]) {
        QVERIFY2(product->description.find(s(c, "channel")) != std::string::npos, s(c, "channel").c_str());
    }

    // Team, its owner and its steward.
    const std::string teamName = s(y["team"], "name");
    QVERIFY(std::any_of(product->owners.begin(), product->owners.end(),
                        [&](const OwnerRef &o) { return o.party == PartyKind::Team && o.id == teamName; }));
    for (const YAML::Node &m : y["team"]["members"]) {
        const Role role = s(m, "role") == "owner" ? Role::Owner : Role::Steward;
        QVERIFY2(std::any_of(product->owners.begin(), product->owners.end(),
                             [&](const OwnerRef &o) { return o.id == s(m, "username") && o.role == role; }),
                 s(m, "username").c_str());
        const auto person = m_read->find<Person>([&](const Person &p) { return p.id == s(m, "username"); });
        QVERIFY(person);
        QCOMPARE(person->displayName, s(m, "name"));
    }

    // Ports: inputs by (name, version), and outputs, which keep a port of their own while no file defines their
    // contract (none of these contracts is in the fixtures: each is a warning with the port's line).
    std::vector<Port> ports;
    for (const Port &p : m_read->all<Port>()) {
        if (p.product == id) {
            ports.push_back(p);
        }
    }
    QCOMPARE(ports.size(), y["inputPorts"].size() + y["outputPorts"].size());
    for (const YAML::Node &in : y["inputPorts"]) {
        const std::string portId = "in:" + s(in, "name") + "@" + s(in, "version");
        QVERIFY2(std::any_of(ports.begin(), ports.end(),
                             [&](const Port &p) { return p.id == portId && p.direction == "input"; }),
                 portId.c_str());
        QVERIFY(m_read->hasProblem(file, QString::fromStdString(s(in, "contractId"))));
    }
    for (const YAML::Node &out : y["outputPorts"]) {
        const std::string portId = "out:" + s(out, "name") + "@" + s(out, "version");
        const auto port = std::find_if(ports.begin(), ports.end(), [&](const Port &p) { return p.id == portId; });
        QVERIFY2(port != ports.end(), portId.c_str());
        QCOMPARE(port->direction, std::string("output"));
        QCOMPARE(port->format, s(out, "type"));
        QVERIFY(port->description.rfind(s(out, "description"), 0) == 0);
        bool reported = false;
        for (const SourceProblem &p : m_read->problemsOf(file)) {
            reported |=
                p.message.contains(QString::fromStdString(s(out, "contractId"))) && p.line == out.Mark().line + 1;
        }
        QVERIFY2(reported, portId.c_str());
    }
    // The management ports and the rest are kept, as text.
    QVERIFY(product->description.find("managementPorts") != std::string::npos);
    QVERIFY(product->description.find("tpc-dict-update") != std::string::npos);
}

void TestContractsSource::duplicateIds_areReported()
{
    // The two ODCS fixtures share an id with different versions: a warning, and both versions are imported.
    const QString later = QStringLiteral("odcs/full-example.odcs.yaml");
    QVERIFY(m_read->hasProblem(later, QStringLiteral("53581432-6c55-4ba2-a65f-72344a91553a")));
    QVERIFY(m_read->hasProblem(later, QStringLiteral("odcs/database-table-sla.odcs.yaml")));
    QVERIFY(m_read->find<Port>([](const Port &p) { return p.id == "53581432-6c55-4ba2-a65f-72344a91553a@1.0.0"; }));
    QVERIFY(m_read->find<Port>([](const Port &p) { return p.id == "53581432-6c55-4ba2-a65f-72344a91553a@1.1.0/tbl"; }));

    // The same id and version twice: an error on the later file, whose copy is not imported.
    QTemporaryDir dir;
    QVERIFY(copyTree(m_fixtures.path() + QStringLiteral("/odcs"), dir.path()));
    QVERIFY(QFile::copy(dir.path() + QStringLiteral("/full-example.odcs.yaml"),
                        dir.path() + QStringLiteral("/z-copy.odcs.yaml")));
    const auto read = readFolder(dir.path());
    QVERIFY(read);
    bool error = false;
    for (const SourceProblem &p : read->problemsOf(QStringLiteral("z-copy.odcs.yaml"))) {
        error |= p.severity == SourceProblem::Severity::Error && p.message.contains(QLatin1String("full-example")) &&
                 p.line > 0;
    }
    QVERIFY(error);
    const auto tbl = read->all<Port>();
    QCOMPARE(std::count_if(tbl.begin(), tbl.end(),
                           [](const Port &p) { return p.id == "53581432-6c55-4ba2-a65f-72344a91553a@1.1.0/tbl"; }),
             1);
}

void TestContractsSource::openLineage_yieldsLineageAndCheckResults()
{
    QFile f(m_fixtures.path() + QStringLiteral("/openlineage/example_full_event.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject event = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonObject job = event.value(QLatin1String("job")).toObject();
    const std::string jobId = "ol-job:" + job.value(QLatin1String("namespace")).toString().toStdString() + "/" +
                              job.value(QLatin1String("name")).toString().toStdString();
    const auto datasetId = [](const QJsonValue &d) {
        return "ol:" + d[QLatin1String("namespace")].toString().toStdString() + "/" +
               d[QLatin1String("name")].toString().toStdString();
    };
    const auto edges = m_read->all<Lineage>();
    const auto hasEdge = [&](const std::string &from, const std::string &to) {
        return std::any_of(edges.begin(), edges.end(), [&](const Lineage &e) { return e.from == from && e.to == to; });
    };
    const QJsonArray inputs = event.value(QLatin1String("inputs")).toArray();
    const QJsonArray outputs = event.value(QLatin1String("outputs")).toArray();
    QVERIFY(!inputs.isEmpty() && !outputs.isEmpty());
    for (const QJsonValue &in : inputs) {
        QVERIFY(hasEdge(datasetId(in), jobId));
    }
    for (const QJsonValue &out : outputs) {
        QVERIFY(hasEdge(jobId, datasetId(out)));
    }
    const auto job_ = m_read->find<Product>([&](const Product &p) { return p.id == jobId; });
    QVERIFY(job_);
    QCOMPARE(job_->kind, std::string("pipeline"));

    // Assertions: a check each, with a result at the event's time.
    const std::int64_t at =
        QDateTime::fromString(event.value(QLatin1String("eventTime")).toString(), Qt::ISODateWithMs).toSecsSinceEpoch();
    for (const QJsonValue &in : inputs) {
        const QJsonArray assertions =
            in[QLatin1String("inputFacets")][QLatin1String("dataQualityAssertions")][QLatin1String("assertions")]
                .toArray();
        QVERIFY(!assertions.isEmpty());
        for (const QJsonValue &a : assertions) {
            const std::string column = a[QLatin1String("column")].toString().toStdString();
            const std::string checkId =
                "ol:" + a[QLatin1String("assertion")].toString().toStdString() + (column.empty() ? "" : "/" + column);
            const auto check =
                m_read->find<Check>([&](const Check &c) { return c.product == datasetId(in) && c.id == checkId; });
            QVERIFY2(check, checkId.c_str());
            QCOMPARE(check->column, column);
            const auto result = m_read->find<CheckResult>(
                [&](const CheckResult &r) { return r.product == datasetId(in) && r.check == checkId; });
            QVERIFY(result);
            QCOMPARE(result->t0, at);
            QCOMPARE(result->statuses, std::string(a[QLatin1String("success")].toBool() ? "P" : "F"));
        }
    }
    const auto schemaPort = m_read->find<Port>([&](const Port &p) { return p.product == datasetId(inputs[0]); });
    QVERIFY(schemaPort);
    QCOMPARE(schemaPort->columns.size(), std::size_t(1));
    QCOMPARE(schemaPort->columns[0].name, std::string("column1"));
}

void TestContractsSource::productFile_ownsItsContractAndGivesLineage()
{
    QTemporaryDir dir;
    QVERIFY(
        writeFolder(dir.path(), {{QStringLiteral("orders/orders.odps.yaml"), odps("orders", "c-orders", nullptr)},
                                 {QStringLiteral("orders/contracts/orders.odcs.yaml"), odcs("c-orders")},
                                 {QStringLiteral("billing/billing.odps.yaml"), odps("billing", nullptr, "c-orders")},
                                 {QStringLiteral(".git/config.yaml"), "kind: DataProduct\nid: from-git\n"}}));
    const auto read = readFolder(dir.path());
    QVERIFY(read);
    for (const SourceProblem &p : read->problems) {
        QFAIL(qPrintable(p.file + QLatin1String(": ") + p.message));
    }
    // The contract's port (with its columns) belongs to the product that publishes it; nothing is inferred.
    const auto port = read->find<Port>([](const Port &p) { return p.id == "c-orders@1.0.0/orders"; });
    QVERIFY(port);
    QCOMPARE(port->product, std::string("orders"));
    QCOMPARE(port->columns.size(), std::size_t(1));
    QVERIFY(port->description.find("Contract c-orders") != std::string::npos);
    QVERIFY(!read->find<Port>([](const Port &p) { return p.id == "out:out@1.0.0"; }));
    QVERIFY(!read->find<Product>([](const Product &p) { return p.id.rfind("contract:", 0) == 0; }));
    QVERIFY(!read->find<Product>([](const Product &p) { return p.id == "from-git"; }));
    const auto sla = read->find<Sla>([](const Sla &x) { return x.kind == "latency"; });
    QVERIFY(sla);
    QCOMPARE(sla->product, std::string("orders"));
    QCOMPARE(sla->port, std::string("c-orders@1.0.0/orders"));
    QCOMPARE(sla->unit, std::string("h"));

    // billing's input port consumes orders' contract: lineage orders -> billing, to the input port.
    const auto edges = read->all<Lineage>();
    QCOMPARE(edges.size(), std::size_t(1));
    QCOMPARE(edges[0].from, std::string("orders"));
    QCOMPARE(edges[0].to, std::string("billing"));
    QCOMPARE(edges[0].toPort, std::string("in:feed@1.0.0"));

    // Records come in the order the cache writer needs.
    std::size_t lastProduct = 0, firstPort = read->records.size();
    for (std::size_t i = 0; i < read->records.size(); ++i) {
        if (std::holds_alternative<Product>(read->records[i])) {
            lastProduct = i;
        }
        if (std::holds_alternative<Port>(read->records[i])) {
            firstPort = std::min(firstPort, i);
        }
    }
    QVERIFY(lastProduct < firstPort);
}

void TestContractsSource::locate_findsTheYamlNodeOfAnEntity()
{
    const QByteArray state = m_read->state.at(QLatin1String(ContractsManifest::kStateKey));
    const std::string cid = "53581432-6c55-4ba2-a65f-72344a91553a";
    const std::string product = "inferred:seller/my quantum";
    const auto port =
        ContractsManifest::locate(state, ContractsManifest::key("port", product, cid + "@1.1.0/receivers"));
    QVERIFY(port);
    const YAML::Node y =
        YAML::LoadFile(QString(m_fixtures.path() + QStringLiteral("/odcs/full-example.odcs.yaml")).toStdString());
    QCOMPARE(port->file, QStringLiteral("odcs/full-example.odcs.yaml"));
    QCOMPARE(port->path, QStringLiteral("/schema/1"));
    QCOMPARE(port->line, y["schema"][1].Mark().line + 1);

    const auto column = ContractsManifest::locate(
        state, ContractsManifest::key("column", product, cid + "@1.1.0/tbl\x1f" + "rcvr_cntry_code"));
    QVERIFY(column);
    QCOMPARE(column->path, QStringLiteral("/schema/0/properties/2"));
    QCOMPARE(column->line, y["schema"][0]["properties"][2].Mark().line + 1);

    const auto sla = ContractsManifest::locate(state, ContractsManifest::key("sla", product, cid + "@1.1.0/sla/0"));
    QVERIFY(sla);
    QCOMPARE(sla->path, QStringLiteral("/slaProperties/0"));
    const auto root = ContractsManifest::locate(state, ContractsManifest::key("product", {}, product));
    QVERIFY(root);
    QCOMPARE(root->path, QString());
    const auto odpsProduct =
        ContractsManifest::locate(state, ContractsManifest::key("product", {}, "fbe8d147-28db-4f1d-bedf-a3fe9f458427"));
    QVERIFY(odpsProduct);
    QCOMPARE(odpsProduct->file, QStringLiteral("odps/customer-data-product.odps.yaml"));
    QVERIFY(!ContractsManifest::locate(state, ContractsManifest::key("product", {}, "no-such-product")));
}

void TestContractsSource::unknownFields_areKeptInTheDescription()
{
    const auto product = m_read->find<Product>([](const Product &p) { return p.id == "inferred:seller/my quantum"; });
    QVERIFY(product);
    for (const char *key : {"Other fields:", "tenant: ClimateQuantumInc", "servers:", "price:", "roles:",
                            "customProperties:", "Support:", "#product-help", "Limitations:"}) {
        QVERIFY2(product->description.find(key) != std::string::npos, key);
    }
}

void TestContractsSource::odcsV2Keys_areAccepted()
{
    QTemporaryDir dir;
    QVERIFY(writeFolder(dir.path(), {{QStringLiteral("v2.odcs.yaml"),
                                      "apiVersion: v2.2.0\nkind: DataContract\nuuid: v2-c\nversion: 2.0.0\n"
                                      "status: active\nquantumName: q\ndatasetDomain: d2\ndataset:\n"
                                      "  - table: orders\n    columns:\n      - column: id\n"
                                      "        logicalType: string\n        isNullable: false\n"
                                      "        isPrimaryKey: true\n      - column: amount\n"
                                      "        logicalType: number\n"}}));
    const auto read = readFolder(dir.path());
    QVERIFY(read);
    QVERIFY(read->problems.empty());
    const auto product = read->find<Product>([](const Product &p) { return p.id == "inferred:d2/q"; });
    QVERIFY(product);
    QCOMPARE(product->domain, std::string("d2"));
    const auto port = read->find<Port>([](const Port &p) { return p.id == "v2-c@2.0.0/orders"; });
    QVERIFY(port);
    QCOMPARE(port->columns.size(), std::size_t(2));
    QCOMPARE(port->columns[0].name, std::string("id"));
    QVERIFY(!port->columns[0].nullable);
    QVERIFY(port->columns[0].primaryKey);
    QCOMPARE(port->columns[1].type, std::string("number"));
    QVERIFY(port->columns[1].nullable);
}

void TestContractsSource::teamAsAList_andUnknownUnits()
{
    const QByteArray yaml = "apiVersion: v3.0.0\nkind: DataContract\nid: t-list\nversion: 1.0.0\nstatus: active\n"
                            "domain: sales\ncustomProperties:\n  - property: owner\n    value: sales-team\n"
                            "team:\n  - username: ann\n    role: owner\n  - username: bob\n    role: Steward\n"
                            "slaProperties:\n  - property: Availability\n    value: 99.9\n    unit: percent\n"
                            "  - property: latency\n    value: 2\n    unit: fortnights\n";
    QTemporaryDir dir;
    QVERIFY(writeFolder(dir.path(), {{QStringLiteral("t.odcs.yaml"), yaml}}));
    const auto read = readFolder(dir.path());
    QVERIFY(read);
    const auto product = read->find<Product>([](const Product &p) { return p.id == "contract:t-list"; });
    QVERIFY(product);
    const auto has = [&](PartyKind party, Role role, const char *id) {
        return std::any_of(product->owners.begin(), product->owners.end(),
                           [&](const OwnerRef &o) { return o.party == party && o.role == role && o.id == id; });
    };
    QVERIFY(has(PartyKind::Team, Role::Owner, "sales-team")); // the 3.0 list has no name: the owner property does
    QVERIFY(has(PartyKind::Person, Role::Owner, "ann"));
    QVERIFY(has(PartyKind::Person, Role::Steward, "bob"));
    const auto availability = read->find<Sla>([](const Sla &x) { return x.kind == "availability"; });
    QVERIFY(availability);
    QCOMPARE(availability->op, std::string(">="));
    QCOMPARE(availability->unit, std::string("%"));
    QCOMPARE(availability->target, 99.9);
    // An unknown unit is kept as written, and reported at its SLA's line.
    const auto latency = read->find<Sla>([](const Sla &x) { return x.kind == "latency"; });
    QVERIFY(latency);
    QCOMPARE(latency->unit, std::string("fortnights"));
    const YAML::Node y = YAML::Load(yaml.toStdString());
    const auto problems = read->problemsOf(QStringLiteral("t.odcs.yaml"));
    QCOMPARE(problems.size(), std::size_t(1));
    QVERIFY(problems[0].message.contains(QLatin1String("fortnights")));
    QCOMPARE(problems[0].line, y["slaProperties"][1].Mark().line + 1);
    QCOMPARE(problems[0].severity, SourceProblem::Severity::Warning);
}

void TestContractsSource::dcsAndJsonContracts_areSniffedByContent()
{
    QTemporaryDir dir;
    QVERIFY(writeFolder(
        dir.path(),
        {{QStringLiteral("legacy/datacontract.yaml"),
          "dataContractSpecification: 1.2.1\nid: orders-dcs\ninfo:\n  title: Orders\n  version: 1.0.0\n"
          "  owner: checkout-team\nmodels:\n  orders:\n    type: table\n    fields:\n      order_id:\n"
          "        type: string\n        required: true\n        primaryKey: true\nservicelevels:\n"
          "  availability:\n    percentage: 99.9%\n  latency:\n    threshold: 25h\n  retention:\n"
          "    period: P1Y\n"},
         {QStringLiteral("json/contract.json"), "{\"apiVersion\": \"v3.1.0\", \"kind\": \"DataContract\", \"id\": "
                                                "\"js\", \"version\": \"1\", \"status\": \"draft\"}"},
         {QStringLiteral("other/config.yaml"), "replicas: 3\n"}}));
    const auto read = readFolder(dir.path());
    QVERIFY(read);
    QVERIFY(read->problems.empty());
    const auto product = read->find<Product>([](const Product &p) { return p.id == "contract:orders-dcs"; });
    QVERIFY(product);
    QCOMPARE(product->name, std::string("Orders"));
    QCOMPARE(product->owners.size(), std::size_t(1));
    QCOMPARE(product->owners[0].id, std::string("checkout-team"));
    const auto port = read->find<Port>([](const Port &p) { return p.id == "orders-dcs@1.0.0/orders"; });
    QVERIFY(port);
    QCOMPARE(port->columns.size(), std::size_t(1));
    QVERIFY(port->columns[0].primaryKey && !port->columns[0].nullable);
    const auto sla = [&](const char *kind) { return read->find<Sla>([&](const Sla &x) { return x.kind == kind; }); };
    QVERIFY(sla("availability") && sla("latency") && sla("retention"));
    QCOMPARE(sla("availability")->target, 99.9);
    QCOMPARE(sla("availability")->unit, std::string("%"));
    QCOMPARE(sla("latency")->target, 25.0);
    QCOMPARE(sla("latency")->unit, std::string("h"));
    QCOMPARE(sla("retention")->target, 1.0);
    QCOMPARE(sla("retention")->unit, std::string("y"));
    QVERIFY(read->find<Product>([](const Product &p) { return p.id == "contract:js"; }));
    QCOMPARE(read->all<Product>().size(), std::size_t(2)); // config.yaml is no catalog file
}

void TestContractsSource::resync_unchangedFolder_sendsAnEmptyDelta()
{
    const auto again = readFolder(m_fixtures.path(), m_read->state);
    QVERIFY(again);
    QCOMPARE(again->header->mode, BundleMode::Delta);
    QCOMPARE(again->records.size(), std::size_t(0));
    // Problems of unchanged files are reported again: the cache's list is replaced by each sync's.
    QCOMPARE(again->problems.size(), m_read->problems.size());
    QCOMPARE(again->state, m_read->state);

    // A file touched but not changed (a checkout) is hashed, not imported again.
    QVERIFY(setMtime(m_fixtures.path() + QStringLiteral("/odcs/full-example.odcs.yaml"),
                     QDateTime::currentDateTimeUtc().addSecs(-3600)));
    const auto touched = readFolder(m_fixtures.path(), m_read->state);
    QVERIFY(touched);
    QCOMPARE(touched->records.size(), std::size_t(0));
}

void TestContractsSource::resync_changedFile_sendsOnlyItsRecords()
{
    QTemporaryDir dir;
    QVERIFY(writeFolder(dir.path(),
                        {{QStringLiteral("a.odcs.yaml"), odcs("c-a")}, {QStringLiteral("b.odcs.yaml"), odcs("c-b")}}));
    const auto first = readFolder(dir.path());
    QVERIFY(first);
    QVERIFY(writeFolder(dir.path(), {{QStringLiteral("a.odcs.yaml"), odcs("c-a", "Orders, now with returns")}}));
    const auto second = readFolder(dir.path(), first->state);
    QVERIFY(second);
    QCOMPARE(second->header->mode, BundleMode::Delta);
    const auto port = second->find<Port>([](const Port &p) { return p.id == "c-a@1.0.0/orders"; });
    QVERIFY(port);
    QCOMPARE(port->description, std::string("Orders, now with returns"));
    QVERIFY(!second->find<Port>([](const Port &p) { return p.id == "c-b@1.0.0/orders"; }));
    QVERIFY(second->all<Tombstone>().empty());
}

void TestContractsSource::resync_deletedFile_tombstonesWhatItDefined()
{
    QTemporaryDir dir;
    QVERIFY(writeFolder(dir.path(), {{QStringLiteral("a.odcs.yaml"), odcs("c-a")},
                                     {QStringLiteral("b.odcs.yaml"), odcs("c-b")},
                                     {QStringLiteral("bad.odcs.yaml"), "kind: DataContract\nid: [unclosed\n"}}));
    const auto first = readFolder(dir.path());
    QVERIFY(first);
    QVERIFY(first->hasProblem(QStringLiteral("bad.odcs.yaml"), QStringLiteral("invalid YAML")));
    QVERIFY(QFile::remove(dir.path() + QStringLiteral("/b.odcs.yaml")));
    const auto second = readFolder(dir.path(), first->state);
    QVERIFY(second);
    std::set<std::pair<std::string, std::string>> gone;
    for (const Tombstone &t : second->all<Tombstone>()) {
        gone.insert({t.of, t.id});
    }
    QVERIFY(gone.contains({"product", "contract:c-b"}));
    QVERIFY(gone.contains({"port", "c-b@1.0.0/orders"}));
    QVERIFY(gone.contains({"sla", "c-b@1.0.0/sla/0"}));
    QVERIFY(!gone.contains({"domain", "sales"})); // a.odcs.yaml still names it
    QVERIFY(!gone.contains({"product", "contract:c-a"}));
    // The unchanged broken file's problem is still listed.
    QVERIFY(second->hasProblem(QStringLiteral("bad.odcs.yaml"), QStringLiteral("invalid YAML")));
}

void TestContractsSource::resync_newProductFile_movesTheContractsPorts()
{
    QTemporaryDir dir;
    QVERIFY(writeFolder(dir.path(), {{QStringLiteral("orders.odcs.yaml"), odcs("c-orders")}}));
    const auto first = readFolder(dir.path());
    QVERIFY(first);
    QVERIFY(first->find<Port>([](const Port &p) { return p.product == "contract:c-orders"; }));

    // A product file now publishes the (unchanged) contract: its ports move to the product.
    QVERIFY(writeFolder(dir.path(), {{QStringLiteral("orders.odps.yaml"), odps("orders", "c-orders", nullptr)}}));
    const auto second = readFolder(dir.path(), first->state);
    QVERIFY(second);
    const auto port = second->find<Port>([](const Port &p) { return p.id == "c-orders@1.0.0/orders"; });
    QVERIFY(port);
    QCOMPARE(port->product, std::string("orders"));
    QVERIFY(
        second->find<Tombstone>([](const Tombstone &t) { return t.of == "product" && t.id == "contract:c-orders"; }));
}

void TestContractsSource::resync_full_sendsASnapshot()
{
    const auto full = readFolder(m_fixtures.path(), m_read->state, true);
    QVERIFY(full);
    QCOMPARE(full->header->mode, BundleMode::Snapshot);
    QCOMPARE(full->records.size(), m_read->records.size());
}

void TestContractsSource::cache_syncsTheFolderAndResyncsIncrementally()
{
    // Through the sync engine into a real cache: the registry opens the folder, the writer takes the records, the
    // problems and the manifest are stored with the catalog.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("contracts"));
    QVERIFY(copyTree(m_fixtures.path(), folder));
    const QString dbPath = dir.filePath(QStringLiteral("cache.db"));
    const SyncResult first = test::syncNow(dbPath, folder);
    QVERIFY2(first.ok, qPrintable(first.error));

    Database db;
    QCOMPARE(test::openCache(db, dbPath), QString());
    CatalogReader reader(db);
    const auto id = reader.resolveProduct(QStringLiteral("inferred:seller/my quantum"));
    QVERIFY(id);
    const auto product = reader.product(*id);
    QVERIFY(product);
    QCOMPARE(product->summary.name, QStringLiteral("my quantum"));
    QCOMPARE(product->ports.size(), 2);
    QCOMPARE(product->slas.size(), 3); // latency, retention, frequency
    QCOMPARE(product->checks.size(), 2);
    QVERIFY(reader.resolveProduct(QStringLiteral("fbe8d147-28db-4f1d-bedf-a3fe9f458427")));
    QVERIFY(reader.resolveProduct(QStringLiteral("ol:my-datasource-namespace/instance.schema.table")));
    QVERIFY(reader.stats().lineageEdges >= 2);

    SourceProblemsReader problems(db);
    const auto stored = problems.read(ContractsSource::canonicalUri(folder));
    QVERIFY(stored);
    QVERIFY(std::any_of(stored->begin(), stored->end(), [](const StoredProblem &p) {
        return p.file == QLatin1String("odcs/full-example.odcs.yaml") && p.severity == QLatin1String("warning") &&
               p.message.contains(QLatin1String("53581432"));
    }));
    const qsizetype problemCount = stored->size();

    // Re-sync after deleting the OpenLineage event and changing the SLA fixture: a delta removes what the event
    // defined and keeps the rest; the unchanged files' problems are still listed.
    QVERIFY(QFile::remove(folder + QStringLiteral("/openlineage/example_full_event.json")));
    QFile sla(folder + QStringLiteral("/odcs/database-table-sla.odcs.yaml"));
    QVERIFY(sla.open(QIODevice::Append));
    sla.write("tags: [changed]\n");
    sla.close();
    const SyncResult second = test::syncNow(dbPath, folder);
    QVERIFY2(second.ok, qPrintable(second.error));
    QVERIFY(!reader.resolveProduct(QStringLiteral("ol:my-datasource-namespace/instance.schema.table")));
    QVERIFY(reader.resolveProduct(QStringLiteral("inferred:seller/my quantum")));
    const auto changed = reader.resolveProduct(QStringLiteral("inferred:/my_quantum"));
    QVERIFY(changed);
    QCOMPARE(reader.product(*changed)->tags, QStringList{QStringLiteral("changed")});
    QCOMPARE(problems.read(ContractsSource::canonicalUri(folder))->size(), problemCount);
}

void TestContractsSource::hostile_givesAProblemWithinBoundedMemory_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("problem");

    // Billion laughs: nine levels of nine aliases, 9^9 nodes once expanded.
    QByteArray bomb = "apiVersion: v3.1.0\nkind: DataContract\nid: bomb\nversion: 1\nstatus: active\n"
                      "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char c = 'b'; c <= 'i'; ++c) {
        bomb += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [";
        for (int k = 0; k < 9; ++k) {
            bomb += (k ? ", *" : "*") + QByteArray(1, static_cast<char>(c - 1));
        }
        bomb += "]\n";
    }
    bomb += "schema: *i\n";
    QTest::newRow("alias bomb") << QStringLiteral("bomb.odcs.yaml") << bomb << QStringLiteral("alias bomb");
    QTest::newRow("10k-deep flow nesting")
        << QStringLiteral("deep.odcs.yaml") << QByteArray("schema: ") + QByteArray(10000, '[') + QByteArray(10000, ']')
        << QStringLiteral("nests deeper");
    QByteArray block;
    for (int i = 0; i < 10000; ++i) {
        block += "- ";
    }
    QTest::newRow("10k-deep block nesting") << QStringLiteral("deepblock.odcs.yaml") << block + "x\n"
                                            << QStringLiteral("nests deeper");
    QTest::newRow("invalid UTF-8") << QStringLiteral("latin1.odcs.yaml")
                                   << QByteArray("kind: DataContract\nid: x\nname: caf\xe9\n")
                                   << QStringLiteral("not valid UTF-8");
    QTest::newRow("tab indentation") << QStringLiteral("tabs.odcs.yaml")
                                     << QByteArray("kind: DataContract\nid: x\nschema:\n\t- name: t\n")
                                     << QStringLiteral("invalid YAML");
    QTest::newRow("duplicate keys") << QStringLiteral("dup.odcs.yaml")
                                    << QByteArray("apiVersion: v3.1.0\nkind: DataContract\nid: x\nid: y\nversion: 1\n"
                                                  "status: active\n")
                                    << QStringLiteral("duplicate key 'id'");
    // With an anchor the file takes the event census rather than the plain tree: both find duplicates.
    QTest::newRow("duplicate keys, anchored")
        << QStringLiteral("dupa.odcs.yaml")
        << QByteArray("apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: &v 1\nstatus: active\nid: y\n")
        << QStringLiteral("duplicate key 'id' (first at line 3)");
    QFile full(contractsFixtures() + QStringLiteral("/odcs/full-example.odcs.yaml"));
    QVERIFY(full.open(QIODevice::ReadOnly));
    const QByteArray text = full.readAll();
    QTest::newRow("truncated file") << QStringLiteral("cut.odcs.yaml") << text.left(text.indexOf("kind:"))
                                    << QStringLiteral("required field(s) missing: apiVersion, kind");
    QTest::newRow("truncated flow") << QStringLiteral("cut2.odcs.yaml")
                                    << text.left(text.indexOf("tags: [ 'finance', 'pay") + 20)
                                    << QStringLiteral("invalid YAML");
    QTest::newRow("too many nodes") << QStringLiteral("wide.odcs.yaml")
                                    << "kind: DataContract\nid: x\ntags: [" + QByteArray("a,").repeated(150000) + "a]\n"
                                    << QStringLiteral("nodes: not imported");
    QTest::newRow("invalid JSON") << QStringLiteral("event.json") << QByteArray("{\"eventTime\": ")
                                  << QStringLiteral("invalid JSON");
    QTest::newRow("deep JSON") << QStringLiteral("deep.json") << QByteArray(10000, '[') + QByteArray(10000, ']')
                               << QStringLiteral("invalid JSON");
}

void TestContractsSource::hostile_givesAProblemWithinBoundedMemory()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, problem);
    QTemporaryDir dir;
    QVERIFY(writeFolder(dir.path(), {{name, bytes}, {QStringLiteral("ok.odcs.yaml"), odcs("c-ok")}}));
    const double before = peakResidentMemoryMb();
    const auto read = readFolder(dir.path());
    QVERIFY(read);
    const auto problems = read->problemsOf(name);
    QVERIFY2(!problems.empty(), "no problem reported");
    QVERIFY2(read->hasProblem(name, problem), qPrintable(problems.front().message));
    // The rest of the folder imports.
    QVERIFY(read->find<Port>([](const Port &p) { return p.id == "c-ok@1.0.0/orders"; }));
    // Peak RSS grows by at most a few tens of MB for any of these (an expanded bomb would take gigabytes).
    const double after = peakResidentMemoryMb();
    QVERIFY2(after - before < 100, qPrintable(QStringLiteral("peak RSS grew by %1 MB").arg(after - before)));
}

void TestContractsSource::hostile_hugeFile_isNotRead()
{
    // A 100 MB scalar: written in chunks, never read (the cap applies before the file is opened).
    QTemporaryDir dir;
    QFile f(dir.path() + QStringLiteral("/huge.odcs.yaml"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("kind: DataContract\nid: huge\ndescription: ");
    const QByteArray chunk(1024 * 1024, 'x');
    for (int i = 0; i < 100; ++i) {
        QVERIFY(f.write(chunk) == chunk.size());
    }
    f.close();
    QVERIFY(writeFolder(dir.path(), {{QStringLiteral("ok.odcs.yaml"), odcs("c-ok")}}));
    const double before = peakResidentMemoryMb();
    const auto read = readFolder(dir.path());
    QVERIFY(read);
    QVERIFY(read->hasProblem(QStringLiteral("huge.odcs.yaml"), QStringLiteral("more than the 16 MB")));
    QVERIFY(read->find<Port>([](const Port &p) { return p.id == "c-ok@1.0.0/orders"; }));
    QVERIFY(peakResidentMemoryMb() - before < 50);
    // The reader caps what it is handed too.
    const ContractFile direct =
        ContractFileReader::read(QStringLiteral("x.odcs.yaml"), QByteArray(ContractFileReader::kMaxFileBytes + 1, ' '));
    QCOMPARE(direct.format, ContractFile::Format::Invalid);
}

QTEST_GUILESS_MAIN(TestContractsSource)
#include "tst_contractssource.moc"
