#include "schema.h"

#include "../logging.h"
#include "catalogwriter.h"
#include "columndefs.h"
#include "searchindex.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sqlite3.h>

#include <array>
#include <string_view>

namespace meshlens::models {

namespace {

// Version 1: the whole catalog. Notes on shape, because they are load-bearing for speed at 1M products:
// - every entity carries its source and the source's id (ext_id), unique per source (or per parent);
// - `gen` is the sync generation that last wrote the row: a snapshot sync sweeps rows of older generations;
// - port columns are one JSON array per port (read and written per port; 30M column rows would dominate ingest);
// - SLA measurements and check results are stored as regular-step series chunks (a float32 / status byte per
//   point) rather than a row per point: 180 days x 1M products is a billion points.
constexpr std::string_view kV1 = R"SQL(
CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    uri             TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL DEFAULT '',
    cursor          TEXT,
    gen             INTEGER NOT NULL DEFAULT 0,
    snapshot_at     INTEGER,
    last_attempt_at INTEGER,
    last_success_at INTEGER,
    last_error      TEXT
);

CREATE TABLE domains (
    id           INTEGER PRIMARY KEY,
    source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    ext_id       TEXT NOT NULL,
    name         TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    parent_ext   TEXT,
    gen          INTEGER NOT NULL,
    UNIQUE (source_id, ext_id)
);

CREATE TABLE teams (
    id           INTEGER PRIMARY KEY,
    source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    ext_id       TEXT NOT NULL,
    name         TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    domain_ext   TEXT,
    parent_ext   TEXT,
    email        TEXT,
    gen          INTEGER NOT NULL,
    UNIQUE (source_id, ext_id)
);

CREATE TABLE people (
    id           INTEGER PRIMARY KEY,
    source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    ext_id       TEXT NOT NULL,
    name         TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    email        TEXT,
    team_ext     TEXT,
    gen          INTEGER NOT NULL,
    UNIQUE (source_id, ext_id)
);

-- Catalog entries: data products, and the assets asset-centric sources expose (table, topic, dashboard, pipeline).
CREATE TABLE entries (
    id           INTEGER PRIMARY KEY,
    source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    ext_id       TEXT NOT NULL,
    kind         TEXT NOT NULL DEFAULT 'product',
    name         TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    fqn          TEXT NOT NULL DEFAULT '',
    domain_id    INTEGER REFERENCES domains(id) ON DELETE SET NULL,
    status       TEXT NOT NULL DEFAULT '',
    tier         INTEGER,
    description  TEXT NOT NULL DEFAULT '',
    version      TEXT NOT NULL DEFAULT '',
    updated_at   INTEGER,
    gen          INTEGER NOT NULL,
    UNIQUE (source_id, ext_id)
);
CREATE INDEX entries_domain ON entries(domain_id);
CREATE INDEX entries_name ON entries(name COLLATE NOCASE);

CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (entry_id, tag)
) WITHOUT ROWID;
CREATE INDEX entry_tags_tag ON entry_tags(tag);

-- Who answers for an entry. party_kind says whether party_id is a people.id or a teams.id.
CREATE TABLE ownerships (
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'steward', 'expert')),
    party_kind TEXT NOT NULL CHECK (party_kind IN ('person', 'team')),
    party_id   INTEGER NOT NULL,
    PRIMARY KEY (entry_id, role, party_kind, party_id)
) WITHOUT ROWID;
CREATE INDEX ownerships_party ON ownerships(party_id, party_kind);

CREATE TABLE ports (
    id           INTEGER PRIMARY KEY,
    entry_id     INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    ext_id       TEXT NOT NULL,
    direction    TEXT NOT NULL CHECK (direction IN ('output', 'input')),
    name         TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    format       TEXT NOT NULL DEFAULT '',
    location     TEXT NOT NULL DEFAULT '',
    columns      TEXT NOT NULL DEFAULT '[]', -- JSON: [{"name","type","description","nullable","primary_key","tags"}]
    column_names TEXT NOT NULL DEFAULT '',   -- the names, space-separated, for the search index
    gen          INTEGER NOT NULL,
    UNIQUE (entry_id, ext_id)
);

