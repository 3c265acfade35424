// The rank and page steps of a ranked search (models/search/searchranking.h): candidates merged by product, ordered
// best first with the page's reach extended over ties, and the page read in tier, score, name order with its
// offset and limit. Candidates are made up here; the page step runs over a table of names in memory.

#include "models/search/searchranking.h"
#include "models/store/database.h"

#include <QTest>

using namespace meshlens;
using namespace meshlens::models;

namespace {

QList<std::int64_t> idsOf(const RankedCandidates &ranked)
{
    QList<std::int64_t> out;
    for (const auto &[id, candidate] : ranked.order) {
        out << id;
    }
    return out;
}

QList<std::int64_t> idsOf(const SearchResult &result)
{
    QList<std::int64_t> out;
    for (const SearchHit &hit : result.hits) {
        out << hit.product.id;
    }
    return out;
}

} // namespace

class TestSearchRanking final : public QObject
{
    Q_OBJECT

private:
    Database m_db;

    // Candidates whose ties the names break against the ids: 2 "beta" and 3 "Alpha" tie on tier and score.
    static SearchCandidates tiedCandidates()
    {
        SearchCandidates c;
        c.insert(1, SearchCandidate{0, 0});
        c.insert(2, SearchCandidate{3, 1.5});
        c.insert(3, SearchCandidate{3, 1.5});
        c.insert(4, SearchCandidate{3, 2.5});
        c.insert(5, SearchCandidate{2, 0});
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!m_db.open(QStringLiteral(":memory:")));
        QVERIFY(!m_db.exec("CREATE TABLE entries (id INTEGER PRIMARY KEY, name TEXT NOT NULL); "
                           "INSERT INTO entries VALUES (1, 'zeta'), (2, 'beta'), (3, 'Alpha'), (4, 'gamma'), "
                           "(5, 'delta');"));
    }

    void addCandidate_keepsBestTierAndBestScore()
    {
        SearchCandidates c;
        addCandidate(c, 7, 3, 2.0);
        addCandidate(c, 7, 0, 0); // also an exact name: the tier improves, the text score stays
        QCOMPARE(c.value(7).tier, 0);
        QCOMPARE(c.value(7).score, 2.0);
        addCandidate(c, 7, 2, 5.0); // a worse tier never replaces a better one, a better score does
        QCOMPARE(c.value(7).tier, 0);
        QCOMPARE(c.value(7).score, 5.0);
        addCandidate(c, 8, 3, 1.0);
        QCOMPARE(c.size(), 2);
    }

    void rankCandidates_ordersByTierThenScoreThenId()
    {
        SearchCandidates c = tiedCandidates();
        c.insert(6, SearchCandidate{3, 0.5});
        const RankedCandidates ranked = rankCandidates(c, 0, 20);
        QCOMPARE(idsOf(ranked), (QList<std::int64_t>{1, 5, 4, 2, 3, 6}));
        QCOMPARE(ranked.end, std::size_t{6}); // fewer candidates than the page wants: all of them
    }

    void rankCandidates_pageReachesOverTies_data()
    {
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("end");
        // Ranked: 1, 5, 4, then 2 and 3 tied.
        QTest::newRow("page ends before the tie") << 0 << 3 << 3;
        QTest::newRow("page ends inside the tie") << 0 << 4 << 5;
        QTest::newRow("offset into the tie") << 3 << 1 << 5;
        QTest::newRow("empty page") << 0 << 0 << 0;
    }

    void rankCandidates_pageReachesOverTies()
    {
        QFETCH(int, offset);
        QFETCH(int, limit);
        QFETCH(int, end);
        QCOMPARE(rankCandidates(tiedCandidates(), offset, limit).end, static_cast<std::size_t>(end));
    }

    void rankedPage_breaksTiesByNameAndPages_data()
    {
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QList<std::int64_t>>("ids");
        // 3 "Alpha" before 2 "beta" (NOCASE), though 2 ranks first by id.
        QTest::newRow("first four") << 0 << 4 << QList<std::int64_t>{1, 5, 4, 3};
        QTest::newRow("all") << 0 << 10 << QList<std::int64_t>{1, 5, 4, 3, 2};
        QTest::newRow("second page of two") << 2 << 2 << QList<std::int64_t>{4, 3};
        QTest::newRow("last") << 4 << 2 << QList<std::int64_t>{2};
        QTest::newRow("past the end") << 5 << 2 << QList<std::int64_t>{};
    }

    void rankedPage_breaksTiesByNameAndPages()
    {
        QFETCH(int, offset);
        QFETCH(int, limit);
        QFETCH(QList<std::int64_t>, ids);
        const RankedCandidates ranked = rankCandidates(tiedCandidates(), offset, limit);
        SearchResult result;
        rankedPage(m_db, ranked, offset, limit, result);
        QVERIFY(!result.error);
        QCOMPARE(idsOf(result), ids);
    }

    void rankedPage_carriesTierAndScore()
    {
        SearchResult result;
        rankedPage(m_db, rankCandidates(tiedCandidates(), 0, 3), 0, 3, result);
        QCOMPARE(result.hits.size(), 3);
        QCOMPARE(result.hits[0].tier, 0);
        QCOMPARE(result.hits[1].tier, 2);
        QCOMPARE(result.hits[2].tier, 3);
        QCOMPARE(result.hits[2].textScore, 2.5);
    }

    void rankedPage_reportsAStepError()
    {
        // Names that fail as they are read (abs() of the smallest integer overflows): the error is the result's.
        Database broken;
        QVERIFY(!broken.open(QStringLiteral(":memory:")));
        QVERIFY(!broken.exec("CREATE VIEW entries AS SELECT 1 AS id, abs(-9223372036854775807 - 1) AS name"));
        SearchResult result;
        rankedPage(broken, rankCandidates(tiedCandidates(), 0, 3), 0, 3, result);
        QVERIFY(result.error);
    }
};

QTEST_GUILESS_MAIN(TestSearchRanking)
#include "tst_searchranking.moc"
