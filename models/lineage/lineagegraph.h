#pragma once

#include "layeredlayout.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

namespace meshlens::models {

// What the health badge of a node shows. `score` is filled by a health provider when one is plugged in (the
// health-score view); without one the state comes from what the cache knows: failing checks and missed SLAs.
struct NodeHealth
{
    enum class State
    {
        Unknown, // nothing measured
        Healthy,
        Warning, // an SLA's latest measurement misses its target
        Failing  // a check failed on its last run
    };
    State state = State::Unknown;
    std::optional<double> score; // 0..100 from a provider
    int failingChecks = 0;
    int missedSlas = 0;
    [[nodiscard]] QString text() const;
    // The one rule for a badge's state, whether the counts come from the cache or from a health snapshot.
    [[nodiscard]] static State stateFor(int failingChecks, int missedSlas, bool measured);
};

struct LineageNode
{
    QString key;                         // ext id, or "ext#port" in port-level graphs
    QString extId, port;                 // port empty for a product-level node
    std::optional<std::int64_t> entryId; // null when the other end is not in the cache
    QString name, kind, domain, owners;
    NodeHealth health;
    int distance = 0; // hops from the focus: negative upstream, positive downstream

    [[nodiscard]] QString title() const { return port.isEmpty() ? name : name + QStringLiteral(" · ") + port; }
};

struct LineageEdge
{
    int from = 0, to = 0;
    QString fromPort, toPort;
    QList<QPair<QString, QString>> columns; // (upstream column, downstream column)
};

struct ImpactRow
{
    int node = 0;
    int distance = 0;
};

// What a view shows of a big graph: at most `limit` nodes per distance from the focus (more where the user asked
// for more), the rest summarised as one "N more" group per distance, attached to the visible nodes they touch.
struct VisibleSet
{
    struct More
    {
        int distance = 0;
        int hidden = 0;
        QList<int> neighbours; // visible nodes with an edge to a hidden node of this group
        bool upstreamOfNeighbours = false;
    };
    QList<int> nodes;
    QList<More> more;
};

// A lineage graph in memory: nodes keyed by ext id (or ext#port), directed edges upstream → downstream, cycles
// allowed. Traversals, paths and the impact set are pure functions of the graph. Value type, any thread.
class LineageGraph final
{
public:
    enum class Direction
    {
        Upstream,
        Downstream
    };

    // Adds or returns the node with this key (an existing node keeps its data).
    int addNode(const LineageNode &node);
    // Adds the edge unless the same (from, to, ports) edge exists; returns its index.
    int addEdge(const LineageEdge &edge);
    [[nodiscard]] int indexOf(const QString &key) const { return m_index.value(key, -1); }

    [[nodiscard]] int nodeCount() const { return static_cast<int>(m_nodes.size()); }
    [[nodiscard]] int edgeCount() const { return static_cast<int>(m_edges.size()); }
    [[nodiscard]] const QList<LineageNode> &nodes() const { return m_nodes; }
    [[nodiscard]] QList<LineageNode> &nodes() { return m_nodes; }
    [[nodiscard]] const QList<LineageEdge> &edges() const { return m_edges; }
    [[nodiscard]] const LineageNode &node(int i) const { return m_nodes[i]; }
    [[nodiscard]] LineageNode &node(int i) { return m_nodes[i]; }
    [[nodiscard]] const QList<int> &outEdges(int node) const { return m_out[node]; }
    [[nodiscard]] const QList<int> &inEdges(int node) const { return m_in[node]; }

    // Nodes reachable from `from` in one direction within `depth` hops (-1: unbounded), with their hop counts,
    // nearest first; `from` itself is not included. Cycles terminate.
    [[nodiscard]] QList<ImpactRow> reachable(int from, Direction direction, int depth = -1) const;
    // A shortest directed path between a and b (a → b, else b → a) as node indexes, or empty when none.
    [[nodiscard]] QList<int> shortestPath(int a, int b) const;
    // Every node on some directed path from a to b (a and b included when such a path exists).
    [[nodiscard]] QList<int> nodesOnPaths(int a, int b) const;
    // Everything downstream of a node at any depth, nearest first: what a change to it affects.
    [[nodiscard]] QList<ImpactRow> impact(int node) const { return reachable(node, Direction::Downstream); }

    // The nodes to draw: all but `hidden`, capped per distance (limit + extra[distance]); nodes named in `keep`
    // always stay. Within a distance the order is by title, so the cap is stable.
    [[nodiscard]] VisibleSet visible(int limit, const QHash<int, int> &extra = {}, const QSet<int> &hidden = {},
                                     const QSet<int> &keep = {}) const;
    // The impact set as CSV (product, id, domain, owners, health, hops), RFC 4180 quoting.
    [[nodiscard]] QByteArray impactCsv(int node) const;

    // The input of LayeredLayout for the nodes in `subset` (all when empty); layout node i is subset[i].
    [[nodiscard]] LayoutGraph layoutGraph(const QList<int> &subset, const std::function<QSizeF(int)> &size) const;

    // Graphviz DOT of the nodes in `subset` (all when empty): left-to-right, names quoted and escaped.
    [[nodiscard]] QByteArray toDot(const QList<int> &subset = {}) const;
    [[nodiscard]] QJsonObject toJson(std::optional<int> focus = {}) const;

private:
    QList<LineageNode> m_nodes;
    QList<LineageEdge> m_edges;
    QList<QList<int>> m_out, m_in;
    QHash<QString, int> m_index;
};

} // namespace meshlens::models
