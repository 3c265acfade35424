#include "lineagescene.h"

#include <QApplication>
#include <QGraphicsItem>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QPalette>
#include <QStaticText>
#include <QStyleOptionGraphicsItem>

namespace meshlens::ui {

using models::LineageGraph;
using models::NodeHealth;

namespace {

constexpr double kNodeWidth = 200;
constexpr double kNodeHeight = 54;
constexpr double kHandle = 14;      // the expand/collapse handle on a node's right edge
constexpr double kDetailLod = 0.45; // below this scale nodes are plain boxes and edges lose their arrows

QColor healthColour(const NodeHealth &h)
{
    if (h.score) {
        return *h.score >= 80   ? QColor(0x2e, 0x9d, 0x4f)
               : *h.score >= 50 ? QColor(0xe0, 0x9a, 0x1a)
                                : QColor(0xd0, 0x3b, 0x2f);
    }
    switch (h.state) {
    case NodeHealth::State::Healthy:
        return {0x2e, 0x9d, 0x4f};
    case NodeHealth::State::Warning:
        return {0xe0, 0x9a, 0x1a};
    case NodeHealth::State::Failing:
        return {0xd0, 0x3b, 0x2f};
    case NodeHealth::State::Unknown:
        break;
    }
    return {0x9a, 0x9a, 0x9a};
}

// The part of a segment inside a rectangle (Liang–Barsky); a null line when it misses.
QLineF clipped(const QLineF &l, const QRectF &r)
{
    double t0 = 0, t1 = 1;
    const double dx = l.dx(), dy = l.dy();
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {l.x1() - r.left(), r.right() - l.x1(), l.y1() - r.top(), r.bottom() - l.y1()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) {
                return {};
            }
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0) {
            t0 = std::max(t0, t);
        } else {
            t1 = std::min(t1, t);
        }
    }
    if (t0 > t1) {
        return {};
    }
    return {l.pointAt(t0), l.pointAt(t1)};
}

} // namespace

// One node (or one "N more" group). Not a QObject: thousands of them stay light.
class LineageNodeItem final : public QGraphicsItem
{
    Q_DECLARE_TR_FUNCTIONS(LineageNodeItem)

public:
    LineageNodeItem(const models::LineageNode *node, int index, bool focus)
        : m_node(node)
        , m_index(index)
        , m_focus(focus)
    {
        setFlag(ItemIsSelectable);
        setAcceptHoverEvents(false);
        m_colour = LineageScene::domainColour(node->domain);
        QString tip = QStringLiteral("<b>%1</b><br>%2").arg(node->title().toHtmlEscaped(), node->key.toHtmlEscaped());
        if (!node->domain.isEmpty()) {
            tip += tr("<br>Domain: %1").arg(node->domain.toHtmlEscaped());
        }
        if (!node->owners.isEmpty()) {
            tip += tr("<br>Owners: %1").arg(node->owners.toHtmlEscaped());
        }
        tip += tr("<br>Health: %1").arg(node->health.text().toHtmlEscaped());
        if (!node->entryId) {
            tip += tr("<br><i>Not in the cache</i>");
        }
        setToolTip(tip);
    }
    LineageNodeItem(int distance, int hidden)
        : m_index(-1)
        , m_moreDistance(distance)
        , m_hidden(hidden)
    {
        setToolTip(tr("%1 more at this distance. Click to show them.").arg(hidden));
        m_colour = QColor(0xb0, 0xb0, 0xb0);
    }

