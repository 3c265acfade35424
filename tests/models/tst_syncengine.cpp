// Tests for SyncEngine (and SyncController, its worker-thread owner): source addresses, local and HTTP syncs,
// and the promises of the architecture: a sync is atomic, can be cancelled, and never blocks readers. HTTP is
// served by a tiny local HTTP/1.1 responder on 127.0.0.1 with a port chosen by the OS; nothing leaves the machine.

#include "models/search/searchengine.h"
#include "models/sources/bundle/bundlesource.h"
#include "models/store/catalogreader.h"
#include "models/sync/synccontroller.h"
#include "models/sync/syncengine.h"
#include "support/testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace meshlens;
using namespace meshlens::models;

namespace {

// Answers GET requests from a table of canned responses. A response is sent in chunks a few milliseconds apart
// (so the client sees several reads); it can pause before a chunk until release(), and can end the connection
// before the body is complete. Lives on the test thread.
class FakeHttpServer final : public QObject
{
public:
    struct Response
    {
        QByteArray head;
        QList<QByteArray> chunks;
        int holdBefore = -1; // index of the chunk (or of the close, == chunks.size()) that waits for release()
    };

    FakeHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
        m_listening = m_server.listen(QHostAddress::LocalHost, 0);
    }

    [[nodiscard]] bool isListening() const { return m_listening; }
    [[nodiscard]] QString url(const char *path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(QLatin1String(path));
    }
    void route(const QByteArray &path, Response response) { m_routes.insert(path, std::move(response)); }
    [[nodiscard]] int requests() const { return m_requests; }
    [[nodiscard]] int held() const { return static_cast<int>(m_held.size()); }

    void release()
    {
        const auto held = std::exchange(m_held, {});
        for (const auto &resume : held) {
            resume();
        }
    }

    static Response ok(const QByteArray &body, int pieces, int holdBefore = -1)
    {
        Response r;
        r.head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
        const qsizetype step = qMax<qsizetype>(1, body.size() / pieces);
        for (qsizetype pos = 0; pos < body.size(); pos += step) {
            r.chunks << body.mid(pos, step);
        }
        r.holdBefore = holdBefore;
        return r;
    }

    static Response status(int code, const QByteArray &reason)
    {
        const QByteArray body = "<html>" + reason + "</html>";
        Response r;
        r.head = "HTTP/1.1 " + QByteArray::number(code) + ' ' + reason +
                 "\r\nContent-Type: text/html\r\nContent-Length: " + QByteArray::number(body.size()) +
                 "\r\nConnection: close\r\n\r\n";
        r.chunks << body;
        return r;
    }

