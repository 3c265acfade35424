// Tests for CatalogReader, the read side the GUI and CLI use, and for the search engine over the same cache:
// full-text search (ranking, prefixes, hostile input), product look-up, the product detail page's data, and catalog
// statistics. Reads a cache synced once from the sample bundle; tests that need more data sync it into their own cache.

#include "models/search/searchengine.h"
#include "models/store/catalogreader.h"
#include "support/testsupport.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace meshlens;
using namespace meshlens::models;

namespace {

// A second source: a product whose exact name loses to another on bm25 alone, an SLA series ending in gaps, a
// check that never ran, an FQN, and an edge to a product the cache does not have.
QByteArray ledgerBundle()
{
    return test::header("snapshot", "x1") + QByteArrayLiteral(R"(
{"type":"domain","id":"acct","name":"accounting","display_name":"Accounting","kind":"aggregate"}
{"type":"product","id":"acct.ledger","name":"ledger","display_name":"General Books","fqn":"warehouse.acct.ledger","domain":"acct","description":"Booked entries."}
{"type":"product","id":"acct.ledger_archive","name":"ledger_archive","display_name":"Ledger Ledger","domain":"acct","description":"ledger ledger ledger archive of the ledger","tags":["ledger"]}
{"type":"sla","product":"acct.ledger","id":"fresh","kind":"freshness","target":6,"unit":"h"}
{"type":"sla_measurement","product":"acct.ledger","sla":"fresh","start":1763251200,"step":3600,"values":[8,null,null]}
{"type":"check","product":"acct.ledger","id":"never","name":"never ran"}
{"type":"check_result","product":"acct.ledger","check":"never","start":1763251200,"step":60,"statuses":"---"}
{"type":"lineage","from":"acct.ledger","to":"ghost.product"}
)")
                                                .mid(1);
}

QStringList extIds(const QList<ProductSummary> &list)
{
    QStringList out;
    for (const ProductSummary &p : list) {
        out << p.extId;
    }
    return out;
}

} // namespace

class tst_CatalogReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void search_findsProductByWord_data();
    void search_findsProductByWord();
    void search_returnsSummaryFields();
    void search_exactNameRanksFirst();
    void search_hostileQuery_isHarmless_data();
    void search_hostileQuery_isHarmless();
    void search_emptyQuery_listsAllWithTotal();
    void search_respectsLimit();
    void ftsQuery_quotesEveryWord_data();
    void ftsQuery_quotesEveryWord();

    void resolveProduct_data();
    void resolveProduct();

    void product_returnsDetail();
    void product_listsOwnersWithRoles();
    void product_listsPortsAndColumns();
    void product_reportsLatestSlaValue();
    void product_reportsLastCheckRun();
    void product_listsLineageBothWays();
    void product_unknownId_isNullopt();
    void product_gapsAndNeverRun_ofSecondSource();

    void stats_countsEveryKind();
    void asOf_isSetBySync();

private:
    std::int64_t idOf(const char *ext);
    // The search engine's hits as plain summaries, without snippets; `total` (optional) receives the match count,
    // m_searchError the store's error, if any.
    QList<ProductSummary> search(Database &db, const QString &query, int limit, std::int64_t *total = nullptr);

    std::optional<StoreError> m_searchError;

    QTemporaryDir m_dir;
    QString m_dbPath;
    Database m_db;
    std::unique_ptr<CatalogReader> m_reader;
};

void tst_CatalogReader::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(QStringLiteral("meshlens.*.info=false"));
    QVERIFY(m_dir.isValid());
    m_dbPath = m_dir.filePath(QStringLiteral("catalog.db"));
    QVERIFY(test::writeFile(m_dir.filePath(QStringLiteral("sample.ndjson")), test::sampleBundle()));
    const SyncResult r = test::syncNow(m_dbPath, m_dir.filePath(QStringLiteral("sample.ndjson")));
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(test::openCache(m_db, m_dbPath).isEmpty());
    m_reader = std::make_unique<CatalogReader>(m_db);
}

