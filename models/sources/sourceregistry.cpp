#include "sourceregistry.h"

#include "bundle/bundlesource.h"
#include "contracts/contractssource.h"
#include "openmetadata/openmetadatasource.h"

namespace meshlens::models {

const std::vector<SourceRegistry::Kind> &SourceRegistry::kinds()
{
    // One line per kind of source. The bundle comes last: it reads any path or URL no other kind claims.
    static const std::vector<Kind> all{
        OpenMetadataSource::registration(),
        ContractsSource::registration(),
        BundleSource::registration(),
    };
    return all;
}

SourceRegistry::Opened SourceRegistry::open(const QString &text, const SourceEnvironment &environment)
{
    for (const Kind &k : kinds()) {
        if (k.claims(text)) {
            return k.open(text, environment);
        }
    }
    return {nullptr, QStringLiteral("'%1' names no source MeshLens can read: give a bundle file or URL, an "
                                    "openmetadata+https:// server or a folder of data contracts")
                         .arg(text)};
}

SourceRegistry::Opened SourceRegistry::openStored(const QString &uri, const QString &kind,
                                                  const SourceEnvironment &environment)
{
    for (const Kind &k : kinds()) {
        if (k.kind == kind) {
            return k.open(uri, environment);
        }
    }
    return open(uri, environment);
}

} // namespace meshlens::models
