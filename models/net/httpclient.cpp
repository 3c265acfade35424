#include "httpclient.h"

#include "inflater.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslError>
#include <QStringDecoder>
#include <QThread>
#include <QTimeZone>
#include <QTimer>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcNet, "meshlens.net", QtInfoMsg)

namespace meshlens::models {

namespace {

using OnData = std::function<std::optional<QString>(const QByteArray &chunk)>;

// How one attempt ended.
enum class Outcome
{
    Answered,       // a complete HTTP answer (any status)
    Refused,        // the connection could not be made: nothing reached the server
    ConnectTimeout, // no connection within connectTimeoutMs
    IdleTimeout,    // connected, then no byte for idleTimeoutMs
    Reset,          // the connection broke before the answer was complete
    Truncated,      // fewer body bytes than Content-Length promised
    TooLarge,       // over maxResponseBytes
    Tls,            // the TLS handshake failed (the certificate, mostly)
    Stopped,        // the stream callback returned an error
    Cancelled,
    Failed, // any other error
};

struct Attempt
{
    Outcome outcome = Outcome::Failed;
    int status = 0;
    QByteArray reason;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString detail;         // for a person: why this attempt failed
    bool sent = false;      // the request may have reached the server
    bool delivered = false; // stream(): the callback has seen body bytes
};

// Error bodies handed back by stream() (a server's JSON message), not whole bundles.
constexpr qsizetype kStreamErrorBodyCap = 64 * 1024;
constexpr int kStreamReadBuffer = 4 << 20;
constexpr int kCancelPollMs = 10;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool isRetryableStatus(int status)
{
    // 501 and 505 say the server will never do it; every other 5xx may pass.
    return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
}

bool isRetryableOutcome(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Refused:
    case Outcome::ConnectTimeout:
    case Outcome::IdleTimeout:
    case Outcome::Reset:
    case Outcome::Truncated:
        return true;
    default:
        return false;
    }
}

QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString hostPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return QStringLiteral("%1:%2").arg(url.host()).arg(port);
}

QString seconds(int ms)
{
    return ms % 1000 == 0 ? QStringLiteral("%1 s").arg(ms / 1000) : QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1);
}

QString bytes(std::int64_t n)
{
    if (n >= (std::int64_t(1) << 20)) {
        return QStringLiteral("%1 MiB").arg(double(n) / double(1 << 20), 0, 'f', 1);
    }
    return QStringLiteral("%1 bytes").arg(n);
}

QString cutShort(std::int64_t received, std::int64_t announced)
{
    return QStringLiteral("the body was cut short: %1 of the %2 bytes announced arrived").arg(received).arg(announced);
}

QString statusText(int status, const QByteArray &reason)
{
    return reason.isEmpty() ? QStringLiteral("HTTP %1").arg(status)
                            : QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromLatin1(reason));
}

QByteArray headerValue(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

// The project's one blocking wait: an event loop local to this call on a worker thread.
bool isGuiThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return app && app->inherits("QGuiApplication") && QThread::currentThread() == app->thread();
}

} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    return headerValue(headers, name);
}

struct HttpClient::Impl
{
    HttpPolicy policy;
    const std::atomic<bool> *cancel = nullptr;
    std::optional<QSslConfiguration> tls;
    // Created on the calling thread at the first request (a QNetworkAccessManager belongs to one thread).
    QPointer<QNetworkAccessManager> nam;

    bool cancelled() const { return cancel && cancel->load(); }

    QNetworkAccessManager *manager()
    {
        if (nam && nam->thread() != QThread::currentThread()) {
            nam->deleteLater();
            nam = nullptr;
        }
        if (!nam) {
            nam = new QNetworkAccessManager;
        }
        return nam;
    }

    bool wait(int ms) const;
    Attempt attempt(const QByteArray &method, const QUrl &url, const QByteArray &body, const HttpRequest &request,
                    bool sendToken, const OnData *onData);
    HttpResponse run(const HttpRequest &request, const OnData *onData);
};

HttpClient::HttpClient(HttpPolicy policy, const std::atomic<bool> *cancel)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->policy = policy;
    m_impl->cancel = cancel;
}

HttpClient::~HttpClient()
{
    if (m_impl->nam) {
        if (m_impl->nam->thread() == QThread::currentThread()) {
            delete m_impl->nam;
        } else {
            m_impl->nam->deleteLater();
        }
    }
}

