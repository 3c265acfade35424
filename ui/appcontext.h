#pragma once

#include <QString>

namespace meshlens::models {
class CatalogReader;
class CredentialStore;
class SyncController;
} // namespace meshlens::models

namespace meshlens::ui {

// What the composition root (app/) hands the window: the cache's reader on the GUI thread, the sync
// controller and the credential store. Not owned by the UI; they outlive the main window.
struct AppContext
{
    QString dbPath;
    models::CatalogReader *reader = nullptr;
    models::SyncController *sync = nullptr;
    models::CredentialStore *credentials = nullptr; // sources' tokens (the keychain); null: none are stored
};

} // namespace meshlens::ui
