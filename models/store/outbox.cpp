#include "outbox.h"

#include "../logging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

#include <algorithm>
#include <array>
#include <cmath>

namespace meshlens::models {

namespace {

const auto kSet = QStringLiteral("set");
const auto kBase = QStringLiteral("base");
const auto kDescription = QStringLiteral("description");
const auto kDisplayName = QStringLiteral("display_name");
const auto kStatus = QStringLiteral("status");
const auto kTier = QStringLiteral("tier");
const auto kTags = QStringLiteral("tags");
const auto kTagsAdd = QStringLiteral("tags_add");
const auto kTagsRemove = QStringLiteral("tags_remove");
const auto kParties = QStringLiteral("parties");
const auto kPartiesAdd = QStringLiteral("parties_add");
const auto kPartiesRemove = QStringLiteral("parties_remove");
const auto kSlaTargets = QStringLiteral("sla_targets");

// Statuses under which a product may have nobody answering for it.
const QStringList kOwnerOptionalStatuses = {QStringLiteral("development"), QStringLiteral("draft"),
                                            QStringLiteral("deprecated"), QStringLiteral("retired")};

QString tr(const char *text)
{
    return QCoreApplication::translate("meshlens::models::Outbox", text);
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray()) {
        out << x.toString();
    }
    return out;
}

QJsonObject partyJson(const PartyRef &p)
{
    return {{QStringLiteral("role"), p.role}, {QStringLiteral("kind"), p.kind}, {QStringLiteral("id"), p.extId}};
}

PartyRef partyFromJson(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    return {o.value(QLatin1String("role")).toString(), o.value(QLatin1String("kind")).toString(),
            o.value(QLatin1String("id")).toString()};
}

QList<PartyRef> partiesFromJson(const QJsonValue &v)
{
    QList<PartyRef> out;
    for (const QJsonValue &x : v.toArray()) {
        out << partyFromJson(x);
    }
    return out;
}

QJsonArray partiesJson(const QList<PartyRef> &parties)
{
    QJsonArray a;
    for (const PartyRef &p : parties) {
        a.append(partyJson(p));
    }
    return a;
}

// Whether `values` (the shape currentValues gives) already hold everything `edit` sets: an edit the source applied
// though its answer never came back (a crash or a lost connection mid-push), which a sync shows in place.
bool editInPlace(const ProductEdit &edit, const QJsonObject &values)
{
    for (const auto &[field, value] : edit.textFields()) {
        if (values.value(field) != value) {
            return false;
        }
    }
    QSet<QString> tags;
    for (const QJsonValue &t : values.value(kTags).toArray()) {
        tags.insert(t.toString());
    }
    for (const QString &t : edit.addTags) {
        if (!tags.contains(t)) {
            return false;
        }
    }
    for (const QString &t : edit.removeTags) {
        if (tags.contains(t)) {
            return false;
        }
    }
    const QList<PartyRef> parties = partiesFromJson(values.value(kParties));
    for (const PartyRef &p : edit.addParties) {
        if (!parties.contains(p)) {
            return false;
        }
    }
    for (const PartyRef &p : edit.removeParties) {
        if (parties.contains(p)) {
            return false;
        }
    }
    const QJsonObject slas = values.value(kSlaTargets).toObject();
    for (auto it = edit.slaTargets.cbegin(); it != edit.slaTargets.cend(); ++it) {
        if (!slas.contains(it.key()) ||
            !qFuzzyCompare(slas.value(it.key()).toDouble() + 1, it.value().toDouble() + 1)) {
            return false;
        }
    }
    return !edit.isEmpty();
}

QString stateList(const QStringList &states)
{
    return states.isEmpty() ? QString() : QLatin1Char(',') + states.join(QLatin1Char(',')) + QLatin1Char(',');
}

constexpr std::string_view kItemColumns = R"SQL(
SELECT o.id, o.kind, o.entity_kind, o.entity_ext, coalesce(o.base_version, ''), o.state, coalesce(o.last_error, ''),
       coalesce(o.reply, ''), s.uri, s.kind, coalesce(nullif(e.display_name, ''), e.name, o.entity_ext), o.source_id,
       o.payload, coalesce(o.theirs, ''), o.attempts, o.created_at, o.updated_at, o.next_attempt_at, o.exported_at
  FROM outbox o JOIN sources s ON s.id = o.source_id
  LEFT JOIN entries e ON e.source_id = o.source_id AND e.ext_id = o.entity_ext
)SQL";

