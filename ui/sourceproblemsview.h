#pragma once

#include <QWidget>

class QLabel;
class QTableWidget;

namespace meshlens::models {
class Database;
}

namespace meshlens::ui {

// The Source problems panel: what the last sync of each source reported without failing (a file that is not YAML,
// a duplicate contract id, a reference to nothing), by file and line, errors first. Reads the source_problems
// table on the GUI thread's connection; refresh() after each sync. GUI thread; owned by the main window's dock.
class SourceProblemsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceProblemsView)

public:
    explicit SourceProblemsView(models::Database &db, QWidget *parent = nullptr);

    void refresh();
    [[nodiscard]] int count() const { return m_count; }

Q_SIGNALS:
    void countChanged(int problems);

private:
    models::Database &m_db;
    QTableWidget *m_table = nullptr;
    QLabel *m_summary = nullptr;
    int m_count = -1;
};

} // namespace meshlens::ui
