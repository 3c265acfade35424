// Tests for ProductHealthModel: a party's products with roles and health, names read lazily, paging, sorting.

#include "models/health/healthsnapshot.h"
#include "models/itemmodels/producthealthmodel.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using namespace meshlens::models;

class TestProductHealthModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;
    std::shared_ptr<const HealthSnapshot> m_snap;

private slots:
    void initTestCase()
    {
        m_snap = test::sampleHealth(m_dir.filePath(QStringLiteral("p.db")), m_db);
        QVERIFY(m_snap);
    }

    void partyProducts_withRolesAndHealth()
    {
        ProductHealthModel model(m_db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.showParty(m_snap, *m_snap->findParty(QStringLiteral("alan")), std::nullopt);
        QCOMPARE(model.rowCount(), 2);
        model.sort(ProductHealthModel::ScoreColumn, Qt::AscendingOrder);
        QCOMPARE(model.index(0, ProductHealthModel::NameColumn).data().toString(), QStringLiteral("Revenue Forecast"));
        QCOMPARE(model.index(0, ProductHealthModel::RoleColumn).data().toString(), QStringLiteral("owner"));
        QCOMPARE(model.index(0, ProductHealthModel::ScoreColumn).data().toInt(), 47);
        QCOMPARE(model.index(0, ProductHealthModel::SlaColumn).data().toString(), QString()); // no SLA: blank
        QCOMPARE(model.index(1, ProductHealthModel::NameColumn).data().toString(), QStringLiteral("Daily Revenue"));
        QCOMPARE(model.index(1, ProductHealthModel::RoleColumn).data().toString(), QStringLiteral("expert"));
        QCOMPARE(model.index(1, ProductHealthModel::IncidentsColumn).data().toInt(), 1);
        QCOMPARE(model.index(1, ProductHealthModel::DomainColumn).data().toString(), QStringLiteral("Finance"));
        QVERIFY(model.index(1, ProductHealthModel::ScoreColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("Open incidents")));
        QCOMPARE(model.productIdAt(1),
                 std::optional<std::int64_t>(model.index(1, 0).data(ProductHealthModel::ProductIdRole).toLongLong()));
        model.showParty(m_snap, *m_snap->findParty(QStringLiteral("alan")), OwnerRole::Expert);
        QCOMPARE(model.rowCount(), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void largeLists_arePagedAndSortedInFull()
    {
        const QString path = test::generatedCache(m_dir.path(), 1200);
        QVERIFY(!path.isEmpty());
        Database db;
        const auto snap = test::cacheHealth(path, db);
        QVERIFY(snap);
        std::vector<ProductHealthModel::Row> rows;
        for (std::size_t i = 0; i < snap->products.size(); ++i) {
            rows.push_back({static_cast<std::int32_t>(i), -1});
        }
        ProductHealthModel model(db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(snap, rows);
        QCOMPARE(model.totalRows(), size_t(1200));
        QCOMPARE(model.rowCount(), 500);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 1200);
        QVERIFY(!model.canFetchMore({}));
        // Sorting orders every row, not only the fetched ones: the first row is the catalog's worst product.
        model.sort(ProductHealthModel::ScoreColumn, Qt::AscendingOrder);
        QCOMPARE(model.rowCount(), 500);
        int worst = 100;
        for (const ProductHealthRow &p : snap->products) {
            worst = std::min<int>(worst, p.score);
        }
        QCOMPARE(model.index(0, ProductHealthModel::ScoreColumn).data().toInt(), worst);
        QVERIFY(!model.index(0, ProductHealthModel::NameColumn).data().toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProductHealthModel)
#include "tst_producthealthmodel.moc"
