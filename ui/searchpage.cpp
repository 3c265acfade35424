#include "searchpage.h"

#include "../models/itemmodels/searchresultsmodel.h"
#include "../models/store/catalogreader.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace meshlens::ui {

namespace {
constexpr int kPageSize = 200;
}

SearchPage::SearchPage(models::CatalogReader &reader, QWidget *parent)
    : QWidget(parent)
    , m_reader(reader)
{
    m_model = new models::SearchResultsModel(this);

    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("searchField"));
    m_field->setPlaceholderText(tr("Search products, owners, tags, columns…  (Ctrl+K)"));
    m_field->setClearButtonEnabled(true);
    m_field->setAccessibleName(tr("Search the catalog"));
    m_field->installEventFilter(this);

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
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setSectionResizeMode(models::SearchResultsModel::NameColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setDefaultSectionSize(160);
    m_view->setAccessibleName(tr("Search results"));
    m_view->installEventFilter(this);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_field);
    layout->addWidget(m_count);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);

    // Coalesce bursts of typing into one query; every keystroke still lands in the field.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(40);
    connect(m_debounce, &QTimer::timeout, this, &SearchPage::runQuery);
    connect(m_field, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_field, &QLineEdit::returnPressed, this, [this]() {
        m_debounce->stop();
        runQuery(); // Enter right after typing must open the top result of what was typed
        const QModelIndex current = m_view->currentIndex();
        activateRow(current.isValid() ? current.row() : 0);
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) { activateRow(index.row()); });
    runQuery();
}

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
    std::int64_t total = 0;
    const QString text = m_field->text();
    auto results = m_reader.search(text, kPageSize, &total);
    m_model->setResults(std::move(results), total);
    const bool catalogEmpty = text.trimmed().isEmpty() && total == 0;
    if (catalogEmpty) {
        m_empty->setText(tr("<b>The catalog is empty.</b><br>Sync a source with <b>F5</b>, or "
                            "<b>File → Sync From…</b> to open a bundle file or URL."));
    } else if (total == 0) {
        m_empty->setText(tr("No products match <b>%1</b>.<br>Try fewer or shorter words.").arg(text.toHtmlEscaped()));
    }
    m_empty->setVisible(total == 0);
    m_view->setVisible(total != 0);
    if (text.trimmed().isEmpty()) {
        m_count->setText(tr("%Ln product(s) in the catalog", nullptr, static_cast<int>(total)));
    } else if (total > m_model->rowCount()) {
        m_count->setText(tr("%L1 matches, showing the best %L2").arg(total).arg(m_model->rowCount()));
    } else {
        m_count->setText(tr("%Ln match(es)", nullptr, static_cast<int>(total)));
    }
    if (m_model->rowCount() > 0) {
        m_view->setCurrentIndex(m_model->index(0, 0));
    }
}

void SearchPage::activateRow(int row)
{
    if (const auto *p = m_model->at(row)) {
        Q_EMIT productActivated(p->id);
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
