#pragma once

namespace meshlens::models {
class CacheSession;
class CredentialStore;
} // namespace meshlens::models

namespace meshlens::ui {

// What the composition root (app/) hands the window: the cache session (the GUI thread's connection and reader,
// the sync, worker connections, the catalogChanged signal) and the credential store. Not owned by the UI; they
// outlive the main window.
struct AppContext
{
    models::CacheSession *session = nullptr;
    models::CredentialStore *credentials = nullptr; // sources' tokens (the keychain); null: none are stored
};

} // namespace meshlens::ui
