#pragma once

#include "../store/database.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace meshlens::models {

// The outbox as a file a catalog owner can apply, for sources that accept no writes (MeshLens bundles): one
// JSON Patch (RFC 6902) per edited entity, and the feedback items. The format is documented in
// resources/bundle/outbox-export-format.md. Items are marked exported when the file is written and delivered
// only when the user confirms the export (Outbox::confirmExported). Any thread, on the caller's connection.
class OutboxExport final
{
public:
    struct Entity
    {
        QString source, kind, id, baseVersion;
        QStringList outboxIds;
        QJsonArray patch;
    };
    struct Contents
    {
        std::int64_t exportedAt = 0;
        QList<Entity> entities;
        QList<QJsonObject> feedback;
        [[nodiscard]] QStringList ids() const;
    };

    // The pending items of sources that accept no writes (kind "bundle"), grouped per entity.
    [[nodiscard]] static Contents collect(Database &db, std::int64_t now);
    [[nodiscard]] static QByteArray toJson(const Contents &contents);
    // Parses an export file; an error names what is wrong.
    [[nodiscard]] static std::optional<Contents> parse(const QByteArray &json, QString *error = nullptr);

    // collect + toJson + atomic write + mark the items exported. Returns the ids written, or an error.
    struct WriteResult
    {
        QStringList ids;
        std::optional<QString> error;
    };
    [[nodiscard]] static WriteResult write(Database &db, const QString &path, std::int64_t now);
};

} // namespace meshlens::models
