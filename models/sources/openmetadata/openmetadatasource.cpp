#include "openmetadatasource.h"

#include "../credentials.h"
#include "openmetadatapusher.h"

#include <QHostAddress>

namespace meshlens::models {

namespace {

constexpr auto kPrefix = "openmetadata+";

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

OpenMetadataSource::Address OpenMetadataSource::parseAddress(const QString &text)
{
    Address a;
    const QString t = text.trimmed();
    if (!t.startsWith(QLatin1String(kPrefix), Qt::CaseInsensitive)) {
        a.error = QStringLiteral("'%1' is not an OpenMetadata address (openmetadata+https://host)").arg(t);
        return a;
    }
    QUrl url(t.mid(int(std::strlen(kPrefix))), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        a.error =
            QStringLiteral("'%1' is not a valid OpenMetadata address: write openmetadata+https://host[:port][/path]")
                .arg(t);
        return a;
    }
    if (!url.userInfo().isEmpty()) {
        a.error = QStringLiteral("the OpenMetadata address must not hold a user name or password; the token is "
                                 "asked for separately");
        return a;
    }
    url.setScheme(scheme);
    url.setHost(url.host().toLower());
    url.setQuery(QString());
    url.setFragment(QString());
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    if (path.endsWith(QLatin1String("/api"))) { // people paste the API base
        path.chop(4);
    }
    url.setPath(path);
    if ((scheme == QLatin1String("https") && url.port() == 443) ||
        (scheme == QLatin1String("http") && url.port() == 80)) {
        url.setPort(-1);
    }
    a.server = url;
    a.uri = QLatin1String(kPrefix) + url.toString(QUrl::FullyEncoded);
    return a;
}

SourceRegistry::Kind OpenMetadataSource::registration()
{
    return {QStringLiteral("openmetadata"),
            [](const QString &text) { return text.trimmed().startsWith(QLatin1String(kPrefix), Qt::CaseInsensitive); },
            &OpenMetadataSource::open};
}

SourceRegistry::Opened OpenMetadataSource::open(const QString &text, const SourceEnvironment &environment)
{
    Address address = parseAddress(text);
    if (!address.error.isEmpty()) {
        return {nullptr, address.error};
    }
    return {std::make_unique<OpenMetadataSource>(std::move(address), environment.credentials), {}};
}

OpenMetadataSource::OpenMetadataSource(Address address, CredentialStore *credentials, OpenMetadataOptions options)
    : m_address(std::move(address))
    , m_credentials(credentials)
    , m_options(std::move(options))
{}

QString OpenMetadataSource::warning() const
{
    if (m_address.server.scheme() == QLatin1String("http") && !isLoopback(m_address.server.host())) {
        return QStringLiteral("%1 is reached over plain HTTP: the token and the catalog travel unencrypted. Use "
                              "openmetadata+https:// unless this network is trusted.")
            .arg(m_address.server.host());
    }
    return {};
}

std::optional<QString> OpenMetadataSource::token(QString &out) const
{
    out.clear();
    if (!m_credentials) {
        return std::nullopt;
    }
    const CredentialStore::Lookup lookup = m_credentials->read(m_address.uri);
    if (!lookup.error.isEmpty()) {
        return QStringLiteral("the token for %1 could not be read: %2").arg(m_address.uri, lookup.error);
    }
    out = lookup.secret.value_or(QString());
    return std::nullopt;
}

Source::Probe OpenMetadataSource::probe(const std::atomic<bool> &cancel)
{
    QString secret;
    if (auto err = token(secret)) {
        return {false, *err};
    }
    OpenMetadataClient client(m_address.server, secret, &cancel, m_options.http);
    const auto reply = client.get("/v1/system/version");
    if (!reply.ok()) {
        return {false, reply.error};
    }
    const QString version = reply.json.value(QLatin1String("version")).toString();
    if (version.isEmpty()) {
        return {false,
                QStringLiteral("%1 answered, but not as an OpenMetadata server (no version)").arg(client.host())};
    }
    // The version endpoint may answer without a token: check it on a call that needs one.
    const auto me = client.get("/v1/users/loggedInUser");
    if (me.status == 401 || me.status == 403) {
        return {false, me.error};
    }
    return {true, QStringLiteral("OpenMetadata %1").arg(version)};
}

std::optional<QString> OpenMetadataSource::read(ReadContext &context)
{
    QString secret;
    if (auto err = token(secret)) {
        return err;
    }
    OpenMetadataClient client(m_address.server, secret, &context.cancel, m_options.http);
    if (m_options.transport) {
        client.setTransport(m_options.transport);
    }
    if (context.progress) {
        SyncProgress p;
        p.phase = SyncProgress::Phase::Connecting;
        p.step = QStringLiteral("version");
        context.progress(p);
    }
    const auto reply = client.get("/v1/system/version");
    if (!reply.ok()) {
        return reply.error;
    }
    const QString version = reply.json.value(QLatin1String("version")).toString();
    if (version.isEmpty()) {
        return QStringLiteral("%1 answered, but not as an OpenMetadata server (no version)").arg(client.host());
    }
    const OpenMetadataDialect dialect = OpenMetadataDialect::fromVersion(version);
    OpenMetadataReader reader(client, dialect, context, m_options,
                              QStringLiteral("OpenMetadata %1 at %2").arg(version, client.host()));
    bool fellBack = true;
    if (auto err = reader.readIncremental(fellBack)) {
        return err;
    }
    if (!fellBack) {
        return std::nullopt;
    }
    return reader.readFull();
}

std::unique_ptr<OutboxPusher> OpenMetadataSource::makePusher() const
{
    QString secret;
    if (token(secret)) {
        secret.clear(); // the pusher reports the rejected token when the server refuses it
    }
    return std::make_unique<OpenMetadataPusher>(m_address.server, m_address.uri, secret, m_options.http);
}

} // namespace meshlens::models
