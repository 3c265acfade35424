#pragma once

// A time-series chart: lines, markers, filled areas, a threshold line and shaded bands over a date axis, drawn
// with Qt Charts. The only class that touches Qt Charts, so the move to Qt Graphs (Qt 6.10+) stays here. Holds
// the exact points it was given (hover and click report those) and hands Qt Charts a min/max-downsampled copy
// of about two points per pixel of plot width, loaded with replace() (append() is quadratic in Qt 6.4).
// Follows the palette (dark mode) and is re-drawn when resized enough to change the point budget. GUI thread.

#include <QList>
#include <QPointF>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QChart;
class QChartView;
class QLabel;

namespace meshlens::ui {

class TimeChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeChart)

public:
    enum class Axis
    {
        Left,
        Right
    };
    // x of every point is milliseconds since the epoch.
    using Formatter = std::function<QString(const QString &series, QPointF exact)>;

    explicit TimeChart(QWidget *parent = nullptr);
    ~TimeChart() override;

    void clear();
    void setTitle(const QString &title);
    void setTimeRange(qint64 fromMs, qint64 toMs);
    // Fixed bounds for the left axis (a pass rate is 0..100); without them the axis fits the data.
    void setLeftAxis(const QString &title, std::optional<double> min = {}, std::optional<double> max = {});
    void setRightAxis(const QString &title);
    void addLine(const QString &name, QList<QPointF> exact, const QColor &color, Axis axis = Axis::Left);
    void addMarkers(const QString &name, QList<QPointF> points, const QColor &color);
    void addArea(const QString &name, QList<QPointF> exact, const QColor &color, Axis axis = Axis::Right);
    void addThreshold(const QString &name, double y, const QColor &color);
    // Shaded vertical bands, each [from, to] in ms.
    void addBands(const QString &name, QList<QPair<qint64, qint64>> bands, const QColor &color);
    void setFormatter(Formatter formatter) { m_formatter = std::move(formatter); }
    // Builds the chart from what was added. Call after the add*() of one update.
    void rebuild();

    void setDownsampling(bool on) { m_downsample = on; } // off only to measure what it saves
    [[nodiscard]] int pointBudget() const;
    [[nodiscard]] qsizetype drawnPoints() const { return m_drawn; }
    [[nodiscard]] qsizetype exactPoints() const;
    [[nodiscard]] QString title() const { return m_title; }
    // The exact point of the named series nearest to x (ms), for hover text and tests.
    [[nodiscard]] std::optional<QPointF> nearest(const QString &series, double x) const;
    // A vector image of the chart (SVG), for export.
    [[nodiscard]] bool saveSvg(const QString &path) const;

Q_SIGNALS:
    // The user clicked the plot: x of the nearest exact point of the clicked series, in ms.
    void pointClicked(const QString &series, qint64 xMs);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Layer;
    void applyPalette();
    void showTip(const QString &series, QPointF at, bool state);

    QChartView *m_view = nullptr;
    QChart *m_chart = nullptr;
    QString m_title, m_leftTitle, m_rightTitle;
    std::optional<double> m_leftMin, m_leftMax;
    qint64 m_fromMs = 0, m_toMs = 0;
    std::vector<Layer> m_layers;
    Formatter m_formatter;
    bool m_downsample = true;
    int m_builtBudget = 0;
    QSize m_builtSize;
    qsizetype m_drawn = 0;
};

} // namespace meshlens::ui
