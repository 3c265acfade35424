#include "mainwindow.h"

#include "../models/health/healthscore.h"
#include "../models/health/healthsnapshotloader.h"
#include "../models/lineage/lineagehealth.h"
#include "../models/links/deeplink.h"
#include "../models/session/cachesession.h"
#include "../models/settings/appsettings.h"
#include "../models/store/catalogreader.h"
#include "../models/store/outbox.h"
#include "../models/sync/synccontroller.h"
#include "editproductdialog.h"
#include "feedbackdialog.h"
#include "healthtab.h"
#include "healthviews.h"
#include "helpdialog.h"
#include "lineagepage.h"
#include "lineageview.h"
#include "outboxpage.h"
#include "palettes.h"
#include "preferencesdialog.h"
#include "productpage.h"
#include "qualitytab.h"
#include "searchpage.h"
#include "sourcesmenu.h"
#include "syncstatus.h"
#include "trendspage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

#include <memory>

namespace meshlens::ui {

MainWindow::MainWindow(const AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_session(*context.session)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("MeshLens"));

    m_nav = new QListWidget;
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setAccessibleName(tr("Views"));
    m_nav->setMinimumWidth(120);
    m_nav->setMaximumWidth(240);
    m_nav->setUniformItemSizes(true);
    m_stack = new QStackedWidget;
    m_stack->setObjectName(QStringLiteral("pages"));

    auto *splitter = new QSplitter;
    splitter->addWidget(m_nav);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(1, false);
    splitter->setSizes({160, 1040});
    setCentralWidget(splitter);