void tst_CatalogReader::cleanupTestCase()
{
    m_reader.reset();
    m_db.close();
}

QList<ProductSummary> tst_CatalogReader::search(Database &db, const QString &query, int limit, std::int64_t *total)
{
    SearchOptions options;
    options.limit = limit;
    options.snippets = false;
    SearchResult r = SearchEngine(db).search(query, options);
    if (total) {
        *total = r.total;
    }
    m_searchError = r.error;
    QList<ProductSummary> out;
    for (SearchHit &h : r.hits) {
        out.push_back(std::move(h.product));
    }
    return out;
}

std::int64_t tst_CatalogReader::idOf(const char *ext)
{
    Statement st = m_db.prepare("SELECT id FROM entries WHERE ext_id = ?1");
    st.bind(1, ext);
    return st.next() ? st.int64(0) : -1;
}

void tst_CatalogReader::search_findsProductByWord_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("first");
    QTest::addColumn<int>("total"); // -1: not checked

    QTest::newRow("word in description") << QStringLiteral("shop") << QStringLiteral("sales.orders") << 1;
    QTest::newRow("name") << QStringLiteral("orders") << QStringLiteral("sales.orders") << 2;
    QTest::newRow("prefix of the last word") << QStringLiteral("Ord") << QStringLiteral("sales.orders") << -1;
    QTest::newRow("prefix after a full word") << QStringLiteral("daily rev") << QStringLiteral("finance.revenue") << 1;
    QTest::newRow("display name, any case") << QStringLiteral("ORDER EVENTS") << QStringLiteral("sales.orders") << 1;
    QTest::newRow("owner's family name") << QStringLiteral("Lovelace") << QStringLiteral("sales.orders") << 1;
    QTest::newRow("owner with diacritics") << QStringLiteral("Lövelace") << QStringLiteral("sales.orders") << 1;
    QTest::newRow("owning team") << QStringLiteral("Finance Data") << QStringLiteral("finance.revenue") << 1;
    QTest::newRow("column name") << QStringLiteral("customer_email") << QStringLiteral("sales.orders") << 1;
    QTest::newRow("other column name") << QStringLiteral("revenue_eur") << QStringLiteral("finance.revenue") << 1;
    QTest::newRow("tag") << QStringLiteral("gold") << QStringLiteral("sales.orders") << 1;
    QTest::newRow("domain") << QStringLiteral("finance forecast") << QStringLiteral("finance.forecast") << 1;
    QTest::newRow("surrounding blanks") << QStringLiteral("  shop  ") << QStringLiteral("sales.orders") << 1;
    QTest::newRow("word and an emoji") << QStringLiteral("shop 🙂") << QStringLiteral("sales.orders") << 1;
}

void tst_CatalogReader::search_findsProductByWord()
{
    QFETCH(QString, query);
    QFETCH(QString, first);
    QFETCH(int, total);

    std::int64_t count = -1;
    const QList<ProductSummary> hits = search(m_db, query, 20, &count);
    QVERIFY2(!m_searchError, qPrintable(m_searchError ? m_searchError->message : QString()));
    QVERIFY2(!hits.isEmpty(), qPrintable(query));
    QCOMPARE(hits.first().extId, first);
    QCOMPARE(count, hits.size());
    if (total >= 0) {
        QCOMPARE(count, total);
    }
    QVERIFY(hits.first().score > 0); // -bm25: larger is better
}

