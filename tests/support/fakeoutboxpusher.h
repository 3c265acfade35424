#pragma once

// A test connector for the outbox: applies each item at most once per id, as a source with idempotent writes does,
// and counts what it received and what it applied. It can lose the response to a push (the item is applied but
// the client hears a network error), be unreachable, or report a conflict.

#include "models/sync/outboxpusher.h"

#include "models/sync/outboxdelivery.h"

#include <QHash>

#include <memory>
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

    // Installs `server` as what OutboxDelivery::deliverAll (the GUI's and the CLI's path) delivers to. Each source of
    // each delivery gets its own pusher; they forward to the one server, so its counts span deliveries. Deliveries run
    // one at a time, so the server needs no lock.
    static void install(const std::shared_ptr<FakeOutboxPusher> &server)
    {
        struct Forward final : models::OutboxPusher
        {
            std::shared_ptr<FakeOutboxPusher> server;
            explicit Forward(std::shared_ptr<FakeOutboxPusher> s)
                : server(std::move(s))
            {}
            [[nodiscard]] bool accepts(const QString &uri, const QString &kind) const override
            {
                return server->accepts(uri, kind);
            }
            [[nodiscard]] models::PushResult push(const models::OutboxItem &item) override
            {
                return server->push(item);
            }
        };
        models::OutboxDelivery::setPusherFactory(
            [server](const QString &, const QString &) { return std::make_unique<Forward>(server); });
    }
};

} // namespace meshlens::test
