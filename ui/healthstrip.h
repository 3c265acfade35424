#pragma once

#include "../models/health/healthscore.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace meshlens::models {
class HealthSnapshotLoader;
}

namespace meshlens::ui {

// The strip at the top of each health view: the window (7 / 30 / 90 days), progress and Cancel while the catalog's
// health is computed, what the figures are as of, and Export CSV. Shares the one loader of the health views.
// GUI thread; owned by its page.
class HealthStrip final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthStrip)

public:
    HealthStrip(models::HealthSnapshotLoader &loader, const QString &objectPrefix, QWidget *parent = nullptr);

Q_SIGNALS:
    void exportRequested();

private:
    void showState();

    models::HealthSnapshotLoader &m_loader;
    QComboBox *m_window = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QString m_error;
};

} // namespace meshlens::ui
