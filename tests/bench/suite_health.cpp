// Suite `health`: the catalog-wide health computation behind the Owners, SLA and Domains views at N products with
// 180 days of measurements (the snapshot, in a child process so its peak RSS is its own), then what the views do
// with it on the GUI thread (owners roll-up and sort, SLA filter and sort, names of the first page, one product's
// Health tab), and how long the event loop stalls while a view opens (the computation runs on a worker).

#include "benchutil.h"

#include "models/health/healthsnapshot.h"
#include "models/health/healthsnapshotloader.h"
#include "models/health/productnames.h"
#include "models/itemmodels/ownersmodel.h"
#include "models/itemmodels/slatablemodel.h"
#include "models/store/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <random>

namespace meshlens::bench {

namespace {

double msSince(const QElapsedTimer &t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

QJsonObject line(const char *caseName, std::int64_t n)
{
    return {{QStringLiteral("suite"), QStringLiteral("health")},
            {QStringLiteral("case"), QLatin1String(caseName)},
            {QStringLiteral("impl"), QStringLiteral("meshlens")},
            {QStringLiteral("n"), static_cast<qint64>(n)}};
}

void reportPercentiles(const char *caseName, std::int64_t n, std::vector<double> samples, QJsonObject extra = {})
{
    QJsonObject l = line(caseName, n);
    const Percentiles p = percentiles(std::move(samples));
    l.insert(QStringLiteral("p50_ms"), p.p50);
    l.insert(QStringLiteral("p95_ms"), p.p95);
    l.insert(QStringLiteral("p99_ms"), p.p99);
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        l.insert(it.key(), it.value());
    }
    report(l);
}

} // namespace

// Child: one snapshot build on a fresh connection; prints its time, size and this process's peak RSS.
int childHealthSnapshot(const QString &dbPath)
{
    models::Database db;
    if (auto err = db.open(dbPath, models::Database::Mode::ReadOnly)) {
        std::fprintf(stderr, "%s\n", qPrintable(err->message));
        return 1;
    }
    QElapsedTimer t;
    t.start();
    const models::HealthBuildResult r = models::buildHealthSnapshot(db, models::HealthPolicy{});
    const double ms = msSince(t);
    if (!r.snapshot) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error));
        return 1;
    }
    std::printf("{\"ms\":%.1f,\"peak_rss_mb\":%.1f,\"objectives\":%zu,\"parties\":%zu,\"ownerships\":%zu}\n", ms,
                peakRssMb(), r.snapshot->objectives.size(), r.snapshot->parties.size(), r.snapshot->ownerships.size());
    return 0;
}

