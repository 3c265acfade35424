#pragma once

#include "../models/search/searchengine.h"
#include "../models/store/connectionfactory.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace meshlens::models {
class CatalogReader;
class SearchHistory;
class SearchResultsModel;
class SearchService;
} // namespace meshlens::models

namespace meshlens::ui {

// The catalog page: a search field that searches as you type (on a worker thread, so typing never waits for a
// query), the ranked results in a lazy model, a facet panel whose values filter on click, a "showing results for"
// line when a typo was corrected, and saved and recent searches. GUI thread.
class SearchPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchPage)

public:
    SearchPage(models::CatalogReader &reader, const models::ConnectionFactory &connections, QWidget *parent = nullptr);
    ~SearchPage() override;

    void focusSearch();
    void setQuery(const QString &text);
    // Runs the current query again (after a sync changed the catalog).
    void refresh();
    [[nodiscard]] QString query() const;

    // Saves the current query under `name` (the menu's "Save Search…" asks for the name, then calls this).
    bool saveSearch(const QString &name);
    [[nodiscard]] models::SearchHistory &history() { return *m_history; }

Q_SIGNALS:
    void productActivated(qint64 productId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void runQuery();
    void showResult(quint64 request, const models::SearchResult &result);
    void showFacets(quint64 request, const models::SearchFacets &facets);
    void showCount();
    void activateRow(int row);
    void openTopResultNow();
    void addFilter(const QString &token);
    void rebuildSearchesMenu();

    models::CatalogReader &m_reader;
    std::unique_ptr<models::SearchEngine> m_engine; // GUI thread: next pages, and Enter right after typing
    std::unique_ptr<models::SearchHistory> m_history;
    models::SearchService *m_service = nullptr;
    models::SearchResultsModel *m_model = nullptr;
    models::SearchOptions m_options;
    quint64 m_shown = 0;
    struct CountShown
    {
        quint64 request = 0;
        std::int64_t total = 0;
        bool listing = false; // no text: the count is the catalog's
        bool capped = false;  // the result page only bounds the count
        bool partial = false;
        std::optional<std::int64_t> exact; // every match, when the facets counted them all
    };
    CountShown m_countOf; // what the count label says, for the query shown
    QLineEdit *m_field = nullptr;
    QMenu *m_searchesMenu = nullptr;
    QTableView *m_view = nullptr;
    QTreeWidget *m_facets = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_correction = nullptr;
    QLabel *m_empty = nullptr;
    QTimer *m_debounce = nullptr;
};

} // namespace meshlens::ui
