#include "editproductdialog.h"

#include "../models/store/outbox.h"
#include "markdown.h"
#include "markdowneditor.h"
#include "widgetfactory.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace meshlens::ui {

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty()) {
            out << part.trimmed();
        }
    }
    out.removeDuplicates();
    return out;
}

QLabel *makeErrorLabel()
{
    auto *label = new QLabel;
    label->setObjectName(QStringLiteral("validationErrors"));
    label->setAccessibleName(QObject::tr("Problems to fix"));
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #d73a49"));
    label->hide();
    return label;
}

QDialogButtonBox *makeQueueButtons(QDialog *dialog, QDialogButtonBox::StandardButton button, const QString &objectName,
                                   const QString &text, const QString &toolTip, const std::function<void()> &queue)
{
    auto *buttons = new QDialogButtonBox(button | QDialogButtonBox::Cancel);
    auto *queueButton = buttons->button(button);
    queueButton->setObjectName(objectName);
    queueButton->setText(text);
    queueButton->setToolTip(toolTip);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, queue);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), dialog);
    QObject::connect(shortcut, &QShortcut::activated, dialog, queue);
    return buttons;
}

void showErrors(QLabel *label, const QList<models::FieldError> &errors)
{
    QString html = QStringLiteral("<ul style=\"margin:0\">");
    for (const models::FieldError &e : errors) {
        html += QStringLiteral("<li>") + e.message.toHtmlEscaped() + QStringLiteral("</li>");
    }
    label->setText(html + QStringLiteral("</ul>"));
    label->setVisible(!errors.isEmpty());
}

namespace {
const QStringList kRoles = {QStringLiteral("owner"), QStringLiteral("steward"), QStringLiteral("expert")};
}

