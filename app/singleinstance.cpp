#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

#include <cstdio>
#include <memory>

namespace meshlens::app {

namespace {

constexpr int kConnectTimeoutMs = 1000;
constexpr int kWriteTimeoutMs = 3000;

} // namespace

SingleInstance::SingleInstance(const QString &databasePath, QObject *parent)
    : QObject(parent)
{
    // One socket per cache: two windows on two caches are two instances. Short names, as socket paths are capped
    // near 100 bytes.
    const QString canonical = QFileInfo(databasePath).absoluteFilePath();
    const QByteArray hash = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty()) {
        dir = QDir::tempPath();
    }
    m_socketPath = QDir(dir).filePath(QStringLiteral("meshlens-%1.socket").arg(QString::fromLatin1(hash)));
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::forwardToRunning(const QStringList &links) const
{
    QLocalSocket socket;
    socket.connectToServer(m_socketPath);
    if (!socket.waitForConnected(kConnectTimeoutMs)) {
        return false;
    }
    QByteArray message;
    for (const QString &link : links) {
        message += link.toUtf8().replace('\n', ' ') + '\n';
    }
    socket.write(message.left(kMaxMessageBytes));
    if (!message.isEmpty()) {
        socket.waitForBytesWritten(kWriteTimeoutMs);
    }
    socket.disconnectFromServer();
    if (socket.state() != QLocalSocket::UnconnectedState) {
        socket.waitForDisconnected(kWriteTimeoutMs);
    }
    return true;
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_socketPath)) {
        // Either another MeshLens started in the meantime (then it answers, and this one must not take its
        // socket away), or the file is left from one that crashed.
        QLocalSocket probe;
        probe.connectToServer(m_socketPath);
        if (probe.waitForConnected(kConnectTimeoutMs)) {
            probe.abort();
            return false;
        }
        QLocalServer::removeServer(m_socketPath);
        if (!m_server->listen(m_socketPath)) {
            std::fprintf(stderr, "meshlens: cannot listen on %s: %s\n", qPrintable(m_socketPath),
                         qPrintable(m_server->errorString()));
            return false;
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QLocalSocket::readyRead, this, [socket, buffer]() {
            *buffer += socket->readAll();
            if (buffer->size() > kMaxMessageBytes) {
                socket->abort(); // a well-behaved MeshLens never sends this much
            }
        });
        connect(socket, &QLocalSocket::disconnected, this, [this, socket, buffer]() {
            *buffer += socket->readAll();
            socket->deleteLater();
            if (buffer->size() > kMaxMessageBytes) {
                return; // cut off: no telling which line was whole
            }
            Q_EMIT activationRequested();
            const QList<QByteArray> lines = buffer->split('\n');
            for (const QByteArray &line : lines) {
                if (!line.trimmed().isEmpty()) {
                    Q_EMIT linkReceived(QString::fromUtf8(line.trimmed()));
                }
            }
        });
    }
}

} // namespace meshlens::app
