#include "lineagegraph.h"

#include "../itemmodels/csvexport.h"

#include <QJsonArray>
#include <QMap>
#include <QSet>

#include <deque>

namespace meshlens::models {

NodeHealth::State NodeHealth::stateFor(int failingChecks, int missedSlas, bool measured)
{
    return failingChecks > 0 ? State::Failing
           : missedSlas > 0  ? State::Warning
           : measured        ? State::Healthy
                             : State::Unknown;
}

QString NodeHealth::text() const
{
    QString s;
    switch (state) {
    case State::Unknown:
        s = QStringLiteral("no checks or SLAs measured");
        break;
    case State::Healthy:
        s = QStringLiteral("healthy");
        break;
    case State::Warning:
        s = QStringLiteral("%1 SLA(s) missed").arg(missedSlas);
        break;
    case State::Failing:
        s = QStringLiteral("%1 failing check(s)").arg(failingChecks);
        if (missedSlas > 0) {
            s += QStringLiteral(", %1 SLA(s) missed").arg(missedSlas);
        }
        break;
    }
    if (score) {
        s = QStringLiteral("score %1 — %2").arg(qRound(*score)).arg(s);
    }
    return s;
}

int LineageGraph::addNode(const LineageNode &node)
{
    if (const auto it = m_index.constFind(node.key); it != m_index.constEnd()) {
        return *it;
    }
    const int i = static_cast<int>(m_nodes.size());
    m_nodes.push_back(node);
    m_out.push_back({});
    m_in.push_back({});
    m_index.insert(node.key, i);
    return i;
}

int LineageGraph::addEdge(const LineageEdge &edge)
{
    for (const int e : m_out[edge.from]) {
        const LineageEdge &x = m_edges[e];
        if (x.to == edge.to && x.fromPort == edge.fromPort && x.toPort == edge.toPort) {
            return e;
        }
    }
    const int e = static_cast<int>(m_edges.size());
    m_edges.push_back(edge);
    m_out[edge.from].push_back(e);
    m_in[edge.to].push_back(e);
    return e;
}

QList<ImpactRow> LineageGraph::reachable(int from, Direction direction, int depth) const
{
    QList<ImpactRow> out;
    if (from < 0 || from >= nodeCount()) {
        return out;
    }
    QList<int> dist(nodeCount(), -1);
    dist[from] = 0;
    std::deque<int> queue{from};
    while (!queue.empty()) {
        const int v = queue.front();
        queue.pop_front();
        if (depth >= 0 && dist[v] >= depth) {
            continue;
        }
        const QList<int> &edges = direction == Direction::Downstream ? m_out[v] : m_in[v];
        for (const int e : edges) {
            const int w = direction == Direction::Downstream ? m_edges[e].to : m_edges[e].from;
            if (dist[w] < 0) {
                dist[w] = dist[v] + 1;
                out.push_back(ImpactRow{w, dist[w]});
                queue.push_back(w);
            }
        }
    }
    return out;
}

QList<int> LineageGraph::shortestPath(int a, int b) const
{
    if (a < 0 || b < 0 || a >= nodeCount() || b >= nodeCount()) {
        return {};
    }
    if (a == b) {
        return {a};
    }
    const auto search = [&](int from, int to) -> QList<int> {
        QList<int> parent(nodeCount(), -1);
        parent[from] = from;
        std::deque<int> queue{from};
        while (!queue.empty()) {
            const int v = queue.front();
            queue.pop_front();
            for (const int e : m_out[v]) {
                const int w = m_edges[e].to;
                if (parent[w] >= 0) {
                    continue;
                }
                parent[w] = v;
                if (w == to) {
                    QList<int> path{to};
                    for (int x = to; x != from; x = parent[x]) {
                        path.prepend(parent[x]);
                    }
                    return path;
                }
                queue.push_back(w);
            }
        }
        return {};
    };
    QList<int> path = search(a, b);
    return path.isEmpty() ? search(b, a) : path;
}

QList<int> LineageGraph::nodesOnPaths(int a, int b) const
{
    QSet<int> down{a}, up{b};
    for (const ImpactRow &r : reachable(a, Direction::Downstream)) {
        down.insert(r.node);
    }
    for (const ImpactRow &r : reachable(b, Direction::Upstream)) {
        up.insert(r.node);
    }
    if (!down.contains(b)) {
        return {};
    }
    QList<int> out;
    for (int v = 0; v < nodeCount(); ++v) {
        if (down.contains(v) && up.contains(v)) {
            out.push_back(v);
        }
    }
    return out;
}

VisibleSet LineageGraph::visible(int limit, const QHash<int, int> &extra, const QSet<int> &hidden,
                                 const QSet<int> &keep) const
{
    QMap<int, QList<int>> byDistance;
    for (int v = 0; v < nodeCount(); ++v) {
        if (!hidden.contains(v) || keep.contains(v)) {
            byDistance[m_nodes[v].distance].push_back(v);
        }
    }
    VisibleSet out;
    QList<char> shown(nodeCount(), 0);
    QMap<int, QList<int>> cut;
    for (auto it = byDistance.begin(); it != byDistance.end(); ++it) {
        QList<int> &list = it.value();
        std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
            const bool ka = keep.contains(a), kb = keep.contains(b);
            if (ka != kb) {
                return ka;
            }
            return m_nodes[a].title().compare(m_nodes[b].title(), Qt::CaseInsensitive) < 0;
        });
        const int cap = limit + extra.value(it.key(), 0);
        for (int i = 0; i < list.size(); ++i) {
            if (i < cap || keep.contains(list[i])) {
                shown[list[i]] = 1;
                out.nodes.push_back(list[i]);
            } else {
                cut[it.key()].push_back(list[i]);
            }
        }
    }
    for (auto it = cut.cbegin(); it != cut.cend(); ++it) {
        VisibleSet::More m;
        m.distance = it.key();
        m.hidden = static_cast<int>(it.value().size());
        m.upstreamOfNeighbours = it.key() < 0;
        QSet<int> seen;
        for (const int h : it.value()) {
            for (const int e : m_in[h] + m_out[h]) {
                const int other = m_edges[e].from == h ? m_edges[e].to : m_edges[e].from;
                if (shown[other] && !seen.contains(other)) {
                    seen.insert(other);
                    m.neighbours.push_back(other);
                }
            }
        }
        std::sort(m.neighbours.begin(), m.neighbours.end());
        out.more.push_back(m);
    }
    return out;
}

