#pragma once

#include "credentials.h"

namespace meshlens::models {

// Source tokens in the OS keychain (Secret Service, macOS Keychain, Windows Credential Manager) through qtkeychain:
// service "MeshLens", one entry per source address. Each call blocks its thread until the keychain answered, as the
// CredentialStore contract says; call it from a worker or a dialog's OK. Owned by the application, shared by threads.
class KeychainCredentialStore final : public CredentialStore
{
public:
    KeychainCredentialStore() = default;

    [[nodiscard]] Lookup read(const QString &sourceUri) override;
    [[nodiscard]] std::optional<QString> write(const QString &sourceUri, const QString &secret) override;
    [[nodiscard]] std::optional<QString> remove(const QString &sourceUri) override;

    [[nodiscard]] static QString serviceName() { return QStringLiteral("MeshLens"); }
};

} // namespace meshlens::models
