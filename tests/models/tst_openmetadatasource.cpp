// The OpenMetadata source against the fake server, in the dialects of 1.1, 1.6 and 1.9: full and incremental sync
// into a real cache, write-back of edits and feedback, and the failure paths (token, retries, a page cut short).

#include "models/sources/credentials.h"
#include "models/sources/openmetadata/openmetadatafqn.h"
#include "models/sources/openmetadata/openmetadatamapper.h"
#include "models/sources/openmetadata/openmetadatapusher.h"
#include "models/sources/openmetadata/openmetadatasource.h"
#include "models/store/catalogwriter.h"
#include "models/store/database.h"
#include "models/store/outbox.h"
#include "models/store/schema.h"
#include "models/sync/outboxdelivery.h"
#include "support/fakeopenmetadata.h"
#include "support/sourcerun.h"
#include "support/testsupport.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

#include <memory>

using namespace meshlens::models;
using meshlens::test::FakeOpenMetadata;

namespace {

QJsonValue fixture(const QString &relative, const char *key)
{
    QFile f(QStringLiteral(MESHLENS_FIXTURES_DIR "/openmetadata/") + relative);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    return key ? doc.object().value(QLatin1String(key)) : QJsonValue(doc.array());
}

std::int64_t count(Database &db, const QString &sql)
{
    Statement st = db.prepare(sql.toStdString());
    return st.next() ? st.int64(0) : -1;
}

QString text(Database &db, const QString &sql)
{
    Statement st = db.prepare(sql.toStdString());
    return st.next() ? st.text(0) : QStringLiteral("<none>");
}

QString dump(Database &db)
{
    QString out;
    for (const char *sql :
         {"SELECT ext_id, kind, name, fqn, description, version, coalesce(tier,'') FROM entries ORDER BY ext_id",
          "SELECT entry_id, ext_id, location, (" MESHLENS_TEST_PORT_COLUMNS ") FROM ports pt ORDER BY entry_id, ext_id",
          "SELECT from_ext, from_port, to_ext, to_port, coalesce(column_map,'') FROM lineage ORDER BY 1,2,3,4",
          "SELECT ext_id, name, coalesce(parent_ext,'') FROM teams ORDER BY 1",
          "SELECT ext_id, name FROM people ORDER BY 1",
          "SELECT check_id, t0, statuses FROM check_series ORDER BY 1,2"}) {
        Statement st = db.prepare(sql);
        while (st.next()) {
            for (int i = 0; i < st.columnCount(); ++i) {
                out += st.text(i) + QLatin1Char('|');
            }
            out += QLatin1Char('\n');
        }
    }
    return out;
}

QtMessageHandler g_previous = nullptr;
QStringList *g_log = nullptr;
QMutex g_logMutex; // messages arrive from the sync's request lanes at once
void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&g_logMutex);
        if (g_log) {
            g_log->append(message);
        }
    }
    if (g_previous) {
        g_previous(type, context, message);
    }
}

} // namespace