    [[nodiscard]] QRectF boundingRect() const override
    {
        return {-kNodeWidth / 2, -kNodeHeight / 2, kNodeWidth, kNodeHeight};
    }
    [[nodiscard]] int index() const { return m_index; }
    [[nodiscard]] bool isMore() const { return m_index < 0; }
    [[nodiscard]] int moreDistance() const { return m_moreDistance; }
    [[nodiscard]] QString label() const { return isMore() ? tr("Show %1 more").arg(m_hidden) : m_node->title(); }
    void setDimmed(bool on) { setIfChanged(m_dimmed, on); }
    void setHighlighted(bool on) { setIfChanged(m_highlighted, on); }
    void setMatch(bool on) { setIfChanged(m_match, on); }
    [[nodiscard]] bool isDimmed() const { return m_dimmed; }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        const QRectF r = boundingRect();
        const double lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
        QColor fill = m_colour;
        if (m_dimmed) {
            fill.setAlpha(60);
        }
        if (lod < kDetailLod) {
            // Level of detail: a box in the domain colour; the selection and matches still show.
            painter->setRenderHint(QPainter::Antialiasing, false);
            painter->fillRect(r, (isSelected() || m_match) ? QColor(0xff, 0xc1, 0x07) : fill);
            return;
        }
        painter->setRenderHint(QPainter::Antialiasing, true);
        const QPalette pal = QApplication::palette();
        QColor base = pal.color(QPalette::Base);
        QColor text = pal.color(QPalette::Text);
        if (m_dimmed) {
            text.setAlpha(90);
        }
        QPen border(isSelected()    ? pal.color(QPalette::Highlight)
                    : m_match       ? QColor(0xff, 0xc1, 0x07)
                    : m_highlighted ? pal.color(QPalette::Highlight).lighter(130)
                                    : pal.color(QPalette::Mid));
        border.setWidthF(isSelected() || m_match || m_focus ? 3 : m_highlighted ? 2 : 1);
        painter->setPen(border);
        painter->setBrush(base);
        painter->drawRoundedRect(r, 6, 6);
        painter->fillRect(QRectF(r.left() + 1, r.top() + 1, 7, r.height() - 2), fill);
        painter->setPen(text);
        const QRectF textArea = r.adjusted(14, 5, -24, -5);
        prepareText(option->fontMetrics.height() > 0 ? painter->font() : QFont(), textArea.width());
        painter->setFont(m_titleFont);
        painter->drawStaticText(textArea.topLeft(), m_title);
        if (isMore()) {
            return;
        }
        painter->setFont(m_secondFont);
        painter->drawStaticText(QPointF(textArea.left(), textArea.bottom() - m_secondHeight), m_second);
        // Health badge: a dot in the top right corner, with the score when a provider supplied one.
        const QRectF badge(r.right() - 20, r.top() + 6, 12, 12);
        painter->setPen(Qt::NoPen);
        painter->setBrush(healthColour(m_node->health));
        painter->drawEllipse(badge);
        // Expand handle on the right edge.
        painter->setPen(pal.color(QPalette::Mid));
        painter->setBrush(base);
        const QRectF h = handleRect();
        painter->drawEllipse(h);
        painter->setPen(text);
        painter->drawLine(QPointF(h.left() + 3, h.center().y()), QPointF(h.right() - 3, h.center().y()));
    }

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override
    {
        if (event->button() == Qt::LeftButton && (isMore() || handleRect().contains(event->pos()))) {
            auto *s = static_cast<LineageScene *>(scene());
            isMore() ? s->requestMore(m_moreDistance) : s->requestExpand(m_index);
            event->accept();
            return;
        }
        QGraphicsItem::mousePressEvent(event);
    }
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override
    {
        if (!isMore()) {
            static_cast<LineageScene *>(scene())->requestActivate(m_index);
        }
        event->accept();
    }
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override
    {
        if (!isMore()) {
            static_cast<LineageScene *>(scene())->requestMenu(m_index, event->screenPos());
        }
        event->accept();
    }

private:
    // The two lines of text, elided and laid out once per font: shaping and eliding them on every frame was most of
    // a node's paint (pan frames, meshlens-bench lineage). Plain text: names come from other people's catalogs.
    void prepareText(const QFont &font, double width)
    {
        if (m_textFont == font && m_textWidth == width) {
            return;
        }
        m_textFont = font;
        m_textWidth = width;
        m_titleFont = font;
        m_titleFont.setPointSizeF(9);
        m_titleFont.setBold(true);
        m_secondFont = font;
        m_secondFont.setPointSizeF(8);
        const auto line = [width](QStaticText &out, const QFont &f, const QString &text) {
            out.setTextFormat(Qt::PlainText);
            out.setText(QFontMetricsF(f).elidedText(text, Qt::ElideRight, width));
            out.prepare(QTransform(), f);
        };
        line(m_title, m_titleFont, label());
        if (!isMore()) {
            line(m_second, m_secondFont,
                 m_node->owners.isEmpty() ? (m_node->domain.isEmpty() ? m_node->key : m_node->domain) : m_node->owners);
        }
        m_secondHeight = QFontMetricsF(m_secondFont).height();
    }
    [[nodiscard]] QRectF handleRect() const
    {
        return {kNodeWidth / 2 - kHandle / 2 - 1, -kHandle / 2, kHandle, kHandle};
    }
    void setIfChanged(bool &flag, bool on)
    {
        if (flag != on) {
            flag = on;
            update();
        }
    }

    const models::LineageNode *m_node = nullptr;
    int m_index = -1;
    bool m_focus = false;
    int m_moreDistance = 0;
    int m_hidden = 0;
    QColor m_colour;
    bool m_dimmed = false;
    bool m_highlighted = false;
    bool m_match = false;
    QFont m_textFont, m_titleFont, m_secondFont;
    double m_textWidth = -1;
    double m_secondHeight = 0;
    QStaticText m_title, m_second;
};

