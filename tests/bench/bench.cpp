// meshlens-bench SUITE [--quick] [--products N] [--data DIR]: one JSON object per measurement on stdout,
// progress on stderr (see ARCHITECTURE.md, "Performance contract").

#include "benchutil.h"
#include "lineagegraphs.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <cstdio>
#include <functional>
#include <map>
#include <string_view>

namespace meshlens::bench {
int runIngest(const Options &options);
int runStartup(const Options &options);
int runLineage(const Options &options);
int runSearch(const Options &options);
int childIngestMeshlens(const QString &bundle, const QString &db);
int childIngestFloor(const QString &from, const QString &db);
int childIngestParse(const QString &bundle);
int runHealth(const Options &options);
int childHealthSnapshot(const QString &db);
int runCharts(const Options &options);
int runContracts(const Options &options);
int childChartsDraw(int argc, char **argv);
int runOpenMetadata(const Options &options);
int runResync(const Options &options);
} // namespace meshlens::bench

using namespace meshlens::bench;

int main(int argc, char **argv)
{
    if (argc > 2 && std::string_view(argv[1]) == "--child" && std::string_view(argv[2]) == "charts-draw") {
        return childChartsDraw(argc, argv); // drawing needs a QApplication of its own
    }
    if (argc > 2 && QByteArrayView(argv[1]) == "--child" && QByteArrayView(argv[2]) == "lineage-frames") {
        return childLineageFrames(argc, argv); // makes its own QApplication
    }
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.value(0) == QLatin1String("--child")) {
        if (args.value(1) == QLatin1String("ingest-meshlens")) {
            return childIngestMeshlens(args.value(2), args.value(3));
        }
        if (args.value(1) == QLatin1String("ingest-parse")) {
            return childIngestParse(args.value(2));
        }
        if (args.value(1) == QLatin1String("health-snapshot")) {
            return childHealthSnapshot(args.value(2));
        }
        if (args.value(1) == QLatin1String("ingest-floor")) {
            return childIngestFloor(args.value(2), args.value(3));
        }
        return 2;
    }
    const std::map<QString, std::function<int(const Options &)>> suites = {
        {QStringLiteral("ingest"), runIngest},       {QStringLiteral("startup"), runStartup},
        {QStringLiteral("health"), runHealth},       {QStringLiteral("charts"), runCharts},
        {QStringLiteral("lineage"), runLineage},     {QStringLiteral("search"), runSearch},
        {QStringLiteral("contracts"), runContracts}, {QStringLiteral("openmetadata"), runOpenMetadata},
        {QStringLiteral("resync"), runResync},
    };
    QStringList names;
    for (const auto &[name, fn] : suites) {
        names << name;
    }
    Options options;
    options.dataDir = QDir(QDir::tempPath()).filePath(QStringLiteral("meshlens-bench"));
    QStringList chosen;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--quick")) {
            options.quick = true;
        } else if (a == QLatin1String("--products") && i + 1 < args.size()) {
            options.products = args[++i].toLongLong();
        } else if (a == QLatin1String("--data") && i + 1 < args.size()) {
            options.dataDir = args[++i];
        } else if (a == QLatin1String("--repeats") && i + 1 < args.size()) {
            options.repeats = args[++i].toInt();
        } else if (a == QLatin1String("all")) {
            for (const auto &[name, fn] : suites) {
                chosen << name;
            }
        } else if (suites.contains(a)) {
            chosen << a;
        } else {
            std::fprintf(stderr,
                         "usage: meshlens-bench SUITE|all [--quick] [--products N] [--data DIR] [--repeats N]\n"
                         "suites: %s\n",
                         qPrintable(names.join(QLatin1Char(' '))));
            return 2;
        }
    }
    if (chosen.isEmpty()) {
        std::fprintf(stderr, "name a suite (%s) or all\n", qPrintable(names.join(QStringLiteral(", "))));
        return 2;
    }
    for (const QString &suite : chosen) {
        if (const int rc = suites.at(suite)(options); rc != 0) {
            return rc;
        }
    }
    return 0;
}
