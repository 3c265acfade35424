#include "bundlesource.h"

#include "bundledigest.h"

#include "../../logging.h"
#include "../../net/httpclient.h"
#include "../../sync/bundleparser.h"
#include "../../sync/recordpipeline.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace meshlens::models {

SourceAddress SourceAddress::parse(const QString &text)
{
    SourceAddress a;
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        a.error = QStringLiteral("no source given: name a bundle file, or a file:, qrc: or http(s): URL");
        return a;
    }
    if (t == QLatin1String("sample")) {
        return parse(QLatin1String(kSampleCatalogUrl));
    }
    if (t.startsWith(QLatin1String(":/"))) {
        a.kind = Kind::LocalFile;
        a.localPath = t;
        a.url = QUrl(QLatin1String("qrc") + t);
        return a;
    }
    const QUrl url(t, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        if (!url.isValid() || url.host().isEmpty()) {
            a.error = QStringLiteral("'%1' is not a valid URL").arg(t);
            return a;
        }
        a.kind = Kind::Http;
        a.url = url;
        return a;
    }
    if (scheme == QLatin1String("qrc")) {
        a.kind = Kind::LocalFile;
        a.localPath = QLatin1Char(':') + url.path();
        a.url = url;
        return a;
    }
    if (scheme == QLatin1String("file")) {
        a.kind = Kind::LocalFile;
        a.localPath = url.toLocalFile();
        a.url = QUrl::fromLocalFile(QFileInfo(a.localPath).absoluteFilePath());
        return a;
    }
    if (scheme.size() > 1 && url.isValid()) { // one letter would be a Windows drive
        a.error = QStringLiteral("MeshLens cannot read '%1' sources; use a bundle path or a file:, qrc: or http(s): "
                                 "URL, an openmetadata+https:// server, or a folder of data contracts")
                      .arg(scheme);
        return a;
    }
    a.kind = Kind::LocalFile;
    a.localPath = QFileInfo(QDir::cleanPath(t)).absoluteFilePath();
    a.url = QUrl::fromLocalFile(a.localPath);
    return a;
}

BundleSource::BundleSource(SourceAddress address)
    : m_address(std::move(address))
{}

SourceRegistry::Kind BundleSource::registration()
{
    return {QStringLiteral("bundle"), [](const QString &) { return true; },
            [](const QString &text, const SourceEnvironment &) -> SourceRegistry::Opened {
                SourceAddress address = SourceAddress::parse(text);
                if (address.kind == SourceAddress::Kind::Invalid) {
                    return {nullptr, address.error};
                }
                return {std::make_unique<BundleSource>(std::move(address)), {}};
            }};
}

Source::Probe BundleSource::probe(const std::atomic<bool> &cancel)
{
    if (m_address.kind == SourceAddress::Kind::LocalFile) {
        const QFileInfo info(m_address.localPath);
        if (!info.exists()) {
            return {false, QStringLiteral("%1 does not exist").arg(m_address.localPath)};
        }
        if (!info.isReadable() || info.isDir()) {
            return {false, QStringLiteral("%1 is not a readable file").arg(m_address.localPath)};
        }
        return {true, QStringLiteral("a bundle of %1 MB").arg(static_cast<double>(info.size()) / 1e6, 0, 'f', 1)};
    }
    HttpClient client({}, &cancel);
    HttpRequest request;
    request.method = "HEAD";
    request.url = m_address.url;
    const HttpResponse response = client.send(request);
    if (!response.ok()) {
        return {false, response.error};
    }
    return {true, QStringLiteral("the server answered HTTP %1").arg(response.status)};
}

std::optional<QString> BundleSource::read(ReadContext &context)
{
    return m_address.kind == SourceAddress::Kind::LocalFile ? readFile(context) : readHttp(context);
}

namespace {

// The source-state key of the digest of the last successful sync (BundleDigest).
const QString kDigestKey = QStringLiteral("digest");

} // namespace

std::optional<QString> BundleSource::readFile(ReadContext &context)
{
    if (!context.full) {
        if (QByteArray saved = context.state(kDigestKey); !saved.isEmpty()) {
            QString restart;
            auto err = readFileDelta(context, std::move(saved), restart);
            if (restart.isEmpty()) {
                return err;
            }
            if (!context.sink.abandon()) {
                return QStringLiteral("%1; run a full sync").arg(restart);
            }
            qCInfo(lcSync) << "syncing" << m_address.localPath << "as a snapshot:" << restart;
        }
    }
    return readFileSnapshot(context);
}

