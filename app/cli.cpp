#include "cli.h"
#include "cli_search.h"

#include "cli_outbox.h"
#include "clicredentialstore.h"
#include "models/generate/cataloggenerator.h"
#include "models/sources/bundle/bundlesource.h"
#include "models/store/cachepaths.h"
#include "models/store/catalogreader.h"
#include "models/store/database.h"
#include "models/store/schema.h"
#include "models/sync/synccontroller.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <optional>

namespace meshlens::app {

using namespace meshlens::models;

namespace {

const QStringList kVerbs = {QStringLiteral("sync"),    QStringLiteral("search"),   QStringLiteral("show"),
                            QStringLiteral("stats"),   QStringLiteral("generate"), QStringLiteral("help"),
                            QStringLiteral("lineage"), QStringLiteral("problems")};
const QStringList kOutboxVerbs = {QStringLiteral("edit"), QStringLiteral("feedback"), QStringLiteral("outbox")};

std::atomic<bool> g_interrupted = false;

void onSigint(int)
{
    g_interrupted.store(true);
}

QString usage()
{
    return QStringLiteral(
               "Usage: meshlens [VERB] [OPTIONS]\n"
               "\n"
               "Without a verb, starts the MeshLens window.\n"
               "\n"
               "Verbs:\n"
               "  sync [--source S]            copy a source into the cache (default: every source the cache knows,\n"
               "                               or the bundled sample when it knows none)\n"
               "  search QUERY [--json] [--limit N] [--budget MS]\n"
               "                               full-text search of the cached catalog: words (the last one a prefix),\n"
               "                               \"phrases\", -exclude, domain: owner: tag: status: tier: source:\n"
               "                               has:sla has:incident; --json adds score parts, snippets and facets;\n"
               "                               --budget answers as the window's first page does (MS of scanning)\n"
               "  show PRODUCT [--json]        one product (by id, name, FQN, or #rowid)\n"
               "  stats [--json]               what the cache holds, and each source's sync state\n"
               "  lineage PRODUCT [--up N] [--down N] [--ports] [--format json|dot]\n"
               "                               a product's lineage neighbourhood (default 2 hops each way)\n"
               "  problems [--source S] [--json]\n"
               "                               what the last sync of each source found wrong in its input (file, "
               "line)\n"
               "  generate --products N [--seed S] [--as-of DATE] --out FILE\n"
               "                               write a synthetic catalog bundle of any size\n"
               "  edit PRODUCT [--description T] [--display-name T] [--status S] [--tier N] [--add-tag T]\n"
               "       [--remove-tag T] [--owner P] [--remove-owner P] [--steward P] [--expert P] [--sla ID=TARGET]\n"
               "                               queue an edit in the outbox (options repeat; P is an id or e-mail)\n"
               "  feedback PRODUCT --category C --rating 1-5 --title T --message M [--contact C]\n"
               "       [--check ID | --column PORT.COLUMN]\n"
               "                               queue feedback (C: data_issue, documentation, access,\n"
               "                               feature_request, praise, question)\n"
               "  outbox list [--all] | push [--force] | export FILE | confirm FILE | retry ID | discard ID\n"
               "                               the outbox of edits and feedback, and its delivery\n"
               "\n"
               "Common options:\n"
               "  --db PATH                    the catalog cache (default: %1)\n"
               "  -h, --help                   this help;  -v, --version  the version\n"
               "\n"
               "Sources: a bundle path, or a file:, qrc: or http(s): URL; \"sample\" is the bundled sample catalog;\n"
               "a folder of data contracts (*.odcs.yaml, *.odps.yaml, OpenLineage *.json), or "
               "contracts+file:///path/.\n"
               "\n"
               "Exit codes: 0 ok, 1 failed, 2 bad usage, 3 product not found, 4 cache unusable, 130 interrupted.\n")
        .arg(CachePaths::defaultDatabasePath());
}

struct Common : CliParser
{
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("JSON output")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("help")};