    m_search = new SearchPage(m_session.reader(), m_session.connections());
    m_search->setObjectName(QStringLiteral("searchPage"));
    m_product = new ProductPage(m_session.reader());
    m_product->setObjectName(QStringLiteral("productPage"));
    m_stack->addWidget(m_product);
    addPage(tr("Catalog"), m_search);
    // The views in the order people reach for them: find, then health (Owners, SLAs, Domains), trends, the outbox.
    m_health = new HealthViews(m_session, this);
    for (const auto &[title, page] : m_health->pages()) {
        addPage(title, page);
    }
    connect(m_health, &HealthViews::productActivated, this, &MainWindow::openProduct);
    m_product->addTab(m_health->healthTab(), tr("Health"));
    connect(m_product, &ProductPage::productShown, m_health->healthTab(), &HealthTab::showProduct);
    auto *quality = new QualityTab(m_session.connections());
    quality->setObjectName(QStringLiteral("qualityTab"));
    m_product->addTab(quality, tr("Quality"));
    connect(m_product, &ProductPage::productShown, quality, &QualityTab::showProduct); // also after a sync
    m_trends = new TrendsPage(m_session.connections());
    auto *trends = m_trends;
    trends->setObjectName(QStringLiteral("trendsPage"));
    addPage(tr("Trends"), trends);
    connect(trends, &TrendsPage::productActivated, this, &MainWindow::openProduct);

    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_navPages.size() && m_stack->currentWidget() != m_navPages[row]) {
            showPage(m_navPages[row]);
        }
    });
    connect(m_search, &SearchPage::productActivated, this, &MainWindow::openProduct);
    connect(m_stack, &QStackedWidget::currentChanged, this, &MainWindow::updateTitle);
    connect(m_product, &ProductPage::productShown, this, &MainWindow::updateTitle);
    connect(m_product, &ProductPage::productActivated, this, &MainWindow::openProduct);

    // The outbox of edits and feedback (written through the session's connection).
    m_outbox = new OutboxPage(m_session);
    m_outbox->setObjectName(QStringLiteral("outboxPage"));
    m_outbox->setSourceEnvironment({m_context.credentials});
    addPage(tr("Outbox"), m_outbox);
    connect(m_product, &ProductPage::editRequested, this, &MainWindow::editProduct);
    connect(m_product, &ProductPage::feedbackRequested, this, &MainWindow::giveFeedback);
    connect(m_product, &ProductPage::undoEditRequested, this, &MainWindow::undoEdit);
    connect(m_outbox, &OutboxPage::productActivated, this, &MainWindow::openProduct);
    // Lineage: a tab of the product page, one shortcut away (Ctrl+L). Health scores plug in through
    // LineagePage::setHealthProvider (find the page by its objectName "lineagePage").
    auto *lineage = new LineagePage(m_session.connections());
    m_product->addTab(lineage, tr("&Lineage"));
    connect(m_product, &ProductPage::productShown, lineage, &LineagePage::setProduct);
    connect(lineage, &LineagePage::productActivated, this, &MainWindow::openProduct);
    connectLineageHealth(lineage);
    auto *showLineage = new QAction(tr("Show &Lineage"), this);
    showLineage->setObjectName(QStringLiteral("actionShowLineage"));
    showLineage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    addAction(showLineage);
    connect(showLineage, &QAction::triggered, this, [this, lineage]() {
        if (m_stack->currentWidget() == m_product && m_product->productId()) {
            m_product->findChild<QTabWidget *>(QStringLiteral("productTabs"))->setCurrentWidget(lineage);
            lineage->view()->setFocus();
        }
    });

    m_syncStatus = new SyncStatus;
    statusBar()->addPermanentWidget(m_syncStatus);
    m_syncStatus->setAsOf(m_session.reader().asOf());
    // The sync's own course (its status, its Cancel) follows the controller; what the views show follows the one
    // catalogChanged of the session.
    models::SyncController *syncer = &m_session.sync();
    connect(syncer, &models::SyncController::started, m_syncStatus, &SyncStatus::syncStarted);
    connect(syncer, &models::SyncController::progress, m_syncStatus, &SyncStatus::syncProgress);
    connect(syncer, &models::SyncController::finished, this, &MainWindow::onSyncFinished);
    connect(m_syncStatus, &SyncStatus::cancelRequested, syncer, &models::SyncController::cancel);
    connect(&m_session, &models::CacheSession::catalogChanged, this, &MainWindow::onCatalogChanged);

    m_sourcePrompt = [](QWidget *parent) -> std::optional<QString> {
        bool ok = false;
        const QString text =
            QInputDialog::getText(parent, tr("Sync From"),
                                  tr("A MeshLens bundle: a file path, or a file:, qrc: or http(s): URL.\n"
                                     "Type \"sample\" for the catalog that ships with MeshLens."),
                                  QLineEdit::Normal, models::AppSettings::lastSource(), &ok);
        return ok && !text.trimmed().isEmpty() ? std::optional<QString>(text.trimmed()) : std::nullopt;
    };

    // The sync schedule of the preferences (off unless the user sets one).
    m_autoSync = new QTimer(this);
    m_autoSync->setObjectName(QStringLiteral("autoSyncTimer"));
    connect(m_autoSync, &QTimer::timeout, this, [this]() {
        if (!m_session.sync().isRunning()) {
            syncNow();
        }
    });
    m_autoSync->setInterval(models::AppSettings::syncIntervalHours() * 3600 * 1000);
    if (m_autoSync->interval() > 0) {
        m_autoSync->start();
    }

    createActions();
    if (!restoreGeometry(models::AppSettings::windowGeometry())) {
        resize(1200, 760);
    }
    m_search->focusSearch();
}

MainWindow::~MainWindow() = default;

void MainWindow::connectLineageHealth(LineagePage *lineage)
{
    // Nodes carry the health score the health views show, once they have computed it; until then the lineage page
    // falls back to what the cache says (failing checks, missed SLAs).
    auto latest = std::make_shared<models::LatestHealth>();
    models::HealthSnapshotLoader *loader = m_health->context().loader;
    connect(loader, &models::HealthSnapshotLoader::loaded, lineage, [latest, loader, lineage]() {
        latest->set(loader->snapshot());
        lineage->refresh();
    });
    loader->preload(); // the health the last sync stored: colours from the start
    lineage->setHealthProvider(models::LatestHealth::provider(latest));
}

