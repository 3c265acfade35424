// Tests for SlaTableModel: the catalog's objectives filtered by domain, party, search and state, sorted off the GUI
// thread with only the newest request applied, and paged.

#include "models/health/healthsnapshot.h"
#include "models/itemmodels/slatablemodel.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using namespace meshlens::models;

class TestSlaTableModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    Database m_db;
    std::shared_ptr<const HealthSnapshot> m_snap;

    std::int32_t domainNamed(const HealthSnapshot &s, const char *name)
    {
        for (std::size_t i = 0; i < s.domains.size(); ++i) {
            if (s.domains[i].name == QLatin1String(name)) {
                return static_cast<std::int32_t>(i);
            }
        }
        return -1;
    }

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("s.db"));
        m_snap = test::sampleHealth(m_path, m_db);
        QVERIFY(m_snap);
    }

    void queryRows_filtersAndSorts()
    {
        const HealthSnapshot &s = *m_snap;
        auto rows = SlaTableModel::queryRows(s, {}, nullptr, SlaTableModel::ComplianceColumn, Qt::AscendingOrder);
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(s.objectives[rows[0]].compliance, 0.75f); // freshness of orders first
        rows = SlaTableModel::queryRows(s, {}, nullptr, SlaTableModel::ComplianceColumn, Qt::DescendingOrder);
        QCOMPARE(s.objectives[rows[0]].compliance, 1.0f);

        SlaQuery q;
        q.domain = domainNamed(s, "Finance");
        rows = SlaTableModel::queryRows(s, q, nullptr, 0, Qt::AscendingOrder);
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(s.kinds[s.objectives[rows[0]].kind], QStringLiteral("availability"));

        q = {};
        q.party = *s.findParty(QStringLiteral("ada"));
        rows = SlaTableModel::queryRows(s, q, nullptr, 0, Qt::AscendingOrder);
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(s.kinds[s.objectives[rows[0]].kind], QStringLiteral("freshness"));

        q = {};
        q.state = SlaState::Breached;
        QVERIFY(SlaTableModel::queryRows(s, q, nullptr, 0, Qt::AscendingOrder).empty());

        std::atomic<bool> cancel{true};
        QVERIFY(SlaTableModel::queryRows(s, {}, nullptr, 0, Qt::AscendingOrder, &cancel).empty());
    }

    void searchMask_usesTheFullTextIndex()
    {
        const std::vector<char> mask = SlaTableModel::searchMask(m_db, *m_snap, QStringLiteral("revenue"));
        int matches = 0;
        for (char c : mask) {
            matches += c;
        }
        QCOMPARE(matches, 2); // Daily Revenue and Revenue Forecast
        SlaQuery q;
        q.search = QStringLiteral("revenue");
        QCOMPARE(SlaTableModel::queryRows(*m_snap, q, &mask, 0, Qt::AscendingOrder).size(), size_t(1));
    }

    void model_queriesOffThread_newestWins()
    {
        SlaTableModel model(m_db, m_path);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&model, &SlaTableModel::queryFinished);
        model.setSnapshot(m_snap);
        QVERIFY(model.isBusy());
        SlaQuery q;
        q.search = QStringLiteral("order events");
        model.setQuery(q); // supersedes the first request
        QTRY_VERIFY(!model.isBusy());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, SlaTableModel::ProductColumn).data().toString(), QStringLiteral("Order Events"));
        QCOMPARE(model.index(0, SlaTableModel::TargetColumn).data().toString(), QStringLiteral("≤ 6 h"));
        QCOMPARE(model.index(0, SlaTableModel::ActualColumn).data().toString(), QStringLiteral("3 h"));
        QCOMPARE(model.index(0, SlaTableModel::ComplianceColumn).data().toString(), QStringLiteral("75.0 %"));
        QCOMPARE(model.index(0, SlaTableModel::StateColumn).data().toString(), QStringLiteral("met"));
        QCOMPARE(model.index(0, SlaTableModel::SinceBreachColumn).data().toString(), QStringLiteral("1 d ago"));
        QVERIFY(model.index(0, SlaTableModel::BudgetColumn).data().toString().startsWith(QLatin1String("overspent")));
        QCOMPARE(model.index(0, SlaTableModel::BurnColumn).data().toString(), QStringLiteral("5.00x"));

        model.setQuery({});
        QTRY_VERIFY(!model.isBusy());
        QCOMPARE(model.rowCount(), 2);
        model.sort(SlaTableModel::ProductColumn, Qt::DescendingOrder);
        QTRY_VERIFY(!model.isBusy());
        QCOMPARE(model.index(0, SlaTableModel::ProductColumn).data().toString(), QStringLiteral("Order Events"));
        QCOMPARE(model.productIdAt(0),
                 std::optional<std::int64_t>(model.index(0, 0).data(SlaTableModel::ProductIdRole).toLongLong()));
    }

    void model_pagesLargeResults()
    {
        const QString path = test::generatedCache(m_dir.path(), 1500);
        QVERIFY(!path.isEmpty());
        Database db;
        const auto snap = test::cacheHealth(path, db);
        QVERIFY(snap && snap->objectives.size() > 1000);
        SlaTableModel model(db, path);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(snap);
        QTRY_VERIFY(!model.isBusy());
        QCOMPARE(model.totalRows(), snap->objectives.size());
        QCOMPARE(model.rowCount(), 1000);
        while (model.canFetchMore({})) {
            model.fetchMore({});
        }
        QCOMPARE(static_cast<std::size_t>(model.rowCount()), snap->objectives.size());
        // Ascending compliance: never decreasing, absent values last.
        double previous = -1;
        bool absentSeen = false;
        for (int r = 0; r < model.rowCount(); r += 7) {
            const QString text = model.index(r, SlaTableModel::ComplianceColumn).data().toString();
            if (text.isEmpty()) {
                absentSeen = true;
                continue;
            }
            QVERIFY(!absentSeen);
            const double v = QLocale().toDouble(text.chopped(2));
            QVERIFY(v >= previous);
            previous = v;
        }
    }
};

QTEST_GUILESS_MAIN(TestSlaTableModel)
#include "tst_slatablemodel.moc"
