#include "cli_outbox.h"

#include "cli.h"
#include "clicredentialstore.h"
#include "models/store/catalogreader.h"
#include "models/store/database.h"
#include "models/store/outbox.h"
#include "models/sync/outboxdelivery.h"
#include "models/sync/outboxexport.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace meshlens::app {

using namespace meshlens::models;

namespace {

std::int64_t now()
{
    return QDateTime::currentSecsSinceEpoch();
}

// The options every outbox verb shares, and the opened cache.
struct Verb : CliParser
{
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("JSON output")};
    Database cache;

    Verb() { parser.addOption(json); }

    // Parses and opens the cache, and resolves the one positional argument to `product` when asked; returns an
    // exit code on failure.
    std::optional<int> start(const QStringList &args, const CliIo &io, std::int64_t *product = nullptr)
    {
        if (!parser.parse(args)) {
            io.error(parser.errorText());
            return ExitUsage;
        }
        if (auto code = openCache(cache, dbPath(), io)) {
            return *code;
        }
        if (!product) {
            return std::nullopt;
        }
        const QStringList pos = parser.positionalArguments();
        if (pos.size() != 1) {
            io.error(QStringLiteral("name one product (by id, name, FQN or #rowid)"));
            return ExitUsage;
        }
        const auto id = CatalogReader(cache).resolveProduct(pos.first());
        if (!id) {
            io.error(QStringLiteral("no product '%1' in the cache; try meshlens search").arg(pos.first()));
            return ExitNotFound;
        }
        *product = *id;
        return std::nullopt;
    }
};

int queued(const Outbox::QueueResult &r, const CliIo &io, bool json)
{
    if (r.storeError) {
        io.error(*r.storeError);
        return ExitFailure;
    }
    if (!r.ok()) {
        for (const FieldError &e : r.errors) {
            io.error(QStringLiteral("%1: %2").arg(e.field, e.message));
        }
        return ExitUsage;
    }
    if (json) {
        io.json({{QStringLiteral("id"), r.id}, {QStringLiteral("state"), QStringLiteral("pending")}});
    } else {
        io.println(QStringLiteral("queued %1 (pending; deliver with `meshlens outbox push`, or export it for a "
                                  "bundle source with `meshlens outbox export FILE`)")
                       .arg(r.id));
    }
    return ExitOk;
}

QJsonObject itemJson(const OutboxItem &it)
{
    QJsonObject o{{QStringLiteral("id"), it.id},
                  {QStringLiteral("kind"), it.kind},
                  {QStringLiteral("state"), it.state},
                  {QStringLiteral("entity"), it.entityExt},
                  {QStringLiteral("source"), it.sourceUri},
                  {QStringLiteral("base_version"), it.baseVersion},
                  {QStringLiteral("attempts"), it.attempts},
                  {QStringLiteral("created_at"), static_cast<qint64>(it.createdAt)},
                  {QStringLiteral("summary"), Outbox::describe(it)},
                  {QStringLiteral("payload"), it.payload}};
    if (!it.lastError.isEmpty()) {
        o.insert(QStringLiteral("last_error"), it.lastError);
    }
    if (!it.reply.isEmpty()) {
        o.insert(QStringLiteral("reply"), it.reply);
    }
    if (it.exportedAt) {
        o.insert(QStringLiteral("exported_at"), static_cast<qint64>(*it.exportedAt));
    }
    return o;
}

} // namespace

