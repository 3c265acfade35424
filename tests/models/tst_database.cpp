// Tests for Database, Statement and Transaction: the RAII wrapper over the sqlite3 C API that every cache access
// goes through. Each test works on its own file in a temporary folder.

#include "models/store/database.h"
#include "support/testsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <array>
#include <cstddef>
#include <vector>

using namespace meshlens::models;
using meshlens::test::scalar;

namespace {

// Primary result codes from sqlite3.h (the test does not include it: the library links SQLite privately).
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteConstraint = 19;

} // namespace

class tst_Database : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void open_createsFileAndClose_releasesIt();
    void open_inMissingFolder_failsNamingThePath();
    void moveConstruction_transfersTheConnection();
    void boundHostileText_roundTripsAsData();
    void boundValues_roundTripEveryType();
    void nullQString_bindsNull();
    void prepare_invalidSql_givesInvalidStatement();
    void exec_constraintViolation_reportsError();
    void transaction_rollsBackOnScopeExit();
    void transaction_commitKeepsRows();
    void transaction_explicitRollback();
    void blob_roundTripsBinaryBytes();
    void open_turnsOnWalAndForeignKeys();
    void readOnly_cannotWrite();
    void newCache_isReadableByItsOwnerOnly();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("db.sqlite")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Database::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_Database::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_Database::open_createsFileAndClose_releasesIt()
{
    Database db;
    QVERIFY(!db.isOpen());
    QVERIFY(!db.open(dbPath()));
    QVERIFY(db.isOpen());
    QCOMPARE(db.path(), dbPath());
    QVERIFY(QFileInfo::exists(dbPath()));
    QVERIFY(!db.exec("CREATE TABLE t(a)"));
    db.close();
    QVERIFY(!db.isOpen());

    // Reopening sees what the first connection wrote.
    QVERIFY(!db.open(dbPath()));
    QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 't'"), 1);
}

void tst_Database::open_inMissingFolder_failsNamingThePath()
{
    Database db;
    const QString path = m_dir->filePath(QStringLiteral("no/such/folder/db.sqlite"));
    const auto err = db.open(path);
    QVERIFY(err);
    QVERIFY2(err->message.contains(path), qPrintable(err->message));
    QVERIFY(err->sqliteCode != 0);
    QVERIFY(!db.isOpen());
}

void tst_Database::moveConstruction_transfersTheConnection()
{
    Database a;
    QVERIFY(!a.open(dbPath()));
    Database b(std::move(a));
    QVERIFY(!a.isOpen()); // NOLINT(bugprone-use-after-move): the moved-from state is what is tested
    QVERIFY(b.isOpen());
    QVERIFY(!b.exec("CREATE TABLE t(a)"));

    Statement st = b.prepare("SELECT 42");
    Statement moved = std::move(st);
    QVERIFY(!st.isValid()); // NOLINT(bugprone-use-after-move)
    QVERIFY(moved.next());
    QCOMPARE(moved.int64(0), 42);
}

void tst_Database::boundHostileText_roundTripsAsData()
{
    Database db;
    QVERIFY(!db.open(dbPath()));
    QVERIFY(!db.exec("CREATE TABLE x(a TEXT)"));
    const QString hostile = QStringLiteral("'); DROP TABLE x; --");
    {
        Statement ins = db.prepare("INSERT INTO x(a) VALUES(?1)");
        QVERIFY(ins.isValid());
        QVERIFY(ins.bind(1, hostile).exec());
    }
    QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'x'"), 1);
    Statement sel = db.prepare("SELECT a FROM x WHERE a = ?1");
    sel.bind(1, hostile);
    QVERIFY(sel.next());
    QCOMPARE(sel.text(0), hostile);
    QVERIFY(!sel.next());
}

void tst_Database::boundValues_roundTripEveryType()
{
    Database db;
    QVERIFY(!db.open(dbPath()));
    Statement st = db.prepare("SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8");
    QVERIFY(st.isValid());
    const QString unicode = QStringLiteral("Grüße, 数据 🙂");
    st.bind(1, std::int64_t{1} << 40).bind(2, 7).bind(3, 2.5).bind(4, unicode).bind(5, std::string_view("view"));
    st.bindOptional(6, std::optional<double>{}).bindOptional(7, std::optional<std::int64_t>{9}).bindNull(8);
    QVERIFY(st.next());
    QCOMPARE(st.columnCount(), 8);
    QCOMPARE(st.int64(0), std::int64_t{1} << 40);
    QCOMPARE(st.int32(1), 7);
    QCOMPARE(st.real(2), 2.5);
    QCOMPARE(st.text(3), unicode);
    QCOMPARE(st.textView(4), std::string_view("view"));
    QVERIFY(st.isNull(5));
    QCOMPARE(st.optionalReal(5), std::optional<double>{});
    QCOMPARE(st.optionalInt64(6), std::optional<std::int64_t>{9});
    QVERIFY(st.isNull(7));
    QVERIFY(!st.isNull(0));

    // reset() clears the bindings, so the statement can be reused for the next row.
    st.reset();
    QVERIFY(st.next());
    QVERIFY(st.isNull(0));
}

