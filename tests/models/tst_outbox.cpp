#include "models/search/searchengine.h"
#include "models/store/catalogreader.h"
#include "models/store/outbox.h"
#include "models/sync/outboxdelivery.h"
#include "models/sync/outboxexport.h"
#include "support/fakeoutboxpusher.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace meshlens;
using models::Outbox;

namespace {

constexpr std::int64_t kNow = 1763700000;

// A minimal RFC 6902 applier (test, add, remove on object members and array indexes / "-"), to check that an
// exported patch does to the product what the app showed.
bool applyPatch(QJsonValue &doc, const QJsonArray &patch)
{
    const std::function<bool(QJsonValue &, QStringList, const QJsonObject &)> step =
        [&step](QJsonValue &at, QStringList path, const QJsonObject &op) -> bool {
        const QString name = op.value(QLatin1String("op")).toString();
        QString token = path.takeFirst();
        token.replace(QLatin1String("~1"), QLatin1String("/")).replace(QLatin1String("~0"), QLatin1String("~"));
        if (at.isObject()) {
            QJsonObject o = at.toObject();
            if (!path.isEmpty()) {
                QJsonValue child = o.value(token);
                if (child.isUndefined() || !step(child, path, op)) {
                    return false;
                }
                o.insert(token, child);
            } else if (name == QLatin1String("test")) {
                return o.value(token) == op.value(QLatin1String("value"));
            } else if (name == QLatin1String("add")) {
                o.insert(token, op.value(QLatin1String("value")));
            } else if (name == QLatin1String("remove")) {
                if (!o.contains(token)) {
                    return false;
                }
                o.remove(token);
            }
            at = o;
            return true;
        }
        if (at.isArray()) {
            QJsonArray a = at.toArray();
            const qsizetype i = token == QLatin1String("-") ? a.size() : token.toLongLong();
            if (!path.isEmpty()) {
                QJsonValue child = a.at(i);
                if (!step(child, path, op)) {
                    return false;
                }
                a.replace(i, child);
            } else if (name == QLatin1String("add")) {
                a.insert(i, op.value(QLatin1String("value")));
            } else if (name == QLatin1String("remove")) {
                if (i < 0 || i >= a.size()) {
                    return false;
                }
                a.removeAt(i);
            }
            at = a;
            return true;
        }
        return false;
    };
    for (const QJsonValue &v : patch) {
        const QJsonObject op = v.toObject();
        QStringList path = op.value(QLatin1String("path")).toString().split(QLatin1Char('/'));
        path.removeFirst(); // the empty token before the leading '/'
        if (!step(doc, path, op)) {
            return false;
        }
    }
    return true;
}

QByteArray bundleWithOrdersAt(const char *version, int updatedAt, const char *description)
{
    QByteArray b = test::sampleBundle();
    b.replace(QByteArrayLiteral("\"description\":\"All **orders** placed in the web shop.\",\"version\":\"2.1.0\","
                                "\"updated_at\":1763600000"),
              QByteArray(QByteArrayLiteral("\"description\":\"") + description +
                         QByteArrayLiteral("\",\"version\":\"") + version + QByteArrayLiteral("\",\"updated_at\":") +
                         QByteArray::number(updatedAt)));
    return b;
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString m_bundle; // the source syncedCache() last synced: re-syncing it is the same source

    // A fresh cache synced from the sample bundle; returns its path.
    QString syncedCache()
    {
        const QString db = m_dir.filePath(QStringLiteral("c%1.db").arg(++m_n));
        const QString bundle = m_dir.filePath(QStringLiteral("c%1.ndjson").arg(m_n));
        if (!test::writeFile(bundle, test::sampleBundle()) || !test::syncNow(db, bundle).ok) {
            return {};
        }
        m_bundle = bundle;
        return db;
    }

    static std::int64_t productId(models::Database &db, const char *ext)
    {
        return models::CatalogReader(db).resolveProduct(QLatin1String(ext)).value_or(0);
    }

    static models::ProductEdit describe(const QString &text)
    {
        models::ProductEdit e;
        e.description = text;
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void cleanup() { models::OutboxDelivery::setPusherFactory({}); }

    void deliverAll_routesEachItemToItsOwnSource()
    {
        // Two sources in one cache: the sample bundle and a second copy of it under another address.
        const QString path = syncedCache();
        QVERIFY(!path.isEmpty());
        const QString other = m_dir.filePath(QStringLiteral("other%1.ndjson").arg(m_n));
        QVERIFY(test::syncBundle(path, other, test::sampleBundle()));
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        std::int64_t first = 0, second = 0;
        QString firstUri, secondUri;
        {
            models::Statement st = db.prepare("SELECT e.id, s.uri FROM entries e JOIN sources s ON s.id = e.source_id "
                                              "WHERE e.ext_id = 'sales.orders' ORDER BY s.id");
            QVERIFY(st.next());
            first = st.int64(0);
            firstUri = st.text(1);
            QVERIFY(st.next());
            second = st.int64(0);
            secondUri = st.text(1);
        }
        Outbox outbox(db);
        const QString a = outbox.queueEdit(first, describe(QStringLiteral("first")), kNow).id;
        const QString b = outbox.queueEdit(second, describe(QStringLiteral("second")), kNow).id;
        const QString c = outbox.queueEdit(second, describe(QStringLiteral("again")), kNow).id;
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());

        // Only the second source takes writes; the factory is asked once per source and delivery.
        auto server = std::make_shared<test::FakeOutboxPusher>();
        QStringList asked;
        models::OutboxDelivery::setPusherFactory(
            [&](const QString &uri, const QString &kind) -> std::unique_ptr<models::OutboxPusher> {
                asked << uri;
                if (kind != QLatin1String("bundle") || uri != secondUri) {
                    return nullptr;
                }
                struct Forward final : models::OutboxPusher
                {
                    std::shared_ptr<test::FakeOutboxPusher> to;
                    QString uri;
                    [[nodiscard]] bool accepts(const QString &u, const QString &) const override { return u == uri; }
                    [[nodiscard]] models::PushResult push(const models::OutboxItem &item) override
                    {
                        return to->push(item);
                    }
                };
                auto f = std::make_unique<Forward>();
                f->to = server;
                f->uri = uri;
                return f;
            });
        const auto report = models::OutboxDelivery::deliverAll(db, kNow);
        QCOMPARE(report.delivered, 2);
        QCOMPARE(report.needsExport, 1);
        QCOMPARE(asked.size(), 2);
        QCOMPARE(QSet<QString>(asked.begin(), asked.end()), (QSet<QString>{firstUri, secondUri}));
        QCOMPARE(server->received.value(b), 1);
        QCOMPARE(server->received.value(c), 1);
        QVERIFY(!server->received.contains(a));
        QCOMPARE(outbox.item(a)->state, QStringLiteral("pending"));
        QCOMPARE(outbox.item(b)->state, QStringLiteral("delivered"));
    }

    void deliverAll_bySourceRegistry_bundleItemsNeedExport()
    {
        // No factory: each item's source is opened through the registry, and a bundle accepts no writes.
        const QString path = syncedCache();
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        Outbox outbox(db);
        const QString id = outbox.queueEdit(productId(db, "sales.orders"), describe(QStringLiteral("x")), kNow).id;
        const auto report = models::OutboxDelivery::deliverAll(db, kNow);
        QCOMPARE(report.needsExport, 1);
        QCOMPARE(report.delivered + report.failed + report.rejected, 0);
        QCOMPARE(outbox.item(id)->state, QStringLiteral("pending"));
        QCOMPARE(outbox.item(id)->attempts, 0);
    }

    void edit_survivesRestart_andShowsPendingOverTheCatalog()
    {
        const QString path = syncedCache();
        QVERIFY(!path.isEmpty());
        QString id;
        {
            models::Database db;
            QCOMPARE(test::openCache(db, path), QString());
            const auto r =
                Outbox(db).queueEdit(productId(db, "sales.orders"), describe(QStringLiteral("Fixed text")), kNow);
            QVERIFY(r.ok());
            id = r.id;
        } // closed: the edit was committed before queueEdit returned
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        const auto item = Outbox(db).item(id);
        QVERIFY(item);
        QCOMPARE(item->state, QStringLiteral("pending"));
        QCOMPARE(item->baseVersion, QStringLiteral("2.1.0@1763600000"));
        const auto detail = models::CatalogReader(db).product(productId(db, "sales.orders"));
        QVERIFY(detail);
        QCOMPARE(detail->description, QStringLiteral("Fixed text"));
        QCOMPARE(detail->pendingEdits, 1);
        models::SearchOptions firstTen;
        firstTen.limit = 10;
        for (const auto &hit : models::SearchEngine(db).search(QString(), firstTen).hits) {
            QCOMPARE(hit.product.pendingEdit, hit.product.extId == QLatin1String("sales.orders"));
        }

        // Undo before delivery: the catalog's own text is back.
        QVERIFY(Outbox(db).discard(id));
        const auto undone = models::CatalogReader(db).product(productId(db, "sales.orders"));
        QCOMPARE(undone->description, QStringLiteral("All **orders** placed in the web shop."));
        QCOMPARE(undone->pendingEdits, 0);
    }

    void overlay_appliesTagsOwnersAndSlaTargets()
    {
        const QString path = syncedCache();
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        models::ProductEdit e;
        e.addTags = {QStringLiteral("certified")};
        e.removeTags = {QStringLiteral("pii")};
        e.addParties = {{QStringLiteral("expert"), QStringLiteral("person"), QStringLiteral("alan")}};
        e.removeParties = {{QStringLiteral("steward"), QStringLiteral("person"), QStringLiteral("grace")}};
        e.slaTargets.insert(QStringLiteral("freshness"), QStringLiteral("4"));
        e.tier = 2;
        QVERIFY(Outbox(db).queueEdit(productId(db, "sales.orders"), e, kNow).ok());
        const auto d = models::CatalogReader(db).product(productId(db, "sales.orders"));
        QCOMPARE(d->tags, (QStringList{QStringLiteral("certified"), QStringLiteral("gold")}));
        QStringList parties;
        for (const auto &p : d->owners) {
            parties << p.role + QLatin1Char(':') + p.extId;
        }
        QVERIFY(parties.contains(QStringLiteral("expert:alan")));
        QVERIFY(!parties.contains(QStringLiteral("steward:grace")));
        QCOMPARE(d->slas.value(0).target, 4.0);
        QCOMPARE(d->summary.tier, std::optional<int>(2));
    }

    void crashMidDelivery_resendsTheSameIdAndAppliesOnce()
    {
        const QString path = syncedCache();
        test::FakeOutboxPusher server;
        QString id;
        {
            models::Database db;
            QCOMPARE(test::openCache(db, path), QString());
            Outbox outbox(db);
            id = outbox.queueEdit(productId(db, "sales.orders"), describe(QStringLiteral("v2")), kNow).id;
            QVERIFY(!id.isEmpty());
            // The delivery's first half: committed as sending, pushed, and the process dies before it records the
            // outcome.
            QVERIFY(outbox.beginSending(id, kNow));
            std::ignore = server.push(*outbox.item(id));
        }
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        QCOMPARE(Outbox(db).item(id)->state, QStringLiteral("sending"));
        const auto report = models::OutboxDelivery::deliver(db, &server, kNow + 5);
        QCOMPARE(report.delivered, 1);
        QCOMPARE(Outbox(db).item(id)->state, QStringLiteral("delivered"));
        QCOMPARE(server.received.value(id), 2); // the same id went twice...
        QCOMPARE(server.applied.size(), 1);     // ...and changed the source once
        QCOMPARE(server.applied.value(id), 1);
    }

    void processKilledMidDelivery_resendsTheSameIdAndAppliesOnce()
    {
        const QString path = syncedCache();
        QString id;
        {
            models::Database db;
            QCOMPARE(test::openCache(db, path), QString());
            id = Outbox(db).queueEdit(productId(db, "sales.orders"), describe(QStringLiteral("v2")), kNow).id;
            QVERIFY(!id.isEmpty());
        }
        const QString log = m_dir.filePath(QStringLiteral("applied.log"));
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("--child-deliver"), path, log});
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start();
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit); // killed mid-delivery

        // The source has the item; the cache still says it was on its way.
        QFile applied(log);
        QVERIFY(applied.open(QIODevice::ReadOnly));
        const QByteArray ids = applied.readAll();
        QCOMPARE(ids, id.toUtf8() + '\n');
        test::FakeOutboxPusher server;
        server.applied.insert(id, 1); // what the source remembers
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        QCOMPARE(Outbox(db).item(id)->state, QStringLiteral("sending"));
        QCOMPARE(models::OutboxDelivery::deliver(db, &server, kNow + 5).delivered, 1);
        QCOMPARE(Outbox(db).item(id)->state, QStringLiteral("delivered"));
        QCOMPARE(Outbox(db).item(id)->attempts, 2);
        QCOMPARE(server.received.value(id), 1); // sent again with the same id...
        QCOMPARE(server.applied.value(id), 1);  // ...and not applied twice
        QCOMPARE(server.applied.size(), 1);
    }

    void lostResponse_retryWithBackoffDoesNotDuplicate()
    {
        const QString path = syncedCache();
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        Outbox outbox(db);
        const QString id = outbox.queueEdit(productId(db, "sales.orders"), describe(QStringLiteral("x")), kNow).id;
        test::FakeOutboxPusher server;
        server.loseResponses = 1;

        auto report = models::OutboxDelivery::deliver(db, &server, kNow);
        QCOMPARE(report.failed, 1);
        auto item = outbox.item(id);
        QCOMPARE(item->state, QStringLiteral("pending"));
        QCOMPARE(item->attempts, 1);
        QVERIFY(item->lastError.contains(QStringLiteral("connection closed")));
        QCOMPARE(item->nextAttemptAt, std::optional<std::int64_t>(kNow + Outbox::backoffSeconds(1)));

        report = models::OutboxDelivery::deliver(db, &server, kNow + 1); // still backing off
        QCOMPARE(report.waiting, 1);
        QCOMPARE(server.received.value(id), 1);

        report = models::OutboxDelivery::deliver(db, &server, kNow + Outbox::backoffSeconds(1));
        QCOMPARE(report.delivered, 1);
        QCOMPARE(outbox.item(id)->state, QStringLiteral("delivered"));
        QCOMPARE(server.received.value(id), 2);
        QCOMPARE(server.applied.size(), 1);
        QCOMPARE(server.applied.value(id), 1);
    }

    void unreachableSource_backsOffLongerEachTime_forceSendsNow()
    {
        const QString path = syncedCache();
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        Outbox outbox(db);
        const QString id = outbox.queueEdit(productId(db, "sales.orders"), describe(QStringLiteral("x")), kNow).id;
        test::FakeOutboxPusher server;
        server.reachable = false;
        std::int64_t t = kNow;
        std::int64_t lastWait = 0;
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(models::OutboxDelivery::deliver(db, &server, t).failed, 1);
            const std::int64_t wait = *outbox.item(id)->nextAttemptAt - t;
            QVERIFY2(wait > lastWait, qPrintable(QString::number(wait)));
            lastWait = wait;
            t += wait;
        }
        server.reachable = true;
        // On demand: the user's "Send now" does not wait for the backoff.
        QCOMPARE(models::OutboxDelivery::deliver(db, &server, t - 1, true).delivered, 1);
    }

    void cancelledDelivery_sendsNothingMore()
    {
        const QString path = syncedCache();
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        QVERIFY(Outbox(db).queueEdit(productId(db, "sales.orders"), describe(QStringLiteral("x")), kNow).ok());
        test::FakeOutboxPusher server;
        const std::atomic<bool> cancel = true;
        QCOMPARE(models::OutboxDelivery::deliver(db, &server, kNow, true, &cancel).delivered, 0);
        QVERIFY(server.received.isEmpty());
        QCOMPARE(Outbox(db).items().first().state, QStringLiteral("pending"));
    }

    void pushConflict_keepsMineAndTheirs()
    {
        const QString path = syncedCache();
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        Outbox outbox(db);
        const QString id = outbox.queueEdit(productId(db, "sales.orders"), describe(QStringLiteral("mine")), kNow).id;
        test::FakeOutboxPusher server;
        server.conflictWith = QJsonObject{{QStringLiteral("description"), QStringLiteral("theirs")}};
        QCOMPARE(models::OutboxDelivery::deliver(db, &server, kNow).conflicts, 1);
        const auto item = outbox.item(id);
        QCOMPARE(item->state, QStringLiteral("conflict"));
        QCOMPARE(item->theirs.value(QLatin1String("description")).toString(), QStringLiteral("theirs"));
        QCOMPARE(Outbox::editFromJson(item->payload).description, std::optional<QString>(QStringLiteral("mine")));
        QCOMPARE(server.applied.size(), 0);
    }

    void syncWithNewerVersion_turnsPendingEditIntoConflict_neverALoss()
    {
        const QString path = syncedCache();
        QString id, other;
        {
            models::Database db;
            QCOMPARE(test::openCache(db, path), QString());
            id = Outbox(db).queueEdit(productId(db, "sales.orders"), describe(QStringLiteral("mine")), kNow).id;
            models::ProductEdit tag;
            tag.addTags = {QStringLiteral("x")};
            other = Outbox(db).queueEdit(productId(db, "finance.revenue"), tag, kNow).id;
        }
        // Same versions again: nothing moved, the edits stay pending.
        QVERIFY(test::syncNow(path, m_bundle).ok);
        {
            models::Database db;
            QCOMPARE(test::openCache(db, path), QString());
            QCOMPARE(Outbox(db).item(id)->state, QStringLiteral("pending"));
        }
        // The source moved sales.orders to 2.2.0 with its own description.
        QVERIFY(test::writeFile(m_bundle, bundleWithOrdersAt("2.2.0", 1763700000, "Theirs.")));
        QVERIFY(test::syncNow(path, m_bundle).ok);

        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        Outbox outbox(db);
        const auto item = outbox.item(id);
        QCOMPARE(item->state, QStringLiteral("conflict"));
        QCOMPARE(item->theirs.value(QLatin1String("description")).toString(), QStringLiteral("Theirs."));
        QCOMPARE(item->payload.value(QLatin1String("base")).toObject().value(QLatin1String("description")).toString(),
                 QStringLiteral("All **orders** placed in the web shop."));
        QCOMPARE(Outbox::editFromJson(item->payload).description, std::optional<QString>(QStringLiteral("mine")));
        QCOMPARE(outbox.item(other)->state, QStringLiteral("pending")); // its product did not move
        // Another sync moves it again: the conflict shows the source's latest values.
        QVERIFY(test::writeFile(m_bundle, bundleWithOrdersAt("2.2.0", 1763700000, "Theirs, later.")));
        QVERIFY(test::syncNow(path, m_bundle).ok);
        QCOMPARE(outbox.item(id)->theirs.value(QLatin1String("description")).toString(),
                 QStringLiteral("Theirs, later."));
        QVERIFY(test::writeFile(m_bundle, bundleWithOrdersAt("2.2.0", 1763700000, "Theirs.")));
        QVERIFY(test::syncNow(path, m_bundle).ok);
        const auto d = models::CatalogReader(db).product(productId(db, "sales.orders"));
        QCOMPARE(d->description, QStringLiteral("mine")); // still shown, marked
        QCOMPARE(d->conflictedEdits, 1);

        // Resolving rebases the edit on the new version; it is pending again.
        const auto resolved = outbox.resolveConflict(id, describe(QStringLiteral("merged")), kNow + 10);
        QVERIFY(resolved.ok());
        QCOMPARE(outbox.item(id)->state, QStringLiteral("pending"));
        QCOMPARE(outbox.item(id)->baseVersion, QStringLiteral("2.2.0@1763700000"));

        // A snapshot without the product at all: the edit is kept (as a conflict), not swept with the product.
        QByteArray without = test::sampleBundle();
        const qsizetype from = without.indexOf("{\"type\":\"product\",\"id\":\"finance.revenue\"");
        const qsizetype to = without.indexOf("{\"type\":\"product\",\"id\":\"finance.forecast\"");
        without.remove(from, to - from);
        without.replace("{\"type\":\"lineage\",\"from\":\"sales.orders\"",
                        "{\"type\":\"lineage\",\"from\":\"sales.x\"");
        QVERIFY(test::writeFile(m_bundle, without));
        const auto result = test::syncNow(path, m_bundle);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(outbox.item(other)->state, QStringLiteral("conflict"));
        QVERIFY(outbox.item(other)->lastError.contains(QStringLiteral("no longer has")));
    }

    void syncShowingTheEditInPlace_marksItDelivered_notAConflict()
    {
        // A push the source applied whose answer was lost (a crash, a dropped connection): the item is still
        // pending when the next sync brings the product at a new version holding exactly the edit's values.
        const QString path = syncedCache();
        QString id;
        {
            models::Database db;
            QCOMPARE(test::openCache(db, path), QString());
            id = Outbox(db).queueEdit(productId(db, "sales.orders"), describe(QStringLiteral("Mine.")), kNow).id;
        }
        QVERIFY(test::writeFile(m_bundle, bundleWithOrdersAt("2.2.0", 1763700000, "Mine.")));
        QVERIFY(test::syncNow(path, m_bundle).ok);
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        const auto item = Outbox(db).item(id);
        QCOMPARE(item->state, QStringLiteral("delivered"));
        QVERIFY(item->lastError.isEmpty());
        QCOMPARE(Outbox(db).openCount(), 0);
    }

    void editValidation_data()
    {
        QTest::addColumn<QString>("product");
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("field"); // empty: valid
        QTest::addColumn<QString>("says");

        QTest::newRow("nothing changed") << "sales.orders"
                                         << ""
                                         << "edit"
                                         << "Nothing";
        QTest::newRow("unknown person") << "sales.orders"
                                        << "+owner:nobody"
                                        << "owners"
                                        << "Unknown person 'nobody'";
        QTest::newRow("person by email") << "sales.orders"
                                         << "+steward:ada@example.com"
                                         << ""
                                         << "";
        QTest::newRow("team by id") << "sales.orders"
                                    << "+expert:t-fin"
                                    << ""
                                    << "";
        QTest::newRow("last owner removed") << "finance.revenue"
                                            << "-owner:t-fin"
                                            << "owners"
                                            << "at least one owner";
        QTest::newRow("one of two owners removed") << "sales.orders"
                                                   << "-owner:ada"
                                                   << ""
                                                   << "";
        QTest::newRow("owner optional in development") << "finance.forecast"
                                                       << "-owner:alan"
                                                       << ""
                                                       << "";
        QTest::newRow("sla not a number") << "sales.orders"
                                          << "sla:freshness=six"
                                          << "sla:freshness"
                                          << "must be a number";
        QTest::newRow("sla negative") << "sales.orders"
                                      << "sla:freshness=-1"
                                      << "sla:freshness"
                                      << "negative";
        QTest::newRow("sla percent over 100") << "finance.revenue"
                                              << "sla:availability=120"
                                              << "sla:availability"
                                              << "between 0 and 100";
        QTest::newRow("sla unknown") << "sales.orders"
                                     << "sla:latency=5"
                                     << "sla:latency"
                                     << "no SLA objective";
        QTest::newRow("sla ok") << "finance.revenue"
                                << "sla:availability=99.9"
                                << ""
                                << "";
        QTest::newRow("tier out of range") << "sales.orders"
                                           << "tier=9"
                                           << "tier"
                                           << "between 1 and 5";
        QTest::newRow("empty display name") << "sales.orders"
                                            << "name= "
                                            << "display_name"
                                            << "cannot be empty";
    }

    void editValidation()
    {
        QFETCH(QString, product);
        QFETCH(QString, what);
        QFETCH(QString, field);
        QFETCH(QString, says);
        static QString path = syncedCache();
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        models::ProductEdit e;
        if (what.startsWith(QLatin1Char('+')) || what.startsWith(QLatin1Char('-'))) {
            const QStringList parts = what.mid(1).split(QLatin1Char(':'));
            const models::PartyRef p{parts[0], QStringLiteral("person"), parts[1]};
            (what.startsWith(QLatin1Char('+')) ? e.addParties : e.removeParties) << p;
        } else if (what.startsWith(QLatin1String("sla:"))) {
            const QStringList kv = what.mid(4).split(QLatin1Char('='));
            e.slaTargets.insert(kv[0], kv[1]);
        } else if (what.startsWith(QLatin1String("tier="))) {
            e.tier = what.mid(5).toInt();
        } else if (what.startsWith(QLatin1String("name="))) {
            e.displayName = what.mid(5);
        }
        const std::int64_t id = productId(db, product.toUtf8().constData());
        const std::int64_t before = Outbox(db).openCount();
        const auto r = Outbox(db).queueEdit(id, e, kNow);
        if (field.isEmpty()) {
            QVERIFY2(r.ok(), r.errors.isEmpty() ? "" : qPrintable(r.errors.first().message));
            QCOMPARE(Outbox(db).openCount(), before + 1);
            QVERIFY(Outbox(db).discard(r.id));
        } else {
            QVERIFY(!r.ok());
            QCOMPARE(r.errors.size(), 1);
            QCOMPARE(r.errors.first().field, field);
            QVERIFY2(r.errors.first().message.contains(says), qPrintable(r.errors.first().message));
            QCOMPARE(Outbox(db).openCount(), before); // nothing queued
        }
    }

    void feedbackValidation_data()
    {
        QTest::addColumn<QString>("category");
        QTest::addColumn<int>("rating");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("contact");
        QTest::addColumn<QString>("link"); // kind:ref
        QTest::addColumn<QStringList>("fields");

        const QString t = QStringLiteral("Amounts are off");
        const QString m = QStringLiteral("Yesterday's *amount_eur* doubled.");
        QTest::newRow("valid") << "data_issue" << 2 << t << m << ""
                               << "" << QStringList();
        QTest::newRow("valid with contact and check") << "data_issue" << 1 << t << m << "ada@example.com"
                                                      << "check:order_id_not_null" << QStringList();
        QTest::newRow("contact by person id") << "question" << 3 << t << m << "grace"
                                              << "" << QStringList();
        QTest::newRow("column by port.column") << "documentation" << 4 << t << m << ""
                                               << "column:orders_v2.amount_eur" << QStringList();
        QTest::newRow("bare column") << "documentation" << 4 << t << m << ""
                                     << "column:customer_email" << QStringList();
        QTest::newRow("no category") << "" << 3 << t << m << ""
                                     << "" << QStringList{QStringLiteral("category")};
        QTest::newRow("unknown category") << "rant" << 3 << t << m << ""
                                          << "" << QStringList{QStringLiteral("category")};
        QTest::newRow("rating 0") << "praise" << 0 << t << m << ""
                                  << "" << QStringList{QStringLiteral("rating")};
        QTest::newRow("rating 6") << "praise" << 6 << t << m << ""
                                  << "" << QStringList{QStringLiteral("rating")};
        QTest::newRow("blank title") << "praise" << 5 << "   " << m << ""
                                     << "" << QStringList{QStringLiteral("title")};
        QTest::newRow("long title") << "praise" << 5 << QString(121, QLatin1Char('x')) << m << ""
                                    << "" << QStringList{QStringLiteral("title")};
        QTest::newRow("no message") << "praise" << 5 << t << "\n "
                                    << ""
                                    << "" << QStringList{QStringLiteral("message")};
        QTest::newRow("bad contact") << "access" << 3 << t << m << "not a mail"
                                     << "" << QStringList{QStringLiteral("contact")};
        QTest::newRow("unknown check") << "data_issue" << 2 << t << m << ""
                                       << "check:nope" << QStringList{QStringLiteral("link")};
        QTest::newRow("unknown column") << "data_issue" << 2 << t << m << ""
                                        << "column:orders_v2.nope" << QStringList{QStringLiteral("link")};
        QTest::newRow("everything wrong")
            << "" << 0 << ""
            << ""
            << "x"
            << "column:" << QStringList{QStringLiteral("category"), QStringLiteral("rating"),  QStringLiteral("title"),
                                        QStringLiteral("message"),  QStringLiteral("contact"), QStringLiteral("link")};
    }

    void feedbackValidation()
    {
        QFETCH(QString, category);
        QFETCH(int, rating);
        QFETCH(QString, title);
        QFETCH(QString, message);
        QFETCH(QString, contact);
        QFETCH(QString, link);
        QFETCH(QStringList, fields);
        static QString path = syncedCache();
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        models::Feedback f{category,
                           rating,
                           title,
                           message,
                           contact,
                           link.section(QLatin1Char(':'), 0, 0),
                           link.section(QLatin1Char(':'), 1)};
        const std::int64_t before = Outbox(db).openCount();
        const auto r = Outbox(db).queueFeedback(productId(db, "sales.orders"), f, kNow);
        QStringList got;
        for (const auto &e : r.errors) {
            got << e.field;
            QVERIFY(!e.message.isEmpty());
        }
        QCOMPARE(got, fields);
        QCOMPARE(r.ok(), fields.isEmpty());
        QCOMPARE(Outbox(db).openCount(), before + (fields.isEmpty() ? 1 : 0));
        if (r.ok()) {
            const auto item = Outbox(db).item(r.id);
            QCOMPARE(item->kind, QStringLiteral("feedback"));
            QCOMPARE(Outbox::feedbackFromJson(item->payload).title, title.trimmed());
        }
    }

    void exportFile_roundTrips_andAppliesToTheProduct()
    {
        const QString path = syncedCache();
        models::Database db;
        QCOMPARE(test::openCache(db, path), QString());
        Outbox outbox(db);
        const std::int64_t orders = productId(db, "sales.orders");
        models::ProductEdit first;
        first.description = QStringLiteral("New **text** ~/ with / slashes");
        first.removeTags = {QStringLiteral("pii")};
        first.addParties = {{QStringLiteral("expert"), QStringLiteral("person"), QStringLiteral("alan")}};
        models::ProductEdit second;
        second.addTags = {QStringLiteral("certified")};
        second.removeParties = {{QStringLiteral("owner"), QStringLiteral("person"), QStringLiteral("ada")}};
        second.slaTargets.insert(QStringLiteral("freshness"), QStringLiteral("4.5"));
        QVERIFY(outbox.queueEdit(orders, first, kNow).ok());
        QVERIFY(outbox.queueEdit(orders, second, kNow + 1).ok());
        models::Feedback f{QStringLiteral("data_issue"), 2,  QStringLiteral("Doubled"),
                           QStringLiteral("Amounts x2"), {}, QStringLiteral("column"),
                           QStringLiteral("amount_eur")};
        QVERIFY(outbox.queueFeedback(orders, f, kNow + 2).ok());

        const QString file = m_dir.filePath(QStringLiteral("outbox.json"));
        const auto written = models::OutboxExport::write(db, file, kNow + 3);
        QVERIFY(!written.error);
        QCOMPARE(written.ids.size(), 3);
        // Unsent edits and feedback are the user's alone, like the cache.
        const QFileDevice::Permissions perms = QFileInfo(file).permissions();
        QVERIFY(perms.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QCOMPARE(int(perms & 0x0077), 0); // nothing for the group or others
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        QString error;
        const auto parsed = models::OutboxExport::parse(bytes, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->ids(), written.ids);
        QCOMPARE(models::OutboxExport::toJson(*parsed), bytes); // byte for byte
        QCOMPARE(parsed->entities.size(), 1);
        QCOMPARE(parsed->feedback.size(), 1);
        QCOMPARE(parsed->feedback.first().value(QLatin1String("entity")).toString(), QStringLiteral("sales.orders"));

        // The patch, applied to the product as the bundle has it, gives what the app shows.
        QJsonValue product = QJsonObject{
            {QStringLiteral("id"), QStringLiteral("sales.orders")},
            {QStringLiteral("version"), QStringLiteral("2.1.0")},
            {QStringLiteral("description"), QStringLiteral("All **orders** placed in the web shop.")},
            {QStringLiteral("tags"), QJsonArray{QStringLiteral("gold"), QStringLiteral("pii")}},
            {QStringLiteral("owners"), QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("owner")},
                                                              {QStringLiteral("person"), QStringLiteral("ada")}},
                                                  QJsonObject{{QStringLiteral("role"), QStringLiteral("owner")},
                                                              {QStringLiteral("team"), QStringLiteral("t-sales")}},
                                                  QJsonObject{{QStringLiteral("role"), QStringLiteral("steward")},
                                                              {QStringLiteral("person"), QStringLiteral("grace")}}}},
            {QStringLiteral("slas"),
             QJsonObject{{QStringLiteral("freshness"), QJsonObject{{QStringLiteral("target"), 6}}}}}};
        QVERIFY(applyPatch(product, parsed->entities.first().patch));
        const QJsonObject p = product.toObject();
        const auto shown = models::CatalogReader(db).product(orders);
        QCOMPARE(p.value(QLatin1String("description")).toString(), shown->description);
        QStringList tags = toStringList(p.value(QLatin1String("tags")));
        tags.sort();
        QCOMPARE(tags, shown->tags);
        QCOMPARE(p.value(QLatin1String("owners")).toArray().size(), shown->owners.size());
        QCOMPARE(p.value(QLatin1String("slas"))
                     .toObject()
                     .value(QLatin1String("freshness"))
                     .toObject()
                     .value(QLatin1String("target"))
                     .toDouble(),
                 4.5);
        // Against a newer product the patch refuses to apply (its first operation tests the base version).
        QJsonValue newer = QJsonObject{{QStringLiteral("version"), QStringLiteral("2.2.0")}};
        QVERIFY(!applyPatch(newer, parsed->entities.first().patch));

        // Exported is not delivered: only the user's confirmation marks the items delivered.
        QCOMPARE(outbox.openCount(), 3);
        QCOMPARE(outbox.confirmExported(written.ids, kNow + 4), 3);
        QCOMPARE(outbox.openCount(), 0);
        // A delivered edit stays visible until a sync brings the product's new version.
        QCOMPARE(models::CatalogReader(db).product(orders)->description,
                 QStringLiteral("New **text** ~/ with / slashes"));
    }

    void exportParse_rejectsOtherFiles()
    {
        QString error;
        QVERIFY(!models::OutboxExport::parse("[1,2]", &error));
        QVERIFY(error.contains(QStringLiteral("not a JSON object")));
        QVERIFY(!models::OutboxExport::parse(R"({"format":"other"})", &error));
        QVERIFY(error.contains(QStringLiteral("not a MeshLens outbox export")));
        QVERIFY(!models::OutboxExport::parse(R"({"format":"meshlens-outbox","version":9})", &error));
        QVERIFY(error.contains(QStringLiteral("version 9")));
    }

