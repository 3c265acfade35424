#include "outboxpage.h"

#include "../models/session/cachesession.h"
#include "../models/store/outbox.h"
#include "../models/sync/outboxdelivery.h"
#include "../models/sync/outboxexport.h"
#include "conflictdialog.h"
#include "widgetfactory.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace meshlens::ui {

namespace {

const QColor kAlert(0xd7, 0x3a, 0x49);

QString stateTitle(const models::OutboxItem &it)
{
    if (it.state == QLatin1String("pending")) {
        if (it.exportedAt) {
            return OutboxPage::tr("exported, awaiting confirmation");
        }
        return it.attempts > 0 ? OutboxPage::tr("pending (retrying)") : OutboxPage::tr("pending");
    }
    if (it.state == QLatin1String("sending")) {
        return OutboxPage::tr("sending");
    }
    if (it.state == QLatin1String("delivered")) {
        return OutboxPage::tr("delivered");
    }
    if (it.state == QLatin1String("conflict")) {
        return OutboxPage::tr("CONFLICT");
    }
    return OutboxPage::tr("rejected");
}

} // namespace

OutboxPage::OutboxPage(models::CacheSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    m_filter = new QComboBox;
    m_filter->setObjectName(QStringLiteral("outboxFilter"));
    m_filter->setAccessibleName(tr("Show"));
    m_filter->addItem(tr("Waiting and failed"));
    m_filter->addItem(tr("My feedback"));
    m_filter->addItem(tr("Everything, delivered too"));
    connect(m_filter, &QComboBox::currentIndexChanged, this, &OutboxPage::refresh);

    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("outboxList"));
    m_list->setAccessibleName(tr("Outbox"));
    m_list->setHeaderLabels(
        {tr("State"), tr("Product"), tr("Change or feedback"), tr("Tries"), tr("Last error or reply"), tr("Made")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(4, QHeaderView::Stretch);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &OutboxPage::updateButtons);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item->data(0, Qt::UserRole + 1).toString() == QLatin1String("conflict")) {
            resolveSelected();
        } else if (const QVariant id = item->data(1, Qt::UserRole); id.isValid()) {
            Q_EMIT productActivated(id.toLongLong());
        }
    });

    m_empty = new QLabel(tr("<h3>Nothing waiting</h3><p>Edits and feedback you make wait here until their source has "
                            "them. You can keep working offline: nothing is lost when MeshLens closes.</p>"));
    m_empty->setObjectName(QStringLiteral("outboxEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack = new QStackedWidget;
    m_stack->addWidget(m_list);
    m_stack->addWidget(m_empty);

    const auto button = [this](const QString &text, const char *name, const QString &tip) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(QLatin1String(name));
        b->setToolTip(tip);
        return b;
    };
    m_send = button(tr("&Send Now"), "sendNowButton", tr("Deliver waiting items to sources that accept writes (F9)"));
    m_retry = button(tr("&Retry"), "retryButton", tr("Try the selected items again now"));
    m_resolve = button(tr("Res&olve…"), "resolveButton", tr("Compare base, theirs and mine, and merge"));
    m_discard = button(tr("&Discard…"), "discardButton", tr("Remove the selected items without sending them (Del)"));
    m_export = button(tr("&Export…"), "exportButton",
                      tr("Write the items for bundle sources to a JSON file for the catalog owner (Ctrl+Shift+E)"));
    connect(m_send, &QPushButton::clicked, this, [this]() { sendNow(true); });
    connect(m_retry, &QPushButton::clicked, this, &OutboxPage::retrySelected);
    connect(m_resolve, &QPushButton::clicked, this, &OutboxPage::resolveSelected);
    connect(m_discard, &QPushButton::clicked, this, &OutboxPage::discardSelected);
    connect(m_export, &QPushButton::clicked, this, &OutboxPage::exportOutbox);
    auto *sendKey = new QShortcut(QKeySequence(Qt::Key_F9), this);
    sendKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(sendKey, &QShortcut::activated, this, [this]() { sendNow(true); });
    auto *discardKey = new QShortcut(QKeySequence::Delete, m_list);
    discardKey->setContext(Qt::WidgetShortcut);
    connect(discardKey, &QShortcut::activated, this, &OutboxPage::discardSelected);
    auto *exportKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this);
    exportKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(exportKey, &QShortcut::activated, this, &OutboxPage::exportOutbox);

    m_status = makeTextLabel(QStringLiteral("outboxStatus"));
    m_status->setWordWrap(true);

    auto *title = new QLabel(tr("Outbox"));
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    title->setFont(f);
    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addStretch();
    top->addWidget(new QLabel(tr("Show:")));
    top->addWidget(m_filter);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_send, m_retry, m_resolve, m_discard, m_export}) {
        buttons->addWidget(b);
    }
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(buttons);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);

    m_confirm = [](QWidget *parent, const QString &question) {
        return QMessageBox::question(parent, tr("Outbox"), question, QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No) == QMessageBox::Yes;
    };
    m_savePath = [](QWidget *parent) {
        return QFileDialog::getSaveFileName(parent, tr("Export the outbox"), QStringLiteral("meshlens-outbox.json"),
                                            tr("JSON files (*.json)"));
    };

    // Delivery retries on its own: each due item is tried when its backoff has passed.
    m_timer = new QTimer(this);
    m_timer->setInterval(60 * 1000);
    connect(m_timer, &QTimer::timeout, this, [this]() { sendNow(false); });
    m_timer->start();
    refresh();
}

