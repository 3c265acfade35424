#pragma once

// The one HTTP layer every network source uses (bundle over HTTP, OpenMetadata): the retry, redirect, size and
// TLS policy lives here and nowhere else.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace meshlens::models {

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers; // besides User-Agent and Authorization
    QByteArray body;
    QString bearerToken; // sent as Authorization: Bearer; never logged, never part of an error message
    // Whether a failed attempt may be sent again (GET always; a PATCH only with If-Match or an idempotency key).
    bool retryable = true;
    // When set (e.g. "application/json"), a 2xx answer of another media type fails (a login page, a proxy's error
    // page), and a JSON answer must be valid UTF-8.
    QByteArray expectContentType;
};

struct HttpResponse
{
    int status = 0; // the final HTTP status; 0 when no HTTP answer came
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString error; // for a person, set when the request failed for good: names the host and the reason
    bool cancelled = false;
    int attempts = 0; // how many times the request was sent to the final address (redirect hops not counted)

    [[nodiscard]] QByteArray header(const QByteArray &name) const; // case-insensitive; empty if absent
    [[nodiscard]] bool ok() const { return error.isEmpty() && !cancelled && status >= 200 && status < 300; }
};

struct HttpPolicy
{
    int connectTimeoutMs = 15000;
    int idleTimeoutMs = 30000; // no byte for this long ends the attempt
    int maxAttempts = 5;       // 5xx, 429, resets and timeouts are retried with exponential backoff and jitter
    int baseBackoffMs = 500;
    int maxBackoffMs = 30000; // also the most a Retry-After is honoured for
    int maxRedirects = 5;     // never to another scheme
    std::int64_t maxResponseBytes = std::int64_t(256) << 20;
};

// Blocking HTTP for worker threads (the sync worker, the outbox delivery worker); never call it on the GUI thread.
// Each client owns its QNetworkAccessManager and waits in an event loop local to the calling worker, the one place
// the project allows that (a worker has no event loop to return to mid-read). The cancel flag ends a wait within
// a few milliseconds. Use one client from one thread at a time; it keeps connections open between calls.
class HttpClient final
{
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    explicit HttpClient(HttpPolicy policy = {}, const std::atomic<bool> *cancel = nullptr);
    ~HttpClient();

    [[nodiscard]] HttpResponse send(const HttpRequest &request);
    // Hands the body to onData as it arrives (a bundle of gigabytes): no size cap and no retry once data arrived.
    // onData returns an error to stop. The response's body stays empty, except for a failed answer's first 64 KiB
    // (a server's error message). The body arrives decompressed; Content-Length is checked on the wire bytes.
    [[nodiscard]] HttpResponse stream(const HttpRequest &request,
                                      const std::function<std::optional<QString>(const QByteArray &chunk)> &onData);

    // Tests trust their own certificate authority through this; TLS errors are never ignored.
    void setTlsConfiguration(const QSslConfiguration &configuration);

    // The wait before the next attempt after `failedAttempts` failed ones: exponential from baseBackoffMs with full
    // jitter (`jitter` in [0, 1) scales it), or the server's Retry-After (seconds, or an HTTP date relative to
    // `now`) when it gives a readable one; never more than maxBackoffMs.
    [[nodiscard]] static int retryDelayMs(int failedAttempts, const QByteArray &retryAfter, const HttpPolicy &policy,
                                          double jitter, const QDateTime &now);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace meshlens::models
