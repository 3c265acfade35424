#include "slatablemodel.h"

#include "columntitles.h"

#include "../health/healthformat.h"
#include "../store/catalogreader.h"

#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace meshlens::models {

namespace {

constexpr int kPage = 1000;

std::optional<double> present(float v)
{
    return std::isnan(v) ? std::nullopt : std::optional<double>(v);
}

// Seconds since the last breach ended: 0 while one is ongoing, +inf when none is known.
double sinceBreach(const HealthSnapshot &s, const ObjectiveHealthRow &o)
{
    if (o.breachSince != ObjectiveHealthRow::kNever) {
        return 0;
    }
    if (o.lastBreachEnd == ObjectiveHealthRow::kNever) {
        return std::numeric_limits<double>::infinity();
    }
    return static_cast<double>(s.now - o.lastBreachEnd);
}

// NaN (absent) sorts after everything in either order.
double sortKey(const HealthSnapshot &s, const ObjectiveHealthRow &o, int column)
{
    switch (column) {
    case SlaTableModel::ProductColumn:
        return s.products[static_cast<std::size_t>(o.product)].nameRank;
    case SlaTableModel::DomainColumn:
        return s.products[static_cast<std::size_t>(o.product)].domain;
    case SlaTableModel::ObjectiveColumn:
        return o.kind;
    case SlaTableModel::TargetColumn:
        return o.target;
    case SlaTableModel::ActualColumn:
        return o.latest;
    case SlaTableModel::ComplianceColumn:
        return o.compliance;
    case SlaTableModel::StateColumn:
        return static_cast<double>(o.state);
    case SlaTableModel::SinceBreachColumn:
        return sinceBreach(s, o);
    case SlaTableModel::BudgetColumn:
        return o.budgetRemaining;
    case SlaTableModel::BurnColumn:
        return o.burnRate;
    default:
        return 0;
    }
}

} // namespace

struct SlaTableModel::Run
{
    std::atomic<bool> cancel{false};
    QFutureWatcher<std::vector<std::uint32_t>> *watcher = nullptr;
    std::shared_ptr<const HealthSnapshot> snapshot;
};

SlaTableModel::SlaTableModel(Database &db, QString dbPath, QObject *parent)
    : PagedRowsModel(kPage, parent)
    , m_names(db)
    , m_dbPath(std::move(dbPath))
{}

SlaTableModel::~SlaTableModel()
{
    if (m_running) {
        m_running->cancel = true;
    }
}

void SlaTableModel::setSnapshot(std::shared_ptr<const HealthSnapshot> snapshot)
{
    m_snapshot = std::move(snapshot);
    requery();
}

void SlaTableModel::setQuery(const SlaQuery &query)
{
    m_query = query;
    requery();
}

void SlaTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount) {
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    requery();
}

std::vector<char> SlaTableModel::searchMask(Database &db, const HealthSnapshot &snapshot, const QString &text)
{
    std::vector<char> mask(snapshot.products.size(), 0);
    const QString fts = CatalogReader::ftsQuery(text);
    if (fts.isEmpty()) {
        return mask;
    }
    Statement st = db.prepare("SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?1");
    st.bind(1, fts);
    while (st.next()) {
        if (const auto i = snapshot.productIndex(st.int64(0))) {
            mask[static_cast<std::size_t>(*i)] = 1;
        }
    }
    return mask;
}

std::vector<std::uint32_t> SlaTableModel::queryRows(const HealthSnapshot &s, const SlaQuery &query,
                                                    const std::vector<char> *productMask, int column,
                                                    Qt::SortOrder order, const std::atomic<bool> *cancel)
{
    std::vector<char> partyMask;
    if (query.party >= 0 && static_cast<std::size_t>(query.party) + 1 < s.partyOwnershipStart.size()) {
        partyMask.assign(s.products.size(), 0);
        for (std::size_t k = s.partyOwnershipStart[static_cast<std::size_t>(query.party)];
             k < s.partyOwnershipStart[static_cast<std::size_t>(query.party) + 1]; ++k) {
            partyMask[static_cast<std::size_t>(s.ownerships[k].product)] = 1;
        }
    }
    std::vector<std::pair<double, std::uint32_t>> keyed;
    for (std::size_t i = 0; i < s.objectives.size(); ++i) {
        if ((i & 0xffff) == 0 && cancel && cancel->load(std::memory_order_relaxed)) {
            return {};
        }
        const ObjectiveHealthRow &o = s.objectives[i];
        const auto p = static_cast<std::size_t>(o.product);
        if ((query.domain >= 0 && s.products[p].domain != query.domain) || (!partyMask.empty() && !partyMask[p]) ||
            (productMask && !(*productMask)[p]) || (query.state && o.state != *query.state)) {
            continue;
        }
        keyed.emplace_back(sortKey(s, o, column), static_cast<std::uint32_t>(i));
    }
    const bool ascending = order == Qt::AscendingOrder;
    std::sort(keyed.begin(), keyed.end(), [ascending](const auto &a, const auto &b) {
        const bool an = std::isnan(a.first), bn = std::isnan(b.first);
        if (an != bn) {
            return bn; // absent values last
        }
        if (!an && a.first != b.first) {
            return ascending ? a.first < b.first : a.first > b.first;
        }
        return a.second < b.second;
    });
    std::vector<std::uint32_t> rows;
    rows.reserve(keyed.size());
    for (const auto &k : keyed) {
        rows.push_back(k.second);
    }
    return rows;
}

