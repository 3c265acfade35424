#pragma once

// A test connector for the outbox: applies each item at most once per id, as a source with idempotent writes does,
// and counts what it received and what it applied. It can lose the response to a push (the item is applied but
// the client hears a network error), be unreachable, or report a conflict.

#include "models/sync/outboxpusher.h"

#include <QHash>

#include <optional>

namespace meshlens::test {

class FakeOutboxPusher final : public models::OutboxPusher
{
public:
    QHash<QString, int> received; // pushes seen per item id
    QHash<QString, int> applied;  // times each id changed the source's data: must never exceed 1
    bool reachable = true;
    int loseResponses = 0; // the next N pushes are applied but answered with a transient error
    std::optional<QJsonObject> conflictWith;
    QString reply;

    [[nodiscard]] bool accepts(const QString &, const QString &) const override { return true; }

    [[nodiscard]] models::PushResult push(const models::OutboxItem &item) override
    {
        using Outcome = models::PushResult::Outcome;
        if (!reachable) {
            return {Outcome::Transient, QStringLiteral("connection refused"), {}, {}};
        }
        ++received[item.id];
        if (conflictWith) {
            return {Outcome::Conflict, QStringLiteral("the product changed on the server"), *conflictWith, {}};
        }
        if (!applied.contains(item.id)) {
            applied[item.id] = 1; // a known id is acknowledged, not applied again
        }
        if (loseResponses > 0) {
            --loseResponses;
            return {Outcome::Transient, QStringLiteral("the connection closed before the response arrived"), {}, {}};
        }
        return {Outcome::Delivered, {}, {}, reply};
    }
};

} // namespace meshlens::test