OutboxPage::~OutboxPage()
{
    m_cancel->store(true);
}

void OutboxPage::refresh()
{
    const QStringList selected = selectedIds();
    models::Outbox::Filter filter;
    if (m_filter->currentIndex() == 0) {
        filter.states = {QStringLiteral("pending"), QStringLiteral("sending"), QStringLiteral("conflict"),
                         QStringLiteral("rejected")};
    } else if (m_filter->currentIndex() == 1) {
        filter.kind = QStringLiteral("feedback");
    }
    const QList<models::OutboxItem> items = m_session.outbox().items(filter);
    m_list->clear();
    for (const models::OutboxItem &it : items) {
        auto *row = new QTreeWidgetItem(m_list);
        row->setText(0, stateTitle(it));
        row->setData(0, Qt::UserRole, it.id);
        row->setData(0, Qt::UserRole + 1, it.state);
        row->setText(1, it.entityTitle);
        row->setToolTip(1, it.entityExt);
        row->setText(2, models::Outbox::describe(it));
        row->setToolTip(2, row->text(2));
        row->setText(3, QString::number(it.attempts));
        row->setText(4, it.reply.isEmpty() ? it.lastError : tr("Reply: %1").arg(it.reply));
        row->setToolTip(4, row->text(4));
        row->setText(5, QLocale().toString(QDateTime::fromSecsSinceEpoch(it.createdAt), QLocale::ShortFormat));
        if (it.state == QLatin1String("conflict") || it.state == QLatin1String("rejected")) {
            row->setForeground(0, kAlert);
        }
        row->setSelected(selected.contains(it.id));
    }
    for (int c : {0, 1, 2, 3}) {
        m_list->resizeColumnToContents(c);
        m_list->setColumnWidth(c, std::min(m_list->columnWidth(c), 420)); // the error or reply gets the rest
    }
    m_stack->setCurrentWidget(items.isEmpty() ? static_cast<QWidget *>(m_empty) : m_list);
    updateButtons();
}

QStringList OutboxPage::selectedIds() const
{
    QStringList ids;
    for (QTreeWidgetItem *item : m_list->selectedItems()) {
        ids << item->data(0, Qt::UserRole).toString();
    }
    return ids;
}

std::optional<models::OutboxItem> OutboxPage::currentItem()
{
    const QStringList ids = selectedIds();
    return ids.size() == 1 ? m_session.outbox().item(ids.first()) : std::nullopt;
}

void OutboxPage::updateButtons()
{
    QStringList states;
    for (QTreeWidgetItem *item : m_list->selectedItems()) {
        states << item->data(0, Qt::UserRole + 1).toString();
    }
    const bool any = !states.isEmpty();
    m_send->setEnabled(!m_sending);
    m_retry->setEnabled(any && !states.contains(QStringLiteral("conflict")) &&
                        !states.contains(QStringLiteral("delivered")));
    m_resolve->setEnabled(states == QStringList{QStringLiteral("conflict")});
    m_discard->setEnabled(any && !states.contains(QStringLiteral("sending")) &&
                          !states.contains(QStringLiteral("delivered")));
}

void OutboxPage::discardSelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || !m_discard->isEnabled()) {
        return;
    }
    if (!m_confirm(this, tr("Discard %n item(s)? They will not be sent, and this cannot be undone.", nullptr,
                            static_cast<int>(ids.size())))) {
        return;
    }
    models::Outbox outbox = m_session.outbox();
    int n = 0;
    for (const QString &id : ids) {
        n += outbox.discard(id) ? 1 : 0;
    }
    m_status->setText(tr("Discarded %n item(s).", nullptr, n));
    refresh();
    m_session.notifyOutboxChanged();
}

