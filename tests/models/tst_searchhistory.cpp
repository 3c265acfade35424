// Saved and recent searches persist in the cache's local_state table.

#include "models/search/searchhistory.h"
#include "models/store/schema.h"

#include <QTemporaryDir>
#include <QTest>

using namespace meshlens::models;

class TestSearchHistory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savedSearches_persistAcrossConnections()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.db"));
        {
            Database db;
            QVERIFY(!db.open(path));
            QVERIFY(!Schema::migrate(db));
            SearchHistory h(db);
            QVERIFY(h.saved().isEmpty());
            QVERIFY(!h.save(QStringLiteral("PII in sales"), QStringLiteral("domain:sales tag:pii")));
            QVERIFY(!h.save(QStringLiteral("Gold"), QStringLiteral("tag:gold")));
            QVERIFY(!h.save(QStringLiteral("gold"), QStringLiteral("tag:gold tier:1"))); // same name: replaced
            QVERIFY(h.save(QStringLiteral("  "), QStringLiteral("x")));                  // a name is required
        }
        Database db;
        QVERIFY(!db.open(path));
        SearchHistory h(db);
        const QList<SearchHistory::Saved> expected = {
            {QStringLiteral("PII in sales"), QStringLiteral("domain:sales tag:pii")},
            {QStringLiteral("Gold"), QStringLiteral("tag:gold tier:1")}};
        QCOMPARE(h.saved(), expected);
        QVERIFY(!h.remove(QStringLiteral("Gold")));
        QCOMPARE(h.saved().size(), 1);
    }

    void recentSearches_mostRecentFirstWithoutDuplicatesBounded()
    {
        Database db;
        QVERIFY(!db.open(QStringLiteral(":memory:")));
        QVERIFY(!Schema::migrate(db));
        SearchHistory h(db);
        QVERIFY(!h.addRecent(QStringLiteral("orders")));
        QVERIFY(!h.addRecent(QStringLiteral("revenue")));
        QVERIFY(!h.addRecent(QStringLiteral(" orders ")));
        QVERIFY(!h.addRecent(QStringLiteral("   "))); // nothing typed: not recorded
        QCOMPARE(h.recent(), (QStringList{QStringLiteral("orders"), QStringLiteral("revenue")}));
        for (int i = 0; i < 40; ++i) {
            QVERIFY(!h.addRecent(QStringLiteral("q%1").arg(i)));
        }
        QCOMPARE(h.recent().size(), SearchHistory::kMaxRecent);
        QCOMPARE(h.recent().front(), QStringLiteral("q39"));
    }
};

QTEST_GUILESS_MAIN(TestSearchHistory)
#include "tst_searchhistory.moc"
