// Tests for CatalogWriter, which applies a bundle's records to the cache in one transaction: what a snapshot
// writes to each table, re-syncs, the sweep of rows a snapshot no longer has, deltas with tombstones, and the
// refusals that must leave the catalog exactly as it was.

#include "models/store/catalogreader.h"
#include "models/store/catalogwriter.h"
#include "models/store/columndefs.h"
#include "models/store/schema.h"
#include "models/store/seriescodec.h"
#include "models/sync/bundleparser.h"
#include "models/sync/linehash.h"
#include "support/testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <bit>
#include <cmath>

using namespace meshlens;
using namespace meshlens::models;

namespace {

std::int64_t scalar(Database &db, std::string_view sql, const QString &arg = QString())
{
    Statement st = db.prepare(sql);
    if (!arg.isNull()) {
        st.bind(1, arg);
    }
    return st.next() ? st.int64(0) : -1;
}

QString text(Database &db, std::string_view sql, const QString &arg = QString())
{
    Statement st = db.prepare(sql);
    if (!arg.isNull()) {
        st.bind(1, arg);
    }
    return st.next() ? (st.isNull(0) ? QStringLiteral("NULL") : st.text(0)) : QStringLiteral("<no row>");
}

std::int64_t entryId(Database &db, const char *ext)
{
    return scalar(db, "SELECT id FROM entries WHERE ext_id = ?1", QString::fromLatin1(ext));
}

// Rows of an FTS5 match, as entry ext ids, for "the index finds X" assertions. Orphan index rows show as "#rowid".
QStringList ftsMatch(Database &db, const QString &query)
{
    Statement st = db.prepare("SELECT f.rowid, e.ext_id FROM entry_fts f LEFT JOIN entries e ON e.id = f.rowid "
                              "WHERE entry_fts MATCH ?1 ORDER BY f.rowid");
    st.bind(1, query);
    QStringList out;
    while (st.next()) {
        out << (st.isNull(1) ? QStringLiteral("#%1").arg(st.int64(0)) : st.text(1));
    }
    return out;
}

const char *const kTables[] = {"sources",    "domains",      "teams",   "people",         "entries",
                               "entry_tags", "ownerships",   "ports",   "sla_objectives", "sla_series",
                               "checks",     "check_series", "lineage", "entry_fts"};

QMap<QString, std::int64_t> counts(Database &db)
{
    QMap<QString, std::int64_t> out;
    for (const char *table : kTables) {
        out.insert(QLatin1String(table), scalar(db, "SELECT count(*) FROM " + std::string(table)));
    }
    return out;
}

// Like test::dumpCatalog but without the sync generation columns, which every sync advances: equal content dumps
// mean the same catalog, with the same row ids.
QString contentDump(Database &db)
{
    static const QList<const char *> kQueries = {
        "SELECT uri, kind, name, cursor, snapshot_at FROM sources ORDER BY uri",
        "SELECT id, source_id, ext_id, name, display_name, kind, description, parent_ext FROM domains ORDER BY id",
        "SELECT id, source_id, ext_id, name, display_name, domain_ext, parent_ext, email FROM teams ORDER BY id",
        "SELECT id, source_id, ext_id, name, display_name, email, team_ext FROM people ORDER BY id",
        "SELECT id, source_id, ext_id, kind, name, display_name, fqn, domain_id, status, tier, description, version, "
        "updated_at FROM entries ORDER BY id",
        "SELECT * FROM entry_tags ORDER BY entry_id, tag",
        "SELECT * FROM ownerships ORDER BY entry_id, role, party_kind, party_id",
        "SELECT id, entry_id, ext_id, direction, name, description, format, location, n_columns, n_described, "
        "(" MESHLENS_TEST_PORT_COLUMNS ") FROM ports pt ORDER BY id",
        "SELECT id, entry_id, ext_id, kind, target, unit, op, port_ext, description FROM sla_objectives ORDER BY id",
        "SELECT objective_id, t0, step, n, hex(vals) FROM sla_series ORDER BY objective_id, t0",
        "SELECT id, entry_id, ext_id, name, kind, port_ext, column_name, description, severity FROM checks ORDER BY id",
        "SELECT check_id, t0, step, n, hex(statuses), hex(vals), message FROM check_series ORDER BY check_id, t0",
        "SELECT id, source_id, from_ext, from_port, to_ext, to_port, column_map, description FROM lineage ORDER BY id",
        "SELECT rowid, * FROM entry_fts ORDER BY rowid",
    };
    return test::dumpRows(db, kQueries);
}

// The sample bundle without the lines that mention `needle`.
QByteArray sampleWithout(const QByteArray &needle)
{
    QByteArray out;
    for (const QByteArray &line : test::sampleBundle().split('\n')) {
        if (!line.isEmpty() && !line.contains(needle)) {
            out += line + '\n';
        }
    }
    return out;
}

// The sample bundle's records (without its header) under another header.
QByteArray sampleRecordsUnder(const QByteArray &header)
{
    const QByteArray sample = test::sampleBundle();
    return header + sample.mid(sample.indexOf('\n') + 1);
}

} // namespace

class tst_CatalogWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void snapshot_landsInEveryTable();
    void snapshot_writesTagsAndOwnershipsWithRoles();
    void snapshot_storesPortColumnsAsSharedDefinitions();
    void columnDefinitions_aHashCollisionIsADifferentColumn();
    void snapshot_storesSlaSeriesWithGaps();
    void snapshot_storesCheckStatuses();
    void snapshot_storesLineageColumnMap();
    void snapshot_indexesEveryEntry();
    void snapshot_recordsTheSource();
    void syncNowFromFile_landsTheSameCatalog();
    void resyncSameSnapshot_isIdempotent();
    void snapshotLackingProduct_sweepsItAndItsChildren();
    void sweptLastProduct_doesNotBreakAnotherSourcesIndex();
    void snapshotLackingChildren_sweepsOnlyThem();
    void delta_appliesUpdatesAndTombstones();
    void delta_domainTombstone_detachesProducts();
    void delta_tombstoneOfMissingRow_isNotAnError();
    void delta_replacesSeriesPointsInItsRange();
    void delta_withWrongSince_isRefused();
    void tombstoneInSnapshot_isRefused();
    void unknownReference_isRefusedAndNothingApplied_data();
    void unknownReference_isRefusedAndNothingApplied();
    void writeWithoutBegin_isRefused();
    void rollback_leavesCatalogUnchanged();
    void problemsAndState_commitWithTheCatalog_andAreReplacedByTheNextSync();

