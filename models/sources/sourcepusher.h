#pragma once

#include "../sync/outboxpusher.h"
#include "source.h"

#include <QHash>
#include <QString>

#include <memory>

namespace meshlens::models {

// Delivers each outbox item through the pusher of the item's own source: opens the source the cache knows
// (SourceRegistry::openStored) and keeps its pusher for the next items of that source. A source that accepts no
// writes (a bundle) is not accepted, so its items wait for an export. Used by OutboxDelivery on its worker thread
// for one delivery run; owned by it.
class SourcePusher final : public OutboxPusher
{
public:
    explicit SourcePusher(const SourceEnvironment &environment)
        : m_environment(environment)
    {}

    [[nodiscard]] bool accepts(const QString &sourceUri, const QString &sourceKind) const override;
    [[nodiscard]] PushResult push(const OutboxItem &item) override;
    [[nodiscard]] std::optional<QString> reply(const OutboxItem &item) override;

private:
    [[nodiscard]] OutboxPusher *pusherFor(const QString &sourceUri, const QString &sourceKind) const;

    SourceEnvironment m_environment;
    mutable QHash<QString, std::shared_ptr<OutboxPusher>> m_pushers; // by source uri; null: accepts no writes
};

} // namespace meshlens::models