    // Promises the whole body, sends the first `sent` bytes and hangs up.
    static Response truncated(const QByteArray &body, qsizetype sent)
    {
        Response r = ok(body, 1);
        r.chunks = {body.left(sent)};
        return r;
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            // Forgotten when it goes: a later socket may be allocated at the same address (a retry reconnects at
            // once) and must not look answered already.
            connect(socket, &QObject::destroyed, this, [this, socket] {
                m_requestBytes.remove(socket);
                m_answered.remove(socket);
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &request = m_requestBytes[socket];
        request += socket->readAll();
        if (!request.contains("\r\n\r\n") || m_answered.contains(socket)) {
            return;
        }
        m_answered.insert(socket);
        ++m_requests;
        const QByteArray path = request.left(request.indexOf("\r\n")).split(' ').value(1);
        const Response response = m_routes.value(path, status(404, "Not Found"));
        socket->write(response.head);
        sendChunk(socket, response, 0);
    }

    void sendChunk(QTcpSocket *socket, const Response &response, int index, bool resumed = false)
    {
        if (index == response.holdBefore && !resumed) {
            QPointer<QTcpSocket> guard(socket);
            m_held.push_back([this, guard, response, index] {
                if (guard) {
                    sendChunk(guard, response, index, true);
                }
            });
            return;
        }
        if (index >= response.chunks.size()) {
            socket->disconnectFromHost(); // after the pending bytes are written
            return;
        }
        socket->write(response.chunks[index]);
        QTimer::singleShot(3, socket, [this, socket, response, index] { sendChunk(socket, response, index + 1); });
    }

    QTcpServer m_server;
    bool m_listening = false;
    int m_requests = 0;
    QHash<QByteArray, Response> m_routes;
    QHash<QTcpSocket *, QByteArray> m_requestBytes;
    QSet<QTcpSocket *> m_answered;
    std::vector<std::function<void()>> m_held;
};

// A snapshot with `products` simple products in one domain; `padding` bytes of description each.
QByteArray bigBundle(int products, int padding, const char *cursor = "big1")
{
    QByteArray out = test::header("snapshot", cursor);
    out += R"({"type":"domain","id":"gen","name":"generated"})"
           "\n";
    const QByteArray description(padding, 'x');
    out.reserve(out.size() + products * (padding + 120));
    for (int i = 0; i < products; ++i) {
        const QByteArray n = QByteArray::number(i);
        out += R"({"type":"product","id":"gen.p)" + n + R"(","name":"generated)" + n +
               R"(","domain":"gen","tags":["bulk"],"description":"Generated product )" + n + ' ' + description +
               "\"}\n";
    }
    return out;
}

// The sample as a new snapshot in which every product changed status: a partial apply shows in the dump.
QByteArray truncationBody()
{
    QByteArray body = test::sampleBundle();
    body.replace("\"status\":\"active\"", "\"status\":\"retired\"");
    return body;
}

std::int64_t scalar(Database &db, std::string_view sql, const QString &arg = QString())
{
    Statement st = db.prepare(sql);
    if (!arg.isNull()) {
        st.bind(1, arg);
    }
    return st.next() ? st.int64(0) : -1;
}

QString lastError(Database &db, const QString &uri)
{
    Statement st = db.prepare("SELECT last_error FROM sources WHERE uri = ?1");
    st.bind(1, uri);
    return st.next() ? st.text(0) : QStringLiteral("<no source row>");
}

// True while another connection holds the cache's write lock (a sync's transaction is open).
bool writeLockHeld(Database &probe)
{
    if (probe.exec("BEGIN IMMEDIATE")) {
        return true;
    }
    (void)probe.exec("ROLLBACK");
    return false;
}

} // namespace

class tst_SyncEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void sourceAddress_parses_data();
    void sourceAddress_parses();

    void syncFromPath_landsCatalog();
    void syncFromFileUrl_isTheSameSourceAsItsPath();
    void missingFile_failsNamingThePath();
    void unsupportedScheme_failsWithoutTouchingTheCache();
    void progress_reportsPhasesAndBytes();
    void malformedLineMidway_keepsPreviousCatalog();
    void cancelFromProgress_keepsPreviousCatalog();
    void cancelWhileIndexing_rollsBackCommit();
    void cancelFromAnotherThreadDuringCommit_rollsBack();
    void readersKeepWorking_whileControllerSyncs();

    void http_chunkedBody_syncs();
    void http_404_failsNamingStatus();
    void http_truncatedMidLine_keepsPreviousCatalog();
    void http_truncatedAtLineEnd_keepsPreviousCatalog();
    void http_secondRunWhileRunning_isRefused();
    void http_probe_asksWithHead();

private:
    QString path(const char *name) const { return m_dir->filePath(QLatin1String(name)); }
    // Syncs the sample bundle from its own file so the cache has a catalog to keep.
    void seedSample();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dbPath;
};

void tst_SyncEngine::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(QStringLiteral("meshlens.*.info=false\nmeshlens.*.warning=false"));
    // Talk to 127.0.0.1 directly whatever the machine's proxy settings say.
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
}

void tst_SyncEngine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_dbPath = path("catalog.db");
}

void tst_SyncEngine::cleanup()
{
    m_dir.reset();
}

void tst_SyncEngine::seedSample()
{
    QVERIFY(test::writeFile(path("sample.ndjson"), test::sampleBundle()));
    const SyncResult r = test::syncNow(m_dbPath, path("sample.ndjson"));
    QVERIFY2(r.ok, qPrintable(r.error));
}

