#include "domainhealthmodel.h"

#include "../health/healthformat.h"

#include <QLocale>

#include <algorithm>

namespace meshlens::models {

DomainHealthModel::DomainHealthModel(QObject *parent)
    : QAbstractTableModel(parent)
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
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? std::optional<std::int32_t>(m_rows[row]) : std::nullopt;
}

int DomainHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DomainHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double DomainHealthModel::sortKey(const DomainRow &d, int column) const
{
    const HealthRollup &r = d.rollup;
    switch (column) {
    case ProductsColumn:
        return static_cast<double>(r.products);
    case ScoreColumn:
        return r.meanScore().value_or(-1);
    case DistributionColumn:
    case UnhealthyColumn:
        return static_cast<double>(r.bands[2]);
    case HealthyColumn:
        return static_cast<double>(r.bands[0]);
    case AtRiskColumn:
        return static_cast<double>(r.bands[1]);
    case WorstColumn:
        return r.worstScore;
    case BreachedColumn:
        return static_cast<double>(r.breachedNow);
    case IncidentsColumn:
        return static_cast<double>(r.openIncidents);
    default:
        return 0;
    }
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
        case ProductsColumn:
            return locale.toString(r.products);
        case ScoreColumn:
            return r.meanScore() ? QVariant(locale.toString(*r.meanScore(), 'f', 0)) : QVariant();
        case DistributionColumn:
            return tr("%1 / %2 / %3").arg(formatShare(share(0)), formatShare(share(1)), formatShare(share(2)));
        case HealthyColumn:
            return locale.toString(r.bands[0]);
        case AtRiskColumn:
            return locale.toString(r.bands[1]);
        case UnhealthyColumn:
            return locale.toString(r.bands[2]);
        case WorstColumn:
            return r.scored ? QVariant(r.worstScore) : QVariant();
        case BreachedColumn:
            return locale.toString(r.breachedNow);
        case IncidentsColumn:
            return locale.toString(r.openIncidents);
        default:
            return {};
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
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Domain");
    case ProductsColumn:
        return tr("Products");
    case ScoreColumn:
        return tr("Health");
    case DistributionColumn:
        return tr("Distribution");
    case HealthyColumn:
        return tr("Healthy");
    case AtRiskColumn:
        return tr("At risk");
    case UnhealthyColumn:
        return tr("Unhealthy");
    case WorstColumn:
        return tr("Worst");
    case BreachedColumn:
        return tr("SLAs breached");
    case IncidentsColumn:
        return tr("Open incidents");
    default:
        return {};
    }
}

void DomainHealthModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount || !m_snapshot) {
        return;
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    const std::vector<std::int32_t> old = m_rows;
    const auto &domains = m_snapshot->domains;
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](std::int32_t a, std::int32_t b) {
        const DomainRow &da = domains[static_cast<std::size_t>(a)];
        const DomainRow &db = domains[static_cast<std::size_t>(b)];
        if (column == NameColumn) {
            const int c = da.name.compare(db.name, Qt::CaseInsensitive);
            return order == Qt::AscendingOrder ? c < 0 : c > 0;
        }
        const double ka = sortKey(da, column), kb = sortKey(db, column);
        return ka != kb && (order == Qt::AscendingOrder ? ka < kb : ka > kb);
    });
    QModelIndexList after;
    for (const QModelIndex &idx : before) {
        const auto it = std::find(m_rows.begin(), m_rows.end(), old[static_cast<std::size_t>(idx.row())]);
        after << index(static_cast<int>(it - m_rows.begin()), idx.column());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace meshlens::models
