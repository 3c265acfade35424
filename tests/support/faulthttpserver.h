#pragma once

// A scriptable HTTP/1.1 server for the tests of every network source: it answers per path with a script of
// responses and faults (server errors N times, 429 with Retry-After, a reset or a short body, a stalled or dripping
// connection, redirects, bodies over a cap, TLS with any certificate) and records what it received.
// It listens on 127.0.0.1 with a port the OS chooses and lives on the thread that creates it (the test's main
// thread, whose event loop must run while a client on a worker thread talks to it). The test owns it.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace meshlens::test {

struct FaultResponse
{
    enum class Fault
    {
        None,
        ResetMidBody,    // half the body, then a TCP reset
        Truncated,       // Content-Length larger than the body sent, then a clean close
        Stall,           // reads the request and never answers
        SlowDrip,        // the whole answer, dripBytes every dripIntervalMs
        NoContentLength, // the body ends when the connection closes
    };

    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Fault fault = Fault::None;
    int dripIntervalMs = 10;
    int dripBytes = 1;
    bool fromHandler = false; // answered by the handler (a real server behind the faults), this fault applied

    static FaultResponse handled(); // the handler's answer, as it is

    static FaultResponse ok(const QByteArray &body, const QByteArray &contentType = "application/json");
    static FaultResponse withStatus(int status, const QByteArray &body = {});
    static FaultResponse redirect(int status, const QByteArray &location);
    static FaultResponse faulty(Fault fault, const QByteArray &body = "{\"the\": \"whole body\"}");
    FaultResponse &header(const QByteArray &name, const QByteArray &value);
    // The whole answer, `bytes` at a time every `intervalMs` (Fault::SlowDrip).
    FaultResponse &slowDrip(int bytes, int intervalMs);
};

struct ReceivedRequest
{
    QByteArray method;
    QByteArray target; // as sent: path and query
    QByteArray path;   // without the query
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    [[nodiscard]] QByteArray header(const QByteArray &name) const; // case-insensitive; empty if absent
};

class FaultHttpServer final : public QObject
{
    Q_DISABLE_COPY_MOVE(FaultHttpServer)

public:
    explicit FaultHttpServer(QObject *parent = nullptr);
    ~FaultHttpServer() override;

    bool listen();                                                          // plain HTTP
    bool listenTls(const QSslCertificate &certificate, const QSslKey &key); // HTTPS with this certificate
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QUrl url(const QString &path) const; // http(s)://127.0.0.1:port/path

    // The answers for a path (without the query), in order; the last one repeats. Other paths go to the handler,
    // or get 404; so does a scripted FaultResponse::handled(), which lets faults come before a real server's answers.
    void script(const QByteArray &path, const QList<FaultResponse> &responses);
    void setHandler(std::function<FaultResponse(const ReceivedRequest &)> handler);

    [[nodiscard]] QList<ReceivedRequest> requests() const;
    [[nodiscard]] int requestCount(const QByteArray &path) const;

private:
    struct Connection;
    void accept(QTcpSocket *socket);
    void onReadable(Connection *connection);
    void respond(Connection *connection, const ReceivedRequest &request);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    std::map<QByteArray, QList<FaultResponse>> m_scripts;
    std::map<QByteArray, int> m_served;
    std::function<FaultResponse(const ReceivedRequest &)> m_handler;
    mutable std::mutex m_mutex; // guards m_requests, which a test may read from any thread
    QList<ReceivedRequest> m_requests;
};

} // namespace meshlens::test