void tst_SyncEngine::sourceAddress_parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("localPath"); // for LocalFile
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("error"); // part of the message, for Invalid

    const int local = static_cast<int>(SourceAddress::Kind::LocalFile);
    const int http = static_cast<int>(SourceAddress::Kind::Http);
    const int invalid = static_cast<int>(SourceAddress::Kind::Invalid);
    const QString cwdFile = QDir::current().absoluteFilePath(QStringLiteral("bundles/a.ndjson"));

    QTest::newRow("relative path") << QStringLiteral("bundles/./a.ndjson") << local << cwdFile
                                   << QUrl::fromLocalFile(cwdFile).toString() << QString();
    QTest::newRow("absolute path") << QStringLiteral("/data/mesh/a.ndjson") << local
                                   << QStringLiteral("/data/mesh/a.ndjson")
                                   << QStringLiteral("file:///data/mesh/a.ndjson") << QString();
    QTest::newRow("path with spaces and #")
        << QStringLiteral("/data/my mesh/a#1.ndjson") << local << QStringLiteral("/data/my mesh/a#1.ndjson")
        << QStringLiteral("file:///data/my%20mesh/a%231.ndjson") << QString();
    QTest::newRow("surrounding blanks") << QStringLiteral("  /data/a.ndjson \n") << local
                                        << QStringLiteral("/data/a.ndjson") << QStringLiteral("file:///data/a.ndjson")
                                        << QString();
    QTest::newRow("file URL") << QStringLiteral("file:///data/mesh/a.ndjson") << local
                              << QStringLiteral("/data/mesh/a.ndjson") << QStringLiteral("file:///data/mesh/a.ndjson")
                              << QString();
    QTest::newRow("qrc URL") << QStringLiteral("qrc:/meshlens/a.ndjson") << local
                             << QStringLiteral(":/meshlens/a.ndjson") << QStringLiteral("qrc:/meshlens/a.ndjson")
                             << QString();
    QTest::newRow("resource path") << QStringLiteral(":/x") << local << QStringLiteral(":/x")
                                   << QStringLiteral("qrc:/x") << QString();
    QTest::newRow("http") << QStringLiteral("http://mesh.example.com/catalog.ndjson") << http << QString()
                          << QStringLiteral("http://mesh.example.com/catalog.ndjson") << QString();
    QTest::newRow("https with port and query")
        << QStringLiteral("https://mesh.example.com:8443/c.ndjson?since=c1") << http << QString()
        << QStringLiteral("https://mesh.example.com:8443/c.ndjson?since=c1") << QString();
    QTest::newRow("HTTP in capitals") << QStringLiteral("HTTP://mesh.example.com/c") << http << QString()
                                      << QStringLiteral("http://mesh.example.com/c") << QString();
    QTest::newRow("sample") << QStringLiteral("sample") << local << QStringLiteral(":/meshlens/sample-catalog.ndjson")
                            << QString::fromLatin1(kSampleCatalogUrl) << QString();
    QTest::newRow("empty") << QString() << invalid << QString() << QString() << QStringLiteral("no source given");
    QTest::newRow("blank") << QStringLiteral("   ") << invalid << QString() << QString()
                           << QStringLiteral("no source given");
    QTest::newRow("ftp unsupported") << QStringLiteral("ftp://x") << invalid << QString() << QString()
                                     << QStringLiteral("cannot read 'ftp' sources");
    QTest::newRow("http without host") << QStringLiteral("http://") << invalid << QString() << QString()
                                       << QStringLiteral("not a valid URL");
}

void tst_SyncEngine::sourceAddress_parses()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, localPath);
    QFETCH(QString, canonical);
    QFETCH(QString, error);

    const SourceAddress a = SourceAddress::parse(text);
    QCOMPARE(static_cast<int>(a.kind), kind);
    if (a.kind == SourceAddress::Kind::Invalid) {
        QVERIFY2(a.error.contains(error), qPrintable(a.error));
        return;
    }
    QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
    QCOMPARE(a.canonical(), canonical);
    if (a.kind == SourceAddress::Kind::LocalFile) {
        QCOMPARE(a.localPath, localPath);
    }
}

