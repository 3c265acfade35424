// MeshLens entry point and composition root: the command-line verbs run headless; otherwise the window starts
// over the cache, and an empty cache syncs the bundled sample catalog.

#include "cli.h"
#include "singleinstance.h"

#include "models/links/deeplink.h"
#include "models/processmemory.h"
#include "models/session/cachesession.h"
#include "models/settings/appsettings.h"
#include "models/sources/bundle/bundlesource.h"
#include "models/sources/keychaincredentialstore.h"
#include "models/store/cachepaths.h"
#include "models/store/catalogreader.h"
#include "models/sync/synccontroller.h"
#include "ui/cacheupdate.h"
#include "ui/mainwindow.h"
#include "ui/palettes.h"
#include "ui/searchpage.h"
#include "ui/translations.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDialog>
#include <QIcon>
#include <QListWidget>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <optional>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("MeshLens"));
    QCoreApplication::setApplicationName(QStringLiteral("meshlens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MESHLENS_VERSION));
}

// What the command line asks of the window at start.
struct StartOptions
{
    std::optional<QString> source, screenshot, query, page, product;
    int tab = 0;
    QString size, dialog;
};

// What the window needs, alive from the cache's opening to the end of the event loop.
struct Gui
{
    // Sources' tokens live in the OS keychain, never in settings or the cache. Declared first: the sync worker
    // reads it until the session has joined it.
    meshlens::models::KeychainCredentialStore credentials;
    meshlens::models::CacheSession session;
    std::unique_ptr<meshlens::ui::MainWindow> window;
};

void cannotOpenCache(const QString &error)
{
    QMessageBox::critical(
        nullptr, QStringLiteral("MeshLens"),
        QCoreApplication::translate("main", "MeshLens cannot open its catalog cache.\n\n%1").arg(error));
}

// Shows the window over the open session and does what the command line asked once the catalog is there.
void startWindow(Gui &gui, const StartOptions &options, meshlens::app::SingleInstance *instance,
                 const QStringList &links, bool printLinks)
{
    meshlens::models::CatalogReader &reader = gui.session.reader();
    meshlens::models::SyncController &sync = gui.session.sync();
    sync.setEnvironment({&gui.credentials});
    gui.window = std::make_unique<meshlens::ui::MainWindow>(meshlens::ui::AppContext{&gui.session, &gui.credentials});
    meshlens::ui::MainWindow &window = *gui.window;
    if (const QStringList wh = options.size.split(QLatin1Char('x')); wh.size() == 2) {
        window.resize(wh[0].toInt(), wh[1].toInt());
    }
    window.show();
    const auto openLink = [&window, printLinks](const QString &link) {
        if (printLinks) {
            std::printf("link %s\n", link.toUtf8().constData());
            std::fflush(stdout);
        }
        window.openLink(link);
    };
    if (instance) {
        QObject::connect(instance, &meshlens::app::SingleInstance::linkReceived, &window, openLink);
        QObject::connect(instance, &meshlens::app::SingleInstance::activationRequested, &window, [&window]() {
            window.showNormal();
            window.raise();
            window.activateWindow();
        });
    }

    const bool empty = reader.isEmpty();
    if (options.source) {
        window.syncNow(*options.source);
    } else if (empty) {
        window.syncNow(QLatin1String(meshlens::models::kSampleCatalogUrl)); // first launch: show something real
    }
    const auto prepare = [&window, &reader, options, links, openLink]() {
        if (options.query) {
            window.searchPage()->setQuery(*options.query);
        }
        if (options.page) {
            bool isNumber = false;
            const int row = options.page->toInt(&isNumber);
            auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
            if (isNumber && nav) {
                nav->setCurrentRow(row - 1);
            } else {
                window.showPageTitled(*options.page);
            }
        }
        if (options.product) {
            if (const auto id = reader.resolveProduct(*options.product)) {
                window.openProduct(*id);
                if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("productTabs"))) {
                    tabs->setCurrentIndex(options.tab);
                }
            }
        }
        for (const QString &link : links) {
            openLink(link);
        }
        if (options.dialog == QLatin1String("preferences")) {
            window.showPreferences();
        } else if (options.dialog == QLatin1String("help")) {
            window.showHelp(0);
        }
    };
    if (options.screenshot) {
        const QString file = *options.screenshot;
        const auto shoot = [&window, file, prepare]() {
            prepare();
            // A big catalog's first answers take longer than the default 300 ms: MESHLENS_SCREENSHOT_DELAY_MS.
            const int delay = qEnvironmentVariableIsSet("MESHLENS_SCREENSHOT_DELAY_MS")
                                  ? qEnvironmentVariableIntValue("MESHLENS_SCREENSHOT_DELAY_MS")
                                  : 300;
            QTimer::singleShot(delay, &window, [&window, file]() {
                // An open dialog is what the screenshot is of.
                QWidget *shown = &window;
                for (QDialog *d : window.findChildren<QDialog *>()) {
                    shown = d->isVisible() ? d : shown;
                }
                const bool saved = shown->grab().save(file);
                QCoreApplication::exit(saved ? 0 : 1);
            });
        };
        if (sync.isRunning()) {
            QObject::connect(&sync, &meshlens::models::SyncController::finished, &window, shoot);
        } else {
            QTimer::singleShot(0, &window, shoot);
        }
    } else if (qEnvironmentVariableIsSet("MESHLENS_STARTUP_PROBE")) {
        // meshlens-bench startup: report once the window is up with its first results (which a search worker
        // delivers, so poll briefly for them), then quit.
        // MESHLENS_STARTUP_PROBE=<page object name> (ownersPage, slaPage, domainsPage) shows that page first and
        // waits for the first rows of its table instead.
        const QString probePage = qEnvironmentVariable("MESHLENS_STARTUP_PROBE");
        QWidget *page = probePage.endsWith(QLatin1String("Page")) ? window.findChild<QWidget *>(probePage) : nullptr;
        if (auto *stack = page ? qobject_cast<QStackedWidget *>(page->parentWidget()) : nullptr) {
            stack->setCurrentWidget(page);
        }
        auto *poll = new QTimer(&window);
        poll->setInterval(2);
        QObject::connect(
            poll, &QTimer::timeout, &window, [&window, page, poll, started = QDateTime::currentMSecsSinceEpoch()]() {
                int rows = 0;
                if (page) {
                    for (const auto *view : page->findChildren<QAbstractItemView *>()) {
                        rows = std::max(rows, view->model() ? view->model()->rowCount() : 0);
                    }
                } else if (const auto *results = window.findChild<QAbstractItemView *>(QStringLiteral("resultsView"))) {
                    rows = results->model()->rowCount();
                }
                if (rows == 0 && QDateTime::currentMSecsSinceEpoch() - started < (page ? 120000 : 10000)) {
                    return;
                }
                poll->stop();
                std::printf("{\"results\":%d,\"rss_mb\":%.1f}\n", rows, meshlens::models::residentMemoryMb());
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        poll->start();
    } else if (sync.isRunning() && !links.isEmpty()) {
        // A first start is still filling the cache: a product link can only be found once that is done.
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = QObject::connect(&sync, &meshlens::models::SyncController::finished, &window, [once, prepare]() {
            QObject::disconnect(*once);
            prepare();
        });
    } else {
        QTimer::singleShot(0, &window, prepare);
    }
}

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("MeshLens"));
    QApplication::setDesktopFileName(QStringLiteral("io.meshlens.MeshLens"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/meshlens/icons/meshlens.svg")));
    // The language of the preferences, or the system's (LANGUAGE, LC_MESSAGES, LANG).
    meshlens::ui::installTranslations(meshlens::models::AppSettings::language());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Offline data-mesh catalog browser. See `meshlens --help` for "
                                                    "the command-line verbs."));
    QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Catalog cache file."), QStringLiteral("path"));
    QCommandLineOption source(QStringLiteral("source"), QStringLiteral("Sync this source at start."),
                              QStringLiteral("address"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save a screenshot of the window to FILE once the catalog is shown, "
                                                 "then quit (for docs and smoke tests)."),
                                  QStringLiteral("file"));
    QCommandLineOption query(QStringLiteral("query"), QStringLiteral("Start with this search."),
                             QStringLiteral("text"));
    QCommandLineOption product(QStringLiteral("product"), QStringLiteral("Open this product at start."),
                               QStringLiteral("id"));
    QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("With --product: show this tab (0 = Overview)."),
                           QStringLiteral("index"));
    QCommandLineOption palette(QStringLiteral("palette"),
                               QStringLiteral("Use a light or dark palette instead of the system's (for screenshots)."),
                               QStringLiteral("light|dark"));
    QCommandLineOption page(
        QStringLiteral("page"),
        QStringLiteral("Show this view at start: its title (e.g. Owners) or its number (1 = Catalog)."),
        QStringLiteral("view"));
    QCommandLineOption size(QStringLiteral("window-size"), QStringLiteral("Window size for a screenshot."),
                            QStringLiteral("WxH"));
    QCommandLineOption dialog(QStringLiteral("show-dialog"),
                              QStringLiteral("Open this dialog at start (for screenshots): preferences or help."),
                              QStringLiteral("name"));
    parser.addOptions({db, source, screenshot, query, product, tab, palette, page, size, dialog});
    parser.addPositionalArgument(QStringLiteral("link"),
                                 QStringLiteral("A meshlens://product/<id or FQN> or meshlens://search?q=<query> link "
                                                "to open (in the MeshLens already running on this cache, if any)."),
                                 QStringLiteral("[link]"));
    parser.addHelpOption();
    parser.process(app);
    QStringList links;
    for (const QString &argument : parser.positionalArguments()) {
        if (meshlens::models::DeepLink::looksLikeLink(argument)) {
            links << argument;
        } else {
            std::fprintf(stderr, "meshlens: ignoring '%s': not a meshlens:// link\n", qPrintable(argument));
        }
    }
    if (parser.isSet(palette)) {
        meshlens::ui::applyPalette(parser.value(palette) == QLatin1String("dark"));
    } else if (const QString theme = meshlens::models::AppSettings::theme(); !theme.isEmpty()) {
        meshlens::ui::applyPalette(theme == QLatin1String("dark"));
    }

    const QString dbPath = parser.isSet(db) ? parser.value(db) : meshlens::models::CachePaths::defaultDatabasePath();
    // One window per cache: a second launch hands its links to the first and exits. Screenshots and the startup
    // benchmark always run a window of their own.
    const bool printLinks = qEnvironmentVariableIsSet("MESHLENS_TEST_PRINT_LINKS"); // test seam
    std::unique_ptr<meshlens::app::SingleInstance> instance;
    if (!parser.isSet(screenshot) && !qEnvironmentVariableIsSet("MESHLENS_STARTUP_PROBE")) {
        instance = std::make_unique<meshlens::app::SingleInstance>(dbPath);
        if (instance->forwardToRunning(links) || (!instance->listen() && instance->forwardToRunning(links))) {
            return meshlens::app::ExitOk;
        }
        if (printLinks && instance->isListening()) {
            std::printf("listening %s\n", qPrintable(instance->socketPath()));
            std::fflush(stdout);
        }
    }
    StartOptions options;
    const auto value = [&parser](const QCommandLineOption &option) {
        return parser.isSet(option) ? std::optional<QString>(parser.value(option)) : std::nullopt;
    };
    options.source = value(source);
    options.screenshot = value(screenshot);
    options.query = value(query);
    options.page = value(page);
    options.product = value(product);
    options.tab = parser.value(tab).toInt();
    options.size = parser.value(size);
    options.dialog = parser.value(dialog);

    if (const QString error = meshlens::models::CachePaths::ensureParentExists(dbPath); !error.isEmpty()) {
        cannotOpenCache(error);
        return meshlens::app::ExitCacheError;
    }
    // An old cache is updated first, asynchronously (minutes, with progress and Cancel); the window starts from
    // its callback, the one place the cache session opens (and migrates) the cache.
    Gui gui;
    // Until the window shows, the update's dialog (or none) is the only window: closing it must not quit.
    QApplication::setQuitOnLastWindowClosed(false);
    auto *update = new meshlens::ui::CacheUpdate(&app);
    QObject::connect(update, &meshlens::ui::CacheUpdate::finished, &app, [&, update](const QString &updateError) {
        update->deleteLater();
        QString error = updateError;
        if (error.isEmpty()) {
            if (auto err = gui.session.open(dbPath)) {
                error = err->message; // another MeshLens moved it on meanwhile, say
            }
        }
        if (!error.isEmpty()) {
            cannotOpenCache(error);
            QCoreApplication::exit(meshlens::app::ExitCacheError);
            return;
        }
        startWindow(gui, options, instance.get(), links, printLinks);
        QApplication::setQuitOnLastWindowClosed(true);
    });
    update->start(dbPath);
    return QApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    if (meshlens::app::isCliInvocation(arguments)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        return meshlens::app::runCli(arguments);
    }
    return runGui(argc, argv);
}