private:
    static QStringList toStringList(const QJsonValue &v)
    {
        QStringList out;
        for (const QJsonValue &x : v.toArray()) {
            out << x.toString();
        }
        return out;
    }
};

// The child mode delivers the outbox of DB to a "source" that records each id it applies in LOG, and the process is
// killed right after the source applied the first item, before its outcome reaches the cache.
int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--child-deliver") == 0) {
        QCoreApplication app(argc, argv);
        struct DyingPusher final : models::OutboxPusher
        {
            QString log;
            [[nodiscard]] bool accepts(const QString &, const QString &) const override { return true; }
            [[nodiscard]] models::PushResult push(const models::OutboxItem &item) override
            {
                QFile f(log);
                if (f.open(QIODevice::Append)) {
                    f.write(item.id.toUtf8() + '\n');
                    f.close();
                }
                std::raise(SIGKILL); // the response never arrives
                return {};
            }
        } pusher;
        pusher.log = QString::fromLocal8Bit(argv[3]);
        models::Database db;
        if (!test::openCache(db, QString::fromLocal8Bit(argv[2])).isEmpty()) {
            return 2;
        }
        std::ignore = models::OutboxDelivery::deliver(db, &pusher, kNow);
        return 3; // not reached
    }
    QCoreApplication app(argc, argv);
    TestOutbox test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_outbox.moc"
