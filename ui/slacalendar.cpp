#include "slacalendar.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace meshlens::ui {

namespace {
constexpr int kRowHeight = 16;
constexpr int kGap = 2;
constexpr int kLegendHeight = 22;
} // namespace

SlaCalendar::SlaCalendar(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("SLA calendar"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SlaCalendar::setRows(std::vector<Row> rows)
{
    m_rows = std::move(rows);
    QStringList summary;
    for (const Row &r : m_rows) {
        int met = 0, missed = 0;
        for (const auto &d : r.days) {
            met += d.compliance == models::DayCompliance::Met ? 1 : 0;
            missed +=
                d.compliance == models::DayCompliance::Missed || d.compliance == models::DayCompliance::Partial ? 1 : 0;
        }
        summary << tr("%1: %2 days met, %3 days with misses").arg(r.label).arg(met).arg(missed);
    }
    setAccessibleDescription(summary.join(QStringLiteral("; ")));
    updateGeometry();
    update();
}

QColor SlaCalendar::colorFor(models::DayCompliance compliance, const QPalette &palette)
{
    switch (compliance) {
    case models::DayCompliance::Met:
        return QColor(0x2d, 0xa4, 0x4e);
    case models::DayCompliance::Partial:
        return QColor(0xe3, 0xa0, 0x08);
    case models::DayCompliance::Missed:
        return QColor(0xd7, 0x3a, 0x49);
    case models::DayCompliance::NoData:
        break;
    }
    return palette.color(QPalette::Mid);
}

int SlaCalendar::labelWidth() const
{
    int w = 0;
    for (const Row &r : m_rows) {
        w = std::max(w, fontMetrics().horizontalAdvance(r.label));
    }
    return w + 12;
}

int SlaCalendar::cellWidth() const
{
    std::size_t days = 1;
    for (const Row &r : m_rows) {
        days = std::max(days, r.days.size());
    }
    return std::max(2, (width() - labelWidth()) / static_cast<int>(days));
}

QSize SlaCalendar::sizeHint() const
{
    const int rows = std::max<int>(1, static_cast<int>(m_rows.size()));
    return {labelWidth() + 180 * 5, rows * (kRowHeight + kGap) + kLegendHeight};
}

QSize SlaCalendar::minimumSizeHint() const
{
    return {200, sizeHint().height()};
}

void SlaCalendar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const int lw = labelWidth();
    const int cw = cellWidth();
    if (m_rows.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(0, 0, 0, -kLegendHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("No SLA objectives declared, so there is no calendar."));
    }
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        const int y = static_cast<int>(r) * (kRowHeight + kGap);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, y, lw - 6, kRowHeight), Qt::AlignRight | Qt::AlignVCenter, m_rows[r].label);
        for (std::size_t d = 0; d < m_rows[r].days.size(); ++d) {
            p.fillRect(QRect(lw + static_cast<int>(d) * cw, y, std::max(1, cw - 1), kRowHeight),
                       colorFor(m_rows[r].days[d].compliance, palette()));
        }
    }
    // Legend.
    int x = lw;
    const int y = height() - kLegendHeight + 6;
    const std::pair<models::DayCompliance, QString> items[] = {
        {models::DayCompliance::Met, tr("met all day")},
        {models::DayCompliance::Partial, tr("some misses")},
        {models::DayCompliance::Missed, tr("missed all day")},
        {models::DayCompliance::NoData, tr("no data")},
    };
    for (const auto &[c, text] : items) {
        p.fillRect(QRect(x, y + 2, 10, 10), colorFor(c, palette()));
        x += 14;
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPoint(x, y + 11), text);
        x += fontMetrics().horizontalAdvance(text) + 16;
    }
}

bool SlaCalendar::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int row = help->pos().y() / (kRowHeight + kGap);
        const int day = (help->pos().x() - labelWidth()) / cellWidth();
        if (row >= 0 && row < static_cast<int>(m_rows.size()) && day >= 0 &&
            day < static_cast<int>(m_rows[static_cast<std::size_t>(row)].days.size()) &&
            help->pos().x() >= labelWidth()) {
            const models::CalendarDay &d = m_rows[static_cast<std::size_t>(row)].days[static_cast<std::size_t>(day)];
            const QString date =
                QLocale().toString(QDateTime::fromSecsSinceEpoch(d.day, Qt::UTC).date(), QLocale::ShortFormat);
            QToolTip::showText(help->globalPos(),
                               d.met + d.missed == 0
                                   ? tr("%1, %2: no measurement").arg(m_rows[static_cast<std::size_t>(row)].label, date)
                                   : tr("%1, %2: %3 met, %4 missed")
                                         .arg(m_rows[static_cast<std::size_t>(row)].label, date)
                                         .arg(d.met)
                                         .arg(d.missed),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace meshlens::ui