void tst_CatalogReader::search_returnsSummaryFields()
{
    const QList<ProductSummary> hits = search(m_db, QStringLiteral("shop"), 5);
    QCOMPARE(hits.size(), 1);
    const ProductSummary &p = hits.first();
    QCOMPARE(p.id, idOf("sales.orders"));
    QCOMPARE(p.extId, QStringLiteral("sales.orders"));
    QCOMPARE(p.kind, QStringLiteral("product"));
    QCOMPARE(p.name, QStringLiteral("orders"));
    QCOMPARE(p.displayName, QStringLiteral("Order Events"));
    QCOMPARE(p.title(), QStringLiteral("Order Events"));
    QCOMPARE(p.domain, QStringLiteral("Sales"));
    QCOMPARE(p.status, QStringLiteral("active"));
    QCOMPARE(p.tier, std::optional<int>(1));
    // Owners (not the steward): the person and the team.
    QStringList owners = p.owners.split(QStringLiteral(", "));
    owners.sort();
    QCOMPARE(owners, (QStringList{QStringLiteral("Ada Lovelace"), QStringLiteral("Sales Engineering")}));

    const QList<ProductSummary> forecast = search(m_db, QStringLiteral("forecast"), 5);
    QCOMPARE(forecast.size(), 1);
    QCOMPARE(forecast.first().tier, std::optional<int>());
    QCOMPARE(forecast.first().owners, QStringLiteral("Alan Turing"));
}

void tst_CatalogReader::search_exactNameRanksFirst()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("ledger.db"));
    QVERIFY(test::writeFile(dir.filePath(QStringLiteral("ledger.ndjson")), ledgerBundle()));
    QVERIFY(test::syncNow(db, dir.filePath(QStringLiteral("ledger.ndjson"))).ok);
    Database conn;
    QVERIFY(test::openCache(conn, db).isEmpty());

    const QList<ProductSummary> hits = search(conn, QStringLiteral("ledger"), 10);
    QCOMPARE(extIds(hits), (QStringList{QStringLiteral("acct.ledger"), QStringLiteral("acct.ledger_archive")}));
    // bm25 alone prefers the archive (the word everywhere); the exact name wins anyway.
    QVERIFY(hits[1].score > hits[0].score);

    // Exact display names count too, whatever the case.
    QCOMPARE(search(conn, QStringLiteral("general books"), 10).first().extId, QStringLiteral("acct.ledger"));
    QCOMPARE(search(conn, QStringLiteral("LEDGER LEDGER"), 10).first().extId, QStringLiteral("acct.ledger_archive"));

    // In the sample: "revenue" is the name of one product and a word in another's display name.
    QCOMPARE(search(m_db, QStringLiteral("revenue"), 10).first().extId, QStringLiteral("finance.revenue"));
    QCOMPARE(search(m_db, QStringLiteral("Revenue Forecast"), 10).first().extId, QStringLiteral("finance.forecast"));
}

void tst_CatalogReader::search_hostileQuery_isHarmless_data()
{
    QTest::addColumn<QString>("query");

    QTest::newRow("double quote") << QStringLiteral("\"");
    QTest::newRow("single quote") << QStringLiteral("'");
    QTest::newRow("open paren") << QStringLiteral("(");
    QTest::newRow("close paren") << QStringLiteral(")");
    QTest::newRow("star") << QStringLiteral("*");
    QTest::newRow("caret") << QStringLiteral("^");
    QTest::newRow("NEAR") << QStringLiteral("NEAR(a b)");
    QTest::newRow("column filter") << QStringLiteral("name:orders");
    QTest::newRow("dangling OR") << QStringLiteral("a OR");
    QTest::newRow("AND NOT") << QStringLiteral("orders AND NOT shop");
    QTest::newRow("minus") << QStringLiteral("-");
    QTest::newRow("minus word") << QStringLiteral("-orders");
    QTest::newRow("plus") << QStringLiteral("+orders+");
    QTest::newRow("braces") << QStringLiteral("{name display_name}: orders");
    QTest::newRow("unbalanced quotes in a word") << QStringLiteral("ord\"ers \"shop");
    QTest::newRow("SQL injection") << QStringLiteral("'; DROP TABLE entries; --");
    QTest::newRow("FTS injection") << QStringLiteral("\"orders\" OR rank MATCH 'x'");
    QTest::newRow("10 kB token") << QString(10 * 1024, QLatin1Char('a'));
    QTest::newRow("10 kB of words") << QStringLiteral("orders ").repeated(1500);
    QTest::newRow("invalid UTF-8") << QString::fromUtf8("\xff\xfe"
                                                        "orders"
                                                        "\xc3\x28"
                                                        "\xed\xa0\x80");
    QTest::newRow("emoji") << QStringLiteral("🙂🚀");
    QTest::newRow("control characters") << QStringLiteral("ord\u0001ers \u001b[31m \u007f");
    QTest::newRow("NUL inside a word") << QStringLiteral("ord\u0000ers");
    QTest::newRow("right-to-left") << QStringLiteral("\u202eorders\u202c");
}

