// `meshlens sync --source openmetadata+http://...` against the fake server, then search, show and lineage find the
// imported entities by name and by FQN. The token comes from MESHLENS_OPENMETADATA_TOKEN and never reaches output.

#include "cli.h"

#include "support/fakeopenmetadata.h"
#include "support/testsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;

class TestCliOpenMetadata : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<test::FakeOpenMetadata> m_server;

    test::Captured run(QStringList args) const
    {
        args.prepend(QStringLiteral("meshlens"));
        args << QStringLiteral("--db") << m_db;
        return test::capture([&](std::FILE *out, std::FILE *err) { return app::runCli(args, out, err); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("om.db"));
        m_server = std::make_unique<test::FakeOpenMetadata>(
            test::FakeOpenMetadata::Options{QStringLiteral("1.9.2"), QStringLiteral("cli-tok-93b1"), 7, 0});
        const QString err = m_server->start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void sync_withoutToken_saysTheTokenWasRejected()
    {
        qunsetenv("MESHLENS_OPENMETADATA_TOKEN");
        qputenv("MESHLENS_OPENMETADATA_TOKEN", "not-the-token");
        const auto r =
            run({QStringLiteral("sync"), QStringLiteral("--source"), m_server->address(), QStringLiteral("-q")});
        QCOMPARE(r.code, static_cast<int>(app::ExitFailure));
        QVERIFY2(r.err.contains(QStringLiteral("rejected the token")), qPrintable(r.err));
        QVERIFY(!r.err.contains(QStringLiteral("not-the-token")));
    }

    void sync_thenSearchShowAndLineageFindTheEntities()
    {
        qputenv("MESHLENS_OPENMETADATA_TOKEN", "cli-tok-93b1");
        auto r = run({QStringLiteral("sync"), QStringLiteral("--source"), m_server->address()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!QString(r.out + r.err).contains(QStringLiteral("cli-tok-93b1")));

        r = run({QStringLiteral("search"), QStringLiteral("dim_address")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("dim_address")), qPrintable(r.out));

        const QString product = QStringLiteral("sample_data.ecommerce_db.shopify.\"dim.product\"");
        r = run({QStringLiteral("show"), product, QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("dim.product")), qPrintable(r.out));

        r = run({QStringLiteral("lineage"), product, QStringLiteral("--up"), QStringLiteral("1"),
                 QStringLiteral("--down"), QStringLiteral("1"), QStringLiteral("--format"), QStringLiteral("dot")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("digraph")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("raw_order")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Customer Insights")) || r.out.contains(QStringLiteral("raw_customer")),
                 qPrintable(r.out));

        r = run({QStringLiteral("stats"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("openmetadata+http://127.0.0.1")));
        QVERIFY(!r.out.contains(QStringLiteral("cli-tok-93b1")));

        // A second sync reads the change events only.
        const int before = m_server->requestCount(QStringLiteral("/api/v1/users"));
        r = run({QStringLiteral("sync"), QStringLiteral("--source"), m_server->address(), QStringLiteral("-q")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(m_server->requestCount(QStringLiteral("/api/v1/users")), before);
        QVERIFY(m_server->requestCount(QStringLiteral("/api/v1/events")) >= 1);
        qunsetenv("MESHLENS_OPENMETADATA_TOKEN");
    }

    void editAndFeedback_arePushedToTheServer()
    {
        qputenv("MESHLENS_OPENMETADATA_TOKEN", "cli-tok-93b1");
        const QString fqn = QStringLiteral("sample_data.ecommerce_db.shopify.магазин");
        const QString id = m_server->idOf(QStringLiteral("table"), fqn);
        auto r = run({QStringLiteral("edit"), fqn, QStringLiteral("--description"),
                      QStringLiteral("Shops, one row each"), QStringLiteral("--add-tag"), QStringLiteral("Certified")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({QStringLiteral("feedback"), fqn, QStringLiteral("--category"), QStringLiteral("question"),
                 QStringLiteral("--rating"), QStringLiteral("4"), QStringLiteral("--title"),
                 QStringLiteral("Currency?"), QStringLiteral("--message"),
                 QStringLiteral("Which currency are the totals in?")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({QStringLiteral("outbox"), QStringLiteral("push"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\"delivered\": 2")), qPrintable(r.out));
        QCOMPARE(m_server->entity(id).value(QLatin1String("description")).toString(),
                 QStringLiteral("Shops, one row each"));
        QCOMPARE(m_server->patchesApplied(), 1);
        QCOMPARE(m_server->threads().size(), 1);
        QCOMPARE(m_server->threads().first().value(QLatin1String("about")).toString(),
                 QStringLiteral("<#E::table::%1>").arg(fqn));

        // After the next sync the cache holds the delivered values, and nothing is left to push.
        r = run({QStringLiteral("sync"), QStringLiteral("--source"), m_server->address(), QStringLiteral("-q")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({QStringLiteral("show"), fqn, QStringLiteral("--json")});
        QVERIFY2(r.out.contains(QStringLiteral("Shops, one row each")), qPrintable(r.out));
        r = run({QStringLiteral("outbox"), QStringLiteral("push"), QStringLiteral("--json")});
        QVERIFY2(r.out.contains(QStringLiteral("\"delivered\": 0")), qPrintable(r.out));
        QCOMPARE(m_server->patchesApplied(), 1);
        qunsetenv("MESHLENS_OPENMETADATA_TOKEN");
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestCliOpenMetadata)
#include "tst_cliopenmetadata.moc"
