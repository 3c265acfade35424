#pragma once

#include "models/lineage/layeredlayout.h"
#include "models/lineage/lineagegraph.h"

#include <QGraphicsScene>
#include <QHash>
#include <QSet>

#include <optional>

namespace meshlens::ui {

class LineageEdgesItem;
class LineageNodeItem;

// The drawn lineage graph: one item per visible node (and per "N more" group), all edges in one item. Nodes show
// name, owners, a domain colour bar and a health badge; at low zoom they are drawn as plain coloured boxes (level
// of detail). Uses the BSP index with an explicit scene rect, so hit-testing stays cheap at 20k nodes. GUI thread;
// owned by the lineage page.
class LineageScene final : public QGraphicsScene
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineageScene)

public:
    explicit LineageScene(QObject *parent = nullptr);
    ~LineageScene() override;

    // Replaces the drawing. Layout node i is visible.nodes[i], or the "more" group i - visible.nodes.size().
    void setDrawing(const models::LineageGraph &graph, const models::VisibleSet &visible,
                    const models::LayoutResult &layout, int focus);
    void clearDrawing();

    // Emphasises these nodes and edges (graph indexes) and dims the rest; empty sets show everything normally.
    void setHighlight(const QSet<int> &nodes, const QSet<int> &edges);
    void setMatches(const QSet<int> &nodes);

    [[nodiscard]] QGraphicsItem *itemFor(int node) const;
    [[nodiscard]] std::optional<int> selectedNode() const;
    void selectNode(int node);
    [[nodiscard]] int itemCount() const { return static_cast<int>(m_items.size()); }
    [[nodiscard]] const QSet<int> &highlightedNodes() const { return m_highlightNodes; }

    // Colour of a domain: a stable hue from its name.
    [[nodiscard]] static QColor domainColour(const QString &domain);

    // Called by the items.
    void requestExpand(int node) { Q_EMIT expandRequested(node); }
    void requestMore(int distance) { Q_EMIT moreRequested(distance); }
    void requestActivate(int node) { Q_EMIT nodeActivated(node); }
    void requestMenu(int node, const QPoint &screenPos) { Q_EMIT contextMenuRequested(node, screenPos); }

Q_SIGNALS:
    void expandRequested(int node);
    void moreRequested(int distance);
    void nodeActivated(int node);
    void contextMenuRequested(int node, const QPoint &screenPos);

private:
    QHash<int, LineageNodeItem *> m_items;
    QList<LineageEdgesItem *> m_edges; // one per region of the scene
    QSet<int> m_highlightNodes;
};

} // namespace meshlens::ui
