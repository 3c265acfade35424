#pragma once

#include <QStringList>

#include <cstdio>

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

// True when argv names a command-line verb (or --help / --version) rather than the GUI.
bool isCliInvocation(const QStringList &arguments);

// Runs a verb; needs a QCoreApplication. Output goes to `out`, errors to `err` (tests pass their own files).
int runCli(const QStringList &arguments, std::FILE *out = stdout, std::FILE *err = stderr);

// `meshlens lineage` (cli_lineage.cpp).
int runLineage(const QStringList &args, std::FILE *out, std::FILE *err);

// `meshlens problems` (cli_problems.cpp).
int runProblems(const QStringList &args, std::FILE *out, std::FILE *err);

} // namespace meshlens::app
