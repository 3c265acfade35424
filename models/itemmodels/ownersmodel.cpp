#include "ownersmodel.h"

#include "../health/healthformat.h"

#include <QLocale>

#include <algorithm>

namespace meshlens::models {

OwnersModel::OwnersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void OwnersModel::setSnapshot(std::shared_ptr<const HealthSnapshot> snapshot)
{
    m_snapshot = std::move(snapshot);
    rebuild();
}

void OwnersModel::setRoleFilter(std::optional<OwnerRole> role)
{
    m_role = role;
    rebuild();
}

void OwnersModel::setPartyFilter(std::optional<std::int32_t> party)
{
    m_party = party;
    rebuild();
}

void OwnersModel::setTextFilter(const QString &text)
{
    m_text = text.trimmed();
    rebuild();
}

const HealthRollup &OwnersModel::rollupOf(const PartyRow &p) const
{
    return p.rollups[m_role ? static_cast<std::size_t>(*m_role) : static_cast<std::size_t>(kOwnerRoles)];
}

void OwnersModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    if (m_snapshot) {
        for (std::size_t i = 0; i < m_snapshot->parties.size(); ++i) {
            const PartyRow &p = m_snapshot->parties[i];
            if (rollupOf(p).products == 0 || (m_party && *m_party != static_cast<std::int32_t>(i))) {
                continue;
            }
            if (!m_text.isEmpty() && !p.name.contains(m_text, Qt::CaseInsensitive) &&
                !p.teamName.contains(m_text, Qt::CaseInsensitive) && !p.email.contains(m_text, Qt::CaseInsensitive)) {
                continue;
            }
            m_rows.push_back(static_cast<std::int32_t>(i));
        }
    }
    endResetModel();
    sort(m_sortColumn, m_sortOrder);
}

std::optional<std::int32_t> OwnersModel::partyAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? std::optional<std::int32_t>(m_rows[row]) : std::nullopt;
}

int OwnersModel::rowOfParty(std::int32_t party) const
{
    const auto it = std::find(m_rows.begin(), m_rows.end(), party);
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

int OwnersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int OwnersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OwnersModel::sortKey(const PartyRow &p, int column) const
{
    const HealthRollup &r = rollupOf(p);
    switch (column) {
    case NameColumn:
        return p.name.toCaseFolded();
    case KindColumn:
        return p.team ? 1 : 0;
    case TeamColumn:
        return p.teamName.toCaseFolded();
    case ProductsColumn:
    case RolesColumn:
        return qint64(r.products);
    case ScoreColumn:
        return r.meanScore().value_or(-1);
    case HealthyColumn:
        return qint64(r.bands[0]);
    case AtRiskColumn:
        return qint64(r.bands[1]);
    case UnhealthyColumn:
        return qint64(r.bands[2]);
    case WorstColumn:
        return r.worstScore;
    case BreachedColumn:
        return qint64(r.breachedNow);
    case IncidentsColumn:
        return qint64(r.openIncidents);
    default:
        return {};
    }
}

QVariant OwnersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto partyIndex = m_rows[static_cast<std::size_t>(index.row())];
    const PartyRow &p = m_snapshot->parties[static_cast<std::size_t>(partyIndex)];
    const HealthRollup &r = rollupOf(p);
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return p.name;
        case KindColumn:
            return p.team ? tr("team") : tr("person");
        case TeamColumn:
            return p.teamName;
        case ProductsColumn:
            return locale.toString(r.products);
        case RolesColumn: {
            QStringList parts;
            for (int k = 0; k < kOwnerRoles; ++k) {
                if (const auto count = p.rollups[static_cast<std::size_t>(k)].products; count > 0) {
                    parts << tr("%1 %2").arg(locale.toString(count), ownerRoleName(static_cast<OwnerRole>(k)));
                }
            }
            return parts.join(QStringLiteral(" · "));
        }
        case ScoreColumn:
            return r.meanScore() ? QVariant(locale.toString(*r.meanScore(), 'f', 0)) : QVariant();
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
    case Qt::TextAlignmentRole:
        return index.column() >= ProductsColumn && index.column() != RolesColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            return p.email.isEmpty() ? p.extId : tr("%1 <%2>").arg(p.extId, p.email);
        }
        if (index.column() == ScoreColumn) {
            return tr("Mean health score of the %n product(s) shown in this row", nullptr,
                      static_cast<int>(r.products));
        }
        return {};
    case PartyIndexRole:
        return partyIndex;
    case SortRole:
        return sortKey(p, index.column());
    default:
        return {};
    }
}

QVariant OwnersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Person or team");
    case KindColumn:
        return tr("Kind");
    case TeamColumn:
        return tr("Team");
    case ProductsColumn:
        return tr("Products");
    case RolesColumn:
        return tr("Roles");
    case ScoreColumn:
        return tr("Health");
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

void OwnersModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount) {
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_snapshot) {
        return;
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<std::int32_t> old = m_rows;
    const auto key = [&](std::int32_t i) { return sortKey(m_snapshot->parties[static_cast<std::size_t>(i)], column); };
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](std::int32_t a, std::int32_t b) {
        const QVariant ka = key(a), kb = key(b);
        const auto c = QVariant::compare(ka, kb);
        if (c == QPartialOrdering::Equivalent) {
            return a < b;
        }
        return order == Qt::AscendingOrder ? c == QPartialOrdering::Less : c == QPartialOrdering::Greater;
    });
    QModelIndexList after;
    for (const QModelIndex &idx : before) {
        const int row = rowOfParty(old[static_cast<std::size_t>(idx.row())]);
        after << index(row, idx.column());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace meshlens::models
