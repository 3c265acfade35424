#include "faulthttpserver.h"

#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#include <sys/socket.h>

namespace meshlens::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition Failed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

// A reset, not a clean close: the peer sees ECONNRESET.
void resetConnection(QTcpSocket *socket)
{
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        struct linger lingerOption
        {
            1, 0
        };
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &lingerOption, sizeof lingerOption);
    }
    socket->abort();
}

} // namespace

FaultResponse FaultResponse::ok(const QByteArray &body, const QByteArray &contentType)
{
    FaultResponse r;
    r.body = body;
    r.contentType = contentType;
    return r;
}

FaultResponse FaultResponse::withStatus(int status, const QByteArray &body)
{
    FaultResponse r;
    r.status = status;
    r.body = body.isEmpty() ? QByteArray("{\"code\": ") + QByteArray::number(status) + "}" : body;
    return r;
}

FaultResponse FaultResponse::redirect(int status, const QByteArray &location)
{
    FaultResponse r;
    r.status = status;
    r.headers.append({"Location", location});
    return r;
}

FaultResponse FaultResponse::faulty(Fault fault, const QByteArray &body)
{
    FaultResponse r;
    r.fault = fault;
    r.body = body;
    return r;
}

FaultResponse &FaultResponse::slowDrip(int bytes, int intervalMs)
{
    fault = Fault::SlowDrip;
    dripBytes = bytes;
    dripIntervalMs = intervalMs;
    return *this;
}

FaultResponse FaultResponse::handled()
{
    FaultResponse r;
    r.fromHandler = true;
    return r;
}

FaultResponse &FaultResponse::header(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

QByteArray ReceivedRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

struct FaultHttpServer::Connection
{
    QPointer<QTcpSocket> socket;
    QByteArray buffer;
};

FaultHttpServer::FaultHttpServer(QObject *parent)
    : QObject(parent)
{}

FaultHttpServer::~FaultHttpServer() = default;

bool FaultHttpServer::listen()
{
    m_tls = false;
    m_server = std::make_unique<QTcpServer>();
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            accept(socket);
        }
    });
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool FaultHttpServer::listenTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_tls = true;
    auto server = std::make_unique<QSslServer>();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // the client is not asked for a certificate
    server->setSslConfiguration(configuration);
    connect(server.get(), &QSslServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            accept(socket);
        }
    });
    m_server = std::move(server);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FaultHttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl FaultHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(port())
                    .arg(path));
}

void FaultHttpServer::script(const QByteArray &path, const QList<FaultResponse> &responses)
{
    m_scripts[path] = responses;
    m_served[path] = 0;
}

void FaultHttpServer::setHandler(std::function<FaultResponse(const ReceivedRequest &)> handler)
{
    m_handler = std::move(handler);
}

QList<ReceivedRequest> FaultHttpServer::requests() const
{
    const std::lock_guard lock(m_mutex);
    return m_requests;
}

int FaultHttpServer::requestCount(const QByteArray &path) const
{
    const std::lock_guard lock(m_mutex);
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(),
                             [&path](const ReceivedRequest &r) { return r.path == path; }));
}

void FaultHttpServer::accept(QTcpSocket *socket)
{
    socket->setParent(this);
    auto connection = std::make_shared<Connection>();
    connection->socket = socket;
    connect(socket, &QTcpSocket::readyRead, this, [this, connection] { onReadable(connection.get()); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->bytesAvailable() > 0) {
        onReadable(connection.get());
    }
}

void FaultHttpServer::onReadable(Connection *connection)
{
    if (!connection->socket) {
        return;
    }
    connection->buffer += connection->socket->readAll();
    const qsizetype end = connection->buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        return;
    }
    const QList<QByteArray> lines = connection->buffer.left(end).split('\n');
    ReceivedRequest request;
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.target = first.value(1);
    request.path =
        request.target.left(request.target.indexOf('?') < 0 ? request.target.size() : request.target.indexOf('?'));
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            continue;
        }
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            length = value.toLongLong();
        }
    }
    if (connection->buffer.size() < end + 4 + length) {
        return; // the body is still coming
    }
    request.body = connection->buffer.mid(end + 4, length);
    connection->buffer.clear();
    {
        const std::lock_guard lock(m_mutex);
        m_requests.append(request);
    }
    respond(connection, request);
}

void FaultHttpServer::respond(Connection *connection, const ReceivedRequest &request)
{
    FaultResponse response;
    if (auto it = m_scripts.find(request.path); it != m_scripts.end() && !it->second.isEmpty()) {
        const int index = std::min<int>(m_served[request.path]++, int(it->second.size()) - 1);
        response = it->second[index];
        if (response.fromHandler) {
            const FaultResponse scripted = response;
            response = m_handler ? m_handler(request) : FaultResponse::withStatus(404);
            response.fault = scripted.fault;
            response.dripIntervalMs = scripted.dripIntervalMs;
            response.dripBytes = scripted.dripBytes;
        }
    } else if (m_handler) {
        response = m_handler(request);
    } else {
        response = FaultResponse::withStatus(404);
    }

    QTcpSocket *socket = connection->socket;
    using Fault = FaultResponse::Fault;
    if (response.fault == Fault::Stall) {
        return; // the socket stays open until the client gives up or the server goes
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty()) {
        head += "Content-Type: " + response.contentType + "\r\n";
    }
    for (const auto &[name, value] : std::as_const(response.headers)) {
        head += name + ": " + value + "\r\n";
    }
    const qsizetype announced =
        response.fault == Fault::Truncated ? response.body.size() * 2 + 10 : response.body.size();
    if (response.fault != Fault::NoContentLength) {
        head += "Content-Length: " + QByteArray::number(announced) + "\r\n";
    }
    head += "Connection: close\r\n\r\n";
    const bool isHead = request.method == "HEAD";
    const QByteArray body = isHead ? QByteArray() : response.body;

    switch (response.fault) {
    case Fault::ResetMidBody:
        socket->write(head + body.left(body.size() / 2));
        socket->flush();
        // Let the half body leave before the reset, which discards whatever is still queued.
        QTimer::singleShot(50, socket, [socket] { resetConnection(socket); });
        return;
    case Fault::SlowDrip: {
        auto remaining = std::make_shared<QByteArray>(head + body);
        auto *timer = new QTimer(socket);
        connect(timer, &QTimer::timeout, socket, [socket, timer, remaining, step = response.dripBytes] {
            socket->write(remaining->left(step));
            remaining->remove(0, std::min<qsizetype>(step, remaining->size()));
            if (remaining->isEmpty()) {
                timer->stop();
                socket->disconnectFromHost();
            }
        });
        timer->start(response.dripIntervalMs);
        return;
    }
    default:
        socket->write(head + body);
        socket->disconnectFromHost(); // after the queued bytes are written
        return;
    }
}

} // namespace meshlens::test
