// `meshlens problems [--source S] [--json]`: what the last successful sync of each source found wrong in its input
// (a contract file that is not YAML, a duplicate contract id, a reference to nothing), with file and line.

#include "cli.h"

#include "models/sources/sourceregistry.h"
#include "models/store/database.h"
#include "models/store/sourceproblemsreader.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace meshlens::app {

using namespace meshlens::models;

int runProblems(const QStringList &args, std::FILE *out, std::FILE *err)
{
    const CliIo io{out, err};
    CliParser cli;
    QCommandLineParser &parser = cli.parser;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("JSON output"));
    const QCommandLineOption source(QStringLiteral("source"), QStringLiteral("one source"), QStringLiteral("S"));
    parser.addOptions({json, source});
    if (!parser.parse(args) || !parser.positionalArguments().isEmpty()) {
        return io.fail(parser.errorText().isEmpty() ? QStringLiteral("problems takes no arguments")
                                                    : parser.errorText(),
                       ExitUsage);
    }
    // A source as the user types it (a folder path) is filtered by its canonical uri, as the cache stores it.
    QString uri;
    if (parser.isSet(source)) {
        const SourceRegistry::Opened opened = SourceRegistry::open(parser.value(source));
        uri = opened.source ? opened.source->uri() : parser.value(source);
    }
    const QString path = cli.dbPath();
    Database database;
    if (auto code = openCache(database, path, io, false)) {
        return *code;
    }
    SourceProblemsReader reader(database);
    const auto problems = reader.read(uri);
    if (!problems) {
        return io.fail(reader.lastError()->message, ExitCacheError);
    }
    if (parser.isSet(json)) {
        QJsonArray list;
        for (const StoredProblem &p : *problems) {
            list.append(QJsonObject{{QStringLiteral("source"), p.sourceUri},
                                    {QStringLiteral("kind"), p.sourceKind},
                                    {QStringLiteral("file"), p.file},
                                    {QStringLiteral("line"), p.line},
                                    {QStringLiteral("severity"), p.severity},
                                    {QStringLiteral("message"), p.message}});
        }
        const QByteArray text = QJsonDocument(list).toJson(QJsonDocument::Indented);
        std::fwrite(text.constData(), 1, static_cast<std::size_t>(text.size()), out);
        return ExitOk;
    }
    if (problems->isEmpty()) {
        io.print(QStringLiteral("No problems.\n"));
        return ExitOk;
    }
    QString current;
    int errors = 0;
    for (const StoredProblem &p : *problems) {
        if (p.sourceUri != current) {
            current = p.sourceUri;
            io.print(QStringLiteral("%1 (%2)\n").arg(p.sourceUri, p.sourceKind));
        }
        const QString where = p.file.isEmpty() ? QString()
                              : p.line > 0     ? QStringLiteral("%1:%2: ").arg(p.file).arg(p.line)
                                               : p.file + QStringLiteral(": ");
        io.print(QStringLiteral("  %1 %2%3\n").arg(p.severity.leftJustified(7), where, p.message));
        errors += p.severity == QLatin1String("error") ? 1 : 0;
    }
    io.print(QStringLiteral("%1 problems (%2 errors)\n").arg(problems->size()).arg(errors));
    return ExitOk;
}

} // namespace meshlens::app
