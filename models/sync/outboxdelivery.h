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
    int replies = 0;     // delivered feedback whose source answered since the last delivery run
    QString lastError;
};

// Runs the outbox through a pusher: each due item is marked sending (committed), pushed, and its outcome
// committed. Transient failures back off (Outbox::backoffSeconds); `force` (the user asked) ignores the backoff.
// Delivered feedback then fetches the source's replies ("My feedback").
// Runs on whichever thread calls it, over that thread's connection: the GUI uses a QtConcurrent worker with its
// own Database, the CLI its main thread.
class OutboxDelivery final
{
public:
    [[nodiscard]] static DeliveryReport deliver(Database &db, OutboxPusher *pusher, std::int64_t now,
                                                bool force = false, const std::atomic<bool> *cancel = nullptr);

    // The write side of one source, or null when it accepts no writes. By default each item goes to the source its
    // entity came from: SourceRegistry::openStored(uri, kind, environment)->makePusher(), once per source and
    // delivery (SourcePusher). Tests install a fake here; an empty factory restores the default. Set before any
    // delivery starts.
    using PusherFactory =
        std::function<std::unique_ptr<OutboxPusher>(const QString &sourceUri, const QString &sourceKind)>;
    static void setPusherFactory(PusherFactory factory);
    [[nodiscard]] static DeliveryReport deliverAll(Database &db, std::int64_t now, bool force = false,
                                                   const std::atomic<bool> *cancel = nullptr,
                                                   const SourceEnvironment &environment = {});
};

} // namespace meshlens::models
