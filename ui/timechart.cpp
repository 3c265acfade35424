#include "timechart.h"

#include "../models/charts/downsample.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPainter>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace meshlens::ui {

struct TimeChart::Layer
{
    enum class Kind
    {
        Line,
        Markers,
        Area,
        Threshold,
        Bands
    };
    Kind kind = Kind::Line;
    QString name;
    QList<QPointF> exact;
    QColor color;
    Axis axis = Axis::Left;
    double threshold = 0;
    QList<QPair<qint64, qint64>> bands;
};

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QString defaultTip(const QString &series, QPointF p)
{
    return QStringLiteral("%1\n%2: %3")
        .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(p.x())), QLocale::ShortFormat),
             series, QLocale().toString(p.y(), 'g', 6));
}

} // namespace

TimeChart::TimeChart(QWidget *parent)
    : QWidget(parent)
{
    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("chartView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFocusPolicy(Qt::NoFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumHeight(180);
    m_formatter = defaultTip;
    applyPalette();
}

TimeChart::~TimeChart() = default;

void TimeChart::clear()
{
    m_layers.clear();
    m_leftMin.reset();
    m_leftMax.reset();
    m_leftTitle.clear();
    m_rightTitle.clear();
}

void TimeChart::setTitle(const QString &title)
{
    m_title = title;
    m_chart->setTitle(title.toHtmlEscaped()); // Qt Charts renders titles and names as rich text
    setAccessibleName(title);
}

void TimeChart::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = toMs;
}

void TimeChart::setLeftAxis(const QString &title, std::optional<double> min, std::optional<double> max)
{
    m_leftTitle = title;
    m_leftMin = min;
    m_leftMax = max;
}

void TimeChart::setRightAxis(const QString &title)
{
    m_rightTitle = title;
}

void TimeChart::addLine(const QString &name, QList<QPointF> exact, const QColor &color, Axis axis)
{
    m_layers.push_back({Layer::Kind::Line, name, std::move(exact), color, axis, 0, {}});
}

void TimeChart::addMarkers(const QString &name, QList<QPointF> points, const QColor &color)
{
    m_layers.push_back({Layer::Kind::Markers, name, std::move(points), color, Axis::Left, 0, {}});
}

void TimeChart::addArea(const QString &name, QList<QPointF> exact, const QColor &color, Axis axis)
{
    m_layers.push_back({Layer::Kind::Area, name, std::move(exact), color, axis, 0, {}});
}

void TimeChart::addThreshold(const QString &name, double y, const QColor &color)
{
    m_layers.push_back({Layer::Kind::Threshold, name, {}, color, Axis::Left, y, {}});
}

void TimeChart::addBands(const QString &name, QList<QPair<qint64, qint64>> bands, const QColor &color)
{
    m_layers.push_back({Layer::Kind::Bands, name, {}, color, Axis::Left, 0, std::move(bands)});
}

int TimeChart::pointBudget() const
{
    // About two points per pixel of plot width; before the first layout, a typical width.
    const int width = m_chart->plotArea().width() > 10 ? static_cast<int>(m_chart->plotArea().width()) : 800;
    return std::max(2 * width, 64);
}

qsizetype TimeChart::exactPoints() const
{
    qsizetype n = 0;
    for (const Layer &l : m_layers) {
        n += l.exact.size();
    }
    return n;
}

std::optional<QPointF> TimeChart::nearest(const QString &series, double x) const
{
    for (const Layer &l : m_layers) {
        if (l.name != series || l.exact.isEmpty()) {
            continue;
        }
        auto it =
            std::lower_bound(l.exact.begin(), l.exact.end(), x, [](const QPointF &p, double v) { return p.x() < v; });
        if (it == l.exact.end() || (it != l.exact.begin() && x - std::prev(it)->x() < it->x() - x)) {
            --it;
        }
        return *it;
    }
    return std::nullopt;
}

