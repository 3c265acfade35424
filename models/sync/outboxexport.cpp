#include "outboxexport.h"

#include "../store/outbox.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSaveFile>

#include <map>

namespace meshlens::models {

namespace {

constexpr auto kFormat = "meshlens-outbox";
constexpr int kVersion = 1;

QString tr(const char *text)
{
    return QCoreApplication::translate("meshlens::models::OutboxExport", text);
}

// RFC 6901: '~' and '/' inside a reference token.
QString pointerToken(QString s)
{
    return s.replace(QLatin1Char('~'), QLatin1String("~0")).replace(QLatin1Char('/'), QLatin1String("~1"));
}

QJsonObject op(const char *name, const QString &path, const QJsonValue &value = QJsonValue::Undefined)
{
    QJsonObject o{{QStringLiteral("op"), QLatin1String(name)}, {QStringLiteral("path"), path}};
    if (!value.isUndefined()) {
        o.insert(QStringLiteral("value"), value);
    }
    return o;
}

// A party as the bundle's product record writes it: {"role": ..., "person"|"team": id}.
QJsonObject bundleParty(const PartyRef &p)
{
    return {{QStringLiteral("role"), p.role}, {p.kind, p.extId}};
}

// Appends one edit's operations to the entity's patch; `tags` and `owners` track the arrays as patched so far so
// that removals name the right index.
void appendPatch(QJsonArray &patch, const ProductEdit &e, QStringList &tags, QList<QJsonObject> &owners)
{
    for (const auto &[field, value] : e.textFields()) {
        patch.append(op("add", QLatin1Char('/') + field, value)); // "add" replaces an existing member
    }
    for (const QString &t : e.removeTags) {
        const qsizetype i = tags.indexOf(t);
        if (i >= 0) {
            patch.append(op("remove", QStringLiteral("/tags/%1").arg(i)));
            tags.removeAt(i);
        }
    }
    for (const QString &t : e.addTags) {
        if (tags.contains(t)) {
            continue;
        }
        if (tags.isEmpty()) {
            patch.append(op("add", QStringLiteral("/tags"), QJsonArray()));
        }
        patch.append(op("add", QStringLiteral("/tags/-"), t));
        tags << t;
    }
    for (const PartyRef &p : e.removeParties) {
        const qsizetype i = owners.indexOf(bundleParty(p));
        if (i >= 0) {
            patch.append(op("remove", QStringLiteral("/owners/%1").arg(i)));
            owners.removeAt(i);
        }
    }
    for (const PartyRef &p : e.addParties) {
        const QJsonObject party = bundleParty(p);
        if (owners.contains(party)) {
            continue;
        }
        if (owners.isEmpty()) {
            patch.append(op("add", QStringLiteral("/owners"), QJsonArray()));
        }
        patch.append(op("add", QStringLiteral("/owners/-"), party));
        owners << party;
    }
    for (auto it = e.slaTargets.cbegin(); it != e.slaTargets.cend(); ++it) {
        patch.append(op("add", QStringLiteral("/slas/%1/target").arg(pointerToken(it.key())), it.value().toDouble()));
    }
}

} // namespace

QStringList OutboxExport::Contents::ids() const
{
    QStringList out;
    for (const Entity &e : entities) {
        out << e.outboxIds;
    }
    for (const QJsonObject &f : feedback) {
        out << f.value(QLatin1String("id")).toString();
    }
    return out;
}

OutboxExport::Contents OutboxExport::collect(Database &db, std::int64_t now)
{
    Contents c;
    c.exportedAt = now;
    Outbox outbox(db);
    struct Running
    {
        QStringList tags;
        QList<QJsonObject> owners;
    };
    std::map<std::pair<QString, QString>, std::pair<qsizetype, Running>> byEntity; // (source, id) -> index, arrays
    for (const OutboxItem &item : outbox.items({{QStringLiteral("pending")}, {}, {}})) {
        if (item.sourceKind != QLatin1String("bundle")) {
            continue;
        }
        if (!item.isEdit()) {
            QJsonObject f = item.payload;
            f.insert(QStringLiteral("id"), item.id);
            f.insert(QStringLiteral("source"), item.sourceUri);
            f.insert(QStringLiteral("entity_kind"), item.entityKind);
            f.insert(QStringLiteral("entity"), item.entityExt);
            f.insert(QStringLiteral("created_at"), static_cast<qint64>(item.createdAt));
            c.feedback.push_back(f);
            continue;
        }
        const auto key = std::make_pair(item.sourceUri, item.entityExt);
        auto found = byEntity.find(key);
        if (found == byEntity.end()) {
            Running r;
            const QJsonObject base = item.payload.value(QLatin1String("base")).toObject();
            for (const QJsonValue &t : base.value(QLatin1String("tags")).toArray()) {
                r.tags << t.toString();
            }
            for (const QJsonValue &p : base.value(QLatin1String("parties")).toArray()) {
                const QJsonObject o = p.toObject();
                r.owners << bundleParty({o.value(QLatin1String("role")).toString(),
                                         o.value(QLatin1String("kind")).toString(),
                                         o.value(QLatin1String("id")).toString()});
            }
            Entity e{item.sourceUri, item.entityKind, item.entityExt, item.baseVersion, {}, {}};
            // Refuse to apply over a newer product: the version the edits were made against must still be there.
            const QString version = item.baseVersion.section(QLatin1Char('@'), 0, -2);
            if (!version.isEmpty()) {
                e.patch.append(op("test", QStringLiteral("/version"), version));
            }
            c.entities.push_back(e);
            found = byEntity.emplace(key, std::make_pair(c.entities.size() - 1, r)).first;
        }
        Entity &entity = c.entities[found->second.first];
        entity.outboxIds << item.id;
        appendPatch(entity.patch, Outbox::editFromJson(item.payload), found->second.second.tags,
                    found->second.second.owners);
    }
    return c;
}

QByteArray OutboxExport::toJson(const Contents &c)
{
    QJsonArray entities;
    for (const Entity &e : c.entities) {
        entities.append(QJsonObject{{QStringLiteral("source"), e.source},
                                    {QStringLiteral("entity_kind"), e.kind},
                                    {QStringLiteral("entity"), e.id},
                                    {QStringLiteral("base_version"), e.baseVersion},
                                    {QStringLiteral("outbox_ids"), QJsonArray::fromStringList(e.outboxIds)},
                                    {QStringLiteral("patch"), e.patch}});
    }
    QJsonArray feedback;
    for (const QJsonObject &f : c.feedback) {
        feedback.append(f);
    }
    const QJsonObject root{{QStringLiteral("format"), QLatin1String(kFormat)},
                           {QStringLiteral("version"), kVersion},
                           {QStringLiteral("exported_at"), static_cast<qint64>(c.exportedAt)},
                           {QStringLiteral("edits"), entities},
                           {QStringLiteral("feedback"), feedback}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<OutboxExport::Contents> OutboxExport::parse(const QByteArray &json, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<Contents> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        return fail(tr("not a JSON object: %1 at offset %2").arg(pe.errorString()).arg(pe.offset));
    }
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("format")).toString() != QLatin1String(kFormat)) {
        return fail(tr("not a MeshLens outbox export (format is not \"%1\")").arg(QLatin1String(kFormat)));
    }
    if (root.value(QLatin1String("version")).toInt() != kVersion) {
        return fail(tr("outbox export version %1 is not supported (this MeshLens reads version %2)")
                        .arg(root.value(QLatin1String("version")).toInt())
                        .arg(kVersion));
    }
    Contents c;
    c.exportedAt = root.value(QLatin1String("exported_at")).toInteger();
    for (const QJsonValue &v : root.value(QLatin1String("edits")).toArray()) {
        const QJsonObject o = v.toObject();
        Entity e{o.value(QLatin1String("source")).toString(),
                 o.value(QLatin1String("entity_kind")).toString(),
                 o.value(QLatin1String("entity")).toString(),
                 o.value(QLatin1String("base_version")).toString(),
                 {},
                 o.value(QLatin1String("patch")).toArray()};
        for (const QJsonValue &id : o.value(QLatin1String("outbox_ids")).toArray()) {
            e.outboxIds << id.toString();
        }
        if (e.id.isEmpty() || e.outboxIds.isEmpty()) {
            return fail(tr("an edit names no entity or no outbox ids"));
        }
        c.entities.push_back(e);
    }
    for (const QJsonValue &v : root.value(QLatin1String("feedback")).toArray()) {
        if (v.toObject().value(QLatin1String("id")).toString().isEmpty()) {
            return fail(tr("a feedback item has no id"));
        }
        c.feedback.push_back(v.toObject());
    }
    return c;
}

OutboxExport::WriteResult OutboxExport::write(Database &db, const QString &path, std::int64_t now)
{
    WriteResult result;
    const Contents c = collect(db, now);
    QSaveFile file(path);
    // The export holds the user's unsent edits and feedback: readable by them alone, like the cache.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(toJson(c)) < 0 || !file.commit()) {
        result.error = tr("Could not write %1: %2. Choose another place.").arg(path, file.errorString());
        return result;
    }
    result.ids = c.ids();
    Outbox(db).markExported(result.ids, now);
    return result;
}

} // namespace meshlens::models
