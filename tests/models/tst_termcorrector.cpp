// TermCorrector: the trie walk over the sorted vocabulary gives exactly what comparing every term gives.

#include "models/search/termcorrector.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using meshlens::models::TermCorrector;

namespace {

TermCorrector::Terms sorted(TermCorrector::Terms terms)
{
    std::sort(terms.begin(), terms.end());
    terms.erase(
        std::unique(terms.begin(), terms.end(), [](const auto &a, const auto &b) { return a.first == b.first; }),
        terms.end());
    return terms;
}

QString randomWord(QRandomGenerator &rng, const QString &alphabet, int minLength, int maxLength)
{
    QString w;
    const int n = int(rng.bounded(minLength, maxLength + 1));
    for (int i = 0; i < n; ++i) {
        w += alphabet[int(rng.bounded(int(alphabet.size())))];
    }
    return w;
}

} // namespace

class TestTermCorrector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void correct_findsTheNearestMostCommonTerm_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("prefix");
        QTest::addColumn<QString>("expected");
        QTest::newRow("substitution") << "custamer" << false << "customer";
        QTest::newRow("transposition") << "cusotmer" << false << "customer";
        QTest::newRow("deletion") << "custmer" << false << "customer";
        QTest::newRow("insertion") << "customerr" << false << "customer";
        QTest::newRow("more common wins a tie") << "ordes" << false << "orders";
        QTest::newRow("too far") << "xyzzyx" << false << "";
        QTest::newRow("short words allow one edit") << "cistom" << false << "custom";
        QTest::newRow("typing: a beginning") << "custo" << true << "custo";
        QTest::newRow("typing: a typo in a beginning") << "cusyo" << true << "custo";
        QTest::newRow("filter tokens are never answers") << "0fowne" << false << "";
    }
    void correct_findsTheNearestMostCommonTerm()
    {
        QFETCH(QString, token);
        QFETCH(bool, prefix);
        QFETCH(QString, expected);
        const auto terms = sorted({{QStringLiteral("customer"), 40},
                                   {QStringLiteral("custom"), 3},
                                   {QStringLiteral("orders"), 9},
                                   {QStringLiteral("orderx"), 2},
                                   {QStringLiteral("oddes"), 1},
                                   {QStringLiteral("0fowner"), 500},
                                   {QStringLiteral("payments"), 12}});
        const QString facets = QStringLiteral("0f");
        QCOMPARE(TermCorrector::correct(terms, token, prefix, facets).value_or(QString()), expected);
        QCOMPARE(TermCorrector::correctByScan(terms, token, prefix, facets).value_or(QString()), expected);
    }

    // A dense vocabulary over a small alphabet puts many terms within one or two edits of every word, and shares
    // long prefixes: the cases where pruning and row reuse could go wrong. Seeded, so a failure reproduces.
    void correct_equalsTheFullScan_onRandomVocabularies_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<QString>("alphabet");
        for (quint32 seed = 1; seed <= 6; ++seed) {
            QTest::addRow("abc seed %u", seed) << seed << QStringLiteral("abc");
            QTest::addRow("abcdef seed %u", seed) << seed << QStringLiteral("abcdef");
            QTest::addRow("non-latin seed %u", seed) << seed << QStringLiteral("aäбж€z");
        }
    }
    void correct_equalsTheFullScan_onRandomVocabularies()
    {
        QFETCH(quint32, seed);
        QFETCH(QString, alphabet);
        QRandomGenerator rng(seed);
        TermCorrector::Terms terms;
        for (int i = 0; i < 3000; ++i) {
            terms.emplace_back(randomWord(rng, alphabet, 1, 10), std::int64_t(rng.bounded(1, 50)));
        }
        for (int i = 0; i < 100; ++i) { // a run of filter tokens
            terms.emplace_back(QStringLiteral("0f") + randomWord(rng, alphabet, 1, 6), 1000);
        }
        terms = sorted(std::move(terms));
        const QString facets = QStringLiteral("0f");
        int answered = 0;
        for (int q = 0; q < 400; ++q) {
            const QString token = randomWord(rng, alphabet, 3, 9);
            for (const bool prefix : {false, true}) {
                const auto walk = TermCorrector::correct(terms, token, prefix, facets);
                const auto scan = TermCorrector::correctByScan(terms, token, prefix, facets);
                QVERIFY2(walk == scan,
                         qPrintable(QStringLiteral("%1 (%2): walk %3, scan %4")
                                        .arg(token, prefix ? QStringLiteral("prefix") : QString(),
                                             walk.value_or(QStringLiteral("-")), scan.value_or(QStringLiteral("-")))));
                answered += scan.has_value();
            }
        }
        QVERIFY(answered > 0); // the comparison was not only of empty answers
    }

    void editDistance_countsTranspositionsAsOne()
    {
        QCOMPARE(TermCorrector::editDistance(u"abcd", u"abdc", 2), 1);
        QCOMPARE(TermCorrector::editDistance(u"abcd", u"badc", 2), 2);
        QCOMPARE(TermCorrector::editDistance(u"abcd", u"wxyz", 2), 3); // gave up above the limit
    }
};

QTEST_APPLESS_MAIN(TestTermCorrector)
#include "tst_termcorrector.moc"
