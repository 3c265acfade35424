#include "tokenprompt.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLabel>

#include <memory>

namespace meshlens::ui {

QInputDialog *tokenDialog(QWidget *parent, const QString &sourceUri, const QString &reason)
{
    auto *dialog = new QInputDialog(parent);
    dialog->setObjectName(QStringLiteral("tokenDialog"));
    dialog->setWindowTitle(QCoreApplication::translate("TokenPrompt", "Token for %1").arg(sourceUri));
    dialog->setLabelText(QCoreApplication::translate("TokenPrompt", "%1\n\nA bot or personal access token (JWT). "
                                                                    "MeshLens keeps it in the system keychain, never "
                                                                    "in its settings or cache.")
                             .arg(reason));
    dialog->setTextEchoMode(QLineEdit::Password);
    dialog->setOkButtonText(QCoreApplication::translate("TokenPrompt", "Use Token"));
    // The reason quotes the server's answer, which can be long: wrap it rather than widen the dialog.
    if (auto *label = dialog->findChild<QLabel *>()) {
        label->setWordWrap(true);
    }
    dialog->resize(560, dialog->sizeHint().height());
    return dialog;
}

TokenPrompt defaultTokenPrompt()
{
    return [](QWidget *parent, const QString &sourceUri, const QString &reason) -> std::optional<QString> {
        const std::unique_ptr<QInputDialog> dialog(tokenDialog(parent, sourceUri, reason));
        if (dialog->exec() != QDialog::Accepted || dialog->textValue().trimmed().isEmpty()) {
            return std::nullopt;
        }
        return dialog->textValue().trimmed();
    };
}

} // namespace meshlens::ui
