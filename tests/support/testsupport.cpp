#include "testsupport.h"

#include "models/session/cachesession.h"

#include "models/generate/cataloggenerator.h"
#include "models/health/healthsnapshot.h"
#include "models/store/outbox.h"
#include "models/store/schema.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace meshlens::test {

QString fixturesDir()
{
    return QStringLiteral(MESHLENS_FIXTURES_DIR);
}

QString testDataDir()
{
    return QStringLiteral(MESHLENS_TEST_DATA_DIR);
}

QByteArray header(const char *mode, const char *cursor, const char *since)
{
    QByteArray h = QByteArrayLiteral("{\"format\":\"meshlens-bundle\",\"version\":1,\"mode\":\"") + mode +
                   QByteArrayLiteral("\",\"cursor\":\"") + cursor + '"';
    if (since) {
        h += QByteArrayLiteral(",\"since\":\"") + since + '"';
    }
    h += QByteArrayLiteral(",\"source\":\"test\",\"generated_at\":1763683200}\n");
    return h;
}

QByteArray sampleBundle()
{
    return header() + QByteArray(R"BUNDLE(
{"type":"domain","id":"sales","name":"sales","display_name":"Sales","kind":"source-aligned","description":"Orders and customers."}
{"type":"domain","id":"finance","name":"finance","display_name":"Finance","kind":"aggregate"}
{"type":"team","id":"t-sales","name":"sales-eng","display_name":"Sales Engineering","domain":"sales"}
{"type":"team","id":"t-fin","name":"fin-data","display_name":"Finance Data","domain":"finance"}
{"type":"person","id":"ada","name":"ada","display_name":"Ada Lovelace","email":"ada@example.com","team":"t-sales"}
{"type":"person","id":"alan","name":"alan","display_name":"Alan Turing","team":"t-fin"}
{"type":"person","id":"grace","name":"grace","display_name":"Grace Hopper","team":"t-fin"}
{"type":"product","id":"sales.orders","name":"orders","display_name":"Order Events","domain":"sales","status":"active","tier":1,"description":"All **orders** placed in the web shop.","version":"2.1.0","updated_at":1763600000,"tags":["pii","gold"],"owners":[{"role":"owner","team":"t-sales"},{"role":"owner","person":"ada"},{"role":"steward","person":"grace"}]}
{"type":"port","product":"sales.orders","id":"orders_v2","direction":"output","name":"orders_v2","format":"table","columns":[{"name":"order_id","type":"BIGINT","primary_key":true,"nullable":false},{"name":"customer_email","type":"VARCHAR","tags":["pii"]},{"name":"amount_eur","type":"DECIMAL(12,2)","description":"Gross amount"}]}
{"type":"sla","product":"sales.orders","id":"freshness","kind":"freshness","target":6,"unit":"h","op":"<="}
{"type":"sla_measurement","product":"sales.orders","sla":"freshness","start":1763251200,"step":86400,"values":[1.5,2,null,9.25,3]}
{"type":"check","product":"sales.orders","id":"order_id_not_null","name":"order_id not null","kind":"not_null","column":"order_id","severity":"critical"}
{"type":"check_result","product":"sales.orders","check":"order_id_not_null","start":1763251200,"step":86400,"statuses":"PPFP-"}
{"type":"product","id":"finance.revenue","name":"revenue","display_name":"Daily Revenue","domain":"finance","status":"active","tier":2,"description":"Revenue per day, from orders.","tags":["finance"],"owners":[{"role":"owner","team":"t-fin"},{"role":"expert","person":"alan"}]}
{"type":"port","product":"finance.revenue","id":"revenue_daily","name":"revenue_daily","columns":[{"name":"day","type":"DATE"},{"name":"revenue_eur","type":"DECIMAL(14,2)"}]}
{"type":"sla","product":"finance.revenue","id":"availability","kind":"availability","target":99.5,"unit":"%","op":">="}
{"type":"sla_measurement","product":"finance.revenue","sla":"availability","at":1763596800,"value":99.9}
{"type":"check","product":"finance.revenue","id":"rows","name":"row count","kind":"row_count"}
{"type":"check_result","product":"finance.revenue","check":"rows","at":1763596800,"status":"fail","value":0,"message":"no rows for yesterday"}
{"type":"product","id":"finance.forecast","name":"forecast","display_name":"Revenue Forecast","domain":"finance","status":"development","description":"","owners":[{"role":"owner","person":"alan"}]}
{"type":"lineage","from":"sales.orders","from_port":"orders_v2","to":"finance.revenue","to_port":"revenue_daily","columns":[["amount_eur","revenue_eur"]]}
{"type":"lineage","from":"finance.revenue","to":"finance.forecast"}
)BUNDLE")
                          .mid(1); // drop the newline after the raw-string opener
}