void HttpClient::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_impl->tls = configuration;
}

HttpResponse HttpClient::send(const HttpRequest &request)
{
    return m_impl->run(request, nullptr);
}

HttpResponse HttpClient::stream(const HttpRequest &request, const OnData &onData)
{
    return m_impl->run(request, &onData);
}

int HttpClient::retryDelayMs(int failedAttempts, const QByteArray &retryAfter, const HttpPolicy &policy, double jitter,
                             const QDateTime &now)
{
    const QByteArray value = retryAfter.trimmed();
    if (!value.isEmpty()) {
        bool isNumber = false;
        const qlonglong secs = value.toLongLong(&isNumber);
        if (isNumber && secs >= 0) {
            // Clamped before multiplying: a hostile "Retry-After: 99999999999999999" must not overflow.
            return int(std::min<qlonglong>(std::min<qlonglong>(secs, policy.maxBackoffMs / 1000 + 1) * 1000,
                                           policy.maxBackoffMs));
        }
        // An HTTP date (RFC 9110 IMF-fixdate): "Sun, 06 Nov 1994 08:49:37 GMT".
        QDateTime at =
            QLocale::c().toDateTime(QString::fromLatin1(value), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
        if (at.isValid()) {
            at.setTimeZone(QTimeZone::utc());
            const qint64 ms = std::clamp<qint64>(now.msecsTo(at), 0, policy.maxBackoffMs);
            return int(ms);
        }
    }
    const int exponent = std::clamp(failedAttempts - 1, 0, 30);
    const double ceiling =
        std::min(double(policy.maxBackoffMs), double(policy.baseBackoffMs) * std::ldexp(1.0, exponent));
    return int(std::clamp(jitter, 0.0, 1.0) * ceiling);
}

bool HttpClient::Impl::wait(int ms) const
{
    if (ms <= 0) {
        return !cancelled();
    }
    QEventLoop loop;
    QTimer done;
    done.setSingleShot(true);
    QObject::connect(&done, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [this, &loop] {
        if (cancelled()) {
            loop.quit();
        }
    });
    done.start(ms);
    poll.start(kCancelPollMs);
    loop.exec();
    return !cancelled();
}

Attempt HttpClient::Impl::attempt(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                  const HttpRequest &request, bool sendToken, const OnData *onData)
{
    QNetworkRequest req(url);
    // Redirects are followed by run(), which enforces the scheme, count and loop rules.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("MeshLens/" MESHLENS_VERSION));
    for (const auto &[name, value] : request.headers) {
        req.setRawHeader(name, value);
    }
    // Asked for here, not by Qt, so the body is decoded by an Inflater that notices when it is cut short.
    if (!req.hasRawHeader("Accept-Encoding")) {
        req.setRawHeader("Accept-Encoding", "gzip, deflate");
    }
    if (sendToken && !request.bearerToken.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + request.bearerToken.toUtf8());
    }
    if (tls) {
        req.setSslConfiguration(*tls);
    }

    const bool bodyless = body.isEmpty() && (method == "GET" || method == "HEAD" || method == "DELETE");
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(
        bodyless ? manager()->sendCustomRequest(req, method) : manager()->sendCustomRequest(req, method, body),
        [](QNetworkReply *r) {
            r->disconnect();
            r->deleteLater();
        });
    if (onData) {
        reply->setReadBufferSize(kStreamReadBuffer);
    }

    Attempt a;
    QEventLoop loop;
    bool done = false;
    bool headersRead = false;
    std::int64_t announced = -1;
    std::int64_t received = 0; // on the wire, compressed or not
    std::int64_t decoded = 0;  // after decompression
    std::unique_ptr<Inflater> inflater;
    QList<QSslError> sslErrors;
    QTimer phase; // the connect timeout, then the idle timeout
    phase.setSingleShot(true);
    QTimer poll;

    const auto stop = [&](Outcome outcome, const QString &detail) {
        if (done) {
            return;
        }
        done = true;
        a.outcome = outcome;
        a.detail = detail;
        reply->abort();
        loop.quit();
    };
    const auto readHeaders = [&] {
        if (headersRead) {
            return;
        }
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!status.isValid()) {
            return;
        }
        headersRead = true;
        a.sent = true;
        a.status = status.toInt();
        a.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        a.headers = reply->rawHeaderPairs();
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        announced = length.isValid() ? length.toLongLong() : -1;
        const QByteArray encoding = reply->rawHeader("Content-Encoding").trimmed().toLower();
        if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
            inflater = std::make_unique<Inflater>();
        } else if (!encoding.isEmpty() && encoding != "identity") {
            stop(Outcome::Failed,
                 QStringLiteral("the server answered in the %1 encoding, which MeshLens did not ask for")
                     .arg(QString::fromLatin1(encoding)));
            return;
        }
        if (!onData && announced > policy.maxResponseBytes) {
            stop(Outcome::TooLarge, QStringLiteral("the server announced a response of %1, over the limit of %2")
                                        .arg(bytes(announced), bytes(policy.maxResponseBytes)));
        }
    };
    const auto consume = [&] {
        readHeaders();
        if (done) {
            return;
        }
        const QByteArray wire = reply->readAll();
        if (wire.isEmpty()) {
            return;
        }
        received += wire.size();
        QByteArray chunk;
        if (inflater) {
            if (auto error = inflater->feed(wire, chunk)) {
                stop(Outcome::Failed, *error);
                return;
            }
        } else {
            chunk = wire;
        }
        decoded += chunk.size();
        if (chunk.isEmpty()) {
            return;
        }
        if (onData && a.status >= 200 && a.status < 300) {
            a.delivered = true;
            if (auto error = (*onData)(chunk)) {
                stop(Outcome::Stopped, *error);
            }
            return;
        }
        if (onData) {
            if (a.body.size() < kStreamErrorBodyCap) {
                a.body += chunk.left(kStreamErrorBodyCap - a.body.size());
            }
            return;
        }
        if (decoded > policy.maxResponseBytes) {
            stop(Outcome::TooLarge,
                 QStringLiteral("the response is larger than the limit of %1").arg(bytes(policy.maxResponseBytes)));
            return;
        }
        a.body += chunk;
    };
    const auto alive = [&] {
        a.sent = true;
        phase.start(policy.idleTimeoutMs);
    };

    QObject::connect(&phase, &QTimer::timeout, &loop, [&] {
        if (a.sent) {
            stop(Outcome::IdleTimeout,
                 QStringLiteral("%1 sent nothing for %2").arg(hostPort(url), seconds(policy.idleTimeoutMs)));
        } else {
            stop(Outcome::ConnectTimeout,
                 QStringLiteral("no connection to %1 within %2").arg(hostPort(url), seconds(policy.connectTimeoutMs)));
        }
    });
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (cancelled()) {
            stop(Outcome::Cancelled, QStringLiteral("cancelled"));
        }
    });
    QNetworkReply *r = reply.get();
    QObject::connect(r, &QNetworkReply::requestSent, &loop, [&] {
        // Qt sends a request again by itself when a connection drops early; once an answer has begun, that would
        // splice two answers into one body, so it ends the attempt instead (run() decides about sending again).
        if (headersRead || received > 0) {
            if (announced >= 0 && received < announced) {
                stop(Outcome::Truncated, cutShort(received, announced));
            } else {
                stop(Outcome::Reset,
                     QStringLiteral("the connection to %1 broke in the middle of the answer").arg(hostPort(url)));
            }
            return;
        }
        qCDebug(lcNet) << "request sent" << (a.sent ? "again" : "");
        alive();
    });
    QObject::connect(r, &QNetworkReply::uploadProgress, &loop, [&](qint64 sent, qint64) {
        if (sent > 0) {
            alive(); // a large body is on its way: connected, and the idle timeout applies
        }
    });
    QObject::connect(r, &QNetworkReply::metaDataChanged, &loop, [&] {
        alive();
        readHeaders();
    });
    QObject::connect(r, &QNetworkReply::readyRead, &loop, [&] {
        alive();
        consume();
    });
    QObject::connect(r, &QNetworkReply::sslErrors, &loop,
                     [&](const QList<QSslError> &errors) { sslErrors += errors; }); // never ignored
    QObject::connect(r, &QNetworkReply::finished, &loop, [&] {
        if (done) {
            return;
        }
        consume();
        if (done) {
            return;
        }
        done = true;
        loop.quit();
        const QNetworkReply::NetworkError error = r->error();
        // Qt reports an HTTP error status as a "content" or "server" error; the answer itself is complete.
        const bool httpLevel =
            error == QNetworkReply::NoError ||
            (error >= QNetworkReply::ContentAccessDenied && error <= QNetworkReply::UnknownContentError) ||
            (error >= QNetworkReply::InternalServerError && error <= QNetworkReply::UnknownServerError);
        const bool expectsBody = method != "HEAD" && a.status != 204 && a.status != 304;
        if (headersRead && expectsBody && announced >= 0 && received < announced) {
            a.outcome = Outcome::Truncated;
            a.detail = cutShort(received, announced);
            return;
        }
        if (headersRead && expectsBody && inflater && received > 0 && !inflater->finished()) {
            a.outcome = Outcome::Truncated;
            a.detail = QStringLiteral("the compressed body was cut short after %1 bytes").arg(received);
            return;
        }
        if (headersRead && httpLevel) {
            a.outcome = Outcome::Answered;
            return;
        }
        switch (error) {
        case QNetworkReply::ConnectionRefusedError:
            a.outcome = Outcome::Refused;
            a.sent = false;
            a.detail = QStringLiteral("the connection to %1 was refused").arg(hostPort(url));
            break;
        case QNetworkReply::HostNotFoundError:
            a.outcome = Outcome::Refused;
            a.sent = false;
            a.detail = QStringLiteral("the host name %1 could not be resolved").arg(url.host());
            break;
        case QNetworkReply::SslHandshakeFailedError: {
            a.outcome = Outcome::Tls;
            QStringList reasons;
            for (const QSslError &e : std::as_const(sslErrors)) {
                reasons << e.errorString();
            }
            reasons.removeDuplicates();
            a.detail = reasons.isEmpty()
                           ? QStringLiteral("the TLS handshake with %1 failed: %2").arg(url.host(), r->errorString())
                           : QStringLiteral("the TLS certificate of %1 is not trusted: %2")
                                 .arg(url.host(), reasons.join(QStringLiteral("; ")));
            break;
        }
        case QNetworkReply::RemoteHostClosedError:
        case QNetworkReply::TemporaryNetworkFailureError:
        case QNetworkReply::NetworkSessionFailedError:
        case QNetworkReply::UnknownNetworkError:
            a.outcome = Outcome::Reset;
            a.detail = headersRead ? QStringLiteral("the connection to %1 broke in the middle of the answer (%2)")
                                         .arg(hostPort(url), r->errorString())
                                   : QStringLiteral("the connection to %1 was closed before an answer came (%2)")
                                         .arg(hostPort(url), r->errorString());
            break;
        default:
            a.outcome = Outcome::Failed;
            a.detail = r->errorString();
            break;
        }
    });

    phase.start(policy.connectTimeoutMs);
    poll.start(kCancelPollMs);
    if (cancelled()) {
        stop(Outcome::Cancelled, QStringLiteral("cancelled"));
    } else if (!done) {
        loop.exec();
    }
    return a;
}