void MainWindow::addPage(const QString &title, QWidget *page)
{
    m_navPages << page;
    m_stack->addWidget(page);
    auto *item = new QListWidgetItem(title, m_nav);
    item->setToolTip(tr("%1 (Ctrl+%2)").arg(title).arg(m_navPages.size()));
    const int index = static_cast<int>(m_navPages.size()) - 1;
    if (index < 9) {
        auto *go = new QAction(title, this);
        go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)));
        connect(go, &QAction::triggered, this, [this, page]() { showPage(page); });
        addAction(go);
    }
    if (index == 0) {
        m_stack->setCurrentWidget(page);
        m_nav->setCurrentRow(0);
    }
}

void MainWindow::createActions()
{
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *sync = fileMenu->addAction(tr("&Sync"), this, [this]() { syncNow(); });
    sync->setObjectName(QStringLiteral("actionSync"));
    sync->setShortcuts({QKeySequence::Refresh, QKeySequence(Qt::CTRL | Qt::Key_R)});
    sync->setToolTip(tr("Sync the catalog from its source (F5)"));
    auto *syncFrom = fileMenu->addAction(tr("Sync &From…"), this, [this]() {
        if (const auto source = m_sourcePrompt(this)) {
            syncNow(*source);
        }
    });
    syncFrom->setObjectName(QStringLiteral("actionSyncFrom"));
    syncFrom->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    auto *open = fileMenu->addAction(tr("&Open Bundle File…"), this, [this]() {
        const QString file = QFileDialog::getOpenFileName(this, tr("Open a MeshLens bundle"), QString(),
                                                          tr("MeshLens bundles (*.ndjson *.jsonl);;All files (*)"));
        if (!file.isEmpty()) {
            syncNow(file);
        }
    });
    open->setObjectName(QStringLiteral("actionOpenBundle"));
    open->setShortcut(QKeySequence::Open);
    auto *cancel = fileMenu->addAction(tr("&Cancel Sync"), &m_session.sync(), &models::SyncController::cancel);
    cancel->setObjectName(QStringLiteral("actionCancelSync"));
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel->setEnabled(false);
    connect(&m_session.sync(), &models::SyncController::started, cancel, [cancel]() { cancel->setEnabled(true); });
    connect(&m_session.sync(), &models::SyncController::finished, cancel, [cancel]() { cancel->setEnabled(false); });
    fileMenu->addSeparator();
    auto *preferences = fileMenu->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setObjectName(QStringLiteral("actionPreferences"));
    preferences->setMenuRole(QAction::PreferencesRole);
    // The platform's key where it has one (none on GNOME or Windows), and Ctrl+, everywhere.
    QList<QKeySequence> preferenceKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    preferenceKeys << QKeySequence(Qt::CTRL | Qt::Key_Comma);
    preferences->setShortcuts(preferenceKeys);
    fileMenu->addSeparator();
    auto *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcuts({QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)});

    auto *goMenu = menuBar()->addMenu(tr("&Go"));
    auto *find = goMenu->addAction(tr("&Find"), this, [this]() {
        showPage(m_search);
        m_search->focusSearch();
    });
    find->setObjectName(QStringLiteral("actionFind"));
    find->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence::Find});
    auto *back = goMenu->addAction(tr("&Back"), this, &MainWindow::goBack);
    back->setObjectName(QStringLiteral("actionBack"));
    back->setShortcuts({QKeySequence::Back, QKeySequence(Qt::ALT | Qt::Key_Left), QKeySequence(Qt::Key_Backspace)});
    back->setShortcutContext(Qt::WindowShortcut);

    // Sources: add, manage and remove them, and what their syncs reported (a dock and a status-bar indicator).
    m_sources = new SourcesMenu(*this, m_session, m_context.credentials);
    connect(m_sources, &SourcesMenu::syncRequested, this, [this](const QString &source) { syncNow(source); });

    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    auto *help = helpMenu->addAction(tr("MeshLens &Help"), this, [this]() { showHelp(HelpDialog::Shortcuts); });
    help->setObjectName(QStringLiteral("actionHelp"));
    help->setShortcuts({QKeySequence::HelpContents, QKeySequence(Qt::Key_F1)});
    auto *shortcutsHelp =
        helpMenu->addAction(tr("&Keyboard Shortcuts"), this, [this]() { showHelp(HelpDialog::Shortcuts); });
    shortcutsHelp->setObjectName(QStringLiteral("actionShortcutsHelp"));
    shortcutsHelp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    auto *syntaxHelp =
        helpMenu->addAction(tr("&Search Syntax"), this, [this]() { showHelp(HelpDialog::SearchSyntax); });
    syntaxHelp->setObjectName(QStringLiteral("actionSearchSyntaxHelp"));
    auto *healthHelp = helpMenu->addAction(tr("&Health Score"), m_health, &HealthViews::showHelp);
    healthHelp->setObjectName(QStringLiteral("actionHealthHelp"));
    helpMenu->addSeparator();
    auto *about = helpMenu->addAction(tr("&About MeshLens"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    auto *aboutQt = helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);

    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    toolbar->addAction(back);
    toolbar->addAction(find);
    toolbar->addAction(sync);
    toolbar->addAction(syncFrom);
}