void TimeChart::rebuild()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_drawn = 0;
    m_builtBudget = pointBudget();
    m_builtSize = size();

    auto *x = new QDateTimeAxis;
    const qint64 span = m_toMs - m_fromMs;
    x->setFormat(span <= 2 * 86'400'000LL     ? QStringLiteral("d MMM HH:mm")
                 : span <= 400 * 86'400'000LL ? QStringLiteral("d MMM")
                                              : QStringLiteral("MMM yyyy"));
    x->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs),
                QDateTime::fromMSecsSinceEpoch(std::max(m_toMs, m_fromMs + 1)));
    x->setTickCount(std::clamp(width() / 110, 3, 12));
    m_chart->addAxis(x, Qt::AlignBottom);

    // The left axis fits the lines, markers and threshold unless fixed; bands span it.
    double lo = INFINITY, hi = -INFINITY, rightHi = 0;
    for (const Layer &l : m_layers) {
        if (l.kind == Layer::Kind::Threshold) {
            lo = std::min(lo, l.threshold);
            hi = std::max(hi, l.threshold);
        }
        for (const QPointF &p : l.exact) {
            if (std::isnan(p.y())) {
                continue;
            }
            if (l.axis == Axis::Right) {
                rightHi = std::max(rightHi, p.y());
            } else {
                lo = std::min(lo, p.y());
                hi = std::max(hi, p.y());
            }
        }
    }
    if (!std::isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    const double pad = hi > lo ? (hi - lo) * 0.08 : std::max(std::abs(hi) * 0.1, 1.0);
    const double yMin = m_leftMin.value_or(lo - pad);
    const double yMax = m_leftMax.value_or(hi + pad);
    auto *y = new QValueAxis;
    y->setRange(yMin, yMax);
    // Ticks on round numbers (1, 2 or 5 times a power of ten), about one per 50 px of height.
    const double rough = (yMax - yMin) / std::clamp(height() / 50, 2, 8);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    const double step = rough <= 1.5 * magnitude   ? magnitude
                        : rough <= 3.5 * magnitude ? 2 * magnitude
                        : rough <= 7.5 * magnitude ? 5 * magnitude
                                                   : 10 * magnitude;
    if (std::isfinite(step) && step > 0) {
        y->setTickType(QValueAxis::TicksDynamic);
        y->setTickAnchor(0);
        y->setTickInterval(step);
    }
    y->setTitleText(m_leftTitle.toHtmlEscaped());
    y->setLabelFormat(QStringLiteral("%.4g"));
    m_chart->addAxis(y, Qt::AlignLeft);
    QValueAxis *right = nullptr;
    if (!m_rightTitle.isEmpty()) {
        right = new QValueAxis;
        // Counts keep to the lower half, under the left axis's lines.
        right->setRange(0, std::max(1.0, std::ceil(rightHi * 2.2)));
        right->applyNiceNumbers();
        right->setGridLineVisible(false); // one grid, the left axis's
        right->setTitleText(m_rightTitle.toHtmlEscaped());
        right->setLabelFormat(QStringLiteral("%d"));
        m_chart->addAxis(right, Qt::AlignRight);
    }
    const auto attach = [&](QAbstractSeries *s, Axis axis) {
        m_chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(axis == Axis::Right && right ? right : y);
    };
    const auto display = [this](const QList<QPointF> &exact) {
        return m_downsample ? models::downsampleMinMax(exact, m_builtBudget) : exact;
    };

    // A filled area under `points`, down to the axis bottom.
    const auto fill = [&](const Layer &l, const QList<QPointF> &points, float alpha, const QPen &pen, Axis axis) {
        auto *upper = new QLineSeries;
        upper->replace(points);
        auto *area = new QAreaSeries(upper);
        area->setName(l.name.toHtmlEscaped());
        QColor colour = l.color;
        colour.setAlphaF(alpha);
        area->setBrush(colour);
        area->setPen(pen);
        attach(area, axis);
        m_drawn += points.size();
    };
    // Hover shows, and a click reports, the exact point of the layer nearest to the pointer.
    const auto interactive = [this](QXYSeries *series, const QString &name) {
        connect(series, &QXYSeries::hovered, this,
                [this, name](const QPointF &p, bool state) { showTip(name, p, state); });
        connect(series, &QXYSeries::clicked, this, [this, name](const QPointF &p) {
            if (const auto exact = nearest(name, p.x())) {
                Q_EMIT pointClicked(name, static_cast<qint64>(exact->x()));
            }
        });
    };

    // Back to front: bands, areas, threshold, lines, markers.
    for (const Layer::Kind kind :
         {Layer::Kind::Bands, Layer::Kind::Area, Layer::Kind::Threshold, Layer::Kind::Line, Layer::Kind::Markers}) {
        for (const Layer &l : m_layers) {
            if (l.kind != kind) {
                continue;
            }
            switch (kind) {
            case Layer::Kind::Bands: {
                // One area for all bands: a step line at the top of the axis inside bands, the bottom outside.
                QList<QPointF> steps;
                steps.reserve(l.bands.size() * 4);
                for (const auto &[from, to] : l.bands) {
                    steps << QPointF(from, yMin) << QPointF(from, yMax) << QPointF(to, yMax) << QPointF(to, yMin);
                }
                if (!steps.isEmpty()) {
                    fill(l, steps, 0.18f, Qt::NoPen, Axis::Left);
                }
                break;
            }
            case Layer::Kind::Area:
                fill(l, display(l.exact), 0.12f, QPen(l.color, 1), l.axis);
                break;
            case Layer::Kind::Threshold: {
                auto *line = new QLineSeries;
                line->setName(l.name.toHtmlEscaped());
                line->replace({QPointF(static_cast<double>(m_fromMs), l.threshold),
                               QPointF(static_cast<double>(m_toMs), l.threshold)});
                line->setPen(QPen(l.color, 1.5, Qt::DashLine));
                attach(line, Axis::Left);
                m_drawn += 2;
                break;
            }
            case Layer::Kind::Line: {
                auto *line = new QLineSeries;
                line->setName(l.name.toHtmlEscaped());
                const QList<QPointF> shown = display(l.exact);
                line->replace(shown);
                line->setPen(QPen(l.color, 2));
                attach(line, l.axis);
                interactive(line, l.name);
                m_drawn += shown.size();
                break;
            }
            case Layer::Kind::Markers: {
                auto *dots = new QScatterSeries;
                dots->setName(l.name.toHtmlEscaped());
                dots->replace(l.exact);
                dots->setMarkerSize(9);
                dots->setColor(l.color);
                dots->setBorderColor(l.color);
                attach(dots, Axis::Left);
                interactive(dots, l.name);
                m_drawn += l.exact.size();
                break;
            }
            }
        }
    }
    applyPalette();
}

