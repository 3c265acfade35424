#pragma once

#include "../health/healthsnapshot.h"
#include "../health/productnames.h"
#include "pagedrowsmodel.h"

#include <memory>

namespace meshlens::models {

// A list of products with their health (score, band, the components, breaches, incidents), and the role a party
// plays for each when the list is "what this party answers for". Rows are indexes into a HealthSnapshot; names are
// read from the cache only for rows that are fetched (fetchMore, a page at a time), so a team with 50,000 products
// costs 50,000 integers. Sorts in memory. GUI thread.
class ProductHealthModel final : public PagedRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductHealthModel)

public:
    enum Column
    {
        NameColumn,
        RoleColumn,
        DomainColumn,
        ScoreColumn,
        BandColumn,
        SlaColumn,
        QualityColumn,
        MetadataColumn,
        BreachedColumn,
        IncidentsColumn,
        ColumnCount
    };
    enum Role
    {
        ProductIdRole = Qt::UserRole + 1,
        SortRole,
        BandRole, // HealthBand as int, for colouring
    };
    struct Row
    {
        std::int32_t product = 0;
        std::int8_t role = -1; // OwnerRole, or -1 when the list is not about a party
    };

    explicit ProductHealthModel(Database &db, QObject *parent = nullptr);

    void setRows(std::shared_ptr<const HealthSnapshot> snapshot, std::vector<Row> rows);
    // The products `party` answers for; with `role`, only in that role.
    void showParty(std::shared_ptr<const HealthSnapshot> snapshot, std::int32_t party, std::optional<OwnerRole> role);
    void clear();

    [[nodiscard]] std::optional<std::int64_t> productIdAt(int row) const;
    [[nodiscard]] std::size_t totalRows() const override { return m_rows.size(); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    [[nodiscard]] double sortKey(const Row &r, int column) const;

    mutable ProductNames m_names;
    std::shared_ptr<const HealthSnapshot> m_snapshot;
    std::vector<Row> m_rows;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace meshlens::models
