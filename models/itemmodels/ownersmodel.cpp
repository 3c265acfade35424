#include "ownersmodel.h"

#include "columntitles.h"

#include "../health/healthformat.h"

#include <QLocale>

#include <algorithm>

namespace meshlens::models {

namespace {
// The roll-up columns run from ScoreColumn to the end in RollupField order.
std::optional<RollupField> rollupField(int column)
{
    if (column == OwnersModel::ProductsColumn || column == OwnersModel::RolesColumn) {
        return RollupField::Products;
    }
    if (column >= OwnersModel::ScoreColumn && column < OwnersModel::ColumnCount) {
        return static_cast<RollupField>(static_cast<int>(RollupField::Score) + column - OwnersModel::ScoreColumn);
    }
    return std::nullopt;
}
} // namespace

OwnersModel::OwnersModel(QObject *parent)
    : IndexRowsModel(parent)
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
    return indexAt(row);
}

int OwnersModel::rowOfParty(std::int32_t party) const
{
    const auto it = std::find(m_rows.begin(), m_rows.end(), party);
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

int OwnersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OwnersModel::sortKey(const PartyRow &p, int column) const
{
    if (const auto field = rollupField(column)) {
        return rollupKey(rollupOf(p), *field);
    }
    switch (column) {
    case NameColumn:
        return p.name.toCaseFolded();
    case KindColumn:
        return p.team ? 1 : 0;
    case TeamColumn:
        return p.teamName.toCaseFolded();
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
        case RolesColumn: {
            QStringList parts;
            for (int k = 0; k < kOwnerRoles; ++k) {
                if (const auto count = p.rollups[static_cast<std::size_t>(k)].products; count > 0) {
                    parts << tr("%1 %2").arg(locale.toString(count), ownerRoleName(static_cast<OwnerRole>(k)));
                }
            }
            return parts.join(QStringLiteral(" · "));
        }
        default: {
            const auto field = rollupField(index.column());
            return field ? rollupText(r, *field) : QVariant();
        }
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
    static constexpr const char *kTitles[ColumnCount] = {QT_TR_NOOP("Person or team"), QT_TR_NOOP("Kind"),
                                                         QT_TR_NOOP("Team"), nullptr, QT_TR_NOOP("Roles")};
    return columnHeader<OwnersModel>(kTitles, section, orientation, role,
                                     [](int column) { return rollupHeader(rollupField(column)); });
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
    // Keys once per row, not per comparison: case folding names in the comparator cost seconds at 60k parties.
    std::vector<QVariant> keys(m_snapshot->parties.size());
    for (std::int32_t i : m_rows) {
        keys[static_cast<std::size_t>(i)] = sortKey(m_snapshot->parties[static_cast<std::size_t>(i)], column);
    }
    reorder([&](std::int32_t a, std::int32_t b) {
        const auto c = QVariant::compare(keys[static_cast<std::size_t>(a)], keys[static_cast<std::size_t>(b)]);
        if (c == QPartialOrdering::Equivalent) {
            return a < b;
        }
        return order == Qt::AscendingOrder ? c == QPartialOrdering::Less : c == QPartialOrdering::Greater;
    });
}

} // namespace meshlens::models
