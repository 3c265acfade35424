#include "rollupcolumns.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <unordered_map>

namespace meshlens::models {

namespace {

// The translation context of the column headers (lupdate reads Q_DECLARE_TR_FUNCTIONS).
struct RollupColumns
{
    Q_DECLARE_TR_FUNCTIONS(RollupColumns)
};

} // namespace

QString rollupHeader(RollupField field)
{
    switch (field) {
    case RollupField::Products:
        return RollupColumns::tr("Products");
    case RollupField::Score:
        return RollupColumns::tr("Health");
    case RollupField::Healthy:
        return RollupColumns::tr("Healthy");
    case RollupField::AtRisk:
        return RollupColumns::tr("At risk");
    case RollupField::Unhealthy:
        return RollupColumns::tr("Unhealthy");
    case RollupField::Worst:
        return RollupColumns::tr("Worst");
    case RollupField::Breached:
        return RollupColumns::tr("SLAs breached");
    case RollupField::Incidents:
        return RollupColumns::tr("Open incidents");
    }
    return {};
}

QVariant rollupHeader(std::optional<RollupField> field)
{
    return field ? QVariant(rollupHeader(*field)) : QVariant();
}

QVariant rollupText(const HealthRollup &r, RollupField field)
{
    const QLocale locale;
    switch (field) {
    case RollupField::Products:
        return locale.toString(r.products);
    case RollupField::Score:
        return r.meanScore() ? QVariant(locale.toString(*r.meanScore(), 'f', 0)) : QVariant();
    case RollupField::Healthy:
        return locale.toString(r.bands[0]);
    case RollupField::AtRisk:
        return locale.toString(r.bands[1]);
    case RollupField::Unhealthy:
        return locale.toString(r.bands[2]);
    case RollupField::Worst:
        return r.scored ? QVariant(r.worstScore) : QVariant();
    case RollupField::Breached:
        return locale.toString(r.breachedNow);
    case RollupField::Incidents:
        return locale.toString(r.openIncidents);
    }
    return {};
}

double rollupKey(const HealthRollup &r, RollupField field)
{
    switch (field) {
    case RollupField::Products:
        return static_cast<double>(r.products);
    case RollupField::Score:
        return r.meanScore().value_or(-1);
    case RollupField::Healthy:
        return static_cast<double>(r.bands[0]);
    case RollupField::AtRisk:
        return static_cast<double>(r.bands[1]);
    case RollupField::Unhealthy:
        return static_cast<double>(r.bands[2]);
    case RollupField::Worst:
        return r.worstScore;
    case RollupField::Breached:
        return static_cast<double>(r.breachedNow);
    case RollupField::Incidents:
        return static_cast<double>(r.openIncidents);
    }
    return 0;
}

int IndexRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

std::optional<std::int32_t> IndexRowsModel::indexAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? std::optional<std::int32_t>(m_rows[row]) : std::nullopt;
}

void IndexRowsModel::reorder(const std::function<bool(std::int32_t, std::int32_t)> &less)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<std::int32_t> items;
    for (const QModelIndex &idx : before) {
        items.push_back(m_rows[static_cast<std::size_t>(idx.row())]);
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), less);
    std::unordered_map<std::int32_t, int> rowOf;
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        rowOf.emplace(m_rows[r], static_cast<int>(r));
    }
    QModelIndexList after;
    for (qsizetype i = 0; i < before.size(); ++i) {
        after << index(rowOf.at(items[static_cast<std::size_t>(i)]), before[i].column());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace meshlens::models
