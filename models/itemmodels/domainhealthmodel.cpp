#include "domainhealthmodel.h"

#include "columntitles.h"

#include "../health/healthformat.h"

#include <QLocale>

#include <algorithm>

namespace meshlens::models {

namespace {
std::optional<RollupField> rollupField(int column)
{
    switch (column) {
    case DomainHealthModel::ProductsColumn:
        return RollupField::Products;
    case DomainHealthModel::ScoreColumn:
        return RollupField::Score;
    case DomainHealthModel::DistributionColumn: // sorts by its unhealthy share's count
        return RollupField::Unhealthy;
    case DomainHealthModel::NameColumn:
    case DomainHealthModel::ColumnCount:
        return std::nullopt;
    default: // Healthy .. Incidents, in RollupField order
        return static_cast<RollupField>(static_cast<int>(RollupField::Healthy) + column -
                                        DomainHealthModel::HealthyColumn);
    }
}
} // namespace

DomainHealthModel::DomainHealthModel(QObject *parent)
    : IndexRowsModel(parent)
{}

void DomainHealthModel::setSnapshot(std::shared_ptr<const HealthSnapshot> snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    m_rows.clear();
    if (m_snapshot) {
        for (std::size_t i = 0; i < m_snapshot->domains.size(); ++i) {
            m_rows.push_back(static_cast<std::int32_t>(i));
        }
    }
    endResetModel();
}

std::optional<std::int32_t> DomainHealthModel::domainAt(int row) const
{
    return indexAt(row);
}

int DomainHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double DomainHealthModel::sortKey(const DomainRow &d, int column) const
{
    const auto field = rollupField(column);
    return field ? rollupKey(d.rollup, *field) : 0.0;
}

QVariant DomainHealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto domainIndex = m_rows[static_cast<std::size_t>(index.row())];
    const DomainRow &d = m_snapshot->domains[static_cast<std::size_t>(domainIndex)];
    const HealthRollup &r = d.rollup;
    const QLocale locale;
    const auto share = [&r](std::size_t band) {
        return r.products ? std::optional<double>(static_cast<double>(r.bands[band]) / static_cast<double>(r.products))
                          : std::nullopt;
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return d.name;
        case DistributionColumn:
            return tr("%1 / %2 / %3").arg(formatShare(share(0)), formatShare(share(1)), formatShare(share(2)));
        default: {
            const auto field = rollupField(index.column());
            return field ? rollupText(r, *field) : QVariant();
        }
        }
    case Qt::ToolTipRole:
        if (index.column() == DistributionColumn) {
            return tr("Healthy %1, at risk %2, unhealthy %3 of %4 products")
                .arg(locale.toString(r.bands[0]), locale.toString(r.bands[1]), locale.toString(r.bands[2]),
                     locale.toString(r.products));
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() != NameColumn && index.column() != DistributionColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case DomainIndexRole:
        return domainIndex;
    case SortRole:
        return index.column() == NameColumn ? QVariant(d.name.toCaseFolded()) : QVariant(sortKey(d, index.column()));
    case BandsRole:
        return QVariantList{qint64(r.bands[0]), qint64(r.bands[1]), qint64(r.bands[2])};
    default:
        return {};
    }
}

QVariant DomainHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static constexpr const char *kTitles[ColumnCount] = {QT_TR_NOOP("Domain"), nullptr, nullptr,
                                                         QT_TR_NOOP("Distribution")};
    return columnHeader<DomainHealthModel>(kTitles, section, orientation, role,
                                           [](int column) { return rollupHeader(rollupField(column)); });
}

void DomainHealthModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount || !m_snapshot) {
        return;
    }
    const auto &domains = m_snapshot->domains;
    reorder([&](std::int32_t a, std::int32_t b) {
        const DomainRow &da = domains[static_cast<std::size_t>(a)];
        const DomainRow &db = domains[static_cast<std::size_t>(b)];
        if (column == NameColumn) {
            const int c = da.name.compare(db.name, Qt::CaseInsensitive);
            return order == Qt::AscendingOrder ? c < 0 : c > 0;
        }
        const double ka = sortKey(da, column), kb = sortKey(db, column);
        return ka != kb && (order == Qt::AscendingOrder ? ka < kb : ka > kb);
    });
}

} // namespace meshlens::models
