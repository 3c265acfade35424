#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace meshlens::app {

// Keeps one MeshLens window per catalog cache: the first launch listens on a local socket named after the cache,
// a later launch hands its meshlens:// links to it and exits. The socket lives in the user's runtime directory
// ($XDG_RUNTIME_DIR), so other users cannot reach it. GUI thread; owned by main().
//
// The protocol is one UTF-8 line per link, then the client disconnects; an empty message only asks the running
// window to come to the front. What arrives is untrusted: lines are capped, and each is parsed as a DeepLink by
// whoever receives linkReceived().
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    explicit SingleInstance(const QString &databasePath, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The socket's path for this cache.
    [[nodiscard]] QString socketPath() const { return m_socketPath; }
    // Hands the links to a running instance; false when none answers (then this process should become it). Runs
    // before the event loop starts, so it may wait briefly for the socket.
    [[nodiscard]] bool forwardToRunning(const QStringList &links) const;
    // Starts listening; false when another instance answers on the socket after all (it started meanwhile: forward
    // to it), or, with a message on stderr, when the socket cannot be made (then this window runs alone).
    bool listen();
    [[nodiscard]] bool isListening() const;

    static constexpr int kMaxMessageBytes = 64 * 1024;

Q_SIGNALS:
    void activationRequested();
    void linkReceived(const QString &link);

private:
    void onNewConnection();

    QString m_socketPath;
    QLocalServer *m_server = nullptr;
};

} // namespace meshlens::app
