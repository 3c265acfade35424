#pragma once

#include "addsourcedialog.h"
#include "sourcesdialog.h"
#include "tokenprompt.h"

#include <QObject>
#include <QPointer>
#include <QSet>

class QDockWidget;
class QMainWindow;
class QToolButton;

namespace meshlens::models {
class CacheSession;
class CredentialStore;
class SyncController;
struct SyncResult;
} // namespace meshlens::models

namespace meshlens::ui {

class SourceProblemsView;

// What connects sources to the user, added to a main window: the Sources menu (Add Source…, Manage Sources…,
// Source Problems), the Source problems dock with its status-bar indicator ("3 problems", shown when there are
// any), and the token prompt when a sync's token is refused (asked once per source and session). Starts no sync
// itself: it asks for one through syncRequested. GUI thread; a child of the window it decorates.
class SourcesMenu final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourcesMenu)

public:
    // `credentials` may be null. Removing sources reports through the session's catalogChanged.
    SourcesMenu(QMainWindow &window, models::CacheSession &session, models::CredentialStore *credentials);

    void showAddSource();
    void showManageSources();
    void showProblems();
    void refreshProblems();

    // Test seams: every dialog this opens passes through here before it is shown; and the refused-token prompt.
    using DialogHook = std::function<void(QDialog *dialog)>;
    void setDialogHook(DialogHook hook) { m_dialogHook = std::move(hook); }
    void setTokenPrompt(TokenPrompt prompt) { m_tokenPrompt = std::move(prompt); }
    // How an address becomes a source (SourceRegistry::open by default): the Add Source dialog's, and what tells
    // whether a refused sync reads a token.
    void setOpener(AddSourceDialog::Opener opener) { m_opener = std::move(opener); }

    [[nodiscard]] SourceProblemsView *problemsView() const { return m_problems; }

Q_SIGNALS:
    void syncRequested(const QString &source);

private:
    void onSyncFinished(const models::SyncResult &result);
    void updateIndicator(int problems);

    QMainWindow &m_window;
    models::CacheSession &m_session;
    models::SyncController *m_sync = nullptr;
    models::CredentialStore *m_credentials = nullptr;
    SourceProblemsView *m_problems = nullptr;
    QDockWidget *m_dock = nullptr;
    QToolButton *m_indicator = nullptr;
    QPointer<SourcesDialog> m_sourcesDialog;
    QSet<QString> m_askedToken; // sources whose refused token was asked for this session
    DialogHook m_dialogHook;
    TokenPrompt m_tokenPrompt;
    AddSourceDialog::Opener m_opener;
};

} // namespace meshlens::ui