namespace {

QByteArray impactField(const QString &s)
{
    QString t = s;
    // A cell starting like a formula is made text, so a spreadsheet never evaluates catalog data.
    if (!t.isEmpty() && QStringView(u"=+-@").contains(t.front())) {
        t.prepend(QLatin1Char('\''));
    }
    return csvQuoted(t).toUtf8();
}

} // namespace

QByteArray LineageGraph::impactCsv(int node) const
{
    QByteArray out = "product,id,domain,owners,health,hops\r\n";
    for (const ImpactRow &r : impact(node)) {
        const LineageNode &n = m_nodes[r.node];
        out += impactField(n.title()) + ',' + impactField(n.extId) + ',' + impactField(n.domain) + ',' +
               impactField(n.owners) + ',' + impactField(n.health.text()) + ',' + QByteArray::number(r.distance) +
               "\r\n";
    }
    return out;
}

LayoutGraph LineageGraph::layoutGraph(const QList<int> &subset, const std::function<QSizeF(int)> &size) const
{
    LayoutGraph g;
    QList<int> local(nodeCount(), subset.isEmpty() ? 0 : -1);
    if (subset.isEmpty()) {
        for (int v = 0; v < nodeCount(); ++v) {
            local[v] = v;
            g.sizes.push_back(size(v));
        }
    } else {
        for (int i = 0; i < subset.size(); ++i) {
            local[subset[i]] = i;
            g.sizes.push_back(size(subset[i]));
        }
    }
    for (const LineageEdge &e : m_edges) {
        if (local[e.from] >= 0 && local[e.to] >= 0) {
            g.edges.emplace_back(local[e.from], local[e.to]);
        }
    }
    return g;
}

namespace {

QByteArray dotQuoted(const QString &s)
{
    QByteArray out = "\"";
    for (const char c : s.toUtf8()) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out + '"';
}

} // namespace

QByteArray LineageGraph::toDot(const QList<int> &subset) const
{
    QSet<int> keep;
    for (const int v : subset) {
        keep.insert(v);
    }
    const auto kept = [&](int v) { return keep.isEmpty() || keep.contains(v); };
    QByteArray out = "digraph lineage {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n";
    for (int v = 0; v < nodeCount(); ++v) {
        if (!kept(v)) {
            continue;
        }
        const LineageNode &n = m_nodes[v];
        out += "  n" + QByteArray::number(v) + " [label=" + dotQuoted(n.title()) +
               ", tooltip=" + dotQuoted(n.domain.isEmpty() ? n.key : n.domain + QLatin1String(": ") + n.key) + "];\n";
    }
    for (const LineageEdge &e : m_edges) {
        if (kept(e.from) && kept(e.to)) {
            out += "  n" + QByteArray::number(e.from) + " -> n" + QByteArray::number(e.to) + ";\n";
        }
    }
    return out + "}\n";
}

QJsonObject LineageGraph::toJson(std::optional<int> focus) const
{
    QJsonArray nodes, edges;
    for (const LineageNode &n : m_nodes) {
        QJsonObject o{{QStringLiteral("id"), n.extId},
                      {QStringLiteral("name"), n.name},
                      {QStringLiteral("kind"), n.kind},
                      {QStringLiteral("domain"), n.domain},
                      {QStringLiteral("owners"), n.owners},
                      {QStringLiteral("distance"), n.distance},
                      {QStringLiteral("health"), n.health.text()},
                      {QStringLiteral("in_cache"), n.entryId.has_value()}};
        if (!n.port.isEmpty()) {
            o.insert(QStringLiteral("port"), n.port);
        }
        nodes.push_back(o);
    }
    for (const LineageEdge &e : m_edges) {
        QJsonObject o{{QStringLiteral("from"), m_nodes[e.from].key}, {QStringLiteral("to"), m_nodes[e.to].key}};
        if (!e.fromPort.isEmpty() || !e.toPort.isEmpty()) {
            o.insert(QStringLiteral("from_port"), e.fromPort);
            o.insert(QStringLiteral("to_port"), e.toPort);
        }
        if (!e.columns.isEmpty()) {
            QJsonArray cols;
            for (const auto &[a, b] : e.columns) {
                cols.push_back(QJsonArray{a, b});
            }
            o.insert(QStringLiteral("columns"), cols);
        }
        edges.push_back(o);
    }
    QJsonObject out{{QStringLiteral("nodes"), nodes}, {QStringLiteral("edges"), edges}};
    if (focus) {
        out.insert(QStringLiteral("focus"), m_nodes[*focus].key);
    }
    return out;
}

} // namespace meshlens::models
