#pragma once

#include <QString>

#include <functional>

class QLabel;
class QLineEdit;
class QObject;
class QTimer;
class QWidget;

namespace meshlens::ui {

// Factories for the small widgets several pages and dialogs build the same way, so each is configured in one place.
// GUI thread; the parent (or the layout the caller puts the widget in) owns what they make.

// A label named for UI tests and accessibility that shows its text as plain text: catalog text is never markup.
QLabel *makeTextLabel(const QString &objectName, QWidget *parent = nullptr);

// A line edit that filters a list as the user types: a placeholder, a clear button and an accessible name.
QLineEdit *makeFilterField(const QString &objectName, const QString &placeholder, const QString &accessibleName,
                           QWidget *parent = nullptr);

// The centred, word-wrapped line a view shows in place of its content while there is nothing to show; hidden.
QLabel *makeEmptyState(const QString &objectName, QWidget *parent);

// A single-shot timer, a child of `receiver`, that calls `run` once `ms` milliseconds pass without another start():
// connect typing to start() and the work runs when the user pauses.
QTimer *makeDebounce(int ms, QObject *receiver, const std::function<void()> &run);

} // namespace meshlens::ui