EditProductDialog::EditProductDialog(models::Database &db, const models::ProductDetail &product, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_product(product)
{
    setObjectName(QStringLiteral("editProductDialog"));
    setWindowTitle(tr("Edit %1").arg(product.summary.title()));
    setAttribute(Qt::WA_DeleteOnClose);

    auto *facts = new QGroupBox(tr("Metadata"));
    auto *form = new QFormLayout(facts);
    m_displayName = new QLineEdit(product.summary.displayName);
    m_displayName->setObjectName(QStringLiteral("displayNameEdit"));
    form->addRow(tr("Display &name"), m_displayName);
    m_status = new QComboBox;
    m_status->setObjectName(QStringLiteral("statusCombo"));
    m_status->setEditable(true);
    m_status->addItems({QStringLiteral("active"), QStringLiteral("development"), QStringLiteral("deprecated"),
                        QStringLiteral("retired")});
    m_status->setCurrentText(product.summary.status);
    form->addRow(tr("&Status"), m_status);
    m_tier = new QComboBox;
    m_tier->setObjectName(QStringLiteral("tierCombo"));
    m_tier->addItem(tr("not set"));
    for (int t = 1; t <= 5; ++t) {
        m_tier->addItem(tr("Tier %1").arg(t), t);
    }
    m_tier->setCurrentIndex(product.summary.tier.value_or(0));
    form->addRow(tr("&Tier"), m_tier);
    m_tags = new QLineEdit(product.tags.join(QStringLiteral(", ")));
    m_tags->setObjectName(QStringLiteral("tagsEdit"));
    m_tags->setPlaceholderText(tr("comma-separated"));
    form->addRow(tr("T&ags"), m_tags);
    const QStringList roleTitles = {tr("&Owners"), tr("Ste&wards"), tr("&Experts")};
    for (int i = 0; i < kRoles.size(); ++i) {
        QStringList ids;
        for (const models::Party &p : product.owners) {
            if (p.role == kRoles[i]) {
                ids << p.extId;
            }
        }
        auto *edit = new QLineEdit(ids.join(QStringLiteral(", ")));
        edit->setObjectName(kRoles[i] + QStringLiteral("sEdit"));
        edit->setPlaceholderText(tr("person or team ids or e-mails, comma-separated"));
        form->addRow(roleTitles[i], edit);
        m_parties.insert(kRoles[i], edit);
    }
    for (const models::SlaInfo &s : product.slas) {
        auto *edit = new QLineEdit(QString::number(s.target));
        edit->setObjectName(QStringLiteral("sla_") + s.extId);
        edit->setToolTip(tr("Met when the measured value is %1 the target").arg(s.op));
        form->addRow(tr("SLA %1 (%2 … %3)").arg(s.kind, s.op, s.unit), edit);
        m_slas.insert(s.extId, edit);
    }

    // Description: Markdown on the left, what readers will see on the right (rendered inert).
    auto *descriptionBox = new QGroupBox(tr("&Description (Markdown)"));
    m_description = new MarkdownEditor(QStringLiteral("descriptionEditor"), tr("Description, Markdown"),
                                       QStringLiteral("descriptionPreview"), tr("Description preview"), 120);
    m_description->setText(product.description);
    (new QVBoxLayout(descriptionBox))->addWidget(m_description);

    m_errors = makeErrorLabel();

    auto *buttons = makeQueueButtons(
        this, QDialogButtonBox::Save, QStringLiteral("saveButton"), tr("Save to outbox"),
        tr("Queue the change for delivery (Ctrl+Return); you can undo it until it is sent"), [this]() { save(); });

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(facts, 2);
    top->addWidget(descriptionBox, 3);
    layout->addLayout(top, 1);
    layout->addWidget(m_errors);
    layout->addWidget(buttons);
    resize(1000, 560);
}

bool EditProductDialog::save()
{
    const models::ProductSummary &s = m_product.summary;
    models::ProductEdit edit;
    if (m_description->text() != m_product.description) {
        edit.description = m_description->text();
    }
    if (m_displayName->text() != s.displayName) {
        edit.displayName = m_displayName->text();
    }
    if (m_status->currentText().trimmed() != s.status) {
        edit.status = m_status->currentText().trimmed();
    }
    const QVariant tier = m_tier->currentData();
    if (tier.isValid() && tier.toInt() != s.tier.value_or(0)) {
        edit.tier = tier.toInt();
    }
    const QStringList tags = splitList(m_tags->text());
    for (const QString &t : tags) {
        if (!m_product.tags.contains(t)) {
            edit.addTags << t;
        }
    }
    for (const QString &t : m_product.tags) {
        if (!tags.contains(t)) {
            edit.removeTags << t;
        }
    }
    for (const QString &role : kRoles) {
        const QStringList typed = splitList(m_parties.value(role)->text());
        QStringList existing;
        for (const models::Party &p : m_product.owners) {
            if (p.role != role) {
                continue;
            }
            existing << p.extId;
            if (!typed.contains(p.extId) && !(p.email.size() > 0 && typed.contains(p.email))) {
                edit.removeParties << models::PartyRef{role, p.partyKind, p.extId};
            }
        }
        for (const QString &who : typed) {
            const bool known = std::any_of(m_product.owners.cbegin(), m_product.owners.cend(), [&](const auto &p) {
                return p.role == role && (p.extId == who || p.email == who);
            });
            if (!known) {
                edit.addParties << models::PartyRef{role, QStringLiteral("person"), who};
            }
        }
    }
    for (const models::SlaInfo &sla : m_product.slas) {
        const QString typed = m_slas.value(sla.extId)->text().trimmed();
        bool ok = false;
        const double v = typed.toDouble(&ok);
        if (!ok || v != sla.target) {
            edit.slaTargets.insert(sla.extId, typed);
        }
    }
    models::Outbox outbox(m_db);
    const auto result = outbox.queueEdit(s.id, edit, QDateTime::currentSecsSinceEpoch());
    if (result.storeError) {
        showErrors(m_errors, {{QStringLiteral("store"), *result.storeError}});
        return false;
    }
    if (!result.ok()) {
        showErrors(m_errors, result.errors);
        return false;
    }
    Q_EMIT queued(result.id);
    accept();
    return true;
}

} // namespace meshlens::ui