std::optional<QString> BundleSource::pump(ReadContext &context, const HeaderStep &onHeader, const ItemStep &onItem,
                                          bool peek)
{
    // Parsing runs on the pipeline's thread; this thread only writes.
    RecordPipeline pipeline(m_address.localPath, context.cancel, peek);
    SyncProgress progress;
    progress.phase = SyncProgress::Phase::Reading;
    progress.totalBytes = pipeline.totalBytes();
    context.progress(progress);
    bool sawHeader = false;
    for (;;) {
        RecordPipeline::Batch batch = pipeline.next();
        if (batch.header) {
            sawHeader = true;
            if (auto err = onHeader(*batch.header)) {
                return BundleParser::Error{batch.headerLine, *err}.toString();
            }
        }
        for (RecordPipeline::Item &item : batch.items) {
            if (auto err = onItem(item)) {
                return BundleParser::Error{item.line, *err}.toString();
            }
        }
        if (batch.records > 0) {
            progress.bytes = batch.bytes;
            progress.records = batch.records;
            context.progress(progress);
        }
        if (batch.error) {
            return batch.error->toString();
        }
        if (batch.last || context.cancel.load()) {
            break;
        }
    }
    if (!sawHeader && !context.cancel.load()) {
        return QStringLiteral("the bundle had no header");
    }
    return std::nullopt;
}

std::optional<QString> BundleSource::readFileSnapshot(ReadContext &context)
{
    std::optional<records::Header> header;
    BundleDigest digest; // kept for the next sync's delta
    auto err = pump(
        context,
        [&](const records::Header &h) {
            header = h;
            return context.sink.begin(h);
        },
        [&](RecordPipeline::Item &item) {
            (void)digest.add(item.record, item.hash);
            return context.sink.write(std::move(item.record));
        });
    if (err || context.cancel.load()) {
        return err;
    }
    (void)digest.finish();
    // A delta bundle, or one that cannot be diffed, leaves no digest: its next sync is a snapshot.
    context.sink.setState(kDigestKey,
                          header->mode == records::BundleMode::Snapshot ? digest.serialize(*header) : QByteArray());
    return std::nullopt;
}

std::optional<QString> BundleSource::readFileDelta(ReadContext &context, QByteArray saved, QString &restart)
{
    // The same bundle read again: a delta of the units whose hash moved (BundleDigest), in the bundle's order,
    // and a tombstone for each product it no longer has. Each product goes whole (Header::wholeProducts), so the
    // catalog comes out as a snapshot of this bundle would write it. Whatever this cannot diff safely asks for a
    // restart as a snapshot.
    std::optional<records::Header> header;
    std::optional<BundleDigest::Saved> before;
    BundleDigest digest;
    std::vector<RecordPipeline::Item> unit; // the records of the unit being read
    std::int64_t sent = 0;
    const auto flush = [&](const BundleDigest::Unit &done) -> std::optional<QString> {
        const auto was = before->take(done.kind, done.id);
        if (!was || *was != done.hash) {
            sent += done.kind == BundleDigest::Kind::Product ? 1 : 0;
            // Only the lines sent are parsed in full: the pipeline peeked at the rest.
            for (RecordPipeline::Item &item : unit) {
                records::Record record;
                auto err = BundleParser::parseRecordLine(item.text, record);
                if (!err) {
                    err = context.sink.write(std::move(record));
                }
                if (err) {
                    return BundleParser::Error{item.line, *err}.toString();
                }
            }
        }
        unit.clear();
        return std::nullopt;
    };
    const QString stop = QStringLiteral("stopped"); // ends the pump; `failed` or `restart` says why
    std::optional<QString> failed;
    auto err = pump(
        context,
        [&](const records::Header &h) -> std::optional<QString> {
            header = h;
            if (h.mode != records::BundleMode::Snapshot) {
                restart = QStringLiteral("the bundle is a delta");
                return stop;
            }
            before = BundleDigest::Saved::parse(std::move(saved), h);
            if (!before) {
                restart = QStringLiteral("what the last sync kept is unreadable or of another bundle version");
                return stop;
            }
            records::Header delta = h;
            delta.mode = records::BundleMode::Delta;
            delta.since.clear();
            delta.wholeProducts = true;
            return context.sink.begin(delta);
        },
        [&](RecordPipeline::Item &item) -> std::optional<QString> {
            const std::optional<BundleDigest::Unit> done = digest.add(item.record, item.hash);
            if (!digest.diffable()) {
                restart = QStringLiteral("line %1 is not beside the product it belongs to").arg(item.line);
                return stop;
            }
            if (done) {
                failed = flush(*done); // names the line of the record the writer refused
                if (failed) {
                    return stop;
                }
            }
            unit.push_back(std::move(item));
            return std::nullopt;
        },
        true);
    if (failed) {
        return failed;
    }
    if (!restart.isEmpty()) {
        return std::nullopt;
    }
    if (err || context.cancel.load()) {
        return err;
    }
    if (const auto done = digest.finish()) {
        if (auto flushErr = flush(*done)) {
            return flushErr;
        }
    }
    const auto gone = before->unseen();
    for (const auto &[kind, id] : gone) {
        if (kind != BundleDigest::Kind::Product) {
            // A snapshot refuses products that still name it, and removes it with what it owns.
            restart = QStringLiteral("a domain, team or person is gone");
            return std::nullopt;
        }
    }
    for (const auto &[kind, id] : gone) {
        records::Tombstone t;
        t.of = "product";
        t.id = std::string(id);
        if (auto writeErr = context.sink.write(std::move(t))) {
            return writeErr;
        }
    }
    qCInfo(lcSync) << "re-synced" << m_address.localPath << "as a delta:" << sent << "products sent," << gone.size()
                   << "removed";
    context.sink.setState(kDigestKey, digest.serialize(*header));
    return std::nullopt;
}

