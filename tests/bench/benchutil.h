#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace meshlens::bench {

// One measurement as one JSON line on stdout (the contract of ARCHITECTURE.md); progress goes to stderr.
void report(QJsonObject line);
void progress(const QString &text);

struct Percentiles
{
    double p50 = 0, p95 = 0, p99 = 0;
};
Percentiles percentiles(std::vector<double> samples);

// Peak resident set of this process so far (VmHWM), in MB.
double peakRssMb();
double fileMb(const QString &path);
// Size of a SQLite cache with its WAL.
double databaseMb(const QString &path);
// Deletes a SQLite cache and its WAL files.
void removeDatabase(const QString &path);

// Runs this benchmark binary again as a child (so peak RSS belongs to the measured work alone) and returns the
// JSON object it printed last on stdout.
std::optional<QJsonObject> runChild(const QStringList &arguments, const QStringList &extraEnv = {});

struct Options
{
    bool quick = false;
    std::optional<std::int64_t> products; // one size instead of the suite's list
    QString dataDir;                      // generated bundles and caches, reused across runs
    int repeats = 0;                      // 0: the suite's default
};

// The sizes a suite measures: `quick` under --quick, else `normal`; the one --products names whatever the mode.
std::vector<std::int64_t> sizesFor(const Options &options, std::vector<std::int64_t> quick,
                                   std::vector<std::int64_t> normal);
// The generated bundle of N products (seed 1, a fixed as-of), generating it on first use.
QString bundleFor(const Options &options, std::int64_t products);
// A cache holding N products, syncing bundleFor() into it on first use.
QString cacheFor(const Options &options, std::int64_t products);

} // namespace meshlens::bench
