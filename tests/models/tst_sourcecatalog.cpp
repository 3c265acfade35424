// SourceCatalog: two sources side by side in one cache (a generated catalog and the hand-written sample bundle);
// removing one removes everything it brought, search included, and leaves the other's rows exactly as they were.

#include "models/generate/cataloggenerator.h"
#include "models/search/searchengine.h"
#include "models/sources/sourcecatalog.h"
#include "models/store/catalogreader.h"
#include "models/store/outbox.h"
#include "support/testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using namespace meshlens::models;

class tst_SourceCatalog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString m_dbPath, m_generated, m_sample;
    Database m_db;

    // Every row that belongs to one source, across every table that holds any (the search index's rows of its
    // entries, the trigger-kept name tables, series through their objectives and checks), hashed.
    QByteArray hashOfSource(std::int64_t sourceId)
    {
        const QString id = QString::number(sourceId);
        const QList<QString> queries = {
            QStringLiteral(
                "SELECT uri, kind, name, cursor, gen, snapshot_at, last_success_at FROM sources WHERE id = %1"),
            QStringLiteral("SELECT * FROM domains WHERE source_id = %1 ORDER BY id"),
            QStringLiteral("SELECT * FROM teams WHERE source_id = %1 ORDER BY id"),
            QStringLiteral("SELECT * FROM people WHERE source_id = %1 ORDER BY id"),
            QStringLiteral("SELECT * FROM entries WHERE source_id = %1 ORDER BY id"),
            QStringLiteral("SELECT t.* FROM entry_tags t JOIN entries e ON e.id = t.entry_id WHERE e.source_id = %1 "
                           "ORDER BY 1, 2"),
            QStringLiteral("SELECT o.* FROM ownerships o JOIN entries e ON e.id = o.entry_id WHERE e.source_id = %1 "
                           "ORDER BY 1, 2, 3, 4"),
            QStringLiteral("SELECT p.* FROM ports p JOIN entries e ON e.id = p.entry_id WHERE e.source_id = %1 "
                           "ORDER BY p.id"),
            QStringLiteral(
                "SELECT s.* FROM sla_objectives s JOIN entries e ON e.id = s.entry_id WHERE e.source_id = %1 "
                "ORDER BY s.id"),
            QStringLiteral(
                "SELECT x.objective_id, x.t0, x.step, x.n, hex(x.vals) FROM sla_series x JOIN sla_objectives "
                "s ON s.id = x.objective_id JOIN entries e ON e.id = s.entry_id WHERE e.source_id = %1 "
                "ORDER BY 1, 2"),
            QStringLiteral("SELECT c.* FROM checks c JOIN entries e ON e.id = c.entry_id WHERE e.source_id = %1 "
                           "ORDER BY c.id"),
            QStringLiteral("SELECT x.check_id, x.t0, x.n, hex(x.statuses), hex(x.vals), x.message FROM check_series x "
                           "JOIN checks c ON c.id = x.check_id JOIN entries e ON e.id = c.entry_id "
                           "WHERE e.source_id = %1 ORDER BY 1, 2"),
            QStringLiteral("SELECT * FROM lineage WHERE source_id = %1 ORDER BY id"),
            QStringLiteral(
                "SELECT rowid, * FROM entry_fts WHERE rowid IN (SELECT id FROM entries WHERE source_id = %1) "
                "ORDER BY rowid"),
            QStringLiteral("SELECT n.* FROM entry_tag_names n JOIN entries e ON e.id = n.entry_id "
                           "WHERE e.source_id = %1 ORDER BY 1, 2, 3"),
            QStringLiteral("SELECT id, kind, entity_ext, state, payload FROM outbox WHERE source_id = %1 ORDER BY id"),
        };
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const QString &q : queries) {
            const QByteArray sql = q.arg(id).toUtf8();
            const QString rows = test::dumpRows(m_db, {sql.constData()});
            [&] { QVERIFY2(!rows.contains(QLatin1String("!prepare failed")), qPrintable(rows)); }();
            hash.addData(rows.toUtf8());
        }
        return hash.result();
    }

    std::int64_t hits(const QString &query)
    {
        SearchOptions options;
        options.limit = 50;
        options.snippets = false;
        return SearchEngine(m_db).search(query, options).total;
    }

    // The derived tables agree with the tables they derive from.
    void verifyIndexesConsistent()
    {
        QVERIFY(!m_db.exec("INSERT INTO entry_fts(entry_fts) VALUES ('integrity-check')"));
        QVERIFY(!m_db.exec("INSERT INTO entry_name_fts(entry_name_fts) VALUES ('integrity-check')"));
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM entry_fts"),
                 test::scalar(m_db, "SELECT count(*) FROM entries"));
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM entry_fts WHERE rowid NOT IN (SELECT id FROM entries)"), 0);
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM entry_tag_names"),
                 test::scalar(m_db, "SELECT count(*) FROM entry_tags"));
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM entry_tag_names n WHERE NOT EXISTS (SELECT 1 FROM "
                                    "entry_tags t WHERE t.entry_id = n.entry_id AND t.tag = n.tag)"),
                 0);
        const char *vocab = "SELECT term, docs FROM search_terms ORDER BY term";
        const char *fresh = "SELECT term, doc FROM entry_fts_vocab WHERE term < CAST(X'F8' AS TEXT) ORDER BY term";
        QCOMPARE(test::dumpRows(m_db, {vocab}).section(QLatin1Char('\n'), 1),
                 test::dumpRows(m_db, {fresh}).section(QLatin1Char('\n'), 1));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        m_db = Database();
        m_dbPath = m_dir.filePath(QStringLiteral("cache%1.db").arg(++m_n));
        m_generated = m_dir.filePath(QStringLiteral("generated%1.ndjson").arg(m_n));
        m_sample = m_dir.filePath(QStringLiteral("sample%1.ndjson").arg(m_n));
        GeneratorOptions options;
        options.products = 40;
        options.asOf = 1'763'683'200;
        options.days = 20;
        QVERIFY(test::generateBundle(m_generated, options));
        QVERIFY(test::writeFile(m_sample, test::sampleBundle()));
        const SyncResult a = test::syncNow(m_dbPath, m_generated);
        QVERIFY2(a.ok, qPrintable(a.error));
        const SyncResult b = test::syncNow(m_dbPath, m_sample);
        QVERIFY2(b.ok, qPrintable(b.error));
        QVERIFY(test::openCache(m_db, m_dbPath).isEmpty());
    }

    void sources_listsBothWithTheirCounts()
    {
        const QList<SourceSummary> list = SourceCatalog(m_db).sources();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].state.kind, QStringLiteral("bundle"));
        QCOMPARE(list[0].products, 40);
        QCOMPARE(list[0].entries, test::scalar(m_db, "SELECT count(*) FROM entries WHERE source_id = "
                                                     "(SELECT min(id) FROM sources)"));
        QCOMPARE(list[1].products, 3);
        QCOMPARE(list[1].entries, 3);
        for (const SourceSummary &s : list) {
            QVERIFY(s.state.id > 0);
            QVERIFY(s.state.lastSuccessAt.has_value());
            QVERIFY(s.state.lastError.isEmpty());
            QCOMPARE(s.openOutbox, 0);
        }
        QVERIFY(list[0].state.id != list[1].state.id);
        QCOMPARE(SourceCatalog(m_db).source(list[1].state.uri)->products, 3);
        QVERIFY(!SourceCatalog(m_db).source(QStringLiteral("file:///nowhere.ndjson")));
    }

    void sourceFilter_tellsThemApart()
    {
        const QList<SourceSummary> list = SourceCatalog(m_db).sources();
        const QString generated = list[0].state.uri, sample = list[1].state.uri;
        QCOMPARE(hits(QStringLiteral("source:\"%1\"").arg(sample)), 3);
        QCOMPARE(hits(QStringLiteral("source:\"%1\"").arg(generated)), 40);
        // "orders" is a word of both catalogs; the filter keeps each one's own.
        const std::int64_t orders = hits(QStringLiteral("orders"));
        const std::int64_t sampleOrders = hits(QStringLiteral("orders source:\"%1\"").arg(sample));
        QCOMPARE(sampleOrders, 2); // sales.orders, and finance.revenue's description
        QCOMPARE(hits(QStringLiteral("orders source:\"%1\"").arg(generated)), orders - sampleOrders);
        QVERIFY(orders > sampleOrders);
    }

    void remove_leavesTheOtherSourceByteIdentical()
    {
        const QList<SourceSummary> list = SourceCatalog(m_db).sources();
        const SourceSummary generated = list[0], sample = list[1];
        const QByteArray before = hashOfSource(sample.state.id);
        QCOMPARE(hits(QStringLiteral("Lovelace")), 1);
        // A name only the generated catalog has, found before the removal.
        Statement st = m_db.prepare("SELECT name FROM entries WHERE source_id = ?1 ORDER BY id LIMIT 1");
        st.bind(1, generated.state.id);
        QVERIFY(st.next());
        const QString name = st.text(0);
        st = Statement();
        QVERIFY(hits(QStringLiteral("\"%1\"").arg(name)) >= 1);

        // 40 of 43 entries: the search tables are rebuilt from what stays (remove_theOtherWay deletes row by row).
        const SourceCatalog::Removal r = SourceCatalog(m_db).remove(generated.state.uri);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.entries, generated.entries);
        QCOMPARE(r.outboxRemoved, 0);

        QCOMPARE(hashOfSource(sample.state.id), before);
        QCOMPARE(SourceCatalog(m_db).sources().size(), 1);
        QCOMPARE(SourceCatalog(m_db).sources().first().state.uri, sample.state.uri);
        // Nothing of the removed source is left anywhere, and what is derived agrees with what is left.
        for (const char *table : {"domains", "teams", "people", "entries", "lineage", "outbox"}) {
            const QByteArray sql = QByteArray("SELECT count(*) FROM ") + table +
                                   " WHERE source_id = " + QByteArray::number(generated.state.id);
            QCOMPARE(test::scalar(m_db, sql.constData()), 0);
        }
        for (const char *table : {"ports", "sla_objectives", "checks", "ownerships", "entry_tags"}) {
            const QByteArray sql =
                QByteArray("SELECT count(*) FROM ") + table + " WHERE entry_id NOT IN (SELECT id FROM entries)";
            QCOMPARE(test::scalar(m_db, sql.constData()), 0);
        }
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM sla_series WHERE objective_id NOT IN "
                                    "(SELECT id FROM sla_objectives)"),
                 0);
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM check_series WHERE check_id NOT IN (SELECT id FROM checks)"),
                 0);
        verifyIndexesConsistent();

        // Search finds nothing of it: not by name, not by its source, not among all products.
        QCOMPARE(hits(QStringLiteral("\"%1\"").arg(name)), 0);
        QCOMPARE(hits(QStringLiteral("source:\"%1\"").arg(generated.state.uri)), 0);
        QCOMPARE(hits(QString()), 3);
        QCOMPARE(hits(QStringLiteral("Lovelace")), 1); // the sample's owner, in its search documents

        // The remaining source syncs again as before, and the removed one can come back.
        const SyncResult again = test::syncNow(m_dbPath, m_generated);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(SourceCatalog(m_db).sources().size(), 2);
        QCOMPARE(hits(QStringLiteral("\"%1\"").arg(name)) >= 1, true);
        verifyIndexesConsistent();
    }

    void remove_theOtherWay_keepsTheGeneratedCatalog()
    {
        const QList<SourceSummary> list = SourceCatalog(m_db).sources();
        QCOMPARE(hits(QStringLiteral("Lovelace")), 1);
        const QByteArray before = hashOfSource(list[0].state.id);
        const SourceCatalog::Removal r = SourceCatalog(m_db).remove(list[1].state.uri);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.entries, 3);
        QCOMPARE(hashOfSource(list[0].state.id), before);
        QCOMPARE(hits(QStringLiteral("Lovelace")), 0);
        QCOMPARE(hits(QStringLiteral("orders source:bundle")), hits(QStringLiteral("orders")));
        QCOMPARE(hits(QString()), 40);
        verifyIndexesConsistent();
    }

    void remove_withUndeliveredOutbox_isRefusedUnlessAgreed()
    {
        const QList<SourceSummary> list = SourceCatalog(m_db).sources();
        const SourceSummary sample = list[1];
        const std::int64_t orders = CatalogReader(m_db).resolveProduct(QStringLiteral("sales.orders")).value_or(0);
        QVERIFY(orders > 0);
        Outbox outbox(m_db);
        ProductEdit edit;
        edit.description = QStringLiteral("Orders, edited");
        QVERIFY(outbox.queueEdit(orders, edit, 1'763'683'200).ok());
        const std::int64_t draftKeys = test::scalar(m_db, "SELECT count(*) FROM local_state");
        QCOMPARE(SourceCatalog(m_db).source(sample.state.uri)->openOutbox, 1);
        const QString dumpBefore = test::dumpCatalog(m_db);

        const SourceCatalog::Removal refused = SourceCatalog(m_db).remove(sample.state.uri);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.blockingOutbox, 1);
        QVERIFY2(refused.error.contains(QLatin1String("never delivered")), qPrintable(refused.error));
        QCOMPARE(test::dumpCatalog(m_db), dumpBefore); // nothing happened

        const SourceCatalog::Removal agreed = SourceCatalog(m_db).remove(sample.state.uri, true);
        QVERIFY2(agreed.ok, qPrintable(agreed.error));
        QCOMPARE(agreed.outboxRemoved, 1);
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM outbox"), 0);
        QVERIFY(test::scalar(m_db, "SELECT count(*) FROM local_state") <= draftKeys);
        verifyIndexesConsistent();
    }

    void remove_feedbackDraftOfItsEntries_goesWithThem()
    {
        const std::int64_t orders = CatalogReader(m_db).resolveProduct(QStringLiteral("sales.orders")).value_or(0);
        Outbox outbox(m_db);
        Feedback draft;
        draft.title = QStringLiteral("Half-written");
        outbox.saveFeedbackDraft(orders, draft, 1'763'683'200);
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM local_state WHERE key LIKE 'feedback-draft/%'"), 1);
        const SourceCatalog::Removal r = SourceCatalog(m_db).remove(SourceCatalog(m_db).sources()[1].state.uri);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(test::scalar(m_db, "SELECT count(*) FROM local_state WHERE key LIKE 'feedback-draft/%'"), 0);
    }

    void remove_unknownSource_saysSo()
    {
        const QString before = test::dumpCatalog(m_db);
        const SourceCatalog::Removal r = SourceCatalog(m_db).remove(QStringLiteral("file:///nowhere.ndjson"));
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QLatin1String("nowhere.ndjson")), qPrintable(r.error));
        QCOMPARE(test::dumpCatalog(m_db), before);
    }
};

QTEST_GUILESS_MAIN(tst_SourceCatalog)
#include "tst_sourcecatalog.moc"
