#include "outboxdelivery.h"

#include "../logging.h"
#include "../sources/sourceregistry.h"

#include <map>

namespace meshlens::models {

namespace {
OutboxDelivery::PusherFactory &pusherFactory()
{
    static OutboxDelivery::PusherFactory factory;
    return factory;
}

// The pusher of one source, with the source it came from: a pusher may use what its source holds (its HTTP
// client, its settings), so the source lives as long as the pusher (members are destroyed in reverse order).
struct SourceRoute
{
    std::unique_ptr<Source> source;
    std::unique_ptr<OutboxPusher> pusher;
};
} // namespace

void OutboxDelivery::setPusherFactory(PusherFactory factory)
{
    pusherFactory() = std::move(factory);
}

DeliveryReport OutboxDelivery::deliverAll(Database &db, std::int64_t now, bool force, const std::atomic<bool> *cancel,
                                          const SourceEnvironment &environment)
{
    // One route per source, opened at its first item: a source whose items all wait costs a look-up, no more.
    std::map<QString, SourceRoute> routes; // a handful of sources
    const Route route = [&](const OutboxItem &item) -> OutboxPusher * {
        auto it = routes.find(item.sourceUri);
        if (it == routes.end()) {
            SourceRoute r;
            if (pusherFactory()) {
                r.pusher = pusherFactory()(item.sourceUri, item.sourceKind);
            } else {
                SourceRegistry::Opened opened =
                    SourceRegistry::openStored(item.sourceUri, item.sourceKind, environment);
                if (opened.source) {
                    r.pusher = opened.source->makePusher();
                    r.source = std::move(opened.source);
                } else {
                    qCWarning(lcSync) << "outbox: cannot open" << item.sourceUri << ":" << opened.error;
                }
            }
            it = routes.emplace(item.sourceUri, std::move(r)).first;
        }
        return it->second.pusher.get();
    };
    return run(db, route, now, force, cancel);
}

DeliveryReport OutboxDelivery::deliver(Database &db, OutboxPusher *pusher, std::int64_t now, bool force,
                                       const std::atomic<bool> *cancel)
{
    return run(
        db, [pusher](const OutboxItem &) { return pusher; }, now, force, cancel);
}

DeliveryReport OutboxDelivery::run(Database &db, const Route &route, std::int64_t now, bool force,
                                   const std::atomic<bool> *cancel)
{
    DeliveryReport report;
    Outbox outbox(db);
    outbox.recoverInterrupted(now); // a previous run that died mid-push: its items are due again, same ids
    const QList<OutboxItem> pending = outbox.items({{QStringLiteral("pending")}, {}, {}});
    for (const OutboxItem &item : pending) {
        if (cancel && cancel->load()) {
            break;
        }
        OutboxPusher *pusher = route(item);
        if (!pusher || !pusher->accepts(item.sourceUri, item.sourceKind)) {
            ++report.needsExport;
            continue;
        }
        if (!force && item.nextAttemptAt && *item.nextAttemptAt > now) {
            ++report.waiting;
            continue;
        }
        if (!outbox.beginSending(item.id, now)) {
            continue; // discarded or taken meanwhile
        }
        const PushResult result = pusher->push(item);
        outbox.finishSending(item.id, result, now);
        switch (result.outcome) {
        case PushResult::Outcome::Delivered:
            ++report.delivered;
            break;
        case PushResult::Outcome::Conflict:
            ++report.conflicts;
            break;
        case PushResult::Outcome::Rejected:
            ++report.rejected;
            report.lastError = result.message;
            break;
        case PushResult::Outcome::Transient:
            ++report.failed;
            report.lastError = result.message;
            break;
        }
        qCInfo(lcSync) << "outbox: pushed" << item.id << "outcome" << static_cast<int>(result.outcome);
    }
    return report;
}

} // namespace meshlens::models
