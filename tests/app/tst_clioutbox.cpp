// The outbox verbs end to end: edit, feedback, outbox list/push/export/confirm, against a cache synced from a
// bundle (which accepts no writes) and with a test connector installed (which does).

#include "cli.h"

#include "models/sync/outboxdelivery.h"
#include "support/fakeoutboxpusher.h"
#include "support/testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace meshlens;

class TestCliOutbox : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

    using Run = test::Captured;

    Run run(QStringList args) const
    {
        args.prepend(QStringLiteral("meshlens"));
        args << QStringLiteral("--db") << m_db;
        return test::capture([&args](std::FILE *out, std::FILE *err) { return app::runCli(args, out, err); });
    }

    QJsonArray listed(bool all = false) const
    {
        QStringList args{QStringLiteral("outbox"), QStringLiteral("list"), QStringLiteral("--json")};
        if (all) {
            args << QStringLiteral("--all");
        }
        return QJsonDocument::fromJson(run(args).out.toUtf8()).object().value(QLatin1String("items")).toArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("cli.db"));
        const QString bundle = m_dir.filePath(QStringLiteral("sample.ndjson"));
        QVERIFY(test::syncBundle(m_db, bundle, test::sampleBundle()));
    }

    void cleanup() { models::OutboxDelivery::setPusherFactory({}); }

    void edit_queuesAndShowShowsIt()
    {
        const Run r = run({QStringLiteral("edit"), QStringLiteral("sales.orders"), QStringLiteral("--description"),
                           QStringLiteral("From the CLI"), QStringLiteral("--add-tag"), QStringLiteral("certified"),
                           QStringLiteral("--owner"), QStringLiteral("grace"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QString id = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("id")).toString();
        QVERIFY(!id.isEmpty());
        const Run show = run({QStringLiteral("show"), QStringLiteral("sales.orders"), QStringLiteral("--json")});
        const QJsonObject product = QJsonDocument::fromJson(show.out.toUtf8()).object();
        QCOMPARE(product.value(QLatin1String("description")).toString(), QStringLiteral("From the CLI"));
        QVERIFY(product.value(QLatin1String("tags")).toArray().contains(QStringLiteral("certified")));
        const QJsonArray items = listed();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().toObject().value(QLatin1String("id")).toString(), id);
        QCOMPARE(run({QStringLiteral("outbox"), QStringLiteral("discard"), id}).code, 0);
        QCOMPARE(listed().size(), 0);
    }

    void invalidEditOrFeedback_exitTwo_nothingQueued()
    {
        Run r = run({QStringLiteral("edit"), QStringLiteral("sales.orders"), QStringLiteral("--owner"),
                     QStringLiteral("nobody@nowhere")});
        QCOMPARE(r.code, static_cast<int>(app::ExitUsage));
        QVERIFY2(r.err.contains(QLatin1String("Unknown person")), qPrintable(r.err));
        r = run({QStringLiteral("edit"), QStringLiteral("finance.revenue"), QStringLiteral("--sla"),
                 QStringLiteral("availability=lots")});
        QCOMPARE(r.code, static_cast<int>(app::ExitUsage));
        QVERIFY(r.err.contains(QLatin1String("must be a number")));
        r = run({QStringLiteral("feedback"), QStringLiteral("sales.orders"), QStringLiteral("--category"),
                 QStringLiteral("rant"), QStringLiteral("--rating"), QStringLiteral("9")});
        QCOMPARE(r.code, static_cast<int>(app::ExitUsage));
        QVERIFY(r.err.contains(QLatin1String("category")) && r.err.contains(QLatin1String("rating")) &&
                r.err.contains(QLatin1String("title")) && r.err.contains(QLatin1String("message")));
        QCOMPARE(run({QStringLiteral("edit"), QStringLiteral("no.such")}).code, static_cast<int>(app::ExitNotFound));
        QCOMPARE(listed().size(), 0);
    }

    void bundleSource_pushSaysExport_exportThenConfirmDelivers()
    {
        QCOMPARE(run({QStringLiteral("feedback"), QStringLiteral("sales.orders"), QStringLiteral("--category"),
                      QStringLiteral("data-issue"), QStringLiteral("--rating"), QStringLiteral("2"),
                      QStringLiteral("--title"), QStringLiteral("Doubled"), QStringLiteral("--message"),
                      QStringLiteral("Amounts doubled"), QStringLiteral("--column"), QStringLiteral("amount_eur")})
                     .code,
                 0);
        const Run push = run({QStringLiteral("outbox"), QStringLiteral("push")});
        QCOMPARE(push.code, 0);
        QVERIFY2(push.out.contains(QLatin1String("export")), qPrintable(push.out));
        QCOMPARE(listed().size(), 1); // still pending

        const QString file = m_dir.filePath(QStringLiteral("out.json"));
        QCOMPARE(run({QStringLiteral("outbox"), QStringLiteral("export"), file}).code, 0);
        QVERIFY(QFile::exists(file));
        QCOMPARE(listed().size(), 1); // exported is not delivered
        const Run confirm = run({QStringLiteral("outbox"), QStringLiteral("confirm"), file});
        QCOMPARE(confirm.code, 0);
        QVERIFY(confirm.out.contains(QLatin1String("1 item")));
        QCOMPARE(listed().size(), 0);
        QCOMPARE(listed(true).size(), 1);
    }

    void writableSource_pushDelivers()
    {
        auto server = std::make_shared<test::FakeOutboxPusher>();
        test::FakeOutboxPusher::install(server);
        QCOMPARE(run({QStringLiteral("edit"), QStringLiteral("finance.revenue"), QStringLiteral("--tier"),
                      QStringLiteral("1")})
                     .code,
                 0);
        const Run push = run({QStringLiteral("outbox"), QStringLiteral("push"), QStringLiteral("--json")});
        QCOMPARE(push.code, 0);
        QCOMPARE(QJsonDocument::fromJson(push.out.toUtf8()).object().value(QLatin1String("delivered")).toInt(), 1);
        QCOMPARE(server->applied.size(), 1);
        QCOMPARE(listed().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliOutbox)
#include "tst_clioutbox.moc"
