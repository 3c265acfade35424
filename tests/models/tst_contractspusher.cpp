#include "models/sources/contracts/contractfile.h"
#include "models/sources/contracts/contractspusher.h"
#include "models/store/catalogreader.h"
#include "models/store/outbox.h"
#include "models/sync/outboxdelivery.h"
#include "support/testsupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <map>

using namespace meshlens;
using models::ContractsPusher;
using models::ContractsWriteJournal;
using models::OutboxItem;
using models::ProductEdit;
using models::PushResult;
using Outcome = models::PushResult::Outcome;

namespace {

// A contracts folder holding a copy of full-example.odcs.yaml, and what its "last sync" read: the locations the
// read side's manifest would give, and each file's size, mtime and hash.
struct Folder
{
    QTemporaryDir dir;
    const QString rel = QStringLiteral("sales/full.odcs.yaml");
    QByteArray original;
    std::map<QString, ContractsPusher::FileState> synced;
    bool hashes = true;
    QString productExt = QStringLiteral("p1"); // the product the file defines

    Folder()
    {
        original = test::readFile(test::fixturesDir() + QStringLiteral("/contracts/odcs/full-example.odcs.yaml"));
        test::writeFile(path(), original);
        sync();
    }
    [[nodiscard]] QString path() const { return dir.filePath(rel); }
    [[nodiscard]] QByteArray bytes() const { return test::readFile(path()); }
    void sync()
    {
        const QByteArray b = bytes();
        const QFileInfo info(path());
        synced[rel] = {info.size(), info.lastModified().toMSecsSinceEpoch(),
                       hashes ? QCryptographicHash::hash(b, QCryptographicHash::Sha1).toHex() : QByteArray()};
    }
    [[nodiscard]] ContractsPusher::Lookups lookups()
    {
        ContractsPusher::Lookups l;
        l.locate = [this](const QString &kind, const QString &product,
                          const QString &id) -> std::optional<ContractsPusher::Location> {
            if (kind == QLatin1String("product") && id == productExt) {
                return ContractsPusher::Location{rel, {}};
            }
            if (kind == QLatin1String("product") && id == QLatin1String("escape")) {
                return ContractsPusher::Location{QStringLiteral("../outside.yaml"), {}};
            }
            if (kind == QLatin1String("sla") && product == QLatin1String("p1") && id == QLatin1String("latency")) {
                return ContractsPusher::Location{rel, QStringLiteral("/slaProperties/0")};
            }
            return std::nullopt;
        };
        l.lastSynced = [this](const QString &file) -> std::optional<ContractsPusher::FileState> {
            const auto it = synced.find(file);
            return it == synced.end() ? std::nullopt : std::optional(it->second);
        };
        return l;
    }
    [[nodiscard]] ContractsPusher pusher(std::shared_ptr<ContractsWriteJournal> journal = nullptr)
    {
        return ContractsPusher(QStringLiteral("contracts:/x"), dir.path(), lookups(),
                               journal ? journal : std::make_shared<ContractsWriteJournal>());
    }
};

OutboxItem editItem(const QString &id, const ProductEdit &edit, const QString &product = QStringLiteral("p1"))
{
    OutboxItem item;
    item.id = id;
    item.kind = QStringLiteral("edit");
    item.entityKind = QStringLiteral("product");
    item.entityExt = product;
    item.sourceKind = QStringLiteral("contracts");
    item.payload = models::Outbox::editToJson(edit);
    return item;
}

const QString kPurposeLine = QStringLiteral("-15   purpose: Views built on top of the seller tables.");
// The description as the read side shows it (purpose, then limitations and usage), with a new purpose.
const QString kComposed = QStringLiteral("Sales views\n\nLimitations: Data based on seller perspective, no buyer "
                                         "information\n\nUsage: Predict sales over time");

} // namespace