void tst_SyncEngine::syncFromPath_landsCatalog()
{
    QVERIFY(test::writeFile(path("sample.ndjson"), test::sampleBundle()));
    const SyncResult r = test::syncNow(m_dbPath, path("sample.ndjson"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!r.cancelled);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.records, 22);
    QCOMPARE(r.products, 3);
    QCOMPARE(r.bytes, test::sampleBundle().size());
    QCOMPARE(r.source, QUrl::fromLocalFile(path("sample.ndjson")).toString(QUrl::FullyEncoded));

    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    QCOMPARE(scalar(db, "SELECT count(*) FROM entries"), 3);
    QCOMPARE(scalar(db, "SELECT count(*) FROM entry_fts"), 3);
    Statement st = db.prepare("SELECT uri, kind, cursor, last_error IS NULL FROM sources");
    QVERIFY(st.next());
    QCOMPARE(st.text(0), r.source);
    QCOMPARE(st.text(1), QStringLiteral("bundle"));
    QCOMPARE(st.text(2), QStringLiteral("c1"));
    QCOMPARE(st.int64(3), 1);
}

void tst_SyncEngine::syncFromFileUrl_isTheSameSourceAsItsPath()
{
    seedSample();
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    const QString before = test::dumpCatalog(db);

    const QString url = QUrl::fromLocalFile(path("sample.ndjson")).toString();
    const SyncResult r = test::syncNow(m_dbPath, url);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.products, 3);
    QCOMPARE(scalar(db, "SELECT count(*) FROM sources"), 1);
    QCOMPARE(scalar(db, "SELECT gen FROM sources"), 2);
    QCOMPARE(scalar(db, "SELECT count(*) FROM entries"), 3);
    QVERIFY(test::dumpCatalog(db) != before); // a second generation was written, to the same source row
}

void tst_SyncEngine::missingFile_failsNamingThePath()
{
    seedSample();
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    const QString before = test::dumpCatalog(db);

    const QString missing = path("nowhere/missing.ndjson");
    const SyncResult r = test::syncNow(m_dbPath, missing);
    QVERIFY(!r.ok);
    QVERIFY(!r.cancelled);
    QVERIFY2(r.error.contains(missing), qPrintable(r.error));
    QCOMPARE(test::dumpCatalog(db), before);
    // An address that never synced does not become a source.
    QCOMPARE(lastError(db, QUrl::fromLocalFile(missing).toString()), QStringLiteral("<no source row>"));
    QCOMPARE(scalar(db, "SELECT count(*) FROM sources"), 1);
}

void tst_SyncEngine::unsupportedScheme_failsWithoutTouchingTheCache()
{
    const SyncResult r = test::syncNow(m_dbPath, QStringLiteral("ftp://mesh.example.com/c.ndjson"));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("ftp")), qPrintable(r.error));
    QVERIFY(!QFileInfo::exists(m_dbPath)); // the address is checked before the cache is opened
}

void tst_SyncEngine::progress_reportsPhasesAndBytes()
{
    QVERIFY(test::writeFile(path("sample.ndjson"), test::sampleBundle()));
    SyncEngine engine;
    QList<SyncProgress> reports;
    std::optional<SyncResult> result;
    connect(&engine, &SyncEngine::progress, this, [&](const SyncProgress &p) { reports << p; });
    connect(&engine, &SyncEngine::finished, this, [&](const SyncResult &r) { result = r; });
    engine.run(m_dbPath, path("sample.ndjson"));
    QVERIFY(result); // local files finish inside run()
    QVERIFY2(result->ok, qPrintable(result->error));
    QVERIFY(reports.size() >= 2);
    QCOMPARE(reports.first().phase, SyncProgress::Phase::Reading);
    QCOMPARE(reports.first().totalBytes, test::sampleBundle().size());
    QCOMPARE(reports.last().phase, SyncProgress::Phase::Indexing);
    QCOMPARE(reports.last().records, 22);
    QCOMPARE(reports.last().bytes, test::sampleBundle().size());
}

