#pragma once

#include "../catalog/catalogtypes.h"

#include <QAbstractTableModel>

namespace meshlens::models {

// The rows of one search: a product per row, with name, domain, owners, status and tier columns. Lives on the
// GUI thread; the page fills it from CatalogReader results (a page of them at a time).
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
    };

    explicit SearchResultsModel(QObject *parent = nullptr);

    void setResults(QList<ProductSummary> results, std::int64_t total);
    [[nodiscard]] const ProductSummary *at(int row) const;
    [[nodiscard]] std::int64_t total() const { return m_total; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ProductSummary> m_rows;
    std::int64_t m_total = 0;
};

} // namespace meshlens::models
