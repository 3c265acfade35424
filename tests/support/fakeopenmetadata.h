#pragma once

// A fake OpenMetadata server for the tests: the shared sample-data fixtures (loader inputs) served in REST shape, with
// stable ids, quoted and percent-encoded FQNs, versions, EntityReferences and cursor paging in small pages. It speaks
// the dialect of the version it is given (owner/owners, domain/domains, inline or paged data-product assets, ETags
// and If-Match from 1.9), serves change events, applies JSON Patch and keeps feed threads. Listens on 127.0.0.1 with
// an OS-chosen port, on a thread of its own (a client blocking the test's thread still gets answers). Created and
// destroyed by a test; every public function is thread-safe.

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>

class QThread;

namespace meshlens::test {

class FakeOpenMetadata final
{
    Q_DISABLE_COPY_MOVE(FakeOpenMetadata)

public:
    struct Options
    {
        QString version = QStringLiteral("1.9.2");
        QString token;       // required as "Bearer <token>" on every call but /system/version when not empty
        int maxPage = 7;     // the most entities a list page holds, whatever limit the client asks
        int tables = 0;      // generated tables beyond the fixtures (the benchmark's catalog), in lineage chains
        bool record = false; // keep every 200 answer's body by request target (see served())
        // Answer a GET asked before from the answer given then, until the next change: a server's warm cache, so
        // that a benchmark measures the client, not the fake's JSON rendering (the tests leave it off).
        bool cacheAnswers = false;
        int resultDays = 30; // daily results of each generated table's test case
        quint16 port = 0;    // 0: the OS chooses; a fixed port lets a fresh server stand in for an earlier one
    };

    explicit FakeOpenMetadata(Options options);
    ~FakeOpenMetadata();

    // Loads the fixtures (from MESHLENS_FIXTURES_DIR) and starts listening; returns an error text or nothing.
    [[nodiscard]] QString start();
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QString address() const; // openmetadata+http://127.0.0.1:PORT

    // What the server holds (canonical 1.9 shape). type is the entity type ("table", "user", "dataProduct", ...).
    [[nodiscard]] QString idOf(const QString &type, const QString &fqn) const;
    [[nodiscard]] QJsonObject entity(const QString &id) const;
    [[nodiscard]] QStringList fqns(const QString &type) const;

    // Changes that produce change events, as a steward using the server's own UI would.
    QString createTable(const QString &name, const QString &description);
    void setDescription(const QString &id, const QString &description);
    void remove(const QString &id);
    // A data contract (1.9+) on an asset with that SLA section; a new SLA section for an existing contract.
    QString addDataContract(const QString &assetId, const QString &name, const QJsonObject &sla);
    void setContractSla(const QString &contractId, const QJsonObject &sla);
    // Adds an asset to a data product's assets (an update event of the data product).
    void addAssetToProduct(const QString &productId, const QString &assetId);

    // Faults: the next `count` calls answer `status` (with Retry-After: 0); calls whose path contains `pathPart`
    // get a JSON body cut in half; the events API answers 404 (a server that does not serve it).
    void failNext(int count, int status);
    void cutShort(const QString &pathPart);
    void setEventsAvailable(bool available);

    // What happened.
    [[nodiscard]] int patchesApplied() const;
    [[nodiscard]] int requestCount(const QString &pathPart) const;
    [[nodiscard]] QList<QJsonObject> threads() const;
    void addReply(const QString &threadId, const QString &from, const QString &message);
    [[nodiscard]] QStringList requestLog() const; // method and path of every call, in order
    // With Options::record: "path?query" as received -> the body answered (the benchmark's local-file floor).
    [[nodiscard]] QHash<QByteArray, QByteArray> served() const;
    // Changes the description of `count` generated tables (each an update event), for an incremental sync.
    void touchGenerated(int count);

    struct Request
    {
        QByteArray method, path, query, body;
        QHash<QByteArray, QByteArray> headers; // lower-case names
    };
    struct Response
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool cutShort = false;
    };
    // Answers one request (called on the server's thread).
    [[nodiscard]] Response handle(const Request &request);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace meshlens::test
