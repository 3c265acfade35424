#pragma once

#include "rollupcolumns.h"

#include <memory>
#include <optional>

namespace meshlens::models {

// People and teams with the health of what they answer for: one row per party that has products in the chosen
// role (any role by default), with the roll-up of those products. Rows come from a HealthSnapshot in memory (there
// are thousands of parties, not millions) and sort in memory. GUI thread.
class OwnersModel final : public IndexRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OwnersModel)

public:
    enum Column
    {
        NameColumn,
        KindColumn,
        TeamColumn,
        ProductsColumn,
        RolesColumn,
        ScoreColumn,
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
        PartyIndexRole = Qt::UserRole + 1,
        SortRole,
    };

    explicit OwnersModel(QObject *parent = nullptr);

    void setSnapshot(std::shared_ptr<const HealthSnapshot> snapshot);
    // nullopt: any role.
    void setRoleFilter(std::optional<OwnerRole> role);
    // Only this party ("My products"); nullopt: everyone.
    void setPartyFilter(std::optional<std::int32_t> party);
    void setTextFilter(const QString &text);

    [[nodiscard]] std::optional<std::int32_t> partyAt(int row) const;
    [[nodiscard]] int rowOfParty(std::int32_t party) const;
    [[nodiscard]] std::optional<OwnerRole> roleFilter() const { return m_role; }
    [[nodiscard]] const HealthSnapshot *snapshot() const { return m_snapshot.get(); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void rebuild();
    [[nodiscard]] const HealthRollup &rollupOf(const PartyRow &p) const;
    [[nodiscard]] QVariant sortKey(const PartyRow &p, int column) const;

    std::shared_ptr<const HealthSnapshot> m_snapshot;
    std::optional<OwnerRole> m_role;
    std::optional<std::int32_t> m_party;
    QString m_text;
    int m_sortColumn = NameColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace meshlens::models
