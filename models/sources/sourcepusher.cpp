#include "sourcepusher.h"

#include "sourceregistry.h"

namespace meshlens::models {

OutboxPusher *SourcePusher::pusherFor(const QString &sourceUri, const QString &sourceKind) const
{
    const auto it = m_pushers.constFind(sourceUri);
    if (it != m_pushers.constEnd()) {
        return it->get();
    }
    SourceRegistry::Opened opened = SourceRegistry::openStored(sourceUri, sourceKind, m_environment);
    std::shared_ptr<OutboxPusher> pusher = opened.source ? opened.source->makePusher() : nullptr;
    m_pushers.insert(sourceUri, pusher);
    return pusher.get();
}

bool SourcePusher::accepts(const QString &sourceUri, const QString &sourceKind) const
{
    OutboxPusher *pusher = pusherFor(sourceUri, sourceKind);
    return pusher && pusher->accepts(sourceUri, sourceKind);
}

PushResult SourcePusher::push(const OutboxItem &item)
{
    OutboxPusher *pusher = pusherFor(item.sourceUri, item.sourceKind);
    if (!pusher) {
        return {PushResult::Outcome::Rejected,
                QStringLiteral("the source %1 accepts no writes").arg(item.sourceUri),
                {},
                {}};
    }
    return pusher->push(item);
}

std::optional<QString> SourcePusher::reply(const OutboxItem &item)
{
    OutboxPusher *pusher = pusherFor(item.sourceUri, item.sourceKind);
    return pusher ? pusher->reply(item) : std::nullopt;
}

} // namespace meshlens::models
