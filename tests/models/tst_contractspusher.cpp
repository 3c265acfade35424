#include "models/sources/contracts/contractspusher.h"
#include "models/store/outbox.h"
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
            if (kind == QLatin1String("product") && id == QLatin1String("p1")) {
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
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("purpose");
        QTest::addColumn<QString>("limitations");
        QTest::addColumn<QString>("usage");
        QTest::newRow("all") << kComposed << QStringLiteral("Sales views")
                             << QStringLiteral("Data based on seller perspective, no buyer information")
                             << QStringLiteral("Predict sales over time");
        QTest::newRow("purpose only") << QStringLiteral("P\n\nmore") << QStringLiteral("P\n\nmore") << QString()
                                      << QString();
        QTest::newRow("usage only") << QStringLiteral("Usage: u") << QString() << QString() << QStringLiteral("u");
        QTest::newRow("limitations") << QStringLiteral("P\n\nLimitations: l") << QStringLiteral("P")
                                     << QStringLiteral("l") << QString();
    }
    void splitDescription_isTheReadSidesInverse()
    {
        QFETCH(QString, text);
        QFETCH(QString, purpose);
        QFETCH(QString, limitations);
        QFETCH(QString, usage);
        const auto parts = ContractsPusher::splitDescription(text);
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

    void invalidYamlOnDisk_isRejectedWithTheParserError()
    {
        Folder folder;
        QVERIFY(test::writeFile(folder.path(), "id: [broken\n"));
        ProductEdit edit;
        edit.status = QStringLiteral("retired");
        ContractsPusher pusher = folder.pusher();
        const PushResult r = pusher.push(editItem(QStringLiteral("e1"), edit));
        QCOMPARE(int(r.outcome), int(Outcome::Rejected));
        QVERIFY2(r.message.contains(QLatin1String("Not valid YAML")), qPrintable(r.message));
        QCOMPARE(folder.bytes(), QByteArray("id: [broken\n"));
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
