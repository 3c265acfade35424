// An outbox push killed with SIGKILL at any moment must neither lose an item nor apply one twice. Each round
// queues fresh edits and a feedback against a fake OpenMetadata server, runs `meshlens outbox push` in a child
// process (this binary, re-run) and kills it at a seeded random moment: before it reads the outbox, between a
// PATCH and its acknowledgement, mid-commit. The cache must then pass PRAGMA integrity_check and hold every item,
// payload unchanged; the next push (not killed) must deliver all of them, and the server must have applied each
// edit exactly once and received the feedback as exactly one thread.
//
// CI runs the quick form. The long form:
//   MESHLENS_CRASH_POINTS=500 MESHLENS_CRASH_SEED=7 tests/tst_pushcrashsafety

#include "cli.h"

#include "models/store/database.h"
#include "models/store/outbox.h"
#include "support/fakeopenmetadata.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;

namespace {

constexpr char kToken[] = "push-crash-tok-5c1e";
constexpr std::int64_t kNow = 1'763'683'300;

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}

// The items a user wrote and the state each is in.
struct Item
{
    QString id, kind, payload, state;
};

QList<Item> items(models::Database &db)
{
    QList<Item> out;
    models::Statement st = db.prepare("SELECT id, kind, payload, state FROM outbox ORDER BY id");
    while (st.next()) {
        out.append({st.text(0), st.text(1), st.text(2), st.text(3)});
    }
    return out;
}

} // namespace