void OutboxPage::retrySelected()
{
    models::Outbox outbox = m_session.outbox();
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    for (const QString &id : selectedIds()) {
        outbox.retry(id, now);
    }
    sendNow(true);
}

void OutboxPage::resolveSelected()
{
    const auto item = currentItem();
    if (!item || item->state != QLatin1String("conflict")) {
        return;
    }
    auto *dialog = new ConflictDialog(m_session.database(), *item, this);
    connect(dialog, &ConflictDialog::resolved, this, [this]() {
        m_status->setText(tr("Conflict resolved: the edit is queued again against the source's current version."));
        refresh();
        m_session.notifyOutboxChanged();
    });
    dialog->open();
}

void OutboxPage::exportOutbox()
{
    const QString path = m_savePath(this);
    if (path.isEmpty()) {
        return;
    }
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    const auto written = models::OutboxExport::write(m_session.database(), path, now);
    if (written.error) {
        m_status->setText(*written.error);
        return;
    }
    if (written.ids.isEmpty()) {
        m_status->setText(tr("Nothing to export: no waiting item is for a bundle source."));
        return;
    }
    refresh();
    // Delivered only once the catalog owner has the file: ask, and leave them "exported" otherwise.
    if (m_confirm(this, tr("Wrote %n item(s) to %1.\n\nMark them delivered? Answer Yes once the catalog owner has "
                           "the file; until then they stay in the outbox.",
                           nullptr, static_cast<int>(written.ids.size()))
                            .arg(path))) {
        const int n = m_session.outbox().confirmExported(written.ids, now);
        m_status->setText(tr("%n item(s) delivered by export.", nullptr, n));
    } else {
        m_status->setText(tr("Exported to %1; the items stay in the outbox until you confirm.").arg(path));
    }
    refresh();
    m_session.notifyOutboxChanged();
}

void OutboxPage::sendNow(bool force)
{
    if (m_sending) {
        return;
    }
    if (!force && m_session.outbox().openCount() == 0) {
        return;
    }
    m_sending = true;
    updateButtons();
    m_status->setText(tr("Sending…"));
    auto *watcher = new QFutureWatcher<models::DeliveryReport>(this);
    connect(watcher, &QFutureWatcher<models::DeliveryReport>::finished, this, [this, watcher]() {
        watcher->deleteLater();
        deliveryFinished(watcher->result());
    });
    // A connection of the worker's own: SQLite connections are not shared across threads.
    watcher->setFuture(QtConcurrent::run(
        [connections = m_session.connections(), force, cancel = m_cancel, environment = m_environment]() {
            models::Database db;
            if (auto err = connections.openWriter(db)) {
                models::DeliveryReport r;
                r.failed = 1;
                r.lastError = err->message;
                return r;
            }
            return models::OutboxDelivery::deliverAll(db, QDateTime::currentSecsSinceEpoch(), force, cancel.get(),
                                                      environment);
        }));
}

void OutboxPage::deliveryFinished(const models::DeliveryReport &r)
{
    m_sending = false;
    QStringList parts;
    if (r.delivered > 0) {
        parts << tr("%n delivered", nullptr, r.delivered);
    }
    if (r.conflicts > 0) {
        parts << tr("%n in conflict: resolve them", nullptr, r.conflicts);
    }
    if (r.rejected > 0) {
        parts << tr("%n rejected: %1", nullptr, r.rejected).arg(r.lastError);
    }
    if (r.failed > 0) {
        parts << tr("%n could not be sent (%1); retried automatically", nullptr, r.failed).arg(r.lastError);
    }
    if (r.waiting > 0) {
        parts << tr("%n waiting to retry after an error", nullptr, r.waiting);
    }
    if (r.needsExport > 0) {
        parts << tr("%n for bundle sources, which take no writes: use Export…", nullptr, r.needsExport);
    }
    m_status->setText(parts.isEmpty() ? tr("Nothing was due.") : parts.join(QStringLiteral("; ")) + QLatin1Char('.'));
    refresh();
    if (r.delivered + r.conflicts + r.rejected + r.failed > 0) {
        m_session.notifyOutboxChanged();
    }
}

} // namespace meshlens::ui
