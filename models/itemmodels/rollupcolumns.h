#pragma once

// What the Owners and Domains tables share: the roll-up columns (products, mean health, band counts, worst,
// breaches, incidents) and an in-memory row order over snapshot indexes that keeps persistent indexes on their
// rows when it is sorted.

#include "../health/healthsnapshot.h"

#include <QAbstractTableModel>

#include <functional>
#include <optional>

namespace meshlens::models {

enum class RollupField : std::uint8_t
{
    Products,
    Score,
    Healthy,
    AtRisk,
    Unhealthy,
    Worst,
    Breached,
    Incidents,
};
[[nodiscard]] QString rollupHeader(RollupField field);
// The header of a column that shows `field`; none for a column that is not a roll-up one.
[[nodiscard]] QVariant rollupHeader(std::optional<RollupField> field);
[[nodiscard]] QVariant rollupText(const HealthRollup &rollup, RollupField field);
[[nodiscard]] double rollupKey(const HealthRollup &rollup, RollupField field);

class IndexRowsModel : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    // The snapshot index shown in `row`; none outside the rows.
    [[nodiscard]] std::optional<std::int32_t> indexAt(int row) const;
    using QAbstractTableModel::QAbstractTableModel;
    // Sorts m_rows with `less` (ties keep their order) inside a layout change, moving persistent indexes along.
    void reorder(const std::function<bool(std::int32_t, std::int32_t)> &less);

    std::vector<std::int32_t> m_rows; // indexes into a snapshot's vector
};

} // namespace meshlens::models
