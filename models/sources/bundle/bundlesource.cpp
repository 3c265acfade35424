#include "bundlesource.h"

#include "../../sync/bundleparser.h"
#include "../../sync/recordpipeline.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

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
    QNetworkAccessManager nam;
    QNetworkRequest request(m_address.url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(15000);
    QNetworkReply *reply = nam.head(request);
    QEventLoop loop; // a worker thread's own wait: see HttpClient
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&]() {
        if (cancel.load()) {
            reply->abort();
        }
    });
    poll.start(50);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status >= 300) {
        return {false,
                status >= 300 ? QStringLiteral("the server answered HTTP %1").arg(status) : reply->errorString()};
    }
    return {true, QStringLiteral("the server answered HTTP %1").arg(status)};
}

std::optional<QString> BundleSource::read(ReadContext &context)
{
    return m_address.kind == SourceAddress::Kind::LocalFile ? readFile(context) : readHttp(context);
}

std::optional<QString> BundleSource::readFile(ReadContext &context)
{
    // Parsing runs on the pipeline's thread; this thread only writes.
    RecordPipeline pipeline(m_address.localPath, context.cancel);
    SyncProgress progress;
    progress.phase = SyncProgress::Phase::Reading;
    progress.totalBytes = pipeline.totalBytes();
    context.progress(progress);
    bool sawHeader = false;
    for (;;) {
        RecordPipeline::Batch batch = pipeline.next();
        if (batch.header) {
            sawHeader = true;
            if (auto err = context.sink.begin(*batch.header)) {
                return BundleParser::Error{batch.headerLine, *err}.toString();
            }
        }
        for (RecordPipeline::Item &item : batch.items) {
            if (auto err = context.sink.write(std::move(item.record))) {
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

std::optional<QString> BundleSource::readHttp(ReadContext &context)
{
    // Network-bound, so the body is parsed on this thread as it arrives.
    BundleParser parser(
        [&context](const records::Header &header) -> std::optional<QString> { return context.sink.begin(header); },
        [&context](records::Record &&record) -> std::optional<QString> {
            return context.sink.write(std::move(record));
        });
    SyncProgress progress;
    std::optional<QString> error;
    const QUrl url = m_address.url;

    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(30000);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("MeshLens/" MESHLENS_VERSION));
    progress.phase = SyncProgress::Phase::Connecting;
    context.progress(progress);
    QNetworkReply *reply = nam.get(request);
    reply->setReadBufferSize(4 << 20); // memory stays bounded whatever the body's size
    QEventLoop loop;                   // a worker thread's own wait: see HttpClient

    const auto fail = [&](QString message) {
        error = std::move(message);
        reply->disconnect(&loop);
        reply->abort();
        loop.quit();
    };
    QTimer poll; // cancel() comes from another thread as a flag
    QObject::connect(&poll, &QTimer::timeout, &loop, [&]() {
        if (context.cancel.load()) {
            reply->disconnect(&loop);
            reply->abort();
            loop.quit();
        }
    });
    poll.start(50);
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&]() {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 300) {
            return; // the error body is not a bundle; finished() reports the status
        }
        progress.phase = SyncProgress::Phase::Reading;
        progress.totalBytes = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        const QByteArray data = reply->readAll();
        if (auto err = parser.feed(std::string_view(data.constData(), static_cast<std::size_t>(data.size())))) {
            fail(err->toString());
            return;
        }
        progress.bytes = parser.bytesSeen();
        progress.records = parser.recordCount();
        context.progress(progress);
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, [&]() {
        loop.quit();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status >= 300) {
            const QString what = status >= 300
                                     ? QStringLiteral("the server answered HTTP %1 %2")
                                           .arg(status)
                                           .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
                                     : reply->errorString();
            error = QStringLiteral("downloading %1 failed: %2. Check the address and that the server is reachable; "
                                   "the cached catalog is unchanged.")
                        .arg(url.toDisplayString(), what);
            return;
        }
        const QByteArray rest = reply->readAll();
        if (!rest.isEmpty()) {
            if (auto err = parser.feed(std::string_view(rest.constData(), static_cast<size_t>(rest.size())))) {
                error = err->toString();
                return;
            }
        }
        // A connection closed early can end on a line boundary and look like a complete (shorter) snapshot,
        // which would then remove everything it lacks: trust the body only when its length is the promised one.
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && !reply->rawHeader("Content-Encoding").size() &&
            parser.bytesSeen() != length.toLongLong()) {
            error = QStringLiteral("downloading %1 failed: the connection ended after %2 of %3 bytes; the cached "
                                   "catalog is unchanged. Try again.")
                        .arg(url.toDisplayString())
                        .arg(parser.bytesSeen())
                        .arg(length.toLongLong());
            return;
        }
        if (auto err = parser.finish()) {
            error = err->toString();
        }
    });
    loop.exec();
    reply->deleteLater();
    progress.bytes = parser.bytesSeen();
    progress.records = parser.recordCount();
    context.progress(progress);
    if (context.cancel.load()) {
        return std::nullopt;
    }
    return error;
}

} // namespace meshlens::models