private:
    // Parses `bundle` into a CatalogWriter on m_db; returns the error (with its line) or nothing once committed.
    std::optional<QString> apply(const QByteArray &bundle);
    QString bundlePath() const { return m_dir->filePath(QStringLiteral("bundle.ndjson")); }
    QString sourceUri() const { return QUrl::fromLocalFile(bundlePath()).toString(QUrl::FullyEncoded); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dbPath;
    Database m_db;
};

void tst_CatalogWriter::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(QStringLiteral("meshlens.*.info=false"));
}

void tst_CatalogWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_dbPath = m_dir->filePath(QStringLiteral("catalog.db"));
    const QString err = test::openCache(m_db, m_dbPath);
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

void tst_CatalogWriter::cleanup()
{
    m_db.close();
    m_dir.reset();
}

std::optional<QString> tst_CatalogWriter::apply(const QByteArray &bundle)
{
    CatalogWriter writer(m_db);
    const CatalogWriter::SourceInfo source{sourceUri(), QStringLiteral("bundle")};
    BundleParser parser([&](const records::Header &h) { return writer.begin(source, h); },
                        [&](records::Record &&r) { return writer.write(std::move(r)); });
    auto err = parser.feed(std::string_view(bundle.constData(), static_cast<std::size_t>(bundle.size())));
    if (!err) {
        err = parser.finish();
    }
    if (err) {
        writer.rollback();
        return err->toString();
    }
    return writer.commit();
}

void tst_CatalogWriter::snapshot_landsInEveryTable()
{
    const auto err = apply(test::sampleBundle());
    QVERIFY2(!err, qPrintable(err.value_or(QString())));
    const QMap<QString, std::int64_t> c = counts(m_db);
    QCOMPARE(c.value(QStringLiteral("sources")), 1);
    QCOMPARE(c.value(QStringLiteral("domains")), 2);
    QCOMPARE(c.value(QStringLiteral("teams")), 2);
    QCOMPARE(c.value(QStringLiteral("people")), 3);
    QCOMPARE(c.value(QStringLiteral("entries")), 3);
    QCOMPARE(c.value(QStringLiteral("entry_tags")), 3);
    QCOMPARE(c.value(QStringLiteral("ownerships")), 6);
    QCOMPARE(c.value(QStringLiteral("ports")), 2);
    QCOMPARE(c.value(QStringLiteral("sla_objectives")), 2);
    QCOMPARE(c.value(QStringLiteral("sla_series")), 2);
    QCOMPARE(c.value(QStringLiteral("checks")), 2);
    QCOMPARE(c.value(QStringLiteral("check_series")), 2);
    QCOMPARE(c.value(QStringLiteral("lineage")), 2);
    QCOMPARE(c.value(QStringLiteral("entry_fts")), 3);

    // Products point at their domain row; the product without a tier has NULL.
    QCOMPARE(text(m_db, "SELECT d.ext_id FROM entries e JOIN domains d ON d.id = e.domain_id WHERE e.ext_id = ?1",
                  QStringLiteral("finance.forecast")),
             QStringLiteral("finance"));
    QCOMPARE(text(m_db, "SELECT tier FROM entries WHERE ext_id = ?1", QStringLiteral("finance.forecast")),
             QStringLiteral("NULL"));
    QCOMPARE(text(m_db, "SELECT version || '|' || updated_at || '|' || status FROM entries WHERE ext_id = ?1",
                  QStringLiteral("sales.orders")),
             QStringLiteral("2.1.0|1763600000|active"));
}

void tst_CatalogWriter::snapshot_writesTagsAndOwnershipsWithRoles()
{
    QVERIFY(!apply(test::sampleBundle()));
    const std::int64_t orders = entryId(m_db, "sales.orders");
    {
        Statement st =
            m_db.prepare("SELECT group_concat(tag, ',') FROM (SELECT tag FROM entry_tags WHERE entry_id = ?1 "
                         "ORDER BY tag)");
        st.bind(1, orders);
        QVERIFY(st.next());
        QCOMPARE(st.text(0), QStringLiteral("gold,pii"));
    }
    Statement st = m_db.prepare("SELECT o.role, o.party_kind, coalesce(p.ext_id, t.ext_id) FROM ownerships o "
                                "LEFT JOIN people p ON o.party_kind = 'person' AND p.id = o.party_id "
                                "LEFT JOIN teams t ON o.party_kind = 'team' AND t.id = o.party_id "
                                "WHERE o.entry_id = ?1 ORDER BY 1, 2, 3");
    st.bind(1, orders);
    QStringList owners;
    while (st.next()) {
        owners << st.text(0) + QLatin1Char(':') + st.text(1) + QLatin1Char(':') + st.text(2);
    }
    QCOMPARE(owners, (QStringList{QStringLiteral("owner:person:ada"), QStringLiteral("owner:team:t-sales"),
                                  QStringLiteral("steward:person:grace")}));

    st = m_db.prepare("SELECT o.role || ':' || p.ext_id FROM ownerships o JOIN people p ON p.id = o.party_id "
                      "WHERE o.party_kind = 'person' AND o.entry_id = ?1");
    st.bind(1, entryId(m_db, "finance.revenue"));
    QVERIFY(st.next());
    QCOMPARE(st.text(0), QStringLiteral("expert:alan"));
}