void tst_CatalogReader::search_hostileQuery_isHarmless()
{
    QFETCH(QString, query);
    constexpr int kLimit = 20;
    std::int64_t total = -1;
    const QList<ProductSummary> hits = search(m_db, query, kLimit, &total);
    QVERIFY2(!m_searchError, qPrintable(m_searchError ? m_searchError->message : QString()));
    QVERIFY(total >= 0);
    QCOMPARE(hits.size(), qMin<std::int64_t>(total, kLimit));
    for (const ProductSummary &p : hits) {
        QVERIFY(p.id > 0);
    }
    // Nothing was executed as SQL.
    QCOMPARE(m_reader->stats().products, 3);
}

void tst_CatalogReader::search_emptyQuery_listsAllWithTotal()
{
    for (const QString &query : {QString(), QStringLiteral("   ")}) {
        std::int64_t total = -1;
        const QList<ProductSummary> all = search(m_db, query, 50, &total);
        QVERIFY(!m_searchError);
        QCOMPARE(total, 3);
        // Sorted by name: forecast, orders, revenue.
        QCOMPARE(extIds(all), (QStringList{QStringLiteral("finance.forecast"), QStringLiteral("sales.orders"),
                                           QStringLiteral("finance.revenue")}));
        QCOMPARE(all.first().score, 0.0);
    }
    // Only punctuation: nothing searchable, so nothing found (not everything).
    std::int64_t total = -1;
    QVERIFY(search(m_db, QStringLiteral("*** ()"), 50, &total).isEmpty());
    QCOMPARE(total, 0);
}

void tst_CatalogReader::search_respectsLimit()
{
    std::int64_t total = -1;
    const QList<ProductSummary> two = search(m_db, QString(), 2, &total);
    QCOMPARE(two.size(), 2);
    QCOMPARE(total, 3);

    const QList<ProductSummary> one = search(m_db, QStringLiteral("orders"), 1, &total);
    QCOMPARE(one.size(), 1);
    QCOMPARE(total, 2); // the total counts every match, not the page
    QVERIFY(search(m_db, QStringLiteral("orders"), 0).isEmpty());
}

void tst_CatalogReader::ftsQuery_quotesEveryWord_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("one word") << QStringLiteral("orders") << QStringLiteral("\"orders\"*");
    QTest::newRow("two words") << QStringLiteral("order events") << QStringLiteral("\"order\" \"events\"*");
    QTest::newRow("extra blanks") << QStringLiteral("  order \t\n events ") << QStringLiteral("\"order\" \"events\"*");
    QTest::newRow("quotes doubled") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say\" \"\"\"hi\"\"\"*");
    QTest::newRow("operators are words") << QStringLiteral("a OR b") << QStringLiteral("\"a\" \"OR\" \"b\"*");
    QTest::newRow("column filter is a word") << QStringLiteral("name:orders") << QStringLiteral("\"name:orders\"*");
    QTest::newRow("NEAR") << QStringLiteral("NEAR(a b)") << QStringLiteral("\"NEAR(a\" \"b)\"*");
    QTest::newRow("punctuation-only words dropped")
        << QStringLiteral("orders * - ^ ( )") << QStringLiteral("\"orders\"*");
    QTest::newRow("nothing searchable") << QStringLiteral("* ^ - \" ( )") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("non-Latin") << QStringLiteral("数据 Grüße") << QStringLiteral("\"数据\" \"Grüße\"*");
}

