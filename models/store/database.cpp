#include "database.h"

#include "pairtokenizer.h"

#include <QFileInfo>
#include <QUrl>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <utility>

namespace meshlens::models {

namespace {
StoreError errorFrom(sqlite3 *db, int rc, const char *text = nullptr)
{
    const char *msg = text ? text : db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    QString message = QString::fromUtf8(msg);
    // SQLite's own words for a full disk or a file that cannot be written ("disk I/O error") do not say what to do;
    // these are what a person meets on a full disk, a quota, or a cache on a read-only file or medium.
    const int errnum = db ? sqlite3_system_errno(db) : 0;
    const QString cause = errnum ? QString::fromLocal8Bit(std::strerror(errnum)) : message;
    switch (rc & 0xff) {
    case SQLITE_FULL:
        message = QStringLiteral("the disk is full (%1): free some space and try again").arg(message);
        break;
    case SQLITE_READONLY:
        message = QStringLiteral("the cache is read-only (%1): nothing can be written to it").arg(message);
        break;
    case SQLITE_IOERR:
        if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE ||
            rc == SQLITE_IOERR_SHMSIZE || rc == SQLITE_IOERR_DIR_FSYNC) {
            message = errnum == ENOSPC || errnum == EDQUOT || errnum == EFBIG
                          ? QStringLiteral("the disk is full (%1): free some space and try again").arg(cause)
                          : QStringLiteral("the cache could not be written (%1)").arg(cause);
        }
        break;
    default:
        break;
    }
    return StoreError{message, rc};
}
} // namespace

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
{}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Database::~Database()
{
    close();
}

std::optional<StoreError> Database::open(const QString &path, Mode mode)
{
    // Before SQLite initialises: no global allocation statistics, which cost a mutex round trip per malloc.
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    Q_UNUSED(configured);
    close();
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) |
                      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    sqlite3 *db = nullptr;
    const QByteArray utf8 = path.toUtf8();
    // The cache holds the user's unsent edits and feedback: a new one is theirs alone (0600, whatever the umask).
    // SQLite gives its -wal and -shm files the database file's mode.
    if (mode == Mode::ReadWrite && !path.startsWith(QLatin1String("file:")) && path != QLatin1String(":memory:") &&
        !QFileInfo::exists(path)) {
        const int fd = ::open(utf8.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            ::close(fd);
        } // else sqlite3_open_v2 below reports why the file cannot be created
    }
    int rc = sqlite3_open_v2(utf8.constData(), &db, flags, nullptr);
    // A cache this process may not write (a read-only file, folder or medium) can still be browsed. SQLite opens
    // the file read-only, but reading a WAL database needs its -shm file, which cannot be created beside it; such a
    // file is opened as immutable instead (no locks, no -shm), which is true as far as this process can tell.
    if (rc == SQLITE_OK && sqlite3_db_readonly(db, "main") == 1 &&
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK &&
        path != QLatin1String(":memory:")) {
        sqlite3_close_v2(db);
        db = nullptr;
        QByteArray uri = path.startsWith(QLatin1String("file:")) ? utf8 : "file:" + QUrl::toPercentEncoding(path, "/");
        uri += uri.contains('?') ? "&immutable=1" : "?immutable=1";
        rc = sqlite3_open_v2(uri.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                             nullptr);
    }
    if (rc != SQLITE_OK) {
        StoreError err = errorFrom(db, rc);
        err.message = QStringLiteral("Cannot open the catalog cache %1: %2").arg(path, err.message);
        sqlite3_close_v2(db);
        return err;
    }
    m_db = db;
    m_path = path;
    sqlite3_extended_result_codes(m_db, 1);
    // A writer waits for a reader's checkpoint or another process's lock instead of failing at once.
    sqlite3_busy_timeout(m_db, 5000);
    std::optional<StoreError> err;
    if (!registerPairTokenizer(m_db)) {
        err = StoreError{QStringLiteral("SQLite lacks FTS5 (the full-text search extension)"), SQLITE_ERROR};
    }
    // On a read-only file the journal mode stays what it is (WAL, set when the cache was created); writes fail
    // with SQLITE_READONLY, which errorFrom words for a person.
    if (!err && mode == Mode::ReadWrite && sqlite3_db_readonly(m_db, "main") != 1) {
        err = exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    }
    if (!err) {
        err = exec("PRAGMA foreign_keys=ON;");
    }
    if (err) {
        err->message = QStringLiteral("Cannot use the catalog cache %1: %2").arg(path, err->message);
        close();
    }
    return err;
}

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

