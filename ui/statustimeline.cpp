#include "statustimeline.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cstdint>

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
    setFocusPolicy(Qt::StrongFocus);
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
    m_cursorRow = 0;
    m_cursorRun = m_rows.empty() || m_rows[0].runs.empty() ? 0 : m_rows[0].runs.size() - 1;
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
    // The keyboard cursor, when the strips have focus.
    if (hasFocus() && m_cursorRow < rowCount() && m_cursorRun < m_rows[static_cast<size_t>(m_cursorRow)].runs.size()) {
        const auto &runs = m_rows[static_cast<size_t>(m_cursorRow)].runs;
        const int a = static_cast<int>(xOf(runs[m_cursorRun].t));
        const int b = std::max(static_cast<int>(xOf(runs[m_cursorRun].t + spanOf(runs, m_cursorRun))), a + 3);
        p.setPen(QPen(pal.color(QPalette::Highlight), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRect(a - 1, plot.top() + m_cursorRow * kRowHeight, b - a + 2, kRowHeight - 1));
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
            QToolTip::showText(help->globalPos(), tipFor(row, *run), this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

QString StatusTimeline::tipFor(int row, const models::CheckRun &run) const
{
    QString tip = tr("%1\n%2: %3")
                      .arg(m_rows[static_cast<size_t>(row)].name,
                           QLocale().toString(QDateTime::fromSecsSinceEpoch(run.t), QLocale::ShortFormat),
                           statusText(run.status));
    if (!std::isnan(run.value)) {
        tip += tr(" (value %1)").arg(QLocale().toString(run.value, 'g', 6));
    }
    return tip;
}

void StatusTimeline::mousePressEvent(QMouseEvent *event)
{
    int row = 0;
    if (const models::CheckRun *run = runAt(event->position().toPoint(), &row)) {
        Q_EMIT runClicked(m_rows[static_cast<size_t>(row)].name, run->t, run->status);
    }
    QWidget::mousePressEvent(event);
}

void StatusTimeline::moveCursor(int row, size_t run)
{
    if (m_rows.empty()) {
        return;
    }
    const qint64 at = m_cursorRow < rowCount() && m_cursorRun < m_rows[static_cast<size_t>(m_cursorRow)].runs.size()
                          ? m_rows[static_cast<size_t>(m_cursorRow)].runs[m_cursorRun].t
                          : m_to;
    m_cursorRow = std::clamp(row, 0, rowCount() - 1);
    const auto &runs = m_rows[static_cast<size_t>(m_cursorRow)].runs;
    if (run == SIZE_MAX) {
        // Another check: stay on the same time.
        const auto it =
            std::upper_bound(runs.begin(), runs.end(), at, [](qint64 v, const models::CheckRun &r) { return v < r.t; });
        run = it == runs.begin() ? 0 : static_cast<size_t>(it - runs.begin()) - 1;
    }
    m_cursorRun = runs.empty() ? 0 : std::min(run, runs.size() - 1);
    if (!runs.empty()) { // keyboard users see what hover would show
        const models::CheckRun &r = runs[m_cursorRun];
        QToolTip::showText(mapToGlobal(positionOf(m_cursorRow, r.t)), tipFor(m_cursorRow, r), this);
    }
    update();
}

void StatusTimeline::keyPressEvent(QKeyEvent *event)
{
    const size_t run = m_cursorRun;
    switch (event->key()) {
    case Qt::Key_Left:
        moveCursor(m_cursorRow, run > 0 ? run - 1 : 0);
        break;
    case Qt::Key_Right:
        moveCursor(m_cursorRow, run + 1);
        break;
    case Qt::Key_Up:
        moveCursor(m_cursorRow - 1, SIZE_MAX);
        break;
    case Qt::Key_Down:
        moveCursor(m_cursorRow + 1, SIZE_MAX);
        break;
    case Qt::Key_Home:
        moveCursor(m_cursorRow, 0);
        break;
    case Qt::Key_End:
        moveCursor(m_cursorRow, SIZE_MAX - 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_cursorRow < rowCount() && m_cursorRun < m_rows[static_cast<size_t>(m_cursorRow)].runs.size()) {
            const models::CheckRun &r = m_rows[static_cast<size_t>(m_cursorRow)].runs[m_cursorRun];
            Q_EMIT runClicked(m_rows[static_cast<size_t>(m_cursorRow)].name, r.t, r.status);
        }
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace meshlens::ui