void tst_CatalogReader::ftsQuery_quotesEveryWord()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(CatalogReader::ftsQuery(text), expected);
}

void tst_CatalogReader::resolveProduct_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("ext"); // empty: not found

    QTest::newRow("ext id") << QStringLiteral("sales.orders") << QStringLiteral("sales.orders");
    QTest::newRow("name") << QStringLiteral("revenue") << QStringLiteral("finance.revenue");
    QTest::newRow("name, other case") << QStringLiteral("ORDERS") << QStringLiteral("sales.orders");
    QTest::newRow("display name") << QStringLiteral("Revenue Forecast") << QStringLiteral("finance.forecast");
    QTest::newRow("display name, other case") << QStringLiteral("order events") << QStringLiteral("sales.orders");
    QTest::newRow("surrounding blanks") << QStringLiteral("  sales.orders ") << QStringLiteral("sales.orders");
    QTest::newRow("row id") << QStringLiteral("#<orders>") << QStringLiteral("sales.orders");
    QTest::newRow("unknown row id") << QStringLiteral("#999999") << QString();
    QTest::newRow("bad row id") << QStringLiteral("#abc") << QString();
    QTest::newRow("bare hash") << QStringLiteral("#") << QString();
    QTest::newRow("unknown") << QStringLiteral("nope") << QString();
    QTest::newRow("ext id, other case") << QStringLiteral("SALES.ORDERS") << QString(); // ids are exact
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("hostile") << QStringLiteral("' OR 1=1 --") << QString();
}

void tst_CatalogReader::resolveProduct()
{
    QFETCH(QString, key);
    QFETCH(QString, ext);
    key.replace(QStringLiteral("<orders>"), QString::number(idOf("sales.orders")));

    const std::optional<std::int64_t> id = m_reader->resolveProduct(key);
    if (ext.isEmpty()) {
        QCOMPARE(id, std::optional<std::int64_t>());
    } else {
        QVERIFY(id);
        QCOMPARE(*id, idOf(qPrintable(ext)));
    }
}

void tst_CatalogReader::product_returnsDetail()
{
    const auto d = m_reader->product(idOf("sales.orders"));
    QVERIFY(d);
    QCOMPARE(d->summary.extId, QStringLiteral("sales.orders"));
    QCOMPARE(d->summary.displayName, QStringLiteral("Order Events"));
    QCOMPARE(d->summary.domain, QStringLiteral("Sales"));
    QCOMPARE(d->description, QStringLiteral("All **orders** placed in the web shop."));
    QCOMPARE(d->version, QStringLiteral("2.1.0"));
    QCOMPARE(d->updatedAt, std::optional<std::int64_t>(1763600000));
    QCOMPARE(d->domainKind, QStringLiteral("source-aligned"));
    QCOMPARE(d->source, QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("sample.ndjson"))).toString());
    QCOMPARE(d->fqn, QString());
    QCOMPARE(d->tags, (QStringList{QStringLiteral("gold"), QStringLiteral("pii")})); // sorted

    const auto forecast = m_reader->product(idOf("finance.forecast"));
    QVERIFY(forecast);
    QVERIFY(forecast->tags.isEmpty());
    QVERIFY(forecast->ports.isEmpty());
    QVERIFY(forecast->slas.isEmpty());
    QCOMPARE(forecast->updatedAt, std::optional<std::int64_t>());
    QCOMPARE(forecast->summary.status, QStringLiteral("development"));
}

