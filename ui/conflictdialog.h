#pragma once

#include "../models/store/editconflict.h"

#include <QDialog>
#include <QMap>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace meshlens::ui {

// Resolves an edit in conflict: for each text field the edit touches, the base (what the edit was made against),
// theirs (the source now) and mine side by side, with a result to keep (mine by default); for sets (tags, owners)
// the three sets and their merge (theirs, plus what I added, minus what I removed), editable. Resolving rebases
// the edit on the source's current version; nothing is overwritten without the steward seeing both sides.
// GUI thread; opened with open().
class ConflictDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictDialog)

public:
    ConflictDialog(models::Database &db, const models::OutboxItem &item, QWidget *parent = nullptr);

    bool resolve();

Q_SIGNALS:
    void resolved(const QString &outboxId);

private:
    models::Database &m_db;
    models::EditConflict m_conflict;
    QMap<QString, QPlainTextEdit *> m_textResults; // field -> result editor
    QLineEdit *m_tagsResult = nullptr;
    QLineEdit *m_partiesResult = nullptr;
    QLabel *m_errors = nullptr;
};

} // namespace meshlens::ui
