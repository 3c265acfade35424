#include "openmetadatapusher.h"

#include "../../store/outbox.h"
#include "openmetadatafqn.h"
#include "openmetadatamapper.h"
#include "openmetadatareader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace meshlens::models {

namespace {

using Outcome = PushResult::Outcome;

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QJsonObject tagLabel(const QString &fqn)
{
    return {{QStringLiteral("tagFQN"), fqn},
            {QStringLiteral("source"), QStringLiteral("Classification")},
            {QStringLiteral("labelType"), QStringLiteral("Manual")},
            {QStringLiteral("state"), QStringLiteral("Confirmed")}};
}

QString partyType(const QString &kind)
{
    return kind == QLatin1String("team") ? QStringLiteral("team") : QStringLiteral("user");
}

} // namespace

OpenMetadataPusher::OpenMetadataPusher(const QUrl &server, const QString &sourceUri, const QString &token,
                                       const HttpPolicy &policy)
    : m_uri(sourceUri)
    , m_client(std::make_unique<OpenMetadataClient>(server, token, &m_cancel, policy))
{}

OpenMetadataPusher::~OpenMetadataPusher() = default;

bool OpenMetadataPusher::accepts(const QString &sourceUri, const QString &sourceKind) const
{
    return sourceKind == QLatin1String("openmetadata") && sourceUri == m_uri;
}

QString OpenMetadataPusher::marker(const QString &itemId)
{
    return QStringLiteral("[meshlens:%1]").arg(itemId);
}

PushResult OpenMetadataPusher::failure(const OpenMetadataClient::Reply &reply, const QString &what) const
{
    if (reply.status == 401 || reply.status == 403 ||
        (reply.status >= 400 && reply.status < 500 && reply.status != 408 && reply.status != 429)) {
        return {Outcome::Rejected, reply.error, {}, {}};
    }
    return {Outcome::Transient, reply.error.isEmpty() ? what : reply.error, {}, {}};
}

std::optional<PushResult> OpenMetadataPusher::ensureDialect()
{
    if (m_dialect) {
        return std::nullopt;
    }
    const auto reply = m_client->get("/v1/system/version");
    if (!reply.ok()) {
        return failure(reply, QStringLiteral("the server did not say its version"));
    }
    m_dialect = OpenMetadataDialect::fromVersion(reply.json.value(QLatin1String("version")).toString());
    return std::nullopt;
}

QJsonObject OpenMetadataPusher::theirs(const QJsonObject &entity)
{
    QJsonObject o;
    o.insert(QStringLiteral("description"), str(entity, "description"));
    o.insert(QStringLiteral("display_name"), str(entity, "displayName"));
    o.insert(QStringLiteral("status"), QString());
    const QJsonArray tags = entity.value(QLatin1String("tags")).toArray();
    const auto tier = OpenMetadataMapper::tier(tags);
    o.insert(QStringLiteral("tier"), tier ? QJsonValue(*tier) : QJsonValue());
    QStringList names;
    for (const std::string &t : OpenMetadataMapper::tagNames(tags)) {
        names << QString::fromStdString(t);
    }
    names.sort();
    o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(names));
    QJsonArray parties;
    const OpenMetadataMapper mapper(OpenMetadataDialect::fromVersion(QStringLiteral("1.9")));
    for (const auto &[type, id] : mapper.ownerRefs(entity)) {
        parties.append(QJsonObject{
            {QStringLiteral("role"), QStringLiteral("owner")},
            {QStringLiteral("kind"), type == QLatin1String("team") ? QStringLiteral("team") : QStringLiteral("person")},
            {QStringLiteral("id"), id}});
    }
    o.insert(QStringLiteral("parties"), parties);
    o.insert(QStringLiteral("sla_targets"), QJsonObject());
    return o;
}

PushResult OpenMetadataPusher::push(const OutboxItem &item)
{
    if (auto failed = ensureDialect()) {
        return *failed;
    }
    return item.isEdit() ? pushEdit(item) : pushFeedback(item);
}