void tst_CatalogWriter::snapshot_storesPortColumnsAsSharedDefinitions()
{
    QVERIFY(!apply(test::sampleBundle()));
    Statement st = m_db.prepare("SELECT direction, format, n_columns, n_described, id FROM ports WHERE ext_id = ?1");
    st.bind(1, QStringLiteral("orders_v2"));
    QVERIFY(st.next());
    QCOMPARE(st.text(0), QStringLiteral("output"));
    QCOMPARE(st.text(1), QStringLiteral("table"));
    QCOMPARE(st.int64(2), 3);
    const std::int64_t port = st.int64(4);
    Statement cols = m_db.prepare("SELECT name, type, description, nullable, primary_key, tags FROM port_columns "
                                  "WHERE port_id = ?1 ORDER BY position");
    cols.bind(1, port);
    QStringList rows;
    while (cols.next()) {
        rows << QStringList{cols.text(0), cols.text(1), cols.text(2), cols.text(3), cols.text(4), cols.text(5)}.join(
            QLatin1Char('|'));
    }
    QCOMPARE(rows.size(), 3);
    QVERIFY2(rows[0].startsWith(QStringLiteral("order_id|BIGINT|")) && rows[0].endsWith(QStringLiteral("|0|1|")),
             qPrintable(rows[0]));
    QVERIFY2(rows[1].startsWith(QStringLiteral("customer_email|")) &&
                 rows[1].endsWith(QStringLiteral("|1|0|[\"pii\"]")),
             qPrintable(rows[1]));
    QVERIFY2(rows[2].contains(QStringLiteral("|Gross amount|")), qPrintable(rows[2]));
    QCOMPARE(st.int64(3), scalar(m_db, "SELECT count(*) FROM port_columns WHERE port_id = ?1 AND description <> ''",
                                 QString::number(port)));

    // The reader gives back what the bundle said.
    const auto details = CatalogReader(m_db).product(entryId(m_db, "sales.orders"));
    QVERIFY(details);
    const auto it = std::find_if(details->ports.begin(), details->ports.end(),
                                 [](const PortInfo &p) { return p.extId == QLatin1String("orders_v2"); });
    QVERIFY(it != details->ports.end());
    QCOMPARE(it->columns.size(), 3);
    QCOMPARE(it->columns[0].name, QStringLiteral("order_id"));
    QVERIFY(it->columns[0].primaryKey && !it->columns[0].nullable);
    QCOMPARE(it->columns[1].tags, QStringList{QStringLiteral("pii")});
    QCOMPARE(it->columns[2].description, QStringLiteral("Gross amount"));

    // A port without columns stores an empty list.
    st = m_db.prepare("SELECT columns, n_columns FROM ports WHERE ext_id = ?1");
    st.bind(1, QStringLiteral("revenue_daily"));
    QVERIFY(st.next());
    QCOMPARE(QJsonDocument::fromJson(st.text(0).toUtf8()).array().size(), st.int64(1));

    // A generated catalog repeats its columns: each distinct definition is stored once, and every port's columns
    // point at definitions that exist.
    st = Statement(); // finalised: the writer's commit needs no reader mid-statement on this connection
    cols = Statement();
    QVERIFY(test::generateBundle(bundlePath(), 200, 3));
    QFile generated(bundlePath());
    QVERIFY(generated.open(QIODevice::ReadOnly));
    const auto generatedError = apply(generated.readAll());
    QVERIFY2(!generatedError, qPrintable(generatedError.value_or(QString())));
    const std::int64_t defs = scalar(m_db, "SELECT count(*) FROM column_defs");
    const std::int64_t columns = scalar(m_db, "SELECT sum(n_columns) FROM ports");
    QVERIFY2(defs * 2 < columns, qPrintable(QStringLiteral("%1 definitions for %2 columns").arg(defs).arg(columns)));
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM (SELECT 1 FROM column_defs GROUP BY name, type, description, nullable, "
                          "primary_key, tags HAVING count(*) > 1)"),
             0);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM port_columns"), scalar(m_db, "SELECT sum(n_columns) FROM ports"));
}

void tst_CatalogWriter::columnDefinitions_aHashCollisionIsADifferentColumn()
{
    QVERIFY(!apply(test::sampleBundle()));
    records::Column column;
    column.name = "order_id";
    column.type = "BIGINT";
    // Another definition planted under this column's hash: found by the hash, refused by its fields.
    const auto hash = std::bit_cast<std::int64_t>(lineHash(ColumnDefs::key(column)));
    Statement plant = m_db.prepare("INSERT INTO column_defs(hash, name, type) VALUES(?1, 'impostor', 'TEXT')");
    plant.bind(1, hash);
    QVERIFY(plant.exec());
    const std::int64_t impostor = m_db.lastInsertRowId();
    ColumnDefs defs(m_db);
    QString error;
    const auto id = defs.intern(column, error);
    QVERIFY2(id, qPrintable(error));
    QVERIFY(*id != impostor);
    Statement st = m_db.prepare("SELECT name, type, hash FROM column_defs WHERE id = ?1");
    st.bind(1, *id);
    QVERIFY(st.next());
    QCOMPARE(st.text(0), QStringLiteral("order_id"));
    QCOMPARE(st.text(1), QStringLiteral("BIGINT"));
    QCOMPARE(st.int64(2), hash);
    // Asked again (from memory, and by a fresh dictionary from the table), the same definition.
    QCOMPARE(defs.intern(column, error), id);
    ColumnDefs again(m_db);
    QCOMPARE(again.intern(column, error), id);
    // Any field that differs is another definition.
    column.nullable = false;
    const auto other = again.intern(column, error);
    QVERIFY(other && *other != *id && *other != impostor);
}

void tst_CatalogWriter::snapshot_storesSlaSeriesWithGaps()
{
    QVERIFY(!apply(test::sampleBundle()));
    Statement st = m_db.prepare("SELECT o.kind, o.target, o.unit, o.op, s.t0, s.step, s.n, s.vals "
                                "FROM sla_objectives o JOIN sla_series s ON s.objective_id = o.id "
                                "WHERE o.ext_id = ?1");
    st.bind(1, QStringLiteral("freshness"));
    QVERIFY(st.next());
    QCOMPARE(st.text(0), QStringLiteral("freshness"));
    QCOMPARE(st.real(1), 6.0);
    QCOMPARE(st.text(2), QStringLiteral("h"));
    QCOMPARE(st.text(3), QStringLiteral("<="));
    QCOMPARE(st.int64(4), 1763251200);
    QCOMPARE(st.int64(5), 86400);
    QCOMPARE(st.int64(6), 5);
    const std::vector<float> vals = SeriesCodec::decode(st.blob(7));
    QCOMPARE(vals.size(), std::size_t{5});
    QCOMPARE(vals[0], 1.5f);
    QCOMPARE(vals[1], 2.0f);
    QVERIFY(std::isnan(vals[2]));
    QCOMPARE(vals[3], 9.25f);
    QCOMPARE(vals[4], 3.0f);
    QVERIFY(!st.next());

    st = m_db.prepare("SELECT o.op, s.t0, s.step, s.n, s.vals FROM sla_objectives o "
                      "JOIN sla_series s ON s.objective_id = o.id WHERE o.ext_id = ?1");
    st.bind(1, QStringLiteral("availability"));
    QVERIFY(st.next());
    QCOMPARE(st.text(0), QStringLiteral(">="));
    QCOMPARE(st.int64(1), 1763596800);
    QCOMPARE(st.int64(2), 0); // a single point
    QCOMPARE(st.int64(3), 1);
    const std::vector<float> point = SeriesCodec::decode(st.blob(4));
    QCOMPARE(point.size(), std::size_t{1});
    QCOMPARE(point[0], 99.9f);
}