void tst_CatalogReader::product_listsOwnersWithRoles()
{
    const auto d = m_reader->product(idOf("sales.orders"));
    QVERIFY(d);
    QStringList owners;
    for (const Party &p : d->owners) {
        owners << p.role + QLatin1Char(':') + p.partyKind + QLatin1Char(':') + p.extId + QLatin1Char(':') + p.title();
    }
    QStringList sorted = owners;
    sorted.sort();
    QCOMPARE(sorted, (QStringList{QStringLiteral("owner:person:ada:Ada Lovelace"),
                                  QStringLiteral("owner:team:t-sales:Sales Engineering"),
                                  QStringLiteral("steward:person:grace:Grace Hopper")}));
    for (const Party &p : d->owners) {
        if (p.extId == QLatin1String("ada")) {
            QCOMPARE(p.email, QStringLiteral("ada@example.com"));
            QCOMPARE(p.name, QStringLiteral("ada"));
        }
    }
    // The detail page lists owners, then stewards, then experts; teams before people within a role.
    QCOMPARE(owners, (QStringList{QStringLiteral("owner:team:t-sales:Sales Engineering"),
                                  QStringLiteral("owner:person:ada:Ada Lovelace"),
                                  QStringLiteral("steward:person:grace:Grace Hopper")}));

    const auto revenue = m_reader->product(idOf("finance.revenue"));
    QVERIFY(revenue);
    QCOMPARE(revenue->owners.size(), 2);
    QCOMPARE(revenue->owners[0].role, QStringLiteral("owner"));
    QCOMPARE(revenue->owners[0].partyKind, QStringLiteral("team"));
    QCOMPARE(revenue->owners[1].role, QStringLiteral("expert"));
    QCOMPARE(revenue->owners[1].extId, QStringLiteral("alan"));
}

void tst_CatalogReader::product_listsPortsAndColumns()
{
    const auto d = m_reader->product(idOf("sales.orders"));
    QVERIFY(d);
    QCOMPARE(d->ports.size(), 1);
    const PortInfo &port = d->ports.first();
    QCOMPARE(port.extId, QStringLiteral("orders_v2"));
    QCOMPARE(port.direction, QStringLiteral("output"));
    QCOMPARE(port.format, QStringLiteral("table"));
    QCOMPARE(port.columns.size(), 3);

    const ColumnInfo &id = port.columns[0];
    QCOMPARE(id.name, QStringLiteral("order_id"));
    QCOMPARE(id.type, QStringLiteral("BIGINT"));
    QVERIFY(id.primaryKey);
    QVERIFY(!id.nullable);
    QVERIFY(id.tags.isEmpty());

    const ColumnInfo &email = port.columns[1];
    QCOMPARE(email.name, QStringLiteral("customer_email"));
    QVERIFY(!email.primaryKey);
    QVERIFY(email.nullable);
    QCOMPARE(email.tags, QStringList{QStringLiteral("pii")});

    const ColumnInfo &amount = port.columns[2];
    QCOMPARE(amount.type, QStringLiteral("DECIMAL(12,2)"));
    QCOMPARE(amount.description, QStringLiteral("Gross amount"));
}

void tst_CatalogReader::product_reportsLatestSlaValue()
{
    const auto orders = m_reader->product(idOf("sales.orders"));
    QVERIFY(orders);
    QCOMPARE(orders->slas.size(), 1);
    const SlaInfo &fresh = orders->slas.first();
    QCOMPARE(fresh.extId, QStringLiteral("freshness"));
    QCOMPARE(fresh.kind, QStringLiteral("freshness"));
    QCOMPARE(fresh.unit, QStringLiteral("h"));
    QCOMPARE(fresh.op, QStringLiteral("<="));
    QCOMPARE(fresh.target, 6.0);
    // The series [1.5, 2, gap, 9.25, 3] ends with 3 <= 6: met, at the fifth day.
    QCOMPARE(fresh.latest, std::optional<double>(3.0));
    QCOMPARE(fresh.latestAt, std::optional<std::int64_t>(1763251200 + 4 * 86400));
    QVERIFY(fresh.latestMeets());

    const auto revenue = m_reader->product(idOf("finance.revenue"));
    QVERIFY(revenue);
    QCOMPARE(revenue->slas.size(), 1);
    const SlaInfo &avail = revenue->slas.first();
    QCOMPARE(avail.op, QStringLiteral(">="));
    QVERIFY(avail.latest);
    QCOMPARE(static_cast<float>(*avail.latest), 99.9f);
    QCOMPARE(avail.latestAt, std::optional<std::int64_t>(1763596800));
    QVERIFY(avail.latestMeets()); // 99.9 >= 99.5
}

