#pragma once

// The per-check status timeline: a strip per check, coloured by how each run came out (passed, failed, aborted;
// nothing where it did not run). Painted directly (no Qt Charts): when runs are denser than pixels, a pixel shows
// the worst run it covers, so a single failure among thousands of passes stays visible. Hover names the check,
// the run's time and status; a click reports the run's time. From the keyboard, the arrows move a cursor over
// runs and checks (Home/End: first/last run) and Enter reports the run under it. GUI thread.

#include "../models/store/seriesreader.h"

#include <QWidget>

#include <vector>

namespace meshlens::ui {

class StatusTimeline final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusTimeline)

public:
    struct Row
    {
        QString name;
        std::vector<models::CheckRun> runs; // sorted by time
    };

    explicit StatusTimeline(QWidget *parent = nullptr);

    // Rows and the time span shown, [from, to) in epoch seconds.
    void setRows(std::vector<Row> rows, qint64 from, qint64 to);
    [[nodiscard]] int rowCount() const { return static_cast<int>(m_rows.size()); }
    // The run under a widget position, if any (for tooltips, clicks and tests).
    [[nodiscard]] const models::CheckRun *runAt(QPoint pos, int *row = nullptr) const;
    // Where a run is drawn (centre of its cell), for tests.
    [[nodiscard]] QPoint positionOf(int row, qint64 t) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Status colours, shared with the legend and the charts' failure markers.
    static QColor passColor();
    static QColor failColor();
    static QColor abortColor();

Q_SIGNALS:
    void runClicked(const QString &check, qint64 t, char status);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    [[nodiscard]] QRect plotRect() const;
    [[nodiscard]] double xOf(qint64 t) const;

    void moveCursor(int row, size_t run);
    [[nodiscard]] QString tipFor(int row, const models::CheckRun &run) const;

    std::vector<Row> m_rows;
    qint64 m_from = 0, m_to = 1;
    int m_cursorRow = 0;
    size_t m_cursorRun = 0;
};

} // namespace meshlens::ui