    Common() { parser.addOptions({json, help}); }
};

QString timeText(std::optional<std::int64_t> t)
{
    return t ? QDateTime::fromSecsSinceEpoch(*t, Qt::UTC).toString(Qt::ISODate) : QStringLiteral("never");
}

int runSync(const QStringList &args, const CliIo &io)
{
    Common c;
    QCommandLineOption source(QStringLiteral("source"), QStringLiteral("source"), QStringLiteral("address"));
    QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")}, QStringLiteral("no progress"));
    c.parser.addOptions({source, quiet});
    if (!c.parser.parse(args) || !c.parser.positionalArguments().isEmpty()) {
        io.error(c.parser.errorText().isEmpty() ? QStringLiteral("sync takes no positional arguments; use --source")
                                                : c.parser.errorText());
        return ExitUsage;
    }
    const QString dbPath = c.dbPath();
    QStringList sources;
    {
        Database db;
        if (auto code = openCache(db, dbPath, io)) {
            return *code;
        }
        if (c.parser.isSet(source)) {
            sources << c.parser.value(source);
        } else {
            for (const SourceState &s : CatalogReader(db).stats().sources) {
                sources << s.uri;
            }
            if (sources.isEmpty()) {
                sources << QLatin1String(kSampleCatalogUrl);
            }
        }
    }

    CliCredentialStore credentials; // MESHLENS_OPENMETADATA_TOKEN, else the keychain
    SyncController controller;
    controller.setEnvironment(SourceEnvironment{&credentials});
    int code = ExitOk;
    qsizetype next = 0;
    QElapsedTimer lastPrint;
    lastPrint.start();
    const bool showProgress = !c.parser.isSet(quiet);
    QObject::connect(&controller, &SyncController::progress, &controller, [&](const SyncProgress &p) {
        if (showProgress && lastPrint.elapsed() > 1000) {
            lastPrint.restart();
            std::fprintf(io.err, "  %lld records, %.1f MB\n", static_cast<long long>(p.records),
                         static_cast<double>(p.bytes) / 1e6);
        }
    });
    std::function<void()> startNext = [&]() {
        if (next >= sources.size()) {
            QCoreApplication::exit(code);
            return;
        }
        const QString s = sources[next++];
        if (showProgress) {
            std::fprintf(io.err, "Syncing %s\n", s.toUtf8().constData());
        }
        controller.start(dbPath, s);
    };
    QObject::connect(&controller, &SyncController::finished, &controller, [&](const SyncResult &r) {
        if (r.cancelled) {
            io.error(QStringLiteral("sync of %1 interrupted; the cache is unchanged").arg(r.source));
            code = ExitCancelled;
            QCoreApplication::exit(code);
            return;
        }
        if (!r.ok) {
            io.error(QStringLiteral("sync of %1 failed: %2").arg(r.source, r.error));
            code = ExitFailure;
        } else {
            const double secs = static_cast<double>(r.elapsedMs) / 1000.0;
            io.println(QStringLiteral("Synced %1: %2 products, %3 records, %4 MB in %5 s (%6 products/s)")
                           .arg(r.source)
                           .arg(r.products)
                           .arg(r.records)
                           .arg(static_cast<double>(r.bytes) / 1e6, 0, 'f', 1)
                           .arg(secs, 0, 'f', 1)
                           .arg(secs > 0 ? static_cast<double>(r.products) / secs : 0.0, 0, 'f', 0));
        }
        startNext();
    });
    // Ctrl+C cancels the running sync; the transaction rolls back and the cache stays as it was.
    g_interrupted.store(false);
    auto previous = std::signal(SIGINT, onSigint);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &controller, [&]() {
        if (g_interrupted.load()) {
            controller.cancel();
        }
    });
    poll.start(100);
    QTimer::singleShot(0, &controller, startNext);
    const int rc = QCoreApplication::exec();
    std::signal(SIGINT, previous);
    return rc;
}

