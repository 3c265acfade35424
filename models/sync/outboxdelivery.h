#pragma once

#include "../sources/source.h"
#include "../store/database.h"
#include "outboxpusher.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

namespace meshlens::models {

struct DeliveryReport
{
    int delivered = 0, conflicts = 0, rejected = 0, failed = 0;
    int waiting = 0;     // pending but backing off after a failure
    int needsExport = 0; // pending for a source that accepts no writes (a bundle): export the outbox instead
    QString lastError;
};

// Runs the outbox through pushers: each due item is marked sending (committed), pushed, and its outcome
// committed. Transient failures back off (Outbox::backoffSeconds); `force` (the user asked) ignores the backoff.
// Runs on whichever thread calls it, over that thread's connection: the GUI uses a QtConcurrent worker with its
// own Database, the CLI its main thread.
class OutboxDelivery final
{
public:
    // Delivers every item through one pusher (items it does not accept wait for an export).
    [[nodiscard]] static DeliveryReport deliver(Database &db, OutboxPusher *pusher, std::int64_t now,
                                                bool force = false, const std::atomic<bool> *cancel = nullptr);

    // The write side of one source, or null when it accepts no writes. By default each item goes to the source
    // its entity came from: SourceRegistry::openStored(uri, kind, environment)->makePusher(), once per source and
    // delivery. Tests install a fake here; an empty factory restores the default. Set before any delivery starts.
    using PusherFactory =
        std::function<std::unique_ptr<OutboxPusher>(const QString &sourceUri, const QString &sourceKind)>;
    static void setPusherFactory(PusherFactory factory);
    // What the GUI and the CLI deliver through: every item to its own source.
    [[nodiscard]] static DeliveryReport deliverAll(Database &db, std::int64_t now, bool force = false,
                                                   const std::atomic<bool> *cancel = nullptr,
                                                   const SourceEnvironment &environment = {});

private:
    using Route = std::function<OutboxPusher *(const OutboxItem &item)>;
    [[nodiscard]] static DeliveryReport run(Database &db, const Route &route, std::int64_t now, bool force,
                                            const std::atomic<bool> *cancel);
};

} // namespace meshlens::models
