#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace meshlens::models {

// Where sources keep their secrets (API tokens), per source address: the OS keychain in the app, memory in tests.
// Never QSettings, never the cache. Thread-safe; calls may block briefly (the keychain answers over D-Bus), so the
// GUI calls them from a worker or accepts the short wait of a dialog's OK.
class CredentialStore
{
public:
    CredentialStore() = default;
    virtual ~CredentialStore() = default;
    Q_DISABLE_COPY_MOVE(CredentialStore)

    struct Lookup
    {
        std::optional<QString> secret; // nothing stored for that source when empty and error is empty
        QString error;                 // the store could not be asked (no keychain service running, ...)
    };
    [[nodiscard]] virtual Lookup read(const QString &sourceUri) = 0;
    // Returns what went wrong, for a person, or nothing.
    [[nodiscard]] virtual std::optional<QString> write(const QString &sourceUri, const QString &secret) = 0;
    [[nodiscard]] virtual std::optional<QString> remove(const QString &sourceUri) = 0;
};

// Secrets in this process's memory only: tests, and a CLI run handed its token through the environment.
class MemoryCredentialStore final : public CredentialStore
{
public:
    MemoryCredentialStore() = default;

    [[nodiscard]] Lookup read(const QString &sourceUri) override
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_secrets.constFind(sourceUri);
        return {it == m_secrets.constEnd() ? std::nullopt : std::optional<QString>(*it), {}};
    }
    [[nodiscard]] std::optional<QString> write(const QString &sourceUri, const QString &secret) override
    {
        const QMutexLocker lock(&m_mutex);
        m_secrets.insert(sourceUri, secret);
        return std::nullopt;
    }
    [[nodiscard]] std::optional<QString> remove(const QString &sourceUri) override
    {
        const QMutexLocker lock(&m_mutex);
        m_secrets.remove(sourceUri);
        return std::nullopt;
    }

private:
    QMutex m_mutex;
    QHash<QString, QString> m_secrets;
};

} // namespace meshlens::models