void tst_CatalogReader::product_reportsLastCheckRun()
{
    const auto orders = m_reader->product(idOf("sales.orders"));
    QVERIFY(orders);
    QCOMPARE(orders->checks.size(), 1);
    const CheckInfo &c = orders->checks.first();
    QCOMPARE(c.extId, QStringLiteral("order_id_not_null"));
    QCOMPARE(c.name, QStringLiteral("order_id not null"));
    QCOMPARE(c.kind, QStringLiteral("not_null"));
    QCOMPARE(c.column, QStringLiteral("order_id"));
    QCOMPARE(c.severity, QStringLiteral("critical"));
    // "PPFP-": the last run is the 'P' at index 3; the '-' is no run.
    QCOMPARE(c.lastStatus, QLatin1Char('P'));
    QCOMPARE(c.lastRunAt, std::optional<std::int64_t>(1763251200 + 3 * 86400));

    const auto revenue = m_reader->product(idOf("finance.revenue"));
    QVERIFY(revenue);
    QCOMPARE(revenue->checks.size(), 1);
    QCOMPARE(revenue->checks.first().lastStatus, QLatin1Char('F'));
    QCOMPARE(revenue->checks.first().lastRunAt, std::optional<std::int64_t>(1763596800));
}

void tst_CatalogReader::product_listsLineageBothWays()
{
    const std::int64_t orders = idOf("sales.orders");
    const std::int64_t revenue = idOf("finance.revenue");
    const std::int64_t forecast = idOf("finance.forecast");

    const auto o = m_reader->product(orders);
    QVERIFY(o);
    QVERIFY(o->upstream.isEmpty());
    QCOMPARE(o->downstream.size(), 1);
    QCOMPARE(o->downstream.first().extId, QStringLiteral("finance.revenue"));
    QCOMPARE(o->downstream.first().name, QStringLiteral("Daily Revenue"));
    QCOMPARE(o->downstream.first().id, std::optional<std::int64_t>(revenue));

    const auto r = m_reader->product(revenue);
    QVERIFY(r);
    QCOMPARE(r->upstream.size(), 1);
    QCOMPARE(r->upstream.first().extId, QStringLiteral("sales.orders"));
    QCOMPARE(r->upstream.first().name, QStringLiteral("Order Events"));
    QCOMPARE(r->upstream.first().id, std::optional<std::int64_t>(orders));
    QCOMPARE(r->downstream.size(), 1);
    QCOMPARE(r->downstream.first().id, std::optional<std::int64_t>(forecast));

    const auto f = m_reader->product(forecast);
    QVERIFY(f);
    QCOMPARE(f->upstream.size(), 1);
    QVERIFY(f->downstream.isEmpty());
}

void tst_CatalogReader::product_unknownId_isNullopt()
{
    QVERIFY(!m_reader->product(999999));
    QVERIFY(!m_reader->product(-1));
}

