#include "conflictdialog.h"

#include "editproductdialog.h"

#include "../models/store/editconflict.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace meshlens::ui {

namespace {

QPlainTextEdit *readOnlyText(const QString &text, const QString &name)
{
    auto *edit = new QPlainTextEdit(text);
    edit->setReadOnly(true);
    edit->setObjectName(name);
    edit->setMaximumHeight(110);
    return edit;
}

QLabel *header(const QString &text)
{
    auto *l = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
    l->setTextFormat(Qt::RichText);
    return l;
}

} // namespace

ConflictDialog::ConflictDialog(models::Database &db, const models::OutboxItem &item, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_conflict(models::EditConflict::fromItem(item))
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Resolve conflict — %1").arg(item.entityTitle));
    setAttribute(Qt::WA_DeleteOnClose);

    auto *content = new QWidget;
    auto *rows = new QVBoxLayout(content);
    auto *intro = new QLabel(m_conflict.message);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    rows->addWidget(intro);

    const auto textRow = [&](const models::ConflictText &text, const QString &title) {
        const QString &field = text.field;
        const QString &theirs = text.theirs;
        const QString &mineText = text.mine;
        auto *box = new QGroupBox(title);
        auto *grid = new QGridLayout(box);
        grid->addWidget(header(tr("Base")), 0, 0);
        grid->addWidget(header(tr("Theirs (the source now)")), 0, 1);
        grid->addWidget(header(tr("Mine")), 0, 2);
        grid->addWidget(readOnlyText(text.base, QStringLiteral("base_") + field), 1, 0);
        grid->addWidget(readOnlyText(theirs, QStringLiteral("theirs_") + field), 1, 1);
        grid->addWidget(readOnlyText(mineText, QStringLiteral("mine_") + field), 1, 2);
        auto *result = new QPlainTextEdit(mineText);
        result->setObjectName(QStringLiteral("result_") + field);
        result->setMaximumHeight(110);
        result->setAccessibleName(tr("Result for %1").arg(title));
        auto *takeTheirs = new QPushButton(tr("Keep theirs"));
        auto *takeMine = new QPushButton(tr("Keep mine"));
        connect(takeTheirs, &QPushButton::clicked, result, [result, theirs]() { result->setPlainText(theirs); });
        connect(takeMine, &QPushButton::clicked, result, [result, mineText]() { result->setPlainText(mineText); });
        grid->addWidget(header(tr("Result")), 2, 0);
        grid->addWidget(result, 3, 0, 1, 2);
        auto *choose = new QVBoxLayout;
        choose->addWidget(takeTheirs);
        choose->addWidget(takeMine);
        choose->addStretch();
        grid->addLayout(choose, 3, 2);
        rows->addWidget(box);
        m_textResults.insert(field, result);
    };
    const QMap<QString, QString> titles{{QStringLiteral("description"), tr("Description")},
                                        {QStringLiteral("display_name"), tr("Display name")},
                                        {QStringLiteral("status"), tr("Status")},
                                        {QStringLiteral("tier"), tr("Tier")}};
    for (const models::ConflictText &text : m_conflict.texts) {
        textRow(text, titles.value(text.field, text.field));
    }

    const auto setRow = [&](const QString &title, const QString &name, const models::ConflictSet &set) {
        auto *box = new QGroupBox(title);
        auto *grid = new QGridLayout(box);
        const QStringList columns[] = {set.base, set.theirs, set.mine};
        const QString titles[] = {tr("Base"), tr("Theirs"), tr("Mine")};
        for (int i = 0; i < 3; ++i) {
            grid->addWidget(header(titles[i]), 0, i);
            auto *l = new QLabel(columns[i].isEmpty() ? tr("(none)") : columns[i].join(QStringLiteral(", ")));
            l->setTextFormat(Qt::PlainText);
            l->setWordWrap(true);
            grid->addWidget(l, 1, i);
        }
        auto *merged = new QLineEdit(set.merged().join(QStringLiteral(", ")));
        merged->setObjectName(name);
        merged->setAccessibleName(tr("Merged %1").arg(title));
        grid->addWidget(header(tr("Merged (theirs + my additions − my removals)")), 2, 0, 1, 3);
        grid->addWidget(merged, 3, 0, 1, 3);
        rows->addWidget(box);
        return merged;
    };
    if (m_conflict.tags) {
        m_tagsResult = setRow(tr("Tags"), QStringLiteral("mergedTags"), *m_conflict.tags);
    }
    if (m_conflict.parties) {
        m_partiesResult =
            setRow(tr("Owners, stewards and experts (role:id)"), QStringLiteral("mergedParties"), *m_conflict.parties);
    }
    rows->addStretch();

    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);

    m_errors = makeErrorLabel();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    auto *resolveButton = buttons->addButton(tr("Resolve and queue"), QDialogButtonBox::AcceptRole);
    resolveButton->setObjectName(QStringLiteral("resolveButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConflictDialog::resolve);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_errors);
    layout->addWidget(buttons);
    resize(1000, 640);
}

bool ConflictDialog::resolve()
{
    // The result, as a change against theirs: only what differs from the source's current values.
    QMap<QString, QString> texts;
    for (auto it = m_textResults.cbegin(); it != m_textResults.cend(); ++it) {
        texts.insert(it.key(), it.value()->toPlainText());
    }
    const models::ProductEdit edit =
        m_conflict.resolution(texts, m_tagsResult ? std::optional(splitList(m_tagsResult->text())) : std::nullopt,
                              m_partiesResult ? std::optional(splitList(m_partiesResult->text())) : std::nullopt);
    const auto result =
        models::Outbox(m_db).resolveConflict(m_conflict.outboxId, edit, QDateTime::currentSecsSinceEpoch());
    if (!result.ok()) {
        QList<models::FieldError> errors = result.errors;
        if (result.storeError) {
            errors.push_back({QStringLiteral("store"), *result.storeError});
        }
        if (edit.isEmpty()) {
            errors = {{QStringLiteral("edit"), tr("The result is what the source already has: discard the edit from "
                                                  "the outbox instead.")}};
        }
        showErrors(m_errors, errors);
        return false;
    }
    Q_EMIT resolved(m_conflict.outboxId);
    accept();
    return true;
}

} // namespace meshlens::ui
