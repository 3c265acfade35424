#pragma once

#include <QString>
#include <QStringList>

namespace meshlens::models {

// What one OpenMetadata server speaks, derived from GET /api/v1/system/version (reference, section 1): which field
// names it knows, which endpoints it serves and whether it checks If-Match. A value type, copied freely.
struct OpenMetadataDialect
{
    int major = 0, minor = 0, patch = 0;
    QString version; // as the server gave it ("1.9.2", "1.1.0-SNAPSHOT")

    // Parses "1.9.2", "1.1.0-SNAPSHOT", "v1.5.1"; an unreadable version gives the oldest dialect (1.0).
    [[nodiscard]] static OpenMetadataDialect fromVersion(const QString &version);

    [[nodiscard]] bool atLeast(int ma, int mi, int pa = 0) const
    {
        return major != ma ? major > ma : minor != mi ? minor > mi : patch >= pa;
    }
    [[nodiscard]] bool ownersArray() const { return atLeast(1, 5, 1); }     // owner -> owners
    [[nodiscard]] bool domainsArray() const { return atLeast(1, 9); }       // domain -> domains
    [[nodiscard]] bool hasDomains() const { return atLeast(1, 2); }         // domains and data products exist
    [[nodiscard]] bool assetsEndpoint() const { return atLeast(1, 8, 12); } // paged /dataProducts/{id}/assets
    [[nodiscard]] bool etags() const { return atLeast(1, 9); }              // PATCH honours If-Match
    [[nodiscard]] bool timeSeriesResults() const { return atLeast(1, 5); }  // /testCases/testCaseResults/{fqn}
    [[nodiscard]] bool dataContracts() const { return atLeast(1, 9); }      // /dataContracts, with an sla section

    [[nodiscard]] QString ownersField() const
    {
        return ownersArray() ? QStringLiteral("owners") : QStringLiteral("owner");
    }
    [[nodiscard]] QString domainsField() const
    {
        return domainsArray() ? QStringLiteral("domains") : QStringLiteral("domain");
    }
};

inline OpenMetadataDialect OpenMetadataDialect::fromVersion(const QString &version)
{
    OpenMetadataDialect d;
    d.version = version;
    QString v = version.trimmed();
    if (v.startsWith(QLatin1Char('v')) || v.startsWith(QLatin1Char('V'))) {
        v.remove(0, 1);
    }
    const QString numeric = v.section(QLatin1Char('-'), 0, 0);
    const QStringList parts = numeric.split(QLatin1Char('.'));
    d.major = parts.value(0).toInt();
    d.minor = parts.value(1).toInt();
    d.patch = parts.value(2).toInt();
    if (d.major == 0 && d.minor == 0) {
        d.major = 1; // unreadable: speak the oldest 1.x dialect, which every later server still mostly reads
    }
    return d;
}

} // namespace meshlens::models
