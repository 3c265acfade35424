#include "keychaincredentialstore.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>

namespace meshlens::models {

namespace {

// Runs a keychain job to its end. The jobs answer asynchronously (over D-Bus on Linux); the store's contract is a
// blocking call, so the calling thread waits in an event loop of its own for this one job.
void runJob(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

QString describe(const QKeychain::Job &job)
{
    // The error text names the service and the failure, never the secret.
    return QStringLiteral("the system keychain answered: %1").arg(job.errorString());
}

} // namespace

CredentialStore::Lookup KeychainCredentialStore::read(const QString &sourceUri)
{
    QKeychain::ReadPasswordJob job(serviceName());
    job.setKey(sourceUri);
    runJob(job);
    if (job.error() == QKeychain::EntryNotFound) {
        return {std::nullopt, {}};
    }
    if (job.error() != QKeychain::NoError) {
        return {std::nullopt, describe(job)};
    }
    return {job.textData(), {}};
}

std::optional<QString> KeychainCredentialStore::write(const QString &sourceUri, const QString &secret)
{
    QKeychain::WritePasswordJob job(serviceName());
    job.setKey(sourceUri);
    job.setTextData(secret);
    runJob(job);
    if (job.error() != QKeychain::NoError) {
        return describe(job);
    }
    return std::nullopt;
}

std::optional<QString> KeychainCredentialStore::remove(const QString &sourceUri)
{
    QKeychain::DeletePasswordJob job(serviceName());
    job.setKey(sourceUri);
    runJob(job);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound) {
        return describe(job);
    }
    return std::nullopt;
}

} // namespace meshlens::models
