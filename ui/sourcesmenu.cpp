#include "sourcesmenu.h"

#include "../models/session/cachesession.h"
#include "../models/sources/credentials.h"
#include "../models/sources/sourceregistry.h"
#include "../models/sources/syncfailure.h"
#include "../models/sync/synccontroller.h"
#include "sourceproblemsview.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolButton>

namespace meshlens::ui {

SourcesMenu::SourcesMenu(QMainWindow &window, models::CacheSession &session, models::CredentialStore *credentials)
    : QObject(&window)
    , m_window(window)
    , m_session(session)
    , m_sync(&session.sync())
    , m_credentials(credentials)
    , m_tokenPrompt(defaultTokenPrompt())
    , m_opener([](const QString &text, const models::SourceEnvironment &env) {
        return models::SourceRegistry::open(text, env);
    })
{
    setObjectName(QStringLiteral("sourcesMenu"));
    auto *menu = window.menuBar()->addMenu(tr("S&ources"));
    menu->setObjectName(QStringLiteral("sourcesMenu"));
    auto *add = menu->addAction(tr("&Add Source…"), this, &SourcesMenu::showAddSource);
    add->setObjectName(QStringLiteral("actionAddSource"));
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    auto *manage = menu->addAction(tr("&Manage Sources…"), this, &SourcesMenu::showManageSources);
    manage->setObjectName(QStringLiteral("actionManageSources"));
    manage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    auto *problems = menu->addAction(tr("Source &Problems"), this, &SourcesMenu::showProblems);
    problems->setObjectName(QStringLiteral("actionSourceProblems"));
    problems->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));

    m_problems = new SourceProblemsView(session.database());
    m_dock = new QDockWidget(tr("Source Problems"), &window);
    m_dock->setObjectName(QStringLiteral("sourceProblemsDock"));
    m_dock->setWidget(m_problems);
    window.addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();

    m_indicator = new QToolButton;
    m_indicator->setObjectName(QStringLiteral("problemsIndicator"));
    m_indicator->setAutoRaise(true);
    m_indicator->setToolTip(tr("What the last syncs reported without failing: show the Source problems"));
    window.statusBar()->addPermanentWidget(m_indicator);
    connect(m_indicator, &QToolButton::clicked, this, &SourcesMenu::showProblems);
    connect(m_problems, &SourceProblemsView::countChanged, this, &SourcesMenu::updateIndicator);
    updateIndicator(m_problems->count());

    if (m_sync) {
        connect(m_sync, &models::SyncController::finished, this, &SourcesMenu::onSyncFinished);
    }
}

void SourcesMenu::showAddSource()
{
    auto *dialog = new AddSourceDialog(m_credentials, &m_window);
    dialog->setOpener(m_opener);
    connect(dialog, &AddSourceDialog::sourceAdded, this, [this](const QString &uri) {
        m_askedToken.remove(uri); // a fresh token: a refusal asks again
        Q_EMIT syncRequested(uri);
    });
    if (m_dialogHook) {
        m_dialogHook(dialog);
    }
    dialog->open();
}

void SourcesMenu::showManageSources()
{
    if (m_sourcesDialog) {
        m_sourcesDialog->refresh();
        m_sourcesDialog->raise();
        m_sourcesDialog->activateWindow();
        return;
    }
    auto *dialog = new SourcesDialog(m_session.database(), m_session.connections(), m_credentials, &m_window);
    m_sourcesDialog = dialog;
    dialog->setSyncRunning(m_sync && m_sync->isRunning());
    connect(dialog, &SourcesDialog::syncRequested, this, &SourcesMenu::syncRequested);
    connect(dialog, &SourcesDialog::addRequested, this, &SourcesMenu::showAddSource);
    connect(dialog, &SourcesDialog::sourceRemoved, this, [this]() {
        refreshProblems();
        m_session.notifySourcesRemoved();
    });
    if (m_sync) {
        connect(m_sync, &models::SyncController::started, dialog, [dialog]() { dialog->setSyncRunning(true); });
        connect(m_sync, &models::SyncController::finished, dialog, [dialog]() {
            dialog->setSyncRunning(false);
            dialog->refresh();
        });
    }
    if (m_dialogHook) {
        m_dialogHook(dialog);
    }
    dialog->open();
}

void SourcesMenu::showProblems()
{
    refreshProblems();
    m_dock->show();
    m_dock->raise();
    m_problems->setFocus();
}

void SourcesMenu::refreshProblems()
{
    m_problems->refresh();
}

void SourcesMenu::updateIndicator(int problems)
{
    m_indicator->setText(tr("⚠ %n problems", nullptr, problems));
    m_indicator->setAccessibleName(m_indicator->text());
    m_indicator->setVisible(problems > 0);
}

void SourcesMenu::onSyncFinished(const models::SyncResult &result)
{
    refreshProblems();
    if (result.ok || result.cancelled || !m_credentials || !models::credentialsRejected(result.error)) {
        return;
    }
    // Only sources that read a token are asked for one; and each once a session, so a wrong token is not a loop.
    const models::SourceRegistry::Opened opened = m_opener(result.source, {});
    if (!opened.source || opened.source->kind() != QLatin1String("openmetadata")) {
        return;
    }
    const QString uri = opened.source->uri();
    if (m_askedToken.contains(uri)) {
        return;
    }
    m_askedToken.insert(uri);
    const auto token = m_tokenPrompt(&m_window, uri, tr("The server refused the token: %1").arg(result.error));
    if (!token) {
        return;
    }
    if (auto err = m_credentials->write(uri, *token)) {
        m_window.statusBar()->showMessage(tr("The token could not be stored: %1").arg(*err), 8000);
        return;
    }
    Q_EMIT syncRequested(uri);
}

} // namespace meshlens::ui
