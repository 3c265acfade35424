#include "producthealthmodel.h"

#include "columntitles.h"

#include "../health/healthformat.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace meshlens::models {

namespace {
constexpr int kPage = 500;

std::optional<double> present(float v)
{
    return std::isnan(v) ? std::nullopt : std::optional<double>(v);
}
} // namespace

ProductHealthModel::ProductHealthModel(Database &db, QObject *parent)
    : PagedRowsModel(kPage, parent)
    , m_names(db)
{}

void ProductHealthModel::setRows(std::shared_ptr<const HealthSnapshot> snapshot, std::vector<Row> rows)
{
    resetRows([&]() {
        m_snapshot = std::move(snapshot);
        m_rows = std::move(rows);
        m_names.clear();
    });
    if (m_sortColumn >= 0) {
        sort(m_sortColumn, m_sortOrder);
    }
}

void ProductHealthModel::showParty(std::shared_ptr<const HealthSnapshot> snapshot, std::int32_t party,
                                   std::optional<OwnerRole> role)
{
    std::vector<Row> rows;
    if (snapshot && party >= 0 && static_cast<std::size_t>(party) + 1 < snapshot->partyOwnershipStart.size()) {
        const std::size_t from = snapshot->partyOwnershipStart[static_cast<std::size_t>(party)];
        const std::size_t to = snapshot->partyOwnershipStart[static_cast<std::size_t>(party) + 1];
        for (std::size_t k = from; k < to; ++k) {
            const Ownership &o = snapshot->ownerships[k];
            if (!role || o.role == *role) {
                rows.push_back({o.product, static_cast<std::int8_t>(o.role)});
            }
        }
    }
    setRows(std::move(snapshot), std::move(rows));
}

void ProductHealthModel::clear()
{
    setRows(nullptr, {});
}

std::optional<std::int64_t> ProductHealthModel::productIdAt(int row) const
{
    if (row < 0 || row >= rowCount()) {
        return std::nullopt;
    }
    return m_snapshot->products[static_cast<std::size_t>(m_rows[static_cast<std::size_t>(row)].product)].id;
}

int ProductHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double ProductHealthModel::sortKey(const Row &r, int column) const
{
    const ProductHealthRow &p = m_snapshot->products[static_cast<std::size_t>(r.product)];
    switch (column) {
    case NameColumn:
        return p.nameRank;
    case RoleColumn:
        return r.role;
    case DomainColumn:
        return p.domain;
    case ScoreColumn:
    case BandColumn:
        return p.score;
    case SlaColumn:
        return std::isnan(p.sla) ? -1.0 : p.sla;
    case QualityColumn:
        return std::isnan(p.quality) ? -1.0 : p.quality;
    case MetadataColumn:
        return p.metadata;
    case BreachedColumn:
        return p.breachedNow;
    case IncidentsColumn:
        return p.openIncidents();
    default:
        return 0;
    }
}

QVariant ProductHealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    const ProductHealthRow &p = m_snapshot->products[static_cast<std::size_t>(r.product)];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: {
            // Names of the page around this row in one query.
            std::vector<std::int64_t> batch;
            const int from = std::max(0, index.row() - 64);
            const int to = std::min(rowCount(), index.row() + 192);
            for (int i = from; i < to; ++i) {
                batch.push_back(
                    m_snapshot->products[static_cast<std::size_t>(m_rows[static_cast<std::size_t>(i)].product)].id);
            }
            return m_names.get(p.id, batch).title;
        }
        case RoleColumn:
            return r.role >= 0 ? ownerRoleName(static_cast<OwnerRole>(r.role)) : QString();
        case DomainColumn:
            return p.domain >= 0 ? m_snapshot->domains[static_cast<std::size_t>(p.domain)].name : QString();
        case ScoreColumn:
            return int(p.score);
        case BandColumn:
            return healthBandName(p.band);
        case SlaColumn:
            return formatShare(present(p.sla));
        case QualityColumn:
            return formatShare(present(p.quality));
        case MetadataColumn:
            return formatShare(double(p.metadata));
        case BreachedColumn:
            return int(p.breachedNow);
        case IncidentsColumn:
            return p.openIncidents();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            return m_names.get(p.id).extId;
        }
        if (index.column() == ScoreColumn) {
            const auto terms = scoreTerms(p.components(), m_snapshot->policy);
            QStringList lines;
            for (const ScoreTerm &t : terms) {
                lines << tr("%1: %2 → %3 points")
                             .arg(t.name, t.value ? formatShare(*t.value) : tr("n/a"),
                                  QLocale().toString(t.points, 'f', 1));
            }
            return lines.join(QLatin1Char('\n'));
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= ScoreColumn && index.column() != BandColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case ProductIdRole:
        return QVariant::fromValue<qint64>(p.id);
    case SortRole:
        return sortKey(r, index.column());
    case BandRole:
        return static_cast<int>(p.band);
    default:
        return {};
    }
}

QVariant ProductHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static constexpr const char *kTitles[ColumnCount] = {QT_TR_NOOP("Product"),
                                                         QT_TR_NOOP("Role"),
                                                         QT_TR_NOOP("Domain"),
                                                         QT_TR_NOOP("Health"),
                                                         QT_TR_NOOP("State"),
                                                         QT_TR_NOOP("SLA compliance"),
                                                         QT_TR_NOOP("Quality pass rate"),
                                                         QT_TR_NOOP("Metadata"),
                                                         QT_TR_NOOP("SLAs breached"),
                                                         QT_TR_NOOP("Open incidents")};
    return columnHeader<ProductHealthModel>(kTitles, section, orientation, role);
}

void ProductHealthModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount) {
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_snapshot) {
        return; // applied when rows arrive
    }
    // A sort shows the top of the new order: start over from the first page rather than remap persistent indexes
    // into rows that may not be fetched.
    resetRows([&]() {
        std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row &a, const Row &b) {
            const double ka = sortKey(a, column), kb = sortKey(b, column);
            if (ka == kb) {
                return a.product < b.product;
            }
            return order == Qt::AscendingOrder ? ka < kb : ka > kb;
        });
    });
}

} // namespace meshlens::models
