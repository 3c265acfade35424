// Tests for the catalog-wide health snapshot and the per-product report, over the shared sample bundle whose
// numbers are worked out by hand below, plus cancellation.

#include "models/health/healthsnapshot.h"
#include "support/testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace meshlens;
using namespace meshlens::models;

namespace {
constexpr std::int64_t kGeneratedAt = 1763683200; // the sample bundle's generated_at: the evaluation time
}

class TestHealthSnapshot : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;
    std::shared_ptr<const HealthSnapshot> m_snap;

    const ProductHealthRow &product(const char *extId)
    {
        Statement st = m_db.prepare("SELECT id FROM entries WHERE ext_id = ?1");
        st.bind(1, extId);
        const std::int64_t id = st.next() ? st.int64(0) : -1;
        const auto i = m_snap->productIndex(id);
        if (!i) {
            qFatal("no product %s", extId);
        }
        return m_snap->products[static_cast<size_t>(*i)];
    }
    const PartyRow &party(const char *identity)
    {
        const auto i = m_snap->findParty(QLatin1String(identity));
        if (!i) {
            qFatal("no party %s", identity);
        }
        return m_snap->parties[static_cast<size_t>(*i)];
    }

    static bool same(float a, float b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

    // What the views read (stored by the sync) is, field for field, what evaluating the series gives.
    static void compareStoredWithEvaluated(Database &db)
    {
        const HealthBuildResult stored = buildHealthSnapshot(db, HealthPolicy{});
        const HealthBuildResult evaluated =
            buildHealthSnapshot(db, HealthPolicy{}, std::nullopt, nullptr, {}, HealthRead::Evaluate);
        QVERIFY2(stored.snapshot && evaluated.snapshot, qPrintable(stored.error + evaluated.error));
        QVERIFY(stored.fromStore);
        QVERIFY(!evaluated.fromStore);
        const HealthSnapshot &a = *stored.snapshot;
        const HealthSnapshot &b = *evaluated.snapshot;
        QCOMPARE(a.now, b.now);
        QCOMPARE(a.products.size(), b.products.size());
        QVERIFY(!a.products.empty());
        for (std::size_t i = 0; i < a.products.size(); ++i) {
            const ProductHealthRow &p = a.products[i];
            const ProductHealthRow &q = b.products[i];
            QCOMPARE(p.id, q.id);
            QCOMPARE(p.domain, q.domain);
            QCOMPARE(p.nameRank, q.nameRank);
            QVERIFY2(same(p.sla, q.sla) && same(p.quality, q.quality) && p.metadata == q.metadata,
                     qPrintable(QString::number(p.id)));
            QCOMPARE(p.objectives, q.objectives);
            QCOMPARE(p.breachedNow, q.breachedNow);
            QCOMPARE(p.failingChecks, q.failingChecks);
            QCOMPARE(p.score, q.score);
            QCOMPARE(p.band, q.band);
        }
        QCOMPARE(a.objectives.size(), b.objectives.size());
        for (std::size_t i = 0; i < a.objectives.size(); ++i) {
            const ObjectiveHealthRow &o = a.objectives[i];
            const ObjectiveHealthRow &r = b.objectives[i];
            QCOMPARE(o.id, r.id);
            QCOMPARE(o.product, r.product);
            QCOMPARE(a.kinds[o.kind], b.kinds[r.kind]);
            QCOMPARE(a.units[o.unit], b.units[r.unit]);
            QCOMPARE(o.state, r.state);
            QVERIFY(same(o.target, r.target) && same(o.latest, r.latest) && same(o.compliance, r.compliance));
            QVERIFY(same(o.budgetRemaining, r.budgetRemaining) && same(o.burnRate, r.burnRate));
            QCOMPARE(o.lastBreachEnd, r.lastBreachEnd);
            QCOMPARE(o.breachSince, r.breachSince);
            QCOMPARE(o.rejected, r.rejected);
        }
        QCOMPARE(a.rejectedPoints, b.rejectedPoints);
        QCOMPARE(a.domains.size(), b.domains.size());
        for (std::size_t i = 0; i < a.domains.size(); ++i) {
            QCOMPARE(a.domains[i].name, b.domains[i].name);
            QCOMPARE(a.domains[i].rollup.scoreSum, b.domains[i].rollup.scoreSum);
            QCOMPARE(a.domains[i].worst, b.domains[i].worst);
        }
        QCOMPARE(a.parties.size(), b.parties.size());
        for (std::size_t i = 0; i < a.parties.size(); ++i) {
            for (std::size_t k = 0; k <= kOwnerRoles; ++k) {
                QCOMPARE(a.parties[i].rollups[k].scoreSum, b.parties[i].rollups[k].scoreSum);
                QCOMPARE(a.parties[i].rollups[k].openIncidents, b.parties[i].rollups[k].openIncidents);
            }
        }
        QCOMPARE(a.ownerships.size(), b.ownerships.size());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("h.db"));
        const QString bundle = m_dir.filePath(QStringLiteral("h.ndjson"));
        QVERIFY(test::syncBundle(path, bundle, test::sampleBundle()));
        QCOMPARE(test::openCache(m_db, path), QString());
        QCOMPARE(healthEvaluationTime(m_db), kGeneratedAt);
        int lastProgress = -1;
        const HealthBuildResult r =
            buildHealthSnapshot(m_db, HealthPolicy{}, std::nullopt, nullptr, [&](int p) { lastProgress = p; });
        QVERIFY2(r.snapshot, qPrintable(r.error));
        QVERIFY(r.fromStore); // the sync stored it: the hand-worked figures below are what the views read
        QCOMPARE(lastProgress, 100);
        m_snap = r.snapshot;
        QCOMPARE(m_snap->products.size(), size_t(3));
        QCOMPARE(m_snap->objectives.size(), size_t(2));
    }

    void productWithBreachAndFailures_scoresByTheFormula()
    {
        // freshness 1.5, 2, gap, 9.25 (miss), 3 -> S 0.75; checks PPFP- -> Q 0.75; metadata 4 items + 1/3 of the
        // columns described -> M 13/15; no open incident. 40*.75 + 30*.75 + 20*13/15 + 10 = 79.8.
        const ProductHealthRow &p = product("sales.orders");
        QCOMPARE(p.sla, 0.75f);
        QCOMPARE(p.quality, 0.75f);
        QVERIFY(std::abs(p.metadata - 13.0f / 15.0f) < 1e-6f);
        QCOMPARE(p.openIncidents(), 0);
        QCOMPARE(int(p.score), 80);
        QCOMPARE(p.band, HealthBand::AtRisk);
    }

    void failingCheck_isAnOpenIncident()
    {
        // availability 99.9 >= 99.5 -> S 1; the only check failed -> Q 0 and one incident; no column described.
        // 40 + 0 + 20*0.8 + 10*0.5 = 61.
        const ProductHealthRow &p = product("finance.revenue");
        QCOMPARE(p.sla, 1.0f);
        QCOMPARE(p.quality, 0.0f);
        QCOMPARE(int(p.failingChecks), 1);
        QCOMPARE(int(p.score), 61);
        QCOMPARE(p.band, HealthBand::Unhealthy);
    }

    void productWithoutSlaOrChecks_isScoredOnWhatItHas()
    {
        // No description, tags, SLA or schema: M 0.2; I 1: (0.2*0.2 + 0.1) / 0.3 = 46.7.
        const ProductHealthRow &p = product("finance.forecast");
        QVERIFY(std::isnan(p.sla));
        QVERIFY(std::isnan(p.quality));
        QCOMPARE(int(p.score), 47);
    }

    void objectiveRows_carryStateAndBudget()
    {
        const ObjectiveHealthRow *fresh = nullptr;
        for (const ObjectiveHealthRow &o : m_snap->objectives) {
            if (m_snap->kinds[o.kind] == QLatin1String("freshness")) {
                fresh = &o;
            }
        }
        QVERIFY(fresh);
        QCOMPARE(fresh->state, SlaState::Met);
        QCOMPARE(fresh->latest, 3.0f);
        QCOMPARE(fresh->compliance, 0.75f);
        QCOMPARE(fresh->lastBreachEnd, std::int64_t(1763251200 + 4 * 86400));
        // 1 miss of 4 with 5% allowed: burn 0.25 / 0.05 = 5, budget overspent.
        QVERIFY(std::abs(fresh->burnRate - 5.0f) < 1e-4f);
        QVERIFY(fresh->budgetRemaining < 0);
        QCOMPARE(m_snap->units[fresh->unit], QStringLiteral("h"));
    }

    void domains_rollUpScoresAndKeepTheWorst()
    {
        const DomainRow *finance = nullptr;
        for (const DomainRow &d : m_snap->domains) {
            if (d.name == QLatin1String("Finance")) {
                finance = &d;
            }
        }
        QVERIFY(finance);
        QCOMPARE(finance->rollup.products, std::int64_t(2));
        QCOMPARE(*finance->rollup.meanScore(), 54.0);
        QCOMPARE(finance->rollup.worstScore, 47);
        QCOMPARE(finance->rollup.bands[size_t(HealthBand::Unhealthy)], std::int64_t(2));
        QCOMPARE(finance->rollup.openIncidents, std::int64_t(1));
        QCOMPARE(finance->worst.size(), size_t(2));
        QCOMPARE(m_snap->products[size_t(finance->worst[0])].score, std::uint8_t(47));
    }

    void parties_rollUpByRole()
    {
        const PartyRow &alan = party("alan");
        QVERIFY(!alan.team);
        QCOMPARE(alan.rollups[size_t(OwnerRole::Owner)].products, std::int64_t(1));
        QCOMPARE(alan.rollups[size_t(OwnerRole::Expert)].products, std::int64_t(1));
        QCOMPARE(alan.rollups[kOwnerRoles].products, std::int64_t(2));
        QCOMPARE(*alan.rollups[kOwnerRoles].meanScore(), 54.0);
        QCOMPARE(alan.teamName, QStringLiteral("Finance Data"));
        // By email, case-insensitive; the team rolls up what it owns.
        QCOMPARE(party("ADA@example.com").name, QStringLiteral("Ada Lovelace"));
        const PartyRow &fin = party("t-fin");
        QVERIFY(fin.team);
        QCOMPARE(fin.rollups[size_t(OwnerRole::Owner)].products, std::int64_t(1));
        QCOMPARE(fin.rollups[size_t(OwnerRole::Owner)].openIncidents, std::int64_t(1));
        QVERIFY(!m_snap->findParty(QStringLiteral("nobody")));
        QVERIFY(!m_snap->findParty(QStringLiteral("  ")));
        // Ownership slices per party.
        const auto i = static_cast<size_t>(*m_snap->findParty(QStringLiteral("alan")));
        QCOMPARE(m_snap->partyOwnershipStart[i + 1] - m_snap->partyOwnershipStart[i], size_t(2));
    }

    void productReport_matchesTheSnapshot()
    {
        for (const ProductHealthRow &row : m_snap->products) {
            const auto r = productHealth(m_db, row.id, HealthPolicy{});
            QVERIFY(r);
            QCOMPARE(r->score, int(row.score));
            QCOMPARE(r->components.openIncidents, row.openIncidents());
        }
        const auto r = productHealth(m_db, product("finance.revenue").id, HealthPolicy{});
        QCOMPARE(r->checks.size(), size_t(1));
        QVERIFY(r->checks[0].eval.failingNow);
        QCOMPARE(r->checks[0].message, QStringLiteral("no rows for yesterday"));
        QCOMPARE(r->objectives.size(), size_t(1));
        QCOMPARE(r->objectives[0].calendar.size(), size_t(180));
        QCOMPARE(r->objectives[0].calendar.back().compliance, DayCompliance::NoData); // nothing on the 21st
        QCOMPARE(r->objectives[0].calendar[178].compliance, DayCompliance::Met);
        QVERIFY(!productHealth(m_db, 999999, HealthPolicy{}));
    }

    void narrowerWindow_changesCompliance()
    {
        HealthPolicy week;
        week.windowDays = 2; // only the 20th and 21st: the freshness value 3 -> met
        const HealthBuildResult r = buildHealthSnapshot(m_db, week);
        QVERIFY(r.snapshot);
        for (const ObjectiveHealthRow &o : r.snapshot->objectives) {
            QCOMPARE(o.compliance, 1.0f);
        }
    }

    void storedHealth_isTheEvaluation_afterFullSyncDeltaAndResync()
    {
        QTemporaryDir dir;
        const QString cache = test::generatedCache(dir.path(), 1200);
        QVERIFY(!cache.isEmpty());
        const QString bundle = dir.filePath(QStringLiteral("generated-1200.ndjson"));
        Database db;
        QCOMPARE(test::openCache(db, cache), QString());
        compareStoredWithEvaluated(db);
        if (QTest::currentTestFailed()) {
            return;
        }

        // A delta with creates, updates and removals: re-evaluates what it changed (the evaluation time stays). The
        // source is the file, so the delta takes the bundle's place.
        const QString original = dir.filePath(QStringLiteral("original.ndjson"));
        QVERIFY(QFile::copy(bundle, original));
        const auto counts = test::changedDelta(original, bundle, {20, 50, 100});
        QVERIFY(counts && counts->changed > 0 && counts->removed > 0 && counts->added > 0);
        const std::int64_t before = test::scalar(db, "SELECT count(*) FROM entries");
        QVERIFY(test::syncNow(cache, bundle).ok);
        QCOMPARE(test::scalar(db, "SELECT count(*) FROM entries"), before - counts->removed + counts->added);
        QCOMPARE(test::scalar(db, "SELECT count(*) FROM product_health"),
                 test::scalar(db, "SELECT count(*) FROM entries"));
        QVERIFY(test::scalar(db, "SELECT count(*) FROM product_health h JOIN entries e ON e.id = h.entry_id "
                                 "WHERE e.ext_id LIKE '%_copy'") == counts->added);
        compareStoredWithEvaluated(db);
        if (QTest::currentTestFailed()) {
            return;
        }

        // A changed snapshot of the same catalog, re-synced over it.
        QVERIFY(test::changedSnapshot(original, bundle, {7, 30, 40}));
        QVERIFY(test::syncNow(cache, bundle).ok);
        compareStoredWithEvaluated(db);
    }

    void delta_reevaluatesOnlyTheProductsItChanged()
    {
        QTemporaryDir dir;
        const QString cache = test::generatedCache(dir.path(), 300);
        QVERIFY(!cache.isEmpty());
        Database db;
        QCOMPARE(test::openCache(db, cache), QString());
        // A marker in every stored row: the rows a delta re-evaluates lose it, the others keep it.
        QVERIFY(!db.exec("UPDATE product_health SET metadata = -1"));
        const QString bundle = dir.filePath(QStringLiteral("generated-300.ndjson"));
        const QString original = dir.filePath(QStringLiteral("original.ndjson"));
        QVERIFY(QFile::rename(bundle, original));
        const auto counts = test::changedDelta(original, bundle, {50, 100000, 100000});
        QVERIFY(counts && counts->changed == 6 && counts->added == 1 && counts->removed == 1);
        QVERIFY(test::syncNow(cache, bundle).ok);
        QCOMPARE(test::scalar(db, "SELECT count(*) FROM product_health WHERE metadata >= 0"),
                 counts->changed + counts->added);
        QCOMPARE(test::scalar(db, "SELECT count(*) FROM product_health"), 300);
        QCOMPARE(test::scalar(db, "SELECT count(*) FROM product_health h JOIN entries e ON e.id = h.entry_id "
                                  "WHERE h.metadata >= 0 AND e.description LIKE 'Revised: %'"),
                 counts->changed);
    }

    void cacheWithoutStoredHealth_isEvaluated()
    {
        QTemporaryDir dir;
        const QString cache = test::generatedCache(dir.path(), 50);
        QVERIFY(!cache.isEmpty());
        Database db;
        QCOMPARE(test::openCache(db, cache), QString());
        QVERIFY(!db.exec("DELETE FROM health_state")); // as a cache migrated from version 7 before its next sync
        const HealthBuildResult r = buildHealthSnapshot(db, HealthPolicy{});
        QVERIFY(r.snapshot);
        QVERIFY(!r.fromStore);
        QCOMPARE(r.snapshot->products.size(), size_t(50));
        HealthPolicy week;
        week.windowDays = 7; // a window the sync does not store for
        QVERIFY(!buildHealthSnapshot(m_db, week).fromStore);
    }

    void cancel_stopsTheBuild()
    {
        std::atomic<bool> cancel{true};
        const HealthBuildResult r = buildHealthSnapshot(m_db, HealthPolicy{}, std::nullopt, &cancel);
        QVERIFY(r.cancelled);
        QVERIFY(!r.snapshot);
    }
};

QTEST_GUILESS_MAIN(TestHealthSnapshot)
#include "tst_healthsnapshot.moc"
