#include "syncengine.h"

#include "../logging.h"
#include "../store/catalogwriter.h"
#include "../store/database.h"
#include "../store/outbox.h"
#include "../store/schema.h"
#include "bundleparser.h"
#include "recordpipeline.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

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
        a.error = QStringLiteral("MeshLens cannot read '%1' sources yet; use a bundle path, or a file:, qrc: or "
                                 "http(s): URL")
                      .arg(scheme);
        return a;
    }
    a.kind = Kind::LocalFile;
    a.localPath = QFileInfo(QDir::cleanPath(t)).absoluteFilePath();
    a.url = QUrl::fromLocalFile(a.localPath);
    return a;
}

struct SyncEngine::Run
{
    Database db;
    CatalogWriter writer{db};
    std::unique_ptr<BundleParser> parser;
    CatalogWriter::SourceInfo source;
    QElapsedTimer clock;
    QElapsedTimer sinceProgress;
    SyncProgress progress;
    QPointer<QNetworkReply> reply;
};

SyncEngine::SyncEngine(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<SyncResult>();
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::cancel()
{
    m_cancel.store(true);
    const QMutexLocker lock(&m_writerMutex);
    if (m_writer) {
        m_writer->interrupt();
    }
}

void SyncEngine::run(const QString &dbPath, const QString &sourceText)
{
    if (m_run) {
        Q_EMIT finished(SyncResult{false, false, sourceText, QStringLiteral("a sync is already running")});
        return;
    }
    m_cancel.store(false);
    m_run = std::make_unique<Run>();
    Run &r = *m_run;
    r.clock.start();
    r.sinceProgress.start();

    const SourceAddress address = SourceAddress::parse(sourceText);
    r.source = {address.canonical(), QStringLiteral("bundle")};
    if (address.kind == SourceAddress::Kind::Invalid) {
        finishRun(address.error);
        return;
    }
    if (auto err = r.db.open(dbPath)) {
        finishRun(err->message);
        return;
    }
    if (auto err = Schema::migrate(r.db)) {
        finishRun(err->message);
        return;
    }
    {
        const QMutexLocker lock(&m_writerMutex);
        m_writer = &r.db;
    }
    r.writer.setCancelFlag(&m_cancel);
    // The writer gets a big page cache: a full sync touches every page of the catalog once.
    (void)r.db.exec("PRAGMA cache_size = -98304; PRAGMA journal_size_limit = 67108864;");

    if (address.kind == SourceAddress::Kind::LocalFile) {
        // Parsing runs on the pipeline's thread; this thread only writes.
        RecordPipeline pipeline(address.localPath, m_cancel);
        r.progress.phase = SyncProgress::Phase::Reading;
        r.progress.totalBytes = pipeline.totalBytes();
        Q_EMIT progress(r.progress);
        for (;;) {
            RecordPipeline::Batch batch = pipeline.next();
            if (batch.header) {
                if (auto err = r.writer.begin(r.source, *batch.header)) {
                    finishRun(BundleParser::Error{batch.headerLine, *err}.toString());
                    return;
                }
            }
            for (RecordPipeline::Item &item : batch.items) {
                if (auto err = r.writer.write(std::move(item.record))) {
                    finishRun(BundleParser::Error{item.line, *err}.toString());
                    return;
                }
            }
            if (batch.records > 0) {
                r.progress.bytes = batch.bytes;
                r.progress.records = batch.records;
            }
            if (r.sinceProgress.elapsed() >= 100) {
                r.sinceProgress.restart();
                Q_EMIT progress(r.progress);
            }
            if (batch.error) {
                finishRun(batch.error->toString());
                return;
            }
            if (batch.last || m_cancel.load()) {
                break;
            }
        }
        finishRun(std::nullopt);
        return;
    }

    // HTTP: stream the body into the parser as it arrives (network-bound, so it parses on this thread).
    r.parser = std::make_unique<BundleParser>(
        [&r](const records::Header &header) -> std::optional<QString> { return r.writer.begin(r.source, header); },
        [&r](records::Record &&record) -> std::optional<QString> { return r.writer.write(std::move(record)); });

    const auto feed = [this, &r](std::string_view bytes) -> std::optional<QString> {
        if (auto err = r.parser->feed(bytes)) {
            return err->toString();
        }
        r.progress.bytes = r.parser->bytesSeen();
        r.progress.records = r.parser->recordCount();
        if (r.sinceProgress.elapsed() >= 100) {
            r.sinceProgress.restart();
            Q_EMIT progress(r.progress);
        }
        return std::nullopt;
    };

    // The reply's buffer is capped so memory stays bounded.
    auto *nam = findChild<QNetworkAccessManager *>();
    if (!nam) {
        nam = new QNetworkAccessManager(this);
    }
    QNetworkRequest request(address.url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(30000);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("MeshLens/" MESHLENS_VERSION));
    r.progress.phase = SyncProgress::Phase::Connecting;
    Q_EMIT progress(r.progress);
    QNetworkReply *reply = nam->get(request);
    reply->setReadBufferSize(4 << 20);
    r.reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, [this, reply, feed]() {
        if (!m_run || m_run->reply != reply) {
            return;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 300) {
            return; // the error body is not a bundle; finished() reports the status
        }
        if (m_cancel.load()) {
            reply->abort();
            return;
        }
        m_run->progress.phase = SyncProgress::Phase::Reading;
        m_run->progress.totalBytes = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        const QByteArray data = reply->readAll();
        if (auto err = feed(std::string_view(data.constData(), static_cast<std::size_t>(data.size())))) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
            finishRun(err);
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url = address.url]() {
        reply->deleteLater();
        if (!m_run || m_run->reply != reply) {
            return;
        }
        if (m_cancel.load()) {
            finishRun(std::nullopt);
            return;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status >= 300) {
            const QString what = status >= 300
                                     ? QStringLiteral("the server answered HTTP %1 %2")
                                           .arg(status)
                                           .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
                                     : reply->errorString();
            finishRun(QStringLiteral("downloading %1 failed: %2. Check the address and that the server is "
                                     "reachable; the cached catalog is unchanged.")
                          .arg(url.toDisplayString(), what));
            return;
        }
        const QByteArray rest = reply->readAll();
        if (!rest.isEmpty()) {
            if (auto err = m_run->parser->feed(std::string_view(rest.constData(), static_cast<size_t>(rest.size())))) {
                finishRun(err->toString());
                return;
            }
        }
        // A connection closed early can end on a line boundary and look like a complete (shorter) snapshot,
        // which would then remove everything it lacks: trust the body only when its length is the promised one.
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && !reply->rawHeader("Content-Encoding").size() &&
            m_run->parser->bytesSeen() != length.toLongLong()) {
            finishRun(QStringLiteral("downloading %1 failed: the connection ended after %2 of %3 bytes; the cached "
                                     "catalog is unchanged. Try again.")
                          .arg(url.toDisplayString())
                          .arg(m_run->parser->bytesSeen())
                          .arg(length.toLongLong()));
            return;
        }
        if (auto err = m_run->parser->finish()) {
            finishRun(err->toString());
            return;
        }
        finishRun(std::nullopt);
    });
}

