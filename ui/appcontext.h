#pragma once

#include <QString>

namespace meshlens::models {
class CatalogReader;
class SyncController;
} // namespace meshlens::models

namespace meshlens::ui {

// What the composition root (app/) hands the window: the cache's reader on the GUI thread and the sync
// controller. Not owned by the UI; they outlive the main window.
struct AppContext
{
    QString dbPath;
    models::CatalogReader *reader = nullptr;
    models::SyncController *sync = nullptr;
};

} // namespace meshlens::ui
