#pragma once

// Time range presets for the charts (7 days, 30 days, 90 days, a year, all data) and a custom range of dates.
// Alt+1…Alt+5 pick a preset where the bar is shown. GUI thread; a child of the chart page that reads span().

#include "../models/charts/qualitytrends.h"

#include <QWidget>

#include <optional>

class QButtonGroup;
class QDateEdit;

namespace meshlens::ui {

class RangeBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RangeBar)

public:
    enum Preset
    {
        Week,
        Month,
        Quarter,
        Year,
        All,
        Custom
    };

    explicit RangeBar(QWidget *parent = nullptr);

    // The days to show (nullopt: all data). Presets end today.
    [[nodiscard]] std::optional<models::DaySpan> span() const;
    [[nodiscard]] Preset preset() const;
    void setPreset(Preset preset);
    void setCustom(QDate first, QDate last);
    // For tests and screenshots of fixed catalogs: what "today" is (default: the current date).
    void setToday(QDate today);

Q_SIGNALS:
    void rangeChanged();

private:
    QButtonGroup *m_group = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QDate m_today;
};

} // namespace meshlens::ui
