#include "qualitytrends.h"

#include "../store/catalogreader.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <string>

namespace meshlens::models {

namespace {

// The products of a scope, as a filter on `entries e`. Constant SQL; the scope's values are bound (?1, ?2).
std::string entryFilter(const TrendScope &scope)
{
    switch (scope.kind) {
    case TrendScope::Kind::Product:
        return "e.id = ?1";
    case TrendScope::Kind::Domain:
        return "e.domain_id = ?1";
    case TrendScope::Kind::Owner:
        return "e.id IN (SELECT entry_id FROM ownerships WHERE role = 'owner' AND party_id = ?1 AND party_kind = ?2)";
    }
    return "0";
}

Statement prepareScoped(Database &db, const TrendScope &scope, const std::string &sql)
{
    Statement st = db.prepare(sql);
    st.bind(1, scope.id);
    if (scope.kind == TrendScope::Kind::Owner) {
        st.bind(2, scope.partyKind);
    }
    return st;
}

struct ScopeCheck
{
    std::int64_t productId = 0, checkId = 0;
    QString product, check, severity;
};

// The checks of the scope's products, grouped by product.
std::vector<ScopeCheck> scopeChecks(Database &db, const TrendScope &scope, std::optional<StoreError> &error)
{
    Statement st = prepareScoped(db, scope,
                                 "SELECT e.id, coalesce(nullif(e.display_name, ''), e.name), c.id, c.name, c.severity "
                                 "FROM entries e JOIN checks c ON c.entry_id = e.id WHERE " +
                                     entryFilter(scope) + " ORDER BY e.id, c.id");
    std::vector<ScopeCheck> out;
    while (st.next()) {
        out.push_back({st.int64(0), st.int64(2), st.text(1), st.text(3), st.text(4)});
    }
    error = st.error();
    return out;
}

// The first and last time the scope has check results (and, withSlas, SLA measurements); nullopt: none at all.
std::optional<TimeRange> dataExtent(Database &db, const TrendScope &scope, bool withSlas)
{
    const std::string filter = entryFilter(scope);
    std::optional<TimeRange> extent;
    const auto widen = [&](const std::string &sql) {
        Statement st = prepareScoped(db, scope, sql);
        if (st.next() && !st.isNull(0)) {
            const TimeRange r{st.int64(0), st.int64(1) + 1};
            extent = extent ? TimeRange{std::min(extent->from, r.from), std::max(extent->to, r.to)} : r;
        }
    };
    widen("SELECT min(t0), max(t0 + step * (n - 1)) FROM check_series WHERE check_id IN "
          "(SELECT c.id FROM entries e JOIN checks c ON c.entry_id = e.id WHERE " +
          filter + ")");
    if (withSlas) {
        widen("SELECT min(t0), max(t0 + step * (n - 1)) FROM sla_series WHERE objective_id IN "
              "(SELECT o.id FROM entries e JOIN sla_objectives o ON o.entry_id = e.id WHERE " +
              filter + ")");
    }
    return extent;
}

bool stopped(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

} // namespace

RunCounts PassRateTrend::total() const
{
    RunCounts sum;
    for (const TrendBucket &b : buckets) {
        sum.add(b.counts);
    }
    return sum;
}

DaySpan lastDays(int days, QDate today)
{
    return {today.addDays(1 - std::max(days, 1)), today};
}

ScopeChoices QualityTrends::choices(Database &db)
{
    ScopeChoices out;
    {
        Statement st = db.prepare("SELECT d.id, coalesce(nullif(d.display_name, ''), d.name), "
                                  "(SELECT count(*) FROM entries e WHERE e.domain_id = d.id) "
                                  "FROM domains d ORDER BY 2 COLLATE NOCASE, d.id");
        while (st.next()) {
            out.domains.push_back({{TrendScope::Kind::Domain, st.int64(0), {}}, st.text(1), st.int64(2)});
        }
        if (st.error()) {
            out.error = st.error()->message;
        }
    }
    {
        Statement st =
            db.prepare("SELECT kind, id, title, n FROM ("
                       " SELECT 'person' AS kind, p.id AS id, coalesce(nullif(p.display_name, ''), p.name) AS title, "
                       "  (SELECT count(*) FROM ownerships o WHERE o.party_id = p.id AND o.party_kind = 'person' "
                       "   AND o.role = 'owner') AS n FROM people p "
                       " UNION ALL "
                       " SELECT 'team', t.id, coalesce(nullif(t.display_name, ''), t.name), "
                       "  (SELECT count(*) FROM ownerships o WHERE o.party_id = t.id AND o.party_kind = 'team' "
                       "   AND o.role = 'owner') FROM teams t) "
                       "WHERE n > 0 ORDER BY title COLLATE NOCASE, kind, id");
        while (st.next()) {
            out.owners.push_back({{TrendScope::Kind::Owner, st.int64(1), st.text(0)}, st.text(2), st.int64(3)});
        }
        if (st.error()) {
            out.error = st.error()->message;
        }
    }
    return out;
}

void QualityTrends::addRuns(const DayGrid &grid, std::span<const CheckRun> runs, std::vector<TrendBucket> &buckets)
{
    for (const CheckRun &run : runs) {
        if (const int day = grid.indexOf(run.t); day >= 0) {
            buckets[static_cast<size_t>(day)].counts.add(run);
        }
    }
}

std::vector<TimeRange> QualityTrends::breaches(std::span<const SeriesPoint> points, const SlaInfo &sla)
{
    std::vector<TimeRange> out;
    bool open = false;
    for (const SeriesPoint &p : points) {
        if (std::isnan(p.value)) {
            continue;
        }
        if (!slaMet(p.value, sla.target, sla.op)) {
            if (open) {
                out.back().to = p.t;
            } else {
                out.push_back({p.t, p.t});
                open = true;
            }
        } else {
            open = false;
        }
    }
    return out;
}

QualityData QualityTrends::load(Database &db, const TrendScope &scope, std::optional<DaySpan> days,
                                const QTimeZone &zone, const std::atomic_bool *cancel)
{
    QualityData data;
    const bool product = scope.kind == TrendScope::Kind::Product;
    if (days) {
        data.grid = DayGrid(zone, days->first, days->last);
    } else if (const auto extent = dataExtent(db, scope, product)) {
        data.grid = DayGrid::covering(zone, *extent);
    }
    std::optional<StoreError> error;
    const std::vector<ScopeCheck> checks = scopeChecks(db, scope, error);
    {
        Statement st = prepareScoped(db, scope, "SELECT count(*) FROM entries e WHERE " + entryFilter(scope));
        data.trend.productsInScope = st.next() ? st.int64(0) : 0;
    }
    data.trend.checksInScope = static_cast<std::int64_t>(checks.size());
    if (error) {
        data.error = error->message;
        return data;
    }

    const DayGrid &grid = data.grid;
    auto &buckets = data.trend.buckets;
    for (int i = 0; i < grid.size(); ++i) {
        buckets.push_back({grid.date(i), grid.start(i), grid.end(i), {}, 0});
    }
    const TimeRange range = grid.range();
    SeriesReader series(db);
    std::vector<RunCounts> before(buckets.size());
    std::int64_t productOf = 0;
    std::optional<CatalogReader> catalog;
    std::optional<ProductDetail> detail;
    if (product) {
        catalog.emplace(db);
        detail = catalog->product(scope.id);
    }
    for (size_t i = 0; i < checks.size() && !grid.isEmpty(); ++i) {
        if (stopped(cancel)) {
            data.cancelled = true;
            return data;
        }
        const ScopeCheck &c = checks[i];
        if (c.productId != productOf) {
            // A new product: remember the counts so far, to see on which days its checks added runs.
            productOf = c.productId;
            for (size_t b = 0; b < buckets.size(); ++b) {
                before[b] = buckets[b].counts;
            }
        }
        std::vector<CheckRun> runs = series.check(c.checkId, range);
        addRuns(grid, runs, buckets);
        // A product counts once per day it ran anything, however many of its checks ran.
        const bool lastOfProduct = i + 1 == checks.size() || checks[i + 1].productId != c.productId;
        if (lastOfProduct) {
            for (size_t b = 0; b < buckets.size(); ++b) {
                if (buckets[b].counts.runs() > before[b].runs()) {
                    ++buckets[b].products;
                }
            }
        }
        if (product) {
            CheckTrack track;
            if (detail) {
                const auto it = std::find_if(detail->checks.begin(), detail->checks.end(),
                                             [&](const CheckInfo &info) { return info.id == c.checkId; });
                track.info = it != detail->checks.end() ? *it : CheckInfo{};
            }
            track.info.id = c.checkId;
            track.info.name = c.check;
            track.runs = std::move(runs);
            data.checks.push_back(std::move(track));
        }
    }
    if (detail) {
        for (const SlaInfo &sla : detail->slas) {
            SlaTrack track{sla, grid.isEmpty() ? std::vector<SeriesPoint>{} : series.sla(sla.id, range), {}};
            track.breaches = breaches(track.points, sla);
            data.slas.push_back(std::move(track));
        }
        std::sort(data.checks.begin(), data.checks.end(),
                  [](const CheckTrack &a, const CheckTrack &b) { return a.info.name < b.info.name; });
    }
    if (series.error()) {
        data.error = series.error()->message;
    }
    return data;
}

FailingChecks QualityTrends::failing(Database &db, const TrendScope &scope, TimeRange range, int limit,
                                     const std::atomic_bool *cancel)
{
    FailingChecks out;
    std::optional<StoreError> error;
    const std::vector<ScopeCheck> checks = scopeChecks(db, scope, error);
    if (error) {
        out.error = error->message;
        return out;
    }
    SeriesReader series(db);
    for (const ScopeCheck &c : checks) {
        if (stopped(cancel)) {
            out.cancelled = true;
            return out;
        }
        for (const CheckRun &run : series.check(c.checkId, range)) {
            if (run.status != 'F' && run.status != 'A') {
                continue;
            }
            if (static_cast<int>(out.rows.size()) >= limit) {
                ++out.more;
                continue;
            }
            out.rows.push_back({c.productId, c.checkId, c.product, c.check, c.severity,
                                QString::fromStdString(series.lastCheckMessage(c.checkId, {run.t, run.t + 1})),
                                run.status, run.t});
        }
    }
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const FailingCheck &a, const FailingCheck &b) {
        return (a.status == 'F') > (b.status == 'F');
    });
    if (series.error()) {
        out.error = series.error()->message;
    }
    return out;
}

} // namespace meshlens::models