OutboxItem readItem(const Statement &st)
{
    OutboxItem it;
    it.id = st.text(0);
    it.kind = st.text(1);
    it.entityKind = st.text(2);
    it.entityExt = st.text(3);
    it.baseVersion = st.text(4);
    it.state = st.text(5);
    it.lastError = st.text(6);
    it.reply = st.text(7);
    it.sourceUri = st.text(8);
    it.sourceKind = st.text(9);
    it.entityTitle = st.text(10);
    it.sourceId = st.int64(11);
    it.payload = QJsonDocument::fromJson(st.text(12).toUtf8()).object();
    it.theirs = QJsonDocument::fromJson(st.text(13).toUtf8()).object();
    it.attempts = st.int32(14);
    it.createdAt = st.int64(15);
    it.updatedAt = st.int64(16);
    it.nextAttemptAt = st.optionalInt64(17);
    it.exportedAt = st.optionalInt64(18);
    return it;
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

Outbox::Outbox(Database &db)
    : m_db(db)
{}

namespace {
// The feedback categories, id and title in one table.
struct FeedbackCategory
{
    const char *id;
    const char *title;
};
constexpr std::array<FeedbackCategory, 6> kFeedbackCategories = {{
    {"data_issue", QT_TRANSLATE_NOOP("meshlens::models::Outbox", "Data issue")},
    {"documentation", QT_TRANSLATE_NOOP("meshlens::models::Outbox", "Documentation")},
    {"access", QT_TRANSLATE_NOOP("meshlens::models::Outbox", "Access")},
    {"feature_request", QT_TRANSLATE_NOOP("meshlens::models::Outbox", "Feature request")},
    {"praise", QT_TRANSLATE_NOOP("meshlens::models::Outbox", "Praise")},
    {"question", QT_TRANSLATE_NOOP("meshlens::models::Outbox", "Question")},
}};
} // namespace

const QStringList &Outbox::feedbackCategories()
{
    static const QStringList categories = [] {
        QStringList ids;
        for (const FeedbackCategory &c : kFeedbackCategories) {
            ids << QLatin1String(c.id);
        }
        return ids;
    }();
    return categories;
}

QString Outbox::categoryTitle(const QString &category)
{
    for (const FeedbackCategory &c : kFeedbackCategories) {
        if (category == QLatin1String(c.id)) {
            return tr(c.title);
        }
    }
    return category;
}

QString Outbox::versionToken(const QString &version, std::optional<std::int64_t> updatedAt)
{
    return version + QLatin1Char('@') + (updatedAt ? QString::number(*updatedAt) : QString());
}

std::int64_t Outbox::backoffSeconds(int attempts)
{
    // 30 s, 1 min, 2 min, ... capped at an hour: a source that is down is not hammered, one that is back soon
    // gets the item soon.
    const int exponent = std::clamp(attempts - 1, 0, 7);
    return std::min<std::int64_t>(30LL << exponent, 3600);
}

QList<std::pair<QString, QJsonValue>> ProductEdit::textFields() const
{
    QList<std::pair<QString, QJsonValue>> out;
    if (description) {
        out.push_back({kDescription, *description});
    }
    if (displayName) {
        out.push_back({kDisplayName, *displayName});
    }
    if (status) {
        out.push_back({kStatus, *status});
    }
    if (tier) {
        out.push_back({kTier, *tier});
    }
    return out;
}

QJsonObject Outbox::editToJson(const ProductEdit &edit)
{
    QJsonObject set;
    for (const auto &[field, value] : edit.textFields()) {
        set.insert(field, value);
    }
    QJsonObject o{{kSet, set}};
    if (!edit.addTags.isEmpty()) {
        o.insert(kTagsAdd, toArray(edit.addTags));
    }
    if (!edit.removeTags.isEmpty()) {
        o.insert(kTagsRemove, toArray(edit.removeTags));
    }
    if (!edit.addParties.isEmpty()) {
        o.insert(kPartiesAdd, partiesJson(edit.addParties));
    }
    if (!edit.removeParties.isEmpty()) {
        o.insert(kPartiesRemove, partiesJson(edit.removeParties));
    }
    if (!edit.slaTargets.isEmpty()) {
        QJsonObject slas;
        for (auto it = edit.slaTargets.cbegin(); it != edit.slaTargets.cend(); ++it) {
            slas.insert(it.key(), it.value().trimmed().toDouble());
        }
        o.insert(kSlaTargets, slas);
    }
    return o;
}

ProductEdit Outbox::editFromJson(const QJsonObject &payload)
{
    ProductEdit e;
    const QJsonObject set = payload.value(kSet).toObject();
    if (set.contains(kDescription)) {
        e.description = set.value(kDescription).toString();
    }
    if (set.contains(kDisplayName)) {
        e.displayName = set.value(kDisplayName).toString();
    }
    if (set.contains(kStatus)) {
        e.status = set.value(kStatus).toString();
    }
    if (set.contains(kTier)) {
        e.tier = set.value(kTier).toInt();
    }
    e.addTags = toStringList(payload.value(kTagsAdd));
    e.removeTags = toStringList(payload.value(kTagsRemove));
    e.addParties = partiesFromJson(payload.value(kPartiesAdd));
    e.removeParties = partiesFromJson(payload.value(kPartiesRemove));
    const QJsonObject slas = payload.value(kSlaTargets).toObject();
    for (auto it = slas.begin(); it != slas.end(); ++it) {
        e.slaTargets.insert(it.key(), QString::number(it.value().toDouble()));
    }
    return e;
}

QJsonObject Outbox::feedbackToJson(const Feedback &f)
{
    QJsonObject o{{QStringLiteral("category"), f.category},
                  {QStringLiteral("rating"), f.rating},
                  {QStringLiteral("title"), f.title.trimmed()},
                  {QStringLiteral("message"), f.message}};
    if (!f.contact.trimmed().isEmpty()) {
        o.insert(QStringLiteral("contact"), f.contact.trimmed());
    }
    if (!f.linkKind.isEmpty()) {
        o.insert(QStringLiteral("link"),
                 QJsonObject{{QStringLiteral("kind"), f.linkKind}, {QStringLiteral("ref"), f.linkRef.trimmed()}});
    }
    return o;
}

Feedback Outbox::feedbackFromJson(const QJsonObject &o)
{
    Feedback f;
    f.category = o.value(QLatin1String("category")).toString();
    f.rating = o.value(QLatin1String("rating")).toInt();
    f.title = o.value(QLatin1String("title")).toString();
    f.message = o.value(QLatin1String("message")).toString();
    f.contact = o.value(QLatin1String("contact")).toString();
    const QJsonObject link = o.value(QLatin1String("link")).toObject();
    f.linkKind = link.value(QLatin1String("kind")).toString();
    f.linkRef = link.value(QLatin1String("ref")).toString();
    return f;
}

QString Outbox::describe(const OutboxItem &item)
{
    if (!item.isEdit()) {
        const Feedback f = feedbackFromJson(item.payload);
        return tr("Feedback (%1, %2/5): %3").arg(categoryTitle(f.category)).arg(f.rating).arg(f.title);
    }
    const ProductEdit e = editFromJson(item.payload);
    QStringList what;
    if (e.description) {
        what << tr("description");
    }
    if (e.displayName) {
        what << tr("display name");
    }
    if (e.status) {
        what << tr("status");
    }
    if (e.tier) {
        what << tr("tier");
    }
    for (const QString &t : e.addTags) {
        what << tr("+tag %1").arg(t);
    }
    for (const QString &t : e.removeTags) {
        what << tr("-tag %1").arg(t);
    }
    for (const PartyRef &p : e.addParties) {
        what << tr("+%1 %2").arg(p.role, p.extId);
    }
    for (const PartyRef &p : e.removeParties) {
        what << tr("-%1 %2").arg(p.role, p.extId);
    }
    for (auto it = e.slaTargets.cbegin(); it != e.slaTargets.cend(); ++it) {
        what << tr("SLA %1 = %2").arg(it.key(), it.value());
    }
    return tr("Edit: %1").arg(what.join(QStringLiteral(", ")));
}

std::optional<QString> Outbox::resolveParty(PartyRef &party)
{
    if (party.role != QLatin1String("owner") && party.role != QLatin1String("steward") &&
        party.role != QLatin1String("expert")) {
        return tr("Unknown role '%1': use owner, steward or expert.").arg(party.role);
    }
    const QString key = party.extId.trimmed();
    if (key.isEmpty()) {
        return tr("A person or team must be named.");
    }
    // The exact id first, then an e-mail or name match.
    const auto found = [&](std::string_view sql, const QString &kind) {
        Statement st = m_db.prepare(sql);
        st.bind(1, key);
        if (!st.next()) {
            return false;
        }
        party.kind = kind;
        party.extId = st.text(0);
        return true;
    };
    // A person by id, e-mail or name; then a team by id or name.
    if (party.kind != QLatin1String("team") &&
        found("SELECT ext_id FROM people WHERE ext_id = ?1 OR email = ?1 COLLATE NOCASE "
              "OR name = ?1 COLLATE NOCASE ORDER BY ext_id <> ?1 LIMIT 1",
              QStringLiteral("person"))) {
        return std::nullopt;
    }
    if (found("SELECT ext_id FROM teams WHERE ext_id = ?1 OR name = ?1 COLLATE NOCASE "
              "OR email = ?1 COLLATE NOCASE ORDER BY ext_id <> ?1 LIMIT 1",
              QStringLiteral("team"))) {
        return std::nullopt;
    }
    return tr("Unknown person '%1': name a person or team of the catalog by id or e-mail.").arg(key);
}

std::optional<QJsonObject> Outbox::currentValues(std::int64_t sourceId, const QString &productExt,
                                                 QString *versionTokenOut)
{
    Statement st = m_db.prepare("SELECT id, description, display_name, status, tier, version, updated_at "
                                "FROM entries WHERE source_id = ?1 AND ext_id = ?2");
    st.bind(1, sourceId).bind(2, productExt);
    if (!st.next()) {
        return std::nullopt;
    }
    const std::int64_t entryId = st.int64(0);
    QJsonObject o{{kDescription, st.text(1)}, {kDisplayName, st.text(2)}, {kStatus, st.text(3)}};
    o.insert(kTier, st.isNull(4) ? QJsonValue() : QJsonValue(st.int32(4)));
    if (versionTokenOut) {
        *versionTokenOut = versionToken(st.text(5), st.optionalInt64(6));
    }
    QStringList tags;
    Statement t = m_db.prepare("SELECT tag FROM entry_tags WHERE entry_id = ?1 ORDER BY tag");
    t.bind(1, entryId);
    while (t.next()) {
        tags << t.text(0);
    }
    o.insert(kTags, toArray(tags));
    QList<PartyRef> parties;
    Statement p = m_db.prepare("SELECT o.role, o.party_kind, coalesce(p.ext_id, t.ext_id) FROM ownerships o "
                               "LEFT JOIN people p ON o.party_kind = 'person' AND p.id = o.party_id "
                               "LEFT JOIN teams t ON o.party_kind = 'team' AND t.id = o.party_id "
                               "WHERE o.entry_id = ?1 ORDER BY 1, 2, 3");
    p.bind(1, entryId);
    while (p.next()) {
        parties << PartyRef{p.text(0), p.text(1), p.text(2)};
    }
    o.insert(kParties, partiesJson(parties));
    QJsonObject slas;
    Statement s = m_db.prepare("SELECT ext_id, target FROM sla_objectives WHERE entry_id = ?1 ORDER BY ext_id");
    s.bind(1, entryId);
    while (s.next()) {
        slas.insert(s.text(0), s.real(1));
    }
    o.insert(kSlaTargets, slas);
    return o;
}

QList<FieldError> Outbox::validateEdit(std::int64_t productId, const ProductEdit &edit)
{
    QList<FieldError> errors;
    Statement st = m_db.prepare("SELECT source_id, ext_id, status FROM entries WHERE id = ?1");
    st.bind(1, productId);
    if (!st.next()) {
        return {{QStringLiteral("product"), tr("The product is no longer in the catalog.")}};
    }
    const std::int64_t sourceId = st.int64(0);
    const QString ext = st.text(1);
    const QString status = edit.status ? edit.status->trimmed() : st.text(2);
    if (edit.isEmpty()) {
        errors.push_back({QStringLiteral("edit"), tr("Nothing was changed.")});
    }
    if (edit.displayName && edit.displayName->trimmed().isEmpty()) {
        errors.push_back({QStringLiteral("display_name"), tr("The display name cannot be empty.")});
    }
    if (edit.tier && (*edit.tier < 1 || *edit.tier > 5)) {
        errors.push_back({QStringLiteral("tier"), tr("The tier must be between 1 and 5.")});
    }
    for (const QString &t : edit.addTags) {
        if (t.trimmed().isEmpty() || t.contains(QLatin1Char(','))) {
            errors.push_back({QStringLiteral("tags"), tr("Tags cannot be empty or contain commas.")});
            break;
        }
    }
    const QJsonObject current = currentValues(sourceId, ext).value_or(QJsonObject());
    QList<PartyRef> parties = partiesFromJson(current.value(kParties));
    const auto ownedBy = [](const QList<PartyRef> &ps) {
        return std::any_of(ps.cbegin(), ps.cend(), [](const PartyRef &p) { return p.role == QLatin1String("owner"); });
    };
    const bool hadOwner = ownedBy(parties);
    for (PartyRef p : edit.removeParties) {
        if (resolveParty(p)) {
            continue; // removing someone the catalog does not know is a no-op, not an error
        }
        parties.removeAll(p);
    }
    for (PartyRef p : edit.addParties) {
        if (auto err = resolveParty(p)) {
            errors.push_back({QStringLiteral("owners"), *err});
            continue;
        }
        if (!parties.contains(p)) {
            parties << p;
        }
    }
    // The last owner may not go, nor may a product move to a status that needs one without one; an edit of
    // anything else on a product nobody owns yet (common on a catalog server) is fine.
    if (!ownedBy(parties) && !kOwnerOptionalStatuses.contains(status) && (hadOwner || edit.status)) {
        errors.push_back({QStringLiteral("owners"),
                          tr("A product with status '%1' needs at least one owner. Add another owner before removing "
                             "the last one, or set the status to development or deprecated.")
                              .arg(status.isEmpty() ? tr("(none)") : status)});
    }
    const QJsonObject slas = current.value(kSlaTargets).toObject();
    for (auto it = edit.slaTargets.cbegin(); it != edit.slaTargets.cend(); ++it) {
        const QString field = QStringLiteral("sla:") + it.key();
        if (!slas.contains(it.key())) {
            errors.push_back({field, tr("The product has no SLA objective '%1'.").arg(it.key())});
            continue;
        }
        bool ok = false;
        const double target = it.value().trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(target)) {
            errors.push_back({field, tr("The target of SLA '%1' must be a number, like 99.5 or 6; '%2' is not.")
                                         .arg(it.key(), it.value())});
            continue;
        }
        if (target < 0) {
            errors.push_back({field, tr("The target of SLA '%1' cannot be negative.").arg(it.key())});
            continue;
        }
        Statement unit = m_db.prepare("SELECT o.unit FROM sla_objectives o JOIN entries e ON e.id = o.entry_id "
                                      "WHERE e.id = ?1 AND o.ext_id = ?2");
        unit.bind(1, productId).bind(2, it.key());
        if (unit.next() && unit.text(0) == QLatin1String("%") && target > 100) {
            errors.push_back(
                {field, tr("The target of SLA '%1' is a percentage: it must be between 0 and 100.").arg(it.key())});
        }
    }
    return errors;
}

