#pragma once

#include "../models/health/slaevaluation.h"

#include <QWidget>

#include <vector>

namespace meshlens::ui {

// The SLA calendar of a product: one row per objective, one cell per day, coloured by how that day's measurements
// did (met, partly missed, missed, no data), with a legend and the day under the mouse in a tooltip. Paints only;
// GUI thread.
class SlaCalendar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlaCalendar)

public:
    struct Row
    {
        QString label;
        std::vector<models::CalendarDay> days;
    };

    explicit SlaCalendar(QWidget *parent = nullptr);

    void setRows(std::vector<Row> rows);
    [[nodiscard]] const std::vector<Row> &rows() const { return m_rows; }
    // The cell colour a day gets (so tests and the legend agree with the painting).
    [[nodiscard]] static QColor colorFor(models::DayCompliance compliance, const QPalette &palette);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    [[nodiscard]] int labelWidth() const;
    [[nodiscard]] int cellWidth() const;

    std::vector<Row> m_rows;
};

} // namespace meshlens::ui
