#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace meshlens::ui {

// Preferences: who the user is in the catalog ("My products"), how often the window syncs by itself, the
// interface language (used from the next start) and the theme, and the way to the sources and their tokens. Reads
// AppSettings when built, writes them on OK. GUI thread; owned by its parent window, deletes itself when closed.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

Q_SIGNALS:
    // After OK, with the settings already saved; the window applies what takes effect at once.
    void saved();
    // "Sources…": the window opens its Manage Sources dialog (sources and their tokens).
    void sourcesRequested();

private:
    void save();

    QLineEdit *m_identity = nullptr;
    QComboBox *m_syncInterval = nullptr;
    QComboBox *m_language = nullptr;
    QComboBox *m_theme = nullptr;
};

} // namespace meshlens::ui
