// The plan step of the search engine (SearchEngine::plan): from a parsed query and the options, listing or ranked,
// the FTS5 expressions (words over the text columns, filters as facet tokens), the matching products as SQL, which
// filters the full-text query cannot carry, and a ranked query's scan sizing and IDFs from the vocabulary. Runs on
// the sample catalog (three products), whose vocabulary counts are small enough to reason about.

#include "models/search/searchengine.h"
#include "models/store/database.h"
#include "support/testsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using namespace meshlens::models;

namespace {

const QString kJoinedFts = QStringLiteral("entry_fts f JOIN entries e ON e.id = f.rowid");
// The facet token of status "active": 0fs and the hex of its UTF-8 (CatalogWriter's facets column).
const QString kActiveFts = QStringLiteral("{facets} : (\"0fs616374697665\")");

} // namespace

class TestSearchPlan final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;

    SearchPlan plan(const QString &text, const SearchOptions &options = {})
    {
        return SearchEngine(m_db).plan(SearchQuery::parse(text), options);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString bundle = m_dir.filePath(QStringLiteral("sample.ndjson"));
        QVERIFY(test::writeFile(bundle, test::sampleBundle()));
        const QString path = m_dir.filePath(QStringLiteral("sample.db"));
        const SyncResult r = test::syncNow(path, bundle);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(test::openCache(m_db, path), QString());
    }

    void listing_withoutTextOrWhenSortedByColumn_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("listing");
        const int relevance = static_cast<int>(SearchOptions::Sort::Relevance);
        QTest::newRow("empty") << QString() << relevance << true;
        QTest::newRow("a word") << QStringLiteral("orders ") << relevance << false;
        QTest::newRow("a word, sorted by name") << QStringLiteral("orders ") << int(SearchOptions::Sort::Name) << true;
        QTest::newRow("a word, sorted by tier") << QStringLiteral("orders ") << int(SearchOptions::Sort::Tier) << true;
        QTest::newRow("a filter alone") << QStringLiteral("status:active") << relevance << true;
        QTest::newRow("an exclusion alone") << QStringLiteral("-shop") << relevance << true;
        QTest::newRow("one typed character") << QStringLiteral("o") << relevance << false;
    }

    void listing_withoutTextOrWhenSortedByColumn()
    {
        QFETCH(QString, text);
        QFETCH(int, sort);
        QFETCH(bool, listing);
        SearchOptions options;
        options.sort = static_cast<SearchOptions::Sort>(sort);
        const SearchPlan p = plan(text, options);
        QCOMPARE(p.listing, listing);
        // Only a ranked query with words counts while it scans.
        QCOMPARE(p.countWithCandidates, !listing && !p.fullFts.isEmpty());
    }

    void words_matchTextColumnsAndCarryTokenFilters()
    {
        const SearchQuery q = SearchQuery::parse(QStringLiteral("orders status:active "));
        const SearchPlan p = SearchEngine(m_db).plan(q);
        QCOMPARE(p.textFts,
                 q.ftsExpression(QStringLiteral("name display_name tags domain owners description columns")));
        QCOMPARE(p.facetsFts, kActiveFts);
        QCOMPARE(p.fullFts, QStringLiteral("(%1) AND %2").arg(p.textFts, kActiveFts));
        QVERIFY(p.filter.allInFts);
        QVERIFY(!p.residual);
        QVERIFY(p.countWithCandidates);
        // The matching products are driven from the full-text index, the whole query bound as the last value.
        QCOMPARE(p.matches.from, kJoinedFts);
        QVERIFY2(p.matches.where.endsWith(QStringLiteral(" AND f.entry_fts MATCH ?%1").arg(p.matches.values.size())),
                 qPrintable(p.matches.where));
        QCOMPARE(std::get<QString>(p.matches.values.back()), p.fullFts);
    }

    void filterAlone_readsItsFacetDoclist()
    {
        const SearchPlan p = plan(QStringLiteral("status:active"));
        QVERIFY(p.fullFts.isEmpty());
        QCOMPARE(p.facetsFts, kActiveFts);
        QCOMPARE(p.matches.from, kJoinedFts);
        QCOMPARE(p.matches.where, QStringLiteral("f.entry_fts MATCH ?1"));
        QCOMPARE(p.matches.values.size(), std::size_t{1});
        QCOMPARE(std::get<QString>(p.matches.values.front()), kActiveFts);
        // Two of the three products are active: the vocabulary says so before anything is read.
        QCOMPARE(p.filter.estimate, 2);
    }

    void unknownFilterValue_matchesNothing()
    {
        QCOMPARE(plan(QStringLiteral("domain:nowhere")).facetsFts, QStringLiteral("{facets} : (\"0fnone\")"));
    }

    void residual_whenTheFullTextQueryCannotCarryAFilter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("residual");
        QTest::addColumn<bool>("allInFts");
        QTest::newRow("has: with a word") << QStringLiteral("orders has:sla ") << true << false;
        QTest::newRow("has: alone") << QStringLiteral("has:sla") << true << false;
        QTest::newRow("an exclusion alone") << QStringLiteral("-shop") << true << false;
        QTest::newRow("a word and an exclusion") << QStringLiteral("orders -shop ") << false << false;
        QTest::newRow("a word and a tag") << QStringLiteral("orders tag:pii ") << false << true;
    }

    void residual_whenTheFullTextQueryCannotCarryAFilter()
    {
        QFETCH(QString, text);
        const SearchPlan p = plan(text);
        QTEST(p.residual, "residual");
        QTEST(p.filter.allInFts, "allInFts");
        if (!p.filter.allInFts && p.fullFts.isEmpty()) {
            // Not all in FTS5 and no words: the products are entries filtered in SQL.
            QCOMPARE(p.matches.from, QStringLiteral("entries e"));
        }
    }

    void rareExclusion_isReadAsASet()
    {
        // "shop" is in one product, far below kExclusionSet: its products are read once, not probed per row.
        const SearchPlan p = plan(QStringLiteral("orders -shop "));
        QVERIFY2(p.filter.sql.where.contains(QStringLiteral("e.id NOT IN (SELECT rowid FROM entry_fts")),
                 qPrintable(p.filter.sql.where));
        SearchEngine engine(m_db);
        engine.setExclusionSetCap(0);
        const SearchPlan probed = engine.plan(SearchQuery::parse(QStringLiteral("orders -shop ")));
        QVERIFY2(probed.filter.sql.where.contains(QStringLiteral("NOT EXISTS (SELECT 1 FROM entry_fts x")),
                 qPrintable(probed.filter.sql.where));
    }

    void oneTypedCharacter_matchesNamePrefixes()
    {
        const SearchPlan p = plan(QStringLiteral("o"));
        QVERIFY(p.fullFts.isEmpty());
        QVERIFY(!p.countWithCandidates);
        QCOMPARE(p.matches.from, QStringLiteral("entries e"));
        QVERIFY2(p.matches.where.contains(QStringLiteral("e.name >= ?1 COLLATE NOCASE AND e.name < ?2 COLLATE NOCASE")),
                 qPrintable(p.matches.where));
        QCOMPARE(std::get<QString>(p.matches.values.at(0)), QStringLiteral("o"));
        QCOMPARE(std::get<QString>(p.matches.values.at(1)), QStringLiteral("o") + QChar(0xDBFF) + QChar(0xDFFF));
    }

    void listingOrder_followsTheSort_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QString>("order");
        QTest::newRow("name") << int(SearchOptions::Sort::Name) << false
                              << QStringLiteral("e.name COLLATE NOCASE, e.id");
        QTest::newRow("name, descending")
            << int(SearchOptions::Sort::Name) << true << QStringLiteral("e.name COLLATE NOCASE DESC, e.id DESC");
        QTest::newRow("status, descending")
            << int(SearchOptions::Sort::Status) << true
            << QStringLiteral("e.status COLLATE NOCASE DESC, e.name COLLATE NOCASE, e.id");
        QTest::newRow("tier") << int(SearchOptions::Sort::Tier) << false
                              << QStringLiteral("e.tier, e.name COLLATE NOCASE, e.id");
    }

    void listingOrder_followsTheSort()
    {
        QFETCH(int, sort);
        QFETCH(bool, descending);
        QFETCH(QString, order);
        SearchOptions options;
        options.sort = static_cast<SearchOptions::Sort>(sort);
        options.descending = descending;
        QCOMPARE(orderBy(plan(QString(), options).order), order);
    }

    void ranked_sizesScansFromTheVocabulary_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("estimate");
        QTest::addColumn<qint64>("reads");
        QTest::addColumn<QString>("idfArgs");
        // Three products: "forecast" is in one, "shop" in one, "revenue" and "orders" in two. IDF is
        // log((3 - n + 0.5) / (n + 0.5)), at least 1e-6: 0.510826 for one product.
        QTest::newRow("one word: one doclist, never walked")
            << QStringLiteral("forecast ") << qint64(1) << qint64(0) << QStringLiteral(", 0.510826");
        QTest::newRow("two words: the rarer bounds, both are walked")
            << QStringLiteral("revenue shop ") << qint64(1) << qint64(3) << QStringLiteral(", 1e-06, 0.510826");
        QTest::newRow("a word and a filter token")
            << QStringLiteral("orders status:active ") << qint64(2) << qint64(4) << QStringLiteral(", 1e-06");
    }

    void ranked_sizesScansFromTheVocabulary()
    {
        QFETCH(QString, text);
        QFETCH(qint64, estimate);
        QFETCH(qint64, reads);
        QFETCH(QString, idfArgs);
        const SearchPlan p = plan(text);
        QVERIFY(!p.listing);
        QCOMPARE(p.estimate, estimate);
        QCOMPARE(p.reads, reads);
        QCOMPARE(p.idfArgs, idfArgs);
    }

    void listing_leavesRankedSizingOut()
    {
        const SearchPlan p = plan(QStringLiteral("status:active"));
        QVERIFY(p.listing);
        QCOMPARE(p.idfArgs, QString());
        QCOMPARE(p.estimate, 0);
        QCOMPARE(p.reads, 0);
    }
};

QTEST_GUILESS_MAIN(TestSearchPlan)
#include "tst_searchplan.moc"
