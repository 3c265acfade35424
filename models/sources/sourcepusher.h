#pragma once

#include "../sync/outboxpusher.h"
#include "source.h"

#include <QHash>
#include <QString>

#include <functional>
#include <memory>

namespace meshlens::models {

// Delivers each outbox item through the pusher of the item's own source: opens the source the cache knows
// (SourceRegistry::openStored) once per source and keeps it, with its pusher, for the next items of that source
// (a pusher may use what its source holds). A source that accepts no
// writes (a bundle) is not accepted, so its items wait for an export. Used by OutboxDelivery on its worker thread
// for one delivery run; owned by it.
class SourcePusher final : public OutboxPusher
{
public:
    // Opens one source's pusher (null: it accepts no writes); the test seam of OutboxDelivery::setPusherFactory.
    using Opener = std::function<std::unique_ptr<OutboxPusher>(const QString &sourceUri, const QString &sourceKind)>;

    // An empty opener opens the sources through the registry.
    explicit SourcePusher(const SourceEnvironment &environment, Opener opener = {})
        : m_environment(environment)
        , m_opener(std::move(opener))
    {}

    [[nodiscard]] bool accepts(const QString &sourceUri, const QString &sourceKind) const override;
    [[nodiscard]] PushResult push(const OutboxItem &item) override;
    [[nodiscard]] std::optional<QString> reply(const OutboxItem &item) override;

private:
    [[nodiscard]] OutboxPusher *pusherFor(const QString &sourceUri, const QString &sourceKind) const;

    struct Route
    {
        std::unique_ptr<Source> source; // destroyed after its pusher
        std::unique_ptr<OutboxPusher> pusher;
    };

    SourceEnvironment m_environment;
    Opener m_opener;
    mutable QHash<QString, std::shared_ptr<Route>> m_routes; // by source uri; a null pusher accepts no writes
};

} // namespace meshlens::models
