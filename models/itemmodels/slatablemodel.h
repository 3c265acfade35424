#pragma once

#include "../health/healthsnapshot.h"
#include "../health/productnames.h"
#include "pagedrowsmodel.h"

#include <atomic>
#include <memory>

namespace meshlens::models {

// What the SLA view shows: every objective, or those of a domain, of a party's products, of products matching a
// search, or only those in a given state.
struct SlaQuery
{
    std::int32_t domain = -1; // index into the snapshot's domains; -1: all
    std::int32_t party = -1;  // index into the snapshot's parties; -1: all
    QString search;           // full-text search over products; empty: all
    std::optional<SlaState> state;
};

// Every SLA objective across the catalog with target vs actual, compliance, state, time since the last breach and
// error budget. Millions of rows at a million products, so: filtering and sorting run on a worker (QtConcurrent,
// the newest request wins, older ones are cancelled), the model holds the resulting order as integers, rows are
// fetched a page at a time and names read only for fetched rows. GUI thread.
class SlaTableModel final : public PagedRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlaTableModel)

public:
    enum Column
    {
        ProductColumn,
        DomainColumn,
        ObjectiveColumn,
        TargetColumn,
        ActualColumn,
        ComplianceColumn,
        StateColumn,
        SinceBreachColumn,
        BudgetColumn,
        BurnColumn,
        ColumnCount
    };
    enum Role
    {
        ProductIdRole = Qt::UserRole + 1,
        ObjectiveIdRole,
        StateRole, // SlaState as int
    };

    // `db` serves names on this thread; `dbPath` lets the worker open its own connection for searches.
    SlaTableModel(Database &db, QString dbPath, QObject *parent = nullptr);
    ~SlaTableModel() override;

    void setSnapshot(std::shared_ptr<const HealthSnapshot> snapshot);
    void setQuery(const SlaQuery &query);
    [[nodiscard]] const SlaQuery &query() const { return m_query; }
    [[nodiscard]] bool isBusy() const { return m_running != nullptr; }
    // Rows matching the query (rowCount() is how many are fetched so far).
    [[nodiscard]] std::size_t totalRows() const override { return m_rows ? m_rows->size() : 0; }
    [[nodiscard]] std::optional<std::int64_t> productIdAt(int row) const;

    // The filter and order, as the worker computes them: indexes into snapshot.objectives. `productMask` (one byte
    // per product, optional) restricts to matching products. Empty when cancelled.
    [[nodiscard]] static std::vector<std::uint32_t> queryRows(const HealthSnapshot &snapshot, const SlaQuery &query,
                                                              const std::vector<char> *productMask, int column,
                                                              Qt::SortOrder order,
                                                              const std::atomic<bool> *cancel = nullptr);
    // One byte per product of the snapshot: 1 where the product matches the search text.
    [[nodiscard]] static std::vector<char> searchMask(Database &db, const HealthSnapshot &snapshot,
                                                      const QString &text);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void busyChanged(bool busy);
    // A query finished and its rows are in place.
    void queryFinished(qint64 totalRows);

private:
    struct Run;
    void requery();

    mutable ProductNames m_names;
    QString m_dbPath;
    std::shared_ptr<const HealthSnapshot> m_snapshot;
    std::shared_ptr<const std::vector<std::uint32_t>> m_rows;
    std::shared_ptr<const HealthSnapshot> m_rowsSnapshot; // the snapshot m_rows index into
    SlaQuery m_query;
    int m_sortColumn = ComplianceColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::shared_ptr<Run> m_running;
};

} // namespace meshlens::models