QJsonArray OpenMetadataPusher::patchFor(const QJsonObject &entity, const ProductEdit &edit,
                                        const OpenMetadataDialect &d)
{
    // What the entity should hold once the edit applies.
    const QJsonArray labels = entity.value(QLatin1String("tags")).toArray();
    QJsonArray wantLabels;
    QSet<QString> have;
    const auto currentTier = OpenMetadataMapper::tier(labels);
    const auto wantTier = edit.tier ? edit.tier : currentTier;
    for (const QJsonValue &v : labels) {
        const QString fqn = v.toObject().value(QLatin1String("tagFQN")).toString();
        const bool isTier = fqn.startsWith(QLatin1String("Tier."));
        if ((isTier && edit.tier) || (!isTier && edit.removeTags.contains(fqn))) {
            continue;
        }
        // A label is sent back as the server gave it, minus what it computes itself.
        QJsonObject label = v.toObject();
        label.remove(QStringLiteral("href"));
        wantLabels.append(label);
        have.insert(fqn);
    }
    for (const QString &t : edit.addTags) {
        if (!have.contains(t)) {
            wantLabels.append(tagLabel(t));
            have.insert(t);
        }
    }
    if (edit.tier && currentTier != edit.tier) {
        wantLabels.append(tagLabel(QStringLiteral("Tier.Tier%1").arg(*edit.tier)));
    }
    const auto refs = OpenMetadataMapper(d).ownerRefs(entity);
    QJsonArray wantOwners;
    QSet<QString> owners;
    for (const auto &[t, id] : refs) {
        // Captured by name: clang before 16 (the fuzz build's clang-14) cannot capture a structured binding.
        const QString &ownerId = id;
        const bool removed = std::any_of(edit.removeParties.cbegin(), edit.removeParties.cend(),
                                         [&](const PartyRef &p) { return p.extId == ownerId; });
        if (!removed) {
            wantOwners.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("type"), t}});
            owners.insert(id);
        }
    }
    for (const PartyRef &p : edit.addParties) {
        if (p.role == QLatin1String("owner") && !owners.contains(p.extId)) {
            wantOwners.append(
                QJsonObject{{QStringLiteral("id"), p.extId}, {QStringLiteral("type"), partyType(p.kind)}});
            owners.insert(p.extId);
        }
    }

    QJsonArray ops;
    const auto op = [&ops](const char *kind, const QString &field, const QJsonValue &value) {
        QJsonObject o{{QStringLiteral("op"), QLatin1String(kind)}, {QStringLiteral("path"), field}};
        if (!value.isUndefined()) {
            o.insert(QStringLiteral("value"), value);
        }
        ops.append(o);
    };
    // JSON Patch `add` replaces an existing member: no operation depends on array positions of a stale copy.
    if (edit.description && *edit.description != str(entity, "description")) {
        op("add", QStringLiteral("/description"), *edit.description);
    }
    if (edit.displayName && *edit.displayName != str(entity, "displayName")) {
        op("add", QStringLiteral("/displayName"), *edit.displayName);
    }
    QSet<QString> before;
    for (const QJsonValue &v : labels) {
        const QString fqn = v.toObject().value(QLatin1String("tagFQN")).toString();
        if (!fqn.startsWith(QLatin1String("Tier.")) || !edit.tier) { // `have` holds the tier only when it is kept
            before.insert(fqn);
        }
    }
    if (have != before || wantTier != currentTier) {
        op("add", QStringLiteral("/tags"), wantLabels);
    }
    QSet<QString> ownersBefore;
    for (const auto &r : refs) {
        ownersBefore.insert(r.second);
    }
    if (owners != ownersBefore) {
        if (d.ownersArray()) {
            op("add", QStringLiteral("/owners"), wantOwners);
        } else if (wantOwners.isEmpty()) {
            op("remove", QStringLiteral("/owner"), QJsonValue::Undefined);
        } else {
            op("add", QStringLiteral("/owner"), wantOwners.first()); // one owner before 1.5.1
        }
    }
    return ops;
}

