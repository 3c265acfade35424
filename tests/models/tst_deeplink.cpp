// meshlens:// links: the two shapes MeshLens opens, decoded; and every hostile or broken link refused with a
// message, never opened as something else.

#include "models/links/deeplink.h"

#include <QTest>

using namespace meshlens::models;
using namespace Qt::StringLiterals;

class TestDeepLink final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_acceptsProductAndSearchLinks_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("target");
        const int product = static_cast<int>(DeepLink::Kind::Product);
        const int search = static_cast<int>(DeepLink::Kind::Search);

        QTest::newRow("product by id") << u"meshlens://product/p-000042"_s << product << u"p-000042"_s;
        QTest::newRow("product by FQN") << u"meshlens://product/sales.orders_daily"_s << product
                                        << u"sales.orders_daily"_s;
        QTest::newRow("percent-encoded FQN")
            << u"meshlens://product/sales%2Forders%20v2"_s << product << u"sales/orders v2"_s;
        QTest::newRow("upper-case scheme and host") << u"MeshLens://PRODUCT/x"_s << product << u"x"_s;
        QTest::newRow("UTF-8 in the id") << u"meshlens://product/caf%C3%A9"_s << product << u"café"_s;
        QTest::newRow("search") << u"meshlens://search?q=orders"_s << search << u"orders"_s;
        QTest::newRow("search, + is a space")
            << u"meshlens://search?q=owner:alice+tag:pii"_s << search << u"owner:alice tag:pii"_s;
        QTest::newRow("search, encoded quotes and minus")
            << u"meshlens://search?q=%22order%20events%22%20-draft"_s << search << u"\"order events\" -draft"_s;
        QTest::newRow("search, %2B is a plus") << u"meshlens://search?q=c%2B%2B"_s << search << u"c++"_s;
        QTest::newRow("search with a slash path") << u"meshlens://search/?q=x"_s << search << u"x"_s;
        // Found by fuzz_deeplink: a target within bounds whose percent-encoded link was over the link bound, so the
        // link toString() wrote for it was refused.
        QTest::newRow("longest non-ASCII product")
            << u"meshlens://product/"_s + QString(DeepLink::kMaxTargetLength, u'\u0436') << product
            << QString(DeepLink::kMaxTargetLength, u'\u0436');
        QTest::newRow("longest non-ASCII query")
            << u"meshlens://search?q="_s + QString(DeepLink::kMaxTargetLength, u'\u20ac') << search
            << QString(DeepLink::kMaxTargetLength, u'\u20ac');
    }
    void parse_acceptsProductAndSearchLinks()
    {
        QFETCH(QString, link);
        QFETCH(int, kind);
        QFETCH(QString, target);
        QString error;
        const auto parsed = DeepLink::parse(link, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(static_cast<int>(parsed->kind), kind);
        QCOMPARE(parsed->target, target);
        // What toString() writes parses back to the same link.
        QCOMPARE(DeepLink::parse(parsed->toString()), parsed);
    }

    void parse_refusesHostileLinks_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("empty") << QString() << u"must start with meshlens://"_s;
        QTest::newRow("another scheme") << u"https://product/x"_s << u"must start with meshlens://"_s;
        QTest::newRow("javascript") << u"javascript:alert(1)"_s << u"must start with meshlens://"_s;
        QTest::newRow("file") << u"file:///etc/passwd"_s << u"must start with meshlens://"_s;
        QTest::newRow("scheme lookalike") << u"meshlens-evil://product/x"_s << u"must start with meshlens://"_s;
        QTest::newRow("no slashes") << u"meshlens:product/x"_s << u"followed by //"_s;
        QTest::newRow("unknown host") << u"meshlens://delete/x"_s << u"Unknown kind"_s;
        QTest::newRow("host suffix") << u"meshlens://product.evil.example/x"_s << u"Unknown kind"_s;
        QTest::newRow("user and password") << u"meshlens://user:secret@product/x"_s << u"user name or password"_s;
        QTest::newRow("user only") << u"meshlens://admin@search?q=x"_s << u"user name or password"_s;
        QTest::newRow("port") << u"meshlens://product:8080/x"_s << u"port"_s;
        QTest::newRow("fragment") << u"meshlens://product/x#y"_s << u"fragment"_s;
        QTest::newRow("no product") << u"meshlens://product/"_s << u"names no product"_s;
        QTest::newRow("blank product") << u"meshlens://product/%20%20"_s << u"names no product"_s;
        QTest::newRow("product with parameters") << u"meshlens://product/x?delete=1"_s << u"no ?parameters"_s;
        QTest::newRow("search without query") << u"meshlens://search"_s << u"no query"_s;
        QTest::newRow("search with empty q") << u"meshlens://search?q="_s << u"no query"_s;
        QTest::newRow("search, unknown parameter") << u"meshlens://search?q=x&db=/tmp/evil"_s << u"only q="_s;
        QTest::newRow("search, two queries") << u"meshlens://search?q=x&q=y"_s << u"one q="_s;
        QTest::newRow("search with a path") << u"meshlens://search/etc?q=x"_s << u"no path"_s;
        QTest::newRow("raw newline") << u"meshlens://product/x\ny"_s << u"control characters"_s;
        QTest::newRow("raw NUL") << QString(u"meshlens://product/x"_s + QChar(u'\0')) << u"control characters"_s;
        QTest::newRow("encoded NUL") << u"meshlens://product/x%00"_s << u"control characters"_s;
        QTest::newRow("encoded escape") << u"meshlens://search?q=%1B%5B31m"_s << u"control characters"_s;
        QTest::newRow("encoded C1 control") << u"meshlens://product/%C2%9B"_s << u"control characters"_s;
        QTest::newRow("bidi override") << u"meshlens://product/abc\u202Egpj.exe"_s << u"control characters"_s;
        QTest::newRow("encoded bidi override") << u"meshlens://product/%E2%80%AE"_s << u"control characters"_s;
        QTest::newRow("broken percent-encoding") << u"meshlens://product/x%zz"_s << u"malformed"_s;
        QTest::newRow("invalid UTF-8") << u"meshlens://product/%FF%FE"_s << u"percent-encoding"_s;
        QTest::newRow("space") << u"meshlens://product/a b"_s << u"malformed"_s;
        QTest::newRow("overlong") << QString(u"meshlens://search?q="_s + QString(DeepLink::kMaxLinkLength, u'a'))
                                  << u"too long"_s;
        QTest::newRow("overlong target") << QString(u"meshlens://product/"_s + QString(1500, u'a')) << u"too long"_s;
    }
    void parse_refusesHostileLinks()
    {
        QFETCH(QString, link);
        QFETCH(QString, messagePart);
        QString error;
        const auto parsed = DeepLink::parse(link, &error);
        QVERIFY2(!parsed, qPrintable(u"accepted as "_s + (parsed ? parsed->target : QString())));
        QVERIFY2(error.contains(messagePart, Qt::CaseInsensitive), qPrintable(error));
    }

    void links_encodeWhatWouldBreakThem()
    {
        QCOMPARE(DeepLink::productLink(u"sales.orders"_s), u"meshlens://product/sales.orders"_s);
        QCOMPARE(DeepLink::productLink(u"a/b c#d"_s), u"meshlens://product/a%2Fb%20c%23d"_s);
        QCOMPARE(DeepLink::searchLink(u"owner:alice +x&q=1"_s), u"meshlens://search?q=owner:alice%20%2Bx%26q%3D1"_s);
        QCOMPARE(DeepLink::parse(DeepLink::searchLink(u"owner:alice +x&q=1"_s))->target, u"owner:alice +x&q=1"_s);
    }

    void looksLikeLink_isAboutTheSchemeOnly()
    {
        QVERIFY(DeepLink::looksLikeLink(u"meshlens://whatever"_s));
        QVERIFY(DeepLink::looksLikeLink(u"MESHLENS:x"_s));
        QVERIFY(!DeepLink::looksLikeLink(u"--db"_s));
        QVERIFY(!DeepLink::looksLikeLink(u"/home/me/meshlens:x"_s));
    }
};

QTEST_GUILESS_MAIN(TestDeepLink)
#include "tst_deeplink.moc"