void TimeChart::showTip(const QString &series, QPointF at, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    if (const auto exact = nearest(series, at.x())) {
        QToolTip::showText(QCursor::pos(), m_formatter(series, *exact), this);
    }
}

void TimeChart::applyPalette()
{
    // The built-in themes set fonts and series defaults; the palette then decides every neutral colour.
    const QPalette pal = palette();
    const bool dark = isDark(pal);
    m_chart->setBackgroundBrush(pal.brush(QPalette::Base));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(pal.brush(QPalette::WindowText));
    m_chart->legend()->setLabelColor(pal.color(QPalette::WindowText));
    m_view->setBackgroundBrush(pal.brush(QPalette::Base));
    QColor grid = pal.color(QPalette::WindowText);
    grid.setAlphaF(dark ? 0.16f : 0.12f);
    for (QAbstractAxis *axis : m_chart->axes()) {
        axis->setLabelsColor(pal.color(QPalette::WindowText));
        axis->setTitleBrush(pal.brush(QPalette::WindowText));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
        axis->setShadesVisible(false);
    }
    // Legend entries for bands and thresholds are useful; markers repeat the line's meaning.
    for (QLegendMarker *marker : m_chart->legend()->markers()) {
        marker->setLabelBrush(pal.brush(QPalette::WindowText));
    }
}

bool TimeChart::saveSvg(const QString &path) const
{
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(m_view->size());
    svg.setViewBox(QRect(QPoint(0, 0), m_view->size()));
    svg.setTitle(m_title);
    svg.setDescription(accessibleDescription());
    QPainter painter;
    if (!painter.begin(&svg)) {
        return false;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    m_chart->scene()->render(&painter, QRectF(QPoint(0, 0), m_view->size()), m_view->sceneRect());
    return painter.end();
}

void TimeChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    }
    QWidget::changeEvent(event);
}

void TimeChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Ticks and the point budget follow the size; re-build when it changed noticeably, not on every pixel of a
    // drag (and not before the first rebuild()).
    const QSize now = size();
    const auto moved = [](int a, int b) { return std::abs(a - b) * 4 > std::max(b, 1); };
    if (!m_builtSize.isEmpty() &&
        (moved(now.width(), m_builtSize.width()) || moved(now.height(), m_builtSize.height()))) {
        rebuild();
    }
}

} // namespace meshlens::ui