CREATE TABLE sla_objectives (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    ext_id      TEXT NOT NULL,
    kind        TEXT NOT NULL,                -- freshness, availability, latency, completeness, ...
    target      REAL NOT NULL,
    unit        TEXT NOT NULL DEFAULT '',
    op          TEXT NOT NULL DEFAULT '<=' CHECK (op IN ('<=', '>=')), -- a measurement meets the SLA when value op target
    port_ext    TEXT,
    description TEXT NOT NULL DEFAULT '',
    gen         INTEGER NOT NULL,
    UNIQUE (entry_id, ext_id)
);

-- A chunk of measurements: n points at t0, t0+step, ...; vals is n little-endian float32, NaN for a gap.
-- Keyed by (objective, t0) in one b-tree: a 180-day chunk is 720 bytes and stays on its page.
CREATE TABLE sla_series (
    objective_id INTEGER NOT NULL REFERENCES sla_objectives(id) ON DELETE CASCADE,
    t0           INTEGER NOT NULL,
    step         INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    vals         BLOB NOT NULL,
    PRIMARY KEY (objective_id, t0)
) WITHOUT ROWID;

CREATE TABLE checks (
    id           INTEGER PRIMARY KEY,
    entry_id     INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    ext_id       TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL DEFAULT '',
    port_ext     TEXT,
    column_name  TEXT,
    description  TEXT NOT NULL DEFAULT '',
    severity     TEXT NOT NULL DEFAULT '',
    gen          INTEGER NOT NULL,
    UNIQUE (entry_id, ext_id)
);

-- A chunk of check results, like sla_series: statuses is n ASCII bytes, 'P' pass, 'F' fail, 'A' aborted,
-- '-' no run; vals (optional) n float32 observed values; message the text of a single result.
CREATE TABLE check_series (
    check_id INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
    t0       INTEGER NOT NULL,
    step     INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    statuses BLOB NOT NULL,
    vals     BLOB,
    message  TEXT,
    PRIMARY KEY (check_id, t0)
) WITHOUT ROWID;

-- Lineage between entries (and optionally their ports), by the source's ids so edges may arrive before nodes.
CREATE TABLE lineage (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    from_ext    TEXT NOT NULL,
    from_port   TEXT NOT NULL DEFAULT '',
    to_ext      TEXT NOT NULL,
    to_port     TEXT NOT NULL DEFAULT '',
    column_map  TEXT,  -- JSON [[from_column, to_column], ...]
    description TEXT NOT NULL DEFAULT '',
    gen         INTEGER NOT NULL,
    UNIQUE (source_id, from_ext, from_port, to_ext, to_port)
);
CREATE INDEX lineage_to ON lineage(source_id, to_ext);

-- Writes the user made (metadata edits, feedback), durable before the UI confirms them.
-- id is client-generated and travels with the delivery so a retry can never duplicate it.
CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('edit', 'feedback')),
    source_id       INTEGER NOT NULL REFERENCES sources(id),
    entity_kind     TEXT NOT NULL,
    entity_ext      TEXT NOT NULL,
    base_version    TEXT,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'delivered', 'conflict', 'rejected')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    next_attempt_at INTEGER
);
CREATE INDEX outbox_entity ON outbox(source_id, entity_ext);

-- Full-text index over entries; rowid = entries.id. Later work tunes tokenizer, prefixes and weights.
CREATE VIRTUAL TABLE entry_fts USING fts5(
    name, display_name, tags, domain, owners, description, columns,
    tokenize = 'unicode61 remove_diacritics 2'
);
)SQL";

// Version 2: small local state the app keeps beside the catalog (saved and recent searches, UI state that must
// travel with the cache rather than the machine's settings).
constexpr std::string_view kV2 = R"SQL(
CREATE TABLE local_state (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
)SQL";