void SlaTableModel::requery()
{
    const bool wasBusy = m_running != nullptr;
    if (m_running) {
        m_running->cancel = true;
        m_running->watcher->disconnect(this);
        m_running->watcher->deleteLater();
        m_running.reset();
    }
    if (!m_snapshot) {
        resetRows([this]() {
            m_rows.reset();
            m_rowsSnapshot.reset();
        });
        if (wasBusy) {
            Q_EMIT busyChanged(false);
        }
        return;
    }
    auto run = std::make_shared<Run>();
    run->snapshot = m_snapshot;
    run->watcher = new QFutureWatcher<std::vector<std::uint32_t>>(this);
    connect(run->watcher, &QFutureWatcherBase::finished, this, [this, run]() {
        if (m_running != run) {
            return;
        }
        auto rows = std::make_shared<const std::vector<std::uint32_t>>(run->watcher->result());
        run->watcher->deleteLater();
        m_running.reset();
        resetRows([&]() {
            m_rows = std::move(rows);
            m_rowsSnapshot = run->snapshot;
            m_names.clear();
        });
        Q_EMIT busyChanged(false);
        Q_EMIT queryFinished(static_cast<qint64>(m_rows->size()));
    });
    m_running = run;
    const SlaQuery query = m_query;
    const QString path = m_dbPath;
    const int column = m_sortColumn;
    const Qt::SortOrder order = m_sortOrder;
    run->watcher->setFuture(QtConcurrent::run([run, query, path, column, order]() {
        const HealthSnapshot &s = *run->snapshot;
        std::vector<char> mask;
        if (!query.search.trimmed().isEmpty()) {
            Database db;
            if (!db.open(path, Database::Mode::ReadOnly)) {
                mask = searchMask(db, s, query.search);
            } else {
                mask.assign(s.products.size(), 0); // the cache cannot be read: nothing matches
            }
        }
        return queryRows(s, query, mask.empty() && query.search.trimmed().isEmpty() ? nullptr : &mask, column, order,
                         &run->cancel);
    }));
    if (!wasBusy) {
        Q_EMIT busyChanged(true);
    }
}

std::optional<std::int64_t> SlaTableModel::productIdAt(int row) const
{
    if (row < 0 || row >= rowCount()) {
        return std::nullopt;
    }
    const ObjectiveHealthRow &o = m_rowsSnapshot->objectives[(*m_rows)[static_cast<std::size_t>(row)]];
    return m_rowsSnapshot->products[static_cast<std::size_t>(o.product)].id;
}

int SlaTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SlaTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const HealthSnapshot &s = *m_rowsSnapshot;
    const ObjectiveHealthRow &o = s.objectives[(*m_rows)[static_cast<std::size_t>(index.row())]];
    const ProductHealthRow &p = s.products[static_cast<std::size_t>(o.product)];
    const QString &unit = s.units[o.unit];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ProductColumn: {
            std::vector<std::int64_t> batch;
            const int to = std::min(rowCount(), index.row() + 200);
            for (int i = std::max(0, index.row() - 56); i < to; ++i) {
                batch.push_back(
                    s.products[static_cast<std::size_t>(s.objectives[(*m_rows)[static_cast<std::size_t>(i)]].product)]
                        .id);
            }
            return m_names.get(p.id, batch).title;
        }
        case DomainColumn:
            return p.domain >= 0 ? s.domains[static_cast<std::size_t>(p.domain)].name : QString();
        case ObjectiveColumn:
            return s.kinds[o.kind];
        case TargetColumn:
            return formatTarget(o.atLeast, o.target, unit);
        case ActualColumn:
            return std::isnan(o.latest) ? tr("no data") : formatValue(o.latest, unit);
        case ComplianceColumn:
            return formatShare(present(o.compliance));
        case StateColumn:
            return slaStateName(o.state);
        case SinceBreachColumn:
            if (o.breachSince != ObjectiveHealthRow::kNever) {
                return s.now - o.breachSince < 3600 ? tr("breached now")
                                                    : tr("breached for %1").arg(formatDuration(s.now - o.breachSince));
            }
            if (o.lastBreachEnd == ObjectiveHealthRow::kNever) {
                return tr("no breach");
            }
            return tr("%1 ago").arg(formatDuration(s.now - o.lastBreachEnd));
        case BudgetColumn:
            if (std::isnan(o.budgetRemaining)) {
                return {};
            }
            return o.budgetRemaining < 0 ? tr("overspent %1").arg(formatShare(-o.budgetRemaining))
                                         : formatShare(present(o.budgetRemaining));
        case BurnColumn:
            return std::isnan(o.burnRate) ? QVariant()
                                          : QVariant(QLocale().toString(o.burnRate, 'f', 2) + QLatin1Char('x'));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == ProductColumn) {
            return m_names.get(p.id).extId;
        }
        if (index.column() == BurnColumn) {
            return tr("1x spends the error budget exactly over the %n-day window", nullptr, s.policy.windowDays);
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= TargetColumn && index.column() != StateColumn && index.column() != SinceBreachColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case ProductIdRole:
        return QVariant::fromValue<qint64>(p.id);
    case ObjectiveIdRole:
        return QVariant::fromValue<qint64>(o.id);
    case StateRole:
        return static_cast<int>(o.state);
    default:
        return {};
    }
}

QVariant SlaTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static constexpr const char *kTitles[ColumnCount] = {
        QT_TR_NOOP("Product"),  QT_TR_NOOP("Domain"),      QT_TR_NOOP("Objective"),
        QT_TR_NOOP("Target"),   QT_TR_NOOP("Actual"),      QT_TR_NOOP("Compliance"),
        QT_TR_NOOP("State"),    QT_TR_NOOP("Last breach"), QT_TR_NOOP("Error budget left"),
        QT_TR_NOOP("Burn rate")};
    return columnHeader<SlaTableModel>(kTitles, section, orientation, role);
}

} // namespace meshlens::models
