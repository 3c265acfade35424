#pragma once

#include "../source.h"
#include "../sourceregistry.h"
#include "openmetadatareader.h"

#include <QString>
#include <QUrl>

namespace meshlens::models {

// An OpenMetadata 1.x server, addressed as openmetadata+https://host[:port][/base] (or openmetadata+http://, with a
// warning unless the host is this machine). Reads domains, data products, assets, people, teams, tests and lineage
// (a full snapshot, or a delta from the change events API), and delivers steward edits and feedback back through
// its pusher. The token comes from the credential store, by the source's canonical address. Created by
// SourceRegistry, used on the sync worker thread for one read.
class OpenMetadataSource final : public Source
{
public:
    // Parses an address; on failure returns an empty url and sets error.
    struct Address
    {
        QUrl server; // http(s)://host[:port][/base]
        QString uri; // canonical: openmetadata+https://host[:port][/base], lower-case host, no trailing slash
        QString error;
    };
    [[nodiscard]] static Address parseAddress(const QString &text);
    [[nodiscard]] static SourceRegistry::Kind registration();
    [[nodiscard]] static SourceRegistry::Opened open(const QString &text, const SourceEnvironment &environment);

    OpenMetadataSource(Address address, CredentialStore *credentials, OpenMetadataOptions options = {});

    [[nodiscard]] QString kind() const override { return QStringLiteral("openmetadata"); }
    [[nodiscard]] QString uri() const override { return m_address.uri; }
    [[nodiscard]] QString warning() const override;
    [[nodiscard]] Probe probe(const std::atomic<bool> &cancel) override;
    [[nodiscard]] std::optional<QString> read(ReadContext &context) override;
    [[nodiscard]] std::unique_ptr<OutboxPusher> makePusher() const override;

    void setOptions(const OpenMetadataOptions &options) { m_options = options; }

private:
    // The token, or an error from the credential store.
    [[nodiscard]] std::optional<QString> token(QString &out) const;

    Address m_address;
    CredentialStore *m_credentials = nullptr;
    OpenMetadataOptions m_options;
};

} // namespace meshlens::models