// Version 3: the search engine's indexes (models/search/). The full-text table gains prefix indexes for 2- and
// 3-character prefixes (typing "ab" must not scan every term starting with "ab"); an fts5vocab view exposes the
// vocabulary for typo correction; name, display name, FQN and id get the indexes the exact and name-prefix ranking
// tiers look up. (Later versions reshape the documents again; the last of them rebuilds them, see postMigration.)
constexpr std::string_view kV3 = R"SQL(
DROP TABLE IF EXISTS entry_fts;
CREATE VIRTUAL TABLE entry_fts USING fts5(
    name, display_name, tags, domain, owners, description, columns,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE entry_fts_vocab USING fts5vocab(entry_fts, 'row');
-- The vocabulary with document counts, copied from entry_fts_vocab after every sync: IDF and typo correction
-- read it in microseconds, where the fts5vocab view walks the whole index (0.5 s at 100k products).
CREATE TABLE search_terms (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX entries_display_name ON entries(display_name COLLATE NOCASE);
CREATE INDEX entries_fqn ON entries(fqn COLLATE NOCASE);
CREATE INDEX entries_ext ON entries(ext_id);
-- A filter on one domain, status or tier lists its products by name straight from these, a page at a time.
CREATE INDEX entries_domain_name ON entries(domain_id, name COLLATE NOCASE);
CREATE INDEX entries_status_name ON entries(status COLLATE NOCASE, name COLLATE NOCASE);
CREATE INDEX entries_tier_name ON entries(tier, name COLLATE NOCASE);
)SQL";

// Version 4: what the outbox needs beyond version 1's table: the source's reply to a delivered item, the source's
// side of a conflict (JSON, for the 3-way view), and when an item was written to an export file (bundle sources
// accept no writes; an item is delivered only once the user confirms the export).
constexpr std::string_view kV4 = R"SQL(
ALTER TABLE outbox ADD COLUMN reply TEXT;
ALTER TABLE outbox ADD COLUMN theirs TEXT;
ALTER TABLE outbox ADD COLUMN exported_at INTEGER;
CREATE INDEX outbox_state ON outbox(state, next_attempt_at);
)SQL";

