#pragma once

#include "outbox.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace meshlens::models {

// One text field an edit in conflict touches: what the edit was made against, the source now, and the edit.
struct ConflictText
{
    QString field; // description | display_name | status | tier
    QString base, theirs, mine;
};

// A set (tags; parties as "role:id") an edit in conflict changes, three ways.
struct ConflictSet
{
    QStringList base, theirs, mine;
    // Theirs, plus what mine added to base, minus what mine removed from it.
    [[nodiscard]] QStringList merged() const;
};

// An outbox edit in conflict as values, read once from the item's payload and the source's values, so the UI
// shows and resolves it without knowing the outbox's JSON.
struct EditConflict
{
    QString outboxId;
    QString message;           // what the source said
    QList<ConflictText> texts; // in the order the dialog shows them
    std::optional<ConflictSet> tags, parties;
    QList<PartyRef> theirsParties; // the source's parties with their kinds, so removals name the right kind

    [[nodiscard]] static EditConflict fromItem(const OutboxItem &item);
    // The 3-way merge of a set (see ConflictSet::merged).
    [[nodiscard]] static QStringList mergeSets(const QStringList &base, const QStringList &theirs,
                                               const QStringList &mine);
    // What resolving queues: the results the steward kept (per text field; the merged sets), as a change against
    // theirs, so only what differs from the source's current values is sent.
    [[nodiscard]] ProductEdit resolution(const QMap<QString, QString> &textResults,
                                         const std::optional<QStringList> &mergedTags,
                                         const std::optional<QStringList> &mergedParties) const;
};

} // namespace meshlens::models
