#include "sourcesdialog.h"

#include "../models/sources/credentials.h"
#include "../models/sources/sourcecatalog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace meshlens::ui {

namespace {

enum Column
{
    Name,
    Address,
    Kind,
    Products,
    Entries,
    LastSynced,
    Outbox,
    LastError,
    ColumnCount
};

constexpr int kUriRole = Qt::UserRole;
constexpr int kKindRole = Qt::UserRole + 1;

QTableWidgetItem *cell(const QString &text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    item->setTextAlignment(align);
    return item;
}

} // namespace

SourcesDialog::SourcesDialog(models::Database &db, models::ConnectionFactory connections,
                             models::CredentialStore *credentials, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_connections(std::move(connections))
    , m_credentials(credentials)
    , m_tokenPrompt(defaultTokenPrompt())
{
    setObjectName(QStringLiteral("sourcesDialog"));
    setWindowTitle(tr("Sources"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_confirm = [](QWidget *parent, const QString &question) {
        return QMessageBox::question(parent, tr("Remove Source"), question, QMessageBox::Yes | QMessageBox::Cancel) ==
               QMessageBox::Yes;
    };

    m_table = new QTableWidget(0, ColumnCount);
    m_table->setObjectName(QStringLiteral("sourcesTable"));
    m_table->setAccessibleName(tr("Sources"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Address"), tr("Kind"), tr("Products"), tr("Entries"),
                                        tr("Last synced"), tr("Outbox"), tr("Last error")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto *add = new QPushButton(tr("&Add Source…"));
    add->setObjectName(QStringLiteral("addSourceButton"));
    m_sync = new QPushButton(tr("&Sync"));
    m_sync->setObjectName(QStringLiteral("syncSourceButton"));
    m_token = new QPushButton(tr("Edit &Token…"));
    m_token->setObjectName(QStringLiteral("tokenButton"));
    m_remove = new QPushButton(tr("&Remove…"));
    m_remove->setObjectName(QStringLiteral("removeSourceButton"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("sourcesStatus"));
    m_status->setWordWrap(true);
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(m_sync);
    row->addWidget(m_token);
    row->addWidget(m_remove);
    row->addStretch();
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(close);
    resize(900, 320);

    connect(add, &QPushButton::clicked, this, &SourcesDialog::addRequested);
    connect(m_sync, &QPushButton::clicked, this, &SourcesDialog::syncSelected);
    connect(m_token, &QPushButton::clicked, this, &SourcesDialog::editTokenOfSelected);
    connect(m_remove, &QPushButton::clicked, this, &SourcesDialog::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SourcesDialog::updateButtons);
    connect(close, &QDialogButtonBox::rejected, this, &SourcesDialog::reject);
    refresh();
}

void SourcesDialog::refresh()
{
    const int keep = selectedRow();
    const QLocale locale;
    const QList<models::SourceSummary> sources = models::SourceCatalog(m_db).sources();
    m_table->setRowCount(static_cast<int>(sources.size()));
    const auto number = Qt::AlignRight | Qt::AlignVCenter;
    for (int r = 0; r < sources.size(); ++r) {
        const models::SourceSummary &s = sources[r];
        auto *name = cell(s.state.name.isEmpty() ? s.state.uri : s.state.name);
        name->setData(kUriRole, s.state.uri);
        name->setData(kKindRole, s.state.kind);
        m_table->setItem(r, Name, name);
        m_table->setItem(r, Address, cell(s.state.uri));
        m_table->setItem(r, Kind, cell(s.state.kind));
        m_table->setItem(r, Products, cell(locale.toString(s.products), number));
        m_table->setItem(r, Entries, cell(locale.toString(s.entries), number));
        m_table->setItem(
            r, LastSynced,
            cell(s.state.lastSuccessAt
                     ? locale.toString(QDateTime::fromSecsSinceEpoch(*s.state.lastSuccessAt), QLocale::ShortFormat)
                     : tr("never")));
        m_table->setItem(
            r, Outbox, cell(s.openOutbox ? tr("%n open", nullptr, static_cast<int>(s.openOutbox)) : QString(), number));
        auto *error = cell(s.state.lastError);
        error->setToolTip(s.state.lastError);
        m_table->setItem(r, LastError, error);
    }
    m_table->resizeColumnsToContents();
    if (keep >= 0 && keep < m_table->rowCount()) {
        m_table->selectRow(keep);
    } else if (m_table->rowCount() > 0) {
        m_table->selectRow(0);
    }
    if (sources.isEmpty()) {
        m_status->setText(tr("The cache holds no source yet: Add Source… to sync one."));
    }
    updateButtons();
}

void SourcesDialog::setSyncRunning(bool running)
{
    m_syncRunning = running;
    updateButtons();
}

int SourcesDialog::selectedRow() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    return selected.isEmpty() ? -1 : selected.first()->row();
}

void SourcesDialog::updateButtons()
{
    const int row = selectedRow();
    const bool any = row >= 0;
    m_sync->setEnabled(any && !m_syncRunning && !m_removing);
    m_remove->setEnabled(any && !m_syncRunning && !m_removing);
    m_remove->setToolTip(m_syncRunning ? tr("A sync is running; remove the source when it has finished.") : QString());
    m_token->setEnabled(any && m_credentials &&
                        m_table->item(row, Name)->data(kKindRole).toString() == QLatin1String("openmetadata"));
}

void SourcesDialog::syncSelected()
{
    if (const int row = selectedRow(); row >= 0) {
        Q_EMIT syncRequested(m_table->item(row, Name)->data(kUriRole).toString());
    }
}

void SourcesDialog::editTokenOfSelected()
{
    const int row = selectedRow();
    if (row < 0 || !m_credentials) {
        return;
    }
    const QString uri = m_table->item(row, Name)->data(kUriRole).toString();
    const auto token = m_tokenPrompt(this, uri, tr("Replace the token MeshLens uses for %1.").arg(uri));
    if (!token) {
        return;
    }
    if (auto err = m_credentials->write(uri, *token)) {
        m_status->setText(tr("The token could not be stored: %1").arg(*err));
        return;
    }
    m_status->setText(tr("The new token is stored; it is used from the next sync."));
}

void SourcesDialog::removeSelected()
{
    const int row = selectedRow();
    if (row < 0 || m_syncRunning || m_removing) {
        return;
    }
    const QString uri = m_table->item(row, Name)->data(kUriRole).toString();
    models::SourceCatalog catalog(m_db);
    const auto source = catalog.source(uri);
    if (!source) {
        refresh();
        return;
    }
    const QString title = source->state.name.isEmpty() ? uri : source->state.name;
    const std::int64_t others = source->entries - source->products;
    QString question = (source->products == 1 ? tr("Remove %1 and its one product from the cache?")
                                              : tr("Remove %1 and its %n products from the cache?", nullptr,
                                                   static_cast<int>(source->products)))
                           .arg(title);
    if (others > 0) {
        question += QLatin1Char(' ') + tr("%n other catalog entries go with them.", nullptr, static_cast<int>(others));
    }
    question += QLatin1Char(' ') + tr("The source itself is not changed; syncing it again brings them back.");
    if (!m_confirm(this, question)) {
        return;
    }
    bool discard = false;
    if (source->openOutbox > 0) {
        discard =
            m_confirm(this, tr("%n outbox items (edits or feedback) for %1 were never delivered. Discard them with "
                               "the source? They cannot be recovered.",
                               nullptr, static_cast<int>(source->openOutbox))
                                .arg(title));
        if (!discard) {
            m_status->setText(tr("Nothing was removed: deliver or export the outbox first."));
            return;
        }
    }
    m_removing = true;
    updateButtons();
    m_status->setText(tr("Removing %1…").arg(title));
    const QString kind = source->state.kind;
    auto *watcher = new QFutureWatcher<models::SourceCatalog::Removal>(this);
    connect(
        watcher, &QFutureWatcher<models::SourceCatalog::Removal>::finished, this, [this, watcher, uri, title, kind]() {
            watcher->deleteLater();
            m_removing = false;
            const models::SourceCatalog::Removal removal = watcher->result();
            if (!removal.ok) {
                updateButtons();
                m_status->setText(removal.error);
                return;
            }
            if (m_credentials && kind == QLatin1String("openmetadata")) {
                (void)m_credentials->remove(uri); // a token no source uses any more
            }
            refresh();
            m_status->setText(tr("Removed %1 with %n entries.", nullptr, static_cast<int>(removal.entries)).arg(title));
            Q_EMIT sourceRemoved(uri);
        });
    // A connection of the worker's own: SQLite connections are not shared across threads.
    watcher->setFuture(QtConcurrent::run([connections = m_connections, uri, discard]() {
        models::Database db;
        if (auto err = connections.openWriter(db)) {
            models::SourceCatalog::Removal failed;
            failed.error = err->message;
            return failed;
        }
        return models::SourceCatalog(db).remove(uri, discard);
    }));
}

void SourcesDialog::done(int result)
{
    if (m_removing) {
        return; // the removal reports back here; the dialog closes once it has
    }
    QDialog::done(result);
}

} // namespace meshlens::ui