// Version 5: a full-text index of names alone. "Products with this word in their name" is the search's most
// valuable candidate set, and asking entry_fts for it (a column filter) walks the word's whole doclist when the
// word is common in descriptions but rare in names: 26 ms for one word at 1M products. This index answers it from
// doclists that hold names only. External content (entries) kept exact by triggers, so every writer path, cascade
// and edit maintains it without knowing it exists; an unchanged name is not re-indexed.
//
// The search documents gain a facets column: a token per filterable value (domain, source, tier, status, tag,
// owner; see CatalogWriter's kFacetsSql), so a filter with words is one FTS5 query. Version 6 recreates both
// indexes, and its postMigration builds them.
constexpr std::string_view kV5 = R"SQL(
DROP TABLE IF EXISTS entry_fts_vocab;
DROP TABLE IF EXISTS entry_fts;
CREATE VIRTUAL TABLE entry_fts USING fts5(
    name, display_name, tags, domain, owners, description, columns, facets,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE entry_fts_vocab USING fts5vocab(entry_fts, 'row');
CREATE VIRTUAL TABLE entry_name_fts USING fts5(
    name, display_name, content = 'entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER entries_name_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entry_name_fts(rowid, name, display_name) VALUES (new.id, new.name, new.display_name);
END;
CREATE TRIGGER entries_name_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entry_name_fts(entry_name_fts, rowid, name, display_name)
    VALUES ('delete', old.id, old.name, old.display_name);
END;
CREATE TRIGGER entries_name_fts_update AFTER UPDATE OF name, display_name ON entries
WHEN old.name IS NOT new.name OR old.display_name IS NOT new.display_name BEGIN
    INSERT INTO entry_name_fts(entry_name_fts, rowid, name, display_name)
    VALUES ('delete', old.id, old.name, old.display_name);
    INSERT INTO entry_name_fts(rowid, name, display_name) VALUES (new.id, new.name, new.display_name);
END;
-- A tag's products in name order, for listing tag: filters a page at a time (the name-ordered scan probing each
-- product's tags walks 20,000 names before the first "pii" product at 1M). Kept by triggers like entry_name_fts;
-- an entry's own rows go before the entry does, while its tags can still be read.
CREATE TABLE entry_tag_names (
    tag      TEXT NOT NULL,
    name     TEXT NOT NULL COLLATE NOCASE,
    entry_id INTEGER NOT NULL,
    PRIMARY KEY (tag, name, entry_id)
) WITHOUT ROWID;
CREATE TRIGGER entry_tags_names_insert AFTER INSERT ON entry_tags BEGIN
    INSERT OR IGNORE INTO entry_tag_names(tag, name, entry_id)
    SELECT new.tag, e.name, e.id FROM entries e WHERE e.id = new.entry_id;
END;
CREATE TRIGGER entry_tags_names_delete AFTER DELETE ON entry_tags BEGIN
    DELETE FROM entry_tag_names
     WHERE tag = old.tag AND name = (SELECT name FROM entries WHERE id = old.entry_id) AND entry_id = old.entry_id;
END;
CREATE TRIGGER entries_tag_names_delete BEFORE DELETE ON entries BEGIN
    DELETE FROM entry_tag_names
     WHERE tag IN (SELECT tag FROM entry_tags WHERE entry_id = old.id) AND name = old.name AND entry_id = old.id;
END;
CREATE TRIGGER entries_tag_names_rename AFTER UPDATE OF name ON entries WHEN old.name IS NOT new.name BEGIN
    UPDATE entry_tag_names SET name = new.name
     WHERE tag IN (SELECT tag FROM entry_tags WHERE entry_id = new.id) AND name = old.name AND entry_id = new.id;
END;
-- owner: filters name a person by id, name, display name or e-mail: one index each (15,000 people at 1M products).
CREATE INDEX people_ext ON people(ext_id);
CREATE INDEX people_name ON people(name COLLATE NOCASE);
CREATE INDEX people_display_name ON people(display_name COLLATE NOCASE);
CREATE INDEX people_email ON people(email COLLATE NOCASE);
)SQL";

// Version 6: both full-text indexes also index each pair of adjacent words as one token (the meshlens_pairs
// tokenizer, models/store/pairtokenizer.h), so a quoted phrase reads its pairs' short doclists instead of walking
// its words' long ones. The facets column's filter tokens are not paired.
constexpr std::string_view kV6 = R"SQL(
DROP TABLE IF EXISTS entry_fts_vocab;
DROP TABLE IF EXISTS entry_fts;
CREATE VIRTUAL TABLE entry_fts USING fts5(
    name, display_name, tags, domain, owners, description, columns, facets,
    tokenize = 'meshlens_pairs unpaired 0f remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE entry_fts_vocab USING fts5vocab(entry_fts, 'row');
DROP TABLE IF EXISTS entry_name_fts;
CREATE VIRTUAL TABLE entry_name_fts USING fts5(
    name, display_name, content = 'entries', content_rowid = 'id',
    tokenize = 'meshlens_pairs remove_diacritics 2', prefix = '2 3'
);
)SQL";

// Version 7: what sources keep beside their catalog. Problems a source found in its input (a contract file that
// is not YAML, a duplicate id), replaced by every successful sync of that source; and source-private state (a
// contracts folder's file manifest, an event cursor), written in the sync's transaction.
constexpr std::string_view kV7 = R"SQL(
CREATE TABLE IF NOT EXISTS source_problems (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    file      TEXT NOT NULL DEFAULT '',
    line      INTEGER NOT NULL DEFAULT 0,
    severity  TEXT NOT NULL DEFAULT 'error',
    message   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS source_problems_source ON source_problems(source_id);
CREATE TABLE IF NOT EXISTS source_state (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    key       TEXT NOT NULL,
    value     BLOB NOT NULL,
    PRIMARY KEY (source_id, key)
) WITHOUT ROWID;
)SQL";

// Version 8: the catalog's health, materialised by every sync in its transaction (models/health/healthstore.h) so
// the health views, badges and lineage colours read it at start instead of evaluating every series. What is stored
// is what the evaluation of series gives; what follows from it cheaply (scores, bands, roll-ups) is derived when it
// is read. health_state says for which evaluation time and policy the rows hold; a cache migrated from version 7
// has none until its next sync, and computes health as before meanwhile.
constexpr std::string_view kV8 = R"SQL(
CREATE TABLE IF NOT EXISTS health_state (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    evaluated_at INTEGER NOT NULL,
    window_days  INTEGER NOT NULL,
    goal         REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS product_health (
    entry_id       INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
    sla            REAL,
    quality        REAL,
    metadata       REAL NOT NULL,
    breached_now   INTEGER NOT NULL,
    failing_checks INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS objective_health (
    objective_id     INTEGER PRIMARY KEY REFERENCES sla_objectives(id) ON DELETE CASCADE,
    state            INTEGER NOT NULL,
    latest           REAL,
    compliance       REAL,
    budget_remaining REAL,
    burn_rate        REAL,
    last_breach_end  INTEGER,
    breach_since     INTEGER,
    rejected         INTEGER NOT NULL
);
)SQL";

// Version 9: column definitions are stored once (models/store/columndefs.h). The ports' column JSON was the
// cache's largest table (3 KB a product, a third of the file), and catalogs repeat their columns. A port's
// `columns` becomes the JSON array of its column_defs ids, in order; n_columns and n_described are what health
// counts; column_names goes, the search documents read the names through the definitions. The ports table is
// reshaped by postMigration, which converts the JSON it holds (so re-running this on a cache of this shape, as
// tests do, changes nothing).
constexpr std::string_view kV9 = R"SQL(
CREATE TABLE IF NOT EXISTS column_defs (
    id          INTEGER PRIMARY KEY,
    hash        INTEGER NOT NULL,           -- lineHash of ColumnDefs::key, to find a definition again
    name        TEXT NOT NULL,
    type        TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    nullable    INTEGER NOT NULL DEFAULT 1,
    primary_key INTEGER NOT NULL DEFAULT 0,
    tags        TEXT NOT NULL DEFAULT ''    -- '' or a JSON array of strings
);
CREATE INDEX IF NOT EXISTS column_defs_hash ON column_defs(hash);
-- Each port's columns in order, for SQL that reads them (the outbox's link check, tests, the sqlite3 shell).
CREATE VIEW IF NOT EXISTS port_columns AS
SELECT p.id AS port_id, p.entry_id, c.key AS position, d.name, d.type, d.description, d.nullable, d.primary_key,
       d.tags
  FROM ports p, json_each(p.columns) c JOIN column_defs d ON d.id = c.value;
)SQL";

