#include "lineagereader.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace meshlens::models {

LineageReader::LineageReader(Database &db)
    : m_db(db)
    , m_reader(db)
{}

NodeHealth LineageReader::cacheHealth(std::int64_t entryId)
{
    NodeHealth h;
    bool measured = false;
    for (const CheckInfo &c : m_reader.checks(entryId)) {
        if (!c.lastStatus.isNull()) {
            measured = true;
            h.failingChecks += c.lastStatus == QLatin1Char('F') ? 1 : 0;
        }
    }
    for (const SlaInfo &s : m_reader.slas(entryId)) {
        if (s.latest) {
            measured = true;
            h.missedSlas += s.latestMeets() ? 0 : 1;
        }
    }
    h.state = NodeHealth::stateFor(h.failingChecks, h.missedSlas, measured);
    return h;
}

QList<LineageReader::Step> LineageReader::neighbours(const QString &extId, bool downstream)
{
    Statement st =
        m_db.prepare(downstream ? "SELECT to_ext, from_port, to_port, coalesce(column_map, '') FROM lineage "
                                  "WHERE source_id = ?1 AND from_ext = ?2 ORDER BY id"
                                : "SELECT from_ext, from_port, to_port, coalesce(column_map, '') FROM lineage "
                                  "WHERE source_id = ?1 AND to_ext = ?2 ORDER BY id");
    st.bind(1, m_sourceId).bind(2, extId);
    QList<Step> out;
    while (st.next()) {
        out.push_back(Step{st.text(0), st.text(1), st.text(2), st.text(3)});
    }
    return out;
}

int LineageReader::nodeFor(LineageGraph &graph, const QString &extId, const QString &port, bool ports, int distance)
{
    const QString key = ports && !port.isEmpty() ? extId + QLatin1Char('#') + port : extId;
    if (const int existing = graph.indexOf(key); existing >= 0) {
        return existing;
    }
    LineageNode n;
    n.key = key;
    n.extId = extId;
    n.port = ports ? port : QString();
    n.distance = distance;
    if (const auto s = m_reader.summaryByExt(m_sourceId, extId)) {
        n.entryId = s->id;
        n.name = s->title();
        n.kind = s->kind;
        n.domain = s->domain;
        n.owners = s->owners;
        std::optional<NodeHealth> provided = m_health ? m_health(s->id) : std::nullopt;
        n.health = provided ? *provided : cacheHealth(s->id);
    } else {
        n.name = extId; // an edge may name an entry the cache does not hold
    }
    return graph.addNode(n);
}

namespace {

LineageEdge edgeOf(int from, int to, const QString &fromPort, const QString &toPort, const QString &columnMap)
{
    LineageEdge e{from, to, fromPort, toPort, {}};
    if (!columnMap.isEmpty()) {
        for (const QJsonValue &pair : QJsonDocument::fromJson(columnMap.toUtf8()).array()) {
            const QJsonArray a = pair.toArray();
            if (a.size() == 2) {
                e.columns.push_back({a.at(0).toString(), a.at(1).toString()});
            }
        }
    }
    return e;
}

} // namespace

std::optional<LineageGraph> LineageReader::load(const LineageQuery &query, const std::atomic<bool> *cancel)
{
    const auto source = m_reader.sourceOf(query.productId);
    const auto root = source ? m_reader.product(query.productId) : std::nullopt;
    if (!root) {
        return std::nullopt;
    }
    m_sourceId = *source;
    LineageGraph g;
    const int focus = nodeFor(g, root->summary.extId, {}, false, 0);
    // Breadth-first in each direction; a product is expanded once per direction even when port-level nodes
    // split it into several.
    for (const bool downstream : {false, true}) {
        const int limit = downstream ? query.down : query.up;
        QSet<QString> seen{root->summary.extId};
        QList<QPair<QString, int>> frontier{{root->summary.extId, focus}};
        for (int depth = 1; (limit < 0 || depth <= limit) && !frontier.isEmpty(); ++depth) {
            QList<QPair<QString, int>> next;
            for (const auto &[ext, at] : frontier) {
                if ((cancel && cancel->load()) || g.nodeCount() >= query.maxNodes) {
                    return cancel && cancel->load() ? std::nullopt : std::optional<LineageGraph>(g);
                }
                for (const Step &s : neighbours(ext, downstream)) {
                    const int sign = downstream ? depth : -depth;
                    // At port level an edge joins the ports it names; the focus product stays one node.
                    const int self = query.ports && at != focus ? nodeFor(g, ext, downstream ? s.fromPort : s.toPort,
                                                                          true, sign - (downstream ? 1 : -1))
                                                                : at;
                    const int other = nodeFor(g, s.other, downstream ? s.toPort : s.fromPort, query.ports, sign);
                    g.addEdge(downstream ? edgeOf(self, other, s.fromPort, s.toPort, s.columnMap)
                                         : edgeOf(other, self, s.fromPort, s.toPort, s.columnMap));
                    if (!seen.contains(s.other)) {
                        seen.insert(s.other);
                        next.push_back({s.other, other});
                    }
                }
            }
            frontier = std::move(next);
        }
    }
    return g;
}

int LineageReader::expand(LineageGraph &graph, int node, bool ports)
{
    if (node < 0 || node >= graph.nodeCount()) {
        return 0;
    }
    const LineageNode n = graph.node(node);
    if (n.entryId) {
        if (const auto source = m_reader.sourceOf(*n.entryId)) {
            m_sourceId = *source;
        }
    }
    const int before = graph.nodeCount();
    for (const bool downstream : {false, true}) {
        for (const Step &s : neighbours(n.extId, downstream)) {
            const int other =
                nodeFor(graph, s.other, downstream ? s.toPort : s.fromPort, ports, n.distance + (downstream ? 1 : -1));
            graph.addEdge(downstream ? edgeOf(node, other, s.fromPort, s.toPort, s.columnMap)
                                     : edgeOf(other, node, s.fromPort, s.toPort, s.columnMap));
        }
    }
    return graph.nodeCount() - before;
}

} // namespace meshlens::models
