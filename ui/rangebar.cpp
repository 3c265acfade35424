#include "rangebar.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace meshlens::ui {

RangeBar::RangeBar(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Time range"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Range:"), this));
    m_group = new QButtonGroup(this);
    m_group->setExclusive(true);
    const struct
    {
        Preset preset;
        const char *name;
        QString text, tip;
    } presets[] = {
        {Week, "range7d", tr("7 days"), tr("The last 7 days (Alt+1)")},
        {Month, "range30d", tr("30 days"), tr("The last 30 days (Alt+2)")},
        {Quarter, "range90d", tr("90 days"), tr("The last 90 days (Alt+3)")},
        {Year, "range1y", tr("1 year"), tr("The last 365 days (Alt+4)")},
        {All, "rangeAll", tr("All"), tr("All the data there is (Alt+5)")},
        {Custom, "rangeCustom", tr("Custom"), tr("Choose the first and last day")},
    };
    for (const auto &p : presets) {
        auto *button = new QToolButton(this);
        button->setObjectName(QLatin1String(p.name));
        button->setText(p.text);
        button->setToolTip(p.tip);
        button->setAccessibleName(p.tip);
        button->setCheckable(true);
        button->setAutoRaise(true);
        if (p.preset < Custom) {
            button->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + static_cast<int>(p.preset))));
        }
        m_group->addButton(button, p.preset);
        layout->addWidget(button);
    }
    m_from = new QDateEdit(this);
    m_from->setObjectName(QStringLiteral("rangeFrom"));
    m_from->setAccessibleName(tr("First day"));
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(this);
    m_to->setObjectName(QStringLiteral("rangeTo"));
    m_to->setAccessibleName(tr("Last day"));
    m_to->setCalendarPopup(true);
    layout->addWidget(m_from);
    layout->addWidget(new QLabel(QStringLiteral("–"), this));
    layout->addWidget(m_to);
    layout->addStretch(1);

    m_group->button(Quarter)->setChecked(true);
    setToday(QDate::currentDate());
    m_from->setEnabled(false);
    m_to->setEnabled(false);

    connect(m_group, &QButtonGroup::idClicked, this, [this](int id) {
        const bool custom = id == Custom;
        m_from->setEnabled(custom);
        m_to->setEnabled(custom);
        // The date fields show the preset's days, so Custom starts from what was on screen.
        if (const auto days = span(); days && !custom) {
            m_from->setDate(days->first);
            m_to->setDate(days->last);
        }
        Q_EMIT rangeChanged();
    });
    const auto edited = [this]() {
        if (m_to->date() < m_from->date()) {
            m_to->setDate(m_from->date());
        }
        if (preset() == Custom) {
            Q_EMIT rangeChanged();
        }
    };
    connect(m_from, &QDateEdit::editingFinished, this, edited);
    connect(m_to, &QDateEdit::editingFinished, this, edited);
}

void RangeBar::setToday(QDate today)
{
    m_today = today;
    if (const auto days = span(); days && preset() != Custom) {
        m_from->setDate(days->first);
        m_to->setDate(days->last);
    }
}

RangeBar::Preset RangeBar::preset() const
{
    return static_cast<Preset>(m_group->checkedId());
}

void RangeBar::setPreset(Preset preset)
{
    m_group->button(preset)->click();
}

void RangeBar::setCustom(QDate first, QDate last)
{
    m_from->setDate(first);
    m_to->setDate(std::max(first, last));
    m_group->button(Custom)->setChecked(true);
    m_from->setEnabled(true);
    m_to->setEnabled(true);
    Q_EMIT rangeChanged();
}

std::optional<models::DaySpan> RangeBar::span() const
{
    const QDate today = m_today.isValid() ? m_today : QDate::currentDate();
    switch (preset()) {
    case Week:
        return models::lastDays(7, today);
    case Month:
        return models::lastDays(30, today);
    case Quarter:
        return models::lastDays(90, today);
    case Year:
        return models::lastDays(365, today);
    case All:
        return std::nullopt;
    case Custom:
        return models::DaySpan{m_from->date(), std::max(m_from->date(), m_to->date())};
    }
    return std::nullopt;
}

} // namespace meshlens::ui
