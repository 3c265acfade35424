#include "models/store/database.h"
#include "models/store/schema.h"
#include "support/testsupport.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using models::Database;
using models::Schema;

class TestSchema : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QStringList tables(Database &db)
    {
        QStringList out;
        models::Statement st = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
        while (st.next()) {
            out << st.text(0);
        }
        return out;
    }

    static qint64 count(Database &db, const char *sql)
    {
        models::Statement st = db.prepare(sql);
        return st.next() ? st.int64(0) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void emptyDatabase_migratesToCurrent()
    {
        Database db;
        QVERIFY(!db.open(path(QStringLiteral("empty.db"))));
        QCOMPARE(Schema::version(db), 0);
        QVERIFY(!Schema::migrate(db));
        QCOMPARE(Schema::version(db), Schema::kCurrentVersion);
        const QStringList t = tables(db);
        for (const char *name :
             {"sources", "domains", "teams", "people", "entries", "entry_tags", "ownerships", "ports", "sla_objectives",
              "sla_series", "checks", "check_series", "lineage", "outbox", "entry_fts", "local_state"}) {
            QVERIFY2(t.contains(QLatin1String(name)), name);
        }
        QCOMPARE(count(db, "PRAGMA application_id"), static_cast<qint64>(Schema::kApplicationId));
        QCOMPARE(count(db, "PRAGMA foreign_keys"), 1);
    }

    void migrate_isIdempotent()
    {
        Database db;
        QVERIFY(!db.open(path(QStringLiteral("twice.db"))));
        QVERIFY(!Schema::migrate(db));
        QVERIFY(!Schema::migrate(db));
        QCOMPARE(Schema::version(db), Schema::kCurrentVersion);
    }

    // A cache written by MeshLens with schema version 1 (tests/data/catalog-v1.db) keeps its catalog and its
    // pending outbox across the migration, and gains what version 2 adds.
    void versionOneCache_migratesKeepingData()
    {
        const QString file = path(QStringLiteral("v1.db"));
        QVERIFY(QFile::copy(test::testDataDir() + QStringLiteral("/catalog-v1.db"), file));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        Database db;
        QVERIFY(!db.open(file));
        QCOMPARE(Schema::version(db), 1);
        QVERIFY(!tables(db).contains(QStringLiteral("local_state")));
        const auto err = Schema::migrate(db);
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        QCOMPARE(Schema::version(db), Schema::kCurrentVersion);
        QVERIFY(tables(db).contains(QStringLiteral("local_state")));
        // Version 3 rebuilt the search documents from the tables, with 2- and 3-character prefix indexes.
        QCOMPARE(count(db, "SELECT count(*) FROM entry_fts"), count(db, "SELECT count(*) FROM entries"));
        QCOMPARE(count(db, "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'or*'"),
                 count(db, "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'orders OR order*'"));
        QVERIFY(count(db, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%prefix = ''2 3''%'") == 2);
        QVERIFY(count(db, "SELECT count(*) FROM entry_fts_vocab WHERE term = 'orders'") == 1);
        QCOMPARE(count(db, "SELECT count(*) FROM outbox WHERE reply IS NULL AND theirs IS NULL"), 1); // version 4
        QCOMPARE(count(db, "SELECT count(*) FROM entries WHERE ext_id = 'sales.orders'"), 1);
        QCOMPARE(count(db, "SELECT count(*) FROM outbox WHERE state = 'pending'"), 1);
        QCOMPARE(count(db, "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'version'"), 1);
        QVERIFY(!db.exec("INSERT INTO local_state(key, value, updated_at) VALUES('k', 'v', 1)"));

        // Version 5: the names-only index holds exactly the names the full documents hold...
        QVERIFY(count(db, "SELECT count(*) FROM entry_name_fts WHERE entry_name_fts MATCH 'orders'") > 0);
        QCOMPARE(count(db, "SELECT count(*) FROM entry_name_fts WHERE entry_name_fts MATCH 'orders'"),
                 count(db, "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH '{name display_name}: orders'"));
        // ...the documents carry their filter tokens (the product's domain)...
        const qint64 domain = count(db, "SELECT domain_id FROM entries WHERE ext_id = 'sales.orders'");
        const std::string facet = "SELECT count(*) FROM entry_fts f JOIN entries e ON e.id = f.rowid WHERE entry_fts "
                                  "MATCH '{facets}: 0fd" +
                                  std::to_string(domain) + "' AND e.ext_id = 'sales.orders'";
        QCOMPARE(count(db, facet.c_str()), 1);
        // ...and the triggers keep the names index in step with every change to a name.
        QVERIFY(!db.exec("UPDATE entries SET display_name = 'Zebra crossings' WHERE ext_id = 'sales.orders'"));
        QCOMPARE(count(db, "SELECT count(*) FROM entry_name_fts WHERE entry_name_fts MATCH 'zebra'"), 1);
        QVERIFY(!db.exec("UPDATE entries SET description = 'zebra' WHERE ext_id = 'sales.orders'"));
        QCOMPARE(count(db, "SELECT count(*) FROM entry_name_fts WHERE entry_name_fts MATCH 'zebra'"), 1);
        // The tag index follows tags and names too.
        QVERIFY(!db.exec("INSERT INTO entry_tags(entry_id, tag) SELECT id, 'zebra-tag' FROM entries WHERE ext_id = "
                         "'sales.orders'"));
        QVERIFY(!db.exec("UPDATE entries SET name = 'zebra_orders' WHERE ext_id = 'sales.orders'"));
        QCOMPARE(count(db, "SELECT count(*) FROM entry_tag_names WHERE tag = 'zebra-tag' AND name = 'zebra_orders'"),
                 1);
        QCOMPARE(count(db, "SELECT count(*) FROM entry_tag_names g JOIN entries e ON e.id = g.entry_id AND "
                           "e.name = g.name JOIN entry_tags t ON t.entry_id = g.entry_id AND t.tag = g.tag"),
                 count(db, "SELECT count(*) FROM entry_tags"));
        QVERIFY(!db.exec("DELETE FROM entry_tags WHERE tag = 'zebra-tag'"));
        QCOMPARE(count(db, "SELECT count(*) FROM entry_tag_names WHERE tag = 'zebra-tag'"), 0);
        QVERIFY(count(db, "SELECT count(*) FROM entry_tag_names g JOIN entries e ON e.id = g.entry_id WHERE "
                          "e.ext_id = 'sales.orders'") > 0);
        QVERIFY(!db.exec("DELETE FROM entries WHERE ext_id = 'sales.orders'"));
        QCOMPARE(count(db, "SELECT count(*) FROM entry_tag_names"), count(db, "SELECT count(*) FROM entry_tags"));
        QCOMPARE(count(db, "SELECT count(*) FROM entry_name_fts WHERE entry_name_fts MATCH 'zebra'"), 0);
        QVERIFY(!db.exec("INSERT INTO entry_name_fts(entry_name_fts, rank) VALUES ('integrity-check', 1)"));
        QVERIFY(!db.exec("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)"));
    }

    void oldCache_reindexesShowingProgress_andStoppingLeavesItAsItWas()
    {
        // A cache of this version marked as version 5: the version 6 migration rebuilds its search tables.
        QTemporaryDir dir;
        const QString file = test::generatedCache(dir.path(), 300);
        QVERIFY(!file.isEmpty());
        Database db;
        QVERIFY(!db.open(file));
        const auto phrase = [&db]() {
            return count(db, "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH '\"audit log\"'");
        };
        const qint64 products = count(db, "SELECT count(*) FROM entries");
        const qint64 audit = phrase();
        QVERIFY(audit > 0);
        QVERIFY(!db.exec("PRAGMA user_version = 5"));
        QCOMPARE(Schema::productsToUpdate(db), products);
        const QString before = test::dumpCatalog(db);

        // Stopped while re-indexing: the transaction rolls back, nothing changed.
        QStringList steps;
        auto err = Schema::migrate(db, [&](const QString &step, std::int64_t, std::int64_t total) {
            steps << step;
            return total == 0; // stop at the first step with a measure: the documents
        });
        QVERIFY(err);
        QVERIFY2(err->message.contains(QStringLiteral("cancelled")), qPrintable(err->message));
        QCOMPARE(Schema::version(db), 5);
        QCOMPARE(test::dumpCatalog(db), before);
        QCOMPARE(phrase(), audit);
        QCOMPARE(count(db, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%meshlens_pairs%'"), 2);
        QCOMPARE(steps.size(), 2);

        // Let run: each step in order, the documents counted up to the catalog's size.
        steps.clear();
        std::vector<std::pair<std::int64_t, std::int64_t>> measures;
        err = Schema::migrate(db, [&](const QString &step, std::int64_t done, std::int64_t total) {
            if (steps.isEmpty() || steps.back() != step) {
                steps << step;
            }
            if (total > 0) {
                measures.emplace_back(done, total);
            }
            return true;
        });
        QVERIFY2(!err, err ? qPrintable(err->message) : "");
        QCOMPARE(steps, (QStringList{
                            QStringLiteral("Indexing product names"), QStringLiteral("Rebuilding the search index"),
                            QStringLiteral("Counting the vocabulary"), QStringLiteral("Compacting the search index")}));
        QVERIFY(!measures.empty());
        for (std::size_t i = 0; i < measures.size(); ++i) {
            QCOMPARE(measures[i].second, products);
            QVERIFY(measures[i].first <= products && (i == 0 || measures[i].first >= measures[i - 1].first));
        }
        QCOMPARE(Schema::version(db), Schema::kCurrentVersion);
        QCOMPARE(Schema::productsToUpdate(db), 0);
        QCOMPARE(test::dumpCatalog(db), before);
        QCOMPARE(count(db, "SELECT count(*) FROM entry_fts"), products);
        QCOMPARE(phrase(), audit);
        QVERIFY(!db.exec("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)"));
    }

    void versionSevenCache_gainsHealthTables_andKeepsItsCatalog()
    {
        const QString file = path(QStringLiteral("v7.db"));
        const QString bundle = path(QStringLiteral("v7.ndjson"));
        QVERIFY(test::syncBundle(file, bundle, test::sampleBundle()));
        Database db;
        QVERIFY(!db.open(file));
        // Back to what version 7 had: no health tables, user_version 7.
        QVERIFY(!db.exec("DROP TABLE health_state; DROP TABLE product_health; DROP TABLE objective_health; "
                         "PRAGMA user_version = 7;"));
        QVERIFY(!Schema::migrate(db));
        QCOMPARE(Schema::version(db), Schema::kCurrentVersion);
        for (const char *name : {"health_state", "product_health", "objective_health"}) {
            QVERIFY2(tables(db).contains(QLatin1String(name)), name);
        }
        // Nothing is stored until the next sync (readers evaluate meanwhile); the catalog is untouched.
        QCOMPARE(count(db, "SELECT count(*) FROM health_state"), 0);
        QCOMPARE(count(db, "SELECT count(*) FROM product_health"), 0);
        QCOMPARE(count(db, "SELECT count(*) FROM entries"), 3);
        // Stored rows go with their product.
        QVERIFY(test::syncNow(file, bundle).ok);
        QCOMPARE(count(db, "SELECT count(*) FROM product_health"), 3);
        QVERIFY(!db.exec("DELETE FROM entries WHERE ext_id = 'sales.orders'"));
        QCOMPARE(count(db, "SELECT count(*) FROM product_health"), 2);
    }

    void versionEightCache_storesItsColumnsAsDefinitions_andReadsTheSame()
    {
        QTemporaryDir dir;
        const QString file = test::generatedCache(dir.path(), 200);
        QVERIFY(!file.isEmpty());
        Database db;
        QVERIFY(!db.open(file));
        const QString before = test::logicalCatalog(db);
        const qint64 columns = count(db, "SELECT sum(n_columns) FROM ports");
        QVERIFY(columns > 0);
        // Back to what version 8 wrote: a JSON object per column, the names beside them, no dictionary.
        QVERIFY(!db.exec(
            "ALTER TABLE ports ADD COLUMN column_names TEXT NOT NULL DEFAULT ''; "
            "UPDATE ports SET column_names = coalesce((SELECT group_concat(name, ' ') FROM (SELECT name FROM "
            "port_columns c WHERE c.port_id = ports.id ORDER BY position)), ''), columns = coalesce((SELECT "
            "json_group_array(json(o)) FROM (SELECT json_object('name', name, 'type', type, 'description', "
            "description, 'nullable', json(CASE nullable WHEN 1 THEN 'true' ELSE 'false' END), 'primary_key', "
            "json(CASE primary_key WHEN 1 THEN 'true' ELSE 'false' END), 'tags', json(CASE tags WHEN '' THEN '[]' "
            "ELSE tags END)) AS o FROM port_columns c WHERE c.port_id = ports.id ORDER BY position)), '[]'); "
            "DROP VIEW port_columns; DROP TABLE column_defs; ALTER TABLE ports DROP COLUMN n_columns; "
            "ALTER TABLE ports DROP COLUMN n_described; PRAGMA user_version = 8;"));
        QCOMPARE(Schema::productsToUpdate(db), count(db, "SELECT count(*) FROM entries"));
        QStringList steps;
        QVERIFY(!Schema::migrate(db, [&](const QString &step, std::int64_t, std::int64_t) {
            steps << step;
            return true;
        }));
        QVERIFY(steps.contains(QStringLiteral("Storing column definitions once")));
        QCOMPARE(Schema::version(db), Schema::kCurrentVersion);
        QCOMPARE(Schema::productsToUpdate(db), 0);
        // The same catalog, each distinct definition once, and health counts what it counted.
        QCOMPARE(test::firstDifference(before, test::logicalCatalog(db)), QString());
        QCOMPARE(count(db, "SELECT sum(n_columns) FROM ports"), columns);
        QVERIFY(count(db, "SELECT count(*) FROM column_defs") < columns);
        QCOMPARE(test::integrityCheck(db), QStringLiteral("ok"));
    }

    void newerSchema_isRefusedWithClearMessage()
    {
        const QString file = path(QStringLiteral("newer.db"));
        {
            Database db;
            QVERIFY(!db.open(file));
            QVERIFY(!Schema::migrate(db));
            QVERIFY(!db.exec("PRAGMA user_version = " + std::to_string(Schema::kCurrentVersion + 1)));
        }
        Database db;
        QVERIFY(!db.open(file));
        const auto err = Schema::migrate(db);
        QVERIFY(err);
        QVERIFY2(err->message.contains(QLatin1String("newer MeshLens")), qPrintable(err->message));
        QVERIFY(err->message.contains(QString::number(Schema::kCurrentVersion + 1)));
        QVERIFY(err->message.contains(QString::number(Schema::kCurrentVersion)));
        QCOMPARE(Schema::version(db), Schema::kCurrentVersion + 1); // untouched
    }

    void foreignSqliteDatabase_isRefused()
    {
        const QString file = path(QStringLiteral("foreign.db"));
        {
            Database db;
            QVERIFY(!db.open(file));
            QVERIFY(!db.exec("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)"));
        }
        Database db;
        QVERIFY(!db.open(file));
        const auto err = Schema::migrate(db);
        QVERIFY(err);
        QVERIFY2(err->message.contains(QLatin1String("not a MeshLens")), qPrintable(err->message));
        QCOMPARE(count(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'entries'"), 0);
    }

    void otherApplicationsDatabase_isRefused()
    {
        const QString file = path(QStringLiteral("otherapp.db"));
        {
            Database db;
            QVERIFY(!db.open(file));
            QVERIFY(!db.exec("PRAGMA application_id = 1234"));
        }
        Database db;
        QVERIFY(!db.open(file));
        const auto err = Schema::migrate(db);
        QVERIFY(err);
        QVERIFY2(err->message.contains(QLatin1String("another application")), qPrintable(err->message));
    }

    void textFile_isNotADatabase()
    {
        const QString file = path(QStringLiteral("notes.txt"));
        QVERIFY(test::writeFile(file, QByteArray("this is not a database, just some notes\n").repeated(200)));
        Database db;
        const auto openErr = db.open(file);
        const auto err = openErr ? openErr : Schema::migrate(db);
        QVERIFY(err);
        QVERIFY2(err->message.contains(QLatin1String("not")), qPrintable(err->message));
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
