#pragma once

#include <QGraphicsView>

namespace meshlens::ui {

class LineageMinimap;

// The lineage canvas: zoom with the wheel, a pinch (touch or touchpad) or the keys (+, -, 0 or F to fit), pan by
// dragging or with the arrow keys, and a minimap in the corner for big graphs that also pans on click. GUI thread.
class LineageView final : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineageView)

public:
    explicit LineageView(QWidget *parent = nullptr);

    void zoomBy(double factor);
    void fit();
    // Fitting never zooms out below `minZoom` (so a small graph stays readable); it then centres on `focus`.
    void setFitHint(double minZoom, QPointF focus)
    {
        m_fitMinZoom = minZoom;
        m_fitFocus = focus;
    }
    [[nodiscard]] double zoom() const;
    // Shows the minimap when the graph has more than this many nodes.
    void setMinimapVisible(bool visible);
    [[nodiscard]] LineageMinimap *minimap() const { return m_minimap; }
    void setScene(QGraphicsScene *scene);

Q_SIGNALS:
    void viewChanged();

protected:
    bool event(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void placeMinimap();

    LineageMinimap *m_minimap = nullptr;
    double m_fitMinZoom = 0;
    QPointF m_fitFocus;
};

// A small overview of the whole scene with the main view's visible area outlined; a click centres the main view
// there.
class LineageMinimap final : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineageMinimap)

public:
    explicit LineageMinimap(LineageView *main);
    void refit();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    LineageView *m_main;
};

} // namespace meshlens::ui