int runEdit(const QStringList &args, std::FILE *out, std::FILE *err)
{
    const CliIo io{out, err};
    Verb v;
    const auto opt = [&v](const char *name, const char *value) {
        QCommandLineOption o{QLatin1String(name), QStringLiteral("see --help"), QLatin1String(value)};
        v.parser.addOption(o);
        return o;
    };
    const auto description = opt("description", "text"), displayName = opt("display-name", "text"),
               status = opt("status", "status"), tier = opt("tier", "n"), addTag = opt("add-tag", "tag"),
               removeTag = opt("remove-tag", "tag"), owner = opt("owner", "person"),
               removeOwner = opt("remove-owner", "person"), steward = opt("steward", "person"),
               expert = opt("expert", "person"), sla = opt("sla", "id=target");
    std::int64_t product = 0;
    if (auto code = v.start(args, io, &product)) {
        return *code;
    }
    ProductEdit e;
    if (v.parser.isSet(description)) {
        e.description = v.parser.value(description);
    }
    if (v.parser.isSet(displayName)) {
        e.displayName = v.parser.value(displayName);
    }
    if (v.parser.isSet(status)) {
        e.status = v.parser.value(status);
    }
    if (v.parser.isSet(tier)) {
        bool ok = false;
        e.tier = v.parser.value(tier).toInt(&ok);
        if (!ok) {
            io.error(QStringLiteral("--tier takes a number from 1 to 5"));
            return ExitUsage;
        }
    }
    e.addTags = v.parser.values(addTag);
    e.removeTags = v.parser.values(removeTag);
    const auto parties = [&v](const QCommandLineOption &o, const char *role, QList<PartyRef> &into) {
        for (const QString &who : v.parser.values(o)) {
            into << PartyRef{QLatin1String(role), QStringLiteral("person"), who};
        }
    };
    parties(owner, "owner", e.addParties);
    parties(steward, "steward", e.addParties);
    parties(expert, "expert", e.addParties);
    parties(removeOwner, "owner", e.removeParties);
    for (const QString &kv : v.parser.values(sla)) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            io.error(QStringLiteral("--sla takes OBJECTIVE=TARGET, like freshness=6"));
            return ExitUsage;
        }
        e.slaTargets.insert(kv.left(eq), kv.mid(eq + 1));
    }
    return queued(Outbox(v.cache).queueEdit(product, e, now()), io, v.parser.isSet(v.json));
}

int runFeedback(const QStringList &args, std::FILE *out, std::FILE *err)
{
    const CliIo io{out, err};
    Verb v;
    QCommandLineOption category(QStringLiteral("category"), QString(), QStringLiteral("c"));
    QCommandLineOption rating(QStringLiteral("rating"), QString(), QStringLiteral("n"));
    QCommandLineOption title(QStringLiteral("title"), QString(), QStringLiteral("text"));
    QCommandLineOption message(QStringLiteral("message"), QString(), QStringLiteral("markdown"));
    QCommandLineOption contact(QStringLiteral("contact"), QString(), QStringLiteral("email"));
    QCommandLineOption check(QStringLiteral("check"), QString(), QStringLiteral("id"));
    QCommandLineOption column(QStringLiteral("column"), QString(), QStringLiteral("port.column"));
    v.parser.addOptions({category, rating, title, message, contact, check, column});
    std::int64_t product = 0;
    if (auto code = v.start(args, io, &product)) {
        return *code;
    }
    Feedback f;
    f.category = v.parser.value(category).replace(QLatin1Char('-'), QLatin1Char('_'));
    f.rating = v.parser.value(rating).toInt();
    f.title = v.parser.value(title);
    f.message = v.parser.value(message);
    f.contact = v.parser.value(contact);
    if (v.parser.isSet(check)) {
        f.linkKind = QStringLiteral("check");
        f.linkRef = v.parser.value(check);
    } else if (v.parser.isSet(column)) {
        f.linkKind = QStringLiteral("column");
        f.linkRef = v.parser.value(column);
    }
    return queued(Outbox(v.cache).queueFeedback(product, f, now()), io, v.parser.isSet(v.json));
}

