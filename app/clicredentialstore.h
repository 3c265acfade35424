#pragma once

#include "models/sources/credentials.h"
#include "models/sources/keychaincredentialstore.h"

namespace meshlens::app {

// The command line's tokens: MESHLENS_OPENMETADATA_TOKEN (scripts, CI) for every OpenMetadata source when it is
// set, else what the GUI stored in the keychain. Lives for one CLI verb on its thread.
class CliCredentialStore final : public models::CredentialStore
{
public:
    CliCredentialStore() = default;

    [[nodiscard]] Lookup read(const QString &sourceUri) override
    {
        const QString token = qEnvironmentVariable("MESHLENS_OPENMETADATA_TOKEN");
        if (!token.isEmpty() && sourceUri.startsWith(QLatin1String("openmetadata+"))) {
            return {token, {}};
        }
        return m_keychain.read(sourceUri);
    }
    [[nodiscard]] std::optional<QString> write(const QString &sourceUri, const QString &secret) override
    {
        return m_keychain.write(sourceUri, secret);
    }
    [[nodiscard]] std::optional<QString> remove(const QString &sourceUri) override
    {
        return m_keychain.remove(sourceUri);
    }

private:
    models::KeychainCredentialStore m_keychain;
};

} // namespace meshlens::app