void tst_CatalogWriter::snapshot_storesCheckStatuses()
{
    QVERIFY(!apply(test::sampleBundle()));
    Statement st =
        m_db.prepare("SELECT c.kind, c.column_name, c.severity, s.t0, s.step, s.n, CAST(s.statuses AS TEXT), "
                     "s.vals IS NULL, s.message IS NULL FROM checks c "
                     "JOIN check_series s ON s.check_id = c.id WHERE c.ext_id = ?1");
    st.bind(1, QStringLiteral("order_id_not_null"));
    QVERIFY(st.next());
    QCOMPARE(st.text(0), QStringLiteral("not_null"));
    QCOMPARE(st.text(1), QStringLiteral("order_id"));
    QCOMPARE(st.text(2), QStringLiteral("critical"));
    QCOMPARE(st.int64(3), 1763251200);
    QCOMPARE(st.int64(4), 86400);
    QCOMPARE(st.int64(5), 5);
    QCOMPARE(st.text(6), QStringLiteral("PPFP-"));
    QCOMPARE(st.int64(7), 1);
    QCOMPARE(st.int64(8), 1);

    st = m_db.prepare("SELECT CAST(s.statuses AS TEXT), s.vals, s.message, s.step FROM checks c "
                      "JOIN check_series s ON s.check_id = c.id WHERE c.ext_id = ?1");
    st.bind(1, QStringLiteral("rows"));
    QVERIFY(st.next());
    QCOMPARE(st.text(0), QStringLiteral("F"));
    const std::vector<float> vals = SeriesCodec::decode(st.blob(1));
    QCOMPARE(vals.size(), std::size_t{1});
    QCOMPARE(vals[0], 0.0f);
    QCOMPARE(st.text(2), QStringLiteral("no rows for yesterday"));
    QCOMPARE(st.int64(3), 0);
}

void tst_CatalogWriter::snapshot_storesLineageColumnMap()
{
    QVERIFY(!apply(test::sampleBundle()));
    Statement st =
        m_db.prepare("SELECT from_ext, from_port, to_ext, to_port, column_map FROM lineage ORDER BY from_ext");
    QVERIFY(st.next());
    QCOMPARE(st.text(0), QStringLiteral("finance.revenue"));
    QCOMPARE(st.text(1), QString());
    QCOMPARE(st.text(2), QStringLiteral("finance.forecast"));
    QVERIFY(st.isNull(4));
    QVERIFY(st.next());
    QCOMPARE(st.text(0), QStringLiteral("sales.orders"));
    QCOMPARE(st.text(1), QStringLiteral("orders_v2"));
    QCOMPARE(st.text(2), QStringLiteral("finance.revenue"));
    QCOMPARE(st.text(3), QStringLiteral("revenue_daily"));
    const QJsonArray map = QJsonDocument::fromJson(st.text(4).toUtf8()).array();
    QCOMPARE(map, (QJsonArray{QJsonArray{QStringLiteral("amount_eur"), QStringLiteral("revenue_eur")}}));
}

void tst_CatalogWriter::snapshot_indexesEveryEntry()
{
    QVERIFY(!apply(test::sampleBundle()));
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entries e JOIN entry_fts f ON f.rowid = e.id"), 3);
    // Every field that feeds the document: name, display name, tags, domain, owners, description, columns.
    QCOMPARE(ftsMatch(m_db, QStringLiteral("orders")),
             (QStringList{QStringLiteral("sales.orders"), QStringLiteral("finance.revenue")}));
    QCOMPARE(ftsMatch(m_db, QStringLiteral("display_name:events")), QStringList{QStringLiteral("sales.orders")});
    QCOMPARE(ftsMatch(m_db, QStringLiteral("tags:gold")), QStringList{QStringLiteral("sales.orders")});
    QCOMPARE(ftsMatch(m_db, QStringLiteral("domain:finance")),
             (QStringList{QStringLiteral("finance.revenue"), QStringLiteral("finance.forecast")}));
    QCOMPARE(ftsMatch(m_db, QStringLiteral("owners:lovelace")), QStringList{QStringLiteral("sales.orders")});
    QCOMPARE(ftsMatch(m_db, QStringLiteral("owners:\"finance data\"")), QStringList{QStringLiteral("finance.revenue")});
    QCOMPARE(ftsMatch(m_db, QStringLiteral("description:shop")), QStringList{QStringLiteral("sales.orders")});
    QCOMPARE(ftsMatch(m_db, QStringLiteral("columns:\"customer_email\"")), QStringList{QStringLiteral("sales.orders")});
}

void tst_CatalogWriter::snapshot_recordsTheSource()
{
    QVERIFY(!apply(test::sampleBundle()));
    Statement st = m_db.prepare("SELECT uri, kind, name, cursor, gen, snapshot_at, last_success_at IS NOT NULL, "
                                "last_error FROM sources");
    QVERIFY(st.next());
    QCOMPARE(st.text(0), sourceUri());
    QCOMPARE(st.text(1), QStringLiteral("bundle"));
    QCOMPARE(st.text(2), QStringLiteral("test"));
    QCOMPARE(st.text(3), QStringLiteral("c1"));
    QCOMPARE(st.int64(4), 1);
    QCOMPARE(st.int64(5), 1763683200);
    QCOMPARE(st.int64(6), 1);
    QVERIFY(st.isNull(7));
}

void tst_CatalogWriter::syncNowFromFile_landsTheSameCatalog()
{
    QVERIFY(!apply(test::sampleBundle()));
    const QString viaWriter = test::dumpCatalog(m_db);

    QVERIFY(test::writeFile(bundlePath(), test::sampleBundle()));
    const QString other = m_dir->filePath(QStringLiteral("other.db"));
    const SyncResult result = test::syncNow(other, bundlePath());
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.products, 3);
    QCOMPARE(result.records, 22);
    Database db;
    QVERIFY(test::openCache(db, other).isEmpty());
    QCOMPARE(test::dumpCatalog(db), viaWriter);
}

void tst_CatalogWriter::resyncSameSnapshot_isIdempotent()
{
    QVERIFY(!apply(test::sampleBundle()));
    const auto countsBefore = counts(m_db);
    const QString before = contentDump(m_db);
    QVERIFY(!apply(test::sampleBundle()));
    QCOMPARE(counts(m_db), countsBefore);
    QCOMPARE(contentDump(m_db), before); // includes every row id: ids are stable across re-syncs
    QCOMPARE(scalar(m_db, "SELECT gen FROM sources"), 2);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entries WHERE gen <> 2"), 0);

    // And through the engine, from a file, a third time.
    QVERIFY(test::writeFile(bundlePath(), test::sampleBundle()));
    const SyncResult result = test::syncNow(m_dbPath, bundlePath());
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(counts(m_db), countsBefore);
    QCOMPARE(contentDump(m_db), before);
}

