#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

struct sqlite3;
struct sqlite3_stmt;

namespace meshlens::models {

// The outcome of a store operation: empty on success, otherwise a message a person can act on.
struct StoreError
{
    QString message;
    int sqliteCode = 0;
};

class Statement;

// RAII owner of one sqlite3 connection. Not thread-safe: each thread that touches the cache opens its own
// Database (the GUI thread one reader, the sync worker the one writer). Always WAL, foreign keys on.
class Database final
{
    Q_DISABLE_COPY(Database)

public:
    enum class Mode
    {
        ReadWrite,
        ReadOnly
    };

    Database() = default;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    ~Database();

    // Opens (creating if needed) the file at path; ":memory:" works for tests. Does not migrate.
    [[nodiscard]] std::optional<StoreError> open(const QString &path, Mode mode = Mode::ReadWrite);
    void close();
    [[nodiscard]] bool isOpen() const { return m_db != nullptr; }
    [[nodiscard]] const QString &path() const { return m_path; }

    // Runs one or more statements without results (schema, pragmas). Never pass user text here.
    [[nodiscard]] std::optional<StoreError> exec(std::string_view sql);
    [[nodiscard]] Statement prepare(std::string_view sql);

    [[nodiscard]] StoreError lastError() const;
    [[nodiscard]] std::int64_t lastInsertRowId() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] bool inTransaction() const;

    // Lets another thread abort a long query on this connection (sqlite3_interrupt is thread-safe).
    void interrupt();

    [[nodiscard]] sqlite3 *handle() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
};

// RAII owner of one prepared statement. Binding indexes are 1-based as in SQLite.
class Statement final
{
    Q_DISABLE_COPY(Statement)

public:
    Statement() = default;
    Statement(sqlite3 *db, sqlite3_stmt *stmt);
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    ~Statement();

    [[nodiscard]] bool isValid() const { return m_stmt != nullptr; }

    Statement &bind(int index, std::int64_t value);
    template<typename T>
    requires(std::is_integral_v<T> && !std::is_same_v<T, std::int64_t> &&
             !std::is_same_v<T, bool>) Statement &bind(int index, T value)
    {
        return bind(index, static_cast<std::int64_t>(value));
    }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);   // bound as UTF-8; a null QString binds NULL
    Statement &bind(int index, std::string_view value); // copied (SQLITE_TRANSIENT)
    Statement &bind(int index, const char *value) { return bind(index, std::string_view(value)); }
    Statement &bindBlob(int index, std::span<const std::byte> value);
    Statement &bindNull(int index);
    Statement &bindOptional(int index, const std::optional<double> &value);
    Statement &bindOptional(int index, const std::optional<std::int64_t> &value);

    // Steps once: true while a row is available. Errors end the iteration and are kept in error().
    bool next();
    // Runs a statement that returns no rows; false on error.
    bool exec();
    void reset();

    [[nodiscard]] int columnCount() const;
    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] std::int64_t int64(int column) const;
    [[nodiscard]] int int32(int column) const { return static_cast<int>(int64(column)); }
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] QString text(int column) const;
    [[nodiscard]] std::string_view textView(int column) const; // valid until the next step/reset
    [[nodiscard]] std::span<const std::byte> blob(int column) const;
    [[nodiscard]] std::optional<double> optionalReal(int column) const;
    [[nodiscard]] std::optional<std::int64_t> optionalInt64(int column) const;

    [[nodiscard]] const std::optional<StoreError> &error() const { return m_error; }

private:
    void recordError(int rc);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    std::optional<StoreError> m_error;
};

// Scoped transaction: rolls back unless commit() succeeded. BEGIN IMMEDIATE so the writer lock is taken up front.
class Transaction final
{
    Q_DISABLE_COPY_MOVE(Transaction)

public:
    explicit Transaction(Database &db);
    ~Transaction();

    [[nodiscard]] bool isActive() const { return m_active; }
    [[nodiscard]] std::optional<StoreError> commit();
    void rollback();
    [[nodiscard]] const std::optional<StoreError> &beginError() const { return m_beginError; }

private:
    Database &m_db;
    bool m_active = false;
    std::optional<StoreError> m_beginError;
};

} // namespace meshlens::models
