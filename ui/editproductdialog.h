#pragma once

#include "../models/catalog/catalogtypes.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QMap>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace meshlens::models {
class Database;
struct FieldError;
} // namespace meshlens::models

namespace meshlens::ui {

class MarkdownEditor;

// A steward's editor for one product: description (Markdown with a live, inert preview), display name, status,
// tier, tags, owners / stewards / experts and SLA targets. Save queues the change in the outbox (committed before
// the dialog closes) and the product shows it at once, marked pending; validation problems are listed in the
// dialog and nothing is queued. GUI thread; opened non-modally (open()) so tests can drive it.
class EditProductDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditProductDialog)

public:
    EditProductDialog(models::Database &db, const models::ProductDetail &product, QWidget *parent = nullptr);

    // Validates and queues; true when queued (then the dialog accepts).
    bool save();

Q_SIGNALS:
    void queued(const QString &outboxId);

private:
    models::Database &m_db;
    models::ProductDetail m_product;
    QLineEdit *m_displayName = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_tier = nullptr;
    QLineEdit *m_tags = nullptr;
    QMap<QString, QLineEdit *> m_parties; // role -> comma-separated ids or e-mails
    QMap<QString, QLineEdit *> m_slas;    // objective id -> target
    MarkdownEditor *m_description = nullptr;
    QLabel *m_errors = nullptr;
};

// "a, b ,c" -> {a, b, c}; shared by the editor dialogs.
QStringList splitList(const QString &text);
// The label under a form that lists validation problems (objectName "validationErrors"), hidden while empty;
// showErrors fills it as an HTML list of the escaped messages.
QLabel *makeErrorLabel();
void showErrors(QLabel *label, const QList<models::FieldError> &errors);
// The button row of an editor dialog that queues its result in the outbox: `button` (named `objectName`, labelled
// `text`, with `toolTip`) and Ctrl+Return call `queue`; Cancel rejects the dialog.
QDialogButtonBox *makeQueueButtons(QDialog *dialog, QDialogButtonBox::StandardButton button, const QString &objectName,
                                   const QString &text, const QString &toolTip, const std::function<void()> &queue);

} // namespace meshlens::ui