void tst_SyncEngine::malformedLineMidway_keepsPreviousCatalog()
{
    seedSample();
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    const QString before = test::dumpCatalog(db);

    // A snapshot that changes every product and is valid up to line 15, where a record is cut short.
    QList<QByteArray> lines = test::sampleBundle().split('\n');
    lines[0] = test::header("snapshot", "c2").trimmed();
    for (QByteArray &line : lines) {
        line.replace("\"status\":\"active\"", "\"status\":\"deprecated\"");
    }
    constexpr int kBadLine = 15;
    lines.insert(kBadLine - 1, R"({"type":"product","id":"broken","name":)");
    const QByteArray bundle = lines.join('\n');
    QVERIFY(test::writeFile(path("sample.ndjson"), bundle));

    const SyncResult r = test::syncNow(m_dbPath, path("sample.ndjson"));
    QVERIFY(!r.ok);
    QVERIFY(!r.cancelled);
    QVERIFY2(r.error.contains(QStringLiteral("line %1").arg(kBadLine)), qPrintable(r.error));
    QCOMPARE(test::dumpCatalog(db), before);
    const QString recorded = lastError(db, r.source);
    QVERIFY2(recorded.contains(QStringLiteral("line %1").arg(kBadLine)), qPrintable(recorded));

    // The next good sync clears the recorded error.
    QVERIFY(test::syncBundle(m_dbPath, path("sample.ndjson"), test::sampleBundle()));
    Statement st = db.prepare("SELECT last_error IS NULL FROM sources");
    QVERIFY(st.next());
    QCOMPARE(st.int64(0), 1);
}

void tst_SyncEngine::cancelFromProgress_keepsPreviousCatalog()
{
    seedSample();
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    const QString before = test::dumpCatalog(db);

    // Same source, so a sync that slipped through would also sweep the sample's products away. Big enough (about
    // 20 MB) that reading it spans several progress reports.
    constexpr int kProducts = 30000;
    QVERIFY(test::writeFile(path("sample.ndjson"), bigBundle(kProducts, 600)));

    SyncEngine engine;
    std::int64_t cancelledAt = -1;
    std::optional<SyncResult> result;
    connect(&engine, &SyncEngine::progress, this, [&](const SyncProgress &p) {
        if (p.records > 0 && cancelledAt < 0) {
            cancelledAt = p.records;
            engine.cancel();
        }
    });
    connect(&engine, &SyncEngine::finished, this, [&](const SyncResult &r) { result = r; });
    engine.run(m_dbPath, path("sample.ndjson"));
    QVERIFY(result);
    QVERIFY2(cancelledAt > 0, "no progress report arrived while records were being written");
    QVERIFY(result->cancelled);
    QVERIFY(!result->ok);
    QVERIFY2(result->error.isEmpty(), qPrintable(result->error));
    QCOMPARE(test::dumpCatalog(db), before);
    QVERIFY(!db.inTransaction());

    // The engine is reusable after a cancel.
    QVERIFY(test::writeFile(path("sample.ndjson"), test::sampleBundle()));
    result.reset();
    engine.run(m_dbPath, path("sample.ndjson"));
    QVERIFY(result);
    QVERIFY2(result->ok, qPrintable(result->error));
}

void tst_SyncEngine::cancelWhileIndexing_rollsBackCommit()
{
    seedSample();
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    const QString before = test::dumpCatalog(db);
    QVERIFY(test::writeFile(path("sample.ndjson"), bigBundle(2000, 600)));

    SyncEngine engine;
    std::optional<SyncResult> result;
    // Every record is in the open transaction when the Indexing phase starts: the cancel must still win.
    connect(&engine, &SyncEngine::progress, this, [&](const SyncProgress &p) {
        if (p.phase == SyncProgress::Phase::Indexing) {
            engine.cancel();
        }
    });
    connect(&engine, &SyncEngine::finished, this, [&](const SyncResult &r) { result = r; });
    engine.run(m_dbPath, path("sample.ndjson"));
    QVERIFY(result);
    QVERIFY(result->cancelled);
    QVERIFY2(result->error.isEmpty(), qPrintable(result->error));
    QCOMPARE(test::dumpCatalog(db), before);
}

