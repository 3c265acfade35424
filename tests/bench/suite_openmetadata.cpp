// Suite `openmetadata`: a full sync of the fake OpenMetadata server holding N generated tables (columns, owners,
// tags, lineage chains; pages of 500 as a real server pages) and an incremental sync of 1% changes, each against
// the network-free floor: the same source reading the same JSON pages, recorded during the run, from local files.
// The server answers the measured full sync from a cache a warm-up sync filled (see below); the cold figure is
// printed too (case full-cold-server).

#include "benchutil.h"

#include "models/sources/credentials.h"
#include "models/sources/openmetadata/openmetadatasource.h"
#include "models/store/database.h"
#include "models/store/schema.h"
#include "support/fakeopenmetadata.h"
#include "support/sourcerun.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

namespace meshlens::bench {

namespace {

QString pageFile(const QString &dir, const QByteArray &target)
{
    return QDir(dir).filePath(QString::fromLatin1(QCryptographicHash::hash(target, QCryptographicHash::Sha1).toHex()));
}

} // namespace

int runOpenMetadata(const Options &options)
{
    using namespace meshlens::models;
    const int n = static_cast<int>(options.products.value_or(options.quick ? 2'000 : 100'000));
    progress(QStringLiteral("openmetadata: a fake server with %1 generated tables").arg(n));
    test::FakeOpenMetadata::Options serverOptions{QStringLiteral("1.9.2"), QStringLiteral("bench-token"), 500, n, true};
    serverOptions.cacheAnswers = true;
    test::FakeOpenMetadata server(serverOptions);
    if (const QString err = server.start(); !err.isEmpty()) {
        progress(err);
        return 1;
    }
    MemoryCredentialStore credentials;
    const QString uri = OpenMetadataSource::parseAddress(server.address()).uri;
    std::ignore = credentials.write(uri, QStringLiteral("bench-token"));
    const QString work = QDir(options.dataDir).filePath(QStringLiteral("openmetadata-%1").arg(n));
    QDir(work).removeRecursively();
    const QString pages = QDir(work).filePath(QStringLiteral("pages"));
    QDir().mkpath(pages);

    const std::int64_t now = QDateTime::currentMSecsSinceEpoch(); // one clock: both runs ask for the same pages
    const auto source = [&](OpenMetadataClient::Transport transport) {
        auto opened = OpenMetadataSource::open(server.address(), SourceEnvironment{&credentials});
        auto *s = static_cast<OpenMetadataSource *>(opened.source.get());
        OpenMetadataOptions o;
        o.pageSize = 500;
        o.nowMs = [now]() { return now; };
        o.transport = std::move(transport);
        s->setOptions(o);
        return std::move(opened.source);
    };
    const auto fromFiles = [&pages](const HttpRequest &request) {
        HttpResponse r;
        QFile f(pageFile(pages, request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)));
        if (!f.open(QIODevice::ReadOnly)) {
            r.status = 404;
            return r;
        }
        r.status = 200;
        r.body = f.readAll();
        return r;
    };
    const auto savePages = [&]() {
        const auto served = server.served();
        for (auto it = served.cbegin(); it != served.cend(); ++it) {
            QFile f(pageFile(pages, it.key()));
            if (f.open(QIODevice::WriteOnly)) {
                f.write(it.value());
            }
        }
    };
    const auto run = [&](const QString &db, test::SourceMemory &memory, OpenMetadataClient::Transport transport,
                         double &ms) -> bool {
        Database cache;
        if (cache.open(db) || Schema::migrate(cache)) {
            return false;
        }
        auto s = source(std::move(transport));
        QElapsedTimer t;
        t.start();
        const auto err = test::readInto(cache, *s, memory);
        ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (err) {
            progress(QStringLiteral("openmetadata: %1").arg(*err));
        }
        return !err;
    };
    // Our lines carry the ratio to the floor of the same run, so they are printed once both are measured.
    const auto line = [&](const char *kase, const char *impl, double ms, std::int64_t entities, double floorMs) {
        QJsonObject o{{QStringLiteral("suite"), QStringLiteral("openmetadata")},
                      {QStringLiteral("case"), QLatin1String(kase)},
                      {QStringLiteral("impl"), QLatin1String(impl)},
                      {QStringLiteral("n"), n},
                      {QStringLiteral("ms"), ms},
                      {QStringLiteral("per_s"), ms > 0 ? static_cast<double>(entities) * 1000.0 / ms : 0.0}};
        if (floorMs > 0) {
            o.insert(QStringLiteral("floor_ms"), floorMs);
            o.insert(QStringLiteral("ratio"), ms / floorMs);
        }
        report(o);
    };

    const std::int64_t entities = n + 18 + 10 + 12 + 8 + 2; // generated tables and the fixtures' assets
    test::SourceMemory network, floor;
    double fullMs = 0, deltaMs = 0, fullFloorMs = 0, deltaFloorMs = 0;
    // A warm-up sync first, unmeasured: the server then answers from its warm cache as the floor reads from a
    // warm page cache, and both measure the client (the fake's JSON rendering would otherwise take a third of the
    // two cores the client has).
    progress(QStringLiteral("openmetadata: warm-up sync over HTTP"));
    test::SourceMemory warm;
    double warmMs = 0;
    if (!run(QDir(work).filePath(QStringLiteral("warm-up.db")), warm, {}, warmMs)) {
        return 1;
    }
    progress(QStringLiteral("openmetadata: full sync over HTTP"));
    if (!run(QDir(work).filePath(QStringLiteral("network.db")), network, {}, fullMs)) {
        return 1;
    }
    savePages();
    const int changed = std::max(1, n / 100);
    server.touchGenerated(changed);
    progress(QStringLiteral("openmetadata: incremental sync of %1 changes over HTTP").arg(changed));
    if (!run(QDir(work).filePath(QStringLiteral("network.db")), network, {}, deltaMs)) {
        return 1;
    }
    savePages();

    progress(QStringLiteral("openmetadata: the same pages from local files"));
    if (!run(QDir(work).filePath(QStringLiteral("floor.db")), floor, fromFiles, fullFloorMs) ||
        !run(QDir(work).filePath(QStringLiteral("floor.db")), floor, fromFiles, deltaFloorMs)) {
        return 1;
    }
    line("full", "local-files", fullFloorMs, entities, 0);
    line("incremental-1pct", "local-files", deltaFloorMs, changed, 0);
    line("full", "meshlens", fullMs, entities, fullFloorMs);
    line("full-cold-server", "meshlens", warmMs, entities, fullFloorMs);
    line("incremental-1pct", "meshlens", deltaMs, changed, deltaFloorMs);
    return 0;
}

} // namespace meshlens::bench
