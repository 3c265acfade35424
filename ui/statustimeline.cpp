#include "statustimeline.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace meshlens::ui {

namespace {

constexpr int kRowHeight = 20;
constexpr int kAxisHeight = 38; // date labels and the legend
constexpr int kLabelWidth = 190;

int rank(char status)
{
    switch (status) {
    case 'F':
        return 3;
    case 'A':
        return 2;
    case 'P':
        return 1;
    default:
        return 0;
    }
}

QString statusText(char status)
{
    switch (status) {
    case 'P':
        return StatusTimeline::tr("passed");
    case 'F':
        return StatusTimeline::tr("failed");
    case 'A':
        return StatusTimeline::tr("aborted");
    default:
        return StatusTimeline::tr("did not run");
    }
}

// How long a run stands for: until the next run, or as long as the one before it for the last.
qint64 spanOf(const std::vector<models::CheckRun> &runs, size_t i)
{
    if (i + 1 < runs.size()) {
        return runs[i + 1].t - runs[i].t;
    }
    return i > 0 ? runs[i].t - runs[i - 1].t : 86400;
}

} // namespace

StatusTimeline::StatusTimeline(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Check status timeline"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QColor StatusTimeline::passColor()
{
    return {0x2d, 0xa4, 0x4e};
}

QColor StatusTimeline::failColor()
{
    return {0xd7, 0x3a, 0x49};
}

QColor StatusTimeline::abortColor()
{
    return {0xd4, 0x9a, 0x1c};
}

void StatusTimeline::setRows(std::vector<Row> rows, qint64 from, qint64 to)
{
    m_rows = std::move(rows);
    m_from = from;
    m_to = std::max(to, from + 1);
    int fails = 0, runs = 0;
    for (const Row &r : m_rows) {
        for (const models::CheckRun &run : r.runs) {
            fails += run.status == 'F' ? 1 : 0;
            runs += rank(run.status) > 0 ? 1 : 0;
        }
    }
    setAccessibleDescription(tr("%n check(s); %1 failed runs of %2", nullptr, rowCount()).arg(fails).arg(runs));
    updateGeometry();
    update();
}

QSize StatusTimeline::sizeHint() const
{
    return {600, std::max(1, rowCount()) * kRowHeight + kAxisHeight + 4};
}

QSize StatusTimeline::minimumSizeHint() const
{
    return {kLabelWidth + 100, sizeHint().height()};
}

QRect StatusTimeline::plotRect() const
{
    return {kLabelWidth, 2, std::max(width() - kLabelWidth - 12, 10), rowCount() * kRowHeight};
}

double StatusTimeline::xOf(qint64 t) const
{
    const QRect plot = plotRect();
    return plot.left() + static_cast<double>(t - m_from) * plot.width() / static_cast<double>(m_to - m_from);
}

QPoint StatusTimeline::positionOf(int row, qint64 t) const
{
    return {static_cast<int>(xOf(t)) + 1, plotRect().top() + row * kRowHeight + kRowHeight / 2};
}

const models::CheckRun *StatusTimeline::runAt(QPoint pos, int *row) const
{
    const QRect plot = plotRect();
    if (!plot.contains(pos)) {
        return nullptr;
    }
    const int r = (pos.y() - plot.top()) / kRowHeight;
    if (r < 0 || r >= rowCount()) {
        return nullptr;
    }
    const auto t = m_from + static_cast<qint64>(static_cast<double>(pos.x() - plot.left()) *
                                                static_cast<double>(m_to - m_from) / plot.width());
    const auto &runs = m_rows[static_cast<size_t>(r)].runs;
    auto it =
        std::upper_bound(runs.begin(), runs.end(), t, [](qint64 v, const models::CheckRun &run) { return v < run.t; });
    if (it == runs.begin()) {
        return nullptr;
    }
    --it;
    if (t >= it->t + spanOf(runs, static_cast<size_t>(it - runs.begin()))) {
        return nullptr;
    }
    if (row) {
        *row = r;
    }
    return &*it;
}

void StatusTimeline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    const QRect plot = plotRect();
    const QColor colours[] = {QColor(), passColor(), abortColor(), failColor()};
    QColor lane = pal.color(QPalette::WindowText);
    lane.setAlphaF(0.06f);
    p.setPen(pal.color(QPalette::WindowText));
    const QFontMetrics fm(font());
    std::vector<int> worst(static_cast<size_t>(plot.width()));
    for (int r = 0; r < rowCount(); ++r) {
        const Row &row = m_rows[static_cast<size_t>(r)];
        const QRect band(plot.left(), plot.top() + r * kRowHeight + 2, plot.width(), kRowHeight - 4);
        p.fillRect(band, lane);
        p.drawText(QRect(4, band.top(), kLabelWidth - 10, band.height()), Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(row.name, Qt::ElideRight, kLabelWidth - 10));
        // Worst status per pixel column, then one rectangle per run of equal columns.
        std::fill(worst.begin(), worst.end(), 0);
        for (size_t i = 0; i < row.runs.size(); ++i) {
            const models::CheckRun &run = row.runs[i];
            const int k = rank(run.status);
            if (k == 0 || run.t >= m_to || run.t + spanOf(row.runs, i) <= m_from) {
                continue;
            }
            const int a = std::clamp(static_cast<int>(xOf(run.t)) - plot.left(), 0, plot.width() - 1);
            const int b =
                std::clamp(static_cast<int>(xOf(run.t + spanOf(row.runs, i))) - plot.left(), a + 1, plot.width());
            for (int c = a; c < b; ++c) {
                worst[static_cast<size_t>(c)] = std::max(worst[static_cast<size_t>(c)], k);
            }
        }
        for (int c = 0; c < plot.width();) {
            const int k = worst[static_cast<size_t>(c)];
            int e = c + 1;
            while (e < plot.width() && worst[static_cast<size_t>(e)] == k) {
                ++e;
            }
            if (k > 0) {
                p.fillRect(QRect(plot.left() + c, band.top(), e - c, band.height()), colours[k]);
            }
            c = e;
        }
    }
    // Dates at the ends and the middle, and the legend.
    const int axisY = plot.bottom() + 4;
    QColor muted = pal.color(QPalette::WindowText);
    muted.setAlphaF(0.7f);
    p.setPen(muted);
    const auto dateText = [](qint64 t) {
        return QLocale().toString(QDateTime::fromSecsSinceEpoch(t).date(), QLocale::ShortFormat);
    };
    p.drawText(QRect(plot.left(), axisY, plot.width(), fm.height()), Qt::AlignLeft, dateText(m_from));
    p.drawText(QRect(plot.left(), axisY, plot.width(), fm.height()), Qt::AlignHCenter,
               dateText(m_from + (m_to - m_from) / 2));
    p.drawText(QRect(plot.left(), axisY, plot.width(), fm.height()), Qt::AlignRight, dateText(m_to - 1));
    int x = 4;
    const int legendY = axisY + fm.height() + 2;
    for (const auto &[colour, label] : {std::pair{passColor(), tr("Passed")}, std::pair{failColor(), tr("Failed")},
                                        std::pair{abortColor(), tr("Aborted")}}) {
        p.fillRect(QRect(x, legendY + 3, 10, 10), colour);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QPoint(x + 14, legendY + fm.ascent()), label);
        x += 14 + fm.horizontalAdvance(label) + 16;
    }
}

bool StatusTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        int row = 0;
        if (const models::CheckRun *run = runAt(help->pos(), &row)) {
            QString tip = tr("%1\n%2: %3")
                              .arg(m_rows[static_cast<size_t>(row)].name,
                                   QLocale().toString(QDateTime::fromSecsSinceEpoch(run->t), QLocale::ShortFormat),
                                   statusText(run->status));
            if (!std::isnan(run->value)) {
                tip += tr(" (value %1)").arg(QLocale().toString(run->value, 'g', 6));
            }
            QToolTip::showText(help->globalPos(), tip, this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

void StatusTimeline::mousePressEvent(QMouseEvent *event)
{
    int row = 0;
    if (const models::CheckRun *run = runAt(event->position().toPoint(), &row)) {
        Q_EMIT runClicked(m_rows[static_cast<size_t>(row)].name, run->t, run->status);
    }
    QWidget::mousePressEvent(event);
}

} // namespace meshlens::ui
