// Tests for OwnersModel: parties with what they answer for, filtered by role, identity and text, sorted.

#include "models/health/healthsnapshot.h"
#include "models/itemmodels/ownersmodel.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using namespace meshlens::models;

class TestOwnersModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const HealthSnapshot> m_snap;

    static QStringList names(const OwnersModel &m)
    {
        QStringList out;
        for (int r = 0; r < m.rowCount(); ++r) {
            out << m.index(r, OwnersModel::NameColumn).data().toString();
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        Database db;
        m_snap = test::sampleHealth(m_dir.filePath(QStringLiteral("o.db")), db);
        QVERIFY(m_snap);
    }

    void listsPartiesWithProducts_byName()
    {
        OwnersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setSnapshot(m_snap);
        QCOMPARE(names(model), (QStringList{QStringLiteral("Ada Lovelace"), QStringLiteral("Alan Turing"),
                                            QStringLiteral("Finance Data"), QStringLiteral("Grace Hopper"),
                                            QStringLiteral("Sales Engineering")}));
        const int alan = 1;
        QCOMPARE(model.index(alan, OwnersModel::RolesColumn).data().toString(), QStringLiteral("1 owner · 1 expert"));
        QCOMPARE(model.index(alan, OwnersModel::ProductsColumn).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(alan, OwnersModel::ScoreColumn).data().toString(), QStringLiteral("54"));
        QCOMPARE(model.index(alan, OwnersModel::TeamColumn).data().toString(), QStringLiteral("Finance Data"));
        QCOMPARE(model.index(2, OwnersModel::KindColumn).data().toString(), QStringLiteral("team"));
        QCOMPARE(model.index(2, OwnersModel::IncidentsColumn).data().toString(), QStringLiteral("1"));
    }

    void roleFilter_showsThatRolesRollup()
    {
        OwnersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(m_snap);
        model.setRoleFilter(OwnerRole::Expert);
        QCOMPARE(names(model), QStringList{QStringLiteral("Alan Turing")});
        QCOMPARE(model.index(0, OwnersModel::ScoreColumn).data().toString(), QStringLiteral("61")); // revenue only
        model.setRoleFilter(OwnerRole::Steward);
        QCOMPARE(names(model), QStringList{QStringLiteral("Grace Hopper")});
        model.setRoleFilter(std::nullopt);
        QCOMPARE(model.rowCount(), 5);
    }

    void partyAndTextFilters()
    {
        OwnersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(m_snap);
        const auto ada = m_snap->findParty(QStringLiteral("ada@example.com"));
        model.setPartyFilter(ada);
        QCOMPARE(names(model), QStringList{QStringLiteral("Ada Lovelace")});
        QCOMPARE(model.partyAt(0), ada);
        model.setPartyFilter(std::nullopt);
        model.setTextFilter(QStringLiteral("fin")); // a team's name, and people in that team
        QCOMPARE(names(model), (QStringList{QStringLiteral("Alan Turing"), QStringLiteral("Finance Data"),
                                            QStringLiteral("Grace Hopper")}));
    }

    void sortsByHealth()
    {
        OwnersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(m_snap);
        const QPersistentModelIndex alan = model.index(1, 0);
        model.sort(OwnersModel::ScoreColumn, Qt::AscendingOrder);
        // Alan 54, Finance Data 61, then Ada / Grace / Sales Engineering 80 (ties by name order).
        QCOMPARE(names(model).mid(0, 2), (QStringList{QStringLiteral("Alan Turing"), QStringLiteral("Finance Data")}));
        QCOMPARE(alan.row(), 0); // persistent indexes follow their rows
        model.sort(OwnersModel::ScoreColumn, Qt::DescendingOrder);
        QCOMPARE(names(model).last(), QStringLiteral("Alan Turing"));
    }
};

QTEST_GUILESS_MAIN(TestOwnersModel)
#include "tst_ownersmodel.moc"
