#pragma once

#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace meshlens::ui {

// Asks for a source's token: the text typed, or nothing when the user cancels. `reason` says why it is asked
// (the server refused the stored one, the user chose Edit token…). A test seam wherever it is used.
using TokenPrompt =
    std::function<std::optional<QString>(QWidget *parent, const QString &sourceUri, const QString &reason)>;
// The real prompt: a password field in a small dialog.
[[nodiscard]] TokenPrompt defaultTokenPrompt();

} // namespace meshlens::ui
