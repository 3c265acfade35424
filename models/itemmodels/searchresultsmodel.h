#pragma once

#include "../catalog/catalogtypes.h"
#include "../search/searchengine.h"

#include <QAbstractTableModel>

#include <functional>

namespace meshlens::models {

// The rows of one search: a product per row, with name, domain, owners, status and tier columns. Lives on the
// GUI thread. Lazy: it holds the pages loaded so far; the view's fetchMore() asks the page fetcher (the search
// engine's SQL, sorted there) for the next page, so a million results cost only the rows scrolled to. Sorting by
// a header emits sortRequested() for the owner to re-run the query sorted in SQL.
class SearchResultsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchResultsModel)

public:
    enum Column
    {
        NameColumn,
        DomainColumn,
        OwnersColumn,
        StatusColumn,
        TierColumn,
        ColumnCount
    };
    enum Role
    {
        ProductIdRole = Qt::UserRole + 1,
        ExtIdRole,
        SnippetRole,   // HTML: matched terms in <b>, the rest escaped
        MatchedByRole, // which ranking tier found it
    };
    // Returns the rows from `offset` (at most `limit`); an empty list ends the fetching.
    using PageFetcher = std::function<QList<SearchHit>(int offset, int limit)>;
    static constexpr int kPageSize = 200; // rows per fetchMore()
    // Rows in a query's first answer: a window's worth and a screen more. Each row costs its summary and snippet
    // (at 1M products, 200 rows took 14-27 ms where 50 take 6); scrolling fetches the rest kPageSize at a time.
    static constexpr int kFirstRows = 50;

    explicit SearchResultsModel(QObject *parent = nullptr);

    void setResults(QList<ProductSummary> results, std::int64_t total);
    // The first page of a search; `fetcher` (optional) loads the next pages while more than loaded matched.
    void setHits(QList<SearchHit> hits, std::int64_t total, bool totalIsLowerBound, PageFetcher fetcher = {});
    [[nodiscard]] const ProductSummary *at(int row) const;
    [[nodiscard]] std::int64_t total() const { return m_total; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

Q_SIGNALS:
    void sortRequested(int column, Qt::SortOrder order);

private:
    QList<ProductSummary> m_rows;
    QList<QString> m_snippets, m_matchedBy;
    std::int64_t m_total = 0;
    bool m_totalIsLowerBound = false;
    bool m_exhausted = true;
    bool m_busy = false; // inside a reset or an insertion
    PageFetcher m_fetcher;
};

} // namespace meshlens::models