int runHealth(const Options &options)
{
    const std::int64_t n = options.products.value_or(options.quick ? 2'000 : 1'000'000);
    const QString cache = cacheFor(options, n);
    if (cache.isEmpty()) {
        progress(QStringLiteral("health: no cache of %1 products").arg(n));
        return 1;
    }
    const int repeats = options.repeats > 0 ? options.repeats : (options.quick ? 2 : 3);

    // 1. The snapshot both views are computed from, in a child per run.
    std::vector<double> times;
    double rss = 0;
    QJsonObject last;
    for (int i = 0; i < repeats; ++i) {
        progress(QStringLiteral("health: snapshot of %1 products, run %2/%3").arg(n).arg(i + 1).arg(repeats));
        const auto child = runChild({QStringLiteral("--child"), QStringLiteral("health-snapshot"), cache});
        if (!child) {
            return 1;
        }
        times.push_back(child->value(QLatin1String("ms")).toDouble());
        rss = std::max(rss, child->value(QLatin1String("peak_rss_mb")).toDouble());
        last = *child;
    }
    {
        const Percentiles p = percentiles(times);
        QJsonObject l = line("snapshot", n);
        l.insert(QStringLiteral("ms"), p.p50);
        l.insert(QStringLiteral("p50_ms"), p.p50);
        l.insert(QStringLiteral("runs"), repeats);
        l.insert(QStringLiteral("peak_rss_mb"), rss);
        l.insert(QStringLiteral("objectives"), last.value(QLatin1String("objectives")));
        l.insert(QStringLiteral("parties"), last.value(QLatin1String("parties")));
        l.insert(QStringLiteral("days"), 180);
        l.insert(QStringLiteral("db_mb"), databaseMb(cache));
        report(l);
    }

    // 2. The event loop while a view opens: the loader computes on a worker, the SLA table sorts on a worker; a
    // 5 ms timer measures the longest gap the GUI thread would see.
    models::Database db;
    if (auto err = db.open(cache, models::Database::Mode::ReadOnly)) {
        progress(err->message);
        return 1;
    }
    std::shared_ptr<const models::HealthSnapshot> snap;
    {
        models::HealthSnapshotLoader loader(cache);
        models::SlaTableModel sla(db, cache);
        models::OwnersModel owners;
        std::vector<double> gaps;
        QElapsedTimer clock;
        clock.start();
        double previous = 0;
        QTimer tick;
        tick.setInterval(5);
        QObject::connect(&tick, &QTimer::timeout, &tick, [&]() {
            const double now = msSince(clock);
            gaps.push_back(now - previous);
            previous = now;
        });
        QEventLoop loop;
        QObject::connect(&loader, &models::HealthSnapshotLoader::loaded, &loop, [&]() {
            owners.setSnapshot(loader.snapshot()); // what the Owners view does on the GUI thread
            sla.setSnapshot(loader.snapshot());    // the SLA view: its sort starts on a worker
        });
        QObject::connect(&loader, &models::HealthSnapshotLoader::failed, &loop, &QEventLoop::quit);
        QObject::connect(&sla, &models::SlaTableModel::queryFinished, &loop, &QEventLoop::quit);
        tick.start();
        previous = msSince(clock);
        loader.load(models::HealthPolicy{});
        loop.exec();
        tick.stop();
        const double total = msSince(clock);
        snap = loader.snapshot();
        if (!snap) {
            progress(QStringLiteral("health: the loader failed"));
            return 1;
        }
        const Percentiles p = percentiles(gaps);
        QJsonObject l = line("open-views-event-loop", n);
        l.insert(QStringLiteral("ms"), total);
        l.insert(QStringLiteral("frames_p99_ms"), p.p99);
        l.insert(QStringLiteral("max_stall_ms"), *std::max_element(gaps.begin(), gaps.end()));
        l.insert(QStringLiteral("ticks"), static_cast<qint64>(gaps.size()));
        report(l);
    }

    // 3. What the views do on the GUI thread with a snapshot.
    const int reps = options.quick ? 5 : 9;
    {
        std::vector<double> samples;
        for (int i = 0; i < reps; ++i) {
            models::OwnersModel owners;
            QElapsedTimer t;
            t.start();
            owners.setSnapshot(snap);
            owners.sort(models::OwnersModel::ScoreColumn, Qt::AscendingOrder);
            samples.push_back(msSince(t));
        }
        reportPercentiles("owners-view", n, samples,
                          {{QStringLiteral("parties"), static_cast<qint64>(snap->parties.size())}});
    }
    {
        // Run on a worker in the app; timed here directly.
        std::vector<double> all, domain, search;
        std::size_t rows = 0;
        for (int i = 0; i < reps; ++i) {
            QElapsedTimer t;
            t.start();
            rows = models::SlaTableModel::queryRows(*snap, {}, nullptr, models::SlaTableModel::ComplianceColumn,
                                                    Qt::AscendingOrder)
                       .size();
            all.push_back(msSince(t));
            models::SlaQuery q;
            q.domain = 0;
            t.restart();
            (void)models::SlaTableModel::queryRows(*snap, q, nullptr, models::SlaTableModel::BudgetColumn,
                                                   Qt::AscendingOrder);
            domain.push_back(msSince(t));
            models::SlaQuery s;
            s.search = QStringLiteral("orders");
            t.restart();
            const std::vector<char> mask = models::SlaTableModel::searchMask(db, *snap, s.search);
            (void)models::SlaTableModel::queryRows(*snap, s, &mask, models::SlaTableModel::ProductColumn,
                                                   Qt::AscendingOrder);
            search.push_back(msSince(t));
        }
        reportPercentiles("sla-sort-all", n, all, {{QStringLiteral("rows"), static_cast<qint64>(rows)}});
        reportPercentiles("sla-filter-domain", n, domain);
        reportPercentiles("sla-search", n, search);
    }
    {
        // Names of a first page of 50 rows, as the SLA view reads them when it shows the table.
        const std::vector<std::uint32_t> order = models::SlaTableModel::queryRows(
            *snap, {}, nullptr, models::SlaTableModel::ComplianceColumn, Qt::AscendingOrder);
        std::vector<double> samples;
        std::mt19937 rng(7);
        for (int i = 0; i < reps * 4 && !order.empty(); ++i) {
            models::ProductNames names(db);
            const std::size_t start = std::uniform_int_distribution<std::size_t>(0, order.size() - 1)(rng);
            std::vector<std::int64_t> batch;
            for (std::size_t k = start; k < std::min(order.size(), start + 50); ++k) {
                batch.push_back(snap->products[static_cast<std::size_t>(snap->objectives[order[k]].product)].id);
            }
            QElapsedTimer t;
            t.start();
            for (std::int64_t id : batch) {
                (void)names.get(id, batch);
            }
            samples.push_back(msSince(t));
        }
        reportPercentiles("sla-page-names", n, samples);
    }
    {
        // One product's Health tab (computed on the GUI thread when a product is opened).
        std::vector<double> samples;
        std::mt19937 rng(11);
        for (int i = 0; i < reps * 20; ++i) {
            const auto &p =
                snap->products[std::uniform_int_distribution<std::size_t>(0, snap->products.size() - 1)(rng)];
            QElapsedTimer t;
            t.start();
            (void)models::productHealth(db, p.id, models::HealthPolicy{});
            samples.push_back(msSince(t));
        }
        reportPercentiles("product-health-tab", n, samples);
    }
    return 0;
}

} // namespace meshlens::bench
