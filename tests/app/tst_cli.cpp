#include "cli.h"

#include "models/store/database.h"
#include "models/store/schema.h"
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

// Runs the CLI in-process with stdout/stderr captured to temporary files.
struct CliRun
{
    int code = -1;
    QString out, err;
};

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_bundle;

    static CliRun run(QStringList args)
    {
        args.prepend(QStringLiteral("meshlens"));
        const test::Captured c =
            test::capture([&](std::FILE *out, std::FILE *err) { return app::runCli(args, out, err); });
        return {c.code, c.out, c.err};
    }

    CliRun runDb(QStringList args) const { return run(args << QStringLiteral("--db") << m_db); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("cli.db"));
        m_bundle = m_dir.filePath(QStringLiteral("sample.ndjson"));
        QVERIFY(test::writeFile(m_bundle, test::sampleBundle()));
    }

    void versionAndHelp_exitZero()
    {
        const CliRun v = run({QStringLiteral("--version")});
        QCOMPARE(v.code, 0);
        QVERIFY(v.out.startsWith(QLatin1String("meshlens ")));
        const CliRun h = run({QStringLiteral("--help")});
        QCOMPARE(h.code, 0);
        QVERIFY(h.out.contains(QLatin1String("Exit codes")));
        QVERIFY(app::isCliInvocation({QStringLiteral("meshlens"), QStringLiteral("search")}));
        QVERIFY(!app::isCliInvocation({QStringLiteral("meshlens")}));
        QVERIFY(!app::isCliInvocation({QStringLiteral("meshlens"), QStringLiteral("--db")}));
    }

    void unknownVerbOrBadOptions_exitTwo()
    {
        QCOMPARE(run({QStringLiteral("frobnicate")}).code, static_cast<int>(app::ExitUsage));
        const CliRun r =
            runDb({QStringLiteral("search"), QStringLiteral("x"), QStringLiteral("--limit"), QStringLiteral("zero")});
        QCOMPARE(r.code, static_cast<int>(app::ExitUsage));
        QVERIFY(r.err.contains(QLatin1String("--limit")));
        QCOMPARE(runDb({QStringLiteral("show")}).code, static_cast<int>(app::ExitUsage));
        QCOMPARE(runDb({QStringLiteral("sync"), QStringLiteral("--bogus")}).code, static_cast<int>(app::ExitUsage));
        QCOMPARE(run({QStringLiteral("generate"), QStringLiteral("--products"), QStringLiteral("10")}).code,
                 static_cast<int>(app::ExitUsage)); // no --out
    }

    void syncThenQuery_exitCodesAndOutput()
    {
        const CliRun sync = runDb({QStringLiteral("sync"), QStringLiteral("--source"), m_bundle, QStringLiteral("-q")});
        QVERIFY2(sync.code == 0, qPrintable(sync.err));
        QVERIFY(sync.out.contains(QLatin1String("3 products")));

        const CliRun search = runDb({QStringLiteral("search"), QStringLiteral("revenue"), QStringLiteral("--json")});
        QCOMPARE(search.code, 0);
        const QJsonObject result = QJsonDocument::fromJson(search.out.toUtf8()).object();
        QVERIFY(result.value(QLatin1String("total")).toInt() >= 1);
        QCOMPARE(result.value(QLatin1String("results")).toArray().first().toObject().value(QLatin1String("id")),
                 QJsonValue(QStringLiteral("finance.revenue")));

        const CliRun show = runDb({QStringLiteral("show"), QStringLiteral("Order Events"), QStringLiteral("--json")});
        QCOMPARE(show.code, 0);
        const QJsonObject product = QJsonDocument::fromJson(show.out.toUtf8()).object();
        QCOMPARE(product.value(QLatin1String("id")).toString(), QStringLiteral("sales.orders"));
        QCOMPARE(product.value(QLatin1String("downstream")).toArray().size(), 1);

        const CliRun missing = runDb({QStringLiteral("show"), QStringLiteral("no.such.product")});
        QCOMPARE(missing.code, static_cast<int>(app::ExitNotFound));
        QVERIFY(missing.err.contains(QLatin1String("no.such.product")));

        const CliRun stats = runDb({QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(stats.code, 0);
        const QJsonObject s = QJsonDocument::fromJson(stats.out.toUtf8()).object();
        QCOMPARE(s.value(QLatin1String("products")).toInt(), 3);
        QCOMPARE(s.value(QLatin1String("sources")).toArray().size(), 1);
    }

    void syncOfBrokenSource_exitOneAndKeepsCatalog()
    {
        const CliRun missing = runDb({QStringLiteral("sync"), QStringLiteral("--source"),
                                      m_dir.filePath(QStringLiteral("nope.ndjson")), QStringLiteral("-q")});
        QCOMPARE(missing.code, static_cast<int>(app::ExitFailure));
        QVERIFY(missing.err.contains(QLatin1String("nope.ndjson")));

        const QString broken = m_dir.filePath(QStringLiteral("broken.ndjson"));
        QVERIFY(
            test::writeFile(broken, test::header("snapshot", "c2") + "{\"type\":\"product\",\"id\":\"x\"}\n{oops\n"));
        const CliRun bad = runDb({QStringLiteral("sync"), QStringLiteral("--source"), broken, QStringLiteral("-q")});
        QCOMPARE(bad.code, static_cast<int>(app::ExitFailure));
        QVERIFY2(bad.err.contains(QLatin1String("line 3")), qPrintable(bad.err));
        const CliRun stats = runDb({QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(stats.out.toUtf8()).object().value(QLatin1String("products")).toInt(), 3);
    }

    void syncWithoutSource_resyncsKnownSources()
    {
        const CliRun sync = runDb({QStringLiteral("sync"), QStringLiteral("-q")});
        QVERIFY2(sync.code == 0, qPrintable(sync.err));
        QVERIFY(sync.out.contains(QLatin1String("sample.ndjson")));
    }

    void emptyCacheSync_loadsBundledSample()
    {
        const QString db = m_dir.filePath(QStringLiteral("fresh.db"));
        const CliRun sync = run({QStringLiteral("sync"), QStringLiteral("--db"), db, QStringLiteral("-q")});
        QVERIFY2(sync.code == 0, qPrintable(sync.err));
        const CliRun stats = run({QStringLiteral("stats"), QStringLiteral("--json"), QStringLiteral("--db"), db});
        QVERIFY(QJsonDocument::fromJson(stats.out.toUtf8()).object().value(QLatin1String("products")).toInt() >= 100);
    }

    void newerCache_exitFour()
    {
        const QString db = m_dir.filePath(QStringLiteral("newer.db"));
        {
            models::Database d;
            QVERIFY(!d.open(db));
            QVERIFY(!models::Schema::migrate(d));
            QVERIFY(!d.exec("PRAGMA user_version = 999"));
        }
        const CliRun r = run({QStringLiteral("stats"), QStringLiteral("--db"), db});
        QCOMPARE(r.code, static_cast<int>(app::ExitCacheError));
        QVERIFY(r.err.contains(QLatin1String("newer MeshLens")));
    }

    void generate_writesDeterministicBundle()
    {
        const QString a = m_dir.filePath(QStringLiteral("a.ndjson"));
        const QString b = m_dir.filePath(QStringLiteral("b.ndjson"));
        for (const QString &file : {a, b}) {
            const CliRun r = run({QStringLiteral("generate"), QStringLiteral("--products"), QStringLiteral("50"),
                                  QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--as-of"),
                                  QStringLiteral("2026-11-01"), QStringLiteral("--out"), file});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        QFile fa(a), fb(b);
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        const QByteArray bytes = fa.readAll();
        QVERIFY(bytes.size() > 1000);
        QCOMPARE(bytes, fb.readAll());
        const CliRun sync = runDb({QStringLiteral("sync"), QStringLiteral("--source"), a, QStringLiteral("-q")});
        QVERIFY2(sync.code == 0, qPrintable(sync.err));
        QVERIFY(sync.out.contains(QLatin1String("50 products")));
    }

    void lineage_jsonAndDotToADepth()
    {
        const QString db = m_dir.filePath(QStringLiteral("lineage.db"));
        QVERIFY(test::syncNow(db, m_bundle).ok);
        const auto lineage = [&](QStringList args) {
            return run(QStringList{QStringLiteral("lineage")} + args + QStringList{QStringLiteral("--db"), db});
        };
        // From the middle of orders → revenue → forecast: one hop each way.
        const CliRun j = lineage({QStringLiteral("finance.revenue"), QStringLiteral("--up"), QStringLiteral("1"),
                                  QStringLiteral("--down"), QStringLiteral("1")});
        QVERIFY2(j.code == 0, qPrintable(j.err));
        const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
        QCOMPARE(o.value(QLatin1String("focus")).toString(), QStringLiteral("finance.revenue"));
        QCOMPARE(o.value(QLatin1String("nodes")).toArray().size(), 3);
        QCOMPARE(o.value(QLatin1String("edges")).toArray().size(), 2);
        const QJsonObject orders = o.value(QLatin1String("nodes")).toArray().at(1).toObject();
        QCOMPARE(orders.value(QLatin1String("id")).toString(), QStringLiteral("sales.orders"));
        QCOMPARE(orders.value(QLatin1String("distance")).toInt(), -1);
        // Downstream only: no upstream node.
        const CliRun d =
            lineage({QStringLiteral("sales.orders"), QStringLiteral("--up"), QStringLiteral("0"),
                     QStringLiteral("--down"), QStringLiteral("5"), QStringLiteral("--format"), QStringLiteral("dot")});
        QCOMPARE(d.code, 0);
        QVERIFY(d.out.startsWith(QLatin1String("digraph lineage {")));
        QCOMPARE(d.out.count(QLatin1String("->")), 2);
        QVERIFY(d.out.contains(QLatin1String("label=\"Revenue Forecast\"")));
        // Errors say what is wrong, with the documented exit codes.
        QCOMPARE(lineage({QStringLiteral("no.such")}).code, static_cast<int>(app::ExitNotFound));
        const CliRun bad = lineage({QStringLiteral("sales.orders"), QStringLiteral("--format"), QStringLiteral("xml")});
        QCOMPARE(bad.code, static_cast<int>(app::ExitUsage));
        QVERIFY(bad.err.contains(QLatin1String("json or dot")));
        QCOMPARE(lineage({QStringLiteral("sales.orders"), QStringLiteral("--up"), QStringLiteral("-1")}).code,
                 static_cast<int>(app::ExitUsage));
    }

    void problems_listsWhatAContractsFolderSyncFound()
    {
        // A folder with a good contract and a broken one: the sync succeeds, the broken file is a problem.
        const QString folder = m_dir.filePath(QStringLiteral("contracts"));
        QVERIFY(test::writeFile(folder + QStringLiteral("/good.odcs.yaml"),
                                "apiVersion: v3.1.0\nkind: DataContract\nid: good\nversion: 1.0.0\nstatus: active\n"));
        QVERIFY(test::writeFile(folder + QStringLiteral("/sub/bad.odcs.yaml"), "kind: DataContract\nid: [x\n"));
        const QString db = m_dir.filePath(QStringLiteral("problems.db"));
        const auto withDb = [&db](QStringList args) { return run(args << QStringLiteral("--db") << db); };
        QCOMPARE(withDb({QStringLiteral("problems")}).out, QStringLiteral("No problems.\n"));
        const CliRun sync = withDb({QStringLiteral("sync"), QStringLiteral("--source"), folder, QStringLiteral("-q")});
        QVERIFY2(sync.code == 0, qPrintable(sync.err));

        const CliRun text = withDb({QStringLiteral("problems")});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains(QLatin1String("contracts+file://")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QLatin1String("error   sub/bad.odcs.yaml:3: invalid YAML")), qPrintable(text.out));
        QVERIFY(text.out.contains(QLatin1String("1 problems (1 errors)")));

        const CliRun json =
            withDb({QStringLiteral("problems"), QStringLiteral("--json"), QStringLiteral("--source"), folder});
        QCOMPARE(json.code, 0);
        const QJsonArray list = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(list.size(), 1);
        const QJsonObject p = list.first().toObject();
        QCOMPARE(p.value(QLatin1String("file")).toString(), QStringLiteral("sub/bad.odcs.yaml"));
        QCOMPARE(p.value(QLatin1String("line")).toInt(), 3);
        QCOMPARE(p.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(p.value(QLatin1String("kind")).toString(), QStringLiteral("contracts"));
        // Another source's filter shows none of them; a stray argument is bad usage.
        const CliRun other = withDb({QStringLiteral("problems"), QStringLiteral("--json"), QStringLiteral("--source"),
                                     QStringLiteral("https://elsewhere.example/bundle.ndjson")});
        QCOMPARE(QJsonDocument::fromJson(other.out.toUtf8()).array().size(), 0);
        QCOMPARE(withDb({QStringLiteral("problems"), QStringLiteral("extra")}).code, static_cast<int>(app::ExitUsage));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