void tst_CatalogWriter::snapshotLackingProduct_sweepsItAndItsChildren()
{
    QVERIFY(!apply(test::sampleBundle()));
    const std::int64_t revenue = entryId(m_db, "finance.revenue");
    const std::int64_t orders = entryId(m_db, "sales.orders");
    QVERIFY(revenue > 0);

    // Every line naming finance.revenue goes: the product, its port, SLA, measurement, check, result and both edges.
    const QByteArray second = sampleWithout("finance.revenue");
    QVERIFY(!apply(second));

    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entries"), 2);
    QCOMPARE(entryId(m_db, "finance.revenue"), -1);
    QCOMPARE(entryId(m_db, "sales.orders"), orders);
    const auto c = counts(m_db);
    QCOMPARE(c.value(QStringLiteral("ports")), 1);
    QCOMPARE(c.value(QStringLiteral("sla_objectives")), 1);
    QCOMPARE(c.value(QStringLiteral("sla_series")), 1);
    QCOMPARE(c.value(QStringLiteral("checks")), 1);
    QCOMPARE(c.value(QStringLiteral("check_series")), 1);
    QCOMPARE(c.value(QStringLiteral("lineage")), 0);
    QCOMPARE(c.value(QStringLiteral("ownerships")), 4); // 3 of orders, 1 of forecast
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entry_tags WHERE tag = 'finance'"), 0);
    // Alan still owns the forecast, so he stays; the parties table is swept only of those the snapshot lacks.
    QCOMPARE(c.value(QStringLiteral("people")), 3);

    // The search index forgets it too.
    QCOMPARE(ftsMatch(m_db, QStringLiteral("daily")), QStringList());
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entry_fts WHERE rowid = ?1", QString::number(revenue)), 0);
    QCOMPARE(c.value(QStringLiteral("entry_fts")), 2);
}

void tst_CatalogWriter::sweptLastProduct_doesNotBreakAnotherSourcesIndex()
{
    // The swept product has the highest row id, so SQLite hands that id to the next new entry.
    QVERIFY(!apply(test::sampleBundle()));
    QCOMPARE(entryId(m_db, "finance.forecast"), scalar(m_db, "SELECT max(id) FROM entries"));
    QVERIFY(!apply(sampleWithout("finance.forecast")));

    const QString other = m_dir->filePath(QStringLiteral("other.ndjson"));
    QVERIFY(test::writeFile(other, test::header("snapshot", "o1") +
                                       R"({"type":"product","id":"other.thing","name":"thing"})" + '\n'));
    const SyncResult result = test::syncNow(m_dbPath, other);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(ftsMatch(m_db, QStringLiteral("thing")), QStringList{QStringLiteral("other.thing")});
}

void tst_CatalogWriter::snapshotLackingChildren_sweepsOnlyThem()
{
    QVERIFY(!apply(test::sampleBundle()));
    const QString before = contentDump(m_db);
    // Drop the orders check (and its results), the freshness SLA, the second edge and Grace (a steward).
    QByteArray second = sampleWithout("order_id_not_null");
    second = second.replace(R"(,{"role":"steward","person":"grace"})", "");
    QByteArray filtered;
    for (const QByteArray &line : second.split('\n')) {
        if (!line.isEmpty() && !line.contains(R"("sla":"freshness")") && !line.contains(R"("id":"freshness")") &&
            !line.contains(R"("from":"finance.revenue")") && !line.contains(R"("id":"grace")")) {
            filtered += line + '\n';
        }
    }
    QVERIFY(!apply(filtered));
    const auto c = counts(m_db);
    QCOMPARE(c.value(QStringLiteral("entries")), 3);
    QCOMPARE(c.value(QStringLiteral("checks")), 1);
    QCOMPARE(c.value(QStringLiteral("check_series")), 1);
    QCOMPARE(c.value(QStringLiteral("sla_objectives")), 1);
    QCOMPARE(c.value(QStringLiteral("sla_series")), 1);
    QCOMPARE(c.value(QStringLiteral("lineage")), 1);
    QCOMPARE(c.value(QStringLiteral("people")), 2);
    QCOMPARE(c.value(QStringLiteral("ownerships")), 5);
    QCOMPARE(ftsMatch(m_db, QStringLiteral("hopper")), QStringList());

    // Syncing the full snapshot again brings everything back (with new ids only for the re-created rows).
    QVERIFY(!apply(test::sampleBundle()));
    QCOMPARE(counts(m_db).value(QStringLiteral("checks")), 2);
    QCOMPARE(counts(m_db).value(QStringLiteral("people")), 3);
    QCOMPARE(ftsMatch(m_db, QStringLiteral("hopper")), QStringList{QStringLiteral("sales.orders")});
    QVERIFY(before != contentDump(m_db)); // the re-created check and SLA have new ids
}

