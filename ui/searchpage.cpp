#include "searchpage.h"

#include "../models/itemmodels/searchresultsmodel.h"
#include "../models/search/searchhistory.h"
#include "../models/search/searchservice.h"
#include "../models/store/catalogreader.h"
#include "widgetfactory.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace meshlens::ui {

namespace {

constexpr int kFilterRole = Qt::UserRole + 1;

models::SearchOptions::Sort sortFor(int column)
{
    switch (column) {
    case models::SearchResultsModel::NameColumn:
        return models::SearchOptions::Sort::Name;
    case models::SearchResultsModel::DomainColumn:
        return models::SearchOptions::Sort::Domain;
    case models::SearchResultsModel::StatusColumn:
        return models::SearchOptions::Sort::Status;
    case models::SearchResultsModel::TierColumn:
        return models::SearchOptions::Sort::Tier;
    default:
        return models::SearchOptions::Sort::Relevance;
    }
}

} // namespace

SearchPage::SearchPage(models::CatalogReader &reader, const models::ConnectionFactory &connections, QWidget *parent)
    : QWidget(parent)
    , m_reader(reader)
    , m_engine(std::make_unique<models::SearchEngine>(reader.database()))
    , m_history(std::make_unique<models::SearchHistory>(reader.database()))
{
    m_service = new models::SearchService(connections.path(), this);
    m_model = new models::SearchResultsModel(this);
    m_options.limit = models::SearchResultsModel::kFirstRows;

    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("searchField"));
    m_field->setPlaceholderText(tr("Search products, owners, tags, columns…  domain: owner: tag: status: tier: "
                                   "has:sla  (Ctrl+K)"));
    m_field->setClearButtonEnabled(true);
    m_field->setAccessibleName(tr("Search the catalog"));
    m_field->installEventFilter(this);

    m_searchesMenu = new QMenu(this);
    m_searchesMenu->setObjectName(QStringLiteral("searchesMenu"));
    connect(m_searchesMenu, &QMenu::aboutToShow, this, &SearchPage::rebuildSearchesMenu);
    auto *searches = new QToolButton(this);
    searches->setObjectName(QStringLiteral("searchesButton"));
    searches->setText(tr("Searches"));
    searches->setToolTip(tr("Saved and recent searches"));
    searches->setAccessibleName(tr("Saved and recent searches"));
    searches->setPopupMode(QToolButton::InstantPopup);
    searches->setMenu(m_searchesMenu);
    rebuildSearchesMenu(); // so the save action (and its shortcut) exists before the menu is first opened

    m_correction = new QLabel(this);
    m_correction->setObjectName(QStringLiteral("correctionLabel"));
    m_correction->setTextFormat(Qt::RichText);
    m_correction->hide();
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("resultCount"));

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("resultsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(false); // header clicks sort in SQL (see sortRequested), not in the view
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // uniform rows: never measured per row
    m_view->horizontalHeader()->setSectionResizeMode(models::SearchResultsModel::NameColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setDefaultSectionSize(160);
    m_view->setAccessibleName(tr("Search results"));
    m_view->installEventFilter(this);

    m_facets = new QTreeWidget(this);
    m_facets->setObjectName(QStringLiteral("facetsView"));
    m_facets->setHeaderHidden(true);
    m_facets->setAccessibleName(tr("Refine by domain, owner, tag, status and tier"));
    m_facets->setToolTip(tr("Click a value to add it as a filter"));
    connect(m_facets, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (const QString token = item->data(0, kFilterRole).toString(); !token.isEmpty()) {
            addFilter(token);
        }
    });
    connect(m_facets, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        if (const QString token = item->data(0, kFilterRole).toString(); !token.isEmpty()) {
            addFilter(token);
        }
    });

    m_empty = makeEmptyState(QStringLiteral("emptyState"), this);

    auto *top = new QHBoxLayout;
    top->addWidget(m_field, 1);
    top->addWidget(searches);
    auto *resultsPane = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(resultsPane);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_view, 1);
    resultsLayout->addWidget(m_empty, 1);
    auto *split = new QSplitter(this);
    split->addWidget(m_facets);
    split->addWidget(resultsPane);
    split->setStretchFactor(1, 1);
    split->setSizes({220, 800});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_correction);
    layout->addWidget(m_count);
    layout->addWidget(split, 1);

    // Coalesce bursts of typing into one request; every keystroke lands in the field, the query runs elsewhere.
    m_debounce = makeDebounce(30, this, [this]() { runQuery(); });
    connect(m_field, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_field, &QLineEdit::returnPressed, this, &SearchPage::openTopResultNow);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) { activateRow(index.row()); });
    connect(m_service, &models::SearchService::finished, this, &SearchPage::showResult);
    connect(m_service, &models::SearchService::facetsReady, this, &SearchPage::showFacets);
    connect(m_model, &models::SearchResultsModel::sortRequested, this, [this](int column, Qt::SortOrder order) {
        const auto sort = sortFor(column);
        // A third click on the same header returns to relevance.
        if (sort == m_options.sort && m_options.descending && order == Qt::AscendingOrder) {
            m_options.sort = models::SearchOptions::Sort::Relevance;
            m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
        } else {
            m_options.sort = sort;
            m_options.descending = order == Qt::DescendingOrder;
        }
        runQuery();
    });
    connect(m_view->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int section) {
        const bool same = sortFor(section) == m_options.sort;
        const Qt::SortOrder order = same && !m_options.descending ? Qt::DescendingOrder : Qt::AscendingOrder;
        m_view->horizontalHeader()->setSortIndicator(section, order);
        m_model->sort(section, order);
    });
    runQuery();
}

