#pragma once

#include "../../net/httpclient.h"
#include "../../sync/outboxpusher.h"
#include "openmetadataclient.h"
#include "openmetadatadialect.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>

namespace meshlens::models {

struct ProductEdit;

// Delivers outbox items to an OpenMetadata server: an edit as a JSON Patch of the entity (If-Match with the edit's
// base version on 1.9+, a version check before patching on older servers), feedback as a conversation thread on
// the entity. A replayed item (same id) is recognised and not applied twice: an edit whose values the server
// already holds is acknowledged without a patch, a thread carrying the item's id is not posted again. Created by
// OpenMetadataSource::makePusher, used on the delivery worker thread.
class OpenMetadataPusher final : public OutboxPusher
{
public:
    OpenMetadataPusher(const QUrl &server, const QString &sourceUri, const QString &token, const HttpPolicy &policy);
    ~OpenMetadataPusher() override;

    [[nodiscard]] bool accepts(const QString &sourceUri, const QString &sourceKind) const override;
    [[nodiscard]] PushResult push(const OutboxItem &item) override;
    // The replies of the item's feed thread, one "name: message" paragraph each.
    [[nodiscard]] std::optional<QString> reply(const OutboxItem &item) override;

    // The marker a feedback thread carries so that a replay finds it ("[meshlens:<item id>]").
    [[nodiscard]] static QString marker(const QString &itemId);

private:
    [[nodiscard]] std::optional<PushResult> ensureDialect();
    [[nodiscard]] PushResult pushEdit(const OutboxItem &item);
    [[nodiscard]] PushResult pushFeedback(const OutboxItem &item);
    // The feed thread of a feedback item (found by its marker), or an empty object; `about` gets its entity link.
    [[nodiscard]] std::optional<PushResult> findThread(const OutboxItem &item, QString &about, QJsonObject &thread);
    [[nodiscard]] PushResult failure(const OpenMetadataClient::Reply &reply, const QString &what) const;
    // The JSON Patch that makes `entity` hold the edit's values; empty when it already does.
    [[nodiscard]] static QJsonArray patchFor(const QJsonObject &entity, const ProductEdit &edit,
                                             const OpenMetadataDialect &d);
    // The entity's values in the shape of an outbox edit's base (for the 3-way view of a conflict).
    [[nodiscard]] static QJsonObject theirs(const QJsonObject &entity);

    QString m_uri;
    std::atomic<bool> m_cancel = false;
    std::unique_ptr<OpenMetadataClient> m_client;
    std::optional<OpenMetadataDialect> m_dialect;
    QString m_userName;
};

} // namespace meshlens::models