void tst_CatalogWriter::delta_appliesUpdatesAndTombstones()
{
    QVERIFY(!apply(test::sampleBundle()));
    const std::int64_t orders = entryId(m_db, "sales.orders");
    const std::int64_t revenue = entryId(m_db, "finance.revenue");
    const std::int64_t forecast = entryId(m_db, "finance.forecast");
    const std::int64_t alan = scalar(m_db, "SELECT id FROM people WHERE ext_id = 'alan'");
    QCOMPARE(ftsMatch(m_db, QStringLiteral("shop")), QStringList{QStringLiteral("sales.orders")});
    QVERIFY(text(m_db, "SELECT owners FROM entry_fts WHERE rowid = ?1", QString::number(revenue))
                .contains(QStringLiteral("Turing")));

    const QByteArray delta = test::header("delta", "c2", "c1") + QByteArrayLiteral(R"(
{"type":"product","id":"sales.orders","name":"orders","display_name":"Order Events","domain":"sales","status":"active","tier":1,"description":"All orders placed in the marketplace.","tags":["pii","gold"],"owners":[{"role":"owner","team":"t-sales"},{"role":"owner","person":"ada"},{"role":"steward","person":"grace"}]}
{"type":"product","id":"sales.returns","name":"returns","display_name":"Returned Parcels","domain":"sales","status":"active","tier":3,"tags":["new"],"owners":[{"role":"owner","person":"ada"}]}
{"type":"tombstone","of":"product","id":"finance.forecast"}
{"type":"tombstone","of":"port","product":"finance.revenue","id":"revenue_daily"}
{"type":"tombstone","of":"sla","product":"sales.orders","id":"freshness"}
{"type":"tombstone","of":"lineage","from":"sales.orders","from_port":"orders_v2","to":"finance.revenue","to_port":"revenue_daily"}
{"type":"lineage","from":"sales.orders","to":"sales.returns"}
{"type":"tombstone","of":"person","id":"alan"}
)")
                                                                     .mid(1);
    const auto err = apply(delta);
    QVERIFY2(!err, qPrintable(err.value_or(QString())));

    QCOMPARE(text(m_db, "SELECT cursor FROM sources"), QStringLiteral("c2"));

    // The updated description: the new word is found, the old one is not; the id is kept.
    QCOMPARE(entryId(m_db, "sales.orders"), orders);
    QCOMPARE(ftsMatch(m_db, QStringLiteral("marketplace")), QStringList{QStringLiteral("sales.orders")});
    QCOMPARE(ftsMatch(m_db, QStringLiteral("shop")), QStringList());
    // Children the delta did not mention stay: the orders port, check and results.
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM ports WHERE entry_id = ?1", QString::number(orders)), 1);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM check_series"), 2);

    // The added product, indexed.
    QVERIFY(entryId(m_db, "sales.returns") > 0);
    QCOMPARE(ftsMatch(m_db, QStringLiteral("parcels")), QStringList{QStringLiteral("sales.returns")});
    QCOMPARE(
        text(m_db, "SELECT tag FROM entry_tags WHERE entry_id = ?1", QString::number(entryId(m_db, "sales.returns"))),
        QStringLiteral("new"));

    // The tombstoned product, with its ownership, edges and index row.
    QCOMPARE(entryId(m_db, "finance.forecast"), -1);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM ownerships WHERE entry_id = ?1", QString::number(forecast)), 0);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entry_fts WHERE rowid = ?1", QString::number(forecast)), 0);
    QCOMPARE(ftsMatch(m_db, QStringLiteral("forecast")), QStringList());

    // The tombstoned port; the product is re-indexed without its columns.
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM ports WHERE ext_id = 'revenue_daily'"), 0);
    QCOMPARE(text(m_db, "SELECT columns FROM entry_fts WHERE rowid = ?1", QString::number(revenue)), QString());

    // The tombstoned SLA with its measurements; the other SLA stays.
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM sla_objectives WHERE ext_id = 'freshness'"), 0);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM sla_objectives"), 1);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM sla_series"), 1);

    // Lineage: the tombstoned edge and the forecast's edge are gone, the new one is there.
    Statement st = m_db.prepare("SELECT from_ext || '>' || to_ext FROM lineage");
    QStringList edges;
    while (st.next()) {
        edges << st.text(0);
    }
    QCOMPARE(edges, QStringList{QStringLiteral("sales.orders>sales.returns")});

    // The tombstoned person, with their ownerships; the product they helped own is re-indexed without them.
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM people WHERE ext_id = 'alan'"), 0);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM ownerships WHERE party_kind = 'person' AND party_id = ?1",
                    QString::number(alan)),
             0);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM ownerships WHERE entry_id = ?1", QString::number(revenue)), 1);
    QVERIFY(!text(m_db, "SELECT owners FROM entry_fts WHERE rowid = ?1", QString::number(revenue))
                 .contains(QStringLiteral("Turing")));
    QCOMPARE(ftsMatch(m_db, QStringLiteral("turing")), QStringList());

    // Every entry still has exactly one index row, and no index row lacks its entry.
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entry_fts"), scalar(m_db, "SELECT count(*) FROM entries"));
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entry_fts WHERE rowid NOT IN (SELECT id FROM entries)"), 0);

    // The tables the schema keeps by triggers (built in bulk by the first, fresh load, then kept row by row through
    // the deltas) agree with what they derive from.
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), 7);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entry_tag_names"), scalar(m_db, "SELECT count(*) FROM entry_tags"));
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entry_tag_names g JOIN entry_tags t ON t.entry_id = g.entry_id AND "
                          "t.tag = g.tag JOIN entries e ON e.id = g.entry_id AND e.name = g.name"),
             scalar(m_db, "SELECT count(*) FROM entry_tags"));
    QVERIFY(!m_db.exec("INSERT INTO entry_name_fts(entry_name_fts, rank) VALUES ('integrity-check', 1)"));
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entry_name_fts WHERE entry_name_fts MATCH 'revenue'"),
             scalar(m_db, "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH '{name display_name}: revenue'"));
}

void tst_CatalogWriter::delta_domainTombstone_detachesProducts()
{
    QVERIFY(!apply(test::sampleBundle()));
    const QByteArray delta = test::header("delta", "c2", "c1") +
                             QByteArrayLiteral(R"({"type":"tombstone","of":"domain","id":"finance"})") + '\n';
    QVERIFY(!apply(delta));
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM domains"), 1);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entries WHERE domain_id IS NULL"), 2);
    QCOMPARE(ftsMatch(m_db, QStringLiteral("domain:finance")), QStringList());
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM entries"), 3);
}

void tst_CatalogWriter::delta_tombstoneOfMissingRow_isNotAnError()
{
    QVERIFY(!apply(test::sampleBundle()));
    const QString before = contentDump(m_db);
    const QByteArray delta = test::header("delta", "c2", "c1") + QByteArrayLiteral(R"(
{"type":"tombstone","of":"product","id":"never.was"}
{"type":"tombstone","of":"port","product":"never.was","id":"p"}
{"type":"tombstone","of":"sla","product":"sales.orders","id":"never"}
{"type":"tombstone","of":"check","product":"sales.orders","id":"never"}
{"type":"tombstone","of":"person","id":"nobody"}
{"type":"tombstone","of":"team","id":"no-team"}
{"type":"tombstone","of":"domain","id":"no-domain"}
{"type":"tombstone","of":"lineage","from":"a","to":"b"}
)")
                                                                     .mid(1);
    const auto err = apply(delta);
    QVERIFY2(!err, qPrintable(err.value_or(QString())));
    QString after = contentDump(m_db);
    after.replace(QStringLiteral("|c2|"), QStringLiteral("|c1|")); // only the cursor moved on
    QCOMPARE(after, before);
}

