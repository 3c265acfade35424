#include "contractspusher.h"

#include "../../logging.h"
#include "../../store/outbox.h"
#include "yamledit.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMap>

#include <algorithm>
#include <map>
#include <memory>

namespace meshlens::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("meshlens::models::ContractsPusher", text);
}

// Bigger files are not contracts anyone edits by hand; reading them whole for an edit is refused.
constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;

QByteArray sha1(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex();
}

QString join(const QString &prefix, const QString &rel)
{
    return prefix.isEmpty() ? rel : prefix + QLatin1Char('.') + rel;
}

// How the read side maps a member's role onto owner | steward | expert.
QString roleOf(const QString &role)
{
    const QString r = role.toLower();
    return r.contains(QLatin1String("owner"))     ? QStringLiteral("owner")
           : r.contains(QLatin1String("steward")) ? QStringLiteral("steward")
                                                  : QStringLiteral("expert");
}

QString roleText(const QString &role)
{
    return role == QLatin1String("owner")     ? QStringLiteral("Owner")
           : role == QLatin1String("steward") ? QStringLiteral("Steward")
                                              : QStringLiteral("Expert");
}

// The description as the read side shows it: a string, or purpose with its limitations and usage appended.
QString composedDescription(const YamlEditor &ed, const QString &prefix)
{
    const QString path = join(prefix, QStringLiteral("description"));
    if (const auto s = ed.scalar(path)) {
        return *s;
    }
    QString text = ed.scalar(path + QStringLiteral(".purpose")).value_or(QString());
    for (const auto &[key, title] : {std::pair{"limitations", "Limitations: "}, std::pair{"usage", "Usage: "}}) {
        const QString part = ed.scalar(path + QLatin1Char('.') + QLatin1String(key)).value_or(QString());
        if (!part.isEmpty()) {
            text += (text.isEmpty() ? QString() : QStringLiteral("\n\n")) + QLatin1String(title) + part;
        }
    }
    return text;
}

// One file an edit touches: its bytes as read and the editor holding the edited text.
struct FileWork
{
    QByteArray original;
    qint64 mtimeMs = 0;
    std::unique_ptr<YamlEditor> editor;
};

} // namespace

ContractsPusher::ContractsPusher(QString sourceUri, QString root, Lookups lookups,
                                 std::shared_ptr<ContractsWriteJournal> journal)
    : m_uri(std::move(sourceUri))
    , m_root(std::move(root))
    , m_lookups(std::move(lookups))
    , m_journal(journal ? std::move(journal) : std::make_shared<ContractsWriteJournal>())
{}

bool ContractsPusher::accepts(const QString &sourceUri, const QString &sourceKind) const
{
    return sourceKind == QLatin1String("contracts") && (m_uri.isEmpty() || sourceUri == m_uri);
}

std::optional<QString> ContractsPusher::pointerToPath(const QString &pointer)
{
    if (pointer.isEmpty()) {
        return QString();
    }
    if (!pointer.startsWith(QLatin1Char('/'))) {
        return std::nullopt;
    }
    QString path;
    const QStringList tokens = pointer.mid(1).split(QLatin1Char('/'));
    for (QString token : tokens) {
        token.replace(QLatin1String("~1"), QLatin1String("/")).replace(QLatin1String("~0"), QLatin1String("~"));
        bool isIndex = false;
        const int index = token.toInt(&isIndex);
        if (isIndex && index >= 0) {
            path += QStringLiteral("[%1]").arg(index);
        } else if (token.isEmpty() || token.contains(QLatin1Char('.')) || token.contains(QLatin1Char('['))) {
            return std::nullopt; // not expressible as an editor path
        } else {
            path += (path.isEmpty() ? QString() : QStringLiteral(".")) + token;
        }
    }
    return path;
}

ContractsPusher::DescriptionParts ContractsPusher::splitDescription(const QString &description, const QString &header)
{
    DescriptionParts parts;
    QString rest = description;
    if (!header.isEmpty() && (rest == header || rest.startsWith(header + QStringLiteral("\n\n")))) {
        rest = rest.mid(header.size() + 2);
    }
    // What the read side lists after the description (from other fields of the file) ends it.
    qsizetype cut = rest.size();
    for (const char *section : {"Service levels:\n", "Support:\n", "Other fields:\n"}) {
        const QString marker = QLatin1String(section);
        const qsizetype at = rest.startsWith(marker) ? 0 : rest.indexOf(QStringLiteral("\n\n") + marker);
        if (at >= 0) {
            cut = std::min(cut, at);
        }
    }
    rest.truncate(cut);
    for (const auto &[title, out] : {std::pair{QLatin1String("Usage: "), &parts.usage},
                                     std::pair{QLatin1String("Limitations: "), &parts.limitations}}) {
        const QString marker = QStringLiteral("\n\n") + title;
        const qsizetype at = rest.lastIndexOf(marker);
        if (at >= 0) {
            *out = rest.mid(at + marker.size());
            rest.truncate(at);
        } else if (rest.startsWith(title)) {
            *out = rest.mid(title.size());
            rest.clear();
        }
    }
    parts.purpose = rest;
    return parts;
}