constexpr std::array<std::string_view, Schema::kCurrentVersion> kMigrations = {kV1, kV2, kV3, kV4, kV5,
                                                                               kV6, kV7, kV8, kV9};

// The last version that reshapes the search tables: its migration builds them (see postMigration).
constexpr int kSearchTablesVersion = 6;
constexpr std::int64_t kDocumentChunk = 10000; // products per statement while re-indexing: progress and cancel

std::optional<StoreError> cancelled()
{
    return StoreError{QStringLiteral("the update was cancelled"), SQLITE_INTERRUPT};
}

bool hasColumn(Database &db, std::string_view table, std::string_view column)
{
    Statement st = db.prepare("SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2");
    st.bind(1, table).bind(2, column);
    return st.next();
}

// Version 9's reshaping of ports: each port's column JSON (objects, as versions 1-8 wrote them) becomes the ids of
// its definitions, which are stored once.
std::optional<StoreError> storeColumnDefinitions(Database &db, const Schema::Observer &observe)
{
    if (!hasColumn(db, "ports", "column_names")) {
        return std::nullopt; // already of this shape
    }
    if (auto err = db.exec("ALTER TABLE ports ADD COLUMN n_columns INTEGER NOT NULL DEFAULT 0; "
                           "ALTER TABLE ports ADD COLUMN n_described INTEGER NOT NULL DEFAULT 0; "
                           "ALTER TABLE ports DROP COLUMN column_names;")) {
        return err;
    }
    QElapsedTimer clock;
    clock.start();
    std::int64_t total = 0;
    {
        Statement st = db.prepare("SELECT count(*) FROM ports");
        total = st.next() ? st.int64(0) : 0;
    }
    const QString step = QStringLiteral("Storing column definitions once");
    ColumnDefs defs(db);
    Statement read = db.prepare("SELECT id, columns FROM ports ORDER BY id");
    Statement write = db.prepare("UPDATE ports SET columns = ?2, n_columns = ?3, n_described = ?4 WHERE id = ?1");
    std::int64_t done = 0;
    std::vector<records::Column> columns;
    while (read.next()) {
        if (done % kDocumentChunk == 0 && observe && !observe(step, done, total)) {
            return cancelled();
        }
        columns.clear();
        const QJsonArray array = QJsonDocument::fromJson(read.text(1).toUtf8()).array();
        for (const QJsonValue &v : array) {
            const QJsonObject o = v.toObject();
            records::Column c;
            c.name = o.value(QLatin1String("name")).toString().toStdString();
            c.type = o.value(QLatin1String("type")).toString().toStdString();
            c.description = o.value(QLatin1String("description")).toString().toStdString();
            c.nullable = o.value(QLatin1String("nullable")).toBool(true);
            c.primaryKey = o.value(QLatin1String("primary_key")).toBool(false);
            for (const QJsonValue &t : o.value(QLatin1String("tags")).toArray()) {
                c.tags.push_back(t.toString().toStdString());
            }
            columns.push_back(std::move(c));
        }
        QString error;
        const auto encoded = defs.encode(columns, error);
        if (!encoded) {
            return StoreError{error};
        }
        write.reset();
        write.bind(1, read.int64(0)).bind(2, std::string_view(encoded->ids));
        write.bind(3, static_cast<std::int64_t>(columns.size())).bind(4, encoded->described);
        if (!write.exec()) {
            return write.error() ? *write.error() : db.lastError();
        }
        ++done;
    }
    if (read.error()) {
        return *read.error();
    }
    qCInfo(lcStore) << "migration:" << done << "ports' columns stored as definitions in" << clock.elapsed() << "ms";
    return std::nullopt;
}