QByteArray qualityBundle()
{
    return header("snapshot", "q1") + QByteArray(R"(
{"type":"domain","id":"sales","name":"sales"}
{"type":"domain","id":"finance","name":"finance"}
{"type":"team","id":"t-sales","name":"sales-eng","domain":"sales"}
{"type":"person","id":"ada","name":"ada","team":"t-sales"}
{"type":"person","id":"bob","name":"bob"}
{"type":"product","id":"p1","name":"p1","display_name":"Product One","domain":"sales","owners":[{"role":"owner","person":"ada"},{"role":"owner","team":"t-sales"}]}
{"type":"check","product":"p1","id":"c1","name":"rows arrive"}
{"type":"check","product":"p1","id":"c2","name":"=ids unique","severity":"critical"}
{"type":"check_result","product":"p1","check":"c1","start":1763251200,"step":86400,"statuses":"PPFPA-"}
{"type":"check_result","product":"p1","check":"c2","start":1763251200,"step":86400,"statuses":"PFFP"}
{"type":"sla","product":"p1","id":"fresh","kind":"freshness","target":6,"unit":"h","op":"<="}
{"type":"sla_measurement","product":"p1","sla":"fresh","start":1763251200,"step":86400,"values":[1,9,null,8,2,7]}
{"type":"sla","product":"p1","id":"avail","kind":"availability","target":99,"unit":"%","op":">="}
{"type":"sla_measurement","product":"p1","sla":"avail","start":1763251200,"step":86400,"values":[99.5,98]}
{"type":"product","id":"p2","name":"p2","domain":"sales","owners":[{"role":"owner","person":"bob"},{"role":"steward","person":"ada"}]}
{"type":"check","product":"p2","id":"c3","name":"fresh enough"}
{"type":"check_result","product":"p2","check":"c3","start":1763337600,"step":86400,"statuses":"-PP"}
{"type":"product","id":"p3","name":"p3","domain":"finance","owners":[{"role":"owner","person":"ada"}]}
)")
                                          .mid(1);
}

std::int64_t scalar(models::Database &db, const char *sql)
{
    models::Statement st = db.prepare(sql);
    return st.next() ? st.int64(0) : -1;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

bool syncBundle(const QString &dbPath, const QString &bundlePath, const QByteArray &bytes)
{
    return writeFile(bundlePath, bytes) && syncNow(dbPath, bundlePath).ok;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList lineDiff(const QByteArray &a, const QByteArray &b)
{
    const QList<QByteArray> x = a.split('\n'), y = b.split('\n');
    const size_t n = size_t(x.size()), m = size_t(y.size());
    // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (size_t i = n; i-- > 0;) {
        for (size_t j = m; j-- > 0;) {
            lcs[i][j] =
                x[qsizetype(i)] == y[qsizetype(j)] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    QStringList out;
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && x[qsizetype(i)] == y[qsizetype(j)]) {
            ++i;
            ++j;
        } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            out << QStringLiteral("-%1 %2").arg(i + 1).arg(QString::fromUtf8(x[qsizetype(i)]));
            ++i;
        } else {
            out << QStringLiteral("+%1 %2").arg(j + 1).arg(QString::fromUtf8(y[qsizetype(j)]));
            ++j;
        }
    }
    return out;
}

models::SyncResult syncNow(const QString &dbPath, const QString &source)
{
    models::SyncEngine engine;
    models::SyncResult result;
    bool done = false;
    QObject::connect(&engine, &models::SyncEngine::finished, &engine, [&](const models::SyncResult &r) {
        result = r;
        done = true;
    });
    engine.run(dbPath, source);
    if (!done) {
        QEventLoop loop;
        QObject::connect(&engine, &models::SyncEngine::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return result;
}

void runOnThread(const std::function<void()> &work, const std::function<void()> &meanwhile, int timeoutMs)
{
    std::atomic<bool> done = false;
    std::thread thread([&] {
        work();
        done = true;
    });
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (meanwhile) {
            meanwhile();
        }
        if (done.load() || clock.elapsed() > timeoutMs) {
            loop.quit();
        }
    });
    poll.start(5);
    loop.exec();
    if (!done.load()) {
        qFatal("runOnThread: the work did not end within %d ms", timeoutMs);
    }
    thread.join();
}