QString ContractsPusher::absolute(const QString &relativePath) const
{
    return QDir(m_root).filePath(relativePath);
}

PushResult ContractsPusher::push(const OutboxItem &item)
{
    using Outcome = PushResult::Outcome;
    auto rejected = [](const QString &why) { return PushResult{Outcome::Rejected, why, {}, {}}; };
    if (item.kind == QLatin1String("feedback")) {
        return rejected(tr("Feedback cannot be written into data contract files: it needs an OpenMetadata source. "
                           "Export the outbox to send it to the product's owners."));
    }
    if (!item.isEdit()) {
        return rejected(tr("Unknown outbox item kind '%1'.").arg(item.kind));
    }
    if (!m_lookups.locate || !m_lookups.lastSynced) {
        return {Outcome::Transient, tr("The contracts folder has not been synced yet."), {}, {}};
    }
    const ProductEdit edit = Outbox::editFromJson(item.payload);
    if (edit.tier) {
        return rejected(tr("Data contract files have no tier field; edit the tier elsewhere."));
    }
    const auto product = m_lookups.locate(QStringLiteral("product"), {}, item.entityExt);
    if (!product) {
        return rejected(tr("The product %1 is not defined in the folder's files any more; sync and edit again.")
                            .arg(item.entityExt));
    }

    // Every file the edit touches, read once; all edits are made and verified before anything is written.
    std::map<QString, FileWork> files;
    QString problem;
    std::optional<QString> gone;
    auto failed = [&]() -> PushResult {
        if (gone) {
            return {Outcome::Conflict,
                    tr("%1 was deleted or moved since the last sync; sync and edit again.").arg(*gone),
                    {},
                    {}};
        }
        return rejected(problem);
    };
    auto file = [&](const QString &rel) -> YamlEditor * {
        if (auto it = files.find(rel); it != files.end()) {
            return it->second.editor.get();
        }
        if (rel.isEmpty() || QDir::isAbsolutePath(rel) || rel.split(QLatin1Char('/')).contains(QLatin1String(".."))) {
            problem = tr("The file name '%1' points outside the contracts folder.").arg(rel);
            return nullptr;
        }
        QFile f(absolute(rel));
        if (!f.open(QIODevice::ReadOnly)) {
            problem = tr("Cannot read %1: %2").arg(rel, f.errorString());
            if (!f.exists()) {
                gone = rel; // deleted or moved since the last sync: a change on disk like any other
            }
            return nullptr;
        }
        if (f.size() > kMaxFileBytes) {
            problem = tr("%1 is larger than %2 MB; edit it by hand.").arg(rel).arg(kMaxFileBytes >> 20);
            return nullptr;
        }
        FileWork w;
        w.original = f.readAll();
        w.mtimeMs = QFileInfo(f).lastModified().toMSecsSinceEpoch();
        w.editor = std::make_unique<YamlEditor>(w.original);
        if (w.editor->error()) {
            problem = tr("%1: %2").arg(rel, *w.editor->error());
            return nullptr;
        }
        return files.emplace(rel, std::move(w)).first->second.editor.get();
    };
    auto apply = [&](YamlEditor *ed, const QString &rel, const YamlEditOp &op) {
        if (const auto error = ed->apply(op)) {
            problem = tr("%1: %2").arg(rel, *error);
            return false;
        }
        return true;
    };

    YamlEditor *ed = file(product->file);
    const auto prefix = pointerToPath(product->pointer);
    if (!ed) {
        return failed();
    }
    if (!prefix) {
        return rejected(tr("The product's place in %1 (%2) cannot be edited.").arg(product->file, product->pointer));
    }
    const QString rel = product->file;
    auto at = [&](const QString &path) { return join(*prefix, path); };
    bool ok = true;

    if (edit.description) {
        const QString path = at(QStringLiteral("description"));
        if (ed->kind(path) == YamlEditor::NodeKind::Scalar) {
            ok = ok && apply(ed, rel, YamlEditOp::set(path, *edit.description));
        } else {
            // {purpose, limitations, usage}: the sections the read side appended go back to their keys.
            // An ODCS contract standing for its product shows "Contract <name> <version>" first.
            const QString contractName = ed->scalar(at(QStringLiteral("name")))
                                             .value_or(ed->scalar(at(QStringLiteral("id"))).value_or(QString()));
            const QString header =
                QStringLiteral("Contract %1 %2")
                    .arg(contractName, ed->scalar(at(QStringLiteral("version"))).value_or(QString()));
            const DescriptionParts parts = splitDescription(*edit.description, header);
            ok = ok && apply(ed, rel, YamlEditOp::set(path + QStringLiteral(".purpose"), parts.purpose));
            for (const auto &[key, value] : {std::pair{QStringLiteral(".limitations"), parts.limitations},
                                             std::pair{QStringLiteral(".usage"), parts.usage}}) {
                if (value) {
                    ok = ok && apply(ed, rel, YamlEditOp::set(path + key, *value));
                } else if (!ed->scalar(path + key).value_or(QString()).isEmpty()) {
                    ok = ok && apply(ed, rel, YamlEditOp::set(path + key, QString()));
                }
            }
        }
    }
    if (ok && edit.displayName) {
        ok = apply(ed, rel, YamlEditOp::set(at(QStringLiteral("name")), *edit.displayName));
    }
    if (ok && edit.status) {
        ok = apply(ed, rel, YamlEditOp::set(at(QStringLiteral("status")), *edit.status));
    }
    for (const QString &tag : edit.addTags) {
        ok = ok && apply(ed, rel, YamlEditOp::add(at(QStringLiteral("tags")), tag));
    }
    for (const QString &tag : edit.removeTags) {
        if (tag.contains(QLatin1Char(']'))) {
            return rejected(tr("The tag '%1' cannot be removed from a file by MeshLens; edit it by hand.").arg(tag));
        }
        ok = ok && apply(ed, rel, YamlEditOp::remove(at(QStringLiteral("tags[?=%1]").arg(tag))));
    }

    // Owners: the contract's team (one, by name) and its members (by username, with a role).
    const QString team = at(QStringLiteral("team"));
    const bool teamIsList = ed->kind(team) == YamlEditor::NodeKind::Sequence;
    const QString members = teamIsList ? team : team + QStringLiteral(".members");
    // The member's item path by the field the read side takes its id from (username, else email, else name).
    auto memberPath = [&](const QString &id) -> std::optional<QString> {
        for (const char *field : {"username", "email", "name"}) {
            const QString p = members + QStringLiteral("[?%1=%2]").arg(QLatin1String(field), id);
            if (ed->scalar(p + QLatin1Char('.') + QLatin1String(field))) {
                return p;
            }
        }
        return std::nullopt;
    };
    for (const QList<PartyRef> *list : {&edit.addParties, &edit.removeParties}) {
        for (const PartyRef &p : *list) {
            if (p.extId.contains(QLatin1Char(']'))) { // it would end the path's selector
                return rejected(tr("The id '%1' cannot be edited in a file by MeshLens.").arg(p.extId));
            }
        }
    }
    for (const PartyRef &p : edit.removeParties) {
        if (!ok) {
            break;
        }
        if (p.kind == QLatin1String("team")) {
            const bool replaced = std::any_of(edit.addParties.cbegin(), edit.addParties.cend(),
                                              [](const PartyRef &a) { return a.kind == QLatin1String("team"); });
            if (!replaced && ed->scalar(team + QStringLiteral(".name")) == p.extId) {
                return rejected(
                    tr("A data contract keeps its team: name another team instead of removing %1.").arg(p.extId));
            }
        } else if (const auto m = memberPath(p.extId);
                   m && roleOf(ed->scalar(*m + QStringLiteral(".role")).value_or(QString())) == p.role) {
            ok = apply(ed, rel, YamlEditOp::remove(*m));
        }
    }
    for (const PartyRef &p : edit.addParties) {
        if (!ok) {
            break;
        }
        if (p.kind == QLatin1String("team")) {
            if (p.role != QLatin1String("owner")) {
                return rejected(tr("A data contract's team is its owner; %1 cannot be its %2.").arg(p.extId, p.role));
            }
            if (teamIsList) {
                return rejected(tr("%1 lists team members without a team (the ODCS 3.0 form); name the team by "
                                   "hand.")
                                    .arg(rel));
            }
            const QString current = ed->scalar(team + QStringLiteral(".name")).value_or(QString());
            const bool removed = std::any_of(edit.removeParties.cbegin(), edit.removeParties.cend(),
                                             [&](const PartyRef &r) { return r.extId == current; });
            if (!current.isEmpty() && current != p.extId && !removed) {
                return rejected(tr("A data contract has one team, %1: remove it to name %2.").arg(current, p.extId));
            }
            ok = apply(ed, rel, YamlEditOp::set(team + QStringLiteral(".name"), p.extId));
        } else if (const auto m = memberPath(p.extId)) {
            if (roleOf(ed->scalar(*m + QStringLiteral(".role")).value_or(QString())) != p.role) {
                ok = apply(ed, rel, YamlEditOp::set(*m + QStringLiteral(".role"), roleText(p.role)));
            }
        } else {
            ok = apply(ed, rel,
                       YamlEditOp::addMapping(members, {{QStringLiteral("username"), p.extId},
                                                        {QStringLiteral("role"), roleText(p.role)}}));
        }
    }

    // SLA targets: the objective's value, wherever its contract file is.
    QJsonObject theirSlas;
    for (auto it = edit.slaTargets.cbegin(); ok && it != edit.slaTargets.cend(); ++it) {
        const auto sla = m_lookups.locate(QStringLiteral("sla"), item.entityExt, it.key());
        if (!sla) {
            return rejected(tr("The SLA objective %1 is not in the folder's files any more.").arg(it.key()));
        }
        const auto slaPath = pointerToPath(sla->pointer);
        YamlEditor *slaFile = file(sla->file);
        if (!slaFile || !slaPath) {
            return problem.isEmpty() ? rejected(tr("The SLA objective %1 cannot be edited.").arg(it.key())) : failed();
        }
        const QString valuePath = join(*slaPath, QStringLiteral("value"));
        if (const auto before = YamlEditor(files.at(sla->file).original).scalar(valuePath)) {
            theirSlas.insert(it.key(), before->toDouble());
        }
        ok = apply(slaFile, sla->file, YamlEditOp::set(valuePath, it.value(), YamlEditOp::Type::Auto));
    }
    if (!ok) {
        return rejected(problem);
    }

    // A file changed since the last sync (and not by an earlier push) is a conflict. A file the edit leaves as it
    // is needs no check: the edit is already in it (a replay after a lost answer).
    QStringList changedOnDisk;
    for (const auto &[path, w] : files) {
        if (w.editor->text() == w.original) {
            continue;
        }
        const QByteArray hash = sha1(w.original);
        const auto synced = m_lookups.lastSynced(path);
        const bool asSynced =
            synced && (synced->hash.isEmpty() ? synced->size == w.original.size() && synced->mtimeMs == w.mtimeMs
                                              : synced->hash == hash);
        if (!asSynced && !m_journal->wrote(path, hash)) {
            changedOnDisk << path;
        }
    }
    if (!changedOnDisk.isEmpty()) {
        const YamlEditor current(files.at(rel).original);
        QJsonObject theirs{
            {QStringLiteral("description"), composedDescription(current, *prefix)},
            {QStringLiteral("display_name"), current.scalar(at(QStringLiteral("name"))).value_or(QString())},
            {QStringLiteral("status"), current.scalar(at(QStringLiteral("status"))).value_or(QString())},
            {QStringLiteral("tags"), QJsonArray::fromStringList(current.scalarItems(at(QStringLiteral("tags"))))}};
        if (!theirSlas.isEmpty()) {
            theirs.insert(QStringLiteral("sla_targets"), theirSlas);
        }
        return {Outcome::Conflict,
                tr("%1 changed on disk since the last sync; sync, review and edit again.")
                    .arg(changedOnDisk.join(QStringLiteral(", "))),
                theirs,
                {}};
    }

    for (const auto &[path, w] : files) {
        if (w.editor->text() == w.original) {
            continue;
        }
        // Narrows the window in which someone else's save could be replaced: the file is read again just before.
        QFile again(absolute(path));
        if (!again.open(QIODevice::ReadOnly) || again.read(kMaxFileBytes + 1) != w.original) {
            return {Outcome::Conflict,
                    tr("%1 changed on disk while the edit was being written; sync and edit again.").arg(path),
                    {},
                    {}};
        }
        again.close();
        if (const auto error = YamlEditor::writeFile(absolute(path), w.editor->text())) {
            // Files written before this one are in the journal: the retry finds its edits there and goes on.
            return {Outcome::Transient, *error, {}, {}};
        }
        m_journal->record(path, sha1(w.editor->text()));
        qCInfo(lcSync) << "contracts: wrote" << item.id << "into" << path;
    }
    return {Outcome::Delivered, {}, {}, {}};
}

} // namespace meshlens::models
