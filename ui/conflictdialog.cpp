#include "conflictdialog.h"

#include "editproductdialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace meshlens::ui {

namespace {

QString valueText(const QJsonValue &v)
{
    if (v.isDouble()) {
        return QString::number(v.toDouble());
    }
    return v.toString();
}

QStringList stringSet(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray()) {
        out << x.toString();
    }
    return out;
}

QStringList partySet(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray()) {
        const QJsonObject o = x.toObject();
        out << o.value(QLatin1String("role")).toString() + QLatin1Char(':') + o.value(QLatin1String("id")).toString();
    }
    return out;
}

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

QStringList ConflictDialog::mergeSets(const QStringList &base, const QStringList &theirs, const QStringList &mine)
{
    QStringList out;
    for (const QString &x : theirs) {
        if (!(base.contains(x) && !mine.contains(x))) { // I removed it: stays removed
            out << x;
        }
    }
    for (const QString &x : mine) {
        if (!base.contains(x) && !out.contains(x)) { // I added it
            out << x;
        }
    }
    return out;
}

ConflictDialog::ConflictDialog(models::Database &db, const models::OutboxItem &item, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_item(item)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Resolve conflict — %1").arg(item.entityTitle));
    setAttribute(Qt::WA_DeleteOnClose);
    const QJsonObject base = item.payload.value(QLatin1String("base")).toObject();
    const models::ProductEdit mine = models::Outbox::editFromJson(item.payload);

    auto *content = new QWidget;
    auto *rows = new QVBoxLayout(content);
    auto *intro = new QLabel(item.lastError);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    rows->addWidget(intro);

    const auto textRow = [&](const QString &field, const QString &title, const QString &mineText) {
        auto *box = new QGroupBox(title);
        auto *grid = new QGridLayout(box);
        const QString theirs = valueText(item.theirs.value(field));
        m_theirsText.insert(field, theirs);
        grid->addWidget(header(tr("Base")), 0, 0);
        grid->addWidget(header(tr("Theirs (the source now)")), 0, 1);
        grid->addWidget(header(tr("Mine")), 0, 2);
        grid->addWidget(readOnlyText(valueText(base.value(field)), QStringLiteral("base_") + field), 1, 0);
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
    if (mine.description) {
        textRow(QStringLiteral("description"), tr("Description"), *mine.description);
    }
    if (mine.displayName) {
        textRow(QStringLiteral("display_name"), tr("Display name"), *mine.displayName);
    }
    if (mine.status) {
        textRow(QStringLiteral("status"), tr("Status"), *mine.status);
    }
    if (mine.tier) {
        textRow(QStringLiteral("tier"), tr("Tier"), QString::number(*mine.tier));
    }

    const auto setRow = [&](const QString &title, const QString &name, const QStringList &baseSet,
                            const QStringList &theirs, const QStringList &mineSet) {
        auto *box = new QGroupBox(title);
        auto *grid = new QGridLayout(box);
        const QStringList columns[] = {baseSet, theirs, mineSet};
        const QString titles[] = {tr("Base"), tr("Theirs"), tr("Mine")};
        for (int i = 0; i < 3; ++i) {
            grid->addWidget(header(titles[i]), 0, i);
            auto *l = new QLabel(columns[i].isEmpty() ? tr("(none)") : columns[i].join(QStringLiteral(", ")));
            l->setTextFormat(Qt::PlainText);
            l->setWordWrap(true);
            grid->addWidget(l, 1, i);
        }
        auto *merged = new QLineEdit(mergeSets(baseSet, theirs, mineSet).join(QStringLiteral(", ")));
        merged->setObjectName(name);
        merged->setAccessibleName(tr("Merged %1").arg(title));
        grid->addWidget(header(tr("Merged (theirs + my additions − my removals)")), 2, 0, 1, 3);
        grid->addWidget(merged, 3, 0, 1, 3);
        rows->addWidget(box);
        return merged;
    };
    if (!mine.addTags.isEmpty() || !mine.removeTags.isEmpty()) {
        const QStringList baseTags = stringSet(base.value(QLatin1String("tags")));
        QStringList mineTags = baseTags;
        for (const QString &t : mine.removeTags) {
            mineTags.removeAll(t);
        }
        mineTags << mine.addTags;
        m_theirsTags = stringSet(item.theirs.value(QLatin1String("tags")));
        m_tagsResult = setRow(tr("Tags"), QStringLiteral("mergedTags"), baseTags, m_theirsTags, mineTags);
    }
    if (!mine.addParties.isEmpty() || !mine.removeParties.isEmpty()) {
        const QStringList baseParties = partySet(base.value(QLatin1String("parties")));
        QStringList mineParties = baseParties;
        for (const models::PartyRef &p : mine.removeParties) {
            mineParties.removeAll(p.role + QLatin1Char(':') + p.extId);
        }
        for (const models::PartyRef &p : mine.addParties) {
            mineParties << p.role + QLatin1Char(':') + p.extId;
        }
        m_theirsParties = partySet(item.theirs.value(QLatin1String("parties")));
        m_partiesResult = setRow(tr("Owners, stewards and experts (role:id)"), QStringLiteral("mergedParties"),
                                 baseParties, m_theirsParties, mineParties);
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
    models::ProductEdit edit;
    for (auto it = m_textResults.cbegin(); it != m_textResults.cend(); ++it) {
        const QString result = it.value()->toPlainText();
        if (result == m_theirsText.value(it.key())) {
            continue;
        }
        if (it.key() == QLatin1String("description")) {
            edit.description = result;
        } else if (it.key() == QLatin1String("display_name")) {
            edit.displayName = result;
        } else if (it.key() == QLatin1String("status")) {
            edit.status = result;
        } else if (it.key() == QLatin1String("tier")) {
            edit.tier = result.toInt();
        }
    }
    const auto diff = [](const QStringList &theirs, const QStringList &merged, QStringList &added,
                         QStringList &removed) {
        for (const QString &x : merged) {
            if (!theirs.contains(x)) {
                added << x;
            }
        }
        for (const QString &x : theirs) {
            if (!merged.contains(x)) {
                removed << x;
            }
        }
    };
    if (m_tagsResult) {
        diff(m_theirsTags, splitList(m_tagsResult->text()), edit.addTags, edit.removeTags);
    }
    if (m_partiesResult) {
        QStringList added, removed;
        diff(m_theirsParties, splitList(m_partiesResult->text()), added, removed);
        const auto toRef = [](const QString &s) {
            return models::PartyRef{s.section(QLatin1Char(':'), 0, 0), QStringLiteral("person"),
                                    s.section(QLatin1Char(':'), 1)};
        };
        for (const QString &s : added) {
            edit.addParties << toRef(s);
        }
        // Removals name the kind the source has; look it up in theirs.
        for (const QJsonValue &v : m_item.theirs.value(QLatin1String("parties")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString key =
                o.value(QLatin1String("role")).toString() + QLatin1Char(':') + o.value(QLatin1String("id")).toString();
            if (removed.contains(key)) {
                edit.removeParties << models::PartyRef{o.value(QLatin1String("role")).toString(),
                                                       o.value(QLatin1String("kind")).toString(),
                                                       o.value(QLatin1String("id")).toString()};
            }
        }
    }
    const auto result = models::Outbox(m_db).resolveConflict(m_item.id, edit, QDateTime::currentSecsSinceEpoch());
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
    Q_EMIT resolved(m_item.id);
    accept();
    return true;
}

} // namespace meshlens::ui