int runSearch(const QStringList &args, const CliIo &io)
{
    Common c;
    bool ok = false;
    QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("results"), QStringLiteral("n"),
                             QStringLiteral("20"));
    QCommandLineOption budget(QStringLiteral("budget"), QStringLiteral("full-text scan budget"), QStringLiteral("ms"),
                              QStringLiteral("0"));
    c.parser.addOption(limit);
    c.parser.addOption(budget);
    if (!c.parser.parse(args)) {
        io.error(c.parser.errorText());
        return ExitUsage;
    }
    const QString query = c.parser.positionalArguments().join(QLatin1Char(' '));
    const int budgetMs = c.parser.value(budget).toInt(&ok);
    if (!ok || budgetMs < 0) {
        io.error(QStringLiteral("--budget takes milliseconds, 0 or more"));
        return ExitUsage;
    }
    const int n = c.parser.value(limit).toInt(&ok);
    if (!ok || n < 1 || n > 100000) {
        io.error(QStringLiteral("--limit takes a number from 1 to 100000"));
        return ExitUsage;
    }
    Database db;
    if (auto code = openCache(db, c.dbPath(), io)) {
        return *code;
    }
    return searchCommand(db, query, n, budgetMs, c.parser.isSet(c.json), io.out, io.err);
}

QJsonObject detailJson(const ProductDetail &d)
{
    QJsonObject o = productSummaryJson(d.summary);
    o.insert(QStringLiteral("fqn"), d.fqn);
    o.insert(QStringLiteral("description"), d.description);
    o.insert(QStringLiteral("version"), d.version);
    o.insert(QStringLiteral("source"), d.source);
    o.insert(QStringLiteral("updated_at"), d.updatedAt ? QJsonValue(static_cast<qint64>(*d.updatedAt)) : QJsonValue());
    o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(d.tags));
    QJsonArray owners;
    for (const Party &p : d.owners) {
        owners.append(
            QJsonObject{{QStringLiteral("role"), p.role}, {p.partyKind, p.extId}, {QStringLiteral("name"), p.title()}});
    }
    o.insert(QStringLiteral("owners"), owners);
    QJsonArray ports;
    for (const PortInfo &p : d.ports) {
        QJsonArray cols;
        for (const ColumnInfo &col : p.columns) {
            cols.append(QJsonObject{{QStringLiteral("name"), col.name},
                                    {QStringLiteral("type"), col.type},
                                    {QStringLiteral("description"), col.description}});
        }
        ports.append(QJsonObject{{QStringLiteral("id"), p.extId},
                                 {QStringLiteral("direction"), p.direction},
                                 {QStringLiteral("name"), p.name},
                                 {QStringLiteral("columns"), cols}});
    }
    o.insert(QStringLiteral("ports"), ports);
    QJsonArray slas;
    for (const SlaInfo &s : d.slas) {
        QJsonObject so{{QStringLiteral("id"), s.extId},
                       {QStringLiteral("kind"), s.kind},
                       {QStringLiteral("op"), s.op},
                       {QStringLiteral("target"), s.target},
                       {QStringLiteral("unit"), s.unit}};
        so.insert(QStringLiteral("latest"), s.latest ? QJsonValue(*s.latest) : QJsonValue());
        slas.append(so);
    }
    o.insert(QStringLiteral("slas"), slas);
    QJsonArray checks;
    for (const CheckInfo &ch : d.checks) {
        checks.append(
            QJsonObject{{QStringLiteral("id"), ch.extId},
                        {QStringLiteral("name"), ch.name},
                        {QStringLiteral("kind"), ch.kind},
                        {QStringLiteral("last_status"), ch.lastStatus.isNull() ? QString() : QString(ch.lastStatus)}});
    }
    o.insert(QStringLiteral("checks"), checks);
    const auto refs = [](const QList<LineageRef> &list) {
        QJsonArray a;
        for (const LineageRef &r : list) {
            a.append(r.extId);
        }
        return a;
    };
    o.insert(QStringLiteral("upstream"), refs(d.upstream));
    o.insert(QStringLiteral("downstream"), refs(d.downstream));
    return o;
}