// The edges of one region of the scene: the pieces of every route between two of its points that start in the
// region, as cubic curves (detailed) and straight lines (cheap, at low zoom), with arrowheads where a route ends.
// Regions keep painting and culling local: panning at readable zoom touches only the chunks on screen.
class LineageEdgesItem final : public QGraphicsItem
{
public:
    struct Piece
    {
        int edge;
        QLineF line;
        bool last; // ends at the target: carries the arrowhead
    };

    explicit LineageEdgesItem(QList<Piece> pieces)
        : m_pieces(std::move(pieces))
        , m_strong(m_pieces.size(), 0)
    {
        setZValue(-1);
        setFlag(ItemUsesExtendedStyleOption); // exposedRect: only the pieces on screen are stroked
        m_rects.reserve(m_pieces.size());
        for (const Piece &p : m_pieces) {
            m_rects.push_back(QRectF(p.line.p1(), p.line.p2()).normalized().adjusted(-10, -10, 10, 10));
            m_bounds |= m_rects.back();
        }
    }
    [[nodiscard]] QRectF boundingRect() const override { return m_bounds; }
    void setHighlight(const QSet<int> &edges)
    {
        m_dim = !edges.isEmpty();
        for (int i = 0; i < m_pieces.size(); ++i) {
            m_strong[i] = edges.contains(m_pieces[i].edge) ? 1 : 0;
        }
        update();
    }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        const double lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
        const QRectF exposed = option->exposedRect;
        const QPalette pal = QApplication::palette();
        QColor normal = pal.color(QPalette::Mid);
        if (m_dim) {
            normal.setAlpha(70);
        }
        const QColor strong = pal.color(QPalette::Highlight);
        painter->setBrush(Qt::NoBrush);
        if (lod < kDetailLod) {
            // Level of detail: straight one-pixel lines, no antialiasing.
            QList<QLineF> lines[2];
            for (int i = 0; i < m_pieces.size(); ++i) {
                if (m_rects[i].intersects(exposed)) {
                    lines[m_strong[i] ? 1 : 0].push_back(m_pieces[i].line);
                }
            }
            painter->setRenderHint(QPainter::Antialiasing, false);
            painter->setPen(QPen(normal, 0));
            painter->drawLines(lines[0]);
            painter->setPen(QPen(strong, 0));
            painter->drawLines(lines[1]);
            return;
        }
        QPainterPath curves[2], heads[2];
        for (int i = 0; i < m_pieces.size(); ++i) {
            if (!m_rects[i].intersects(exposed)) {
                continue;
            }
            // Horizontal tangents at both ends, so chained pieces join smoothly and layers read left to right.
            // A piece far taller than the screen is drawn straight: stroking a huge curve costs the whole curve
            // even when only a sliver is visible, and at that slope nobody sees the difference.
            const QLineF &l = m_pieces[i].line;
            const double dx = l.dx() / 2;
            QPainterPath &path = curves[m_strong[i] ? 1 : 0];
            if (std::abs(l.dy()) > exposed.height() / 2 && !exposed.contains(m_rects[i])) {
                const QLineF part = clipped(l, exposed.adjusted(-20, -20, 20, 20));
                path.moveTo(part.p1());
                path.lineTo(part.p2());
            } else {
                path.moveTo(l.p1());
                path.cubicTo(l.p1() + QPointF(dx, 0), l.p2() - QPointF(dx, 0), l.p2());
            }
            if (m_pieces[i].last) {
                const double dir = l.dx() >= 0 ? 1 : -1;
                QPainterPath &head = heads[m_strong[i] ? 1 : 0];
                head.moveTo(l.p2());
                head.lineTo(l.p2() + QPointF(-9 * dir, -4.5));
                head.lineTo(l.p2() + QPointF(-9 * dir, 4.5));
                head.closeSubpath();
            }
        }
        // Cosmetic pens: the raster engine's cosmetic stroker clips to the screen and is several times faster
        // than outlining a scaled pen over curves that run far off screen — but only for a width of at most one
        // pixel; a 1.2 px cosmetic pen took the outlining path and cost 80% of a pan frame (perf, 1k nodes). The
        // many ordinary edges get that one pixel; the few highlighted ones keep a thick pen.
        painter->setRenderHint(QPainter::Antialiasing, true);
        QPen thin(normal, 1.0);
        thin.setCosmetic(true);
        painter->setPen(thin);
        painter->drawPath(curves[0]);
        QPen thick(strong, 2.5 * std::min(1.5, lod));
        thick.setCosmetic(true);
        painter->setPen(thick);
        painter->drawPath(curves[1]);
        painter->setPen(Qt::NoPen);
        painter->setBrush(normal);
        painter->drawPath(heads[0]);
        painter->setBrush(strong);
        painter->drawPath(heads[1]);
    }

