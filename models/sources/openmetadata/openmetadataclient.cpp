#include "openmetadataclient.h"

#include <QFuture>
#include <QtConcurrent>

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace meshlens::models {

OpenMetadataClient::OpenMetadataClient(const QUrl &serverBase, const QString &token, const std::atomic<bool> *cancel,
                                       const HttpPolicy &policy)
    : m_base(serverBase)
    , m_token(token)
    , m_cancel(cancel)
    , m_policy(policy)
    , m_http(std::make_unique<HttpClient>(policy, cancel))
{}

std::unique_ptr<OpenMetadataClient> OpenMetadataClient::sibling() const
{
    auto other = std::make_unique<OpenMetadataClient>(m_base, m_token, m_cancel, m_policy);
    other->m_transport = m_transport;
    return other;
}

OpenMetadataClient::~OpenMetadataClient() = default;

QString OpenMetadataClient::tokenRejected()
{
    return QStringLiteral("the server rejected the token; change it in Sources → Edit…");
}

QString OpenMetadataClient::host() const
{
    return m_base.port() > 0 ? QStringLiteral("%1:%2").arg(m_base.host()).arg(m_base.port()) : m_base.host();
}

QUrl OpenMetadataClient::url(const QByteArray &path, const Query &query) const
{
    QByteArray encoded = m_base.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    encoded += "/api";
    encoded += path;
    // Encoded by hand: QUrlQuery leaves characters such as '<', '#' or '+' that the server would misread.
    for (qsizetype i = 0; i < query.size(); ++i) {
        encoded += i == 0 ? '?' : '&';
        encoded += QUrl::toPercentEncoding(query[i].first);
        encoded += '=';
        encoded += QUrl::toPercentEncoding(query[i].second, "*,");
    }
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

OpenMetadataClient::Reply OpenMetadataClient::finish(const QByteArray &method, const QByteArray &path,
                                                     const HttpResponse &response) const
{
    Reply r;
    r.status = response.status;
    r.etag = response.header("ETag");
    const QString what = QStringLiteral("%1 /api%2").arg(QString::fromLatin1(method), QString::fromUtf8(path));
    if (response.cancelled) {
        r.cancelled = true;
        r.error = QStringLiteral("cancelled");
        return r;
    }
    // No answer, a broken one, or a redirect the client would not follow: its own words say which.
    if (response.status == 0 || (!response.error.isEmpty() && response.status < 400)) {
        r.error = response.error.isEmpty() ? QStringLiteral("OpenMetadata at %1 did not answer %2").arg(host(), what)
                                           : response.error;
        return r;
    }
    if (response.status == 401 || response.status == 403) {
        r.error = QStringLiteral("OpenMetadata at %1 answered HTTP %2: %3")
                      .arg(host())
                      .arg(response.status)
                      .arg(tokenRejected());
        return r;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &parseError);
    if (response.status >= 300) {
        // The server's own message says which field or entity it refused; it never echoes the token.
        QString message = doc.isObject() ? doc.object().value(QLatin1String("message")).toString() : QString();
        if (message.size() > 300) {
            message = message.left(300) + QStringLiteral("…");
        }
        r.error = QStringLiteral("OpenMetadata at %1 answered HTTP %2 to %3%4")
                      .arg(host())
                      .arg(response.status)
                      .arg(what, message.isEmpty() ? QString() : QStringLiteral(": ") + message);
        r.json = doc.object();
        return r;
    }
    if (response.body.isEmpty() && response.status == 204) {
        return r;
    }
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        r.error = QStringLiteral("OpenMetadata at %1 sent an answer to %2 that is not a JSON object (%3 at byte %4): "
                                 "the response may have been cut short")
                      .arg(host(), what,
                           parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                        : QStringLiteral("not an object"))
                      .arg(parseError.offset);
        return r;
    }
    r.json = doc.object();
    return r;
}

OpenMetadataClient::Reply OpenMetadataClient::get(const QByteArray &path, const Query &query)
{
    HttpRequest request;
    request.url = url(path, query);
    request.bearerToken = m_token;
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    request.expectContentType = QByteArrayLiteral("application/json"); // a login page instead fails clearly
    return finish("GET", path, m_transport ? m_transport(request) : m_http->send(request));
}

OpenMetadataClient::Reply OpenMetadataClient::send(const QByteArray &method, const QByteArray &path,
                                                   const QByteArray &body, const QByteArray &contentType,
                                                   const QList<QPair<QByteArray, QByteArray>> &headers, bool retryable)
{
    HttpRequest request;
    request.method = method;
    request.url = url(path, {});
    request.bearerToken = m_token;
    request.body = body;
    request.retryable = retryable;
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    request.headers.append({QByteArrayLiteral("Content-Type"), contentType});
    request.headers.append(headers);
    return finish(method, path, m_transport ? m_transport(request) : m_http->send(request));
}

std::optional<QString> OpenMetadataClient::list(const QByteArray &path, const Query &query, int limit,
                                                const std::function<std::optional<QString>(const QJsonArray &)> &onPage,
                                                bool *notFound)
{
    const auto pageQuery = [&](const QString &after) {
        Query q = query;
        q.append({QStringLiteral("limit"), QString::number(limit)});
        if (!after.isEmpty()) {
            q.append({QStringLiteral("after"), after});
        }
        return q;
    };
    // The next page is asked for (by a client of its own, on a pool thread) while this one is handed over: the
    // server renders a page of 500 tables while the sync writes the last one, instead of the two taking turns.
    QSet<QString> seen;
    Reply reply = get(path, pageQuery({}));
    bool first = true;
    for (;;) {
        if (m_cancel && m_cancel->load()) {
            return QStringLiteral("cancelled");
        }
        if (reply.status == 404 && notFound && first) {
            *notFound = true;
            return std::nullopt;
        }
        first = false;
        if (!reply.ok()) {
            return reply.error;
        }
        const QJsonValue data = reply.json.value(QLatin1String("data"));
        if (!data.isArray()) {
            return QStringLiteral("OpenMetadata at %1 answered GET /api%2 without a 'data' list")
                .arg(host(), QString::fromUtf8(path));
        }
        const QString after =
            reply.json.value(QLatin1String("paging")).toObject().value(QLatin1String("after")).toString();
        if (!after.isEmpty() && seen.contains(after)) { // a server that loops would keep the sync running for ever
            return QStringLiteral("OpenMetadata at %1 repeated a paging cursor on GET /api%2")
                .arg(host(), QString::fromUtf8(path));
        }
        seen.insert(after);
        QFuture<Reply> next;
        if (!after.isEmpty()) {
            next = QtConcurrent::run([this, path, q = pageQuery(after)]() { return sibling()->get(path, q); });
        }
        auto err = onPage(data.toArray());
        if (after.isEmpty()) {
            return err;
        }
        reply = next.result(); // waited for even after an error: the request uses this client's settings
        if (err) {
            return err;
        }
    }
}

} // namespace meshlens::models
