#include "sourcepusher.h"

#include "sourceregistry.h"

namespace meshlens::models {

OutboxPusher *SourcePusher::pusherFor(const QString &sourceUri, const QString &sourceKind) const
{
    const auto it = m_routes.constFind(sourceUri);
    if (it != m_routes.constEnd()) {
        return (*it)->pusher.get();
    }
    auto route = std::make_shared<Route>();
    if (m_opener) {
        route->pusher = m_opener(sourceUri, sourceKind);
    } else if (SourceRegistry::Opened opened = SourceRegistry::openStored(sourceUri, sourceKind, m_environment);
               opened.source) {
        route->pusher = opened.source->makePusher();
        route->source = std::move(opened.source);
    }
    m_routes.insert(sourceUri, route);
    return route->pusher.get();
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
