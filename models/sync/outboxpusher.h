#pragma once

#include "../store/outbox.h"

#include <QString>

#include <optional>

namespace meshlens::models {

// The write side of a connector: delivers one outbox item to its source. The item's id travels with it (an
// OpenMetadata connector sends it as the change's idempotency key, a feed thread's client id, ...), so a retry
// after a lost response is recognised by the source and never applied twice. Called on a delivery worker thread,
// one item at a time; an implementation may block on its own I/O with a timeout of its own.
class OutboxPusher
{
public:
    OutboxPusher() = default;
    virtual ~OutboxPusher() = default;
    Q_DISABLE_COPY_MOVE(OutboxPusher)

    // Whether this pusher delivers items of that source (by its URI and kind: bundle, openmetadata, contracts).
    [[nodiscard]] virtual bool accepts(const QString &sourceUri, const QString &sourceKind) const = 0;
    // Delivers the item: delivered, conflict (with the source's values), rejected (for good), or transient.
    [[nodiscard]] virtual PushResult push(const OutboxItem &item) = 0;
    // For delivered feedback: what the source's people answered since (the replies of its feed thread), or nothing
    // when the source keeps no conversation or nobody answered.
    [[nodiscard]] virtual std::optional<QString> reply(const OutboxItem &item)
    {
        Q_UNUSED(item);
        return std::nullopt;
    }
};

} // namespace meshlens::models