void tst_CatalogReader::product_gapsAndNeverRun_ofSecondSource()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("ledger.db"));
    QVERIFY(test::writeFile(dir.filePath(QStringLiteral("ledger.ndjson")), ledgerBundle()));
    QVERIFY(test::syncNow(db, dir.filePath(QStringLiteral("ledger.ndjson"))).ok);
    Database conn;
    QVERIFY(test::openCache(conn, db).isEmpty());
    CatalogReader reader(conn);

    const auto id = reader.resolveProduct(QStringLiteral("warehouse.acct.ledger")); // by FQN
    QVERIFY(id);
    const auto d = reader.product(*id);
    QVERIFY(d);
    QCOMPARE(d->summary.extId, QStringLiteral("acct.ledger"));
    QCOMPARE(d->fqn, QStringLiteral("warehouse.acct.ledger"));
    QCOMPARE(d->domainKind, QStringLiteral("aggregate"));

    // [8, gap, gap]: the trailing gaps are skipped, so the latest value is the 8 of the first hour, which misses.
    QCOMPARE(d->slas.size(), 1);
    QCOMPARE(d->slas.first().op, QStringLiteral("<=")); // the default
    QCOMPARE(d->slas.first().latest, std::optional<double>(8.0));
    QCOMPARE(d->slas.first().latestAt, std::optional<std::int64_t>(1763251200));
    QVERIFY(!d->slas.first().latestMeets());

    // "---": never ran.
    QCOMPARE(d->checks.size(), 1);
    QVERIFY(d->checks.first().lastStatus.isNull());
    QCOMPARE(d->checks.first().lastRunAt, std::optional<std::int64_t>());

    // An edge to a product the cache does not have: named by its id, without a row id.
    QCOMPARE(d->downstream.size(), 1);
    QCOMPARE(d->downstream.first().extId, QStringLiteral("ghost.product"));
    QCOMPARE(d->downstream.first().name, QStringLiteral("ghost.product"));
    QCOMPARE(d->downstream.first().id, std::optional<std::int64_t>());
}

void tst_CatalogReader::stats_countsEveryKind()
{
    const CatalogStats s = m_reader->stats();
    QCOMPARE(s.products, 3);
    QCOMPARE(s.domains, 2);
    QCOMPARE(s.teams, 2);
    QCOMPARE(s.people, 3);
    QCOMPARE(s.ports, 2);
    QCOMPARE(s.slas, 2);
    QCOMPARE(s.checks, 2);
    QCOMPARE(s.lineageEdges, 2);
    QCOMPARE(s.pendingOutbox, 0);
    QCOMPARE(s.sources.size(), 1);
    const SourceState &src = s.sources.first();
    QCOMPARE(src.uri, QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("sample.ndjson"))).toString());
    QCOMPARE(src.kind, QStringLiteral("bundle"));
    QCOMPARE(src.name, QStringLiteral("test"));
    QCOMPARE(src.cursor, QStringLiteral("c1"));
    QCOMPARE(src.lastError, QString());
    QCOMPARE(src.snapshotAt, std::optional<std::int64_t>(1763683200));
    QVERIFY(src.lastSuccessAt);
    QCOMPARE(src.lastAttemptAt, src.lastSuccessAt);
    QVERIFY(!m_reader->isEmpty());
}

void tst_CatalogReader::asOf_isSetBySync()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fresh.db"));
    Database conn;
    QVERIFY(test::openCache(conn, path).isEmpty());
    CatalogReader reader(conn);
    QVERIFY(reader.isEmpty());
    QCOMPARE(reader.asOf(), std::optional<std::int64_t>());
    QCOMPARE(reader.stats().products, 0);
    QVERIFY(search(conn, QString(), 10).isEmpty());

    const std::int64_t before = QDateTime::currentSecsSinceEpoch();
    QVERIFY(test::writeFile(dir.filePath(QStringLiteral("s.ndjson")), test::sampleBundle()));
    QVERIFY(test::syncNow(path, dir.filePath(QStringLiteral("s.ndjson"))).ok);
    const std::int64_t after = QDateTime::currentSecsSinceEpoch();
    const auto asOf = reader.asOf();
    QVERIFY(asOf);
    QVERIFY(*asOf >= before && *asOf <= after); // when the sync succeeded, not when the bundle was written
    QVERIFY(!reader.isEmpty());
    QCOMPARE(m_reader->asOf(), m_reader->stats().sources.first().lastSuccessAt);
}

QTEST_GUILESS_MAIN(tst_CatalogReader)
#include "tst_catalogreader.moc"