QList<FieldError> Outbox::validateFeedback(std::int64_t productId, const Feedback &f)
{
    QList<FieldError> errors;
    if (!feedbackCategories().contains(f.category)) {
        errors.push_back({QStringLiteral("category"), tr("Choose a category.")});
    }
    if (f.rating < 1 || f.rating > 5) {
        errors.push_back({QStringLiteral("rating"), tr("Give a rating from 1 to 5.")});
    }
    const QString title = f.title.trimmed();
    if (title.isEmpty()) {
        errors.push_back({QStringLiteral("title"), tr("Give your feedback a short title.")});
    } else if (title.size() > 120) {
        errors.push_back(
            {QStringLiteral("title"),
             tr("Keep the title to 120 characters (it has %1); put details in the message.").arg(title.size())});
    }
    if (f.message.trimmed().isEmpty()) {
        errors.push_back({QStringLiteral("message"), tr("Write a message: what is wrong, or what you need.")});
    } else if (f.message.size() > 20000) {
        errors.push_back({QStringLiteral("message"), tr("The message is longer than 20,000 characters.")});
    }
    const QString contact = f.contact.trimmed();
    if (!contact.isEmpty()) {
        static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
        PartyRef p{QStringLiteral("owner"), QStringLiteral("person"), contact};
        if (!email.match(contact).hasMatch() && resolveParty(p)) {
            errors.push_back({QStringLiteral("contact"),
                              tr("The contact must be an e-mail address or a person of the catalog; leave it empty "
                                 "to stay anonymous.")});
        }
    }
    if (!f.linkKind.isEmpty()) {
        const QString ref = f.linkRef.trimmed();
        if (f.linkKind == QLatin1String("check")) {
            Statement st = m_db.prepare("SELECT 1 FROM checks WHERE entry_id = ?1 AND (ext_id = ?2 OR name = ?2)");
            st.bind(1, productId).bind(2, ref);
            if (!st.next()) {
                errors.push_back({QStringLiteral("link"), tr("This product has no check '%1'.").arg(ref)});
            }
        } else if (f.linkKind == QLatin1String("column")) {
            // "port.column" or a bare column name.
            const qsizetype dot = ref.indexOf(QLatin1Char('.'));
            const QString port = dot > 0 ? ref.left(dot) : QString();
            const QString column = dot > 0 ? ref.mid(dot + 1) : ref;
            Statement st = m_db.prepare("SELECT 1 FROM ports p JOIN port_columns c ON c.port_id = p.id "
                                        "WHERE p.entry_id = ?1 AND (?2 IS NULL OR p.ext_id = ?2 OR p.name = ?2) "
                                        "AND c.name = ?3");
            st.bind(1, productId).bind(2, port).bind(3, column);
            if (column.isEmpty() || !st.next()) {
                errors.push_back({QStringLiteral("link"), tr("This product has no column '%1'.").arg(ref)});
            }
        } else {
            errors.push_back({QStringLiteral("link"), tr("A link points to a check or a column.")});
        }
    }
    return errors;
}