void MainWindow::showPage(QWidget *page)
{
    if (m_stack->currentWidget() != page) {
        m_history << m_stack->currentWidget();
        if (m_stack->currentWidget() == m_product && m_product->productId()) {
            m_productHistory << *m_product->productId();
        }
    }
    m_stack->setCurrentWidget(page);
    const int row = static_cast<int>(m_navPages.indexOf(page));
    if (row >= 0) {
        const QSignalBlocker blocker(m_nav);
        m_nav->setCurrentRow(row);
    } else {
        m_nav->clearSelection();
    }
}

bool MainWindow::showPageTitled(const QString &title)
{
    for (int row = 0; row < m_nav->count(); ++row) {
        if (m_nav->item(row)->text().compare(title, Qt::CaseInsensitive) == 0) {
            showPage(m_navPages[row]);
            return true;
        }
    }
    return false;
}

void MainWindow::openProduct(qint64 productId)
{
    if (m_stack->currentWidget() == m_product && m_product->productId()) {
        m_history << m_product;
        m_productHistory << *m_product->productId();
    } else if (m_stack->currentWidget() != m_product) {
        m_history << m_stack->currentWidget();
    }
    m_product->showProduct(productId);
    m_stack->setCurrentWidget(m_product);
    const QSignalBlocker blocker(m_nav);
    m_nav->clearSelection();
}

bool MainWindow::openLink(const QString &link)
{
    QString error;
    const auto parsed = models::DeepLink::parse(link, &error);
    if (!parsed) {
        statusBar()->showMessage(tr("Cannot open the link: %1").arg(error), 10000);
        return false;
    }
    if (parsed->kind == models::DeepLink::Kind::Search) {
        showPage(m_search);
        m_search->setQuery(parsed->target);
        return true;
    }
    const auto id = m_session.reader().resolveProduct(parsed->target);
    if (!id) {
        statusBar()->showMessage(tr("The catalog has no product \"%1\".").arg(parsed->target), 10000);
        return false;
    }
    openProduct(*id);
    return true;
}

void MainWindow::updateTitle()
{
    const bool onProduct = m_stack->currentWidget() == m_product && m_product->productId();
    setWindowTitle(onProduct ? tr("%1 — MeshLens").arg(m_product->title()) : tr("MeshLens"));
}

void MainWindow::goBack()
{
    if (m_history.isEmpty()) {
        return;
    }
    QWidget *page = m_history.takeLast();
    if (page == m_product && !m_productHistory.isEmpty()) {
        m_product->showProduct(m_productHistory.takeLast());
    }
    m_stack->setCurrentWidget(page);
    const int row = static_cast<int>(m_navPages.indexOf(page));
    const QSignalBlocker blocker(m_nav);
    if (row >= 0) {
        m_nav->setCurrentRow(row);
    }
}

void MainWindow::syncNow(const QString &source)
{
    const QString what = source.isEmpty() ? models::AppSettings::lastSource() : source;
    if (!source.isEmpty()) {
        models::AppSettings::setLastSource(source);
    }
    if (!m_session.startSync(what)) {
        statusBar()->showMessage(tr("A sync is already running."), 4000);
    }
}

void MainWindow::onSyncFinished(const models::SyncResult &result)
{
    m_syncStatus->syncFinished(result);
    if (result.ok) {
        statusBar()->showMessage(tr("Synced %L1 products (%L2 records) in %3 s")
                                     .arg(result.products)
                                     .arg(result.records)
                                     .arg(QString::number(static_cast<double>(result.elapsedMs) / 1000.0, 'f', 1)),
                                 8000);
    }
}