void tst_CatalogWriter::delta_replacesSeriesPointsInItsRange()
{
    QVERIFY(!apply(test::sampleBundle()));
    // Two new days after the snapshot's five; and a single point that replaces the chunk starting on day 1.
    const QByteArray delta = test::header("delta", "c2", "c1") + QByteArrayLiteral(R"(
{"type":"sla_measurement","product":"sales.orders","sla":"freshness","start":1763683200,"step":86400,"values":[4,5]}
{"type":"check_result","product":"sales.orders","check":"order_id_not_null","start":1763683200,"step":86400,"statuses":"FF"}
)")
                                                                     .mid(1);
    QVERIFY(!apply(delta));
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM sla_series s JOIN sla_objectives o ON o.id = s.objective_id "
                          "WHERE o.ext_id = 'freshness'"),
             2);
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM check_series"), 3);

    const QByteArray replace = test::header("delta", "c3", "c2") + QByteArrayLiteral(R"(
{"type":"sla_measurement","product":"sales.orders","sla":"freshness","start":1763683200,"step":86400,"values":[1,1]}
)")
                                                                       .mid(1);
    QVERIFY(!apply(replace));
    Statement st = m_db.prepare("SELECT s.t0, s.vals FROM sla_series s JOIN sla_objectives o ON o.id = s.objective_id "
                                "WHERE o.ext_id = 'freshness' ORDER BY s.t0");
    QVERIFY(st.next());
    QCOMPARE(st.int64(0), 1763251200);
    QVERIFY(st.next());
    QCOMPARE(st.int64(0), 1763683200);
    const std::vector<float> vals = SeriesCodec::decode(st.blob(1));
    QCOMPARE(vals, (std::vector<float>{1.0f, 1.0f}));
    QVERIFY(!st.next());
}

void tst_CatalogWriter::delta_withWrongSince_isRefused()
{
    QVERIFY(!apply(test::sampleBundle()));
    const QString before = test::dumpCatalog(m_db);
    const QByteArray delta = test::header("delta", "c3", "c0") +
                             QByteArrayLiteral(R"({"type":"tombstone","of":"product","id":"sales.orders"})") + '\n';
    const auto err = apply(delta);
    QVERIFY(err);
    QVERIFY2(err->contains(QStringLiteral("'c0'")) && err->contains(QStringLiteral("'c1'")), qPrintable(*err));
    QVERIFY2(err->contains(QStringLiteral("full sync")), qPrintable(*err));
    QVERIFY(err->startsWith(QStringLiteral("line 1:")));
    QCOMPARE(test::dumpCatalog(m_db), before);

    // Through the engine: refused the same way, and the failure is recorded on the source.
    QVERIFY(test::writeFile(bundlePath(), delta));
    const SyncResult result = test::syncNow(m_dbPath, bundlePath());
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("'c0'")), qPrintable(result.error));
    QCOMPARE(test::dumpCatalog(m_db), before);
    QVERIFY(text(m_db, "SELECT last_error FROM sources").contains(QStringLiteral("'c0'")));

    // A delta into a cache that has nothing from this source is refused too.
    Database empty;
    QVERIFY(test::openCache(empty, m_dir->filePath(QStringLiteral("empty.db"))).isEmpty());
    const SyncResult fresh = test::syncNow(empty.path(), bundlePath());
    QVERIFY(!fresh.ok);
    QVERIFY2(fresh.error.contains(QStringLiteral("nothing")), qPrintable(fresh.error));
    QCOMPARE(scalar(empty, "SELECT count(*) FROM entries"), 0);
}

void tst_CatalogWriter::tombstoneInSnapshot_isRefused()
{
    QVERIFY(!apply(test::sampleBundle()));
    const QString before = test::dumpCatalog(m_db);
    const QByteArray bundle =
        test::sampleBundle() + QByteArrayLiteral(R"({"type":"tombstone","of":"product","id":"sales.orders"})") + '\n';
    const auto err = apply(bundle);
    QVERIFY(err);
    QVERIFY2(err->contains(QStringLiteral("tombstone belongs in a delta")), qPrintable(*err));
    QVERIFY2(err->startsWith(QStringLiteral("line 24:")), qPrintable(*err));
    QCOMPARE(test::dumpCatalog(m_db), before);
}

void tst_CatalogWriter::unknownReference_isRefusedAndNothingApplied_data()
{
    QTest::addColumn<QByteArray>("bundle");
    QTest::addColumn<QStringList>("named"); // ids the message must name
    QTest::addColumn<int>("line");

    // A delta whose first record is fine (an update that would show in the dump) and whose second is not.
    const QByteArray update = test::header("delta", "c2", "c1") +
                              R"({"type":"domain","id":"sales","name":"sales","display_name":"Renamed Sales"})" + '\n';
    const auto delta = [&update](const char *bad) -> QByteArray { return update + QByteArray(bad) + '\n'; };

    QTest::newRow("product names unknown domain")
        << delta(R"({"type":"product","id":"x.new","domain":"nowhere"})")
        << QStringList{QStringLiteral("x.new"), QStringLiteral("nowhere")} << 3;
    QTest::newRow("owner names unknown person")
        << delta(R"({"type":"product","id":"x.new","owners":[{"role":"owner","person":"nobody"}]})")
        << QStringList{QStringLiteral("x.new"), QStringLiteral("nobody"), QStringLiteral("person")} << 3;
    QTest::newRow("owner names unknown team")
        << delta(R"({"type":"product","id":"x.new","owners":[{"role":"steward","team":"ghost-team"}]})")
        << QStringList{QStringLiteral("x.new"), QStringLiteral("ghost-team"), QStringLiteral("team")} << 3;
    QTest::newRow("port of unknown product") << delta(R"({"type":"port","product":"ghost","id":"p1"})")
                                             << QStringList{QStringLiteral("p1"), QStringLiteral("ghost")} << 3;
    QTest::newRow("sla of unknown product")
        << delta(R"({"type":"sla","product":"ghost","id":"s1","kind":"freshness","target":1})")
        << QStringList{QStringLiteral("s1"), QStringLiteral("ghost")} << 3;
    QTest::newRow("check of unknown product") << delta(R"({"type":"check","product":"ghost","id":"c9"})")
                                              << QStringList{QStringLiteral("c9"), QStringLiteral("ghost")} << 3;
    QTest::newRow("measurement of unknown sla")
        << delta(R"({"type":"sla_measurement","product":"sales.orders","sla":"latency","at":1,"value":1})")
        << QStringList{QStringLiteral("latency"), QStringLiteral("sales.orders")} << 3;
    QTest::newRow("result of unknown check")
        << delta(R"({"type":"check_result","product":"sales.orders","check":"unique_id","at":1,"status":"pass"})")
        << QStringList{QStringLiteral("unique_id"), QStringLiteral("sales.orders")} << 3;
    QTest::newRow("result of a tombstoned product")
        << update + R"({"type":"tombstone","of":"product","id":"finance.revenue"})" + '\n' +
               R"({"type":"check_result","product":"finance.revenue","check":"rows","at":2,"status":"pass"})" + '\n'
        << QStringList{QStringLiteral("rows"), QStringLiteral("finance.revenue")} << 4;

    // A snapshot may refer only to what came before it in the same bundle, not to what the cache has.
    const QByteArray snapshot = sampleRecordsUnder(test::header("snapshot", "c2"));
    QTest::newRow("snapshot product after all the good records")
        << snapshot + R"({"type":"product","id":"late","domain":"marketing"})" + '\n'
        << QStringList{QStringLiteral("late"), QStringLiteral("marketing")} << 24;
    QTest::newRow("snapshot naming a domain only the cache has")
        << test::header("snapshot", "c2") + R"({"type":"product","id":"x","domain":"sales"})" + '\n'
        << QStringList{QStringLiteral("x"), QStringLiteral("sales")} << 2;
}

