#pragma once

#include <QString>

namespace meshlens::ui {

// Installs MeshLens's translation (compiled into the app under :/i18n) and Qt's own (qtbase, from Qt's
// translations folder when the distribution ships it) for `language` ("de", "en"), or for the system's UI
// languages when it is empty. Call once, after the QApplication exists and before any window is built. Returns the
// language of the MeshLens translation installed: "en" (English with its plural forms) when no other fits, empty only
// when not even that loaded. GUI thread.
QString installTranslations(const QString &language);

} // namespace meshlens::ui