void tst_Database::nullQString_bindsNull()
{
    Database db;
    QVERIFY(!db.open(dbPath()));
    Statement st = db.prepare("SELECT ?1 IS NULL, ?2 IS NULL");
    st.bind(1, QString()).bind(2, QStringLiteral(""));
    QVERIFY(st.next());
    QCOMPARE(st.int64(0), 1);
    QCOMPARE(st.int64(1), 0); // an empty string is a value, not NULL
}

void tst_Database::prepare_invalidSql_givesInvalidStatement()
{
    Database db;
    QVERIFY(!db.open(dbPath()));
    Statement st = db.prepare("SELEC nonsense FROM nowhere");
    QVERIFY(!st.isValid());
    QVERIFY2(db.lastError().message.contains(QStringLiteral("syntax error")), qPrintable(db.lastError().message));
    // Using an invalid statement is harmless: no row, and exec() says why it failed.
    QVERIFY(!st.next());
    QCOMPARE(st.columnCount(), 0);
    QVERIFY(!st.exec());
    QVERIFY(st.error());
    QVERIFY(!st.error()->message.isEmpty());

    QVERIFY(!db.prepare("SELECT * FROM missing_table").isValid());
    QVERIFY(db.lastError().message.contains(QStringLiteral("missing_table")));

    const auto err = db.exec("CREATE TABLE");
    QVERIFY(err);
    QVERIFY(!err->message.isEmpty());
}

void tst_Database::exec_constraintViolation_reportsError()
{
    Database db;
    QVERIFY(!db.open(dbPath()));
    QVERIFY(!db.exec("CREATE TABLE u(a INTEGER PRIMARY KEY)"));
    Statement ins = db.prepare("INSERT INTO u(a) VALUES(?1)");
    QVERIFY(ins.bind(1, 1).exec());
    QVERIFY(!ins.error());
    QVERIFY(!ins.bind(1, 1).exec());
    QVERIFY(ins.error());
    QCOMPARE(ins.error()->sqliteCode & 0xff, kSqliteConstraint);
    QVERIFY2(ins.error()->message.contains(QStringLiteral("UNIQUE")), qPrintable(ins.error()->message));
    // After a reset the same statement works again and the error is cleared.
    ins.reset();
    QVERIFY(!ins.error());
    QVERIFY(ins.bind(1, 2).exec());
    QCOMPARE(scalar(db, "SELECT count(*) FROM u"), 2);
    QCOMPARE(db.changes(), 1);
    QCOMPARE(db.lastInsertRowId(), 2);
}

void tst_Database::transaction_rollsBackOnScopeExit()
{
    Database db;
    QVERIFY(!db.open(dbPath()));
    QVERIFY(!db.exec("CREATE TABLE t(a)"));
    {
        Transaction tx(db);
        QVERIFY(tx.isActive());
        QVERIFY(!tx.beginError());
        QVERIFY(db.inTransaction());
        QVERIFY(!db.exec("INSERT INTO t VALUES(1)"));
        QCOMPARE(scalar(db, "SELECT count(*) FROM t"), 1);
    }
    QVERIFY(!db.inTransaction());
    QCOMPARE(scalar(db, "SELECT count(*) FROM t"), 0);
}

void tst_Database::transaction_commitKeepsRows()
{
    Database db;
    QVERIFY(!db.open(dbPath()));
    QVERIFY(!db.exec("CREATE TABLE t(a)"));
    {
        Transaction tx(db);
        QVERIFY(!db.exec("INSERT INTO t VALUES(1)"));
        QVERIFY(!tx.commit());
        QVERIFY(!tx.isActive());
        QVERIFY(!db.inTransaction());
        // A second commit has nothing to commit and says so.
        const auto again = tx.commit();
        QVERIFY(again);
    }
    QCOMPARE(scalar(db, "SELECT count(*) FROM t"), 1);

    // A second connection sees only committed rows.
    Database other;
    QVERIFY(!other.open(dbPath()));
    QCOMPARE(scalar(other, "SELECT count(*) FROM t"), 1);
}

