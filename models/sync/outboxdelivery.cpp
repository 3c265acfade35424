#include "outboxdelivery.h"

#include "../logging.h"
#include "../sources/sourcepusher.h"
#include "../store/catalogwriter.h"

namespace meshlens::models {

namespace {
OutboxDelivery::PusherFactory &pusherFactory()
{
    static OutboxDelivery::PusherFactory factory;
    return factory;
}
} // namespace

void OutboxDelivery::setPusherFactory(PusherFactory factory)
{
    pusherFactory() = std::move(factory);
}

DeliveryReport OutboxDelivery::deliverAll(Database &db, std::int64_t now, bool force, const std::atomic<bool> *cancel,
                                          const SourceEnvironment &environment)
{
    // Pushers read what the last sync kept for their source (a manifest) over this delivery's connection.
    SourceEnvironment withState = environment;
    if (!withState.state) {
        withState.state = [&db](const QString &sourceUri, const QString &key) {
            return CatalogWriter::state(db, sourceUri, key);
        };
    }
    SourcePusher pusher(withState, pusherFactory());
    return deliver(db, &pusher, now, force, cancel);
}

DeliveryReport OutboxDelivery::deliver(Database &db, OutboxPusher *pusher, std::int64_t now, bool force,
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
    if (!pusher) {
        return report;
    }
    for (const OutboxItem &item : outbox.items({{QStringLiteral("delivered")}, QStringLiteral("feedback"), {}})) {
        if (cancel && cancel->load()) {
            break;
        }
        if (!pusher->accepts(item.sourceUri, item.sourceKind)) {
            continue;
        }
        if (const auto answer = pusher->reply(item); answer && *answer != item.reply) {
            outbox.finishSending(item.id, {PushResult::Outcome::Delivered, {}, {}, *answer}, now);
            ++report.replies;
        }
    }
    return report;
}

} // namespace meshlens::models
