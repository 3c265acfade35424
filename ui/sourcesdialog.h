#pragma once

#include "tokenprompt.h"

#include "../models/store/connectionfactory.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace meshlens::models {
class CredentialStore;
} // namespace meshlens::models

namespace meshlens::ui {

// Sources → Manage Sources…: the cache's sources (address, kind, products, entries, last sync, last error, open
// outbox items) with Sync, Edit Token… and Remove (confirmed, naming how many products go; undelivered outbox items
// are discarded only after a second, explicit yes). Lists over the GUI thread's connection; a removal (minutes for
// a million entries) runs on a QtConcurrent worker with a connection of its own, only while no sync runs, and the
// dialog stays open until it is done. GUI thread; opened with open(), deletes itself on close.
class SourcesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourcesDialog)

public:
    // `db` is the GUI thread's connection; removal runs on a worker with a connection from `connections`.
    SourcesDialog(models::Database &db, models::ConnectionFactory connections, models::CredentialStore *credentials,
                  QWidget *parent = nullptr);

    void refresh();
    // A running sync holds the writer: removal waits for it.
    void setSyncRunning(bool running);

    // Test seams: the removal confirmations and the token prompt.
    using Confirm = std::function<bool(QWidget *parent, const QString &question)>;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setTokenPrompt(TokenPrompt prompt) { m_tokenPrompt = std::move(prompt); }

    void syncSelected();
    void editTokenOfSelected();
    void removeSelected();
    [[nodiscard]] bool isRemoving() const { return m_removing; }

    void done(int result) override;

Q_SIGNALS:
    void syncRequested(const QString &uri);
    void addRequested();
    // A source and its entries left the cache: views showing the catalog reload.
    void sourceRemoved(const QString &uri);

private:
    [[nodiscard]] int selectedRow() const;
    void updateButtons();

    models::Database &m_db;
    models::ConnectionFactory m_connections;
    models::CredentialStore *m_credentials = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_sync = nullptr;
    QPushButton *m_token = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_status = nullptr;
    bool m_syncRunning = false;
    bool m_removing = false;
    Confirm m_confirm;
    TokenPrompt m_tokenPrompt;
};

} // namespace meshlens::ui