HttpResponse HttpClient::Impl::run(const HttpRequest &request, const OnData *onData)
{
    Q_ASSERT_X(!isGuiThread(), "HttpClient", "blocking HTTP on the GUI thread");

    HttpResponse response;
    QByteArray method = request.method.isEmpty() ? QByteArray("GET") : request.method.toUpper();
    QUrl url = request.url;
    QByteArray body = request.body;
    bool sendToken = true;
    QList<QUrl> visited{url};
    int redirects = 0;
    int tries = 0;
    int sameStatus = 0; // how many attempts in a row ended with the last status
    int lastStatus = 0;

    const auto fail = [&](const QString &what) {
        QString message = QStringLiteral("%1 %2 failed: %3").arg(QString::fromLatin1(method), displayUrl(url), what);
        if (!request.bearerToken.isEmpty()) {
            message.replace(request.bearerToken, QStringLiteral("[token]")); // a server may echo it back
        }
        response.error = message;
        qCDebug(lcNet).noquote() << message; // the caller reports it; this is for tracing a sync
        return response;
    };

    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        return fail(QStringLiteral("not an http or https address"));
    }

    for (;;) {
        if (cancelled()) {
            response.cancelled = true;
            return fail(QStringLiteral("cancelled"));
        }
        ++tries;
        response.attempts = tries;
        Attempt a = attempt(method, url, body, request, sendToken, onData);
        qCDebug(lcNet).noquote() << method << displayUrl(url) << "attempt" << tries << "status" << a.status << a.detail;
        if (a.outcome == Outcome::Cancelled) {
            response.cancelled = true;
            return fail(QStringLiteral("cancelled"));
        }
        response.status = a.status;
        response.headers = a.headers;
        response.body = std::move(a.body);

        const bool answered = a.outcome == Outcome::Answered;
        if (answered && isRedirect(a.status)) {
            const QByteArray location = headerValue(a.headers, "Location");
            if (location.isEmpty()) {
                return fail(QStringLiteral("the server answered %1 without saying where to")
                                .arg(statusText(a.status, a.reason)));
            }
            const QUrl target = url.resolved(QUrl::fromEncoded(location.trimmed()));
            if (target.scheme() != url.scheme()) {
                return fail(
                    target.scheme() == QLatin1String("https")
                        ? QStringLiteral("the server redirects to %1; MeshLens never follows a redirect to another "
                                         "scheme: use the https address instead")
                              .arg(displayUrl(target))
                        : QStringLiteral("the server redirects to %1, which would drop TLS; MeshLens never follows a "
                                         "redirect to another scheme")
                              .arg(displayUrl(target)));
            }
            if (visited.contains(target)) {
                return fail(QStringLiteral("the server redirects in a loop (back to %1)").arg(displayUrl(target)));
            }
            if (++redirects > policy.maxRedirects) {
                return fail(QStringLiteral("more than %1 redirects").arg(policy.maxRedirects));
            }
            // The token is for the host the user named, not for wherever that host points.
            if (target.host() != url.host() || target.port() != url.port()) {
                sendToken = false;
            }
            if (a.status == 303 || ((a.status == 301 || a.status == 302) && method == "POST")) {
                method = "GET";
                body.clear();
            }
            visited << target;
            url = target;
            tries = 0;
            sameStatus = 0;
            lastStatus = 0;
            continue;
        }

        if (answered) {
            sameStatus = a.status == lastStatus ? sameStatus + 1 : 1;
            lastStatus = a.status;
        } else {
            sameStatus = 0;
            lastStatus = 0;
        }
        const bool retryable = answered ? isRetryableStatus(a.status) : isRetryableOutcome(a.outcome);
        const bool maySend = !a.delivered && (request.retryable || !a.sent);
        if (retryable && maySend && tries < policy.maxAttempts) {
            const int delay =
                HttpClient::retryDelayMs(tries, headerValue(a.headers, "Retry-After"), policy,
                                         QRandomGenerator::global()->generateDouble(), QDateTime::currentDateTimeUtc());
            if (!wait(delay)) {
                response.cancelled = true;
                return fail(QStringLiteral("cancelled"));
            }
            continue;
        }

        QString what;
        if (answered && (a.status < 200 || a.status >= 300)) {
            const QString status = statusText(a.status, a.reason);
            if (a.status == 401 || a.status == 403) {
                what = request.bearerToken.isEmpty() || !sendToken
                           ? QStringLiteral("the server asks for a token (%1) and none was sent").arg(status)
                           : QStringLiteral("the server rejected the token (%1)").arg(status);
            } else if (sameStatus > 1) {
                what = QStringLiteral("the server answered %1 %2 times").arg(status).arg(sameStatus);
            } else {
                what = QStringLiteral("the server answered %1").arg(status);
            }
        } else if (!answered) {
            what = tries > 1 ? QStringLiteral("%1 (%2 attempts)").arg(a.detail).arg(tries) : a.detail;
        }
        if (!what.isEmpty()) {
            if (retryable && !maySend && !a.delivered) {
                what += QStringLiteral("; it was not sent again because the server may have applied it");
            } else if (a.outcome == Outcome::Refused) {
                what += QStringLiteral("; is the server running?");
            } else if (retryable) {
                what += QStringLiteral("; try again later");
            }
            return fail(what);
        }

        // A 2xx answer.
        if (!request.expectContentType.isEmpty()) {
            const QByteArray got = mediaType(headerValue(a.headers, "Content-Type"));
            const QByteArray want = mediaType(request.expectContentType);
            if (got != want) {
                return fail(QStringLiteral("the server answered with %1 instead of %2 (is this the right address?)")
                                .arg(got.isEmpty() ? QStringLiteral("no content type") : QString::fromLatin1(got),
                                     QString::fromLatin1(want)));
            }
            if (!onData && want.endsWith("json")) {
                QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
                const QString decoded = decoder.decode(response.body);
                if (decoder.hasError()) {
                    return fail(QStringLiteral("the server's JSON answer is not valid UTF-8"));
                }
            }
        }
        return response;
    }
}

} // namespace meshlens::models