std::optional<StoreError> Database::exec(std::string_view sql)
{
    const std::string owned(sql);
    char *msg = nullptr;
    const int rc = sqlite3_exec(m_db, owned.c_str(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        StoreError err = errorFrom(m_db, sqlite3_extended_errcode(m_db), msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return err;
    }
    return std::nullopt;
}

Statement Database::prepare(std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return {};
    }
    return Statement(m_db, stmt);
}

StoreError Database::lastError() const
{
    return errorFrom(m_db, m_db ? sqlite3_extended_errcode(m_db) : SQLITE_MISUSE);
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const
{
    return m_db && sqlite3_get_autocommit(m_db) == 0;
}

void Database::interrupt()
{
    if (m_db) {
        sqlite3_interrupt(m_db);
    }
}

Statement::Statement(sqlite3 *db, sqlite3_stmt *stmt)
    : m_db(db)
    , m_stmt(stmt)
{}

Statement::Statement(Statement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_error(std::move(other.m_error))
{}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_error = std::move(other.m_error);
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

void Statement::recordError(int rc)
{
    m_error = errorFrom(m_db, rc);
}

Statement &Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    if (value.isNull()) {
        sqlite3_bind_null(m_stmt, index);
        return *this;
    }
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bind(int index, std::string_view value)
{
    sqlite3_bind_text(m_stmt, index, value.data() ? value.data() : "", static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindBlob(int index, std::span<const std::byte> value)
{
    sqlite3_bind_blob(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement &Statement::bindOptional(int index, const std::optional<double> &value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Statement &Statement::bindOptional(int index, const std::optional<std::int64_t> &value)
{
    return value ? bind(index, *value) : bindNull(index);
}

bool Statement::next()
{
    if (!m_stmt) {
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc != SQLITE_DONE) {
        recordError(rc);
    }
    return false;
}

bool Statement::exec()
{
    if (!m_stmt) {
        m_error = StoreError{QStringLiteral("statement was not prepared"), SQLITE_MISUSE};
        return false;
    }
    int rc = sqlite3_step(m_stmt);
    while (rc == SQLITE_ROW) {
        rc = sqlite3_step(m_stmt);
    }
    const bool ok = rc == SQLITE_DONE;
    if (!ok) {
        recordError(rc);
    }
    sqlite3_reset(m_stmt);
    return ok;
}

void Statement::reset()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    m_error.reset();
}

int Statement::columnCount() const
{
    return m_stmt ? sqlite3_column_count(m_stmt) : 0;
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data) {
        return {};
    }
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

std::string_view Statement::textView(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data) {
        return {};
    }
    return {data, static_cast<size_t>(sqlite3_column_bytes(m_stmt, column))};
}

std::span<const std::byte> Statement::blob(int column) const
{
    const auto *data = static_cast<const std::byte *>(sqlite3_column_blob(m_stmt, column));
    return {data, static_cast<size_t>(sqlite3_column_bytes(m_stmt, column))};
}

std::optional<double> Statement::optionalReal(int column) const
{
    if (isNull(column)) {
        return std::nullopt;
    }
    return real(column);
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const
{
    if (isNull(column)) {
        return std::nullopt;
    }
    return int64(column);
}

Transaction::Transaction(Database &db)
    : m_db(db)
{
    m_beginError = m_db.exec("BEGIN IMMEDIATE");
    m_active = !m_beginError;
}

Transaction::~Transaction()
{
    rollback();
}

std::optional<StoreError> Transaction::commit()
{
    if (!m_active) {
        return m_beginError ? m_beginError : StoreError{QStringLiteral("no transaction is active"), 0};
    }
    auto err = m_db.exec("COMMIT");
    if (!err) {
        m_active = false;
    }
    return err;
}

void Transaction::rollback()
{
    if (m_active) {
        (void)m_db.exec("ROLLBACK");
        m_active = false;
    }
}

} // namespace meshlens::models