private:
    QList<Piece> m_pieces;
    QList<QRectF> m_rects;
    QList<char> m_strong; // per piece: part of the highlight
    QRectF m_bounds;
    bool m_dim = false;
};

LineageScene::LineageScene(QObject *parent)
    : QGraphicsScene(parent)
{
    setItemIndexMethod(BspTreeIndex);
}

QColor LineageScene::domainColour(const QString &domain)
{
    if (domain.isEmpty()) {
        return {0x8a, 0x8a, 0x8a};
    }
    // FNV-1a over the UTF-16 text: the same domain gets the same colour in every run (qHash is seeded per run).
    std::uint32_t h = 2166136261u;
    for (const QChar c : domain) {
        h = (h ^ c.unicode()) * 16777619u;
    }
    const int hue = static_cast<int>(h % 360);
    return QColor::fromHsv(hue, 150, 200);
}

LineageScene::~LineageScene()
{
    // Deleting selected items emits selectionChanged; nobody may look at half-destroyed items.
    const QSignalBlocker block(this);
    m_items.clear();
    clear();
}

void LineageScene::clearDrawing()
{
    const QSignalBlocker block(this);
    m_items.clear();
    clear();
    m_edges.clear();
    m_highlightNodes.clear();
}

void LineageScene::setDrawing(const LineageGraph &graph, const models::VisibleSet &visible,
                              const models::LayoutResult &layout, int focus)
{
    clearDrawing();
    const int shown = static_cast<int>(visible.nodes.size());
    QHash<int, int> localOf;
    for (int i = 0; i < shown; ++i) {
        localOf.insert(visible.nodes[i], i);
    }
    for (int i = 0; i < static_cast<int>(layout.centers.size()); ++i) {
        LineageNodeItem *item = nullptr;
        if (i < shown) {
            const int node = visible.nodes[i];
            item = new LineageNodeItem(&graph.node(node), node, node == focus);
            m_items.insert(node, item);
        } else {
            const auto &more = visible.more[i - shown];
            item = new LineageNodeItem(more.distance, more.hidden);
        }
        item->setPos(layout.centers[static_cast<std::size_t>(i)]);
        addItem(item);
    }
    // Edges keep the graph's numbering so highlights can name them; edges to hidden nodes are not drawn.
    // layoutGraph() emitted the visible edges in graph order, so routes follow the same order. Each route is cut
    // into its point-to-point pieces, grouped into chunks by where they start.
    constexpr double kChunk = 1200;
    QHash<QPair<int, int>, QList<LineageEdgesItem::Piece>> chunks;
    std::size_t routeIndex = 0;
    for (int e = 0; e < graph.edgeCount(); ++e) {
        const auto &edge = graph.edges()[e];
        if (!localOf.contains(edge.from) || !localOf.contains(edge.to)) {
            continue;
        }
        if (routeIndex < layout.routes.size()) {
            const auto &points = layout.routes[routeIndex].points;
            for (std::size_t i = 1; i < points.size(); ++i) {
                const QPointF a = points[i - 1], b = points[i];
                const QPair<int, int> key(static_cast<int>(std::floor(a.x() / kChunk)),
                                          static_cast<int>(std::floor(a.y() / kChunk)));
                chunks[key].push_back({e, QLineF(a, b), i + 1 == points.size()});
            }
        }
        ++routeIndex;
    }
    for (auto it = chunks.begin(); it != chunks.end(); ++it) {
        auto *item = new LineageEdgesItem(std::move(it.value()));
        m_edges.push_back(item);
        addItem(item);
    }
    // An explicit scene rect: the BSP index is built once, and the view never recomputes bounds while panning.
    setSceneRect(layout.bounds.adjusted(-80, -80, 80, 80));
}

void LineageScene::setHighlight(const QSet<int> &nodes, const QSet<int> &edges)
{
    m_highlightNodes = nodes;
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        it.value()->setHighlighted(nodes.contains(it.key()));
        it.value()->setDimmed(!nodes.isEmpty() && !nodes.contains(it.key()));
    }
    for (LineageEdgesItem *chunk : std::as_const(m_edges)) {
        chunk->setHighlight(edges);
    }
}

void LineageScene::setMatches(const QSet<int> &nodes)
{
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        it.value()->setMatch(nodes.contains(it.key()));
    }
}

QGraphicsItem *LineageScene::itemFor(int node) const
{
    return m_items.value(node);
}

std::optional<int> LineageScene::selectedNode() const
{
    for (QGraphicsItem *item : selectedItems()) {
        if (auto *n = dynamic_cast<LineageNodeItem *>(item); n && !n->isMore()) {
            return n->index();
        }
    }
    return std::nullopt;
}

void LineageScene::selectNode(int node)
{
    clearSelection();
    if (auto *item = m_items.value(node)) {
        item->setSelected(true);
    }
}

} // namespace meshlens::ui