int runShow(const QStringList &args, const CliIo &io)
{
    Common c;
    if (!c.parser.parse(args) || c.parser.positionalArguments().size() != 1) {
        io.error(c.parser.errorText().isEmpty() ? QStringLiteral("show takes one PRODUCT") : c.parser.errorText());
        return ExitUsage;
    }
    Database db;
    if (auto code = openCache(db, c.dbPath(), io)) {
        return *code;
    }
    CatalogReader reader(db);
    const QString key = c.parser.positionalArguments().first();
    const auto id = reader.resolveProduct(key);
    const auto detail = id ? reader.product(*id) : std::nullopt;
    if (!detail) {
        io.error(QStringLiteral("no product '%1' in the cache; try `meshlens search %1`").arg(key));
        return ExitNotFound;
    }
    if (c.parser.isSet(c.json)) {
        io.json(detailJson(*detail));
        return ExitOk;
    }
    const ProductSummary &s = detail->summary;
    io.println(s.title());
    io.println(QStringLiteral("  id:       %1").arg(s.extId));
    io.println(QStringLiteral("  domain:   %1").arg(s.domain));
    io.println(QStringLiteral("  status:   %1%2")
                   .arg(s.status, s.tier ? QStringLiteral(", tier %1").arg(*s.tier) : QString()));
    for (const Party &p : detail->owners) {
        io.println(QStringLiteral("  %1: %2 (%3)").arg(p.role, -8).arg(p.title(), p.partyKind));
    }
    io.println(QStringLiteral("  tags:     %1").arg(detail->tags.join(QStringLiteral(", "))));
    for (const SlaInfo &sla : detail->slas) {
        io.println(QStringLiteral("  SLA %1 %2 %3 %4: latest %5")
                       .arg(sla.kind, sla.op)
                       .arg(sla.target)
                       .arg(sla.unit, sla.latest ? QString::number(*sla.latest) : QStringLiteral("n/a")));
    }
    for (const PortInfo &p : detail->ports) {
        io.println(QStringLiteral("  %1 port %2: %3 columns").arg(p.direction, p.name).arg(p.columns.size()));
    }
    io.println(
        QStringLiteral("  upstream: %1, downstream: %2").arg(detail->upstream.size()).arg(detail->downstream.size()));
    if (!detail->description.isEmpty()) {
        io.println(QString());
        io.println(detail->description);
    }
    return ExitOk;
}

int runStats(const QStringList &args, const CliIo &io)
{
    Common c;
    if (!c.parser.parse(args) || !c.parser.positionalArguments().isEmpty()) {
        io.error(c.parser.errorText().isEmpty() ? QStringLiteral("stats takes no arguments") : c.parser.errorText());
        return ExitUsage;
    }
    Database db;
    if (auto code = openCache(db, c.dbPath(), io)) {
        return *code;
    }
    const CatalogStats s = CatalogReader(db).stats();
    if (c.parser.isSet(c.json)) {
        QJsonArray sources;
        for (const SourceState &src : s.sources) {
            QJsonObject o{{QStringLiteral("uri"), src.uri},
                          {QStringLiteral("kind"), src.kind},
                          {QStringLiteral("name"), src.name},
                          {QStringLiteral("cursor"), src.cursor},
                          {QStringLiteral("last_error"), src.lastError}};
            o.insert(QStringLiteral("last_success_at"),
                     src.lastSuccessAt ? QJsonValue(static_cast<qint64>(*src.lastSuccessAt)) : QJsonValue());
            sources.append(o);
        }
        io.json(QJsonObject{{QStringLiteral("db"), c.dbPath()},
                            {QStringLiteral("products"), static_cast<qint64>(s.products)},
                            {QStringLiteral("domains"), static_cast<qint64>(s.domains)},
                            {QStringLiteral("teams"), static_cast<qint64>(s.teams)},
                            {QStringLiteral("people"), static_cast<qint64>(s.people)},
                            {QStringLiteral("ports"), static_cast<qint64>(s.ports)},
                            {QStringLiteral("slas"), static_cast<qint64>(s.slas)},
                            {QStringLiteral("checks"), static_cast<qint64>(s.checks)},
                            {QStringLiteral("lineage_edges"), static_cast<qint64>(s.lineageEdges)},
                            {QStringLiteral("pending_outbox"), static_cast<qint64>(s.pendingOutbox)},
                            {QStringLiteral("sources"), sources}});
        return ExitOk;
    }
    io.println(QStringLiteral("Cache:     %1").arg(c.dbPath()));
    io.println(QStringLiteral("Products:  %1\nDomains:   %2\nTeams:     %3\nPeople:    %4\nPorts:     %5\n"
                              "SLAs:      %6\nChecks:    %7\nLineage:   %8 edges\nOutbox:    %9 pending")
                   .arg(s.products)
                   .arg(s.domains)
                   .arg(s.teams)
                   .arg(s.people)
                   .arg(s.ports)
                   .arg(s.slas)
                   .arg(s.checks)
                   .arg(s.lineageEdges)
                   .arg(s.pendingOutbox));
    for (const SourceState &src : s.sources) {
        io.println(QStringLiteral("Source:    %1\n  last synced %2%3")
                       .arg(src.uri, timeText(src.lastSuccessAt),
                            src.lastError.isEmpty() ? QString() : QStringLiteral("\n  last error: ") + src.lastError));
    }
    return ExitOk;
}

