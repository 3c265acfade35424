#pragma once

#include <QDialog>

class QAction;
class QTabWidget;

namespace meshlens::ui {

// The help pages in one place: keyboard shortcuts (read from the window's own actions, so the list cannot go
// stale), the search syntax, and how the health score is computed. Not modal, so it can stay open beside the
// views. GUI thread; owned by the main window.
class HelpDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HelpDialog)

public:
    enum Page
    {
        Shortcuts,
        SearchSyntax,
        HealthScore
    };

    // `actions`: every action with a shortcut the window offers; `healthFormula`: the score's formula as text.
    HelpDialog(const QList<QAction *> &actions, const QString &healthFormula, QWidget *parent = nullptr);

    void showPage(Page page);

private:
    QTabWidget *m_tabs = nullptr;
};

} // namespace meshlens::ui