void tst_Database::transaction_explicitRollback()
{
    Database db;
    QVERIFY(!db.open(dbPath()));
    QVERIFY(!db.exec("CREATE TABLE t(a)"));
    Transaction tx(db);
    QVERIFY(!db.exec("INSERT INTO t VALUES(1)"));
    tx.rollback();
    QVERIFY(!tx.isActive());
    QVERIFY(!db.inTransaction());
    QCOMPARE(scalar(db, "SELECT count(*) FROM t"), 0);
}

void tst_Database::blob_roundTripsBinaryBytes()
{
    Database db;
    QVERIFY(!db.open(dbPath()));
    QVERIFY(!db.exec("CREATE TABLE b(v BLOB)"));
    std::vector<std::byte> bytes;
    for (int i = 0; i < 1024; ++i) {
        bytes.push_back(static_cast<std::byte>((i * 37) & 0xff)); // includes 0x00 and 0xff
    }
    QVERIFY(db.prepare("INSERT INTO b(v) VALUES(?1)").bindBlob(1, bytes).exec());
    QVERIFY(db.prepare("INSERT INTO b(v) VALUES(?1)").bindBlob(1, {}).exec());

    Statement st = db.prepare("SELECT v, length(v), typeof(v) FROM b ORDER BY rowid");
    QVERIFY(st.next());
    const auto blob = st.blob(0);
    QCOMPARE(blob.size(), bytes.size());
    QVERIFY(std::equal(blob.begin(), blob.end(), bytes.begin()));
    QCOMPARE(st.int64(1), 1024);
    QCOMPARE(st.text(2), QStringLiteral("blob"));
    QVERIFY(st.next());
    QCOMPARE(st.blob(0).size(), std::size_t{0});
}

void tst_Database::open_turnsOnWalAndForeignKeys()
{
    Database db;
    QVERIFY(!db.open(dbPath()));
    {
        Statement st = db.prepare("PRAGMA journal_mode");
        QVERIFY(st.next());
        QCOMPARE(st.text(0), QStringLiteral("wal"));
    }
    QCOMPARE(scalar(db, "PRAGMA foreign_keys"), 1);

    // Foreign keys are enforced, not merely declared.
    QVERIFY(!db.exec("CREATE TABLE p(id INTEGER PRIMARY KEY); "
                     "CREATE TABLE c(p INTEGER NOT NULL REFERENCES p(id) ON DELETE CASCADE);"));
    const auto err = db.exec("INSERT INTO c VALUES(5)");
    QVERIFY(err);
    QCOMPARE(err->sqliteCode & 0xff, kSqliteConstraint);
    QVERIFY(!db.exec("INSERT INTO p VALUES(5); INSERT INTO c VALUES(5); DELETE FROM p;"));
    QCOMPARE(scalar(db, "SELECT count(*) FROM c"), 0);
}

void tst_Database::readOnly_cannotWrite()
{
    Database writer;
    QVERIFY(!writer.open(dbPath()));
    QVERIFY(!writer.exec("CREATE TABLE t(a); INSERT INTO t VALUES(1);"));

    Database reader;
    QVERIFY(!reader.open(dbPath(), Database::Mode::ReadOnly));
    QCOMPARE(scalar(reader, "PRAGMA foreign_keys"), 1);
    QCOMPARE(scalar(reader, "SELECT count(*) FROM t"), 1);

    const auto err = reader.exec("INSERT INTO t VALUES(2)");
    QVERIFY(err);
    QCOMPARE(err->sqliteCode & 0xff, kSqliteReadOnly);
    Statement ins = reader.prepare("INSERT INTO t VALUES(?1)");
    QVERIFY(ins.isValid());
    QVERIFY(!ins.bind(1, 3).exec());
    QVERIFY(ins.error());
    QCOMPARE(ins.error()->sqliteCode & 0xff, kSqliteReadOnly);
    QCOMPARE(scalar(writer, "SELECT count(*) FROM t"), 1);

    // Read-only does not create files either.
    Database missing;
    QVERIFY(missing.open(m_dir->filePath(QStringLiteral("absent.sqlite")), Database::Mode::ReadOnly));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("absent.sqlite"))));
}

void tst_Database::newCache_isReadableByItsOwnerOnly()
{
    const mode_t previous = ::umask(0022); // the usual umask would give 0644
    Database db;
    const auto err = db.open(dbPath());
    ::umask(previous);
    QVERIFY(!err);
    QVERIFY(!db.exec("CREATE TABLE t(x); INSERT INTO t VALUES(1);"));
    const auto modeOf = [](const QString &path) {
        struct stat st = {};
        return ::stat(path.toUtf8().constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
    };
    QCOMPARE(modeOf(dbPath()), 0600);
    QCOMPARE(modeOf(dbPath() + QStringLiteral("-wal")), 0600);
    QCOMPARE(modeOf(dbPath() + QStringLiteral("-shm")), 0600);
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
