#include "searchresultsmodel.h"

namespace meshlens::models {

SearchResultsModel::SearchResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SearchResultsModel::setResults(QList<ProductSummary> results, std::int64_t total)
{
    beginResetModel();
    m_rows = std::move(results);
    m_total = total;
    endResetModel();
}

const ProductSummary *SearchResultsModel::at(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SearchResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ProductSummary &p = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return p.pendingEdit ? tr("%1  ✎ edit pending").arg(p.title()) : p.title();
        case DomainColumn:
            return p.domain;
        case OwnersColumn:
            return p.owners;
        case StatusColumn:
            return p.status;
        case TierColumn:
            return p.tier ? QVariant(tr("Tier %1").arg(*p.tier)) : QVariant();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            return p.name == p.title() ? p.extId : tr("%1 (%2)").arg(p.name, p.extId);
        }
        return {};
    case ProductIdRole:
        return QVariant::fromValue<qint64>(p.id);
    case ExtIdRole:
        return p.extId;
    default:
        return {};
    }
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Product");
    case DomainColumn:
        return tr("Domain");
    case OwnersColumn:
        return tr("Owners");
    case StatusColumn:
        return tr("Status");
    case TierColumn:
        return tr("Tier");
    default:
        return {};
    }
}

} // namespace meshlens::models
