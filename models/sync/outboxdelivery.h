#pragma once

#include "../store/database.h"
#include "outboxpusher.h"

#include <QString>

#include <atomic>
#include <cstdint>

namespace meshlens::models {

struct DeliveryReport
{
    int delivered = 0, conflicts = 0, rejected = 0, failed = 0;
    int waiting = 0;     // pending but backing off after a failure
    int needsExport = 0; // pending for a source that accepts no writes (a bundle): export the outbox instead
    QString lastError;
};

// Runs the outbox through a pusher: each due item is marked sending (committed), pushed, and its outcome
// committed. Transient failures back off (Outbox::backoffSeconds); `force` (the user asked) ignores the backoff.
// Runs on whichever thread calls it, over that thread's connection: the GUI uses a QtConcurrent worker with its
// own Database, the CLI its main thread.
class OutboxDelivery final
{
public:
    [[nodiscard]] static DeliveryReport deliver(Database &db, OutboxPusher *pusher, std::int64_t now,
                                                bool force = false, const std::atomic<bool> *cancel = nullptr);
};

} // namespace meshlens::models