void tst_SyncEngine::cancelFromAnotherThreadDuringCommit_rollsBack()
{
    seedSample();
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    const QString before = test::dumpCatalog(db);
    QVERIFY(test::writeFile(path("sample.ndjson"), bigBundle(30000, 600)));

    // The controller's worker commits while this thread cancels: the running statement is interrupted.
    SyncController controller;
    std::optional<SyncResult> result;
    bool indexing = false;
    connect(&controller, &SyncController::progress, this,
            [&](const SyncProgress &p) { indexing = indexing || p.phase == SyncProgress::Phase::Indexing; });
    connect(&controller, &SyncController::finished, this, [&](const SyncResult &r) { result = r; });
    QVERIFY(controller.start(m_dbPath, path("sample.ndjson")));
    QTRY_VERIFY_WITH_TIMEOUT(indexing || result, 60000);
    controller.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 60000);
    // Either the cancel landed during the commit (rolled back) or the commit had already finished: never half.
    if (result->cancelled) {
        QCOMPARE(test::dumpCatalog(db), before);
    } else {
        QVERIFY2(result->ok, qPrintable(result->error));
        QCOMPARE(result->products, 30000);
    }
    QVERIFY(!db.inTransaction());
}

void tst_SyncEngine::readersKeepWorking_whileControllerSyncs()
{
    seedSample();
    FakeHttpServer server;
    QVERIFY(server.isListening());
    // A second source of 5000 products; the server sends the first part, then waits, so the sync's transaction
    // stays open (records written, nothing committed) for as long as the test reads.
    constexpr int kProducts = 5000;
    const QByteArray body = bigBundle(kProducts, 40);
    server.route("/big.ndjson", FakeHttpServer::ok(body, 8, 4));

    Database reader;
    QVERIFY(!reader.open(m_dbPath, Database::Mode::ReadOnly));
    CatalogReader catalog(reader);
    Database probe;
    QVERIFY(!probe.open(m_dbPath));
    QVERIFY(!probe.exec("PRAGMA busy_timeout = 0"));
    QVERIFY(!writeLockHeld(probe));

    SyncController controller;
    QSignalSpy started(&controller, &SyncController::started);
    QSignalSpy progress(&controller, &SyncController::progress);
    QSignalSpy finished(&controller, &SyncController::finished);
    QVERIFY(controller.start(m_dbPath, server.url("/big.ndjson")));
    QVERIFY(controller.isRunning());
    QVERIFY(!controller.start(m_dbPath, server.url("/big.ndjson"))); // one at a time
    QCOMPARE(started.count(), 1);

    // Wait until the worker holds the write transaction and the server holds the rest of the body.
    QTRY_VERIFY_WITH_TIMEOUT(server.held() == 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(writeLockHeld(probe), 20000);
    QVERIFY(finished.isEmpty());

    int reads = 0;
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(scalar(reader, "SELECT count(*) FROM entries"), 3);
        SearchOptions firstTen;
        firstTen.limit = 10;
        firstTen.snippets = false;
        const SearchResult found = SearchEngine(reader).search(QStringLiteral("orders"), firstTen);
        QVERIFY(!found.error);
        QVERIFY(!found.hits.isEmpty());
        QCOMPARE(found.hits.first().product.extId, QStringLiteral("sales.orders"));
        ++reads;
        QTest::qWait(2);
    }
    QVERIFY(writeLockHeld(probe)); // still mid-sync: every read above saw the old catalog while it was being written
    QCOMPARE(reads, 20);
    QVERIFY(controller.isRunning());

    // Let the body finish; until the commit readers see the old catalog, then the new one, never anything between.
    server.release();
    bool sawNew = false;
    QElapsedTimer deadline;
    deadline.start();
    while (finished.isEmpty()) {
        QVERIFY2(deadline.elapsed() < 30000, "the sync did not finish");
        const std::int64_t n = scalar(reader, "SELECT count(*) FROM entries");
        QVERIFY2(n == 3 || n == 3 + kProducts, qPrintable(QString::number(n)));
        QVERIFY(!(sawNew && n == 3));
        sawNew = sawNew || n == 3 + kProducts;
        (void)finished.wait(5); // processes events for a few milliseconds
    }
    QCOMPARE(finished.count(), 1);
    const auto result = finished.first().first().value<SyncResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.products, kProducts);
    QVERIFY(!controller.isRunning());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(scalar(reader, "SELECT count(*) FROM entries"), 3 + kProducts);
    QCOMPARE(catalog.stats().sources.size(), 2);
    QVERIFY(!writeLockHeld(probe));
}