QString integrityCheck(models::Database &db)
{
    models::Statement st = db.prepare("PRAGMA integrity_check");
    QStringList lines;
    while (st.next()) {
        lines << st.text(0);
    }
    return st.error() ? st.error()->message : lines.join(QLatin1Char('\n'));
}

QString dumpCatalog(models::Database &db)
{
    static const QList<const char *> kTables = {
        "SELECT uri, kind, name, cursor, gen, snapshot_at FROM sources ORDER BY uri",
        "SELECT * FROM domains ORDER BY source_id, ext_id",
        "SELECT * FROM teams ORDER BY source_id, ext_id",
        "SELECT * FROM people ORDER BY source_id, ext_id",
        "SELECT * FROM entries ORDER BY source_id, ext_id",
        "SELECT * FROM entry_tags ORDER BY entry_id, tag",
        "SELECT * FROM ownerships ORDER BY entry_id, role, party_kind, party_id",
        "SELECT entry_id, ext_id, direction, name, description, format, location, n_columns, n_described, gen, "
        "(" MESHLENS_TEST_PORT_COLUMNS ") FROM ports pt ORDER BY entry_id, ext_id",
        "SELECT * FROM sla_objectives ORDER BY entry_id, ext_id",
        "SELECT objective_id, t0, step, n, hex(vals) FROM sla_series ORDER BY objective_id, t0",
        "SELECT * FROM checks ORDER BY entry_id, ext_id",
        "SELECT check_id, t0, step, n, hex(statuses), hex(vals), message FROM check_series ORDER BY check_id, t0",
        "SELECT * FROM lineage ORDER BY source_id, from_ext, from_port, to_ext, to_port",
        "SELECT rowid, * FROM entry_fts ORDER BY rowid",
        "SELECT id, kind, entity_ext, state, payload FROM outbox ORDER BY id",
    };
    return dumpRows(db, kTables);
}

QByteArray contentHash(models::Database &db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList tables;
    {
        models::Statement st = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                          "'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name");
        while (st.next()) {
            tables << st.text(0);
        }
    }
    for (const QString &table : tables) {
        QStringList columns;
        {
            models::Statement st = db.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
            st.bind(1, table);
            while (st.next()) {
                const QString column = st.text(0);
                // When a sync was tried and succeeded is not catalog content.
                if (table == QLatin1String("sources") &&
                    (column == QLatin1String("last_attempt_at") || column == QLatin1String("last_success_at"))) {
                    continue;
                }
                columns << QLatin1Char('"') + column + QLatin1Char('"');
            }
        }
        const QString list = columns.join(QLatin1Char(','));
        const QString sql = QStringLiteral("SELECT %1 FROM \"%2\" ORDER BY %1").arg(list, table);
        models::Statement st = db.prepare(sql.toStdString());
        hash.addData(table.toUtf8());
        while (st.next()) {
            for (int c = 0; c < st.columnCount(); ++c) {
                const std::span<const std::byte> bytes = st.blob(c);
                hash.addData(QByteArrayView(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())));
                hash.addData(QByteArrayView(st.isNull(c) ? "\x01" : "\x00", 1));
            }
        }
    }
    return hash.result().toHex();
}

namespace {

// The natural key of each surrogate id, for the logical dump.
struct NaturalKeys
{
    QHash<qint64, QString> sources, domains, teams, people, entries;

    explicit NaturalKeys(models::Database &db)
    {
        const auto load = [&db](const char *sql, QHash<qint64, QString> &map) {
            models::Statement st = db.prepare(sql);
            while (st.next()) {
                map.insert(st.int64(0), st.text(1));
            }
        };
        load("SELECT id, uri FROM sources", sources);
        load("SELECT d.id, s.uri || '/' || d.ext_id FROM domains d JOIN sources s ON s.id = d.source_id", domains);
        load("SELECT t.id, s.uri || '/' || t.ext_id FROM teams t JOIN sources s ON s.id = t.source_id", teams);
        load("SELECT p.id, s.uri || '/' || p.ext_id FROM people p JOIN sources s ON s.id = p.source_id", people);
        load("SELECT e.id, s.uri || '/' || e.ext_id FROM entries e JOIN sources s ON s.id = e.source_id", entries);
    }