class TestContractsPusher final : public QObject
{
    Q_OBJECT

private slots:
    void descriptionAndTag_changeOnlyThoseLines()
    {
        Folder folder;
        QVERIFY(!folder.original.isEmpty());
        ProductEdit edit;
        edit.description = kComposed;
        edit.addTags = {QStringLiteral("sales")};
        ContractsPusher pusher = folder.pusher();
        const PushResult r = pusher.push(editItem(QStringLiteral("e1"), edit));
        QCOMPARE(int(r.outcome), int(Outcome::Delivered));
        QCOMPARE(test::lineDiff(folder.original, folder.bytes()),
                 QStringList(
                     {kPurposeLine, QStringLiteral("+15   purpose: Sales views"), QStringLiteral("+320   - sales")}));
        // Re-reading the file gives the new values.
        const YAML::Node doc = YAML::LoadFile(folder.path().toStdString());
        QCOMPARE(doc["description"]["purpose"].as<std::string>(), std::string("Sales views"));
        QCOMPARE(doc["description"]["usage"].as<std::string>(), std::string("Predict sales over time"));
        QCOMPARE(doc["tags"][1].as<std::string>(), std::string("sales"));
    }

    // The steward edits what the read side shows; reading the file again shows exactly what they saved.
    void reimport_readsTheEditedValues_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("purpose");
        QTest::addColumn<int>(
            "changedLines"); // purpose and status replaced; the tag a new item, or a flow list replaced
        QTest::newRow("ODCS contract as its product")
            << QStringLiteral("odcs/full-example.odcs.yaml")
            << QStringLiteral("Views built on top of the seller tables.") << 5;
        QTest::newRow("ODPS product") << QStringLiteral("odps/customer-data-product.odps.yaml")
                                      << QStringLiteral("Enterprise view of a customer.") << 6;
    }
    void reimport_readsTheEditedValues()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, purpose);
        QFETCH(int, changedLines);
        const auto product = [](const QString &rel, const QByteArray &bytes) {
            models::ContractFile f = models::ContractFileReader::read(rel, bytes);
            for (const models::records::Record &r : f.records) {
                if (const auto *p = std::get_if<models::records::Product>(&r)) {
                    return *p;
                }
            }
            return f.contracts.empty() ? models::records::Product() : f.contracts.front().inferred;
        };
        Folder folder;
        const QString rel = QStringLiteral("c/") + QFileInfo(fixture).fileName();
        const QByteArray original = test::readFile(test::fixturesDir() + QStringLiteral("/contracts/") + fixture);
        QVERIFY(test::writeFile(folder.dir.filePath(rel), original));
        const models::records::Product before = product(rel, original);
        QVERIFY(!before.id.empty());
        folder.productExt = QString::fromStdString(before.id);
        folder.synced[rel] = {0, 0, QCryptographicHash::hash(original, QCryptographicHash::Sha1).toHex()};
        ContractsPusher::Lookups lookups = folder.lookups();
        lookups.locate = [&](const QString &kind, const QString &,
                             const QString &id) -> std::optional<ContractsPusher::Location> {
            return kind == QLatin1String("product") && id == folder.productExt
                       ? std::optional(ContractsPusher::Location{rel, {}})
                       : std::nullopt;
        };
        ContractsPusher pusher(QString(), folder.dir.path(), lookups);

        ProductEdit edit;
        QString description = QString::fromStdString(before.description);
        QVERIFY2(description.contains(purpose), qPrintable(description));
        description.replace(purpose, QStringLiteral("Sales views, refreshed daily."));
        edit.description = description;
        edit.addTags = {QStringLiteral("sales")};
        edit.status = QStringLiteral("deprecated");
        const PushResult r = pusher.push(editItem(QStringLiteral("e1"), edit, folder.productExt));
        QVERIFY2(r.outcome == Outcome::Delivered, qPrintable(r.message));

        const QByteArray edited = test::readFile(folder.dir.filePath(rel));
        const models::records::Product after = product(rel, edited);
        QCOMPARE(QString::fromStdString(after.description), description);
        QCOMPARE(QString::fromStdString(after.status), QStringLiteral("deprecated"));
        std::vector<std::string> tags = before.tags;
        tags.push_back("sales");
        QCOMPARE(after.tags, tags);
        QCOMPARE(test::lineDiff(original, edited).size(), changedLines);
    }

    void descriptionWithoutSections_emptiesThem()
    {
        Folder folder;
        ProductEdit edit;
        edit.description = QStringLiteral("Sales views");
        ContractsPusher pusher = folder.pusher();
        QCOMPARE(int(pusher.push(editItem(QStringLiteral("e1"), edit)).outcome), int(Outcome::Delivered));
        QCOMPARE(test::lineDiff(folder.original, folder.bytes()),
                 QStringList({QStringLiteral("-15   purpose: Views built on top of the seller tables."),
                              QStringLiteral("-16   limitations: Data based on seller perspective, no buyer "
                                             "information"),
                              QStringLiteral("-17   usage: Predict sales over time"),
                              QStringLiteral("+15   purpose: Sales views"), QStringLiteral("+16   limitations: ''"),
                              QStringLiteral("+17   usage: ''")}));
    }

    void splitDescription_isTheReadSidesInverse_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("purpose");
        QTest::addColumn<QString>("limitations");
        QTest::addColumn<QString>("usage");
        QTest::newRow("all") << QString() << kComposed << QStringLiteral("Sales views")
                             << QStringLiteral("Data based on seller perspective, no buyer information")
                             << QStringLiteral("Predict sales over time");
        QTest::newRow("purpose only") << QString() << QStringLiteral("P\n\nmore") << QStringLiteral("P\n\nmore")
                                      << QString() << QString();
        QTest::newRow("usage only") << QString() << QStringLiteral("Usage: u") << QString() << QString()
                                    << QStringLiteral("u");
        QTest::newRow("contract header and sections")
            << QStringLiteral("Contract c 1.0")
            << QStringLiteral("Contract c 1.0\n\nP\n\nUsage: u\n\nService levels:\n- "
                              "latency 4 d\n\nSupport:\n- #help (slack)")
            << QStringLiteral("P") << QString() << QStringLiteral("u");
        QTest::newRow("header of another contract is text")
            << QStringLiteral("Contract c 1.0") << QStringLiteral("Contract d 2.0\n\nP")
            << QStringLiteral("Contract d 2.0\n\nP") << QString() << QString();
        QTest::newRow("only other fields")
            << QString() << QStringLiteral("Other fields:\n- tenant: x") << QString() << QString() << QString();
        QTest::newRow("limitations") << QString() << QStringLiteral("P\n\nLimitations: l") << QStringLiteral("P")
                                     << QStringLiteral("l") << QString();
    }
    void splitDescription_isTheReadSidesInverse()
    {
        QFETCH(QString, header);
        QFETCH(QString, text);
        QFETCH(QString, purpose);
        QFETCH(QString, limitations);
        QFETCH(QString, usage);
        const auto parts = ContractsPusher::splitDescription(text, header);
        QCOMPARE(parts.purpose, purpose);
        QCOMPARE(parts.limitations.value_or(QString()), limitations);
        QCOMPARE(parts.usage.value_or(QString()), usage);
    }

    void slaTargetAndStatus_areWritten()
    {
        Folder folder;
        ProductEdit edit;
        edit.status = QStringLiteral("deprecated");
        edit.slaTargets.insert(QStringLiteral("latency"), QStringLiteral("2"));
        ContractsPusher pusher = folder.pusher();
        const PushResult r = pusher.push(editItem(QStringLiteral("e1"), edit));
        QCOMPARE(int(r.outcome), int(Outcome::Delivered));
        QCOMPARE(test::lineDiff(folder.original, folder.bytes()),
                 QStringList({QStringLiteral("-5 status: active"), QStringLiteral("+5 status: deprecated"),
                              QStringLiteral("-271     value: 4"), QStringLiteral("+271     value: 2")}));
        QCOMPARE(YAML::LoadFile(folder.path().toStdString())["slaProperties"][0]["value"].as<int>(), 2);
    }

    void owners_becomeTeamMembers()
    {
        Folder folder;
        ProductEdit edit;
        edit.addParties = {{QStringLiteral("owner"), QStringLiteral("person"), QStringLiteral("jdoe")}};
        edit.removeParties = {{QStringLiteral("expert"), QStringLiteral("person"), QStringLiteral("mhopper")}};
        ContractsPusher pusher = folder.pusher();
        QCOMPARE(int(pusher.push(editItem(QStringLiteral("e1"), edit)).outcome), int(Outcome::Delivered));
        QCOMPARE(test::lineDiff(folder.original, folder.bytes()),
                 QStringList({QStringLiteral("-240     - username: mhopper"),
                              QStringLiteral("-241       role: Data Scientist"),
                              QStringLiteral("-242       dateIn: \"2022-10-01\""),
                              QStringLiteral("+244     - username: jdoe"), QStringLiteral("+245       role: Owner")}));
        // A steward becomes one by their role; a team replaces the team only when the old one is removed.
        folder.sync();
        ProductEdit steward;
        steward.addParties = {{QStringLiteral("steward"), QStringLiteral("person"), QStringLiteral("jdoe")}};
        QCOMPARE(int(pusher.push(editItem(QStringLiteral("e2"), steward)).outcome), int(Outcome::Delivered));
        QVERIFY(folder.bytes().contains("    - username: jdoe\n      role: Steward\n"));
        ProductEdit team;
        team.addParties = {{QStringLiteral("owner"), QStringLiteral("team"), QStringLiteral("sales-team")}};
        const PushResult refused = pusher.push(editItem(QStringLiteral("e3"), team));
        QCOMPARE(int(refused.outcome), int(Outcome::Rejected));
        QVERIFY2(refused.message.contains(QLatin1String("my-team")), qPrintable(refused.message));
        team.removeParties = {{QStringLiteral("owner"), QStringLiteral("team"), QStringLiteral("my-team")}};
        QCOMPARE(int(pusher.push(editItem(QStringLiteral("e4"), team)).outcome), int(Outcome::Delivered));
        QVERIFY(folder.bytes().contains("\nteam:\n  name: sales-team\n"));
    }

    void feedback_isRejected()
    {
        Folder folder;
        OutboxItem item = editItem(QStringLiteral("f1"), {});
        item.kind = QStringLiteral("feedback");
        item.payload = models::Outbox::feedbackToJson(
            {QStringLiteral("question"), 4, QStringLiteral("t"), QStringLiteral("m"), {}, {}, {}});
        ContractsPusher pusher = folder.pusher();
        const PushResult r = pusher.push(item);
        QCOMPARE(int(r.outcome), int(Outcome::Rejected));
        QVERIFY2(r.message.contains(QLatin1String("OpenMetadata")), qPrintable(r.message));
        QVERIFY(r.message.contains(QLatin1String("xport")));
        QCOMPARE(folder.bytes(), folder.original);
    }

    void unwritableEdits_areRejected_data()
    {
        QTest::addColumn<QString>("product");
        QTest::addColumn<int>("tier");
        QTest::addColumn<QString>("sla");
        QTest::addColumn<QString>("expected");
        QTest::newRow("tier") << QStringLiteral("p1") << 2 << QString() << QStringLiteral("tier");
        QTest::newRow("unknown product") << QStringLiteral("nope") << 0 << QString() << QStringLiteral("sync");
        QTest::newRow("outside the folder")
            << QStringLiteral("escape") << 0 << QString() << QStringLiteral("outside the contracts folder");
        QTest::newRow("unknown SLA") << QStringLiteral("p1") << 0 << QStringLiteral("uptime")
                                     << QStringLiteral("uptime");
    }
    void unwritableEdits_areRejected()
    {
        QFETCH(QString, product);
        QFETCH(int, tier);
        QFETCH(QString, sla);
        QFETCH(QString, expected);
        Folder folder;
        ProductEdit edit;
        edit.status = QStringLiteral("retired");
        if (tier) {
            edit.tier = tier;
        }
        if (!sla.isEmpty()) {
            edit.slaTargets.insert(sla, QStringLiteral("1"));
        }
        ContractsPusher pusher = folder.pusher();
        const PushResult r = pusher.push(editItem(QStringLiteral("e1"), edit, product));
        QCOMPARE(int(r.outcome), int(Outcome::Rejected));
        QVERIFY2(r.message.contains(expected), qPrintable(r.message));
        QCOMPARE(folder.bytes(), folder.original);
    }

    // What became of the file since the last sync decides: unreadable YAML is refused, a file that is gone is a
    // conflict; neither is written.
    void damagedFileOnDisk_data()
    {
        QTest::addColumn<bool>("deleted");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("message");
        QTest::newRow("not YAML any more") << false << int(Outcome::Rejected) << QStringLiteral("Not valid YAML");
        QTest::newRow("deleted") << true << int(Outcome::Conflict) << QStringLiteral("deleted or moved");
    }
    void damagedFileOnDisk()
    {
        QFETCH(bool, deleted);
        QFETCH(int, outcome);
        QFETCH(QString, message);
        Folder folder;
        QVERIFY(deleted ? QFile::remove(folder.path()) : test::writeFile(folder.path(), "id: [broken\n"));
        ProductEdit edit;
        edit.status = QStringLiteral("retired");
        ContractsPusher pusher = folder.pusher();
        const PushResult r = pusher.push(editItem(QStringLiteral("e1"), edit));
        QCOMPARE(int(r.outcome), outcome);
        QVERIFY2(r.message.contains(message), qPrintable(r.message));
        QCOMPARE(QFile::exists(folder.path()), !deleted); // nothing is recreated
        if (!deleted) {
            QCOMPARE(folder.bytes(), QByteArray("id: [broken\n"));
        }
    }

    void fileChangedOnDisk_isAConflict_data()
    {
        QTest::addColumn<bool>("hashes");
        QTest::newRow("content hash") << true;
        QTest::newRow("size and mtime") << false;
    }
    void fileChangedOnDisk_isAConflict()
    {
        QFETCH(bool, hashes);
        Folder folder;
        folder.hashes = hashes;
        folder.sync();
        // Someone edits the file after the last sync: a new purpose and a comment.
        QByteArray theirs = folder.original;
        theirs.replace("purpose: Views built on top of the seller tables.", "purpose: Their purpose");
        theirs.append("# reviewed\n");
        QVERIFY(test::writeFile(folder.path(), theirs));
        ProductEdit edit;
        edit.description = kComposed;
        edit.addTags = {QStringLiteral("sales")};
        ContractsPusher pusher = folder.pusher();
        const PushResult r = pusher.push(editItem(QStringLiteral("e1"), edit));
        QCOMPARE(int(r.outcome), int(Outcome::Conflict));
        QVERIFY2(r.message.contains(folder.rel), qPrintable(r.message));
        QVERIFY(r.theirs.value(QLatin1String("description")).toString().startsWith(QLatin1String("Their purpose\n\n")));
        QCOMPARE(r.theirs.value(QLatin1String("status")).toString(), QStringLiteral("active"));
        QCOMPARE(r.theirs.value(QLatin1String("tags")).toArray(), QJsonArray({QStringLiteral("transactions")}));
        QCOMPARE(folder.bytes(), theirs); // never overwritten
        // After a sync read their change, the same edit goes through.
        folder.sync();
        QCOMPARE(int(pusher.push(editItem(QStringLiteral("e1"), edit)).outcome), int(Outcome::Delivered));
        QVERIFY(folder.bytes().endsWith("# reviewed\n"));
    }

    void replayedPush_leavesTheFileAsAfterOnePush()
    {
        Folder folder;
        ProductEdit edit;
        edit.description = kComposed;
        edit.addTags = {QStringLiteral("sales")};
        edit.addParties = {{QStringLiteral("owner"), QStringLiteral("person"), QStringLiteral("jdoe")}};
        edit.slaTargets.insert(QStringLiteral("latency"), QStringLiteral("2"));
        const OutboxItem item = editItem(QStringLiteral("e1"), edit);
        ContractsPusher pusher = folder.pusher();
        QCOMPARE(int(pusher.push(item).outcome), int(Outcome::Delivered));
        const QByteArray once = folder.bytes();
        QVERIFY(once != folder.original);
        QCOMPARE(int(pusher.push(item).outcome), int(Outcome::Delivered));
        QCOMPARE(folder.bytes(), once);
        // A restart lost the journal: the edit is already in the file, so it is delivered, not a conflict.
        ContractsPusher fresh = folder.pusher();
        QCOMPARE(int(fresh.push(item).outcome), int(Outcome::Delivered));
        QCOMPARE(folder.bytes(), once);
    }

    void secondEditBeforeTheNextSync_isNoConflict()
    {
        Folder folder;
        const auto journal = std::make_shared<ContractsWriteJournal>();
        ProductEdit first;
        first.addTags = {QStringLiteral("sales")};
        ProductEdit second;
        second.status = QStringLiteral("deprecated");
        {
            ContractsPusher pusher = folder.pusher(journal);
            QCOMPARE(int(pusher.push(editItem(QStringLiteral("e1"), first)).outcome), int(Outcome::Delivered));
        }
        // Another delivery, sharing the journal: the file changed, but by the first push.
        ContractsPusher next = folder.pusher(journal);
        QCOMPARE(int(next.push(editItem(QStringLiteral("e2"), second)).outcome), int(Outcome::Delivered));
        QCOMPARE(test::lineDiff(folder.original, folder.bytes()),
                 QStringList({QStringLiteral("-5 status: active"), QStringLiteral("+5 status: deprecated"),
                              QStringLiteral("+320   - sales")}));
        // Without the journal the same change looks like someone else's: a conflict, not an overwrite.
        ProductEdit third;
        third.status = QStringLiteral("retired");
        ContractsPusher stranger = folder.pusher();
        QCOMPARE(int(stranger.push(editItem(QStringLiteral("e3"), third)).outcome), int(Outcome::Conflict));
    }

    void throughTheOutbox_deliveredThenConflict()
    {
        // A cache whose product stands for the file: synced from a bundle, then marked as a contracts source.
        Folder folder;
        folder.productExt = QStringLiteral("sales.orders");
        const QString cache = folder.dir.filePath(QStringLiteral("c.db"));
        const QString bundle = folder.dir.filePath(QStringLiteral("b.ndjson"));
        QVERIFY(test::syncBundle(cache, bundle, test::sampleBundle()));
        models::Database db;
        QCOMPARE(test::openCache(db, cache), QString());
        QVERIFY(!db.exec("UPDATE sources SET kind = 'contracts'"));
        models::Outbox outbox(db);
        const std::int64_t product = models::CatalogReader(db).resolveProduct(folder.productExt).value_or(0);
        QVERIFY(product > 0);
        constexpr std::int64_t kNow = 1763700000;
        ContractsPusher pusher(QString(), folder.dir.path(), folder.lookups());

        ProductEdit first;
        first.description = QStringLiteral("Sales views");
        const QString id1 = outbox.queueEdit(product, first, kNow).id;
        QVERIFY(!id1.isEmpty());
        auto report = models::OutboxDelivery::deliver(db, &pusher, kNow);
        QCOMPARE(report.delivered, 1);
        QCOMPARE(outbox.item(id1)->state, QStringLiteral("delivered"));
        QVERIFY(folder.bytes().contains("  purpose: Sales views\n"));

        // Someone else saves the file before the next sync: the next edit is a conflict, with their text.
        QByteArray theirs = folder.bytes();
        theirs.replace("purpose: Sales views", "purpose: Their views");
        QVERIFY(test::writeFile(folder.path(), theirs));
        ProductEdit second;
        second.addTags = {QStringLiteral("sales")};
        const QString id2 = outbox.queueEdit(product, second, kNow + 1).id;
        report = models::OutboxDelivery::deliver(db, &pusher, kNow + 2);
        QCOMPARE(report.conflicts, 1);
        const auto item = outbox.item(id2);
        QCOMPARE(item->state, QStringLiteral("conflict"));
        QVERIFY(item->theirs.value(QLatin1String("description")).toString().startsWith(QLatin1String("Their views")));
        QCOMPARE(folder.bytes(), theirs);
    }

    // The whole route: the folder source syncs, the outbox delivers through ContractsSource::makePusher (which
    // finds the product and the file's last state in the synced manifest), a re-sync reads the edit back, and a
    // change someone else saves makes the next edit a conflict.
    void folderSource_syncEditDeliverResync()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("catalog"));
        const QString file = folder + QStringLiteral("/sales/full.odcs.yaml");
        const QByteArray original =
            test::readFile(test::fixturesDir() + QStringLiteral("/contracts/odcs/full-example.odcs.yaml"));
        QVERIFY(test::writeFile(file, original));
        const QString cache = dir.filePath(QStringLiteral("c.db"));
        QVERIFY(test::syncNow(cache, folder).ok);
        models::Database db;
        QCOMPARE(test::openCache(db, cache), QString());
        const std::int64_t product =
            models::CatalogReader(db).resolveProduct(QStringLiteral("inferred:seller/my quantum")).value_or(0);
        QVERIFY(product > 0);
        models::Outbox outbox(db);
        constexpr std::int64_t kNow = 1763700000;

        ProductEdit edit;
        edit.status = QStringLiteral("deprecated");
        edit.addTags = {QStringLiteral("sales")};
        // The first SLA property (latency, 4 d) is objective <contract>/sla/0.
        {
            // Scoped: a statement left open would hold this connection's read snapshot past the re-sync.
            models::Statement sla = db.prepare("SELECT ext_id FROM sla_objectives WHERE ext_id LIKE '%/sla/0'");
            QVERIFY(sla.next());
            edit.slaTargets.insert(sla.text(0), QStringLiteral("2"));
        }
        const auto queued = outbox.queueEdit(product, edit, kNow);
        QVERIFY(queued.ok());
        auto report = models::OutboxDelivery::deliverAll(db, kNow);
        QCOMPARE(report.delivered, 1);
        QCOMPARE(test::lineDiff(original, test::readFile(file)),
                 QStringList({QStringLiteral("-5 status: active"), QStringLiteral("+5 status: deprecated"),
                              QStringLiteral("-271     value: 4"), QStringLiteral("+271     value: 2"),
                              QStringLiteral("+320   - sales")}));
        QVERIFY(test::syncNow(cache, folder).ok);
        QCOMPARE(test::scalar(db, "SELECT count(*) FROM entry_tags WHERE tag = 'sales'"), 1);
        QCOMPARE(test::scalar(db, "SELECT count(*) FROM entries WHERE status = 'deprecated'"), 1);
        QCOMPARE(test::scalar(db, "SELECT count(*) FROM sla_objectives WHERE ext_id LIKE '%/sla/0' AND target = 2"), 1);

        QByteArray theirs = test::readFile(file);
        theirs.replace("status: deprecated", "status: retired");
        QVERIFY(test::writeFile(file, theirs));
        ProductEdit second;
        second.description = QStringLiteral("Sales views");
        const auto again = outbox.queueEdit(product, second, kNow + 10);
        QVERIFY(again.ok());
        report = models::OutboxDelivery::deliverAll(db, kNow + 10);
        QCOMPARE(report.conflicts, 1);
        QCOMPARE(outbox.item(again.id)->theirs.value(QLatin1String("status")).toString(), QStringLiteral("retired"));
        QCOMPARE(test::readFile(file), theirs);
    }

    void journal_survivesARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.json"));
        {
            ContractsWriteJournal journal(path);
            QVERIFY(!journal.wrote(QStringLiteral("a.yaml"), "abc"));
            journal.record(QStringLiteral("a.yaml"), "abc");
        }
        ContractsWriteJournal reopened(path);
        QVERIFY(reopened.wrote(QStringLiteral("a.yaml"), "abc"));
        QVERIFY(!reopened.wrote(QStringLiteral("a.yaml"), "abd"));
        QVERIFY(!reopened.wrote(QStringLiteral("b.yaml"), "abc"));
    }

    void pointerToPath_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("ok");
        QTest::newRow("root") << QString() << QString() << true;
        QTest::newRow("nested") << QStringLiteral("/schema/0/properties/2") << QStringLiteral("schema[0].properties[2]")
                                << true;
        QTest::newRow("escaped") << QStringLiteral("/a~1b") << QStringLiteral("a/b") << true;
        QTest::newRow("dotted key") << QStringLiteral("/a.b") << QString() << false;
        QTest::newRow("relative") << QStringLiteral("schema") << QString() << false;
    }
    void pointerToPath()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, path);
        QFETCH(bool, ok);
        const auto got = ContractsPusher::pointerToPath(pointer);
        QCOMPARE(got.has_value(), ok);
        if (ok) {
            QCOMPARE(*got, path);
        }
    }

    void accepts_onlyItsContractsSource()
    {
        Folder folder;
        const ContractsPusher pusher = folder.pusher();
        QVERIFY(pusher.accepts(QStringLiteral("contracts:/x"), QStringLiteral("contracts")));
        QVERIFY(!pusher.accepts(QStringLiteral("contracts:/y"), QStringLiteral("contracts")));
        QVERIFY(!pusher.accepts(QStringLiteral("contracts:/x"), QStringLiteral("openmetadata")));
    }
};

QTEST_GUILESS_MAIN(TestContractsPusher)
#include "tst_contractspusher.moc"