class TestOpenMetadataSource : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeOpenMetadata> m_server;
    MemoryCredentialStore m_credentials;
    std::unique_ptr<Database> m_db;
    meshlens::test::SourceMemory m_memory;
    int m_dbCount = 0;

    void startServer(const QString &version, const QString &token = QStringLiteral("s3cr3t-token-xyz"))
    {
        m_server = std::make_unique<FakeOpenMetadata>(FakeOpenMetadata::Options{version, token, 7, 0});
        const QString err = m_server->start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(m_credentials.write(uri(), token) == std::nullopt);
        m_db = std::make_unique<Database>();
        QVERIFY(!m_db->open(m_dir.filePath(QStringLiteral("cache%1.db").arg(++m_dbCount))));
        QVERIFY(!Schema::migrate(*m_db));
        m_memory = {};
    }
    QString uri() const { return OpenMetadataSource::parseAddress(m_server->address()).uri; }
    std::unique_ptr<OpenMetadataSource> source()
    {
        auto opened = OpenMetadataSource::open(m_server->address(), SourceEnvironment{&m_credentials});
        auto *s = static_cast<OpenMetadataSource *>(opened.source.release());
        OpenMetadataOptions options;
        options.pageSize = 5;
        options.http.baseBackoffMs = 1;
        options.http.maxBackoffMs = 5;
        s->setOptions(options);
        return std::unique_ptr<OpenMetadataSource>(s);
    }
    std::optional<QString> sync(bool full = false)
    {
        auto s = source();
        return meshlens::test::readInto(*m_db, *s, m_memory, full);
    }
    QString tableFqn(const QString &name) const
    {
        return QStringLiteral("sample_data.ecommerce_db.shopify.") + OpenMetadataFqn::quote(name);
    }
    std::int64_t entryIdOf(const QString &ext)
    {
        return count(*m_db, QStringLiteral("SELECT id FROM entries WHERE ext_id = '%1'").arg(ext));
    }
    // Starts a server of that version, syncs it, and returns the id of one of its tables (empty on failure).
    QString syncedTable(const QString &version, const QString &name)
    {
        startServer(version);
        if (QTest::currentTestFailed() || sync()) {
            return {};
        }
        return m_server->idOf(QStringLiteral("table"), tableFqn(name));
    }
    // Queues an edit of the entry with that id; returns the outbox item, or nothing when it was not queued.
    std::optional<OutboxItem> queueEdit(const QString &id, const ProductEdit &edit)
    {
        Outbox outbox(*m_db);
        const auto queued = outbox.queueEdit(entryIdOf(id), edit, QDateTime::currentSecsSinceEpoch());
        return queued.ok() ? outbox.item(queued.id) : std::nullopt;
    }
    int listCalls(const QString &path) const
    {
        return int(m_server->requestLog().count(QStringLiteral("GET ") + path));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(fixture(QStringLiteral("datasets/tables.json"), "tables").isArray(),
                 "the shared fixtures are missing");
    }

    void fqn_splitsQuotedParts()
    {
        QCOMPARE(OpenMetadataFqn::split(QStringLiteral("a.b.\"dim.api/client\"")),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("dim.api/client")}));
        QCOMPARE(OpenMetadataFqn::join({QStringLiteral("s"), QStringLiteral("dim.shop"), QStringLiteral("магазин")}),
                 QStringLiteral("s.\"dim.shop\".магазин"));
        QCOMPARE(OpenMetadataFqn::pathSegment(QStringLiteral("s.\"dim.api/client\"")),
                 QByteArray("s.%22dim.api%2Fclient%22"));
        const auto link = OpenMetadataFqn::parseEntityLink(QStringLiteral("<#E::table::a.b.c::columns::zip>"));
        QCOMPARE(link.entityType, QStringLiteral("table"));
        QCOMPARE(link.fqn, QStringLiteral("a.b.c"));
        QCOMPARE(link.field, QStringLiteral("columns::zip"));
    }

    void timestamps_outsideTheEpochRange_areMissing()
    {
        // fuzz_openmetadata found an event with timestamp 1e79: its cast to an integer was undefined behaviour.
        const auto at = [](const QJsonValue &v) { return OpenMetadataMapper::epochMillis(v); };
        QCOMPARE(at(QJsonValue(1763600000000.0)), std::optional<std::int64_t>(1'763'600'000'000));
        QCOMPARE(at(QJsonValue(0.0)), std::optional<std::int64_t>(0));
        QCOMPARE(at(QJsonValue(253402300799999.0)), std::optional<std::int64_t>(253'402'300'799'999));
        QVERIFY(!at(QJsonValue(1e79)));
        QVERIFY(!at(QJsonValue(-1.0)));
        QVERIFY(!at(QJsonValue(std::numeric_limits<double>::quiet_NaN())));
        QVERIFY(!at(QJsonValue(QStringLiteral("1763600000000"))));
        QVERIFY(!at(QJsonValue()));
    }

    void address_isCanonicalAndWarnsOnPlainHttp_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("uri");
        QTest::addColumn<bool>("warns");
        QTest::newRow("https") << "openmetadata+https://Meta.Example.com/"
                               << "openmetadata+https://meta.example.com" << false;
        QTest::newRow("api base") << "openmetadata+https://meta.example.com:8585/om/api"
                                  << "openmetadata+https://meta.example.com:8585/om" << false;
        QTest::newRow("http remote") << "openmetadata+http://meta.example.com"
                                     << "openmetadata+http://meta.example.com" << true;
        QTest::newRow("http loopback") << "openmetadata+http://127.0.0.1:8585"
                                       << "openmetadata+http://127.0.0.1:8585" << false;
        QTest::newRow("bad") << "openmetadata+ftp://x"
                             << "" << false;
    }
    void address_isCanonicalAndWarnsOnPlainHttp()
    {
        QFETCH(QString, text);
        QFETCH(QString, uri);
        QFETCH(bool, warns);
        auto opened = OpenMetadataSource::open(text, {});
        if (uri.isEmpty()) {
            QVERIFY(!opened.source);
            QVERIFY(!opened.error.isEmpty());
            return;
        }
        QVERIFY2(opened.source, qPrintable(opened.error));
        QCOMPARE(opened.source->uri(), uri);
        QCOMPARE(!opened.source->warning().isEmpty(), warns);
        QVERIFY(OpenMetadataSource::registration().claims(text));
    }

    void fullSync_importsEveryFixtureEntity_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("1.1") << "1.1.2";
        QTest::newRow("1.6") << "1.6.0";
        QTest::newRow("1.9") << "1.9.2";
    }
    void fullSync_importsEveryFixtureEntity()
    {
        QFETCH(QString, version);
        startServer(version);
        const auto err = sync();
        QVERIFY2(!err, qPrintable(err.value_or(QString())));
        QCOMPARE(m_memory.lastMode, records::BundleMode::Snapshot);

        // Every fixture table, with its awkward name and its columns, as a port (of its own entry or of a product).
        const QJsonArray tables = fixture(QStringLiteral("datasets/tables.json"), "tables").toArray();
        QStringList expected;
        qsizetype columns = 0;
        for (const QJsonValue &t : tables) {
            expected << tableFqn(t.toObject().value(QLatin1String("name")).toString());
            columns += t.toObject().value(QLatin1String("columns")).toArray().size();
        }
        expected.sort();
        QStringList got;
        Statement st = m_db->prepare("SELECT location FROM ports WHERE format = 'table' ORDER BY location");
        while (st.next()) {
            got << st.text(0);
        }
        std::sort(got.begin(), got.end());
        QCOMPARE(got, expected);
        QVERIFY(got.contains(QStringLiteral("sample_data.ecommerce_db.shopify.\"dim.api/client\"")));
        QVERIFY(got.contains(QStringLiteral("sample_data.ecommerce_db.shopify.магазин")));
        QCOMPARE(
            count(*m_db, QStringLiteral("SELECT sum(json_array_length(columns)) FROM ports WHERE format = 'table'")),
            columns);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM entries WHERE fqn = '%1'")
                                  .arg(tableFqn(QStringLiteral("dim(shop)")))),
                 1);

        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM people")),
                 fixture(QStringLiteral("users/users.json"), "users").toArray().size());
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM teams")),
                 fixture(QStringLiteral("teams/teams.json"), "teams").toArray().size());
        QCOMPARE(text(*m_db, QStringLiteral("SELECT p.name FROM teams t JOIN teams p ON p.ext_id = t.parent_ext "
                                            "WHERE t.name = 'Compute'")),
                 QStringLiteral("Infrastructure"));
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM lineage")),
                 fixture(QStringLiteral("lineage/lineage.json"), nullptr).toArray().size());
        QVERIFY(count(*m_db, QStringLiteral("SELECT count(*) FROM lineage WHERE column_map IS NOT NULL")) > 0);

        int pass = 0, fail = 0, aborted = 0;
        for (const QJsonValue &c : fixture(QStringLiteral("tests/testCaseResults.json"), "testCaseResults").toArray()) {
            for (const QJsonValue &r : c.toObject().value(QLatin1String("results")).toArray()) {
                const QString s = r.toObject().value(QLatin1String("testCaseStatus")).toString();
                pass += s == QLatin1String("Success");
                fail += s == QLatin1String("Failed");
                aborted += s == QLatin1String("Aborted");
            }
        }
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM checks")), 5);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM check_series WHERE CAST(statuses AS TEXT) = 'P'")),
                 pass);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM check_series WHERE CAST(statuses AS TEXT) = 'F'")),
                 fail);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM check_series WHERE CAST(statuses AS TEXT) = 'A'")),
                 aborted);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM checks WHERE column_name = 'zip'")), 1);
        const QJsonObject suite =
            fixture(QStringLiteral("tests/testSuites.json"), "tests").toArray().first().toObject();
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM checks WHERE description LIKE '%Test suite: %1'")
                                  .arg(suite.value(QLatin1String("testSuiteName")).toString())),
                 suite.value(QLatin1String("testCases")).toArray().size());

        // Owners in either spelling, and the tier from the Tier tag.
        const QString dimAddress = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("dim_address")));
        QCOMPARE(count(*m_db, QStringLiteral("SELECT tier FROM entries WHERE ext_id = '%1'").arg(dimAddress)), 1);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM ownerships o JOIN entries e ON e.id = o.entry_id "
                                             "WHERE e.ext_id = '%1' AND o.party_kind = 'person'")
                                  .arg(dimAddress)),
                 1);
        QVERIFY(count(*m_db, QStringLiteral("SELECT count(*) FROM ownerships WHERE party_kind = 'team'")) > 0);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM entries WHERE kind = 'topic'")),
                 fixture(QStringLiteral("topics/topics.json"), "topics").toArray().size());
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM entries WHERE kind = 'pipeline'")),
                 fixture(QStringLiteral("pipelines/pipelines.json"), "pipelines").toArray().size());

        const bool products = OpenMetadataDialect::fromVersion(version).hasDomains();
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM entries WHERE kind = 'product'")), products ? 1 : 0);
        if (products) {
            QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM ports p JOIN entries e ON e.id = p.entry_id "
                                                 "WHERE e.kind = 'product'")),
                     4);
            QCOMPARE(text(*m_db, QStringLiteral("SELECT d.name FROM entries e JOIN domains d ON d.id = e.domain_id "
                                                "WHERE e.kind = 'product'")),
                     QStringLiteral("Marketing"));
            // A lineage edge from a table inside the product ends at the product, on that table's port.
            const QString raw = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("raw_customer")));
            QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM lineage WHERE from_port = '%1'").arg(raw)), 3);
        }
        // Paging was exercised: 100 users in pages of at most 7.
        QVERIFY(listCalls(QStringLiteral("/api/v1/users")) >= 15);
    }

    void probe_reportsVersionOrTheRejectedToken()
    {
        startServer(QStringLiteral("1.9.2"));
        std::atomic<bool> cancel = false;
        auto p = source()->probe(cancel);
        QVERIFY2(p.ok, qPrintable(p.message));
        QCOMPARE(p.message, QStringLiteral("OpenMetadata 1.9.2"));
        QVERIFY(m_credentials.write(uri(), QStringLiteral("wrong-token")) == std::nullopt);
        p = source()->probe(cancel);
        QVERIFY(!p.ok);
        QVERIFY2(p.message.contains(QStringLiteral("the server rejected the token; change it in Sources → Edit…")),
                 qPrintable(p.message));
        const auto err = sync();
        QVERIFY(err);
        QVERIFY2(err->contains(QStringLiteral("rejected the token")), qPrintable(*err));
        QVERIFY(!err->contains(QStringLiteral("wrong-token")));
    }

    void transientErrors_areRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("429") << 429;
        QTest::newRow("503") << 503;
    }
    void transientErrors_areRetried()
    {
        QFETCH(int, status);
        startServer(QStringLiteral("1.9.2"));
        m_server->failNext(2, status);
        const auto err = sync();
        QVERIFY2(!err, qPrintable(err.value_or(QString())));
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM people")), 100);
    }

    void pageCutShort_failsAndKeepsThePreviousCatalog()
    {
        startServer(QStringLiteral("1.9.2"));
        QVERIFY(!sync());
        const QString before = dump(*m_db);
        m_server->setDescription(m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("fact_sale"))),
                                 QStringLiteral("changed"));
        m_server->cutShort(QStringLiteral("/api/v1/pipelines"));
        const auto err = sync(true);
        QVERIFY(err);
        QVERIFY2(err->contains(QStringLiteral("cut short")), qPrintable(*err));
        QCOMPARE(dump(*m_db), before);
    }

    void incrementalSync_appliesCreateUpdateDelete_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("1.1") << "1.1.2";
        QTest::newRow("1.9") << "1.9.2";
    }
    void incrementalSync_appliesCreateUpdateDelete()
    {
        QFETCH(QString, version);
        startServer(version);
        QVERIFY(!sync());
        const int tableLists = listCalls(QStringLiteral("/api/v1/tables"));
        const QString created = m_server->createTable(QStringLiteral("dim.new/table"), QStringLiteral("brand new"));
        const QString updated = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("fact_sale")));
        m_server->setDescription(updated, QStringLiteral("Sales, one row per line item"));
        const QString deleted = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("dim_staff")));
        m_server->remove(deleted);
        // raw_customer feeds three edges; in 1.9 it is a port of the data product, so only the source knows them.
        const QString raw = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("raw_customer")));
        m_server->remove(raw);
        const auto err = sync();
        QVERIFY2(!err, qPrintable(err.value_or(QString())));
        QCOMPARE(m_memory.lastMode, records::BundleMode::Delta);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM lineage")),
                 fixture(QStringLiteral("lineage/lineage.json"), nullptr).toArray().size() - 3);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM ports WHERE ext_id = '%1'").arg(raw)), 0);
        QCOMPARE(listCalls(QStringLiteral("/api/v1/tables")), tableLists); // no full re-read
        QCOMPARE(text(*m_db, QStringLiteral("SELECT fqn FROM entries WHERE ext_id = '%1'").arg(created)),
                 tableFqn(QStringLiteral("dim.new/table")));
        QCOMPARE(text(*m_db, QStringLiteral("SELECT description FROM entries WHERE ext_id = '%1'").arg(updated)),
                 QStringLiteral("Sales, one row per line item"));
        QCOMPARE(text(*m_db, QStringLiteral("SELECT version FROM entries WHERE ext_id = '%1'").arg(updated)),
                 QStringLiteral("0.2"));
        QCOMPARE(entryIdOf(deleted), -1);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM people")), 100);

        // Nothing new: another delta changes nothing.
        const QString before = dump(*m_db);
        QVERIFY(!sync());
        QCOMPARE(dump(*m_db), before);
    }

    void dataContractSla_becomesObjectives_andFollowsItsChanges()
    {
        startServer(QStringLiteral("1.9.2"));
        const QString address = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("dim_address")));
        const QString raw = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("raw_customer")));
        const QJsonObject daily{
            {QStringLiteral("refreshFrequency"),
             QJsonObject{{QStringLiteral("interval"), 1}, {QStringLiteral("unit"), QStringLiteral("day")}}},
            {QStringLiteral("maxLatency"),
             QJsonObject{{QStringLiteral("value"), 4}, {QStringLiteral("unit"), QStringLiteral("hour")}}},
            {QStringLiteral("retention"),
             QJsonObject{{QStringLiteral("period"), 3}, {QStringLiteral("unit"), QStringLiteral("year")}}},
            {QStringLiteral("availabilityTime"), QStringLiteral("09:00")},
            {QStringLiteral("columnName"), QStringLiteral("updated_at")}};
        const QString onAddress = m_server->addDataContract(address, QStringLiteral("Addresses DC"), daily);
        // On a table inside the data product: an objective of the product, on that table's port. The SDK's ISO form.
        m_server->addDataContract(raw, QStringLiteral("Raw DC"),
                                  QJsonObject{{QStringLiteral("refreshFrequency"), QStringLiteral("PT1H")}});
        const auto err = sync();
        QVERIFY2(!err, qPrintable(err.value_or(QString())));

        const auto objectives = [this](const QString &entryExt) {
            QStringList out;
            Statement st =
                m_db->prepare("SELECT s.kind, s.target, s.unit, s.op, coalesce(s.port_ext, '') FROM sla_objectives s "
                              "JOIN entries e ON e.id = s.entry_id WHERE e.ext_id = ?1 ORDER BY s.kind");
            st.bind(1, entryExt);
            while (st.next()) {
                out << QStringLiteral("%1 %2 %3 %4 %5")
                           .arg(st.text(0), QString::number(st.real(1)), st.text(2), st.text(3),
                                st.text(4).isEmpty() ? QStringLiteral("-") : QStringLiteral("port"));
            }
            return out;
        };
        QCOMPARE(objectives(address),
                 (QStringList{QStringLiteral("frequency 1 d <= port"), QStringLiteral("latency 4 h <= port"),
                              QStringLiteral("retention 3 y >= port")}));
        QVERIFY(text(*m_db, QStringLiteral("SELECT description FROM sla_objectives WHERE kind = 'frequency' AND "
                                           "description LIKE '%Addresses DC%'"))
                    .contains(QStringLiteral("available by 09:00")));
        const QString product =
            m_server->idOf(QStringLiteral("dataProduct"), QStringLiteral("Marketing.CustomerInsights"));
        QCOMPARE(objectives(product), QStringList{QStringLiteral("frequency 1 h <= port")});
        QCOMPARE(text(*m_db, QStringLiteral("SELECT port_ext FROM sla_objectives s JOIN entries e ON e.id = s.entry_id "
                                            "WHERE e.ext_id = '%1'")
                                 .arg(product)),
                 raw);

        // A changed contract: the latency term is dropped, the frequency relaxed; then the contract goes.
        QJsonObject relaxed = daily;
        relaxed.remove(QStringLiteral("maxLatency"));
        relaxed.insert(QStringLiteral("refreshFrequency"),
                       QJsonObject{{QStringLiteral("interval"), 2}, {QStringLiteral("unit"), QStringLiteral("day")}});
        m_server->setContractSla(onAddress, relaxed);
        QVERIFY(!sync());
        QCOMPARE(m_memory.lastMode, records::BundleMode::Delta);
        QCOMPARE(objectives(address),
                 (QStringList{QStringLiteral("frequency 2 d <= port"), QStringLiteral("retention 3 y >= port")}));
        m_server->remove(onAddress);
        QVERIFY(!sync());
        QCOMPARE(objectives(address), QStringList());
        QCOMPARE(objectives(product).size(), 1);

        // A full sync of the same server gives what the deltas left.
        const QString afterDeltas = dump(*m_db) + objectives(product).join(QLatin1Char(','));
        QVERIFY(!sync(true));
        QCOMPARE(dump(*m_db) + objectives(product).join(QLatin1Char(',')), afterDeltas);
    }

    void dataContracts_areNotAskedOfServersBefore19()
    {
        startServer(QStringLiteral("1.6.0"));
        QVERIFY(!sync());
        QCOMPARE(m_server->requestCount(QStringLiteral("/dataContracts")), 0);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM sla_objectives")), 0);
    }

    void assetJoiningAProduct_keepsItsChecks_andTheProductStaysUpdatable()
    {
        // dim_address carries every fixture test case; it joins the data product through an update of the product.
        startServer(QStringLiteral("1.9.2"));
        QVERIFY(!sync());
        qsizetype cases = 0;
        for (const QJsonValue &suite : fixture(QStringLiteral("tests/testSuites.json"), "tests").toArray()) {
            for (const QJsonValue &c : suite.toObject().value(QLatin1String("testCases")).toArray()) {
                cases += c.toObject()
                             .value(QLatin1String("entityLink"))
                             .toString()
                             .contains(QLatin1String("shopify.dim_address"));
            }
        }
        QVERIFY(cases > 0);
        const QString address = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("dim_address")));
        const QString product =
            m_server->idOf(QStringLiteral("dataProduct"), QStringLiteral("Marketing.CustomerInsights"));
        const QString checksOf = QStringLiteral("SELECT count(*) FROM checks c JOIN entries e ON e.id = c.entry_id "
                                                "WHERE e.ext_id = '%1'");
        const QString seriesOf = QStringLiteral("SELECT count(*) FROM check_series");
        const std::int64_t series = count(*m_db, seriesOf);
        QCOMPARE(count(*m_db, checksOf.arg(address)), cases);

        m_server->addAssetToProduct(product, address);
        auto err = sync();
        QVERIFY2(!err, qPrintable(err.value_or(QString())));
        QCOMPARE(m_memory.lastMode, records::BundleMode::Delta);
        QCOMPARE(entryIdOf(address), -1); // no longer an entry of its own: a port of the product
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM ports WHERE ext_id = '%1'").arg(address)), 1);
        QCOMPARE(count(*m_db, checksOf.arg(product)), cases);
        QCOMPARE(count(*m_db, seriesOf), series);

        // The product changes again: its test cases are not assets and stay where they are.
        m_server->setDescription(product, QStringLiteral("Customer analytics, now with addresses"));
        err = sync();
        QVERIFY2(!err, qPrintable(err.value_or(QString())));
        QCOMPARE(count(*m_db, checksOf.arg(product)), cases);
        QCOMPARE(count(*m_db, seriesOf), series);
    }

    void incrementalSync_readsTheStateAnEarlierVersionSaved()
    {
        // Until 0.1 the index and the edges were saved as JSON objects keyed by id; now as rows. A cache synced by
        // the earlier version must still get a delta, and the same catalog from it.
        startServer(QStringLiteral("1.9.2"));
        QVERIFY(!sync());
        for (const QString &key : {QStringLiteral("index"), QStringLiteral("edges")}) {
            const QJsonArray rows = QJsonDocument::fromJson(m_memory.state.value(key)).array();
            QVERIFY(rows.size() > 0);
            QJsonObject old;
            for (const QJsonValue &v : rows) {
                QJsonArray row = v.toArray();
                const QString id = row.takeAt(0).toString();
                old.insert(id, row);
            }
            m_memory.state.insert(key, QJsonDocument(old).toJson(QJsonDocument::Compact));
        }
        const QString updated = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("fact_sale")));
        m_server->setDescription(updated, QStringLiteral("Sales, line by line"));
        const QString raw = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("raw_customer")));
        m_server->remove(raw); // its edges are found through the edges state
        const auto err = sync();
        QVERIFY2(!err, qPrintable(err.value_or(QString())));
        QCOMPARE(m_memory.lastMode, records::BundleMode::Delta);
        QCOMPARE(text(*m_db, QStringLiteral("SELECT description FROM entries WHERE ext_id = '%1'").arg(updated)),
                 QStringLiteral("Sales, line by line"));
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM lineage WHERE from_port = '%1'").arg(raw)), 0);
        const QString afterDelta = dump(*m_db);
        QVERIFY(!sync(true));
        QCOMPARE(dump(*m_db), afterDelta);
    }

    void incrementalSync_fallsBackToFull_whenEventsAreUnavailable()
    {
        startServer(QStringLiteral("1.9.2"));
        QVERIFY(!sync());
        m_server->setEventsAvailable(false);
        const QString deleted = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("dim_staff")));
        m_server->remove(deleted);
        QVERIFY(!sync());
        QCOMPARE(m_memory.lastMode, records::BundleMode::Snapshot);
        QCOMPARE(entryIdOf(deleted), -1);
        // Too old for the event retention: a full read even with events served.
        m_server->setEventsAvailable(true);
        m_memory.lastSuccessAt -= 8 * 86400;
        QVERIFY(!sync());
        QCOMPARE(m_memory.lastMode, records::BundleMode::Snapshot);
    }

    void edit_isPatchedAndShowsAfterResync_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("1.1") << "1.1.2";
        QTest::newRow("1.9") << "1.9.2";
    }
    void edit_isPatchedAndShowsAfterResync()
    {
        QFETCH(QString, version);
        startServer(version);
        QVERIFY(!sync());
        const QString id = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("dim.api/client")));
        const QString person = m_server->idOf(QStringLiteral("user"), QStringLiteral("aaron_johnson0"));
        Outbox outbox(*m_db);
        ProductEdit edit;
        edit.description = QStringLiteral("API clients, one row per client");
        edit.tier = 2;
        edit.addTags = {QStringLiteral("PII.Sensitive")};
        edit.addParties = {PartyRef{QStringLiteral("owner"), QStringLiteral("person"), person}};
        const auto queued = outbox.queueEdit(entryIdOf(id), edit, QDateTime::currentSecsSinceEpoch());
        QVERIFY2(queued.ok(), queued.errors.isEmpty() ? "" : qPrintable(queued.errors.first().message));
        auto pusher = source()->makePusher();
        QVERIFY(pusher->accepts(uri(), QStringLiteral("openmetadata")));
        const auto item = outbox.item(queued.id);
        QVERIFY(item);
        const PushResult result = pusher->push(*item);
        QVERIFY2(result.outcome == PushResult::Outcome::Delivered, qPrintable(result.message));
        QCOMPARE(m_server->patchesApplied(), 1);
        const QJsonObject server = m_server->entity(id);
        QCOMPARE(server.value(QLatin1String("description")).toString(), *edit.description);

        // A replay (the answer was lost) applies nothing a second time.
        QCOMPARE(pusher->push(*item).outcome, PushResult::Outcome::Delivered);
        QCOMPARE(source()->makePusher()->push(*item).outcome, PushResult::Outcome::Delivered);
        QCOMPARE(m_server->patchesApplied(), 1);

        outbox.finishSending(queued.id, result, QDateTime::currentSecsSinceEpoch());
        QVERIFY(!sync());
        QCOMPARE(text(*m_db, QStringLiteral("SELECT description FROM entries WHERE ext_id = '%1'").arg(id)),
                 *edit.description);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT tier FROM entries WHERE ext_id = '%1'").arg(id)), 2);
        QCOMPARE(count(*m_db, QStringLiteral("SELECT count(*) FROM entry_tags t JOIN entries e ON e.id = t.entry_id "
                                             "WHERE e.ext_id = '%1' AND t.tag = 'PII.Sensitive'")
                                  .arg(id)),
                 1);
        QCOMPARE(
            count(*m_db, QStringLiteral("SELECT count(*) FROM ownerships o JOIN entries e ON e.id = o.entry_id "
                                        "JOIN people p ON p.id = o.party_id WHERE e.ext_id = '%1' AND p.ext_id = '%2'")
                             .arg(id, person)),
            1);
        QCOMPARE(outbox.reconcileAfterSync(QDateTime::currentSecsSinceEpoch()), 0);
    }

    void staleEdit_becomesConflictWithTheServersValues_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("1.1 version check") << "1.1.2";
        QTest::newRow("1.9 If-Match") << "1.9.2";
    }
    void staleEdit_becomesConflictWithTheServersValues()
    {
        QFETCH(QString, version);
        const QString id = syncedTable(version, QStringLiteral("fact_order"));
        QVERIFY(!id.isEmpty());
        ProductEdit edit;
        edit.description = QStringLiteral("mine");
        const auto item = queueEdit(id, edit);
        QVERIFY(item);
        m_server->setDescription(id, QStringLiteral("theirs"));
        const PushResult result = source()->makePusher()->push(*item);
        QCOMPARE(result.outcome, PushResult::Outcome::Conflict);
        QCOMPARE(result.theirs.value(QLatin1String("description")).toString(), QStringLiteral("theirs"));
        QCOMPARE(m_server->patchesApplied(), 0);
        QCOMPARE(m_server->entity(id).value(QLatin1String("description")).toString(), QStringLiteral("theirs"));
        Outbox outbox(*m_db);
        outbox.finishSending(item->id, result, QDateTime::currentSecsSinceEpoch());
        QCOMPARE(outbox.item(item->id)->state, QStringLiteral("conflict"));
    }

    void edit_ofFieldsOpenMetadataLacks_isRejected()
    {
        const QString id = syncedTable(QStringLiteral("1.9.2"), QStringLiteral("fact_line_item"));
        QVERIFY(!id.isEmpty());
        ProductEdit edit;
        edit.description = QStringLiteral("Line items");
        edit.status = QStringLiteral("deprecated");
        const auto item = queueEdit(id, edit);
        QVERIFY(item);
        const PushResult result = source()->makePusher()->push(*item);
        QCOMPARE(result.outcome, PushResult::Outcome::Rejected);
        QVERIFY2(result.message.contains(QStringLiteral("status")), qPrintable(result.message));
        QCOMPARE(m_server->patchesApplied(), 0);
    }

    void feedback_createsOneThreadOnTheEntity()
    {
        startServer(QStringLiteral("1.9.2"));
        QVERIFY(!sync());
        const QString id = m_server->idOf(QStringLiteral("table"), tableFqn(QStringLiteral("dim.shop")));
        Outbox outbox(*m_db);
        Feedback f;
        f.category = QStringLiteral("data_issue");
        f.rating = 2;
        f.title = QStringLiteral("Nulls in shop names");
        f.message = QStringLiteral("5% of the rows have no name since Tuesday.");
        const auto queued = outbox.queueFeedback(entryIdOf(id), f, QDateTime::currentSecsSinceEpoch());
        QVERIFY2(queued.ok(), queued.errors.isEmpty() ? "" : qPrintable(queued.errors.first().message));
        auto pusher = source()->makePusher();
        const auto item = outbox.item(queued.id);
        QCOMPARE(pusher->push(*item).outcome, PushResult::Outcome::Delivered);
        QCOMPARE(pusher->push(*item).outcome, PushResult::Outcome::Delivered); // a replay
        const auto threads = m_server->threads();
        QCOMPARE(threads.size(), 1);
        QCOMPARE(threads.first().value(QLatin1String("about")).toString(),
                 QStringLiteral("<#E::table::%1>").arg(tableFqn(QStringLiteral("dim.shop"))));
        QVERIFY(threads.first().value(QLatin1String("message")).toString().contains(f.message));
        QCOMPARE(threads.first().value(QLatin1String("from")).toString(), QStringLiteral("aaron_johnson0"));

        // The steward answers on the server; the next delivery run brings the reply back ("My feedback").
        outbox.finishSending(queued.id, {PushResult::Outcome::Delivered, {}, {}, {}},
                             QDateTime::currentSecsSinceEpoch());
        QCOMPARE(OutboxDelivery::deliver(*m_db, pusher.get(), QDateTime::currentSecsSinceEpoch()).replies, 0);
        m_server->addReply(threads.first().value(QLatin1String("id")).toString(), QStringLiteral("shop_steward"),
                           QStringLiteral("Fixed upstream, thanks"));
        const DeliveryReport report = OutboxDelivery::deliver(*m_db, pusher.get(), QDateTime::currentSecsSinceEpoch());
        QCOMPARE(report.replies, 1);
        QCOMPARE(outbox.item(queued.id)->reply, QStringLiteral("shop_steward: Fixed upstream, thanks"));
        QCOMPARE(m_server->threads().size(), 1);
    }

    void token_neverAppearsInTheLog()
    {
        QStringList log;
        g_log = &log;
        g_previous = qInstallMessageHandler(captureMessage);
        QLoggingCategory::setFilterRules(QStringLiteral("meshlens.*=true\nqt.network.*=true"));
        startServer(QStringLiteral("1.9.2"), QStringLiteral("tok-7f3a9c1e5b"));
        m_server->failNext(1, 503);
        QVERIFY(!sync());
        m_server->cutShort(QStringLiteral("/api/v1/teams"));
        const auto err = sync(true);
        QVERIFY(err);
        QVERIFY(m_credentials.write(uri(), QStringLiteral("tok-wrong-42")) == std::nullopt);
        QVERIFY(sync(true));
        qInstallMessageHandler(g_previous);
        g_log = nullptr;
        QLoggingCategory::setFilterRules(QString());
        for (const QString &line : log) {
            QVERIFY2(!line.contains(QStringLiteral("tok-7f3a9c1e5b")) && !line.contains(QStringLiteral("tok-wrong-42")),
                     qPrintable(line));
        }
        QVERIFY(!err->contains(QStringLiteral("tok-")));
        QVERIFY(!dump(*m_db).contains(QStringLiteral("tok-")));
    }

    void cleanup()
    {
        m_server.reset();
        m_db.reset();
    }
};

QTEST_GUILESS_MAIN(TestOpenMetadataSource)
#include "tst_openmetadatasource.moc"