    // A facet token (CatalogWriter's kFacetsSql) with its id replaced by the key; empty for the rowid blocks.
    [[nodiscard]] QString facet(const QString &token) const
    {
        const auto translate = [&token](qsizetype prefix, const QHash<qint64, QString> &map) -> QString {
            bool ok = false;
            const qint64 id = token.mid(prefix).toLongLong(&ok);
            if (!ok) {
                return token;
            }
            return token.left(prefix) + QLatin1Char(':') +
                   map.value(id, id == 0 ? QStringLiteral("none") : QStringLiteral("?%1").arg(id));
        };
        const QString t = token.toLower();
        if (t.startsWith(QLatin1String("0fb"))) {
            return {};
        }
        if (t.startsWith(QLatin1String("0fsrc"))) {
            return translate(5, sources);
        }
        if (t.startsWith(QLatin1String("0fd"))) {
            return translate(3, domains);
        }
        if (t.startsWith(QLatin1String("0fp"))) {
            return translate(3, people);
        }
        if (t.startsWith(QLatin1String("0fq"))) {
            return translate(3, teams);
        }
        return token;
    }

    [[nodiscard]] QString facets(const QString &text) const
    {
        QStringList out;
        // Owner tokens come from group_concat(DISTINCT ...), whose separator is a comma (a token break to FTS5).
        static const QRegularExpression kBreak(QStringLiteral("[ ,]"));
        for (const QString &token : text.split(kBreak, Qt::SkipEmptyParts)) {
            if (QString f = facet(token); !f.isEmpty()) {
                out << f;
            }
        }
        out.sort();
        return out.join(QLatin1Char(' '));
    }
};

// The catalog's tables as the logical dump reads them: natural keys for ids, no gen, no times of sync attempts.
// Keys: the table name; the query. Shadow tables of the FTS5 tables are covered by the documents and integrity-check.
const QList<std::pair<const char *, const char *>> &logicalTables()
{
    static const QList<std::pair<const char *, const char *>> kTables = {
        {"sources", "SELECT uri, kind, name, cursor, snapshot_at, last_error FROM sources"},
        {"domains", "SELECT s.uri, d.ext_id, d.name, d.display_name, d.kind, d.description, d.parent_ext "
                    "FROM domains d JOIN sources s ON s.id = d.source_id"},
        {"teams", "SELECT s.uri, t.ext_id, t.name, t.display_name, t.domain_ext, t.parent_ext, t.email "
                  "FROM teams t JOIN sources s ON s.id = t.source_id"},
        {"people", "SELECT s.uri, p.ext_id, p.name, p.display_name, p.email, p.team_ext "
                   "FROM people p JOIN sources s ON s.id = p.source_id"},
        {"entries", "SELECT s.uri, e.ext_id, e.kind, e.name, e.display_name, e.fqn, d.ext_id, e.status, e.tier, "
                    "e.description, e.version, e.updated_at FROM entries e JOIN sources s ON s.id = e.source_id "
                    "LEFT JOIN domains d ON d.id = e.domain_id"},
        {"entry_tags", "SELECT s.uri, e.ext_id, t.tag FROM entry_tags t JOIN entries e ON e.id = t.entry_id "
                       "JOIN sources s ON s.id = e.source_id"},
        {"entry_tag_names", "SELECT t.tag, t.name, s.uri, e.ext_id FROM entry_tag_names t "
                            "LEFT JOIN entries e ON e.id = t.entry_id LEFT JOIN sources s ON s.id = e.source_id"},
        {"ownerships", "SELECT s.uri, e.ext_id, o.role, o.party_kind, coalesce(p.ext_id, tm.ext_id, '?') "
                       "FROM ownerships o JOIN entries e ON e.id = o.entry_id JOIN sources s ON s.id = e.source_id "
                       "LEFT JOIN people p ON o.party_kind = 'person' AND p.id = o.party_id "
                       "LEFT JOIN teams tm ON o.party_kind = 'team' AND tm.id = o.party_id"},
        {"ports", "SELECT s.uri, e.ext_id, pt.ext_id, pt.direction, pt.name, pt.description, pt.format, pt.location, "
                  "pt.n_columns, pt.n_described, (" MESHLENS_TEST_PORT_COLUMNS ") FROM ports pt "
                  "JOIN entries e ON e.id = pt.entry_id JOIN sources s ON s.id = e.source_id"},
        // The definitions the ports use (a sync may leave unused ones behind; their ids are surrogates), each
        // once: a definition stored twice shows as two rows.
        {"column_defs", "SELECT name, type, description, nullable, primary_key, tags FROM column_defs "
                        "WHERE id IN (SELECT c.value FROM ports p, json_each(p.columns) c)"},
        {"sla_objectives", "SELECT s.uri, e.ext_id, o.ext_id, o.kind, o.target, o.unit, o.op, o.port_ext, "
                           "o.description FROM sla_objectives o JOIN entries e ON e.id = o.entry_id "
                           "JOIN sources s ON s.id = e.source_id"},
        {"sla_series", "SELECT s.uri, e.ext_id, o.ext_id, x.t0, x.step, x.n, hex(x.vals) FROM sla_series x "
                       "JOIN sla_objectives o ON o.id = x.objective_id JOIN entries e ON e.id = o.entry_id "
                       "JOIN sources s ON s.id = e.source_id"},
        {"checks", "SELECT s.uri, e.ext_id, c.ext_id, c.name, c.kind, c.port_ext, c.column_name, c.description, "
                   "c.severity FROM checks c JOIN entries e ON e.id = c.entry_id JOIN sources s ON s.id = e.source_id"},
        {"check_series", "SELECT s.uri, e.ext_id, c.ext_id, x.t0, x.step, x.n, hex(x.statuses), hex(x.vals), x.message "
                         "FROM check_series x JOIN checks c ON c.id = x.check_id JOIN entries e ON e.id = c.entry_id "
                         "JOIN sources s ON s.id = e.source_id"},
        {"lineage", "SELECT s.uri, l.from_ext, l.from_port, l.to_ext, l.to_port, l.column_map, l.description "
                    "FROM lineage l JOIN sources s ON s.id = l.source_id"},
        {"outbox", "SELECT o.id, o.kind, s.uri, o.entity_kind, o.entity_ext, o.base_version, o.payload, o.state, "
                   "o.attempts, o.last_error, o.created_at, o.reply, o.theirs, o.exported_at "
                   "FROM outbox o LEFT JOIN sources s ON s.id = o.source_id"},
        {"local_state", "SELECT key, value FROM local_state"},
        {"source_problems", "SELECT s.uri, p.file, p.line, p.severity, p.message FROM source_problems p "
                            "JOIN sources s ON s.id = p.source_id"},
        {"source_state", "SELECT s.uri, t.key, length(t.value), hex(t.value) FROM source_state t "
                         "JOIN sources s ON s.id = t.source_id"},
        {"health_state", "SELECT evaluated_at, window_days, goal FROM health_state"},
        {"product_health", "SELECT s.uri, e.ext_id, h.sla, h.quality, h.metadata, h.breached_now, h.failing_checks "
                           "FROM product_health h LEFT JOIN entries e ON e.id = h.entry_id "
                           "LEFT JOIN sources s ON s.id = e.source_id"},
        {"objective_health", "SELECT s.uri, e.ext_id, o.ext_id, h.state, h.latest, h.compliance, h.budget_remaining, "
                             "h.burn_rate, h.last_breach_end, h.breach_since, h.rejected FROM objective_health h "
                             "LEFT JOIN sla_objectives o ON o.id = h.objective_id "
                             "LEFT JOIN entries e ON e.id = o.entry_id LEFT JOIN sources s ON s.id = e.source_id"},
    };
    return kTables;
}

QString rowText(const models::Statement &st, int from = 0)
{
    QStringList row;
    for (int c = from; c < st.columnCount(); ++c) {
        row << (st.isNull(c) ? QStringLiteral("NULL") : st.text(c));
    }
    return row.join(QLatin1Char('|'));
}

void appendBlock(QString &out, const QString &table, QStringList rows)
{
    rows.sort();
    out += QStringLiteral("## %1 (%2)\n").arg(table).arg(rows.size());
    for (const QString &row : rows) {
        out += row + QLatin1Char('\n');
    }
}

} // namespace

