#include "lineageview.h"

#include <QGestureEvent>
#include <QKeyEvent>
#include <QNativeGestureEvent>
#include <QPinchGesture>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace meshlens::ui {

namespace {
constexpr double kMinZoom = 0.01;
constexpr double kMaxZoom = 4.0;
} // namespace

LineageView::LineageView(QWidget *parent)
    : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("lineageView"));
    setAccessibleName(tr("Lineage graph"));
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setRenderHint(QPainter::Antialiasing);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlag(DontSavePainterState);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->grabGesture(Qt::PinchGesture);
    m_minimap = new LineageMinimap(this);
    m_minimap->hide();
}

void LineageView::setScene(QGraphicsScene *scene)
{
    QGraphicsView::setScene(scene);
    m_minimap->setScene(scene);
}

double LineageView::zoom() const
{
    return transform().m11();
}

void LineageView::zoomBy(double factor)
{
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    if (target == zoom()) {
        return;
    }
    scale(target / zoom(), target / zoom());
    Q_EMIT viewChanged();
    m_minimap->viewport()->update();
}

void LineageView::fit()
{
    if (!scene()) {
        return;
    }
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    if (zoom() > 1.0) { // small graphs: real size, centred
        resetTransform();
        centerOn(scene()->sceneRect().center());
    } else if (zoom() < std::max(kMinZoom, m_fitMinZoom)) {
        const double f = std::max(kMinZoom, m_fitMinZoom) / zoom();
        scale(f, f);
        if (m_fitMinZoom > 0) {
            centerOn(m_fitFocus);
        }
    }
    Q_EMIT viewChanged();
    m_minimap->refit();
}

void LineageView::setMinimapVisible(bool visible)
{
    m_minimap->setVisible(visible);
    if (visible) {
        placeMinimap();
        m_minimap->refit();
    }
}

bool LineageView::event(QEvent *event)
{
    if (event->type() == QEvent::Gesture) {
        auto *g = static_cast<QGestureEvent *>(event);
        if (auto *pinch = static_cast<QPinchGesture *>(g->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged) {
                zoomBy(pinch->scaleFactor());
            }
            g->accept(pinch);
            return true;
        }
    }
    return QGraphicsView::event(event);
}

bool LineageView::viewportEvent(QEvent *e)
{
    if (e->type() == QEvent::Gesture) {
        return event(e);
    }
    if (e->type() == QEvent::NativeGesture) { // touchpad pinch on macOS/Wayland
        auto *g = static_cast<QNativeGestureEvent *>(e);
        if (g->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1.0 + g->value());
            return true;
        }
    }
    return QGraphicsView::viewportEvent(e);
}

void LineageView::wheelEvent(QWheelEvent *event)
{
    // The wheel zooms (the graph is a canvas, not a page); Shift+wheel scrolls sideways, Alt+wheel vertically.
    if (event->modifiers() & (Qt::ShiftModifier | Qt::AltModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0) {
        zoomBy(std::pow(1.2, steps));
    }
    event->accept();
}

void LineageView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::ZoomIn) || event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
        zoomBy(1.25);
    } else if (event->matches(QKeySequence::ZoomOut) || event->key() == Qt::Key_Minus) {
        zoomBy(0.8);
    } else if (event->key() == Qt::Key_0 || event->key() == Qt::Key_F) {
        fit();
    } else {
        QGraphicsView::keyPressEvent(event); // arrows pan, through the scroll bars
    }
}

void LineageView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMinimap();
}

void LineageView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    m_minimap->viewport()->update();
}

void LineageView::placeMinimap()
{
    const QSize size(220, 150);
    const QRect vp = viewport()->geometry();
    m_minimap->setGeometry(vp.right() - size.width() - 8, vp.bottom() - size.height() - 8, size.width(), size.height());
}

LineageMinimap::LineageMinimap(LineageView *main)
    : QGraphicsView(main)
    , m_main(main)
{
    setObjectName(QStringLiteral("lineageMinimap"));
    setAccessibleName(tr("Lineage overview"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::Box);
    setFocusPolicy(Qt::NoFocus);
    setBackgroundRole(QPalette::AlternateBase);
}

void LineageMinimap::refit()
{
    if (scene()) {
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    }
}

void LineageMinimap::drawForeground(QPainter *painter, const QRectF &)
{
    const QRectF visible = m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
    QPen pen(palette().color(QPalette::Highlight), 0);
    painter->setPen(pen);
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(40);
    painter->setBrush(fill);
    painter->drawRect(visible);
}

void LineageMinimap::mousePressEvent(QMouseEvent *event)
{
    m_main->centerOn(mapToScene(event->position().toPoint()));
    viewport()->update();
}

void LineageMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        mousePressEvent(event);
    }
}

} // namespace meshlens::ui
