// Tests for QualityTrends: daily pass-rate buckets for a product, a domain and an owner (with products per day),
// days in a non-UTC zone, "all" ranges, SLA breach stretches, the failing checks of a day, and cancellation.

#include "models/charts/qualitytrends.h"
#include "support/testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using namespace meshlens::models;

namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kStart = 1763251200; // 2025-11-16T00:00:00Z
const QDate kFirst(2025, 11, 16);

} // namespace

class TestQualityTrends : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;
    std::int64_t m_p1 = 0, m_sales = 0, m_ada = 0, m_team = 0;
    const DaySpan m_sixDays{kFirst, kFirst.addDays(5)};

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("trends.db"));
        QCOMPARE(test::syncedCache(m_db, path, test::qualityBundle()), QString());
        m_p1 = test::scalar(m_db, "SELECT id FROM entries WHERE ext_id = 'p1'");
        m_sales = test::scalar(m_db, "SELECT id FROM domains WHERE ext_id = 'sales'");
        m_ada = test::scalar(m_db, "SELECT id FROM people WHERE ext_id = 'ada'");
        m_team = test::scalar(m_db, "SELECT id FROM teams WHERE ext_id = 't-sales'");
        QVERIFY(m_p1 > 0 && m_sales > 0 && m_ada > 0 && m_team > 0);
    }

    void product_dailyPassRate()
    {
        const QualityData d =
            QualityTrends::load(m_db, {TrendScope::Kind::Product, m_p1, {}}, m_sixDays, QTimeZone::utc());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        const auto &b = d.trend.buckets;
        QCOMPARE(b.size(), size_t(6));
        QCOMPARE(b[0].day, kFirst);
        QCOMPARE(b[0].start, kStart);
        QCOMPARE(b[0].counts.passRate(), std::optional<double>(1.0));
        QCOMPARE(b[1].counts.passRate(), std::optional<double>(0.5));
        QCOMPARE(b[2].counts.passRate(), std::optional<double>(0.0));
        QCOMPARE(b[4].counts.aborted, 1); // an aborted run counts against the rate
        QCOMPARE(b[4].counts.passRate(), std::optional<double>(0.0));
        QCOMPARE(b[5].counts.runs(), 0); // '-' is no run: no rate, not zero
        QVERIFY(!b[5].counts.passRate());
        QCOMPARE(b[0].products, 1);
        QCOMPARE(b[5].products, 0);
        QCOMPARE(d.trend.checksInScope, 2);
        // Per-check series, by name, and the SLAs with their measurements.
        QCOMPARE(d.checks.size(), size_t(2));
        QCOMPARE(d.checks[0].info.name, QStringLiteral("=ids unique"));
        QCOMPARE(d.checks[0].info.severity, QStringLiteral("critical"));
        QCOMPARE(d.checks[1].runs.size(), size_t(6));
        QCOMPARE(d.slas.size(), size_t(2));
    }

    void domain_countsEachProductOncePerDay()
    {
        const QualityData d =
            QualityTrends::load(m_db, {TrendScope::Kind::Domain, m_sales, {}}, m_sixDays, QTimeZone::utc());
        const auto &b = d.trend.buckets;
        QCOMPARE(d.trend.productsInScope, 2);
        QCOMPARE(d.trend.checksInScope, 3);
        const std::vector<std::int64_t> products{1, 1, 2, 2, 1, 0}; // p2 first runs on day 2 ('-' on day 1)
        for (size_t i = 0; i < b.size(); ++i) {
            QCOMPARE(b[i].products, products[i]);
        }
        QCOMPARE(b[2].counts.pass, 1);
        QCOMPARE(b[2].counts.fail, 2);
        QVERIFY(d.checks.empty()); // per-check strips are for a product
        QVERIFY(d.slas.empty());
    }

    void owner_onlyProductsTheyOwn()
    {
        const QualityData person = QualityTrends::load(m_db, {TrendScope::Kind::Owner, m_ada, QStringLiteral("person")},
                                                       m_sixDays, QTimeZone::utc());
        QCOMPARE(person.trend.productsInScope, 2); // p1 and p3; a steward of p2 is not its owner
        QCOMPARE(person.trend.checksInScope, 2);
        QCOMPARE(person.trend.buckets[3].counts.pass, 2);
        const QualityData team = QualityTrends::load(m_db, {TrendScope::Kind::Owner, m_team, QStringLiteral("team")},
                                                     m_sixDays, QTimeZone::utc());
        QCOMPARE(team.trend.productsInScope, 1);
        QCOMPARE(team.trend.checksInScope, 2);
    }

    void otherZone_bucketsByLocalDay()
    {
        // New York is five hours behind in November: the results at 00:00 UTC fall on the evening before.
        const QTimeZone ny("America/New_York");
        const QualityData d = QualityTrends::load(m_db, {TrendScope::Kind::Product, m_p1, {}},
                                                  DaySpan{kFirst.addDays(-1), kFirst.addDays(4)}, ny);
        const auto &b = d.trend.buckets;
        QCOMPARE(b[0].day, kFirst.addDays(-1));
        QCOMPARE(b[0].start, kStart - kDay + 5 * 3600);
        QCOMPARE(b[0].counts.pass, 2);
        QCOMPARE(b[1].counts.fail, 1);
    }

    void allData_spansTheFirstToTheLastPoint()
    {
        const QualityData d =
            QualityTrends::load(m_db, {TrendScope::Kind::Product, m_p1, {}}, std::nullopt, QTimeZone::utc());
        QCOMPARE(d.grid.size(), 6);
        QCOMPARE(d.grid.date(0), kFirst);
        const QualityData none =
            QualityTrends::load(m_db, {TrendScope::Kind::Owner, m_ada + m_team + 1000, QStringLiteral("person")},
                                std::nullopt, QTimeZone::utc());
        QVERIFY(none.grid.isEmpty());
        QVERIFY(none.trend.buckets.empty());
        QVERIFY(none.error.isEmpty());
    }

    void breaches_areStretchesOfMissedTargets()
    {
        const QualityData d =
            QualityTrends::load(m_db, {TrendScope::Kind::Product, m_p1, {}}, m_sixDays, QTimeZone::utc());
        const auto fresh = std::find_if(d.slas.begin(), d.slas.end(),
                                        [](const SlaTrack &t) { return t.info.kind == QLatin1String("freshness"); });
        QVERIFY(fresh != d.slas.end());
        QCOMPARE(fresh->points.size(), size_t(6));
        // <= 6 h: 9 and 8 miss it with a gap between (one stretch), 7 misses it again.
        QCOMPARE(fresh->breaches.size(), size_t(2));
        QCOMPARE(fresh->breaches[0].from, kStart + kDay);
        QCOMPARE(fresh->breaches[0].to, kStart + 3 * kDay);
        QCOMPARE(fresh->breaches[1].from, kStart + 5 * kDay);
        const auto avail = std::find_if(d.slas.begin(), d.slas.end(),
                                        [](const SlaTrack &t) { return t.info.kind == QLatin1String("availability"); });
        QCOMPARE(avail->breaches.size(), size_t(1)); // >= 99: 98 misses
        QCOMPARE(avail->breaches[0].from, kStart + kDay);
        QVERIFY(slaMet(99, 99, QStringLiteral(">=")));
        QVERIFY(!slaMet(6.01, 6, QStringLiteral("<=")));
    }

    void failing_listsFailuresOfThatDayFirst()
    {
        const FailingChecks day2 = QualityTrends::failing(m_db, {TrendScope::Kind::Domain, m_sales, {}},
                                                          {kStart + 2 * kDay, kStart + 3 * kDay});
        QCOMPARE(day2.rows.size(), size_t(2));
        QCOMPARE(day2.rows[0].product, QStringLiteral("Product One"));
        QCOMPARE(day2.rows[0].status, 'F');
        QCOMPARE(day2.rows[0].t, kStart + 2 * kDay);
        const FailingChecks day4 =
            QualityTrends::failing(m_db, {TrendScope::Kind::Product, m_p1, {}}, {kStart + 4 * kDay, kStart + 5 * kDay});
        QCOMPARE(day4.rows.size(), size_t(1));
        QCOMPARE(day4.rows[0].status, 'A');
        QCOMPARE(day4.rows[0].check, QStringLiteral("rows arrive"));
        const FailingChecks limited =
            QualityTrends::failing(m_db, {TrendScope::Kind::Product, m_p1, {}}, {kStart, kStart + 6 * kDay}, 2);
        QCOMPARE(limited.rows.size(), size_t(2));
        QCOMPARE(limited.more, 2); // 3 F + 1 A in all
    }

    void cancelled_stopsAndSaysSo()
    {
        const std::atomic_bool cancel = true;
        const QualityData d =
            QualityTrends::load(m_db, {TrendScope::Kind::Domain, m_sales, {}}, m_sixDays, QTimeZone::utc(), &cancel);
        QVERIFY(d.cancelled);
        QVERIFY(QualityTrends::failing(m_db, {TrendScope::Kind::Domain, m_sales, {}}, {}, 10, &cancel).cancelled);
    }

    void choices_domainsAndOwnersWithProducts()
    {
        const ScopeChoices c = QualityTrends::choices(m_db);
        QVERIFY(c.error.isEmpty());
        QCOMPARE(c.domains.size(), size_t(2));
        QCOMPARE(c.domains[0].title, QStringLiteral("finance"));
        QCOMPARE(c.domains[1].products, 2);
        QCOMPARE(c.domains[1].scope.id, m_sales);
        // ada owns p1 and p3, bob p2, the team p1; ada's stewardship of p2 does not make her its owner.
        QCOMPARE(c.owners.size(), size_t(3));
        QCOMPARE(c.owners[0].title, QStringLiteral("ada"));
        QCOMPARE(c.owners[0].products, 2);
        QCOMPARE(c.owners[0].scope.partyKind, QStringLiteral("person"));
        QCOMPARE(c.owners[2].title, QStringLiteral("sales-eng"));
        QCOMPARE(c.owners[2].scope.partyKind, QStringLiteral("team"));
    }

    void lastDays_endsToday()
    {
        const DaySpan week = lastDays(7, QDate(2025, 3, 31));
        QCOMPARE(week.first, QDate(2025, 3, 25));
        QCOMPARE(week.last, QDate(2025, 3, 31));
        QCOMPARE(lastDays(1, kFirst).first, kFirst);
    }
};

QTEST_GUILESS_MAIN(TestQualityTrends)
#include "tst_qualitytrends.moc"
