#include "pagedrowsmodel.h"

#include <algorithm>
#include <climits>

namespace meshlens::models {

PagedRowsModel::PagedRowsModel(int pageSize, QObject *parent)
    : QAbstractTableModel(parent)
    , m_pageSize(pageSize)
{}

int PagedRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_fetched;
}

bool PagedRowsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_changing &&
           m_fetched < static_cast<int>(std::min<std::size_t>(totalRows(), INT_MAX));
}

void PagedRowsModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    const int more = static_cast<int>(
        std::min<std::size_t>(static_cast<std::size_t>(m_pageSize), totalRows() - static_cast<std::size_t>(m_fetched)));
    m_changing = true;
    beginInsertRows({}, m_fetched, m_fetched + more - 1);
    m_fetched += more;
    endInsertRows();
    m_changing = false;
}

void PagedRowsModel::resetRows(const std::function<void()> &change)
{
    m_changing = true;
    beginResetModel();
    change();
    m_fetched = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(m_pageSize), totalRows()));
    endResetModel();
    m_changing = false;
}

} // namespace meshlens::models