PushResult OpenMetadataPusher::pushEdit(const OutboxItem &item)
{
    const QString type = OpenMetadataReader::entityTypeOfKind(item.entityKind);
    const QByteArray collection = OpenMetadataReader::collectionOf(type);
    if (collection.isEmpty()) {
        return {Outcome::Rejected,
                QStringLiteral("MeshLens cannot write '%1' entries back to OpenMetadata").arg(item.entityKind),
                {},
                {}};
    }
    const QByteArray path = collection + '/' + QUrl::toPercentEncoding(item.entityExt);
    const OpenMetadataDialect &d = *m_dialect;
    const OpenMetadataClient::Query fields{{QStringLiteral("fields"), d.ownersField() + QStringLiteral(",tags")}};
    const auto current = m_client->get(path, fields);
    if (current.status == 404) {
        return {Outcome::Rejected, QStringLiteral("the entity is no longer on the server"), {}, {}};
    }
    if (!current.ok()) {
        return failure(current, QStringLiteral("reading the entity failed"));
    }
    const QJsonObject entity = current.json;
    const ProductEdit edit = Outbox::editFromJson(item.payload);
    // What OpenMetadata has no field for is refused whole rather than half applied and reported delivered.
    QStringList unsupported;
    if (edit.status) {
        unsupported << QStringLiteral("status");
    }
    if (!edit.slaTargets.isEmpty()) {
        unsupported << QStringLiteral("SLA targets");
    }
    for (const PartyRef &p : edit.addParties + edit.removeParties) {
        if (p.role != QLatin1String("owner")) {
            unsupported << QStringLiteral("%1s").arg(p.role);
            break;
        }
    }
    if (!unsupported.isEmpty()) {
        return {Outcome::Rejected,
                QStringLiteral("OpenMetadata takes descriptions, display names, tags, tiers and owners from MeshLens, "
                               "not %1: edit those on the server")
                    .arg(unsupported.join(QStringLiteral(", "))),
                {},
                {}};
    }

    QJsonArray ops = patchFor(entity, edit, d);
    if (ops.isEmpty()) {
        // The server already holds these values: a replay of a delivered item, or the same change made there.
        return {Outcome::Delivered, {}, {}, {}};
    }

    const QString baseVersion = item.baseVersion.section(QLatin1Char('@'), 0, 0);
    const QString serverVersion =
        QString::fromStdString(OpenMetadataMapper::version(entity.value(QLatin1String("version"))));
    QList<QPair<QByteArray, QByteArray>> headers;
    if (d.etags() && !baseVersion.isEmpty()) {
        // The weak validator of the version the steward edited, not the strong ETag (reference, section 8).
        headers.append({QByteArrayLiteral("If-Match"), "W/\"" + baseVersion.toUtf8() + '"'});
    } else if (!baseVersion.isEmpty() && serverVersion != baseVersion) {
        return {Outcome::Conflict,
                QStringLiteral("the entity changed on the server (version %1, the edit was made on %2)")
                    .arg(serverVersion, baseVersion),
                theirs(entity),
                {}};
    }
    const auto patched = m_client->send("PATCH", path, QJsonDocument(ops).toJson(QJsonDocument::Compact),
                                        QByteArrayLiteral("application/json-patch+json"), headers, true);
    if (patched.status == 412) {
        const auto fresh = m_client->get(path, fields);
        // A patch the server applied but whose answer was lost is sent again by the HTTP layer (If-Match makes
        // that safe) and refused, as the entity's version moved on: by this very edit, if it now holds its values.
        if (fresh.ok() && patchFor(fresh.json, edit, d).isEmpty()) {
            return {Outcome::Delivered, {}, {}, {}};
        }
        return {
            Outcome::Conflict,
            QStringLiteral("the entity changed on the server since the edit was made (version %1)").arg(baseVersion),
            fresh.ok() ? theirs(fresh.json) : theirs(entity),
            {}};
    }
    if (!patched.ok()) {
        return failure(patched, QStringLiteral("the patch was not applied"));
    }
    return {Outcome::Delivered, {}, {}, {}};
}