// Builds the search tables with today's code (the documents read today's tables, column_defs included).
std::optional<StoreError> rebuildSearchTables(Database &db, const Schema::Observer &observe)
{
    const auto report = [&](const QString &step, std::int64_t done, std::int64_t total) {
        return !observe || observe(step, done, total);
    };
    QElapsedTimer clock;
    clock.start();
    std::int64_t products = 0;
    std::int64_t maxId = 0;
    {
        Statement st = db.prepare("SELECT count(*), coalesce(max(id), 0) FROM entries");
        if (st.next()) {
            products = st.int64(0);
            maxId = st.int64(1);
        }
    }
    const QString indexing = QStringLiteral("Rebuilding the search index");
    if (!report(QStringLiteral("Indexing product names"), 0, 0)) {
        return cancelled();
    }
    if (auto err = SearchIndex::rebuildNameTables(db)) {
        return err;
    }
    qCInfo(lcStore) << "migration: names indexed in" << clock.restart() << "ms";
    // The documents in chunks of ids, in id order (FTS5 appends rowids in order cheaply).
    const std::string chunk = std::string(CatalogWriter::searchDocumentSql()) + " WHERE e.id > ?1 AND e.id <= ?2 "
                                                                                "ORDER BY e.id";
    Statement insert = db.prepare(chunk);
    if (!insert.isValid()) {
        return db.lastError();
    }
    std::int64_t done = 0;
    for (std::int64_t from = 0; from < maxId; from += kDocumentChunk) {
        if (!report(indexing, done, products)) {
            return cancelled();
        }
        insert.reset();
        insert.bind(1, from).bind(2, from + kDocumentChunk);
        if (!insert.exec()) {
            return db.lastError();
        }
        done += db.changes();
    }
    qCInfo(lcStore) << "migration:" << done << "documents indexed in" << clock.restart() << "ms";
    if (!report(QStringLiteral("Counting the vocabulary"), 0, 0)) {
        return cancelled();
    }
    if (auto err = SearchIndex::rebuildVocabulary(db)) {
        return err;
    }
    qCInfo(lcStore) << "migration: vocabulary in" << clock.restart() << "ms";
    if (!report(QStringLiteral("Compacting the search index"), 0, 0)) {
        return cancelled();
    }
    auto err = SearchIndex::optimizeIndexes(db);
    qCInfo(lcStore) << "migration: indexes merged in" << clock.restart() << "ms";
    return err;
}

