#pragma once

#include "../../net/httpclient.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace meshlens::models {

// The OpenMetadata REST API as JSON calls over the shared HttpClient: the base URL and token, list paging with
// `after` cursors, and error texts a person can act on (never holding the token). Used by one worker thread for
// one read or one delivery; owned by the caller.
class OpenMetadataClient final
{
    Q_DISABLE_COPY_MOVE(OpenMetadataClient)

public:
    using Query = QList<QPair<QString, QString>>;

    // serverBase: http(s)://host[:port][/base], without /api.
    OpenMetadataClient(const QUrl &serverBase, const QString &token, const std::atomic<bool> *cancel,
                       const HttpPolicy &policy);
    ~OpenMetadataClient();

    struct Reply
    {
        int status = 0;
        QJsonObject json; // the answer, when it is a JSON object
        QByteArray etag;  // the ETag header, if any
        QString error;    // for a person; empty when the call succeeded
        bool cancelled = false;
        [[nodiscard]] bool ok() const { return error.isEmpty() && !cancelled; }
    };

    // path is below /api, already encoded ("/v1/tables/name/sample_data.%22dim.shop%22").
    [[nodiscard]] Reply get(const QByteArray &path, const Query &query = {});
    [[nodiscard]] Reply send(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                             const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                             bool retryable = false);

    // Every entity of a list endpoint, page by page (`limit`, then `after` until the server gives none). onPage
    // returns an error to stop. A 404 is an error unless notFound is given, which is then set and nothing is read.
    [[nodiscard]] std::optional<QString> list(const QByteArray &path, const Query &query, int limit,
                                              const std::function<std::optional<QString>(const QJsonArray &)> &onPage,
                                              bool *notFound = nullptr);

    [[nodiscard]] QString host() const;
    // A client of its own for another thread (same server, token, cancel flag, policy and transport).
    [[nodiscard]] std::unique_ptr<OpenMetadataClient> sibling() const;
    // Answers requests instead of the network: the benchmark's floor replays recorded pages from local files.
    using Transport = std::function<HttpResponse(const HttpRequest &)>;
    void setTransport(Transport transport) { m_transport = std::move(transport); }
    // The fixed answer to 401 and 403, for probe() and every other call.
    [[nodiscard]] static QString tokenRejected();

private:
    [[nodiscard]] QUrl url(const QByteArray &path, const Query &query) const;
    [[nodiscard]] Reply finish(const QByteArray &method, const QByteArray &path, const HttpResponse &response) const;

    QUrl m_base;
    QString m_token;
    const std::atomic<bool> *m_cancel = nullptr;
    HttpPolicy m_policy;
    std::unique_ptr<HttpClient> m_http;
    Transport m_transport;
};

} // namespace meshlens::models
