// Tests for the health score, its components, metadata completeness and the documented formula.

#include "models/health/healthscore.h"

#include <QTest>

using namespace meshlens::models;

class TestHealthScore : public QObject
{
    Q_OBJECT

private slots:
    void metadataCompleteness_isTheMeanOfFiveItems()
    {
        MetadataFacts f;
        QCOMPARE(metadataCompleteness(f), 0.0);
        f.description = f.owner = true;
        QCOMPARE(metadataCompleteness(f), 0.4);
        f.columns = 4;
        f.describedColumns = 1;
        QCOMPARE(metadataCompleteness(f), (2 + 0.25) / 5);
        f.tags = f.slaDeclared = true;
        f.describedColumns = 4;
        QCOMPARE(metadataCompleteness(f), 1.0);
        QCOMPARE(missingMetadata(f), QString());
        f.tags = false;
        f.describedColumns = 3;
        QCOMPARE(missingMetadata(f), QStringLiteral("tags, 1 of 4 column descriptions"));
    }

    void score_weightsComponents()
    {
        HealthComponents c;
        c.sla = 1.0;
        c.quality = 1.0;
        c.metadata = 1.0;
        QCOMPARE(healthScore(c), 100);
        c.sla = 0.5; // loses 0.4 * 0.5 = 20 points
        QCOMPARE(healthScore(c), 80);
        c.openIncidents = 1; // incident factor 1/2 loses 0.1 * 0.5 = 5 points
        QCOMPARE(healthScore(c), 75);
        c.metadata = 0.0;
        QCOMPARE(healthScore(c), 55);
    }

    void score_reweightsOverPresentComponents()
    {
        HealthComponents c; // no SLA, no checks ran: only metadata (0.2) and incidents (0.1) count
        c.metadata = 0.5;
        // (0.2 * 0.5 + 0.1 * 1) / 0.3 = 2/3
        QCOMPARE(healthScore(c), 67);
        const auto terms = scoreTerms(c);
        QVERIFY(!terms[0].value);
        QCOMPARE(terms[0].weight, 0.0);
        double sum = 0;
        for (const ScoreTerm &t : terms) {
            sum += t.points;
        }
        QVERIFY(std::abs(sum - 200.0 / 3.0) < 1e-9);
    }

    void bands()
    {
        QCOMPARE(healthBand(100), HealthBand::Healthy);
        QCOMPARE(healthBand(90), HealthBand::Healthy);
        QCOMPARE(healthBand(89), HealthBand::AtRisk);
        QCOMPARE(healthBand(70), HealthBand::AtRisk);
        QCOMPARE(healthBand(69), HealthBand::Unhealthy);
        HealthPolicy strict;
        strict.healthyFrom = 95;
        QCOMPARE(healthBand(92, strict), HealthBand::AtRisk);
    }

    void formula_namesItsWeightsAndWindow()
    {
        HealthPolicy p;
        p.windowDays = 7;
        const QString text = healthScoreFormula(p);
        QVERIFY(text.contains(QLatin1String("40% S")));
        QVERIFY(text.contains(QLatin1String("30% Q")));
        QVERIFY(text.contains(QLatin1String("last 7 days")));
        QVERIFY(text.contains(QLatin1String("5% of the window")));
    }
};

QTEST_GUILESS_MAIN(TestHealthScore)
#include "tst_healthscore.moc"