int runGenerate(const QStringList &args, const CliIo &io)
{
    Common c;
    QCommandLineOption products(QStringLiteral("products"), QStringLiteral("n"), QStringLiteral("n"));
    QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("seed"), QStringLiteral("s"), QStringLiteral("1"));
    QCommandLineOption asOf(QStringLiteral("as-of"), QStringLiteral("date"), QStringLiteral("date"));
    QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("file"), QStringLiteral("file"));
    c.parser.addOptions({products, seed, asOf, outOpt});
    if (!c.parser.parse(args) || !c.parser.positionalArguments().isEmpty()) {
        io.error(c.parser.errorText().isEmpty() ? QStringLiteral("generate takes options only") : c.parser.errorText());
        return ExitUsage;
    }
    GeneratorOptions options;
    bool ok = false;
    options.products = c.parser.value(products).toLongLong(&ok);
    if (!c.parser.isSet(products) || !ok || options.products < 1 || options.products > 100'000'000) {
        io.error(QStringLiteral("--products takes a number from 1 to 100000000"));
        return ExitUsage;
    }
    options.seed = c.parser.value(seed).toULongLong(&ok);
    if (!ok) {
        io.error(QStringLiteral("--seed takes a non-negative integer"));
        return ExitUsage;
    }
    if (c.parser.isSet(asOf)) {
        const QDate date = QDate::fromString(c.parser.value(asOf), Qt::ISODate);
        if (!date.isValid()) {
            io.error(QStringLiteral("--as-of takes a date like 2026-11-21"));
            return ExitUsage;
        }
        options.asOf = QDateTime(date, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    } else {
        options.asOf = CatalogGenerator::todayUtcMidnight();
    }
    if (!c.parser.isSet(outOpt)) {
        io.error(QStringLiteral("--out FILE is required"));
        return ExitUsage;
    }
    QSaveFile file(c.parser.value(outOpt));
    if (!file.open(QIODevice::WriteOnly)) {
        io.error(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
        return ExitFailure;
    }
    g_interrupted.store(false);
    auto previous = std::signal(SIGINT, onSigint);
    QElapsedTimer timer;
    timer.start();
    const auto err = CatalogGenerator(options).write(
        file,
        [&](std::int64_t done) {
            if (timer.elapsed() > 0 && done % 100000 == 0) {
                std::fprintf(io.err, "  %lld products\n", static_cast<long long>(done));
            }
        },
        &g_interrupted);
    std::signal(SIGINT, previous);
    if (err) {
        file.cancelWriting();
        io.error(*err);
        return g_interrupted.load() ? ExitCancelled : ExitFailure;
    }
    if (!file.commit()) {
        io.error(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
        return ExitFailure;
    }
    std::fprintf(io.err, "Wrote %lld products to %s in %.1f s\n", static_cast<long long>(options.products),
                 file.fileName().toUtf8().constData(), static_cast<double>(timer.elapsed()) / 1000.0);
    return ExitOk;
}

} // namespace

void CliIo::print(const QString &s) const
{
    std::fputs(s.toUtf8().constData(), out);
}

void CliIo::println(const QString &s) const
{
    print(s + QLatin1Char('\n'));
}

void CliIo::error(const QString &s) const
{
    std::fputs(QStringLiteral("meshlens: %1\n").arg(s).toUtf8().constData(), err);
    std::fflush(err);
}

void CliIo::json(const QJsonValue &v) const
{
    const QJsonDocument doc = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    std::fputs(doc.toJson(QJsonDocument::Indented).constData(), out);
}

QString CliParser::dbPath() const
{
    return parser.isSet(db) ? parser.value(db) : CachePaths::defaultDatabasePath();
}

int CliIo::fail(const QString &message, int code) const
{
    error(message);
    return code;
}

std::optional<int> openCache(Database &db, const QString &path, const CliIo &io, bool createFolder)
{
    if (const QString err = createFolder ? CachePaths::ensureParentExists(path) : QString(); !err.isEmpty()) {
        io.error(err);
        return ExitCacheError;
    }
    if (auto err = db.open(path)) {
        io.error(err->message);
        return ExitCacheError;
    }
    // A cache from an older MeshLens may need its search index rebuilt: minutes at a million products, so say so
    // and how far it is; Ctrl+C stops it and the cache stays as it was.
    Schema::Observer observe;
    QString lastStep;
    int lastTenth = -1;
    if (const std::int64_t products = Schema::productsToUpdate(db); products > 0) {
        io.error(QStringLiteral("updating the cache of %1 products for this version of MeshLens, once "
                                "(Ctrl+C stops it and leaves the cache as it was)")
                     .arg(products));
        observe = [&](const QString &step, std::int64_t done, std::int64_t total) {
            const int tenth = total > 0 ? static_cast<int>(done * 10 / total) : -1;
            if (step != lastStep || tenth != lastTenth) {
                io.error(total > 0 ? QStringLiteral("%1: %2%").arg(step).arg(tenth * 10) : step + QStringLiteral("…"));
                lastStep = step;
                lastTenth = tenth;
            }
            return !g_interrupted.load();
        };
    }
    g_interrupted.store(false);
    auto previous = observe ? std::signal(SIGINT, onSigint) : SIG_DFL;
    const auto err = Schema::migrate(db, observe);
    if (observe) {
        std::signal(SIGINT, previous);
    }
    if (err) {
        io.error(err->message);
        return ExitCacheError;
    }
    return std::nullopt;
}

bool isCliInvocation(const QStringList &arguments)
{
    if (arguments.size() < 2) {
        return false;
    }
    const QString first = arguments.at(1);
    return kVerbs.contains(first) || kOutboxVerbs.contains(first) || first == QLatin1String("--help") ||
           first == QLatin1String("-h") || first == QLatin1String("--version") || first == QLatin1String("-v");
}

int runCli(const QStringList &arguments, std::FILE *out, std::FILE *err)
{
    const CliIo io{out, err};
    const QString verb = arguments.value(1);
    if (verb == QLatin1String("--version") || verb == QLatin1String("-v")) {
        io.println(QStringLiteral("meshlens %1").arg(QStringLiteral(MESHLENS_VERSION)));
        return ExitOk;
    }
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h") || verb == QLatin1String("help")) {
        io.print(usage());
        return ExitOk;
    }
    // Per-verb arguments, with the program name kept first as QCommandLineParser expects.
    QStringList args = arguments;
    args.removeAt(1);
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
        io.print(usage());
        return ExitOk;
    }
    int code = ExitUsage;
    if (verb == QLatin1String("sync")) {
        code = runSync(args, io);
    } else if (verb == QLatin1String("search")) {
        code = runSearch(args, io);
    } else if (verb == QLatin1String("show")) {
        code = runShow(args, io);
    } else if (verb == QLatin1String("stats")) {
        code = runStats(args, io);
    } else if (verb == QLatin1String("lineage")) {
        code = runLineage(args, out, err);
    } else if (verb == QLatin1String("problems")) {
        code = runProblems(args, out, err);
    } else if (verb == QLatin1String("generate")) {
        code = runGenerate(args, io);
    } else if (verb == QLatin1String("edit")) {
        code = runEdit(args, out, err);
    } else if (verb == QLatin1String("feedback")) {
        code = runFeedback(args, out, err);
    } else if (verb == QLatin1String("outbox")) {
        code = runOutbox(args, out, err);
    } else {
        io.error(QStringLiteral("unknown verb '%1'; see meshlens --help").arg(verb));
    }
    std::fflush(out);
    return code;
}

} // namespace meshlens::app
