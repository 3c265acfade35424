#pragma once

#include "../models/catalog/catalogtypes.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace meshlens::models {
class Database;
struct Feedback;
} // namespace meshlens::models

namespace meshlens::ui {

class MarkdownEditor;

// A consumer's feedback on one product: category, rating, title, Markdown message (with an inert preview),
// optional contact and an optional link to one of the product's checks or columns. Submit validates and queues
// the item in the outbox; problems are listed and nothing is queued. Closing without submitting keeps a draft
// (in the cache), restored the next time the form opens for the product. GUI thread; opened with open().
class FeedbackDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedbackDialog)

public:
    FeedbackDialog(models::Database &db, const models::ProductDetail &product, QWidget *parent = nullptr);

    bool submit();
    void done(int result) override;

Q_SIGNALS:
    void queued(const QString &outboxId);

private:
    [[nodiscard]] models::Feedback feedback() const;
    void load(const models::Feedback &f);

    models::Database &m_db;
    std::int64_t m_productId = 0;
    bool m_submitted = false;
    QComboBox *m_category = nullptr;
    QSpinBox *m_rating = nullptr;
    QLineEdit *m_title = nullptr;
    MarkdownEditor *m_message = nullptr;
    QLineEdit *m_contact = nullptr;
    QComboBox *m_link = nullptr;
    QLabel *m_errors = nullptr;
};

} // namespace meshlens::ui