template<typename Dialog> void MainWindow::openOutboxDialog(qint64 productId, const QString &queuedMessage)
{
    const auto detail = m_session.reader().product(productId);
    if (!detail) {
        return;
    }
    auto *dialog = new Dialog(m_session.database(), *detail, this);
    connect(dialog, &Dialog::queued, this, [this, queuedMessage]() {
        m_session.notifyOutboxChanged();
        statusBar()->showMessage(queuedMessage, 6000);
    });
    dialog->open();
}

void MainWindow::editProduct(qint64 productId)
{
    openOutboxDialog<EditProductDialog>(
        productId, tr("Edit saved to the outbox; it shows as pending until delivered (Ctrl+Z undoes it)."));
}

void MainWindow::giveFeedback(qint64 productId)
{
    openOutboxDialog<FeedbackDialog>(productId, tr("Feedback saved to the outbox; see it under Outbox → My feedback."));
}

void MainWindow::undoEdit(qint64 productId)
{
    if (const auto undone = m_session.outbox().undoLastEdit(productId)) {
        statusBar()->showMessage(tr("Undid: %1").arg(models::Outbox::describe(*undone)), 6000);
        m_session.notifyOutboxChanged();
    }
}

void MainWindow::onCatalogChanged(models::CatalogChange change)
{
    // Results and the product page mark pending edits, so the outbox's changes reach them too.
    m_search->refresh();
    m_product->reload(); // also re-reads its Quality, Health and Lineage tabs
    m_outbox->refresh();
    if (change == models::CatalogChange::Outbox) {
        return;
    }
    m_syncStatus->setAsOf(m_session.reader().asOf());
    m_trends->refresh();
    if (change == models::CatalogChange::Synced) {
        m_outbox->sendNow(false); // a sync may have turned pending edits into conflicts; a good moment to deliver
    }
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About MeshLens"),
                       tr("<h3>MeshLens %1</h3><p>An offline, native browser for data-mesh catalogs.</p>"
                          "<p>Licensed under the Apache License, version 2.0.</p>"
                          "<p>Built with Qt %2, running on Qt %3.</p>"
                          "<p>Cache: %4</p>")
                           .arg(QStringLiteral(MESHLENS_VERSION), QStringLiteral(QT_VERSION_STR),
                                QString::fromLatin1(qVersion()), m_session.path().toHtmlEscaped()));
}

void MainWindow::showHelp(int page)
{
    if (!m_help) {
        // Built on first use, from the actions the window has by then (pages add theirs at construction).
        QList<QAction *> actions;
        for (QAction *a : findChildren<QAction *>()) {
            if (!a->shortcuts().isEmpty()) {
                actions << a;
            }
        }
        m_help = new HelpDialog(actions, models::healthScoreFormula(m_health->context().loader->policy()), this);
    }
    m_help->showPage(static_cast<HelpDialog::Page>(page));
}

void MainWindow::showPreferences()
{
    auto *dialog = new PreferencesDialog(this);
    connect(dialog, &PreferencesDialog::saved, this, &MainWindow::applyPreferences);
    connect(dialog, &PreferencesDialog::sourcesRequested, m_sources, &SourcesMenu::showManageSources);
    dialog->open();
}

void MainWindow::applyPreferences()
{
    const int hours = models::AppSettings::syncIntervalHours();
    m_autoSync->stop();
    m_autoSync->setInterval(hours * 3600 * 1000);
    if (hours > 0) {
        m_autoSync->start();
    }
    if (const QString theme = models::AppSettings::theme(); !theme.isEmpty()) {
        applyPalette(theme == QLatin1String("dark"));
    }
    // The Owners page's "I am" shows the same setting.
    if (auto *identity = findChild<QLineEdit *>(QStringLiteral("ownersIdentity"))) {
        identity->setText(models::AppSettings::identity());
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    models::AppSettings::setWindowGeometry(saveGeometry());
    m_session.sync().cancel();
    event->accept();
}

} // namespace meshlens::ui
