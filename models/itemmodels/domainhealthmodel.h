#pragma once

#include "rollupcolumns.h"

#include <memory>

namespace meshlens::models {

// One row per domain: product count, mean health, the distribution over the health bands, breaches and incidents.
// Rows from a HealthSnapshot (domains are few); sorts in memory. GUI thread.
class DomainHealthModel final : public IndexRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DomainHealthModel)

public:
    enum Column
    {
        NameColumn,
        ProductsColumn,
        ScoreColumn,
        DistributionColumn,
        HealthyColumn,
        AtRiskColumn,
        UnhealthyColumn,
        WorstColumn,
        BreachedColumn,
        IncidentsColumn,
        ColumnCount
    };
    enum Role
    {
        DomainIndexRole = Qt::UserRole + 1,
        SortRole,
        BandsRole, // QVariantList of the product count per HealthBand, for the distribution bar
    };

    explicit DomainHealthModel(QObject *parent = nullptr);

    void setSnapshot(std::shared_ptr<const HealthSnapshot> snapshot);
    [[nodiscard]] std::optional<std::int32_t> domainAt(int row) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    [[nodiscard]] double sortKey(const DomainRow &d, int column) const;

    std::shared_ptr<const HealthSnapshot> m_snapshot;
};

} // namespace meshlens::models