Outbox::QueueResult Outbox::insert(const QString &kind, std::int64_t productId, const QJsonObject &payloadIn,
                                   std::int64_t now)
{
    QueueResult result;
    Statement st = m_db.prepare("SELECT source_id, ext_id, kind FROM entries WHERE id = ?1");
    st.bind(1, productId);
    if (!st.next()) {
        result.errors.push_back({QStringLiteral("product"), tr("The product is no longer in the catalog.")});
        return result;
    }
    const std::int64_t sourceId = st.int64(0);
    const QString ext = st.text(1);
    const QString entityKind = st.text(2);
    QJsonObject payload = payloadIn;
    QString token;
    if (auto base = currentValues(sourceId, ext, &token); base && kind == QLatin1String("edit")) {
        payload.insert(kBase, *base);
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Statement ins = m_db.prepare("INSERT INTO outbox(id, kind, source_id, entity_kind, entity_ext, base_version, "
                                 "payload, state, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                 "'pending', ?8, ?8)");
    ins.bind(1, id).bind(2, kind).bind(3, sourceId).bind(4, entityKind).bind(5, ext).bind(6, token);
    ins.bind(7, compact(payload)).bind(8, now);
    if (!ins.exec()) {
        // Autocommit: when exec returns true the row is durable (WAL, synchronous=NORMAL survives a process crash).
        result.storeError = tr("Could not save to the outbox: %1").arg(m_db.lastError().message);
        return result;
    }
    qCInfo(lcStore) << "outbox: queued" << kind << id << "for" << ext;
    result.id = id;
    return result;
}

Outbox::QueueResult Outbox::queueEdit(std::int64_t productId, const ProductEdit &editIn, std::int64_t now)
{
    QueueResult result;
    result.errors = validateEdit(productId, editIn);
    if (!result.errors.isEmpty()) {
        return result;
    }
    ProductEdit edit = editIn;
    for (QList<PartyRef> *list : {&edit.addParties, &edit.removeParties}) {
        for (PartyRef &p : *list) {
            std::ignore = resolveParty(p); // store ids, not the e-mail typed
        }
    }
    for (QStringList *list : {&edit.addTags, &edit.removeTags}) {
        for (QString &t : *list) {
            t = t.trimmed();
        }
        list->removeDuplicates();
    }
    if (edit.displayName) {
        edit.displayName = edit.displayName->trimmed();
    }
    return insert(QStringLiteral("edit"), productId, editToJson(edit), now);
}

Outbox::QueueResult Outbox::queueFeedback(std::int64_t productId, const Feedback &feedback, std::int64_t now)
{
    QueueResult result;
    result.errors = validateFeedback(productId, feedback);
    if (!result.errors.isEmpty()) {
        return result;
    }
    return insert(QStringLiteral("feedback"), productId, feedbackToJson(feedback), now);
}

QList<OutboxItem> Outbox::items(const Filter &filter)
{
    QList<OutboxItem> out;
    Statement st =
        m_db.prepare(std::string(kItemColumns) + " WHERE (?1 IS NULL OR instr(?1, ',' || o.state || ',') > 0)"
                                                 " AND (?2 IS NULL OR o.kind = ?2) AND (?3 IS NULL OR e.id = ?3)"
                                                 " ORDER BY o.created_at, o.rowid");
    st.bind(1, stateList(filter.states)).bind(2, filter.kind.isEmpty() ? QString() : filter.kind);
    st.bindOptional(3, filter.productId);
    while (st.next()) {
        out.push_back(readItem(st));
    }
    return out;
}

std::optional<OutboxItem> Outbox::item(const QString &id)
{
    Statement st = m_db.prepare(std::string(kItemColumns) + " WHERE o.id = ?1");
    st.bind(1, id);
    if (!st.next()) {
        return std::nullopt;
    }
    return readItem(st);
}

std::int64_t Outbox::openCount()
{
    Statement st = m_db.prepare("SELECT count(*) FROM outbox WHERE state <> 'delivered'");
    return st.next() ? st.int64(0) : 0;
}

std::optional<OutboxItem> Outbox::undoLastEdit(std::int64_t productId)
{
    const QList<OutboxItem> pending = items({{QStringLiteral("pending")}, QStringLiteral("edit"), productId});
    if (pending.isEmpty() || !discard(pending.last().id)) {
        return std::nullopt;
    }
    return pending.last();
}

bool Outbox::discard(const QString &id)
{
    Statement st = m_db.prepare("DELETE FROM outbox WHERE id = ?1 AND state NOT IN ('sending', 'delivered')");
    st.bind(1, id);
    return st.exec() && m_db.changes() == 1;
}

bool Outbox::retry(const QString &id, std::int64_t now)
{
    Statement st = m_db.prepare("UPDATE outbox SET state = 'pending', next_attempt_at = NULL, updated_at = ?2 "
                                "WHERE id = ?1 AND state IN ('pending', 'rejected')");
    st.bind(1, id).bind(2, now);
    return st.exec() && m_db.changes() == 1;
}

int Outbox::recoverInterrupted(std::int64_t now)
{
    Statement st = m_db.prepare("UPDATE outbox SET state = 'pending', updated_at = ?1, "
                                "last_error = 'interrupted while sending; it will be sent again' "
                                "WHERE state = 'sending'");
    st.bind(1, now);
    return st.exec() ? m_db.changes() : 0;
}

bool Outbox::beginSending(const QString &id, std::int64_t now)
{
    Statement st = m_db.prepare("UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?2 "
                                "WHERE id = ?1 AND state = 'pending'");
    st.bind(1, id).bind(2, now);
    return st.exec() && m_db.changes() == 1;
}

void Outbox::finishSending(const QString &id, const PushResult &result, std::int64_t now)
{
    Statement st;
    switch (result.outcome) {
    case PushResult::Outcome::Delivered:
        st = m_db.prepare("UPDATE outbox SET state = 'delivered', last_error = NULL, next_attempt_at = NULL, "
                          "reply = ?2, updated_at = ?3 WHERE id = ?1");
        st.bind(1, id).bind(2, result.reply.isEmpty() ? QString() : result.reply).bind(3, now);
        break;
    case PushResult::Outcome::Conflict: {
        QJsonObject theirs = result.theirs;
        if (theirs.isEmpty()) {
            if (const auto it = item(id)) {
                theirs = currentValues(it->sourceId, it->entityExt).value_or(QJsonObject());
            }
        }
        st = m_db.prepare("UPDATE outbox SET state = 'conflict', last_error = ?2, theirs = ?3, updated_at = ?4 "
                          "WHERE id = ?1");
        st.bind(1, id).bind(2, result.message).bind(3, compact(theirs)).bind(4, now);
        break;
    }
    case PushResult::Outcome::Rejected:
        st = m_db.prepare("UPDATE outbox SET state = 'rejected', last_error = ?2, updated_at = ?3 WHERE id = ?1");
        st.bind(1, id).bind(2, result.message).bind(3, now);
        break;
    case PushResult::Outcome::Transient: {
        const int attempts = item(id).value_or(OutboxItem()).attempts;
        st = m_db.prepare("UPDATE outbox SET state = 'pending', last_error = ?2, updated_at = ?3, "
                          "next_attempt_at = ?4 WHERE id = ?1");
        st.bind(1, id).bind(2, result.message).bind(3, now).bind(4, now + backoffSeconds(attempts));
        break;
    }
    }
    if (!st.exec()) {
        qCWarning(lcStore) << "outbox: recording the outcome of" << id << "failed:" << m_db.lastError().message;
    }
}

void Outbox::markExported(const QStringList &ids, std::int64_t now)
{
    Transaction tx(m_db);
    Statement st = m_db.prepare("UPDATE outbox SET exported_at = ?2, updated_at = ?2 WHERE id = ?1");
    for (const QString &id : ids) {
        st.bind(1, id).bind(2, now);
        st.exec();
        st.reset();
    }
    std::ignore = tx.commit();
}

int Outbox::confirmExported(const QStringList &ids, std::int64_t now)
{
    Transaction tx(m_db);
    Statement st = m_db.prepare("UPDATE outbox SET state = 'delivered', last_error = NULL, updated_at = ?2 "
                                "WHERE id = ?1 AND exported_at IS NOT NULL AND state IN ('pending', 'rejected')");
    int n = 0;
    for (const QString &id : ids) {
        st.bind(1, id).bind(2, now);
        if (st.exec()) {
            n += m_db.changes();
        }
        st.reset();
    }
    if (tx.commit()) {
        return 0; // rolled back: nothing was marked
    }
    return n;
}

void Outbox::overlay(ProductDetail &d)
{
    // Undelivered edits, and delivered ones the cache has not caught up with yet (its version is still the base).
    Statement st = m_db.prepare(
        "SELECT o.payload, o.state FROM outbox o JOIN entries e ON e.source_id = o.source_id AND e.ext_id = "
        "o.entity_ext WHERE e.id = ?1 AND o.kind = 'edit' AND (o.state IN ('pending', 'sending', 'conflict') OR "
        "(o.state = 'delivered' AND o.base_version = e.version || '@' || coalesce(e.updated_at, ''))) "
        "ORDER BY o.created_at, o.rowid");
    st.bind(1, d.summary.id);
    bool applied = false;
    while (st.next()) {
        applied = true;
        const QString state = st.text(1);
        if (state != QLatin1String("delivered")) {
            ++d.pendingEdits;
        }
        if (state == QLatin1String("conflict")) {
            ++d.conflictedEdits;
        }
        const ProductEdit e = editFromJson(QJsonDocument::fromJson(st.text(0).toUtf8()).object());
        if (e.description) {
            d.description = *e.description;
        }
        if (e.displayName) {
            d.summary.displayName = *e.displayName;
        }
        if (e.status) {
            d.summary.status = *e.status;
        }
        if (e.tier) {
            d.summary.tier = *e.tier;
        }
        for (const QString &t : e.removeTags) {
            d.tags.removeAll(t);
        }
        for (const QString &t : e.addTags) {
            if (!d.tags.contains(t)) {
                d.tags << t;
            }
        }
        for (const PartyRef &p : e.removeParties) {
            d.owners.removeIf(
                [&p](const Party &x) { return x.role == p.role && x.partyKind == p.kind && x.extId == p.extId; });
        }
        for (const PartyRef &p : e.addParties) {
            const bool present = std::any_of(d.owners.cbegin(), d.owners.cend(), [&p](const Party &x) {
                return x.role == p.role && x.partyKind == p.kind && x.extId == p.extId;
            });
            if (present) {
                continue;
            }
            Party party{p.role, p.kind, p.extId, p.extId, {}, {}};
            Statement who =
                m_db.prepare(p.kind == QLatin1String("team")
                                 ? "SELECT name, display_name, coalesce(email, '') FROM teams WHERE ext_id = ?1"
                                 : "SELECT name, display_name, coalesce(email, '') FROM people WHERE ext_id = ?1");
            who.bind(1, p.extId);
            if (who.next()) {
                party.name = who.text(0);
                party.displayName = who.text(1);
                party.email = who.text(2);
            }
            d.owners.push_back(party);
        }
        for (auto it = e.slaTargets.cbegin(); it != e.slaTargets.cend(); ++it) {
            for (SlaInfo &s : d.slas) {
                if (s.extId == it.key()) {
                    s.target = it.value().toDouble();
                }
            }
        }
    }
    if (applied) {
        d.tags.sort();
    }
}

QSet<std::int64_t> Outbox::pendingEditIds()
{
    // CROSS JOIN keeps the (small) outbox outermost: without fresh statistics the planner would scan every entry
    // and probe the outbox for each, 30 ms a search at 100k products.
    Statement st =
        m_db.prepare("SELECT DISTINCT e.id FROM outbox o CROSS JOIN entries e ON e.source_id = o.source_id AND "
                     "e.ext_id = o.entity_ext WHERE o.kind = 'edit' AND "
                     "o.state IN ('pending', 'sending', 'conflict')");
    QSet<std::int64_t> pending;
    while (st.next()) {
        pending.insert(st.int64(0));
    }
    return pending;
}

int Outbox::reconcileAfterSync(std::int64_t now)
{
    // Pending edits whose product moved become conflicts; conflicts already shown get the source's latest values.
    const QList<OutboxItem> open =
        items({{QStringLiteral("pending"), QStringLiteral("conflict")}, QStringLiteral("edit"), {}});
    int conflicts = 0;
    for (const OutboxItem &it : open) {
        QString token;
        const auto theirs = currentValues(it.sourceId, it.entityExt, &token);
        if (theirs && token == it.baseVersion) {
            continue;
        }
        if (theirs && editInPlace(editFromJson(it.payload), *theirs)) {
            // Not a conflict: the source took the edit, its acknowledgement was lost on the way back.
            Statement done = m_db.prepare("UPDATE outbox SET state = 'delivered', last_error = NULL, theirs = NULL, "
                                          "next_attempt_at = NULL, updated_at = ?2 "
                                          "WHERE id = ?1 AND state IN ('pending', 'conflict')");
            done.bind(1, it.id).bind(2, now);
            done.exec();
            continue;
        }
        const QString message =
            theirs ? tr("The source changed this product since the edit was made (version %1, now %2): review the "
                        "differences and merge.")
                         .arg(it.baseVersion, token)
                   : tr("The source no longer has this product; the edit is kept until you discard it.");
        Statement st = m_db.prepare("UPDATE outbox SET state = 'conflict', last_error = ?2, theirs = ?3, "
                                    "updated_at = ?4 WHERE id = ?1 AND state IN ('pending', 'conflict')");
        st.bind(1, it.id).bind(2, message).bind(3, compact(theirs.value_or(QJsonObject()))).bind(4, now);
        if (st.exec() && m_db.changes() == 1 && it.state == QLatin1String("pending")) {
            ++conflicts;
        }
    }
    if (conflicts > 0) {
        qCInfo(lcStore) << "outbox:" << conflicts << "pending edits are now conflicts after the sync";
    }
    return conflicts;
}

Outbox::QueueResult Outbox::resolveConflict(const QString &id, const ProductEdit &merged, std::int64_t now)
{
    QueueResult result;
    const auto it = item(id);
    if (!it || it->state != QLatin1String("conflict")) {
        result.storeError = tr("This item is no longer in conflict.");
        return result;
    }
    Statement st = m_db.prepare("SELECT id FROM entries WHERE source_id = ?1 AND ext_id = ?2");
    st.bind(1, it->sourceId).bind(2, it->entityExt);
    if (!st.next()) {
        result.storeError = tr("The source no longer has this product; discard the edit instead.");
        return result;
    }
    const std::int64_t productId = st.int64(0);
    result.errors = validateEdit(productId, merged);
    if (!result.errors.isEmpty()) {
        return result;
    }
    QString token;
    QJsonObject payload = editToJson(merged);
    payload.insert(kBase, currentValues(it->sourceId, it->entityExt, &token).value_or(QJsonObject()));
    Statement up = m_db.prepare("UPDATE outbox SET state = 'pending', payload = ?2, base_version = ?3, theirs = NULL, "
                                "last_error = NULL, next_attempt_at = NULL, updated_at = ?4 WHERE id = ?1");
    up.bind(1, id).bind(2, compact(payload)).bind(3, token).bind(4, now);
    if (!up.exec()) {
        result.storeError = tr("Could not save to the outbox: %1").arg(m_db.lastError().message);
        return result;
    }
    result.id = id;
    return result;
}

QString Outbox::draftKey(std::int64_t productId)
{
    // By the product's source id, so a draft survives a sync that renumbers rows.
    Statement st = m_db.prepare("SELECT source_id, ext_id FROM entries WHERE id = ?1");
    st.bind(1, productId);
    return st.next() ? QStringLiteral("feedback-draft/%1/%2").arg(st.int64(0)).arg(st.text(1)) : QString();
}

void Outbox::saveFeedbackDraft(std::int64_t productId, const Feedback &draft, std::int64_t now)
{
    const QString key = draftKey(productId);
    if (key.isEmpty()) {
        return;
    }
    QJsonObject o = feedbackToJson(draft);
    o.insert(QStringLiteral("title"), draft.title); // as typed
    Statement st =
        m_db.prepare("INSERT INTO local_state(key, value, updated_at) VALUES (?1, ?2, ?3) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
    st.bind(1, key).bind(2, compact(o)).bind(3, now);
    st.exec();
}

std::optional<Feedback> Outbox::feedbackDraft(std::int64_t productId)
{
    Statement st = m_db.prepare("SELECT value FROM local_state WHERE key = ?1");
    st.bind(1, draftKey(productId));
    if (!st.next()) {
        return std::nullopt;
    }
    return feedbackFromJson(QJsonDocument::fromJson(st.text(0).toUtf8()).object());
}

void Outbox::clearFeedbackDraft(std::int64_t productId)
{
    Statement st = m_db.prepare("DELETE FROM local_state WHERE key = ?1");
    st.bind(1, draftKey(productId));
    st.exec();
}

} // namespace meshlens::models
