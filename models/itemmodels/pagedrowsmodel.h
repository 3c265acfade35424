#pragma once

#include <QAbstractTableModel>

#include <cstddef>
#include <functional>

namespace meshlens::models {

// What the large health tables (products, SLAs) share: every row is known in memory (as indexes), but views get them
// a page at a time through fetchMore, so names are read from the cache only for rows someone may look at. Guards
// against a fetch from inside the model's own reset or insertion signals (QAbstractItemModelTester and views make
// them), which would break the change protocol. GUI thread.
class PagedRowsModel : public QAbstractTableModel
{
public:
    // Rows in all; rowCount() is how many are fetched so far.
    [[nodiscard]] virtual std::size_t totalRows() const = 0;

    int rowCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

protected:
    PagedRowsModel(int pageSize, QObject *parent);

    // Resets the model around `change` (which replaces or reorders the rows) and shows their first page.
    void resetRows(const std::function<void()> &change);

private:
    const int m_pageSize;
    int m_fetched = 0;
    bool m_changing = false; // inside this model's reset or insertion
};

} // namespace meshlens::models