class TestPushCrashSafety : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    int m_points = 50;
    quint32 m_seed = 23;
    int m_edits = 30; // edits a round queues, one per table
    std::unique_ptr<test::FakeOpenMetadata> m_server;
    QList<std::pair<std::int64_t, QString>> m_tables; // cache entry id, server id

    test::Captured cli(QStringList args) const
    {
        args.prepend(QStringLiteral("meshlens"));
        args << QStringLiteral("--db") << m_db;
        return test::capture([&](std::FILE *out, std::FILE *err) { return app::runCli(args, out, err); });
    }

    // Syncs the cache (so the edits are made on the server's current versions) and queues a round's items.
    void queueRound(int round, QList<Item> &queued)
    {
        const auto synced =
            cli({QStringLiteral("sync"), QStringLiteral("--source"), m_server->address(), QStringLiteral("-q")});
        QVERIFY2(synced.code == 0, qPrintable(synced.err));
        models::Database db;
        QCOMPARE(test::openCache(db, m_db), QString());
        models::Outbox outbox(db);
        for (const auto &[entry, ext] : std::as_const(m_tables)) {
            models::ProductEdit edit;
            edit.description = QStringLiteral("Round %1 of the kill test, table %2").arg(round).arg(ext);
            const auto r = outbox.queueEdit(entry, edit, kNow + round);
            QVERIFY2(r.ok(), r.errors.isEmpty() ? qPrintable(r.storeError.value_or(QString()))
                                                : qPrintable(r.errors.first().message));
        }
        const models::Feedback feedback{QStringLiteral("question"),
                                        4,
                                        QStringLiteral("Round %1: which currency?").arg(round),
                                        QStringLiteral("Are the totals in euros?"),
                                        {},
                                        {},
                                        {}};
        QVERIFY(outbox.queueFeedback(m_tables.first().first, feedback, kNow + round).ok());
        for (const Item &it : items(db)) {
            if (it.state == QLatin1String("pending")) {
                queued.append(it);
            }
        }
        QCOMPARE(queued.size(), m_edits + 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_points = envInt("MESHLENS_CRASH_POINTS", m_points);
        m_seed = static_cast<quint32>(envInt("MESHLENS_CRASH_SEED", static_cast<int>(m_seed)));
        m_db = m_dir.filePath(QStringLiteral("push.db"));
        test::FakeOpenMetadata::Options options{QStringLiteral("1.9.2"), QString::fromLatin1(kToken), 50, m_edits};
        m_server = std::make_unique<test::FakeOpenMetadata>(options);
        const QString err = m_server->start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        qputenv("MESHLENS_OPENMETADATA_TOKEN", kToken); // the child inherits it
        const auto synced =
            cli({QStringLiteral("sync"), QStringLiteral("--source"), m_server->address(), QStringLiteral("-q")});
        QVERIFY2(synced.code == 0, qPrintable(synced.err));

        models::Database db;
        QCOMPARE(test::openCache(db, m_db), QString());
        models::Statement st = db.prepare("SELECT id, ext_id FROM entries WHERE kind = 'table' ORDER BY id");
        while (st.next() && m_tables.size() < m_edits) {
            m_tables.append({st.int64(0), st.text(1)});
        }
        QCOMPARE(m_tables.size(), m_edits);
        qInfo("push crash-safety: %d kill points, %d edits and 1 feedback a round, seed %u", m_points, m_edits, m_seed);
    }

    void pushKilledAtRandomMoments_losesNothing_appliesNothingTwice()
    {
        // How long a whole push takes, from one round left alone.
        QList<Item> queued;
        queueRound(0, queued);
        const auto full = test::runSelf({QStringLiteral("--child-push"), m_db});
        QVERIFY(!full.killed && full.ms > 0);
        const qint64 fullMs = full.ms;
        QCOMPARE(m_server->patchesApplied(), m_edits);
        QCOMPARE(m_server->threads().size(), 1);

        QRandomGenerator random(m_seed);
        int interrupted = 0, deliveredBeforeKill = 0, appliedBeforeKill = 0, inFlight = 0;
        for (int round = 1; round <= m_points; ++round) {
            queued.clear();
            queueRound(round, queued);
            if (QTest::currentTestFailed()) {
                return;
            }
            const int patchesBefore = m_server->patchesApplied();
            const auto threadsBefore = m_server->threads().size();
            const int at = static_cast<int>(random.bounded(static_cast<quint32>(fullMs * 11 / 10 + 1)));
            interrupted += test::runSelf({QStringLiteral("--child-push"), m_db}, at).killed ? 1 : 0;

            int editsAcknowledged = 0;
            {
                models::Database db;
                QCOMPARE(test::openCache(db, m_db), QString());
                QCOMPARE(test::integrityCheck(db), QStringLiteral("ok"));
                const QList<Item> after = items(db);
                for (const Item &q : std::as_const(queued)) {
                    const auto it =
                        std::find_if(after.cbegin(), after.cend(), [&](const Item &a) { return a.id == q.id; });
                    QVERIFY2(it != after.cend(),
                             qPrintable(QStringLiteral("round %1: item %2 lost").arg(round).arg(q.id)));
                    QCOMPARE(it->payload, q.payload);
                    QVERIFY2(it->state == QLatin1String("pending") || it->state == QLatin1String("sending") ||
                                 it->state == QLatin1String("delivered"),
                             qPrintable(QStringLiteral("round %1: item %2 is %3").arg(round).arg(q.id, it->state)));
                    const bool acknowledged = it->state == QLatin1String("delivered");
                    deliveredBeforeKill += acknowledged ? 1 : 0;
                    editsAcknowledged += acknowledged && it->kind == QLatin1String("edit") ? 1 : 0;
                }
            }
            const int applied = m_server->patchesApplied() - patchesBefore;
            QVERIFY(applied >= editsAcknowledged && applied <= m_edits);
            appliedBeforeKill += applied;
            inFlight += applied - editsAcknowledged; // applied by the server, the kill came before the cache knew

            // The next push finishes the round: everything delivered, each edit applied once, one thread.
            const auto pushed = cli({QStringLiteral("outbox"), QStringLiteral("push"), QStringLiteral("--json")});
            QVERIFY2(pushed.code == 0, qPrintable(pushed.out + pushed.err));
            models::Database db;
            QCOMPARE(test::openCache(db, m_db), QString());
            for (const Item &it : items(db)) {
                QVERIFY2(it.state == QLatin1String("delivered"),
                         qPrintable(QStringLiteral("round %1 (killed at %2 ms): item %3 is %4")
                                        .arg(round)
                                        .arg(at)
                                        .arg(it.id, it.state)));
            }
            QVERIFY2(m_server->patchesApplied() - patchesBefore == m_edits,
                     qPrintable(QStringLiteral("round %1 (killed at %2 ms): %3 patches applied for %4 edits")
                                    .arg(round)
                                    .arg(at)
                                    .arg(m_server->patchesApplied() - patchesBefore)
                                    .arg(m_edits)));
            QCOMPARE(m_server->threads().size(), threadsBefore + 1);
            for (const auto &[entry, ext] : std::as_const(m_tables)) {
                QCOMPARE(m_server->entity(ext).value(QLatin1String("description")).toString(),
                         QStringLiteral("Round %1 of the kill test, table %2").arg(round).arg(ext));
            }
        }
        qInfo("push crash-safety: %d pushes killed (%d mid-run); %d items were acknowledged and %d edits applied "
              "before the kill (%d of them applied but not yet acknowledged); 0 lost, 0 applied twice",
              m_points, interrupted, deliveredBeforeKill, appliedBeforeKill, inFlight);
        QVERIFY(interrupted > m_points / 2); // most kills must land mid-push, or the test proves little
    }

    void cleanupTestCase()
    {
        m_server.reset();
        qunsetenv("MESHLENS_OPENMETADATA_TOKEN");
    }
};

// The child mode pushes the outbox of a cache, as `meshlens outbox push` does, and exits.
int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--child-push") == 0) {
        QCoreApplication app(argc, argv);
        QStandardPaths::setTestModeEnabled(true);
        const QStringList args{QStringLiteral("meshlens"), QStringLiteral("outbox"), QStringLiteral("push"),
                               QStringLiteral("--db"), QString::fromLocal8Bit(argv[2])};
        return app::runCli(args, stdout, stderr);
    }
    // Hundreds of rounds of the store's and sync's info lines would drown the figures (and QtTest stops printing
    // after 2000 messages); the children inherit the rule.
    qputenv("QT_LOGGING_RULES", "meshlens.*.info=false");
    QCoreApplication app(argc, argv);
    TestPushCrashSafety test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_pushcrashsafety.moc"