SearchPage::~SearchPage() = default;

void SearchPage::focusSearch()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchPage::setQuery(const QString &text)
{
    m_field->setText(text);
    m_debounce->stop();
    runQuery();
}

QString SearchPage::query() const
{
    return m_field->text();
}

void SearchPage::refresh()
{
    runQuery();
}

void SearchPage::runQuery()
{
    m_debounce->stop();
    m_service->search(m_field->text(), m_options, true);
}

void SearchPage::showResult(quint64 request, const models::SearchResult &result)
{
    // The complete answer to a query whose first page came early keeps the row the user is on.
    const bool refinement = request == m_shown && m_view->currentIndex().isValid();
    const int currentRow = refinement ? m_view->currentIndex().row() : 0;
    m_shown = request;
    const QString text = m_field->text();
    if (result.error) {
        m_model->setHits({}, 0, false);
        m_empty->setText(tr("<b>Searching failed.</b><br>%1<br>Try again, or re-sync with <b>F5</b> if the cache "
                            "is damaged.")
                             .arg(result.error->message.toHtmlEscaped()));
        m_empty->show();
        m_view->hide();
        return;
    }
    const models::SearchOptions options = m_options;
    models::SearchEngine *engine = m_engine.get();
    // A partial first page fetches nothing more: its complete answer is on its way from the worker, and scrolling
    // (or a short page that does not fill the view) would otherwise compute it again here, on the GUI thread.
    models::SearchResultsModel::PageFetcher fetcher;
    if (!result.partial) {
        // Each page continues from the cursor of the one before (a listing's keyset: no OFFSET at depth).
        auto cursor = std::make_shared<std::optional<models::SearchCursor>>(result.next);
        fetcher = [engine, text, options, cursor](int offset, int limit) {
            models::SearchOptions o = options;
            o.offset = offset;
            o.limit = limit;
            o.after = *cursor;
            models::SearchResult page = engine->search(text, o);
            *cursor = std::move(page.next);
            return page.hits;
        };
    }
    m_model->setHits(result.hits, result.total, result.totalCapped, std::move(fetcher));
    if (result.correctedFrom.isEmpty()) {
        m_correction->hide();
    } else {
        m_correction->setText(
            tr("No match for <s>%1</s>; showing results for <b>%2</b>.")
                .arg(result.correctedFrom.toHtmlEscaped(), result.searched.toString().trimmed().toHtmlEscaped()));
        m_correction->show();
    }
    const std::int64_t total = result.total;
    if (text.trimmed().isEmpty() && total == 0) {
        m_empty->setText(tr("<b>The catalog is empty.</b><br>Sync a source with <b>F5</b>, or "
                            "<b>File → Sync From…</b> to open a bundle file or URL."));
    } else if (total == 0 && result.partial) {
        m_empty->setText(tr("Searching…"));
    } else if (total == 0) {
        m_empty->setText(tr("No products match <b>%1</b>.<br>Try fewer or shorter words, or remove a filter.")
                             .arg(text.toHtmlEscaped()));
    }
    m_empty->setVisible(total == 0);
    m_view->setVisible(total != 0);
    if (request != m_countOf.request) {
        m_countOf = {};
    }
    m_countOf.request = request;
    m_countOf.total = total;
    m_countOf.listing = text.trimmed().isEmpty();
    m_countOf.capped = result.totalCapped;
    m_countOf.partial = result.partial;
    showCount();
    if (m_model->rowCount() > 0) {
        m_view->setCurrentIndex(m_model->index(std::min(currentRow, m_model->rowCount() - 1), 0));
    }
}