QString logicalCatalog(models::Database &db)
{
    const NaturalKeys keys(db);
    QString out;
    QSet<QString> known = {QStringLiteral("entry_fts"), QStringLiteral("entry_fts_vocab"),
                           QStringLiteral("entry_name_fts"), QStringLiteral("search_terms")};
    for (const auto &[table, sql] : logicalTables()) {
        known.insert(QLatin1String(table));
        QStringList rows;
        models::Statement st = db.prepare(sql);
        if (!st.isValid()) {
            rows << QStringLiteral("!prepare failed: %1").arg(db.lastError().message);
        }
        while (st.next()) {
            rows << rowText(st);
        }
        appendBlock(out, QLatin1String(table), rows);
    }
    {
        // The search documents by the entry they index (a document of no entry is an orphan), facets translated.
        QStringList rows;
        models::Statement st = db.prepare("SELECT rowid, name, display_name, tags, domain, owners, description, "
                                          "columns, facets FROM entry_fts");
        while (st.next()) {
            const qint64 rowid = st.int64(0);
            const QString entry = keys.entries.value(rowid, QStringLiteral("orphan:%1").arg(rowid));
            QStringList row{entry};
            for (int c = 1; c < 8; ++c) {
                row << st.text(c);
            }
            row << keys.facets(st.text(8));
            rows << row.join(QLatin1Char('|'));
        }
        appendBlock(out, QStringLiteral("entry_fts"), rows);
    }
    {
        QStringList rows;
        models::Statement st = db.prepare("SELECT term, docs FROM search_terms");
        while (st.next()) {
            const QString term = st.text(0);
            if (term.startsWith(QLatin1String("0f"))) {
                if (const QString f = keys.facet(term); !f.isEmpty()) {
                    rows << f + QLatin1Char('|') + st.text(1);
                }
                continue;
            }
            rows << rowText(st);
        }
        appendBlock(out, QStringLiteral("search_terms"), rows);
    }
    for (const char *fts : {"entry_fts", "entry_name_fts"}) {
        const auto err = db.exec(
            QStringLiteral("INSERT INTO %1(%1) VALUES('integrity-check')").arg(QLatin1String(fts)).toStdString());
        out += QStringLiteral("## %1 integrity-check: %2\n")
                   .arg(QLatin1String(fts), err ? err->message : QStringLiteral("ok"));
    }
    {
        QStringList unknown;
        models::Statement st = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                          "'sqlite_%' AND name NOT LIKE 'entry_fts_%' AND "
                                          "name NOT LIKE 'entry_name_fts_%'");
        while (st.next()) {
            if (!known.contains(st.text(0))) {
                unknown << st.text(0);
            }
        }
        appendBlock(out, QStringLiteral("tables the logical dump does not know"), unknown);
    }
    return out;
}

