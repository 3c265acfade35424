#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <cstdio>
#include <optional>

namespace meshlens::models {
class Database;
}

namespace meshlens::app {

// Exit codes of the command-line interface (documented in --help and the README).
enum ExitCode : int
{
    ExitOk = 0,
    ExitFailure = 1,    // the operation failed (sync error, unreadable bundle, write error)
    ExitUsage = 2,      // bad command line
    ExitNotFound = 3,   // the product named does not exist in the cache
    ExitCacheError = 4, // the cache cannot be opened (newer schema, not a MeshLens cache, no permission)
    ExitCancelled = 130 // interrupted (Ctrl+C); nothing was changed
};

// Where a verb writes: results to `out`, errors (as "meshlens: …") to `err`.
struct CliIo
{
    std::FILE *out = stdout;
    std::FILE *err = stderr;
    void print(const QString &s) const;
    void println(const QString &s) const;
    void error(const QString &s) const;
    void json(const QJsonValue &v) const; // an object or an array, indented
    void json(const QJsonObject &o) const { json(QJsonValue(o)); }
    // Prints `message` as an error and returns `code`, for `return io.fail(…, ExitUsage);`.
    int fail(const QString &message, int code) const;
};

// A verb's parser with the --db option every verb has; the verb adds its own options after it.
struct CliParser
{
    QCommandLineParser parser;
    QCommandLineOption db{QStringLiteral("db"), QStringLiteral("catalog cache"), QStringLiteral("path")};

    CliParser() { parser.addOption(db); }
    // --db, or the default cache.
    [[nodiscard]] QString dbPath() const;
};

// Opens the cache at `path` and migrates it, the verb's one migration (re-indexing an old cache reports its progress
// on stderr, and Ctrl+C stops it leaving the cache as it was). `createFolder`: make the cache's folder first, for
// verbs that may start a new cache. On failure prints why and returns ExitCacheError.
std::optional<int> openCache(models::Database &db, const QString &path, const CliIo &io, bool createFolder = true);

// True when argv names a command-line verb (or --help / --version) rather than the GUI.
bool isCliInvocation(const QStringList &arguments);

// Runs a verb; needs a QCoreApplication. Output goes to `out`, errors to `err` (tests pass their own files).
int runCli(const QStringList &arguments, std::FILE *out = stdout, std::FILE *err = stderr);

// `meshlens lineage` (cli_lineage.cpp).
int runLineage(const QStringList &args, std::FILE *out, std::FILE *err);

// `meshlens problems` (cli_problems.cpp).
int runProblems(const QStringList &args, std::FILE *out, std::FILE *err);

} // namespace meshlens::app