void SearchPage::showFacets(quint64 request, const models::SearchFacets &facets)
{
    if (request != m_shown) {
        return;
    }
    m_facets->clear();
    const auto group = [this](const QString &title, const QString &field, const QList<models::FacetValue> &values) {
        if (values.isEmpty()) {
            return;
        }
        auto *top = new QTreeWidgetItem(m_facets, {title});
        top->setFlags(Qt::ItemIsEnabled);
        for (const models::FacetValue &v : values) {
            auto *item = new QTreeWidgetItem(top, {QStringLiteral("%1  (%L2)").arg(v.label).arg(v.count)});
            const QString value = v.filter.contains(QLatin1Char(' '))
                                      ? QString(QLatin1Char('"') + v.filter + QLatin1Char('"'))
                                      : v.filter;
            item->setData(0, kFilterRole, QString(field + QLatin1Char(':') + value));
            item->setToolTip(0, tr("Filter by %1:%2").arg(field, value));
        }
        top->setExpanded(true);
    };
    group(tr("Domain"), QStringLiteral("domain"), facets.domain);
    group(tr("Owner"), QStringLiteral("owner"), facets.owner);
    group(tr("Tag"), QStringLiteral("tag"), facets.tag);
    group(tr("Status"), QStringLiteral("status"), facets.status);
    group(tr("Tier"), QStringLiteral("tier"), facets.tier);
    if (facets.sampled) {
        auto *note = new QTreeWidgetItem(m_facets, {tr("Counts of the first %L1 matches").arg(facets.counted)});
        note->setFlags(Qt::ItemIsEnabled);
    } else if (m_countOf.request == request) {
        // The facets counted every match: a count the result page only bounds ("More than 1,000") is now exact.
        m_countOf.exact = facets.counted;
        showCount();
    }
}

void SearchPage::showCount()
{
    const CountShown &c = m_countOf;
    if (c.listing) {
        m_count->setText(tr("%Ln product(s) in the catalog", nullptr, static_cast<int>(c.total)));
    } else if (c.partial) {
        m_count->setText(tr("%L1 matches so far, still searching…").arg(c.total));
    } else if (c.capped && c.exact) {
        m_count->setText(tr("%Ln match(es)", nullptr, static_cast<int>(*c.exact)));
    } else if (c.capped) {
        m_count->setText(tr("More than %L1 matches").arg(c.total));
    } else {
        m_count->setText(tr("%Ln match(es)", nullptr, static_cast<int>(c.total)));
    }
}

void SearchPage::addFilter(const QString &token)
{
    QString text = m_field->text().trimmed();
    if (!models::SearchQuery::parse(text).filters.isEmpty() || !text.isEmpty()) {
        text += QLatin1Char(' ');
    }
    m_field->setText(text + token + QLatin1Char(' '));
    m_field->setFocus();
    runQuery();
}

void SearchPage::openTopResultNow()
{
    // Enter right after typing opens the top result of what was typed, even if the worker has not answered yet.
    if (m_debounce->isActive() || m_shown != m_service->latest()) {
        models::SearchOptions o = m_options;
        o.limit = 1;
        o.snippets = false;
        const models::SearchResult r = m_engine->search(m_field->text(), o);
        if (!r.hits.isEmpty()) {
            (void)m_history->addRecent(m_field->text());
            Q_EMIT productActivated(r.hits.front().product.id);
        }
        runQuery();
        return;
    }
    const QModelIndex current = m_view->currentIndex();
    activateRow(current.isValid() ? current.row() : 0);
}

void SearchPage::activateRow(int row)
{
    if (const auto *p = m_model->at(row)) {
        (void)m_history->addRecent(m_field->text());
        Q_EMIT productActivated(p->id);
    }
}

bool SearchPage::saveSearch(const QString &name)
{
    return !m_history->save(name, m_field->text().trimmed());
}

void SearchPage::rebuildSearchesMenu()
{
    m_searchesMenu->clear();
    QAction *save = m_searchesMenu->addAction(tr("&Save This Search…"), this, [this]() {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save Search"), tr("Name:"), QLineEdit::Normal,
                                                   m_field->text().trimmed(), &ok);
        if (ok && !name.trimmed().isEmpty()) {
            (void)saveSearch(name);
        }
    });
    save->setObjectName(QStringLiteral("actionSaveSearch"));
    save->setEnabled(!m_field->text().trimmed().isEmpty());
    const auto saved = m_history->saved();
    m_searchesMenu->addSection(tr("Saved"));
    if (saved.isEmpty()) {
        m_searchesMenu->addAction(tr("No saved searches yet"))->setEnabled(false);
    }
    for (const auto &s : saved) {
        QAction *a = m_searchesMenu->addAction(s.name, this, [this, q = s.query]() { setQuery(q); });
        a->setToolTip(s.query);
        a->setObjectName(QStringLiteral("savedSearch"));
    }
    m_searchesMenu->addSection(tr("Recent"));
    const QStringList recent = m_history->recent();
    if (recent.isEmpty()) {
        m_searchesMenu->addAction(tr("No recent searches"))->setEnabled(false);
    }
    for (const QString &q : recent) {
        m_searchesMenu->addAction(q, this, [this, q]() { setQuery(q); })->setObjectName(QStringLiteral("recentSearch"));
    }
}

bool SearchPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (watched == m_field && key->key() == Qt::Key_Escape && !m_field->text().isEmpty()) {
            m_field->clear();
            return true;
        }
        if (watched == m_field && (key->key() == Qt::Key_Down || key->key() == Qt::Key_PageDown) &&
            m_model->rowCount() > 0) {
            m_view->setFocus();
            return true;
        }
        if (watched == m_view && key->key() == Qt::Key_Up && m_view->currentIndex().row() <= 0) {
            m_field->setFocus();
            return true;
        }
        if (watched == m_view && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            activateRow(m_view->currentIndex().row());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace meshlens::ui
