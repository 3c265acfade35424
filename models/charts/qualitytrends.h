#pragma once

// The data behind the quality charts, computed from the cache on the caller's connection (a worker's, see
// ChartJobs): daily pass-rate buckets for a product, a domain or an owner's products with the number of products
// that ran checks each day; a product's per-check status series and SLA series with their breaches; the failing
// checks of one day. The pass rate is RunCounts' (seriesreader.h); a breach is !slaMet (catalogtypes.h).

#include "../catalog/catalogtypes.h"
#include "../store/seriesreader.h"
#include "daygrid.h"

#include <QDate>
#include <QString>
#include <QTimeZone>

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace meshlens::models {

// Whose products a trend aggregates. For an owner, partyKind is "person" or "team" and the products are those
// the party owns directly (role owner; stewards and experts do not count).
struct TrendScope
{
    enum class Kind
    {
        Product,
        Domain,
        Owner
    };
    Kind kind = Kind::Product;
    std::int64_t id = 0;
    QString partyKind;
};

// Inclusive calendar days; nullopt in a request means "all the data there is".
struct DaySpan
{
    QDate first, last;
};
[[nodiscard]] DaySpan lastDays(int days, QDate today); // the `days` days ending with today

struct TrendBucket
{
    QDate day;
    std::int64_t start = 0, end = 0; // the day in epoch seconds, [start, end)
    RunCounts counts;
    std::int64_t products = 0; // products with at least one run that day
};

struct PassRateTrend
{
    std::vector<TrendBucket> buckets; // one per day of the range, empty days included
    std::int64_t productsInScope = 0, checksInScope = 0;
    [[nodiscard]] RunCounts total() const; // over all days
};

struct CheckTrack
{
    CheckInfo info;
    std::vector<CheckRun> runs;
};

struct SlaTrack
{
    SlaInfo info;
    std::vector<SeriesPoint> points;
    std::vector<TimeRange> breaches; // maximal runs of breaching measurements, [first breach, last breach]
};

// Everything one Quality tab or Trends view shows for a scope and a day span.
struct QualityData
{
    QString error; // a message a person can act on; the rest is empty then
    bool cancelled = false;
    DayGrid grid; // the days shown (empty when the scope has no data in the span)
    PassRateTrend trend;
    std::vector<CheckTrack> checks; // products only
    std::vector<SlaTrack> slas;     // products only
};

struct FailingCheck
{
    std::int64_t productId = 0, checkId = 0;
    QString product, check, severity, message;
    char status = 'F'; // 'F' failed or 'A' aborted
    std::int64_t t = 0;
};

struct FailingChecks
{
    QString error;
    bool cancelled = false;
    std::vector<FailingCheck> rows;
    std::int64_t more = 0; // found beyond the limit
};

// What a Trends view can aggregate: every domain, and every person or team that owns at least one product.
struct ScopeChoice
{
    TrendScope scope;
    QString title;
    std::int64_t products = 0;
};

struct ScopeChoices
{
    QString error;
    std::vector<ScopeChoice> domains, owners; // by title
};

class QualityTrends final
{
public:
    [[nodiscard]] static ScopeChoices choices(Database &db);

    // Loads the trend (and, for a product, its check and SLA series) for days, or for all data when nullopt.
    [[nodiscard]] static QualityData load(Database &db, const TrendScope &scope, std::optional<DaySpan> days,
                                          const QTimeZone &zone, const std::atomic_bool *cancel = nullptr);
    // The checks of the scope that failed or aborted inside range (one day when clicked), failures first.
    [[nodiscard]] static FailingChecks failing(Database &db, const TrendScope &scope, TimeRange range, int limit = 500,
                                               const std::atomic_bool *cancel = nullptr);

    // Buckets runs (sorted by time) into the grid's days.
    static void addRuns(const DayGrid &grid, std::span<const CheckRun> runs, std::vector<TrendBucket> &buckets);
    // The maximal stretches of consecutive breaching measurements (gaps neither break nor extend a stretch).
    [[nodiscard]] static std::vector<TimeRange> breaches(std::span<const SeriesPoint> points, const SlaInfo &sla);
};

} // namespace meshlens::models