// Work a migration does after its DDL, in the same transaction. The search tables are built by today's code from
// today's tables, so a cache from before the last version that reshapes them (6; 5 and 3 did before it) has them
// built once, by the last migration it runs.
std::optional<StoreError> postMigration(Database &db, int version, bool last, bool reindex,
                                        const Schema::Observer &observe)
{
    if (version == 9) {
        if (auto err = storeColumnDefinitions(db, observe)) {
            return err;
        }
    }
    return last && reindex ? rebuildSearchTables(db, observe) : std::nullopt;
}

int readPragmaInt(Database &db, std::string_view pragma)
{
    Statement st = db.prepare(pragma);
    return st.next() ? st.int32(0) : -1;
}

} // namespace

int Schema::version(Database &db)
{
    return readPragmaInt(db, "PRAGMA user_version");
}

std::optional<StoreError> Schema::migrate(Database &db, const Observer &observe)
{
    return migrateTo(db, kCurrentVersion, observe);
}

std::int64_t Schema::productsToUpdate(Database &db)
{
    const int current = version(db);
    if (current < 1 || current >= kCurrentVersion) {
        return 0; // empty (nothing to update), or current
    }
    if (current >= kSearchTablesVersion && !hasColumn(db, "ports", "column_names")) {
        return 0; // what is left is DDL: quick
    }
    Statement st = db.prepare("SELECT count(*) FROM entries");
    return st.next() ? st.int64(0) : 0;
}

std::optional<StoreError> Schema::migrateTo(Database &db, int target, const Observer &observe)
{
    const int appId = readPragmaInt(db, "PRAGMA application_id");
    int current = version(db);
    if (current < 0 || appId < 0) {
        return StoreError{
            QStringLiteral("%1 is not a readable SQLite database: %2").arg(db.path(), db.lastError().message)};
    }
    if (current > kCurrentVersion) {
        return StoreError{QStringLiteral("The catalog cache %1 was written by a newer MeshLens (schema version %2; "
                                         "this MeshLens understands up to %3). Update MeshLens, or use another "
                                         "cache with --db.")
                              .arg(db.path())
                              .arg(current)
                              .arg(kCurrentVersion)};
    }
    if (appId != 0 && appId != kApplicationId) {
        return StoreError{QStringLiteral("%1 is an SQLite database of another application, not a MeshLens "
                                         "catalog cache; choose another file with --db.")
                              .arg(db.path())};
    }
    if (current == 0 && appId == 0) {
        Statement st = db.prepare("SELECT count(*) FROM sqlite_schema");
        if (st.next() && st.int64(0) > 0) {
            return StoreError{QStringLiteral("%1 already holds tables that are not a MeshLens catalog cache; "
                                             "choose another file with --db.")
                                  .arg(db.path())};
        }
    }
    if (current >= target) {
        return std::nullopt;
    }
    // Every step in one transaction: the search tables are rebuilt by the last one, so a cache must never be left
    // between the steps (a killed or cancelled update leaves it as it was, at its old version).
    const int from = current;
    const bool reindex = current < kSearchTablesVersion;
    Transaction tx(db);
    if (!tx.isActive()) {
        return tx.beginError();
    }
    for (; current < target; ++current) {
        if (auto err = db.exec(kMigrations[static_cast<size_t>(current)])) {
            err->message = QStringLiteral("Migrating the catalog cache to schema version %1 failed: %2")
                               .arg(current + 1)
                               .arg(err->message);
            return err;
        }
        if (auto err = postMigration(db, current + 1, current + 1 == target, reindex, observe)) {
            err->message = QStringLiteral("Rebuilding the catalog cache for schema version %1 failed: %2")
                               .arg(current + 1)
                               .arg(err->message);
            return err;
        }
    }
    const std::string bump = "PRAGMA user_version = " + std::to_string(target) +
                             "; PRAGMA application_id = " + std::to_string(kApplicationId) + ";";
    if (auto err = db.exec(bump)) {
        return err;
    }
    if (auto err = tx.commit()) {
        return err;
    }
    qCInfo(lcStore) << "migrated" << db.path() << "from schema version" << from << "to" << target;
    return std::nullopt;
}

} // namespace meshlens::models
