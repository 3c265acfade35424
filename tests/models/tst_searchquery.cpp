// The query language: what parse() understands, and that no input — FTS5 or SQL syntax, stray quotes, huge or
// broken text — is ever an error, a crash, or reaches FTS5 as anything but quoted strings.

#include "models/search/searchquery.h"
#include "models/store/database.h"
#include "models/store/schema.h"

#include <QTest>

using namespace meshlens::models;
using Field = SearchQuery::Field;
using namespace Qt::StringLiterals;

class TestSearchQuery final : public QObject
{
    Q_OBJECT

private:
    Database m_db;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!m_db.open(QStringLiteral(":memory:")));
        QVERIFY(!Schema::migrate(m_db));
        QVERIFY(!m_db.exec("INSERT INTO entry_fts(rowid, name) VALUES (1, 'near x'), (2, 'select from entries')"));
    }

    void parse_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("phrases");
        QTest::addColumn<QStringList>("excluded");
        QTest::addColumn<QString>("filters"); // "field=value;..."
        QTest::addColumn<bool>("prefix");

        QTest::newRow("words, last a prefix")
            << u"order ev"_s << QStringList{u"order"_s, u"ev"_s} << QStringList{} << QStringList{} << u""_s << true;
        QTest::newRow("trailing space ends the word") << u"order events "_s << QStringList{u"order"_s, u"events"_s}
                                                      << QStringList{} << QStringList{} << u""_s << false;
        QTest::newRow("phrase") << u"\"order events\" emea"_s << QStringList{u"emea"_s}
                                << QStringList{u"order events"_s} << QStringList{} << u""_s << true;
        QTest::newRow("exclude word and phrase")
            << u"orders -test -\"dev copy\""_s << QStringList{u"orders"_s} << QStringList{}
            << QStringList{u"test"_s, u"dev copy"_s} << u""_s << false;
        QTest::newRow("fields") << u"domain:sales owner:ana.lima tag:pii status:active tier:1 source:bundle has:sla"_s
                                << QStringList{} << QStringList{} << QStringList{}
                                << u"domain=sales;owner=ana.lima;tag=pii;status=active;tier=1;source=bundle;has=sla"_s
                                << false;
        QTest::newRow("field names are case-insensitive, quoted values")
            << u"Owner:\"Data Platform\" x"_s << QStringList{u"x"_s} << QStringList{} << QStringList{}
            << u"owner=Data Platform"_s << true;
        QTest::newRow("tier t1") << u"tier:t1"_s << QStringList{} << QStringList{} << QStringList{} << u"tier=1"_s
                                 << false;
        QTest::newRow("unknown field is text")
            << u"color:red"_s << QStringList{u"color:red"_s} << QStringList{} << QStringList{} << u""_s << true;
        QTest::newRow("unknown has: is text")
            << u"has:cats"_s << QStringList{u"has:cats"_s} << QStringList{} << QStringList{} << u""_s << true;
        QTest::newRow("tier without a number is text")
            << u"tier:gold"_s << QStringList{u"tier:gold"_s} << QStringList{} << QStringList{} << u""_s << true;
        QTest::newRow("empty field value is text")
            << u"domain:"_s << QStringList{u"domain:"_s} << QStringList{} << QStringList{} << u""_s << true;
        QTest::newRow("stray quote degrades to words") << u"\"order events"_s << QStringList{u"order"_s, u"events"_s}
                                                       << QStringList{} << QStringList{} << u""_s << true;
        QTest::newRow("operators are words")
            << u"a AND b OR NOT c"_s << QStringList{u"a"_s, u"AND"_s, u"b"_s, u"OR"_s, u"NOT"_s, u"c"_s}
            << QStringList{} << QStringList{} << u""_s << true;
        QTest::newRow("lone dash and punctuation dropped")
            << u"- * ^ ( ) orders"_s << QStringList{u"orders"_s} << QStringList{} << QStringList{} << u""_s << true;
        QTest::newRow("hyphenated word is not an exclusion")
            << u"e-commerce"_s << QStringList{u"e-commerce"_s} << QStringList{} << QStringList{} << u""_s << true;
        QTest::newRow("unicode") << u"магазин 注文"_s << QStringList{u"магазин"_s, u"注文"_s} << QStringList{}
                                 << QStringList{} << u""_s << true;
    }

    void parse()
    {
        QFETCH(QString, input);
        QFETCH(QStringList, words);
        QFETCH(QStringList, phrases);
        QFETCH(QStringList, excluded);
        QFETCH(QString, filters);
        QFETCH(bool, prefix);
        const SearchQuery q = SearchQuery::parse(input);
        QCOMPARE(q.words, words);
        QCOMPARE(q.phrases, phrases);
        QCOMPARE(q.excluded, excluded);
        QStringList got;
        for (const auto &f : q.filters) {
            got << SearchQuery::fieldName(f.field) + QLatin1Char('=') + f.value;
        }
        QCOMPARE(got.join(QLatin1Char(';')), filters);
        QCOMPARE(q.lastWordIsPrefix, prefix);
    }

    void ftsExpression_quotesEverything()
    {
        const SearchQuery q = SearchQuery::parse(QStringLiteral("say \"hi\" -bad ab"));
        QCOMPARE(q.ftsExpression(), QStringLiteral("\"say\" \"ab\" * \"hi\" NOT \"bad\""));
        QCOMPARE(SearchQuery::parse(QStringLiteral("a\"b cd ")).ftsExpression(), QStringLiteral("\"a\"\"b\" \"cd\""));
        QCOMPARE(q.ftsExpression(QStringLiteral("name display_name")),
                 QStringLiteral("{name display_name} : (\"say\" \"ab\" * \"hi\") NOT \"bad\""));
        // One typed character is not a prefix search (the name-prefix tier answers it).
        QCOMPARE(SearchQuery::parse(QStringLiteral("orders e")).ftsExpression(), QStringLiteral("\"orders\""));
    }

    void roundTrip()
    {
        // The last three were found by fuzz_searchquery: a word still being typed after a phrase or an exclusion
        // was written before them, and stopped being a prefix on the way back.
        for (const char *text : {"domain:sales orders -test", "owner:\"Data Platform\" tier:2 x", "\"a b\" c ",
                                 "\"order events-tl e\"t", "-old -draft ord", "ord -draft \"a b\" cus",
                                 // A stray quote before an exclusion or a filter (fuzz_searchquery too).
                                 "o \"bca -kents", "e \" -fifi a$", "\"domain:sales x"}) {
            const SearchQuery q = SearchQuery::parse(QString::fromUtf8(text));
            const SearchQuery again = SearchQuery::parse(q.toString());
            QCOMPARE(again.words, q.words);
            QCOMPARE(again.phrases, q.phrases);
            QCOMPARE(again.excluded, q.excluded);
            QCOMPARE(again.filters, q.filters);
            QCOMPARE(again.lastWordIsPrefix, q.lastWordIsPrefix);
        }
    }

    void filterLikeWords_settleAfterOneToString()
    {
        // Found by fuzz_searchquery: a field name whose quoted value is no filter ("owner:\"!\"x", "domain:\"")
        // is a word; written back, it must not swallow the quotes of what follows.
        for (const char *text : {"domain:\" bi n \"bin -aa", "owner:\"!\"abc \"a b\"", "tier:\"gold\" x \"y z\""}) {
            const SearchQuery canonical = SearchQuery::parse(SearchQuery::parse(QString::fromUtf8(text)).toString());
            QCOMPARE(SearchQuery::parse(canonical.toString()), canonical);
        }
        QCOMPARE(SearchQuery::parse(u"domain:\" x"_s).words, (QStringList{u"domain:"_s, u"x"_s}));
    }

    void hostileInput_neverAnErrorNeverACrash_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("quotes") << u"\"\"\" \" \"\""_s;
        QTest::newRow("parentheses") << u"((orders) OR (events)"_s;
        QTest::newRow("NEAR") << u"NEAR(order events, 2)"_s;
        QTest::newRow("NEAR group") << u"NEAR(\"a\" \"b\")"_s;
        QTest::newRow("star") << u"* ord* *ers **"_s;
        QTest::newRow("caret") << u"^order ^"_s;
        QTest::newRow("column filter") << u"name:orders {name description}: x - name : y"_s;
        QTest::newRow("column filter braces") << u"{name} : orders"_s;
        QTest::newRow("fts5 special") << u"entry_fts MATCH 'x' rank bm25("_s;
        QTest::newRow("sql injection") << u"'; DROP TABLE entries; --"_s;
        QTest::newRow("sql union") << u"x' UNION SELECT * FROM sqlite_master --"_s;
        QTest::newRow("colon soup") << u":::: domain:: :x owner:\""_s;
        QTest::newRow("dash soup") << u"-- - -\" -"_s;
        QTest::newRow("nul and controls") << QString::fromUtf8("ord\0ers\x01\x1b[31m", 15);
        QTest::newRow("lone surrogate") << QString(QChar(0xD800)) + u"abc"_s + QChar(0xDC00);
        QTest::newRow("emoji") << u"🦀 orders 👩‍👩‍👧"_s;
        QTest::newRow("rtl and combining") << u"مرحبا e\u0301\u0301\u0301 \u200f"_s;
        QTest::newRow("10 kB of words") << u"orders "_s.repeated(1500);
        QTest::newRow("10 kB one word") << u"x"_s.repeated(10240);
        QTest::newRow("10 kB of quotes") << u"\""_s.repeated(10240);
        QTest::newRow("10 kB of operators") << u"(* ^ NEAR \" - :"_s.repeated(800);
        // Invalid UTF-8 as it arrives from a command line or a paste: decoded with replacement characters.
        QTest::newRow("invalid utf-8") << QString::fromUtf8("\xff\xfe or\xc3\x28"
                                                            "ders \xed\xa0\x80 \xf8\x88\x80\x80\x80");
    }

    void hostileInput_neverAnErrorNeverACrash()
    {
        QFETCH(QString, input);
        const SearchQuery q = SearchQuery::parse(input);
        QVERIFY(q.words.size() + q.phrases.size() + q.excluded.size() + q.filters.size() <= SearchQuery::kMaxTerms);
        for (const QString &w : q.words) {
            QVERIFY(w.size() <= SearchQuery::kMaxTermLength);
        }
        // Whatever came out is a valid FTS5 query: it runs without an error.
        for (const QString &expr : {q.ftsExpression(), q.ftsExpression(QStringLiteral("name display_name"))}) {
            if (expr.isEmpty()) {
                continue;
            }
            Statement st = m_db.prepare("SELECT count(*) FROM entry_fts WHERE entry_fts MATCH ?1");
            st.bind(1, expr);
            QVERIFY2(st.next(), qPrintable(expr.left(200)));
            QVERIFY2(!st.error(),
                     st.error() ? qPrintable(st.error()->message + QLatin1String(": ") + expr.left(200)) : "");
        }
        const SearchQuery again = SearchQuery::parse(q.toString());
        QCOMPARE(again.words, q.words);
    }
};

QTEST_GUILESS_MAIN(TestSearchQuery)
#include "tst_searchquery.moc"