std::optional<PushResult> OpenMetadataPusher::findThread(const OutboxItem &item, QString &about, QJsonObject &thread)
{
    const QString type = OpenMetadataReader::entityTypeOfKind(item.entityKind);
    const QByteArray collection = OpenMetadataReader::collectionOf(type);
    if (collection.isEmpty()) {
        return PushResult{Outcome::Rejected,
                          QStringLiteral("OpenMetadata has no feed for '%1' entries").arg(item.entityKind),
                          {},
                          {}};
    }
    const auto entity = m_client->get(collection + '/' + QUrl::toPercentEncoding(item.entityExt));
    if (entity.status == 404) {
        return PushResult{Outcome::Rejected, QStringLiteral("the entity is no longer on the server"), {}, {}};
    }
    if (!entity.ok()) {
        return failure(entity, QStringLiteral("reading the entity failed"));
    }
    const Feedback f = Outbox::feedbackFromJson(item.payload);
    about = OpenMetadataFqn::entityLink(type, str(entity.json, "fullyQualifiedName"));
    if (f.linkKind == QLatin1String("column") && !f.linkRef.isEmpty()) {
        about.chop(1);
        about += QStringLiteral("::columns::") + f.linkRef.section(QLatin1Char('.'), -1) + QLatin1Char('>');
    }
    const QString tag = marker(item.id);
    const auto threads = m_client->get("/v1/feed", {{QStringLiteral("entityLink"), about},
                                                    {QStringLiteral("type"), QStringLiteral("Conversation")},
                                                    {QStringLiteral("limit"), QStringLiteral("100")}});
    if (!threads.ok()) {
        return failure(threads, QStringLiteral("reading the entity's threads failed"));
    }
    for (const QJsonValue &v : threads.json.value(QLatin1String("data")).toArray()) {
        if (str(v.toObject(), "message").contains(tag)) {
            thread = v.toObject();
            break;
        }
    }
    return std::nullopt;
}

std::optional<QString> OpenMetadataPusher::reply(const OutboxItem &item)
{
    if (item.isEdit() || ensureDialect()) {
        return std::nullopt;
    }
    QString about;
    QJsonObject thread;
    if (findThread(item, about, thread) || thread.isEmpty()) {
        return std::nullopt;
    }
    QStringList replies;
    for (const QJsonValue &v : thread.value(QLatin1String("posts")).toArray()) {
        const QJsonObject post = v.toObject();
        replies << QStringLiteral("%1: %2").arg(str(post, "from"), str(post, "message"));
    }
    if (replies.isEmpty()) {
        return std::nullopt;
    }
    return replies.join(QStringLiteral("\n\n"));
}

PushResult OpenMetadataPusher::pushFeedback(const OutboxItem &item)
{
    QString about;
    QJsonObject thread;
    if (auto failed = findThread(item, about, thread)) {
        return *failed;
    }
    if (!thread.isEmpty()) {
        return {Outcome::Delivered, {}, {}, reply(item).value_or(QString())}; // a retry after a lost answer
    }
    const Feedback f = Outbox::feedbackFromJson(item.payload);
    const QString tag = marker(item.id);
    if (m_userName.isEmpty()) {
        const auto me = m_client->get("/v1/users/loggedInUser");
        m_userName = me.ok() ? str(me.json, "name") : QString();
        if (m_userName.isEmpty()) {
            m_userName = QStringLiteral("meshlens");
        }
    }
    QString message = QStringLiteral("**%1** (%2, rated %3/5)\n\n%4")
                          .arg(f.title, Outbox::categoryTitle(f.category))
                          .arg(f.rating)
                          .arg(f.message);
    if (!f.contact.isEmpty()) {
        message += QStringLiteral("\n\nContact: ") + f.contact;
    }
    message += QStringLiteral("\n\n") + tag;
    const QJsonObject body{{QStringLiteral("message"), message},
                           {QStringLiteral("from"), m_userName},
                           {QStringLiteral("about"), about},
                           {QStringLiteral("type"), QStringLiteral("Conversation")}};
    const auto posted = m_client->send("POST", "/v1/feed", QJsonDocument(body).toJson(QJsonDocument::Compact),
                                       QByteArrayLiteral("application/json"));
    if (!posted.ok()) {
        return failure(posted, QStringLiteral("the feedback was not posted"));
    }
    return {Outcome::Delivered, {}, {}, {}};
}

} // namespace meshlens::models
