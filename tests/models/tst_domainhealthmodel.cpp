// Tests for DomainHealthModel: per-domain counts, mean health, band distribution and sorting.

#include "models/health/healthsnapshot.h"
#include "models/itemmodels/domainhealthmodel.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using namespace meshlens::models;

class TestDomainHealthModel : public QObject
{
    Q_OBJECT

private slots:
    void domains_withDistribution_sorted()
    {
        QTemporaryDir dir;
        Database db;
        const auto snap = test::sampleHealth(dir.filePath(QStringLiteral("d.db")), db);
        QVERIFY(snap);

        DomainHealthModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(snap);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, DomainHealthModel::NameColumn).data().toString(), QStringLiteral("Finance"));
        QCOMPARE(model.index(0, DomainHealthModel::ProductsColumn).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(0, DomainHealthModel::ScoreColumn).data().toString(), QStringLiteral("54"));
        QCOMPARE(model.index(0, DomainHealthModel::UnhealthyColumn).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(0, DomainHealthModel::DistributionColumn).data().toString(),
                 QStringLiteral("0.0 % / 0.0 % / 100.0 %"));
        QCOMPARE(model.index(0, 0).data(DomainHealthModel::BandsRole).toList().value(2).toLongLong(), 2);
        QCOMPARE(model.index(1, DomainHealthModel::WorstColumn).data().toInt(), 80);

        const QPersistentModelIndex sales = model.index(1, 0);
        model.sort(DomainHealthModel::ScoreColumn, Qt::DescendingOrder);
        QCOMPARE(model.index(0, DomainHealthModel::NameColumn).data().toString(), QStringLiteral("Sales"));
        QCOMPARE(sales.row(), 0);
        QCOMPARE(*model.domainAt(0), model.index(0, 0).data(DomainHealthModel::DomainIndexRole).toInt());
        model.sort(DomainHealthModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(model.index(0, DomainHealthModel::NameColumn).data().toString(), QStringLiteral("Finance"));
    }
};

QTEST_GUILESS_MAIN(TestDomainHealthModel)
#include "tst_domainhealthmodel.moc"
