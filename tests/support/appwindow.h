#pragma once

// The main window as app/main.cpp builds it, for the offscreen UI tests: the cache session over a cache the test
// synced, the window over the session, and the test's own connection and reader beside them for its assertions.
// Header-only: the UI tests link meshlens_ui, meshlens_testsupport does not.

#include "models/session/cachesession.h"
#include "models/store/catalogreader.h"
#include "support/testsupport.h"
#include "ui/appcontext.h"
#include "ui/mainwindow.h"

#include <memory>

namespace meshlens::test {

struct AppWindow
{
    models::Database db; // the test's own connection
    std::unique_ptr<models::CatalogReader> reader;
    std::unique_ptr<models::CacheSession> session;
    models::SyncController *sync = nullptr; // the session's
    std::unique_ptr<ui::MainWindow> window; // declared last: goes before the session
};

// Opens `app` over the cache at dbPath (not shown); false when the cache cannot be opened.
inline bool openAppWindow(AppWindow &app, const QString &dbPath, models::CredentialStore *credentials = nullptr)
{
    if (!openCache(app.db, dbPath).isEmpty()) {
        return false;
    }
    app.reader = std::make_unique<models::CatalogReader>(app.db);
    app.session = openSession(dbPath);
    if (!app.session) {
        return false;
    }
    app.sync = &app.session->sync();
    app.window = std::make_unique<ui::MainWindow>(ui::AppContext{app.session.get(), credentials});
    return true;
}

} // namespace meshlens::test