void SyncEngine::finishRun(std::optional<QString> error)
{
    Run &r = *m_run;
    SyncResult result;
    result.source = r.source.uri;
    // A cancel that interrupted a statement surfaces as its error; it is still a cancel.
    if (error && m_cancel.load()) {
        error.reset();
    }
    result.cancelled = !error && m_cancel.load();
    if (!error && !result.cancelled) {
        r.progress.phase = SyncProgress::Phase::Indexing;
        Q_EMIT progress(r.progress);
        qCDebug(lcSync) << "records streamed in" << r.clock.elapsed() << "ms";
        if (!r.writer.isActive()) {
            error = QStringLiteral("the bundle had no header");
        } else {
            error = r.writer.commit();
        }
        if (!error) {
            // The new catalog is in: pending edits whose product moved on become conflicts (never dropped).
            Outbox(r.db).reconcileAfterSync(QDateTime::currentSecsSinceEpoch());
        }
        if (error && m_cancel.load()) { // cancelled while committing: the commit was interrupted and rolled back
            error.reset();
            result.cancelled = true;
        }
    }
    if (r.writer.isActive()) {
        r.writer.rollback();
    }
    if (error) {
        result.error = *error;
        if (r.db.isOpen() && !r.source.uri.isEmpty()) {
            CatalogWriter::recordFailure(r.db, r.source, *error);
        }
        qCWarning(lcSync) << "sync of" << r.source.uri << "failed:" << *error;
    }
    result.ok = !error && !result.cancelled;
    result.records = r.parser ? r.parser->recordCount() : r.progress.records;
    result.products = r.writer.stats().products;
    result.bytes = r.parser ? r.parser->bytesSeen() : r.progress.bytes;
    result.elapsedMs = r.clock.elapsed();
    {
        const QMutexLocker lock(&m_writerMutex);
        m_writer = nullptr;
    }
    m_run.reset();
    Q_EMIT finished(result);
}

} // namespace meshlens::models
