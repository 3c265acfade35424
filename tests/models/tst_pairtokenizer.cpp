// The meshlens_pairs tokenizer (models/store/pairtokenizer.h): phrases looked up through word pairs find exactly
// what FTS5's own unicode61 phrase matching finds, on a generated catalog and on hand-written hostile text, in both
// full-text indexes; and the pairs change nothing else (document lengths, prefix queries, the vocabulary).

#include "models/store/database.h"
#include "support/testsupport.h"

#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using namespace meshlens::models;
using namespace Qt::StringLiterals;

namespace {

constexpr const char *kTextColumns[] = {"name", "display_name", "tags", "domain", "owners", "description", "columns"};

QString quoted(const QString &phrase)
{
    return QLatin1Char('"') + QString(phrase).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
}

QList<std::int64_t> rowids(Database &db, const QString &table, const QString &match)
{
    QList<std::int64_t> out;
    Statement st =
        db.prepare(QStringLiteral("SELECT rowid FROM %1 WHERE %1 MATCH ?1 ORDER BY rowid").arg(table).toStdString());
    st.bind(1, match);
    while (st.next()) {
        out << st.int64(0);
    }
    if (st.error()) {
        qWarning() << "query" << match << "on" << table << "failed:" << st.error()->message;
        return {-1};
    }
    return out;
}

// The words of a text as unicode61 sees them (runs of letters, digits and marks), as written.
QStringList wordsOf(const QString &text)
{
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}\\p{M}]+"));
    QStringList out;
    for (auto it = word.globalMatch(text); it.hasNext();) {
        out << it.next().captured();
    }
    return out;
}

} // namespace