QString firstDifference(const QString &expected, const QString &actual)
{
    if (expected == actual) {
        return {};
    }
    const QStringList a = expected.split(QLatin1Char('\n'));
    const QStringList b = actual.split(QLatin1Char('\n'));
    QString table;
    // Long lines (a search document) are shown around where they part.
    qsizetype from = 0;
    const auto clip = [&from](const QString &line) -> QString {
        const QString shown = line.mid(from, 300);
        return (from > 0 ? QStringLiteral("…") : QString()) + shown +
               (from + shown.size() < line.size() ? QStringLiteral("…") : QString());
    };
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        const QString x = i < a.size() ? a[i] : QStringLiteral("(end)");
        const QString y = i < b.size() ? b[i] : QStringLiteral("(end)");
        if (x.startsWith(QLatin1String("## "))) {
            table = x;
        }
        if (x != y) {
            qsizetype at = 0;
            while (at < x.size() && at < y.size() && x[at] == y[at]) {
                ++at;
            }
            from = std::max<qsizetype>(0, at - 80);
            return QStringLiteral("catalogs differ at line %1 (in %2):\n  expected: %3\n  actual:   %4")
                .arg(i + 1)
                .arg(table.isEmpty() ? QStringLiteral("the first table") : table, clip(x), clip(y));
        }
    }
    return QStringLiteral("catalogs differ");
}

QString dumpRows(models::Database &db, const QList<const char *> &queries)
{
    QString out;
    for (const char *sql : queries) {
        out += QLatin1String(sql) + QLatin1Char('\n');
        models::Statement st = db.prepare(sql);
        if (!st.isValid()) {
            out += QStringLiteral("!prepare failed: %1\n").arg(db.lastError().message);
            continue;
        }
        while (st.next()) {
            QStringList row;
            for (int c = 0; c < st.columnCount(); ++c) {
                row << (st.isNull(c) ? QStringLiteral("NULL") : st.text(c));
            }
            out += row.join(QLatin1Char('|')) + QLatin1Char('\n');
        }
    }
    return out;
}

namespace {
QString slurp(std::FILE *f)
{
    std::fflush(f);
    std::rewind(f);
    QByteArray data;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        data.append(buf, static_cast<qsizetype>(n));
    }
    std::fclose(f);
    return QString::fromUtf8(data);
}
} // namespace

