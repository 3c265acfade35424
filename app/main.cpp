// MeshLens entry point and composition root: the command-line verbs run headless; otherwise the window starts
// over the cache, and an empty cache syncs the bundled sample catalog.

#include "cli.h"

#include "models/processmemory.h"
#include "models/sources/bundle/bundlesource.h"
#include "models/sources/keychaincredentialstore.h"
#include "models/store/cachepaths.h"
#include "models/store/catalogreader.h"
#include "models/store/database.h"
#include "models/store/schema.h"
#include "models/sync/synccontroller.h"
#include "ui/cacheupdate.h"
#include "ui/mainwindow.h"
#include "ui/palettes.h"
#include "ui/searchpage.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QListWidget>
#include <QMessageBox>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("MeshLens"));
    QCoreApplication::setApplicationName(QStringLiteral("meshlens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MESHLENS_VERSION));
}

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("MeshLens"));
    QApplication::setDesktopFileName(QStringLiteral("io.meshlens.MeshLens"));

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
    parser.addOptions({db, source, screenshot, query, product, tab, palette, page, size});
    parser.addHelpOption();
    parser.process(app);
    if (parser.isSet(palette)) {
        meshlens::ui::applyPalette(parser.value(palette) == QLatin1String("dark"));
    }

    const QString dbPath = parser.isSet(db) ? parser.value(db) : meshlens::models::CachePaths::defaultDatabasePath();
    meshlens::models::Database readDb;
    QString error = meshlens::models::CachePaths::ensureParentExists(dbPath);
    if (error.isEmpty()) {
        error = meshlens::ui::updateCacheShowingProgress(dbPath);
    }
    if (error.isEmpty()) {
        if (auto err = readDb.open(dbPath)) {
            error = err->message;
        } else if (auto merr = meshlens::models::Schema::migrate(readDb)) {
            error = merr->message; // another MeshLens moved it on meanwhile, say
        }
    }
    if (!error.isEmpty()) {
        QMessageBox::critical(nullptr, QStringLiteral("MeshLens"),
                              QStringLiteral("MeshLens cannot open its catalog cache.\n\n%1").arg(error));
        return meshlens::app::ExitCacheError;
    }
    meshlens::models::CatalogReader reader(readDb);
    meshlens::models::SyncController sync;
    // Sources' tokens live in the OS keychain, never in settings or the cache.
    meshlens::models::KeychainCredentialStore credentials;
    sync.setEnvironment({&credentials});
    meshlens::ui::MainWindow window({dbPath, &reader, &sync, &credentials});
    if (const QStringList wh = parser.value(size).split(QLatin1Char('x')); wh.size() == 2) {
        window.resize(wh[0].toInt(), wh[1].toInt());
    }
    window.show();

    const bool empty = reader.isEmpty();
    if (parser.isSet(source)) {
        window.syncNow(parser.value(source));
    } else if (empty) {
        window.syncNow(QLatin1String(meshlens::models::kSampleCatalogUrl)); // first launch: show something real
    }
    const auto prepare = [&]() {
        if (parser.isSet(query)) {
            window.searchPage()->setQuery(parser.value(query));
        }
        if (parser.isSet(page)) {
            bool isNumber = false;
            const int row = parser.value(page).toInt(&isNumber);
            auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
            if (isNumber && nav) {
                nav->setCurrentRow(row - 1);
            } else {
                window.showPageTitled(parser.value(page));
            }
        }
        if (parser.isSet(product)) {
            if (const auto id = reader.resolveProduct(parser.value(product))) {
                window.openProduct(*id);
                if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("productTabs"))) {
                    tabs->setCurrentIndex(parser.value(tab).toInt());
                }
            }
        }
    };
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        const auto shoot = [&window, file, prepare]() {
            prepare();
            // A big catalog's first answers take longer than the default 300 ms: MESHLENS_SCREENSHOT_DELAY_MS.
            const int delay = qEnvironmentVariableIsSet("MESHLENS_SCREENSHOT_DELAY_MS")
                                  ? qEnvironmentVariableIntValue("MESHLENS_SCREENSHOT_DELAY_MS")
                                  : 300;
            QTimer::singleShot(delay, &window, [&window, file]() {
                const bool saved = window.grab().save(file);
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
        auto *poll = new QTimer(&window);
        poll->setInterval(2);
        QObject::connect(
            poll, &QTimer::timeout, &window, [&window, poll, started = QDateTime::currentMSecsSinceEpoch()]() {
                const auto *results = window.findChild<QAbstractItemView *>(QStringLiteral("resultsView"));
                const int rows = results ? results->model()->rowCount() : 0;
                if (rows == 0 && QDateTime::currentMSecsSinceEpoch() - started < 10000) {
                    return;
                }
                poll->stop();
                std::printf("{\"results\":%d,\"rss_mb\":%.1f}\n", rows, meshlens::models::residentMemoryMb());
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        poll->start();
    } else {
        QTimer::singleShot(0, &window, prepare);
    }
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
