// A cache that cannot take more data (a full disk) or cannot be written at all (a read-only file): a sync fails
// with a message that says so, the previous catalog stays exactly as it was (a content hash over every table) and
// the outbox is untouched; a read-only cache can still be browsed (search, show, stats).
//
// Without root: a full disk is SQLite's own page limit (PRAGMA max_page_count, set on every connection the process
// opens by an auto-extension) and a real write limit (RLIMIT_FSIZE in a child process: writes past it fail with
// EFBIG, as on a full file system); a read-only cache is a 0444 file in a 0555 folder. As root, which file modes
// do not stop, the read-only cases run in a child that first drops CAP_DAC_OVERRIDE and CAP_FOWNER, and checks
// that the file is then really unwritable before it runs the CLI.

#include "cli.h"

#include "models/generate/cataloggenerator.h"
#include "models/store/database.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <csignal>
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace meshlens;

namespace {

std::atomic<int> g_maxPages{0};

// Runs on every connection opened while registered: caps the database at g_maxPages pages.
int capPages(sqlite3 *db, const char **, const struct sqlite3_api_routines *)
{
    const QByteArray sql = "PRAGMA max_page_count = " + QByteArray::number(g_maxPages.load());
    sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr);
    return SQLITE_OK;
}

// Drops the capabilities that let root write a file its mode forbids, from this thread's effective set (threads
// started later inherit it). Not root: nothing to drop.
bool dropFileOverrides()
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    if (syscall(SYS_capget, &header, data) != 0) {
        return false;
    }
    for (const int cap : {CAP_DAC_OVERRIDE, CAP_FOWNER}) {
        data[cap / 32].effective &= ~(1u << (cap % 32));
    }
    return syscall(SYS_capset, &header, data) == 0;
}

QString outboxItems(models::Database &db)
{
    return test::dumpRows(db, {"SELECT id, kind, entity_ext, payload, created_at, state FROM outbox ORDER BY id"});
}

struct ChildRun
{
    int code = -1;
    QString out, err;
};

} // namespace

class TestCacheFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pristine, m_bundle;
    QByteArray m_hash;
    QString m_outbox;

    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    static bool restore(const QString &from, const QString &to)
    {
        for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
            QFile::remove(to + QLatin1String(suffix));
        }
        return QFile::copy(from, to);
    }

    // Runs this binary as `mode` with the CLI arguments.
    static ChildRun child(const QString &mode, const QStringList &args)
    {
        QProcess p;
        p.setProgram(QCoreApplication::applicationFilePath());
        p.setArguments(QStringList{mode} + args);
        p.start();
        if (!p.waitForStarted() || !p.waitForFinished(120000)) {
            return {};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    // The cache is sound and exactly the pristine one but for the failed sync's own record: the source's last error,
    // which must say `cause` (what the app shows beside the source). Clears that record to compare the rest.
    void verifyUnchanged(const QString &db, const QString &cause)
    {
        models::Database d;
        QCOMPARE(test::openCache(d, db), QString());
        {
            models::Statement st = d.prepare("PRAGMA integrity_check");
            QVERIFY(st.next());
            QCOMPARE(st.text(0), QStringLiteral("ok"));
        }
        QCOMPARE(outboxItems(d), m_outbox);
        if (!cause.isEmpty()) {
            models::Statement st = d.prepare("SELECT last_error FROM sources");
            QVERIFY(st.next());
            QVERIFY2(st.text(0).contains(cause, Qt::CaseInsensitive), qPrintable(st.text(0)));
        }
        QVERIFY(!d.exec("UPDATE sources SET last_error = NULL"));
        QCOMPARE(test::contentHash(d), m_hash);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // The cache before: the sample catalog, plus an edit and a feedback item not yet sent.
        m_bundle = path("catalog.ndjson");
        QVERIFY(test::writeFile(m_bundle, test::sampleBundle()));
        m_pristine = path("pristine.db");
        const auto synced = test::syncNow(m_pristine, m_bundle);
        QVERIFY2(synced.ok, qPrintable(synced.error));
        {
            models::Database db;
            QCOMPARE(test::openCache(db, m_pristine), QString());
            const std::int64_t product = test::scalar(db, "SELECT min(id) FROM entries");
            QVERIFY(test::queueUnsentWork(db, product, product));
            m_hash = test::contentHash(db);
            m_outbox = outboxItems(db);
            QVERIFY(!db.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        QVERIFY(m_outbox.count(QLatin1Char('\n')) == 3);
        // The source has grown since: the next sync needs far more room than the cache has.
        QVERIFY(test::generateBundle(m_bundle, 2000, 5));
    }

    void sync_intoFullCache_failsClearly_keepsCatalogAndOutbox()
    {
        const QString db = path("full.db");
        QVERIFY(restore(m_pristine, db));
        std::int64_t pages = 0;
        {
            models::Database d;
            QVERIFY(!d.open(db));
            pages = test::scalar(d, "PRAGMA page_count");
        }
        QVERIFY(pages > 0);
        g_maxPages = int(pages + 16);
        sqlite3_auto_extension(reinterpret_cast<void (*)()>(capPages));
        const auto result = test::syncNow(db, m_bundle);
        const test::Captured cli = test::capture([&](std::FILE *out, std::FILE *err) {
            return app::runCli({QStringLiteral("meshlens"), QStringLiteral("sync"), QStringLiteral("--source"),
                                m_bundle, QStringLiteral("--db"), db, QStringLiteral("-q")},
                               out, err);
        });
        sqlite3_reset_auto_extension();

        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("disk is full"), Qt::CaseInsensitive), qPrintable(result.error));
        QCOMPARE(cli.code, int(app::ExitFailure));
        QVERIFY2(cli.err.contains(QLatin1String("disk is full"), Qt::CaseInsensitive), qPrintable(cli.err));
        verifyUnchanged(db, QStringLiteral("disk is full"));
        // With room again, the same sync goes through.
        QVERIFY(test::syncNow(db, m_bundle).ok);
    }

    void sync_whenTheFileSystemRefusesWrites_failsClearly_keepsCatalogAndOutbox()
    {
        const QString db = path("limited.db");
        QVERIFY(restore(m_pristine, db));
        const ChildRun r =
            child(QStringLiteral("--child-fsize-limit"), {QStringLiteral("sync"), QStringLiteral("--source"), m_bundle,
                                                          QStringLiteral("--db"), db, QStringLiteral("-q")});
        QCOMPARE(r.code, int(app::ExitFailure));
        QVERIFY2(r.err.contains(QLatin1String("disk is full"), Qt::CaseInsensitive), qPrintable(r.err));
        // The failed sync's own record of its error may itself not fit; what matters is that nothing else moved.
        verifyUnchanged(db, QString());
    }

    void readOnlyCache_stillBrowses_andSyncSaysItCannotWrite()
    {
        const QString folder = path("ro");
        QVERIFY(QDir().mkpath(folder));
        const QString db = folder + QStringLiteral("/catalog.db");
        QVERIFY(restore(m_pristine, db));
        QVERIFY(QFile::setPermissions(db, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup));

        ChildRun r = child(QStringLiteral("--child-no-overrides"),
                           {QStringLiteral("search"), QStringLiteral("revenue"), QStringLiteral("--db"), db});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("finance.revenue")), qPrintable(r.out));

        r = child(QStringLiteral("--child-no-overrides"), {QStringLiteral("show"), QStringLiteral("sales.orders"),
                                                           QStringLiteral("--json"), QStringLiteral("--db"), db});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("Order Events")), qPrintable(r.out));

        r = child(QStringLiteral("--child-no-overrides"),
                  {QStringLiteral("outbox"), QStringLiteral("list"), QStringLiteral("--db"), db});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("Doubled rows")), qPrintable(r.out));

        r = child(QStringLiteral("--child-no-overrides"), {QStringLiteral("sync"), QStringLiteral("--source"), m_bundle,
                                                           QStringLiteral("--db"), db, QStringLiteral("-q")});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(QLatin1String("read-only"), Qt::CaseInsensitive), qPrintable(r.err));

        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QVERIFY(QFile::setPermissions(db, QFile::ReadOwner | QFile::WriteOwner));
        verifyUnchanged(db, QString()); // a read-only cache cannot record the failure either
    }
};

int main(int argc, char **argv)
{
    if (argc >= 2 && (qstrcmp(argv[1], "--child-no-overrides") == 0 || qstrcmp(argv[1], "--child-fsize-limit") == 0)) {
        const bool limit = qstrcmp(argv[1], "--child-fsize-limit") == 0;
        QStringList args{QStringLiteral("meshlens")};
        for (int i = 2; i < argc; ++i) {
            args << QString::fromLocal8Bit(argv[i]);
        }
        if (!limit) {
            if (!dropFileOverrides()) {
                std::fprintf(stderr, "could not drop CAP_DAC_OVERRIDE\n");
                return 99;
            }
            const QString db = args.value(args.indexOf(QStringLiteral("--db")) + 1);
            // Not access(2): for root it checks with the permitted capabilities, not the effective ones.
            const int fd = ::open(QFile::encodeName(db).constData(), O_WRONLY | O_CLOEXEC);
            if (fd >= 0) {
                ::close(fd);
                std::fprintf(stderr, "the cache is still writable: the test would prove nothing\n");
                return 99;
            }
        } else {
            // Far below what the sync writes: its writes fail with EFBIG (SIGXFSZ ignored), like a full disk.
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit fsize{256 * 1024, 256 * 1024};
            if (setrlimit(RLIMIT_FSIZE, &fsize) != 0) {
                return 99;
            }
        }
        QCoreApplication app(argc, argv);
        QStandardPaths::setTestModeEnabled(true);
        return app::runCli(args, stdout, stderr);
    }
    QCoreApplication app(argc, argv);
    TestCacheFaults test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cachefaults.moc"