void tst_CatalogWriter::unknownReference_isRefusedAndNothingApplied()
{
    QFETCH(QByteArray, bundle);
    QFETCH(QStringList, named);
    QFETCH(int, line);

    QVERIFY(!apply(test::sampleBundle()));
    const QString before = test::dumpCatalog(m_db);

    const auto err = apply(bundle);
    QVERIFY2(err, "the bundle was accepted");
    for (const QString &id : named) {
        QVERIFY2(err->contains(QLatin1Char('\'') + id + QLatin1Char('\'')) || err->contains(id),
                 qPrintable(QStringLiteral("'%1' does not name %2").arg(*err, id)));
    }
    QVERIFY2(err->startsWith(QStringLiteral("line %1:").arg(line)), qPrintable(*err));
    QCOMPARE(test::dumpCatalog(m_db), before);
    QVERIFY(!m_db.inTransaction());

    // The engine refuses it the same way from a file.
    QVERIFY(test::writeFile(bundlePath(), bundle));
    const SyncResult result = test::syncNow(m_dbPath, bundlePath());
    QVERIFY(!result.ok);
    QCOMPARE(result.error, *err);
    QCOMPARE(test::dumpCatalog(m_db), before);
}

void tst_CatalogWriter::writeWithoutBegin_isRefused()
{
    CatalogWriter writer(m_db);
    QVERIFY(!writer.isActive());
    const auto err = writer.write(records::Record(records::Domain{"d", "d", "", "", "", ""}));
    QVERIFY(err);
    QVERIFY(err->contains(QStringLiteral("no sync in progress")));
    QVERIFY(writer.commit());
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM domains"), 0);
}

void tst_CatalogWriter::rollback_leavesCatalogUnchanged()
{
    QVERIFY(!apply(test::sampleBundle()));
    const QString before = test::dumpCatalog(m_db);
    {
        CatalogWriter writer(m_db);
        records::Header header;
        header.format = "meshlens-bundle";
        header.version = 1;
        header.cursor = "c9";
        QVERIFY(!writer.begin({sourceUri(), QStringLiteral("bundle")}, header));
        QVERIFY(writer.isActive());
        QVERIFY(!writer.write(records::Record(records::Domain{"extra", "extra", "", "", "", ""})));
        QVERIFY(!writer.write(records::Record(records::Product{.id = "p.extra", .name = "extra"})));
        QCOMPARE(writer.stats().records, 2);
        QCOMPARE(writer.stats().products, 1);
        // The destructor rolls back a sync that was never committed.
    }
    QCOMPARE(test::dumpCatalog(m_db), before);
    QVERIFY(!m_db.inTransaction());
}

void tst_CatalogWriter::problemsAndState_commitWithTheCatalog_andAreReplacedByTheNextSync()
{
    records::Header header;
    header.format = "meshlens-bundle";
    header.version = 1;
    const CatalogWriter::SourceInfo source{sourceUri(), QStringLiteral("contracts")};
    const auto sync = [&](const QList<CatalogWriter::Problem> &problems, const QByteArray &manifest, bool commit) {
        CatalogWriter writer(m_db);
        QVERIFY(!writer.begin(source, header));
        QVERIFY(!writer.write(records::Record(records::Product{.id = "p1", .name = "one"})));
        for (const CatalogWriter::Problem &p : problems) {
            writer.addProblem(p);
        }
        writer.setState(QStringLiteral("manifest"), manifest);
        if (commit) {
            QVERIFY(!writer.commit());
        } // else the destructor rolls back
    };
    const auto problems = [this]() {
        QStringList rows;
        Statement st = m_db.prepare("SELECT file, line, severity, message FROM source_problems ORDER BY id");
        while (st.next()) {
            rows << QStringLiteral("%1:%2 %3 %4").arg(st.text(0)).arg(st.int64(1)).arg(st.text(2), st.text(3));
        }
        return rows;
    };

    sync({{QStringLiteral("a.odcs.yaml"), 3, QStringLiteral("error"), QStringLiteral("not YAML")},
          {QStringLiteral("b.odcs.yaml"), 0, QStringLiteral("warning"), QStringLiteral("unknown unit 'fortnight'")}},
         QByteArrayLiteral("v1\0binary"), true);
    QCOMPARE(problems(), (QStringList{QStringLiteral("a.odcs.yaml:3 error not YAML"),
                                      QStringLiteral("b.odcs.yaml:0 warning unknown unit 'fortnight'")}));
    QCOMPARE(CatalogWriter::state(m_db, source.uri, QStringLiteral("manifest")), QByteArrayLiteral("v1\0binary"));
    QVERIFY(CatalogWriter::remembered(m_db, source.uri).lastSuccessAt > 0);

    // A sync that does not commit changes neither.
    sync({}, QByteArrayLiteral("v2"), false);
    QCOMPARE(problems().size(), 2);
    QCOMPARE(CatalogWriter::state(m_db, source.uri, QStringLiteral("manifest")), QByteArrayLiteral("v1\0binary"));

    // The next sync's report replaces the list; an empty value removes the key.
    sync({{QStringLiteral("c.odps.yaml"), 7, QStringLiteral("error"), QStringLiteral("duplicate id")}}, {}, true);
    QCOMPARE(problems(), QStringList{QStringLiteral("c.odps.yaml:7 error duplicate id")});
    QVERIFY(CatalogWriter::state(m_db, source.uri, QStringLiteral("manifest")).isEmpty());
    QCOMPARE(scalar(m_db, "SELECT count(*) FROM source_state"), 0);
}

QTEST_GUILESS_MAIN(tst_CatalogWriter)
#include "tst_catalogwriter.moc"
