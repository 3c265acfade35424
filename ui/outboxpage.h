#pragma once

#include "../models/sources/source.h"

#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;
class QTreeWidget;

namespace meshlens::models {
class CacheSession;
struct DeliveryReport;
struct OutboxItem;
} // namespace meshlens::models

namespace meshlens::ui {

// Everything the user wrote that the sources do not have yet: pending, sending, conflict and rejected edits and
// feedback, with Send now, Retry, Resolve (3-way), Discard (confirmed) and Export (for bundle sources, which take
// no writes; items are delivered once the user confirms the owner applied the file). "My feedback" lists the
// user's feedback with its delivery state and the source's replies. Reads and writes the outbox through the
// session's GUI connection and reports changes by CacheSession::notifyOutboxChanged; delivery runs on a QtConcurrent
// worker with a connection of its own from the session, one run at a time, retried every minute.
class OutboxPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxPage)

public:
    explicit OutboxPage(models::CacheSession &session, QWidget *parent = nullptr);
    ~OutboxPage() override;

    void refresh();
    // Delivers due items now (force: ignore the backoff, as when the user asks).
    void sendNow(bool force = true);
    [[nodiscard]] bool isSending() const { return m_sending; }
    // What delivery opens each item's source with (the keychain for tokens). Its store must outlive the page.
    void setSourceEnvironment(const models::SourceEnvironment &environment) { m_environment = environment; }

    // Test seams: the discard confirmation, the export file prompt, and the "has the owner applied it?" question.
    using Confirm = std::function<bool(QWidget *parent, const QString &question)>;
    using SavePath = std::function<QString(QWidget *parent)>;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setSavePathPrompt(SavePath prompt) { m_savePath = std::move(prompt); }

Q_SIGNALS:
    void productActivated(qint64 productId);

private:
    [[nodiscard]] QStringList selectedIds() const;
    [[nodiscard]] std::optional<models::OutboxItem> currentItem();
    void discardSelected();
    void retrySelected();
    void resolveSelected();
    void exportOutbox();
    void deliveryFinished(const models::DeliveryReport &report);
    void updateButtons();

    models::CacheSession &m_session;
    QComboBox *m_filter = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_resolve = nullptr;
    QPushButton *m_discard = nullptr;
    QPushButton *m_export = nullptr;
    QTimer *m_timer = nullptr;
    bool m_sending = false;
    // Set when the page goes away: a delivery still running stops after the item it is sending.
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    Confirm m_confirm;
    SavePath m_savePath;
    models::SourceEnvironment m_environment;
};

} // namespace meshlens::ui
