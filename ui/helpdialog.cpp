#include "helpdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace meshlens::ui {

namespace {

QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(QLatin1Char('&')).remove(QStringLiteral("…"));
    return text.trimmed();
}

QString keys(const QList<QKeySequence> &shortcuts)
{
    QStringList names;
    for (const QKeySequence &k : shortcuts) {
        const QString name = k.toString(QKeySequence::NativeText);
        if (!name.isEmpty() && !names.contains(name)) {
            names << name;
        }
    }
    return names.join(QStringLiteral(", "));
}

} // namespace

HelpDialog::HelpDialog(const QList<QAction *> &actions, const QString &healthFormula, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("helpDialog"));
    setWindowTitle(tr("MeshLens Help"));

    auto *shortcuts = new QTreeWidget(this);
    shortcuts->setObjectName(QStringLiteral("helpShortcuts"));
    shortcuts->setHeaderLabels({tr("Action"), tr("Keys")});
    shortcuts->setRootIsDecorated(false);
    shortcuts->setAlternatingRowColors(true);
    QStringList seen;
    for (const QAction *a : actions) {
        const QString text = plainText(a);
        if (a->shortcuts().isEmpty() || text.isEmpty() || seen.contains(text)) {
            continue;
        }
        seen << text;
        new QTreeWidgetItem(shortcuts, {text, keys(a->shortcuts())});
    }
    // Keys that belong to one view rather than to an action of the window.
    const QList<QPair<QString, QString>> viewKeys = {
        {tr("Search field: move into the results"), tr("Down")},
        {tr("Search field: open the top or selected result"), tr("Return")},
        {tr("Search field: clear"), tr("Esc")},
        {tr("Lineage: open the selected product"), tr("Return")},
        {tr("Lineage: expand or collapse the selected node"), QStringLiteral("E")},
        {tr("Lineage: impact analysis"), QKeySequence(Qt::CTRL | Qt::Key_I).toString(QKeySequence::NativeText)},
        {tr("Lineage: clear the selection"), tr("Esc")},
    };
    for (const auto &[what, key] : viewKeys) {
        new QTreeWidgetItem(shortcuts, {what, key});
    }
    shortcuts->sortItems(0, Qt::AscendingOrder);
    shortcuts->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    shortcuts->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto *syntax = new QTextBrowser(this);
    syntax->setObjectName(QStringLiteral("helpSearchSyntax"));
    syntax->setOpenLinks(false);
    syntax->setHtml(tr("<h3>Search syntax</h3>"
                       "<p>Type to search as you type; Ctrl+K reaches the search field from anywhere.</p>"
                       "<ul>"
                       "<li><b>words</b>: every word must match; the last one may be the start of a word.</li>"
                       "<li><b>\"quoted phrase\"</b>: the words in this order.</li>"
                       "<li><b>-word</b>: leave out what matches the word.</li>"
                       "<li><b>domain:</b>sales, <b>owner:</b>alice (people or teams, any role), <b>tag:</b>pii, "
                       "<b>status:</b>active, <b>tier:</b>1, <b>source:</b>…: filters.</li>"
                       "<li><b>has:sla</b>, <b>has:incident</b>: only products with SLAs, or with an open "
                       "incident.</li>"
                       "</ul>"
                       "<p>Anything else is plain text, never an error. An exact name comes first, then a pasted FQN "
                       "or id, then names that start with what you typed, then the best matches of name, tags, "
                       "domain and owners, description and column names. A misspelt word is corrected against the "
                       "catalog's words.</p>"
                       "<p>Links: <b>meshlens://search?q=…</b> opens a search and <b>meshlens://product/…</b> a "
                       "product; Copy Link on a product or a lineage node makes one.</p>"));

    auto *health = new QLabel(healthFormula, this);
    health->setObjectName(QStringLiteral("helpHealthScore"));
    health->setTextFormat(Qt::PlainText);
    health->setWordWrap(true);
    health->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    health->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    health->setMargin(8);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("helpTabs"));
    m_tabs->addTab(shortcuts, tr("&Keyboard Shortcuts"));
    m_tabs->addTab(syntax, tr("&Search Syntax"));
    m_tabs->addTab(health, tr("&Health Score"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    resize(680, 520);
}

void HelpDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(page);
    show();
    raise();
    activateWindow();
}

} // namespace meshlens::ui
