#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace meshlens::models {

// OpenMetadata's fully qualified names: names joined by dots, a part holding a dot double-quoted
// (`sample_data.ecommerce_db.shopify."dim.api/client"`). Shared by the source, its pusher and the tests' fake server,
// so both ends split and quote alike. Stateless.
class OpenMetadataFqn final
{
public:
    OpenMetadataFqn() = delete;

    // The parts of an FQN, quotes removed; a quoted part may hold dots. Unbalanced quotes keep the rest as one part.
    [[nodiscard]] static QStringList split(const QString &fqn);
    // One part as it appears in an FQN: quoted when it holds a dot.
    [[nodiscard]] static QString quote(const QString &name);
    [[nodiscard]] static QString join(const QStringList &names);
    // An FQN (or any text) as one URL path segment: UTF-8, every byte but the unreserved ones percent-encoded
    // (`"` -> %22, `/` -> %2F, non-ASCII), so the server sees the segment it named.
    [[nodiscard]] static QByteArray pathSegment(const QString &fqn);
    // `<#E::table::FQN>`, the entity link of the feed API and of test cases.
    [[nodiscard]] static QString entityLink(const QString &entityType, const QString &fqn);
    // The entity type and FQN of an entity link; a field suffix (`::columns::zip`) goes to `field`.
    struct Link
    {
        QString entityType, fqn, field;
    };
    [[nodiscard]] static Link parseEntityLink(const QString &link);
};

} // namespace meshlens::models