void tst_SyncEngine::http_chunkedBody_syncs()
{
    FakeHttpServer server;
    QVERIFY(server.isListening());
    server.route("/catalog.ndjson", FakeHttpServer::ok(test::sampleBundle(), 7));

    const SyncResult r = test::syncNow(m_dbPath, server.url("/catalog.ndjson"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.records, 22);
    QCOMPARE(r.products, 3);
    QCOMPARE(r.bytes, test::sampleBundle().size());
    QCOMPARE(r.source, server.url("/catalog.ndjson"));
    QCOMPARE(server.requests(), 1);

    // The same catalog as from a file, under the URL's source row.
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    QCOMPARE(scalar(db, "SELECT count(*) FROM entries"), 3);
    QCOMPARE(scalar(db, "SELECT count(*) FROM sla_series"), 2);
    QCOMPARE(scalar(db, "SELECT count(*) FROM sources WHERE uri = ?1", server.url("/catalog.ndjson")), 1);
}

void tst_SyncEngine::http_404_failsNamingStatus()
{
    seedSample();
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    const QString before = test::dumpCatalog(db);

    FakeHttpServer server;
    QVERIFY(server.isListening());
    server.route("/gone.ndjson", FakeHttpServer::status(404, "Not Found"));
    const SyncResult r = test::syncNow(m_dbPath, server.url("/gone.ndjson"));
    QVERIFY(!r.ok);
    QVERIFY(!r.cancelled);
    QVERIFY2(r.error.contains(QStringLiteral("HTTP 404")), qPrintable(r.error));
    QVERIFY2(r.error.contains(server.url("/gone.ndjson")), qPrintable(r.error));
    QCOMPARE(test::dumpCatalog(db), before);
    QCOMPARE(scalar(db, "SELECT count(*) FROM sources"), 1);

    server.route("/boom.ndjson", FakeHttpServer::status(500, "Internal Server Error"));
    const SyncResult boom = test::syncNow(m_dbPath, server.url("/boom.ndjson"));
    QVERIFY(!boom.ok);
    QVERIFY2(boom.error.contains(QStringLiteral("HTTP 500")), qPrintable(boom.error));
    QCOMPARE(test::dumpCatalog(db), before);
}

void tst_SyncEngine::http_truncatedMidLine_keepsPreviousCatalog()
{
    seedSample();
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    const QString before = test::dumpCatalog(db);

    // The served bundle is a new snapshot of the same products, so applying part of it would show in the dump.
    const QByteArray body = truncationBody();
    FakeHttpServer server;
    QVERIFY(server.isListening());
    server.route("/cut.ndjson", FakeHttpServer::truncated(body, body.size() / 2));

    const SyncResult r = test::syncNow(m_dbPath, server.url("/cut.ndjson"));
    QVERIFY2(!r.ok, "a truncated download was committed");
    QVERIFY(!r.cancelled);
    // Either the download error or, when Qt reports the short body as complete (see below), the cut line's.
    QVERIFY(!r.error.isEmpty());
    QCOMPARE(test::dumpCatalog(db), before);
    QCOMPARE(scalar(db, "SELECT count(*) FROM sources"), 1); // an address that never synced is not recorded
}

void tst_SyncEngine::http_truncatedAtLineEnd_keepsPreviousCatalog()
{
    // A body cut between two lines parses as a complete (shorter) snapshot, so only the transfer can tell it is
    // short. Qt 6.4 occasionally finishes such a reply without an error (it depends on how the last read and the
    // close interleave), so the engine compares the bytes it got with Content-Length: every outcome must be a clean
    // refusal that leaves the catalog as it was.
    seedSample();
    Database db;
    QVERIFY(test::openCache(db, m_dbPath).isEmpty());
    const QString before = test::dumpCatalog(db);

    const QByteArray body = truncationBody();
    const qsizetype cut = body.indexOf('\n', body.size() / 2) + 1;
    FakeHttpServer server;
    QVERIFY(server.isListening());
    server.route("/cut.ndjson", FakeHttpServer::truncated(body, cut));

    for (int attempt = 0; attempt < 3; ++attempt) {
        const SyncResult r = test::syncNow(m_dbPath, server.url("/cut.ndjson"));
        QVERIFY2(
            !r.ok && test::dumpCatalog(db) == before,
            qPrintable(QStringLiteral("a download of %1 of %2 bytes was committed").arg(r.bytes).arg(body.size())));
        QVERIFY(!r.cancelled);
        QVERIFY2(r.error.contains(server.url("/cut.ndjson")), qPrintable(r.error));
        QCOMPARE(test::dumpCatalog(db), before);
    }
    QVERIFY(server.requests() >= 3); // Qt may retry a GET whose connection closed early
}

void tst_SyncEngine::http_secondRunWhileRunning_isRefused()
{
    FakeHttpServer server;
    QVERIFY(server.isListening());
    server.route("/slow.ndjson", FakeHttpServer::ok(test::sampleBundle(), 4, 2));

    SyncEngine engine;
    QList<SyncResult> results;
    connect(&engine, &SyncEngine::finished, this, [&](const SyncResult &r) { results << r; });
    // The first run waits for the held chunk on this thread; a second run arrives while it waits, as a queued call
    // to the engine would.
    int finishedBeforeRelease = -1;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&]() {
        if (server.held() == 1) {
            poll.stop();
            engine.run(m_dbPath, server.url("/slow.ndjson"));
            finishedBeforeRelease = static_cast<int>(results.size());
            server.release();
        }
    });
    poll.start(10);
    engine.run(m_dbPath, server.url("/slow.ndjson"));
    QCOMPARE(finishedBeforeRelease, 1); // only the refusal
    QCOMPARE(results.size(), 2);
    QVERIFY(!results.first().ok);
    QVERIFY2(results.first().error.contains(QStringLiteral("already running")), qPrintable(results.first().error));
    QVERIFY2(results.last().ok, qPrintable(results.last().error));
    QCOMPARE(results.last().products, 3);
}

void tst_SyncEngine::http_probe_asksWithHead()
{
    FakeHttpServer server;
    QVERIFY(server.isListening());
    server.route("/catalog.ndjson", FakeHttpServer::ok(test::sampleBundle(), 1));
    const std::atomic<bool> cancel = false;
    // The probe blocks its thread, and the fake server needs this thread's event loop: it runs on a worker.
    const auto probe = [&](const char *path) {
        Source::Probe result;
        test::runOnThread([&] {
            BundleSource source(SourceAddress::parse(server.url(path)));
            result = source.probe(cancel);
        });
        return result;
    };
    const Source::Probe found = probe("/catalog.ndjson");
    QVERIFY2(found.ok, qPrintable(found.message));
    QCOMPARE(found.message, QStringLiteral("the server answered HTTP 200"));

    const Source::Probe missing = probe("/missing.ndjson");
    QVERIFY(!missing.ok);
    QVERIFY2(missing.message.contains(QStringLiteral("HTTP 404")), qPrintable(missing.message));
    QCOMPARE(server.requests(), 2);
}

QTEST_GUILESS_MAIN(tst_SyncEngine)
#include "tst_syncengine.moc"
