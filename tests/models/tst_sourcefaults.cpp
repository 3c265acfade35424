// Every network source behind the fault-injecting server (tests/support/faulthttpserver): for each fault the sync
// either retries and succeeds, or fails saying what happened, and a failed sync leaves the previous catalog exactly
// as it was (its content hash, not only its counts). The same for steward edits pushed to OpenMetadata: a fault never
// loses an edit nor applies it twice. The HTTP layer's own cases (timeouts, caps, compression, TLS) are
// tst_httpclient's; these are the sources' answers to them.
//
// The bundle source reads one file at a URL; the OpenMetadata source reads the fake server (tests/support/
// fakeopenmetadata) through the fault server, whose handler passes every request on, so faults land in the middle
// of a real sync (the tables list, after users and teams were read).

#include "models/sources/bundle/bundlesource.h"
#include "models/sources/credentials.h"
#include "models/sources/openmetadata/openmetadatasource.h"
#include "models/store/database.h"
#include "models/store/outbox.h"
#include "support/fakeopenmetadata.h"
#include "support/faulthttpserver.h"
#include "support/sourcerun.h"
#include "support/testsupport.h"

#include <QDateTime>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using namespace meshlens::models;
using meshlens::test::FaultHttpServer;
using meshlens::test::FaultResponse;
using Fault = FaultResponse::Fault;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QList<meshlens::test::FaultResponse>)

namespace {

constexpr auto kToken = "fault-token-9c1";
constexpr auto kTablesPath = "/api/v1/tables";

FaultResponse retryAfter(int status, const QByteArray &seconds)
{
    return FaultResponse::withStatus(status).header("Retry-After", seconds);
}

FaultResponse withFault(FaultResponse r, Fault fault)
{
    r.fault = fault;
    return r;
}

// The answer, half a kilobyte every 2 ms: slow, but never idle for long.
FaultResponse drip(FaultResponse r)
{
    return r.slowDrip(512, 2);
}

// The fake OpenMetadata server behind the fault server: every request the script does not fault goes on to it.
struct OpenMetadataBehindFaults
{
    test::FakeOpenMetadata fake{{QStringLiteral("1.9.2"), QString::fromLatin1(kToken), 50, 0}};
    FaultHttpServer server;
    MemoryCredentialStore credentials;
    QString address;

    bool start()
    {
        if (!fake.start().isEmpty() || !server.listen()) {
            return false;
        }
        server.setHandler([this](const test::ReceivedRequest &in) {
            test::FakeOpenMetadata::Request r;
            r.method = in.method;
            r.path = in.path;
            r.query = in.target.mid(in.path.size() + 1);
            r.body = in.body;
            for (const auto &[name, value] : in.headers) {
                r.headers.insert(name.toLower(), value);
            }
            const test::FakeOpenMetadata::Response answer = fake.handle(r);
            FaultResponse out = FaultResponse::withStatus(answer.status, answer.body);
            out.headers = answer.headers;
            return out;
        });
        address = QStringLiteral("openmetadata+http://127.0.0.1:%1").arg(server.port());
        return !credentials.write(OpenMetadataSource::parseAddress(address).uri, QString::fromLatin1(kToken));
    }
    std::unique_ptr<OpenMetadataSource> source()
    {
        auto opened = OpenMetadataSource::open(address, SourceEnvironment{&credentials});
        auto *s = static_cast<OpenMetadataSource *>(opened.source.release());
        OpenMetadataOptions options;
        options.pageSize = 50;
        options.http.baseBackoffMs = 1;
        options.http.maxBackoffMs = 1500; // Retry-After: 1 is honoured
        options.http.idleTimeoutMs = 500; // a stalled answer costs half a second an attempt
        options.http.maxAttempts = 3;
        options.http.maxResponseBytes = 256 * 1024;
        s->setOptions(options);
        return std::unique_ptr<OpenMetadataSource>(s);
    }
};

} // namespace

class TestSourceFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_caches = 0;

    QString newCachePath() { return m_dir.filePath(QStringLiteral("cache%1.db").arg(++m_caches)); }

    // Reads `source` into the cache on a worker thread while this thread serves the fault server.
    static std::optional<QString> readOnWorker(Database &db, Source &source, test::SourceMemory &memory,
                                               bool full = true)
    {
        std::optional<QString> result;
        test::runOnThread([&] { result = test::readInto(db, source, memory, full); }, {}, 60000);
        return result;
    }

    // The cases every network source answers. Expected: empty when the sync succeeds (after retries), else a part of
    // the message it fails with.
    static void addCommonRows(const FaultResponse &good)
    {
        QTest::addColumn<QList<FaultResponse>>("script");
        QTest::addColumn<QString>("expected");
        // Server trouble is retried, honouring Retry-After, and the sync goes on.
        QTest::newRow("500 then the answer") << QList{retryAfter(500, "0"), good} << QString();
        QTest::newRow("502 twice then the answer")
            << QList{retryAfter(502, "0"), retryAfter(502, "0"), good} << QString();
        QTest::newRow("503 then the answer") << QList{FaultResponse::withStatus(503), good} << QString();
        QTest::newRow("429 with Retry-After then the answer") << QList{retryAfter(429, "1"), good} << QString();
        QTest::newRow("slow drip within the idle timeout") << QList{drip(good)} << QString();
        // Trouble that does not pass.
        QTest::newRow("503 every time") << QList{retryAfter(503, "0")} << u"HTTP 503"_s;
        QTest::newRow("wrong content type")
            << QList{FaultResponse::ok("<html><body>Sign in</body></html>", "text/html; charset=utf-8")}
            << u"text/html"_s;
        QTest::newRow("redirect loop") << QList{FaultResponse::redirect(302, "/loop")} << u"redirect"_s;
        QTest::newRow("redirect to another scheme")
            << QList{FaultResponse::redirect(301, "ftp://127.0.0.1/catalog")} << u"ftp"_s;
        QTest::newRow("token rejected") << QList{FaultResponse::withStatus(401)} << u"token"_s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // --- The bundle source: one GET of a file ---

    void bundleOverHttp_faults_data()
    {
        const QByteArray newer = test::qualityBundle();
        addCommonRows(FaultResponse::ok(newer, "application/x-ndjson"));
        // A download is not retried once its body began (it is parsed as it arrives): it fails, saying why.
        QTest::newRow("reset mid-body") << QList{FaultResponse::faulty(Fault::ResetMidBody, newer)} << u"unchanged"_s;
        QTest::newRow("truncated body") << QList{FaultResponse::faulty(Fault::Truncated, newer)} << u"cut short"_s;
        QTest::newRow("invalid UTF-8") << QList{FaultResponse::ok(test::header() +
                                                                  "{\"type\":\"product\",\"id\":\"p\xff\xfe\"}\n")}
                                       << u"UTF-8"_s;
        QTest::newRow("not a bundle") << QList{FaultResponse::ok("{\"data\": []}\n")} << u"header"_s;
    }
    void bundleOverHttp_faults()
    {
        QFETCH(QList<FaultResponse>, script);
        QFETCH(QString, expected);
        FaultHttpServer server;
        QVERIFY(server.listen());
        server.script("/catalog.ndjson", {FaultResponse::ok(test::sampleBundle(), "application/x-ndjson")});
        BundleSource source(SourceAddress::parse(server.url(QStringLiteral("/catalog.ndjson")).toString()));

        Database db;
        QCOMPARE(test::openCache(db, newCachePath()), QString());
        test::SourceMemory memory;
        const auto first = readOnWorker(db, source, memory);
        QVERIFY2(!first, qPrintable(first.value_or(QString())));
        const QByteArray before = test::contentHash(db);

        server.script("/catalog.ndjson", script);
        server.script("/loop", {FaultResponse::redirect(302, "/catalog.ndjson")});
        const auto err = readOnWorker(db, source, memory);
        QCOMPARE(test::integrityCheck(db), u"ok"_s);
        if (expected.isEmpty()) {
            QVERIFY2(!err, qPrintable(err.value_or(QString())));
            QVERIFY(test::contentHash(db) != before);
        } else {
            QVERIFY2(err, "the sync succeeded");
            QVERIFY2(err->contains(expected, Qt::CaseInsensitive), qPrintable(*err));
            QCOMPARE(test::contentHash(db), before); // the previous catalog, exactly
        }
    }

    // A certificate that does not match is refused, naming the host and the reason, and nothing is read.
    void bundleOverHttps_certificateNotMatching_isRefused()
    {
        QFile certFile(test::testDataDir() + QStringLiteral("/tls/wronghost.pem"));
        QFile keyFile(test::testDataDir() + QStringLiteral("/tls/key.pem"));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        FaultHttpServer server;
        QVERIFY(server.listenTls(QSslCertificate(&certFile, QSsl::Pem), QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem)));
        server.script("/catalog.ndjson", {FaultResponse::ok(test::sampleBundle())});
        BundleSource source(SourceAddress::parse(server.url(QStringLiteral("/catalog.ndjson")).toString()));
        Database db;
        QCOMPARE(test::openCache(db, newCachePath()), QString());
        test::SourceMemory memory;
        const auto err = readOnWorker(db, source, memory);
        QVERIFY2(err && err->contains(QStringLiteral("TLS certificate of 127.0.0.1")),
                 qPrintable(err.value_or(QString())));
        QCOMPARE(server.requests().size(), 0);
        QCOMPARE(test::scalar(db, "SELECT count(*) FROM entries"), 0);
    }

    // --- OpenMetadata: faults in the middle of a real sync, and on the way back ---

    void openMetadata_faults_data()
    {
        addCommonRows(FaultResponse::handled());
        QTest::newRow("reset mid-body then the answer")
            << QList{withFault(FaultResponse::handled(), Fault::ResetMidBody), FaultResponse::handled()} << QString();
        QTest::newRow("truncated then the answer")
            << QList{withFault(FaultResponse::handled(), Fault::Truncated), FaultResponse::handled()} << QString();
        QTest::newRow("reset mid-body every time")
            << QList{withFault(FaultResponse::handled(), Fault::ResetMidBody)} << u"cut short"_s;
        QTest::newRow("stalled every time") << QList{FaultResponse::faulty(Fault::Stall)} << u"sent nothing"_s;
        QTest::newRow("invalid UTF-8") << QList{FaultResponse::ok("{\"data\": [{\"name\": \"\xff\xfe\"}]}")}
                                       << u"UTF-8"_s;
        QTest::newRow("not JSON") << QList{FaultResponse::ok("{\"data\": [")} << u"JSON"_s;
        QTest::newRow("body over the cap")
            << QList{FaultResponse::ok(QByteArray(300 * 1024, ' ') + "{}")} << u"limit"_s;
    }
    void openMetadata_faults()
    {
        QFETCH(QList<FaultResponse>, script);
        QFETCH(QString, expected);
        OpenMetadataBehindFaults om;
        QVERIFY(om.start());
        test::FakeOpenMetadata &fake = om.fake;
        FaultHttpServer &server = om.server;
        Database db;
        QCOMPARE(test::openCache(db, newCachePath()), QString());
        test::SourceMemory memory;
        const auto first = readOnWorker(db, *om.source(), memory);
        QVERIFY2(!first, qPrintable(first.value_or(QString())));
        const QByteArray before = test::contentHash(db);
        const QString table = fake.fqns(QStringLiteral("table")).value(0);
        fake.setDescription(fake.idOf(QStringLiteral("table"), table), QStringLiteral("Changed on the server"));

        server.script(kTablesPath, script);
        server.script("/loop", {FaultResponse::redirect(302, kTablesPath)});
        const auto err = readOnWorker(db, *om.source(), memory);
        QCOMPARE(test::integrityCheck(db), u"ok"_s);
        if (expected.isEmpty()) {
            QVERIFY2(!err, qPrintable(err.value_or(QString())));
            QCOMPARE(test::scalar(db, "SELECT count(*) FROM entries WHERE description = 'Changed on the server'"), 1);
        } else {
            QVERIFY2(err, "the sync succeeded");
            QVERIFY2(err->contains(expected, Qt::CaseInsensitive), qPrintable(*err));
            QCOMPARE(test::contentHash(db), before);
        }
    }

    // A steward's edit pushed through faults on the table's path (the pusher reads the entity, then patches it):
    // delivered exactly once in the end, whatever happened to the first attempt.
    void openMetadataPush_faults_data()
    {
        QTest::addColumn<QList<FaultResponse>>("script");
        QTest::addColumn<QString>("firstAttempt"); // empty: delivered at once; else part of why it was not
        QTest::addColumn<int>("patchesSent");      // PATCH requests the server saw, over every attempt
        const FaultResponse pass = FaultResponse::handled();
        QTest::newRow("the read answered 503 once") << QList{FaultResponse::withStatus(503), pass} << QString() << 1;
        QTest::newRow("the read answered 429 with Retry-After") << QList{retryAfter(429, "1"), pass} << QString() << 1;
        // If-Match makes a PATCH safe to send again: the server applies it once, to the version it was made on.
        QTest::newRow("the patch answered 503 once") << QList{pass, retryAfter(503, "0"), pass} << QString() << 2;
        // Applied, but the answer was lost: sent again, it is refused (412) as the version moved on; the pusher
        // reads the entity, finds the edit's values in place and reports it delivered, not a conflict.
        QTest::newRow("the patch applied, its answer cut off")
            << QList{pass, withFault(pass, Fault::ResetMidBody), pass} << QString() << 2;
        QTest::newRow("the patch stalled") << QList{pass, FaultResponse::faulty(Fault::Stall), pass} << QString() << 2;
        // Every attempt fails: the item stays queued, unchanged, and a later push delivers it.
        QTest::newRow("the server failing every time") << QList{retryAfter(500, "0")} << u"HTTP 500"_s << 1;
    }
    void openMetadataPush_faults()
    {
        QFETCH(QList<FaultResponse>, script);
        QFETCH(QString, firstAttempt);
        QFETCH(int, patchesSent);
        OpenMetadataBehindFaults om;
        QVERIFY(om.start());
        Database db;
        QCOMPARE(test::openCache(db, newCachePath()), QString());
        test::SourceMemory memory;
        const auto synced = readOnWorker(db, *om.source(), memory);
        QVERIFY2(!synced, qPrintable(synced.value_or(QString())));
        // A table of no data product: a catalog entry of its own, which a steward edits.
        QString table;
        std::int64_t entry = 0;
        for (const QString &fqn : om.fake.fqns(QStringLiteral("table"))) {
            table = om.fake.idOf(QStringLiteral("table"), fqn);
            entry = test::scalar(
                db,
                qPrintable(QStringLiteral("SELECT coalesce(max(id), 0) FROM entries WHERE ext_id = '%1'").arg(table)));
            if (entry > 0) {
                break;
            }
        }
        QVERIFY(entry > 0);
        Outbox outbox(db);
        ProductEdit edit;
        edit.description = QStringLiteral("Edited offline, pushed through faults");
        const auto queued = outbox.queueEdit(entry, edit, QDateTime::currentSecsSinceEpoch());
        QVERIFY2(queued.ok(), queued.errors.isEmpty() ? "" : qPrintable(queued.errors.first().message));
        const auto item = outbox.item(queued.id);
        QVERIFY(item);

        om.server.script("/api/v1/tables/" + table.toUtf8(), script);
        auto pusher = om.source()->makePusher();
        PushResult first;
        test::runOnThread([&] { first = pusher->push(*item); }, {}, 30000);
        if (firstAttempt.isEmpty()) {
            QVERIFY2(first.outcome == PushResult::Outcome::Delivered, qPrintable(first.message));
        } else {
            QVERIFY2(first.outcome == PushResult::Outcome::Transient, qPrintable(first.message));
            QVERIFY2(first.message.contains(firstAttempt, Qt::CaseInsensitive), qPrintable(first.message));
            outbox.finishSending(queued.id, first, QDateTime::currentSecsSinceEpoch());
            QVERIFY(outbox.item(queued.id)); // still queued, unchanged but for the error it records
            QCOMPARE(outbox.item(queued.id)->payload, item->payload);
            om.server.script("/api/v1/tables/" + table.toUtf8(), {FaultResponse::handled()});
            PushResult again;
            test::runOnThread([&] { again = pusher->push(*item); }, {}, 30000);
            QVERIFY2(again.outcome == PushResult::Outcome::Delivered, qPrintable(again.message));
        }
        int patches = 0;
        for (const auto &r : om.server.requests()) {
            patches += r.method == "PATCH" ? 1 : 0;
        }
        QCOMPARE(patches, patchesSent);
        QCOMPARE(om.fake.patchesApplied(), 1); // never applied twice
        QCOMPARE(om.fake.entity(table).value(QLatin1String("description")).toString(), *edit.description);
    }
};

QTEST_GUILESS_MAIN(TestSourceFaults)
#include "tst_sourcefaults.moc"
