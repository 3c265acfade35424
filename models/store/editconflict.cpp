#include "editconflict.h"

#include <QJsonArray>
#include <QJsonValue>

namespace meshlens::models {

namespace {

QString valueText(const QJsonValue &v)
{
    if (v.isDouble()) {
        return QString::number(v.toDouble());
    }
    return v.toString();
}

QStringList stringSet(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray()) {
        out << x.toString();
    }
    return out;
}

QString partyKey(const QString &role, const QString &id)
{
    return role + QLatin1Char(':') + id;
}

QStringList partySet(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray()) {
        const QJsonObject o = x.toObject();
        out << partyKey(o.value(QLatin1String("role")).toString(), o.value(QLatin1String("id")).toString());
    }
    return out;
}

// What is in `merged` and not in `theirs`, and the other way round.
void diff(const QStringList &theirs, const QStringList &merged, QStringList &added, QStringList &removed)
{
    for (const QString &x : merged) {
        if (!theirs.contains(x)) {
            added << x;
        }
    }
    for (const QString &x : theirs) {
        if (!merged.contains(x)) {
            removed << x;
        }
    }
}

} // namespace

QStringList EditConflict::mergeSets(const QStringList &base, const QStringList &theirs, const QStringList &mine)
{
    QStringList out;
    for (const QString &x : theirs) {
        if (!(base.contains(x) && !mine.contains(x))) { // I removed it: stays removed
            out << x;
        }
    }
    for (const QString &x : mine) {
        if (!base.contains(x) && !out.contains(x)) { // I added it
            out << x;
        }
    }
    return out;
}

QStringList ConflictSet::merged() const
{
    return EditConflict::mergeSets(base, theirs, mine);
}

EditConflict EditConflict::fromItem(const OutboxItem &item)
{
    EditConflict c;
    c.outboxId = item.id;
    c.message = item.lastError;
    const QJsonObject base = item.payload.value(QLatin1String("base")).toObject();
    const ProductEdit mine = Outbox::editFromJson(item.payload);
    for (const auto &[field, value] : mine.textFields()) {
        c.texts.push_back({field, valueText(base.value(field)), valueText(item.theirs.value(field)), valueText(value)});
    }
    if (!mine.addTags.isEmpty() || !mine.removeTags.isEmpty()) {
        ConflictSet tags;
        tags.base = stringSet(base.value(QLatin1String("tags")));
        tags.mine = tags.base;
        for (const QString &t : mine.removeTags) {
            tags.mine.removeAll(t);
        }
        tags.mine << mine.addTags;
        tags.theirs = stringSet(item.theirs.value(QLatin1String("tags")));
        c.tags = tags;
    }
    if (!mine.addParties.isEmpty() || !mine.removeParties.isEmpty()) {
        ConflictSet parties;
        parties.base = partySet(base.value(QLatin1String("parties")));
        parties.mine = parties.base;
        for (const PartyRef &p : mine.removeParties) {
            parties.mine.removeAll(partyKey(p.role, p.extId));
        }
        for (const PartyRef &p : mine.addParties) {
            parties.mine << partyKey(p.role, p.extId);
        }
        parties.theirs = partySet(item.theirs.value(QLatin1String("parties")));
        c.parties = parties;
    }
    for (const QJsonValue &v : item.theirs.value(QLatin1String("parties")).toArray()) {
        const QJsonObject o = v.toObject();
        c.theirsParties.push_back({o.value(QLatin1String("role")).toString(), o.value(QLatin1String("kind")).toString(),
                                   o.value(QLatin1String("id")).toString()});
    }
    return c;
}

ProductEdit EditConflict::resolution(const QMap<QString, QString> &textResults,
                                     const std::optional<QStringList> &mergedTags,
                                     const std::optional<QStringList> &mergedParties) const
{
    ProductEdit edit;
    for (const ConflictText &t : texts) {
        const auto result = textResults.constFind(t.field);
        if (result == textResults.cend() || *result == t.theirs) {
            continue;
        }
        if (t.field == QLatin1String("description")) {
            edit.description = *result;
        } else if (t.field == QLatin1String("display_name")) {
            edit.displayName = *result;
        } else if (t.field == QLatin1String("status")) {
            edit.status = *result;
        } else if (t.field == QLatin1String("tier")) {
            edit.tier = result->toInt();
        }
    }
    if (tags && mergedTags) {
        diff(tags->theirs, *mergedTags, edit.addTags, edit.removeTags);
    }
    if (parties && mergedParties) {
        QStringList added, removed;
        diff(parties->theirs, *mergedParties, added, removed);
        for (const QString &s : added) {
            edit.addParties << PartyRef{s.section(QLatin1Char(':'), 0, 0), QStringLiteral("person"),
                                        s.section(QLatin1Char(':'), 1)};
        }
        // Removals name the kind the source has; look it up in theirs.
        for (const PartyRef &p : theirsParties) {
            if (removed.contains(partyKey(p.role, p.extId))) {
                edit.removeParties << p;
            }
        }
    }
    return edit;
}

} // namespace meshlens::models