std::optional<QString> BundleSource::readHttp(ReadContext &context)
{
    // Network-bound, so the body is parsed on this thread as it arrives.
    BundleParser parser(
        [&context](const records::Header &header) -> std::optional<QString> { return context.sink.begin(header); },
        [&context](records::Record &&record) -> std::optional<QString> {
            return context.sink.write(std::move(record));
        });
    SyncProgress progress;
    progress.phase = SyncProgress::Phase::Connecting;
    context.progress(progress);

    // The policy (timeouts, retries before the body starts, redirects, TLS, the length check) is HttpClient's.
    HttpClient client({}, &context.cancel);
    HttpRequest request;
    request.url = m_address.url;
    std::optional<QString> parseError; // the parser's own words, not wrapped in the download's
    QByteArray contentType;
    const HttpResponse response = client.stream(
        request,
        [&](const QByteArray &chunk) -> std::optional<QString> {
            if (contentType.startsWith("text/html")) {
                // A sign-in page or a proxy's error page: its HTML would only puzzle the parser.
                parseError = QStringLiteral("%1 answered with a web page (%2), not a MeshLens bundle: check the "
                                            "address, or whether a sign-in page stands in front of it. The cached "
                                            "catalog is unchanged.")
                                 .arg(m_address.url.host(), QString::fromLatin1(contentType));
                return parseError;
            }
            progress.phase = SyncProgress::Phase::Reading;
            if (auto err = parser.feed(std::string_view(chunk.constData(), static_cast<std::size_t>(chunk.size())))) {
                parseError = err->toString();
                return parseError;
            }
            progress.bytes = parser.bytesSeen();
            progress.records = parser.recordCount();
            context.progress(progress);
            return std::nullopt;
        },
        [&](const HttpResponse &head) { // before any body byte, so a retried attempt finds the parser untouched
            contentType = head.header("Content-Type").trimmed().toLower();
            // A compressed body's Content-Length counts wire bytes, not the bundle's.
            progress.totalBytes =
                head.header("Content-Encoding").isEmpty() ? head.header("Content-Length").toLongLong() : 0;
        });
    progress.bytes = parser.bytesSeen();
    progress.records = parser.recordCount();
    context.progress(progress);
    if (context.cancel.load() || response.cancelled) {
        return std::nullopt;
    }
    if (parseError) {
        return parseError;
    }
    if (!response.ok()) {
        return QStringLiteral("%1. The cached catalog is unchanged.").arg(response.error);
    }
    if (auto err = parser.finish()) {
        return err->toString();
    }
    return std::nullopt;
}

} // namespace meshlens::models
