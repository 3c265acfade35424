// libFuzzer target: the OpenMetadata response readers. A whole OpenMetadataReader read (full, or incremental from
// change events) runs against a transport that answers from the input instead of a server: the input is split on
// NUL bytes (never valid inside JSON) into bodies; the first byte chooses the server's version (its dialect) and
// the read; every lineage request gets the first body, every other request the next body in order (paging
// included), and once the bodies run out an empty page. So the mapper, the paging, the lineage and events readers
// and the client's JSON checks all see hostile bodies. Invariant: no crash, no sanitizer report, no hang.

#include "models/sources/openmetadata/openmetadataclient.h"
#include "models/sources/openmetadata/openmetadatadialect.h"
#include "models/sources/openmetadata/openmetadatareader.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace meshlens::models;

namespace {

class NullSink final : public RecordSink
{
public:
    std::optional<QString> begin(const records::Header &) override { return std::nullopt; }
    std::optional<QString> write(records::Record &&) override { return std::nullopt; }
    void problem(SourceProblem) override {}
    void setState(const QString &, const QByteArray &) override {}
};

struct Script
{
    QMutex mutex;
    QByteArray lineage;
    std::vector<QByteArray> bodies;
    std::size_t next = 0;

    HttpResponse answer(const HttpRequest &request)
    {
        HttpResponse r;
        r.status = 200;
        r.attempts = 1;
        r.headers = {{"Content-Type", "application/json"}};
        QMutexLocker lock(&mutex);
        if (request.url.path().contains(QLatin1String("/v1/lineage/"))) {
            r.body = lineage;
        } else if (next < bodies.size()) {
            r.body = bodies[next++];
        } else {
            r.body = R"({"data":[],"paging":{"total":0}})";
        }
        return r;
    }
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // Qt's JSON and thread pool want an application object
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    static const char *const versions[] = {"1.0.0", "1.2.3", "1.5.1", "1.8.12", "1.9.2", "v1.1.0-SNAPSHOT"};
    const std::uint8_t mode = data[0];
    const QList<QByteArray> parts =
        QByteArray(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1)).split('\0');

    Script script;
    script.lineage = parts.value(0);
    script.bodies.assign(parts.begin() + 1, parts.end());

    const std::atomic<bool> cancel{false};
    HttpPolicy policy;
    policy.maxAttempts = 1;
    OpenMetadataClient client(QUrl(QStringLiteral("https://om.example")), QStringLiteral("token"), &cancel, policy);
    client.setTransport([&script](const HttpRequest &request) { return script.answer(request); });

    NullSink sink;
    const bool incremental = (mode & 0x80) != 0;
    ReadContext context{sink, cancel, [](const SyncProgress &) {}};
    if (incremental) {
        // A delta needs the last sync's cursor and index; the index comes from the first body too.
        context.cursor = QStringLiteral("events:1700000000000");
        context.lastSuccessAt = 1700000000;
        const QByteArray index = script.lineage;
        context.state = [index](const QString &key) { return key == QLatin1String("index") ? index : QByteArray(); };
    }
    OpenMetadataOptions options;
    options.pageSize = 3;
    options.http = policy;
    options.nowMs = [] { return std::int64_t(1700000600000); };
    OpenMetadataReader reader(client, OpenMetadataDialect::fromVersion(QLatin1String(versions[mode % 6])), context,
                              options, QStringLiteral("fuzz"));
    if (incremental) {
        bool fellBack = false;
        (void)reader.readIncremental(fellBack);
    } else {
        (void)reader.readFull();
    }
    return 0;
}
