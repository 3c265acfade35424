#include "tokenprompt.h"

#include <QCoreApplication>
#include <QInputDialog>

namespace meshlens::ui {

TokenPrompt defaultTokenPrompt()
{
    return [](QWidget *parent, const QString &sourceUri, const QString &reason) -> std::optional<QString> {
        bool ok = false;
        const QString text = QInputDialog::getText(
            parent, QCoreApplication::translate("TokenPrompt", "Token for %1").arg(sourceUri),
            QCoreApplication::translate("TokenPrompt", "%1\n\nA bot or personal access token (JWT). MeshLens keeps it "
                                                       "in the system keychain, never in its settings or cache.")
                .arg(reason),
            QLineEdit::Password, QString(), &ok);
        return ok && !text.trimmed().isEmpty() ? std::optional<QString>(text.trimmed()) : std::nullopt;
    };
}

} // namespace meshlens::ui