int runOutbox(const QStringList &args, std::FILE *out, std::FILE *err)
{
    const CliIo io{out, err};
    Verb v;
    QCommandLineOption all(QStringLiteral("all"), QStringLiteral("include delivered items"));
    QCommandLineOption force(QStringLiteral("force"), QStringLiteral("ignore the retry backoff"));
    v.parser.addOptions({all, force});
    if (auto code = v.start(args, io)) {
        return *code;
    }
    const QStringList pos = v.parser.positionalArguments();
    const QString action = pos.value(0);
    const bool json = v.parser.isSet(v.json);
    Outbox outbox(v.cache);
    if (action == QLatin1String("list") && pos.size() == 1) {
        Outbox::Filter filter;
        if (!v.parser.isSet(all)) {
            filter.states = {QStringLiteral("pending"), QStringLiteral("sending"), QStringLiteral("conflict"),
                             QStringLiteral("rejected")};
        }
        const QList<OutboxItem> items = outbox.items(filter);
        if (json) {
            QJsonArray arr;
            for (const OutboxItem &it : items) {
                arr.append(itemJson(it));
            }
            io.json(QJsonObject{{QStringLiteral("items"), arr}});
        } else {
            for (const OutboxItem &it : items) {
                io.println(QStringLiteral("%1\t%2\t%3\t%4%5")
                               .arg(it.id, it.state, it.entityExt, Outbox::describe(it),
                                    it.lastError.isEmpty() ? QString() : QStringLiteral("\t(%1)").arg(it.lastError)));
            }
            std::fprintf(err, "%lld item(s)\n", static_cast<long long>(items.size()));
        }
        return ExitOk;
    }
    if (action == QLatin1String("push") && pos.size() == 1) {
        CliCredentialStore credentials;
        const DeliveryReport r =
            OutboxDelivery::deliverAll(v.cache, now(), v.parser.isSet(force), nullptr, SourceEnvironment{&credentials});
        if (json) {
            io.json({{QStringLiteral("delivered"), r.delivered},
                     {QStringLiteral("conflicts"), r.conflicts},
                     {QStringLiteral("rejected"), r.rejected},
                     {QStringLiteral("failed"), r.failed},
                     {QStringLiteral("waiting"), r.waiting},
                     {QStringLiteral("needs_export"), r.needsExport}});
        } else {
            io.println(QStringLiteral("%1 delivered, %2 conflicts, %3 rejected, %4 failed (retried later), %5 waiting")
                           .arg(r.delivered)
                           .arg(r.conflicts)
                           .arg(r.rejected)
                           .arg(r.failed)
                           .arg(r.waiting));
            if (r.needsExport > 0) {
                io.println(QStringLiteral("%1 item(s) are for a bundle source, which accepts no writes: export them "
                                          "with `meshlens outbox export FILE` and send the file to the catalog owner")
                               .arg(r.needsExport));
            }
        }
        return r.failed > 0 || r.rejected > 0 ? ExitFailure : ExitOk;
    }
    if (action == QLatin1String("export") && pos.size() == 2) {
        const auto r = OutboxExport::write(v.cache, pos[1], now());
        if (r.error) {
            io.error(*r.error);
            return ExitFailure;
        }
        if (json) {
            io.json({{QStringLiteral("file"), pos[1]}, {QStringLiteral("ids"), QJsonArray::fromStringList(r.ids)}});
        } else {
            io.println(QStringLiteral("exported %1 item(s) to %2; once the catalog owner has applied it, run "
                                      "`meshlens outbox confirm %2` to mark them delivered")
                           .arg(r.ids.size())
                           .arg(pos[1]));
        }
        return ExitOk;
    }
    if (action == QLatin1String("confirm") && pos.size() == 2) {
        QFile file(pos[1]);
        if (!file.open(QIODevice::ReadOnly)) {
            io.error(QStringLiteral("cannot read %1: %2").arg(pos[1], file.errorString()));
            return ExitFailure;
        }
        QString error;
        const auto contents = OutboxExport::parse(file.readAll(), &error);
        if (!contents) {
            io.error(QStringLiteral("%1: %2").arg(pos[1], error));
            return ExitFailure;
        }
        const int n = outbox.confirmExported(contents->ids(), now());
        io.println(QStringLiteral("%1 item(s) marked delivered").arg(n));
        return ExitOk;
    }
    if ((action == QLatin1String("retry") || action == QLatin1String("discard")) && pos.size() == 2) {
        const bool done = action == QLatin1String("retry") ? outbox.retry(pos[1], now()) : outbox.discard(pos[1]);
        if (!done) {
            io.error(QStringLiteral("no %1 item %2 (see meshlens outbox list)")
                         .arg(action == QLatin1String("retry") ? QStringLiteral("pending or rejected")
                                                               : QStringLiteral("undelivered"),
                              pos[1]));
            return ExitNotFound;
        }
        io.println(QStringLiteral("%1: %2").arg(
            action == QLatin1String("retry") ? QStringLiteral("due now") : QStringLiteral("discarded"), pos[1]));
        return ExitOk;
    }
    io.error(QStringLiteral("usage: meshlens outbox list [--all] | push [--force] | export FILE | confirm FILE | "
                            "retry ID | discard ID"));
    return ExitUsage;
}

} // namespace meshlens::app