class TestPairTokenizer final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;
    QStringList m_phrases; // phrases of 2 to 4 words from the documents, and some that are not in them

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString path = test::generatedCache(m_dir.path(), 1500);
        QVERIFY(!path.isEmpty());
        const QString err = test::openCache(m_db, path);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        // Hostile and non-English documents beside the generated ones (entry_fts alone: no catalog rows needed).
        const QStringList hostile = {
            u"Société Générale café|CAFÉ société|données clients|Des données de la Société générale, café compris."_s,
            u"магазин данных|Магазин Данных|розница|Витрина данных магазина: продажи по дням."_s,
            u"ab c|ab|x|ab c, only: pairs of different words must not run into each other."_s,
            u"a bc|bc|x|a bc, only."_s,
            u"data data data|repeated|tags|data data data data, then data."_s,
            u"B2B-91 (APAC) 3|b2b 91 apac 3|x|0fd1 0fd2 look like filter tokens 0fd1 0fd2."_s,
            u"emoji 🎉 party|日本語 テキスト|x|combining e\u0301te\u0301 and precomposed été; zero\u200bwidth."_s,
        };
        std::int64_t rowid = 1'000'000;
        for (const QString &h : hostile) {
            const QStringList parts = h.split(QLatin1Char('|'));
            Statement st = m_db.prepare("INSERT INTO entry_fts(rowid, name, display_name, tags, description) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5)");
            st.bind(1, rowid++).bind(2, parts[0]).bind(3, parts[1]).bind(4, parts[2]).bind(5, parts[3]);
            QVERIFY(st.exec());
        }
        // The same documents under FTS5's own unicode61 tokenizer: what phrase matching means.
        QVERIFY(!m_db.exec("CREATE VIRTUAL TABLE plain_fts USING fts5(name, display_name, tags, domain, owners, "
                           "description, columns, facets, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'); "
                           "INSERT INTO plain_fts(rowid, name, display_name, tags, domain, owners, description, "
                           "columns, facets) SELECT rowid, * FROM entry_fts; "
                           "CREATE VIRTUAL TABLE plain_name_fts USING fts5(name, display_name, content = 'entries', "
                           "content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'); "
                           "INSERT INTO plain_name_fts(plain_name_fts) VALUES ('rebuild');"));

        QSet<QString> phrases;
        Statement docs = m_db.prepare("SELECT name, display_name, tags, domain, owners, description, columns FROM "
                                      "entry_fts WHERE rowid % 7 = 0 OR rowid >= 1000000");
        while (docs.next()) {
            QString previousLast;
            for (int c = 0; c < 7; ++c) {
                const QStringList w = wordsOf(docs.text(c));
                for (qsizetype i = 0; i + 1 < w.size(); ++i) {
                    phrases << w[i] + QLatin1Char(' ') + w[i + 1]; // adjacent
                    phrases << w[i + 1] + QLatin1Char(' ') + w[i]; // reversed
                    if (i + 2 < w.size()) {
                        phrases << w[i] + QLatin1Char(' ') + w[i + 1] + QLatin1Char(' ') + w[i + 2];
                        phrases << w[i] + QLatin1Char(' ') + w[i + 2]; // one word apart
                    }
                    if (i + 3 < w.size() && i % 3 == 0) {
                        phrases << QStringList(w.mid(i, 4)).join(QLatin1Char(' '));
                    }
                }
                if (!previousLast.isEmpty() && !w.isEmpty()) {
                    phrases << previousLast + QLatin1Char(' ') + w.front(); // across two columns: never a phrase
                }
                previousLast = w.isEmpty() ? previousLast : w.back();
            }
        }
        m_phrases = phrases.values();
        m_phrases.sort();
        m_phrases << u"SOCIETE generale"_s << u"donnees  clients"_s << u"магазин-данных"_s << u"a b c"_s
                  << u"data, data"_s << u"b2b 91"_s << u"0fd1 0fd2"_s << u"fd1 0fd2"_s << u"e\u0301te\u0301 and"_s
                  << u"ete and"_s << u"zero width"_s << u"🎉 party"_s << u"テキスト"_s << u"\"\" quoted"_s;
    }

    void phrases_matchWhatUnicode61Matches()
    {
        QVERIFY(m_phrases.size() > 2000);
        int found = 0;
        for (const QString &p : std::as_const(m_phrases)) {
            const QString match = quoted(p);
            const QList<std::int64_t> expected = rowids(m_db, u"plain_fts"_s, match);
            QCOMPARE(rowids(m_db, u"entry_fts"_s, match), expected);
            found += expected.isEmpty() ? 0 : 1;
        }
        // Both kinds are there: phrases that occur and phrases that do not.
        QVERIFY2(found > 1000 && found < m_phrases.size() - 500, qPrintable(QString::number(found)));
    }

    void phrases_inColumnsAndExpressions_matchWhatUnicode61Matches()
    {
        for (qsizetype i = 0; i < m_phrases.size(); i += 5) {
            const QString p = quoted(m_phrases[i]);
            const QString other = quoted(m_phrases[(i * 7 + 3) % m_phrases.size()]);
            const QStringList expressions = {u"{name display_name} : "_s + p,
                                             u"{description columns} : ("_s + p + u" OR "_s + other + u")"_s,
                                             u"data NOT "_s + p,
                                             p + u" AND "_s + other,
                                             u"{facets} : "_s + p,
                                             p + u" *"_s};
            for (const QString &match : expressions) {
                QCOMPARE(rowids(m_db, u"entry_fts"_s, match), rowids(m_db, u"plain_fts"_s, match));
            }
        }
    }

    void namesIndex_phrasesMatchWhatUnicode61Matches()
    {
        int found = 0;
        for (const QString &p : std::as_const(m_phrases)) {
            const QList<std::int64_t> expected = rowids(m_db, u"plain_name_fts"_s, quoted(p));
            QCOMPARE(rowids(m_db, u"entry_name_fts"_s, quoted(p)), expected);
            found += expected.isEmpty() ? 0 : 1;
        }
        QVERIFY(found > 100);
    }

    void pairs_changeNothingElse()
    {
        // Pairs are indexed (the 0xF8 terms), in the text columns only, never in facets.
        QVERIFY(!m_db.exec("CREATE VIRTUAL TABLE temp.pair_instances USING fts5vocab(main, entry_fts, 'instance')"));
        QVERIFY(test::scalar(m_db, "SELECT count(*) FROM temp.pair_instances WHERE term >= CAST(X'F8' AS TEXT)") >
                10000);
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM temp.pair_instances WHERE term >= CAST(X'F8' AS TEXT) "
                                    "AND col = 'facets'"),
                 0);
        // One pair instance per two adjacent words in a column, unless one is a filter-like token (0f...).
        QVERIFY(!m_db.exec("CREATE TEMP TABLE words AS SELECT term, doc, col, \"offset\" AS at FROM "
                           "temp.pair_instances WHERE term < CAST(X'F8' AS TEXT); "
                           "CREATE INDEX temp.words_at ON words(doc, col, at);"));
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM temp.pair_instances WHERE term >= CAST(X'F8' AS TEXT)"),
                 test::scalar(m_db, "SELECT count(*) FROM words a JOIN words b ON b.doc = a.doc AND b.col = a.col AND "
                                    "b.at = a.at + 1 WHERE a.term NOT LIKE '0f%' AND b.term NOT LIKE '0f%'"));
        // Document lengths (BM25's) are the words' alone: the pairs are colocated.
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM entry_fts_docsize a JOIN plain_fts_docsize b USING (id) "
                                    "WHERE a.sz IS NOT b.sz"),
                 0);
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM entry_fts_docsize"),
                 test::scalar(m_db, "SELECT count(*) FROM entries") + 7);
        // Prefix queries (the prefix indexes, and longer prefixes through the terms) never reach a pair.
        for (const char *prefix : {"da", "dat", "data", "cu", "cus", "custo", "so", "ма", "магаз", "0f", "0fd"}) {
            const QString match = QString::fromUtf8(prefix) + u"*"_s;
            QCOMPARE(rowids(m_db, u"entry_fts"_s, match), rowids(m_db, u"plain_fts"_s, match));
        }
        // The vocabulary (IDF, typo correction) holds words, not pairs.
        QVERIFY(test::scalar(m_db, "SELECT count(*) FROM search_terms") > 100);
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM search_terms WHERE term >= CAST(X'F8' AS TEXT)"), 0);
    }
};

QTEST_GUILESS_MAIN(TestPairTokenizer)
#include "tst_pairtokenizer.moc"
