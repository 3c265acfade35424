#include "feedbackdialog.h"

#include "../models/settings/appsettings.h"
#include "../models/store/outbox.h"
#include "editproductdialog.h"
#include "markdown.h"
#include "markdowneditor.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace meshlens::ui {

FeedbackDialog::FeedbackDialog(models::Database &db, const models::ProductDetail &product, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_productId(product.summary.id)
{
    setObjectName(QStringLiteral("feedbackDialog"));
    setWindowTitle(tr("Feedback on %1").arg(product.summary.title()));
    setAttribute(Qt::WA_DeleteOnClose);

    auto *form = new QFormLayout;
    m_category = new QComboBox;
    m_category->setObjectName(QStringLiteral("categoryCombo"));
    m_category->addItem(tr("Choose…"), QString());
    for (const QString &c : models::Outbox::feedbackCategories()) {
        m_category->addItem(models::Outbox::categoryTitle(c), c);
    }
    form->addRow(tr("&Category"), m_category);
    m_rating = new QSpinBox;
    m_rating->setObjectName(QStringLiteral("ratingSpin"));
    m_rating->setRange(0, 5);
    m_rating->setSpecialValueText(tr("not rated"));
    m_rating->setSuffix(tr(" of 5"));
    m_rating->setAccessibleName(tr("Rating from 1 to 5"));
    form->addRow(tr("&Rating"), m_rating);
    m_title = new QLineEdit;
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(tr("In a few words"));
    form->addRow(tr("&Title"), m_title);

    m_message = new MarkdownEditor(QStringLiteral("messageEdit"), tr("Message, Markdown"),
                                   QStringLiteral("messagePreview"), tr("Message preview"), 0);
    m_message->editor()->setPlaceholderText(tr("What is wrong or missing? Markdown works."));
    form->addRow(tr("&Message"), m_message);

    m_contact = new QLineEdit(models::AppSettings::identity());
    m_contact->setObjectName(QStringLiteral("contactEdit"));
    m_contact->setPlaceholderText(tr("optional: your e-mail, or leave empty"));
    form->addRow(tr("C&ontact"), m_contact);
    m_link = new QComboBox;
    m_link->setObjectName(QStringLiteral("linkCombo"));
    m_link->addItem(tr("nothing in particular"), QString());
    for (const models::CheckInfo &c : product.checks) {
        m_link->addItem(tr("Check: %1").arg(c.name), QString(QStringLiteral("check:") + c.extId));
    }
    for (const models::PortInfo &p : product.ports) {
        for (const models::ColumnInfo &c : p.columns) {
            m_link->addItem(tr("Column: %1.%2").arg(p.name, c.name),
                            QStringLiteral("column:%1.%2").arg(p.extId, c.name));
        }
    }
    form->addRow(tr("&About"), m_link);

    m_errors = makeErrorLabel();

    auto *buttons = makeQueueButtons(this, QDialogButtonBox::Ok, QStringLiteral("submitButton"), tr("Send feedback"),
                                     tr("Queue the feedback for delivery (Ctrl+Return)"), [this]() { submit(); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_errors);
    layout->addWidget(buttons);
    resize(820, 520);

    if (const auto draft = models::Outbox(m_db).feedbackDraft(m_productId)) {
        load(*draft);
    }
}

models::Feedback FeedbackDialog::feedback() const
{
    models::Feedback f;
    f.category = m_category->currentData().toString();
    f.rating = m_rating->value();
    f.title = m_title->text();
    f.message = m_message->text();
    f.contact = m_contact->text();
    const QString link = m_link->currentData().toString();
    f.linkKind = link.section(QLatin1Char(':'), 0, 0);
    f.linkRef = link.section(QLatin1Char(':'), 1);
    return f;
}

void FeedbackDialog::load(const models::Feedback &f)
{
    m_category->setCurrentIndex(std::max(0, m_category->findData(f.category)));
    m_rating->setValue(f.rating);
    m_title->setText(f.title);
    m_message->setText(f.message);
    if (!f.contact.isEmpty()) {
        m_contact->setText(f.contact);
    }
    if (!f.linkKind.isEmpty()) {
        m_link->setCurrentIndex(std::max(0, m_link->findData(QString(f.linkKind + QLatin1Char(':') + f.linkRef))));
    }
}

bool FeedbackDialog::submit()
{
    models::Outbox outbox(m_db);
    const auto result = outbox.queueFeedback(m_productId, feedback(), QDateTime::currentSecsSinceEpoch());
    if (!result.ok()) {
        QList<models::FieldError> errors = result.errors;
        if (result.storeError) {
            errors.push_back({QStringLiteral("store"), *result.storeError});
        }
        showErrors(m_errors, errors);
        return false;
    }
    m_submitted = true;
    outbox.clearFeedbackDraft(m_productId);
    if (const QString contact = m_contact->text().trimmed(); !contact.isEmpty()) {
        models::AppSettings::setIdentity(contact); // offered as the contact next time
    }
    Q_EMIT queued(result.id);
    accept();
    return true;
}

void FeedbackDialog::done(int result)
{
    // Closed without sending (Cancel, Esc, the window's close button): keep what was typed.
    if (!m_submitted) {
        const models::Feedback f = feedback();
        models::Outbox outbox(m_db);
        if (f.title.isEmpty() && f.message.isEmpty() && f.category.isEmpty() && f.rating == 0) {
            outbox.clearFeedbackDraft(m_productId);
        } else {
            outbox.saveFeedbackDraft(m_productId, f, QDateTime::currentSecsSinceEpoch());
        }
    }
    QDialog::done(result);
}

} // namespace meshlens::ui
