// `meshlens lineage PRODUCT [--up N] [--down N] [--ports] [--format json|dot]`: a product's lineage neighbourhood
// from the cache, as JSON (nodes with domain, owners, health and hop distance; edges with ports and column
// mappings) or as Graphviz DOT.

#include "cli.h"

#include "models/lineage/lineagereader.h"
#include "models/store/catalogreader.h"
#include "models/store/database.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace meshlens::app {

using namespace meshlens::models;

int runLineage(const QStringList &args, std::FILE *out, std::FILE *err)
{
    const CliIo io{out, err};
    CliParser cli;
    QCommandLineParser &parser = cli.parser;
    const QCommandLineOption up(QStringLiteral("up"), QStringLiteral("hops upstream"), QStringLiteral("N"),
                                QStringLiteral("2"));
    const QCommandLineOption down(QStringLiteral("down"), QStringLiteral("hops downstream"), QStringLiteral("N"),
                                  QStringLiteral("2"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("json or dot"), QStringLiteral("F"),
                                    QStringLiteral("json"));
    const QCommandLineOption ports(QStringLiteral("ports"), QStringLiteral("port-level nodes"));
    parser.addOptions({up, down, format, ports});
    if (!parser.parse(args) || parser.positionalArguments().size() != 1) {
        return io.fail(parser.errorText().isEmpty() ? QStringLiteral("lineage takes one PRODUCT") : parser.errorText(),
                       ExitUsage);
    }
    bool upOk = false, downOk = false;
    const int upN = parser.value(up).toInt(&upOk);
    const int downN = parser.value(down).toInt(&downOk);
    if (!upOk || !downOk || upN < 0 || downN < 0) {
        return io.fail(QStringLiteral("--up and --down take a number of hops (0 or more)"), ExitUsage);
    }
    const QString fmt = parser.value(format);
    if (fmt != QLatin1String("json") && fmt != QLatin1String("dot")) {
        return io.fail(QStringLiteral("--format is json or dot, not '%1'").arg(fmt), ExitUsage);
    }
    const QString path = cli.dbPath();
    Database database;
    if (auto code = openCache(database, path, io, false)) {
        return *code;
    }
    const QString key = parser.positionalArguments().first();
    const auto id = CatalogReader(database).resolveProduct(key);
    const auto graph = id ? LineageReader(database).load({*id, upN, downN, parser.isSet(ports)}) : std::nullopt;
    if (!graph) {
        return io.fail(QStringLiteral("no product '%1' in the cache; try `meshlens search %1`").arg(key), ExitNotFound);
    }
    const QByteArray text =
        fmt == QLatin1String("dot") ? graph->toDot() : QJsonDocument(graph->toJson(0)).toJson(QJsonDocument::Indented);
    std::fwrite(text.constData(), 1, static_cast<std::size_t>(text.size()), out);
    return ExitOk;
}

} // namespace meshlens::app