Captured capture(const std::function<int(std::FILE *out, std::FILE *err)> &run)
{
    std::FILE *out = std::tmpfile();
    std::FILE *err = std::tmpfile();
    Captured r;
    r.code = run(out, err);
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

bool generateBundle(const QString &path, std::int64_t products, std::uint64_t seed)
{
    models::GeneratorOptions options;
    options.products = products;
    options.seed = seed;
    options.asOf = 1'763'683'200;
    return generateBundle(path, options);
}

bool generateBundle(const QString &path, const models::GeneratorOptions &options)
{
    QSaveFile out(path);
    return out.open(QIODevice::WriteOnly) && !models::CatalogGenerator(options).write(out) && out.commit();
}

QString generatedCache(const QString &dir, std::int64_t products)
{
    const QString bundle = QDir(dir).filePath(QStringLiteral("generated-%1.ndjson").arg(products));
    const QString cache = QDir(dir).filePath(QStringLiteral("generated-%1.db").arg(products));
    return generateBundle(bundle, products, 1) && syncNow(cache, bundle).ok ? cache : QString();
}

KilledRun runSelf(const QStringList &args, int killAfterMs)
{
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments(args);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer clock;
    clock.start();
    child.start();
    if (!child.waitForStarted()) {
        return {};
    }
    KilledRun run;
    if (killAfterMs < 0 || child.waitForFinished(killAfterMs)) {
        child.waitForFinished(-1);
    } else {
        child.kill(); // SIGKILL: no rollback, no cleanup
        child.waitForFinished(-1);
        run.killed = true;
    }
    run.ms = clock.elapsed();
    return run;
}

namespace {

// The value of a JSON string key in a bundle line as the generator writes it ("key":"value", no escapes in ids).
QByteArray stringField(const QByteArray &line, const QByteArray &key)
{
    const QByteArray marker = '"' + key + "\":\"";
    const qsizetype at = line.indexOf(marker);
    if (at < 0) {
        return {};
    }
    const qsizetype from = at + marker.size();
    return line.mid(from, line.indexOf('"', from) - from);
}

QByteArray changedLine(QByteArray line, const QByteArray &type)
{
    if (type == "product") {
        line.replace("\"description\":\"", "\"description\":\"Revised: ");
    } else if (type == "sla_measurement") {
        const qsizetype close = line.lastIndexOf(']');
        const qsizetype comma = std::max(line.lastIndexOf(',', close), line.lastIndexOf('[', close));
        line.replace(comma + 1, close - comma - 1, "999");
    } else if (type == "check_result") {
        const qsizetype at = line.indexOf("\"statuses\":\"");
        const qsizetype close = line.indexOf('"', at + 12);
        if (close > at + 12) {
            line[close - 1] = 'F';
        }
    }
    return line;
}

std::optional<BundleChangeCounts> changeBundle(const QString &in, const QString &out, const BundleChanges &c,
                                               bool delta)
{
    QFile source(in);
    QFile target(out);
    if (!source.open(QIODevice::ReadOnly) || !target.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return std::nullopt;
    }
    BundleChangeCounts counts;
    std::int64_t index = -1, records = 0;
    QByteArray product; // the product whose group is being read
    bool removed = false, changed = false, copied = false;
    QList<QByteArray> group; // its lines, for the copy
    QSet<QByteArray> gone;
    const auto write = [&](const QByteArray &line) {
        target.write(line);
        target.write("\n");
        ++records;
    };
    const auto endGroup = [&]() {
        if (copied) {
            const QByteArray quoted = QByteArray('"' + product + '"');
            for (const QByteArray &line : group) {
                QByteArray copy = line;
                write(copy.replace(quoted, QByteArray('"' + product + "_copy\"")));
            }
            ++counts.added;
        }
        group.clear();
        copied = false;
    };
    bool first = true;
    while (!source.atEnd()) {
        QByteArray line = source.readLine();
        if (line.endsWith('\n')) {
            line.chop(1);
        }
        if (line.isEmpty()) {
            continue;
        }
        if (first) {
            first = false;
            if (delta) {
                const QByteArray cursor = stringField(line, "cursor");
                line.replace("\"mode\":\"snapshot\"", QByteArray("\"mode\":\"delta\",\"since\":\"" + cursor + '"'));
                line.replace(QByteArray("\"cursor\":\"" + cursor + '"'),
                             QByteArray("\"cursor\":\"" + cursor + "-next\""));
            }
            target.write(line);
            target.write("\n");
            continue;
        }
        const QByteArray type = stringField(line, "type");
        if (type == "product" || type == "end") {
            endGroup(); // the copy follows its original's lineage edges, a group of its own as writers group them
        }
        if (type == "product") {
            ++index;
            product = stringField(line, "id");
            removed = index % c.removeEvery == 7;
            changed = !removed && index % c.changeEvery == 3;
            copied = !removed && index % c.addEvery == 11;
            if (removed) {
                gone.insert(product);
                ++counts.removed;
                if (delta) {
                    write("{\"type\":\"tombstone\",\"of\":\"product\",\"id\":\"" + product + "\"}");
                }
            }
            counts.changed += changed ? 1 : 0;
        }
        if (type == "end") {
            write("{\"type\":\"end\",\"records\":" + QByteArray::number(records) + '}');
            break;
        }
        if (type == "lineage") {
            if (!delta && !gone.contains(stringField(line, "from")) && !gone.contains(stringField(line, "to"))) {
                write(line);
            }
            continue;
        }
        const bool inProduct = !product.isEmpty() && (type == "product" || stringField(line, "product") == product);
        if (!inProduct) {
            if (!delta) {
                write(line); // domains, teams, people
            } else if (type == "domain" || type == "team" || type == "person") {
                write(line); // a delta may carry them again; products refer to them
            }
            continue;
        }
        if (removed) {
            continue;
        }
        if (copied) {
            group << line;
        }
        if (changed) {
            write(changedLine(line, type));
        } else if (!delta) {
            write(line);
        }
    }
    endGroup();
    return target.error() == QFileDevice::NoError ? std::optional(counts) : std::nullopt;
}

} // namespace

std::optional<BundleChangeCounts> changedSnapshot(const QString &in, const QString &out, const BundleChanges &c)
{
    return changeBundle(in, out, c, false);
}

std::optional<BundleChangeCounts> changedDelta(const QString &in, const QString &out, const BundleChanges &c)
{
    return changeBundle(in, out, c, true);
}

bool queueUnsentWork(models::Database &db, std::int64_t edited, std::int64_t commented)
{
    models::Outbox outbox(db);
    models::ProductEdit edit;
    edit.description = QStringLiteral("Reviewed by the steward");
    edit.addTags = {QStringLiteral("reviewed")};
    const models::Feedback feedback{QStringLiteral("data_issue"),
                                    2,
                                    QStringLiteral("Doubled rows"),
                                    QStringLiteral("Every order appears twice"),
                                    {},
                                    {},
                                    {}};
    return outbox.queueEdit(edited, edit, 1'763'683'300).ok() &&
           outbox.queueFeedback(commented, feedback, 1'763'683'400).ok();
}

QString openCache(models::Database &db, const QString &path)
{
    if (auto err = db.open(path)) {
        return err->message;
    }
    if (auto err = models::Schema::migrate(db)) {
        return err->message;
    }
    return {};
}

std::shared_ptr<const models::HealthSnapshot> cacheHealth(const QString &dbPath, models::Database &db)
{
    if (const QString err = openCache(db, dbPath); !err.isEmpty()) {
        qWarning("cacheHealth: %s", qPrintable(err));
        return nullptr;
    }
    return models::buildHealthSnapshot(db, models::HealthPolicy{}).snapshot;
}

namespace {
// Where the tests write the bundle of the cache at dbPath: beside it, <name>.ndjson.
QString bundleBeside(const QString &dbPath)
{
    const QFileInfo cache(dbPath);
    return cache.dir().filePath(cache.completeBaseName() + QStringLiteral(".ndjson"));
}
} // namespace

QString syncedCache(models::Database &db, const QString &dbPath, const QByteArray &bundle)
{
    const QString path = bundleBeside(dbPath);
    if (!writeFile(path, bundle)) {
        return QStringLiteral("cannot write %1").arg(path);
    }
    if (const models::SyncResult r = syncNow(dbPath, path); !r.ok) {
        return r.error.isEmpty() ? QStringLiteral("the sync of %1 failed").arg(path) : r.error;
    }
    return openCache(db, dbPath);
}

std::shared_ptr<const models::HealthSnapshot> sampleHealth(const QString &dbPath, models::Database &db)
{
    if (!syncBundle(dbPath, bundleBeside(dbPath), sampleBundle())) {
        qWarning("sampleHealth: the sample bundle did not sync into %s", qPrintable(dbPath));
        return nullptr;
    }
    return cacheHealth(dbPath, db);
}

std::unique_ptr<models::CacheSession> openSession(const QString &path)
{
    auto session = std::make_unique<models::CacheSession>();
    if (auto err = session->open(path)) {
        qWarning("cannot open a session on %s: %s", qPrintable(path), qPrintable(err->message));
        return nullptr;
    }
    return session;
}

} // namespace meshlens::test
