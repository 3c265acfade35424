#include "catalogwriter.h"

#include "../catalog/jsonwriter.h"
#include "../health/healthstore.h"
#include "../logging.h"
#include "columndefs.h"
#include "searchindex.h"
#include "seriescodec.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <span>
#include <tuple>

#include <sqlite3.h>

namespace meshlens::models {

using namespace records;

namespace {

constexpr const char *roleName(Role r)
{
    switch (r) {
    case Role::Owner:
        return "owner";
    case Role::Steward:
        return "steward";
    case Role::Expert:
        return "expert";
    }
    return "owner";
}

std::span<const std::byte> bytesOf(const std::string &s)
{
    return {reinterpret_cast<const std::byte *>(s.data()), s.size()};
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// The search document of an entry, built in SQL from the tables so that every writer path indexes alike.
constexpr std::string_view kDocSelect = R"SQL(
INSERT INTO entry_fts(rowid, name, display_name, tags, domain, owners, description, columns, facets)
SELECT e.id, e.name, e.display_name,
       coalesce((SELECT group_concat(tag, ' ') FROM (
                   SELECT t.tag FROM entry_tags t WHERE t.entry_id = e.id ORDER BY t.tag)), ''),
       coalesce(d.display_name || ' ' || d.name, ''),
       coalesce((SELECT group_concat(n, ' ') FROM (
                   SELECT p.display_name || ' ' || p.name AS n FROM ownerships o JOIN people p ON p.id = o.party_id
                    WHERE o.entry_id = e.id AND +o.party_kind = 'person'
                   UNION ALL
                   SELECT t.display_name || ' ' || t.name FROM ownerships o JOIN teams t ON t.id = o.party_id
                    WHERE o.entry_id = e.id AND +o.party_kind = 'team'
                   ORDER BY 1)), ''),
       e.description,
       coalesce((SELECT group_concat(name, ' ') FROM (
                   SELECT d.name FROM ports pt, json_each(pt.columns) c JOIN column_defs d ON d.id = c.value
                    WHERE pt.entry_id = e.id AND d.name <> '' ORDER BY pt.id, c.key)), ''),
       FACETS
  FROM entries e LEFT JOIN domains d ON d.id = e.domain_id
)SQL";

// The facets column of a search document: one token per filterable value (the search engine's filter tokens), so
// that "owner:x word" is one FTS5 query whose AND skips through the word's doclist instead of a scan of it.
// Domain, source and party ids; tier; status and tags as the hex of their UTF-8 (any text becomes one token); and
// the product's rowid blocks of 2^10, 2^13, 2^16 and 2^19 (SearchIndex::kBlockLevels), which bound a budgeted
// scan's slices.
constexpr std::string_view kFacetsSql = R"SQL(
'0fd' || coalesce(e.domain_id, 0) || ' 0fsrc' || e.source_id || ' 0ft' || coalesce(e.tier, 'none') ||
' 0fs' || hex(lower(e.status)) ||
' 0fb10x' || (e.id >> 10) || ' 0fb13x' || (e.id >> 13) || ' 0fb16x' || (e.id >> 16) || ' 0fb19x' || (e.id >> 19) ||
coalesce((SELECT ' ' || group_concat('0fg' || hex(t.tag), ' ') FROM entry_tags t WHERE t.entry_id = e.id), '') ||
coalesce((SELECT ' ' || group_concat(DISTINCT CASE o.party_kind WHEN 'person' THEN '0fp' ELSE '0fq' END || o.party_id)
            FROM ownerships o WHERE o.entry_id = e.id), '')
)SQL";

// kDocSelect with the facets expression in place.
const std::string &documentSql()
{
    static const std::string sql = [] {
        std::string s(kDocSelect);
        s.replace(s.find("FACETS"), 6, kFacetsSql);
        return s;
    }();
    return sql;
}

} // namespace

std::string_view CatalogWriter::searchDocumentSql()
{
    return documentSql();
}

struct CatalogWriter::Statements
{
    Statement freshEntry, freshSla, freshCheck; // plain INSERTs for a source's first load: no RETURNING to materialise
    Statement document, redoDocument;           // streamed search documents, and ids to rebuild from the tables
    Statement domain, team, person, entry, delTags, tag, delOwners, owner, port, sla, clearSla, series, check,
        clearCheck, checkSeries, lineage, findEntry, findSla, findCheck, touch, delSeriesRange, delCheckRange;
    Statement delPorts, delSlas, delChecks, delEdgesInto; // Header::wholeProducts: a product's children before it
    std::unique_ptr<ColumnDefs> columnDefs;               // the ports' column definitions, each stored once
};

CatalogWriter::CatalogWriter(Database &db)
    : m_db(db)
{}

CatalogWriter::~CatalogWriter()
{
    rollback();
}

template<typename Bind>
std::optional<std::int64_t> CatalogWriter::insertReturningId(Statement &fresh, Statement &upsert, Bind &&bind,
                                                             const char *what, std::optional<QString> &error)
{
    if (m_fresh) {
        fresh.reset();
        bind(fresh);
        if (fresh.exec()) {
            return m_db.lastInsertRowId();
        }
        // A row the bundle repeats is an update of the first; anything else is an error.
        if (!fresh.error() || (fresh.error()->sqliteCode & 0xff) != SQLITE_CONSTRAINT) {
            error = failure(fresh, what);
            return std::nullopt;
        }
    }
    upsert.reset();
    bind(upsert);
    if (!upsert.next()) {
        error = failure(upsert, what);
        return std::nullopt;
    }
    const std::int64_t id = upsert.int64(0);
    upsert.reset();
    return id;
}

std::optional<QString> CatalogWriter::stepError(Statement &st, const char *what)
{
    if (st.exec()) {
        return std::nullopt;
    }
    return failure(st, what);
}

QString CatalogWriter::failure(const Statement &st, const char *what) const
{
    // Only says what went wrong: running the statement again here would retry a write that failed (a full disk
    // can let the second attempt through, and the first error would be lost).
    const QString msg = st.error() ? st.error()->message : m_db.lastError().message;
    return QStringLiteral("writing the %1 failed: %2").arg(QLatin1String(what), msg);
}

std::optional<QString> CatalogWriter::begin(const SourceInfo &source, const Header &header)
{
    rollback();
    m_source = source;
    m_header = header;
    m_stats = {};
    m_domains.clear();
    m_teams.clear();
    m_people.clear();
    m_lastEntryExt.clear();
    m_lastChild = {};
    m_doc.reset();
    m_domainText.clear();
    m_teamText.clear();
    m_personText.clear();
    m_streamDocuments = header.mode == BundleMode::Snapshot;
    m_problems.clear();
    m_state.clear();
    m_healthDirty.clear();

    m_tx = std::make_unique<Transaction>(m_db);
    if (!m_tx->isActive()) {
        const QString msg = m_tx->beginError() ? m_tx->beginError()->message : QString();
        m_tx.reset();
        return QStringLiteral("cannot start writing the cache: %1").arg(msg);
    }
    {
        Statement st = m_db.prepare("INSERT INTO sources(uri, kind, name) VALUES(?1, ?2, ?3) "
                                    "ON CONFLICT(uri) DO UPDATE SET kind = excluded.kind "
                                    "RETURNING id, gen, cursor");
        st.bind(1, source.uri).bind(2, source.kind).bind(3, q(header.sourceName));
        if (!st.next()) {
            rollback();
            return QStringLiteral("cannot register the source: %1").arg(m_db.lastError().message);
        }
        m_sourceId = st.int64(0);
        m_gen = st.int64(1) + 1;
        const QString cursor = st.text(2);
        if (header.mode == BundleMode::Delta && !header.since.empty() && cursor != q(header.since)) {
            rollback();
            return QStringLiteral("this delta applies on top of cursor '%1' but the cache holds '%2' for this "
                                  "source; run a full sync")
                .arg(q(header.since), cursor.isEmpty() ? QStringLiteral("nothing") : cursor);
        }
    }
    {
        Statement st = m_db.prepare("SELECT EXISTS(SELECT 1 FROM entries WHERE source_id = ?1)");
        st.bind(1, m_sourceId);
        m_fresh = st.next() && st.int64(0) == 0;
    }
    if (header.mode == BundleMode::Delta) {
        // Small maps: a delta may refer to people, teams and domains it does not carry.
        const auto load = [&](std::string_view sql, std::unordered_map<std::string, std::int64_t> &map) {
            Statement st = m_db.prepare(sql);
            st.bind(1, m_sourceId);
            while (st.next()) {
                map.emplace(std::string(st.textView(0)), st.int64(1));
            }
        };
        load("SELECT ext_id, id FROM domains WHERE source_id = ?1", m_domains);
        load("SELECT ext_id, id FROM teams WHERE source_id = ?1", m_teams);
        load("SELECT ext_id, id FROM people WHERE source_id = ?1", m_people);
        if (auto err = m_db.exec("CREATE TEMP TABLE IF NOT EXISTS touched(id INTEGER PRIMARY KEY); "
                                 "DELETE FROM temp.touched;")) {
            rollback();
            return err->message;
        }
    }

    if (m_streamDocuments) {
        if (auto err = m_db.exec("DROP TABLE IF EXISTS temp.search_docs; DROP TABLE IF EXISTS temp.redo_docs; "
                                 "CREATE TEMP TABLE search_docs(id INTEGER PRIMARY KEY, name, display_name, tags, "
                                 "domain, owners, description, columns, facets); "
                                 "CREATE TEMP TABLE redo_docs(id INTEGER PRIMARY KEY);")) {
            rollback();
            return err->message;
        }
    }

    // Loading into an empty cache: build the secondary indexes once at the end (a sort) instead of row by row.
    m_deferredIndexes.clear();
    m_deferredTriggers.clear();
    if (m_fresh && header.mode == BundleMode::Snapshot) {
        Statement empty = m_db.prepare("SELECT NOT EXISTS(SELECT 1 FROM entries)");
        const bool cacheEmpty = empty.next() && empty.int64(0) != 0;
        empty = Statement(); // finalised: DROP INDEX needs no reader on the schema
        if (cacheEmpty) {
            {
                Statement list = m_db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS "
                                              "NOT NULL AND tbl_name IN ('entries', 'entry_tags', 'ownerships', "
                                              "'lineage')");
                while (list.next()) {
                    m_deferredIndexes.emplace_back(list.text(0).toStdString(), list.text(1).toStdString());
                }
                // Likewise the triggers that keep the names index and the tag-name table: both are built in one
                // pass at the end (halves a 100k-product first sync against row-by-row maintenance).
                Statement triggers = m_db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND "
                                                  "tbl_name IN ('entries', 'entry_tags')");
                while (triggers.next()) {
                    m_deferredTriggers.emplace_back(triggers.text(0).toStdString(), triggers.text(1).toStdString());
                }
            }
            for (const auto &[name, sql] : m_deferredIndexes) {
                if (auto err = m_db.exec("DROP INDEX " + name)) {
                    rollback();
                    return err->message;
                }
            }
            for (const auto &[name, sql] : m_deferredTriggers) {
                if (auto err = m_db.exec("DROP TRIGGER " + name)) {
                    rollback();
                    return err->message;
                }
            }
        }
    }

    m_st = std::make_unique<Statements>();
    Statements &s = *m_st;
    s.domain = m_db.prepare("INSERT INTO domains(source_id, ext_id, name, display_name, kind, description, "
                            "parent_ext, gen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8) "
                            "ON CONFLICT(source_id, ext_id) DO UPDATE SET name=excluded.name, "
                            "display_name=excluded.display_name, kind=excluded.kind, "
                            "description=excluded.description, parent_ext=excluded.parent_ext, gen=excluded.gen "
                            "RETURNING id");
    s.team = m_db.prepare("INSERT INTO teams(source_id, ext_id, name, display_name, domain_ext, parent_ext, email, "
                          "gen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8) "
                          "ON CONFLICT(source_id, ext_id) DO UPDATE SET name=excluded.name, "
                          "display_name=excluded.display_name, domain_ext=excluded.domain_ext, "
                          "parent_ext=excluded.parent_ext, email=excluded.email, gen=excluded.gen RETURNING id");
    s.person = m_db.prepare("INSERT INTO people(source_id, ext_id, name, display_name, email, team_ext, gen) "
                            "VALUES(?1,?2,?3,?4,?5,?6,?7) "
                            "ON CONFLICT(source_id, ext_id) DO UPDATE SET name=excluded.name, "
                            "display_name=excluded.display_name, email=excluded.email, team_ext=excluded.team_ext, "
                            "gen=excluded.gen RETURNING id");
    s.entry = m_db.prepare("INSERT INTO entries(source_id, ext_id, kind, name, display_name, fqn, domain_id, status, "
                           "tier, description, version, updated_at, gen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,"
                           "?12,?13) ON CONFLICT(source_id, ext_id) DO UPDATE SET kind=excluded.kind, "
                           "name=excluded.name, display_name=excluded.display_name, fqn=excluded.fqn, "
                           "domain_id=excluded.domain_id, status=excluded.status, tier=excluded.tier, "
                           "description=excluded.description, version=excluded.version, "
                           "updated_at=excluded.updated_at, gen=excluded.gen RETURNING id");
    s.freshEntry = m_db.prepare("INSERT INTO entries(source_id, ext_id, kind, name, display_name, fqn, domain_id, "
                                "status, tier, description, version, updated_at, gen) "
                                "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
    s.freshSla = m_db.prepare("INSERT INTO sla_objectives(entry_id, ext_id, kind, target, unit, op, port_ext, "
                              "description, gen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    s.freshCheck = m_db.prepare("INSERT INTO checks(entry_id, ext_id, name, kind, port_ext, column_name, "
                                "description, severity, gen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    if (m_streamDocuments) {
        s.document = m_db.prepare("INSERT INTO temp.search_docs(id, name, display_name, tags, domain, owners, "
                                  "description, columns) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
        s.redoDocument = m_db.prepare("INSERT OR IGNORE INTO temp.redo_docs(id) VALUES(?1)");
    }
    s.delTags = m_db.prepare("DELETE FROM entry_tags WHERE entry_id = ?1");
    s.tag = m_db.prepare("INSERT OR IGNORE INTO entry_tags(entry_id, tag) VALUES(?1, ?2)");
    s.delOwners = m_db.prepare("DELETE FROM ownerships WHERE entry_id = ?1");
    s.owner = m_db.prepare("INSERT OR IGNORE INTO ownerships(entry_id, role, party_kind, party_id) "
                           "VALUES(?1,?2,?3,?4)");
    s.port = m_db.prepare("INSERT INTO ports(entry_id, ext_id, direction, name, description, format, location, "
                          "columns, n_columns, n_described, gen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11) "
                          "ON CONFLICT(entry_id, ext_id) DO UPDATE SET direction=excluded.direction, "
                          "name=excluded.name, description=excluded.description, format=excluded.format, "
                          "location=excluded.location, columns=excluded.columns, n_columns=excluded.n_columns, "
                          "n_described=excluded.n_described, gen=excluded.gen");
    s.columnDefs = std::make_unique<ColumnDefs>(m_db);
    s.sla = m_db.prepare("INSERT INTO sla_objectives(entry_id, ext_id, kind, target, unit, op, port_ext, "
                         "description, gen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) "
                         "ON CONFLICT(entry_id, ext_id) DO UPDATE SET kind=excluded.kind, target=excluded.target, "
                         "unit=excluded.unit, op=excluded.op, port_ext=excluded.port_ext, "
                         "description=excluded.description, gen=excluded.gen RETURNING id");
    s.clearSla = m_db.prepare("DELETE FROM sla_series WHERE objective_id = ?1");
    s.series =
        m_db.prepare("INSERT OR REPLACE INTO sla_series(objective_id, t0, step, n, vals) VALUES(?1,?2,?3,?4,?5)");
    s.delSeriesRange = m_db.prepare("DELETE FROM sla_series WHERE objective_id = ?1 AND t0 BETWEEN ?2 AND ?3");
    s.check = m_db.prepare("INSERT INTO checks(entry_id, ext_id, name, kind, port_ext, column_name, description, "
                           "severity, gen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) "
                           "ON CONFLICT(entry_id, ext_id) DO UPDATE SET name=excluded.name, kind=excluded.kind, "
                           "port_ext=excluded.port_ext, column_name=excluded.column_name, "
                           "description=excluded.description, severity=excluded.severity, gen=excluded.gen "
                           "RETURNING id");
    s.clearCheck = m_db.prepare("DELETE FROM check_series WHERE check_id = ?1");
    s.checkSeries = m_db.prepare("INSERT OR REPLACE INTO check_series(check_id, t0, step, n, statuses, vals, message) "
                                 "VALUES(?1,?2,?3,?4,?5,?6,?7)");
    s.delCheckRange = m_db.prepare("DELETE FROM check_series WHERE check_id = ?1 AND t0 BETWEEN ?2 AND ?3");
    s.lineage = m_db.prepare("INSERT INTO lineage(source_id, from_ext, from_port, to_ext, to_port, column_map, "
                             "description, gen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8) "
                             "ON CONFLICT(source_id, from_ext, from_port, to_ext, to_port) DO UPDATE SET "
                             "column_map=excluded.column_map, description=excluded.description, gen=excluded.gen");
    s.findEntry = m_db.prepare("SELECT id FROM entries WHERE source_id = ?1 AND ext_id = ?2");
    s.findSla = m_db.prepare("SELECT id FROM sla_objectives WHERE entry_id = ?1 AND ext_id = ?2");
    s.findCheck = m_db.prepare("SELECT id FROM checks WHERE entry_id = ?1 AND ext_id = ?2");
    if (header.mode == BundleMode::Delta) {
        s.touch = m_db.prepare("INSERT OR IGNORE INTO temp.touched(id) VALUES(?1)");
    }
    if (wholeProducts()) {
        s.delPorts = m_db.prepare("DELETE FROM ports WHERE entry_id = ?1");
        s.delSlas = m_db.prepare("DELETE FROM sla_objectives WHERE entry_id = ?1");
        s.delChecks = m_db.prepare("DELETE FROM checks WHERE entry_id = ?1");
        s.delEdgesInto = m_db.prepare("DELETE FROM lineage WHERE source_id = ?1 AND to_ext = ?2");
        for (Statement *st : {&s.delPorts, &s.delSlas, &s.delChecks, &s.delEdgesInto}) {
            if (!st->isValid()) {
                const QString msg = m_db.lastError().message;
                rollback();
                return QStringLiteral("cannot prepare the cache writer: %1").arg(msg);
            }
        }
    }
    for (Statement *st :
         {&s.freshEntry, &s.freshSla,  &s.freshCheck, &s.domain,    &s.team,           &s.person,
          &s.entry,      &s.delTags,   &s.tag,        &s.delOwners, &s.owner,          &s.port,
          &s.sla,        &s.clearSla,  &s.series,     &s.check,     &s.clearCheck,     &s.checkSeries,
          &s.lineage,    &s.findEntry, &s.findSla,    &s.findCheck, &s.delSeriesRange, &s.delCheckRange}) {
        if (!st->isValid()) {
            const QString msg = m_db.lastError().message;
            rollback();
            return QStringLiteral("cannot prepare the cache writer: %1").arg(msg);
        }
    }
    return std::nullopt;
}

void CatalogWriter::rollback()
{
    m_st.reset(); // statements first: an active statement would keep the transaction open
    if (m_tx) {
        m_tx->rollback();
        m_tx.reset();
    }
}

std::optional<QString> CatalogWriter::write(Record &&record)
{
    if (!m_tx) {
        return QStringLiteral("the writer has no sync in progress");
    }
    ++m_stats.records;
    return std::visit([this](const auto &r) { return write(r); }, record);
}

void CatalogWriter::touch(std::int64_t id)
{
    if (m_header.mode == BundleMode::Delta) {
        m_st->touch.bind(1, id).exec();
        markHealth(id);
    }
}

void CatalogWriter::markHealth(std::int64_t entryId)
{
    if (m_header.mode == BundleMode::Delta && (m_healthDirty.empty() || m_healthDirty.back() != entryId)) {
        m_healthDirty.push_back(entryId);
    }
}

void CatalogWriter::touchParty(const char *kind, std::int64_t partyId)
{
    if (m_header.mode != BundleMode::Delta) {
        return;
    }
    Statement st = m_db.prepare("INSERT OR IGNORE INTO temp.touched(id) SELECT entry_id FROM ownerships "
                                "WHERE party_kind = ?1 AND party_id = ?2");
    st.bind(1, kind).bind(2, partyId).exec();
}

std::optional<std::int64_t> CatalogWriter::entryId(const std::string &ext)
{
    if (!m_lastEntryExt.empty() && ext == m_lastEntryExt) {
        return m_lastEntryId;
    }
    Statement &st = m_st->findEntry;
    st.reset();
    st.bind(1, m_sourceId).bind(2, ext);
    if (!st.next()) {
        return std::nullopt;
    }
    m_lastEntryExt = ext;
    m_lastEntryId = st.int64(0);
    st.reset();
    return m_lastEntryId;
}

std::optional<std::int64_t> CatalogWriter::childId(Statement &lookup, std::int64_t entry, const std::string &ext)
{
    auto &slot = m_lastChild[&lookup == &m_st->findSla ? 0 : 1];
    std::string key = std::to_string(entry) + '/' + ext;
    if (slot.first == key) {
        return slot.second;
    }
    lookup.reset();
    lookup.bind(1, entry).bind(2, ext);
    if (!lookup.next()) {
        return std::nullopt;
    }
    slot = {std::move(key), lookup.int64(0)};
    lookup.reset();
    return slot.second;
}

std::optional<QString> CatalogWriter::write(const Domain &r)
{
    Statement &st = m_st->domain;
    st.reset();
    st.bind(1, m_sourceId).bind(2, r.id).bind(3, r.name).bind(4, r.displayName).bind(5, r.kind);
    st.bind(6, r.description).bind(7, r.parent).bind(8, m_gen);
    if (!st.next()) {
        return failure(st, "domain");
    }
    const std::int64_t id = st.int64(0);
    st.reset();
    if (m_header.mode == BundleMode::Delta && m_domains.contains(r.id)) {
        Statement t = m_db.prepare("INSERT OR IGNORE INTO temp.touched(id) SELECT id FROM entries WHERE domain_id=?1");
        t.bind(1, id).exec();
    }
    m_domains[r.id] = id;
    if (m_streamDocuments) {
        m_domainText[r.id] = r.displayName + ' ' + r.name;
    }
    return std::nullopt;
}

std::optional<QString> CatalogWriter::write(const Team &r)
{
    Statement &st = m_st->team;
    st.reset();
    st.bind(1, m_sourceId).bind(2, r.id).bind(3, r.name).bind(4, r.displayName).bind(5, r.domain);
    st.bind(6, r.parent).bind(7, r.email).bind(8, m_gen);
    if (!st.next()) {
        return failure(st, "team");
    }
    const std::int64_t id = st.int64(0);
    st.reset();
    if (m_teams.contains(r.id)) {
        touchParty("team", id);
    }
    m_teams[r.id] = id;
    if (m_streamDocuments) {
        m_teamText[r.id] = r.displayName + ' ' + r.name;
    }
    return std::nullopt;
}

std::optional<QString> CatalogWriter::write(const Person &r)
{
    Statement &st = m_st->person;
    st.reset();
    st.bind(1, m_sourceId).bind(2, r.id).bind(3, r.name).bind(4, r.displayName).bind(5, r.email);
    st.bind(6, r.team).bind(7, m_gen);
    if (!st.next()) {
        return failure(st, "person");
    }
    const std::int64_t id = st.int64(0);
    st.reset();
    if (m_people.contains(r.id)) {
        touchParty("person", id);
    }
    m_people[r.id] = id;
    if (m_streamDocuments) {
        m_personText[r.id] = r.displayName + ' ' + r.name;
    }
    return std::nullopt;
}

std::optional<QString> CatalogWriter::write(const Product &r)
{
    std::optional<std::int64_t> domainId;
    if (!r.domain.empty()) {
        const auto it = m_domains.find(r.domain);
        if (it == m_domains.end()) {
            return QStringLiteral("product '%1' names domain '%2', which the source does not have (a domain "
                                  "record must come before the products in it)")
                .arg(q(r.id), q(r.domain));
        }
        domainId = it->second;
    }
    std::optional<QString> error;
    const auto inserted = insertReturningId(
        m_st->freshEntry, m_st->entry,
        [&](Statement &st) {
            st.bind(1, m_sourceId).bind(2, r.id).bind(3, r.kind).bind(4, r.name).bind(5, r.displayName);
            st.bind(6, r.fqn).bindOptional(7, domainId).bind(8, r.status);
            if (r.tier) {
                st.bind(9, *r.tier);
            } else {
                st.bindNull(9);
            }
            st.bind(10, r.description).bind(11, r.version).bindOptional(12, r.updatedAt).bind(13, m_gen);
        },
        "product", error);
    if (!inserted) {
        return error;
    }
    const std::int64_t id = *inserted;
    ++m_stats.products;
    m_lastEntryExt = r.id;
    m_lastEntryId = id;
    if (!m_fresh) {
        m_st->delTags.bind(1, id).exec();
        m_st->delOwners.bind(1, id).exec();
        touch(id);
    }
    if (wholeProducts()) {
        // The records that follow are all the product has: what it had before goes (series and health rows by
        // cascade), so its rows come out as a snapshot would write them, in the order they arrive.
        for (Statement *st : {&m_st->delPorts, &m_st->delSlas, &m_st->delChecks}) {
            if (auto err = stepError(st->bind(1, id), "product's previous children")) {
                return err;
            }
        }
        if (auto err = stepError(m_st->delEdgesInto.bind(1, m_sourceId).bind(2, r.id), "product's previous edges")) {
            return err;
        }
        m_lastChild = {};
    }
    for (const std::string &tag : r.tags) {
        if (!tag.empty() && !m_st->tag.bind(1, id).bind(2, tag).exec()) {
            return failure(m_st->tag, "tag");
        }
    }
    for (const OwnerRef &o : r.owners) {
        const auto &map = o.party == PartyKind::Person ? m_people : m_teams;
        const auto it = map.find(o.id);
        if (it == map.end()) {
            return QStringLiteral("product '%1' names %2 '%3' as %4, but no such %2 came before it")
                .arg(q(r.id), o.party == PartyKind::Person ? QStringLiteral("person") : QStringLiteral("team"), q(o.id),
                     QLatin1String(roleName(o.role)));
        }
        Statement &ow = m_st->owner;
        ow.bind(1, id).bind(2, roleName(o.role)).bind(3, o.party == PartyKind::Person ? "person" : "team");
        if (!ow.bind(4, it->second).exec()) {
            return failure(ow, "owner");
        }
    }
    if (m_streamDocuments) {
        if (auto err = flushDocument()) {
            return err;
        }
        startDocument(id, r);
    }
    return std::nullopt;
}

void CatalogWriter::startDocument(std::int64_t id, const Product &r)
{
    // The same text the table-based builder (kDocSelect) indexes, assembled from the record in hand.
    // Same canonical order as kDocSelect: tags and owner names sorted, duplicates as the tables keep them.
    Document doc{id, r.name, r.displayName, {}, {}, {}, r.description, {}};
    std::vector<std::string_view> tags;
    for (const std::string &tag : r.tags) {
        if (!tag.empty()) {
            tags.push_back(tag);
        }
    }
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    for (const std::string_view tag : tags) {
        doc.tags += doc.tags.empty() ? "" : " ";
        doc.tags += tag;
    }
    if (const auto it = m_domainText.find(r.domain); it != m_domainText.end()) {
        doc.domain = it->second;
    }
    std::vector<std::tuple<Role, PartyKind, std::string_view>> seen;
    std::vector<std::string_view> owners;
    for (const OwnerRef &o : r.owners) {
        const auto key = std::make_tuple(o.role, o.party, std::string_view(o.id));
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            continue;
        }
        seen.push_back(key);
        const auto &texts = o.party == PartyKind::Person ? m_personText : m_teamText;
        if (const auto it = texts.find(o.id); it != texts.end()) {
            owners.push_back(it->second);
        }
    }
    std::sort(owners.begin(), owners.end());
    for (const std::string_view owner : owners) {
        doc.owners += doc.owners.empty() ? "" : " ";
        doc.owners += owner;
    }
    m_doc = std::move(doc);
}

std::optional<QString> CatalogWriter::flushDocument()
{
    if (!m_doc) {
        return std::nullopt;
    }
    const Document doc = std::move(*m_doc);
    m_doc.reset();
    Statement &st = m_st->document;
    st.bind(1, doc.id).bind(2, doc.name).bind(3, doc.displayName).bind(4, doc.tags).bind(5, doc.domain);
    st.bind(6, doc.owners).bind(7, doc.description).bind(8, doc.columns);
    if (st.exec()) {
        return std::nullopt;
    }
    // The bundle named this product twice: let the tables, which hold both records' effects, decide.
    if (st.error() && (st.error()->sqliteCode & 0xff) == SQLITE_CONSTRAINT) {
        return stepError(m_st->redoDocument.bind(1, doc.id), "search document");
    }
    return failure(st, "search document");
}

std::optional<QString> CatalogWriter::write(const Port &r)
{
    const auto entry = entryId(r.product);
    if (!entry) {
        return QStringLiteral("port '%1' belongs to product '%2', which the source does not have")
            .arg(q(r.id), q(r.product));
    }
    QString error;
    const auto columns = m_st->columnDefs->encode(r.columns, error);
    if (!columns) {
        return error;
    }
    Statement &st = m_st->port;
    st.bind(1, *entry).bind(2, r.id).bind(3, r.direction).bind(4, r.name).bind(5, r.description).bind(6, r.format);
    st.bind(7, r.location).bind(8, std::string_view(columns->ids));
    st.bind(9, static_cast<std::int64_t>(r.columns.size())).bind(10, columns->described).bind(11, m_gen);
    if (!st.exec()) {
        return failure(st, "port");
    }
    touch(*entry);
    if (m_streamDocuments) {
        if (m_doc && m_doc->id == *entry) {
            for (const Column &c : r.columns) { // as the SQL builder joins them: non-empty names, one space apart
                if (!c.name.empty()) {
                    m_doc->columns += m_doc->columns.empty() ? "" : " ";
                    m_doc->columns += c.name;
                }
            }
        } else {
            return stepError(m_st->redoDocument.bind(1, *entry), "search document");
        }
    }
    return std::nullopt;
}

std::optional<QString> CatalogWriter::write(const Sla &r)
{
    const auto entry = entryId(r.product);
    if (!entry) {
        return QStringLiteral("SLA '%1' belongs to product '%2', which the source does not have")
            .arg(q(r.id), q(r.product));
    }
    std::optional<QString> error;
    const auto inserted = insertReturningId(
        m_st->freshSla, m_st->sla,
        [&](Statement &st) {
            st.bind(1, *entry).bind(2, r.id).bind(3, r.kind).bind(4, r.target).bind(5, r.unit).bind(6, r.op);
            st.bind(7, r.port).bind(8, r.description).bind(9, m_gen);
        },
        "SLA", error);
    if (!inserted) {
        return error;
    }
    const std::int64_t id = *inserted;
    markHealth(*entry);
    m_lastChild[0] = {std::to_string(*entry) + '/' + r.id, id};
    if (!m_fresh && m_header.mode == BundleMode::Snapshot) {
        m_st->clearSla.bind(1, id).exec(); // a snapshot carries the whole series again
    }
    return std::nullopt;
}

std::optional<QString> CatalogWriter::write(const SlaMeasurement &r)
{
    const auto entry = entryId(r.product);
    const auto sla = entry ? childId(m_st->findSla, *entry, r.sla) : std::nullopt;
    if (!sla) {
        return QStringLiteral("measurement names SLA '%1' of product '%2', which the source does not have")
            .arg(q(r.sla), q(r.product));
    }
    if (m_header.mode == BundleMode::Delta) {
        markHealth(*entry);
    }
    if (m_header.mode == BundleMode::Delta && !wholeProducts()) {
        const std::int64_t end = r.t0 + r.step * static_cast<std::int64_t>(r.values.size() - 1);
        m_st->delSeriesRange.bind(1, *sla).bind(2, r.t0).bind(3, end).exec();
    }
    const auto blob = SeriesCodec::encode(r.values);
    Statement &st = m_st->series;
    st.bind(1, *sla).bind(2, r.t0).bind(3, r.step).bind(4, static_cast<std::int64_t>(r.values.size()));
    st.bindBlob(5, blob);
    return stepError(st, "SLA measurement");
}

std::optional<QString> CatalogWriter::write(const Check &r)
{
    const auto entry = entryId(r.product);
    if (!entry) {
        return QStringLiteral("check '%1' belongs to product '%2', which the source does not have")
            .arg(q(r.id), q(r.product));
    }
    std::optional<QString> error;
    const auto inserted = insertReturningId(
        m_st->freshCheck, m_st->check,
        [&](Statement &st) {
            st.bind(1, *entry).bind(2, r.id).bind(3, r.name).bind(4, r.kind).bind(5, r.port).bind(6, r.column);
            st.bind(7, r.description).bind(8, r.severity).bind(9, m_gen);
        },
        "check", error);
    if (!inserted) {
        return error;
    }
    const std::int64_t id = *inserted;
    markHealth(*entry);
    m_lastChild[1] = {std::to_string(*entry) + '/' + r.id, id};
    if (!m_fresh && m_header.mode == BundleMode::Snapshot) {
        m_st->clearCheck.bind(1, id).exec();
    }
    return std::nullopt;
}

std::optional<QString> CatalogWriter::write(const CheckResult &r)
{
    const auto entry = entryId(r.product);
    const auto check = entry ? childId(m_st->findCheck, *entry, r.check) : std::nullopt;
    if (!check) {
        return QStringLiteral("result names check '%1' of product '%2', which the source does not have")
            .arg(q(r.check), q(r.product));
    }
    if (m_header.mode == BundleMode::Delta) {
        markHealth(*entry);
    }
    if (m_header.mode == BundleMode::Delta && !wholeProducts()) {
        const std::int64_t end = r.t0 + r.step * static_cast<std::int64_t>(r.statuses.size() - 1);
        m_st->delCheckRange.bind(1, *check).bind(2, r.t0).bind(3, end).exec();
    }
    Statement &st = m_st->checkSeries;
    st.bind(1, *check).bind(2, r.t0).bind(3, r.step).bind(4, static_cast<std::int64_t>(r.statuses.size()));
    st.bindBlob(5, bytesOf(r.statuses));
    if (r.values.empty()) {
        st.bindNull(6);
    } else {
        st.bindBlob(6, SeriesCodec::encode(r.values));
    }
    if (r.message.empty()) {
        st.bindNull(7);
    } else {
        st.bind(7, r.message);
    }
    return stepError(st, "check result");
}

std::optional<QString> CatalogWriter::write(const Lineage &r)
{
    std::string map;
    if (!r.columns.empty()) {
        map = "[";
        for (std::size_t i = 0; i < r.columns.size(); ++i) {
            map += i ? ",[" : "[";
            appendJsonString(map, r.columns[i].first);
            map += ',';
            appendJsonString(map, r.columns[i].second);
            map += ']';
        }
        map += ']';
    }
    Statement &st = m_st->lineage;
    st.bind(1, m_sourceId).bind(2, r.from).bind(3, r.fromPort).bind(4, r.to).bind(5, r.toPort);
    if (map.empty()) {
        st.bindNull(6);
    } else {
        st.bind(6, std::string_view(map));
    }
    st.bind(7, r.description).bind(8, m_gen);
    return stepError(st, "lineage edge");
}

std::optional<QString> CatalogWriter::write(const Tombstone &r)
{
    ++m_stats.tombstones;
    if (m_header.mode != BundleMode::Delta) {
        return QStringLiteral("a tombstone belongs in a delta bundle; a snapshot simply leaves the row out");
    }
    const auto run = [this](std::string_view sql, auto &&...args) -> std::optional<QString> {
        Statement st = m_db.prepare(sql);
        int i = 0;
        (st.bind(++i, args), ...);
        if (!st.exec()) {
            return QStringLiteral("applying the tombstone failed: %1").arg(m_db.lastError().message);
        }
        return std::nullopt;
    };
    m_lastEntryExt.clear();
    m_lastChild = {};
    if (r.of == "lineage") {
        return run("DELETE FROM lineage WHERE source_id=?1 AND from_ext=?2 AND from_port=?3 AND to_ext=?4 AND "
                   "to_port=?5",
                   m_sourceId, r.edge.from, r.edge.fromPort, r.edge.to, r.edge.toPort);
    }
    if (r.of == "product") {
        const auto entry = entryId(r.id);
        m_lastEntryExt.clear();
        if (!entry) {
            return std::nullopt; // already gone: tombstones are idempotent
        }
        if (auto err = run("DELETE FROM entry_fts WHERE rowid = ?1", *entry)) {
            return err;
        }
        if (auto err = run("DELETE FROM temp.touched WHERE id = ?1", *entry)) {
            return err;
        }
        if (auto err = run(wholeProducts() ? "DELETE FROM lineage WHERE source_id=?1 AND to_ext=?2"
                                           : "DELETE FROM lineage WHERE source_id=?1 AND (from_ext=?2 OR to_ext=?2)",
                           m_sourceId, r.id)) {
            return err;
        }
        return run("DELETE FROM entries WHERE id = ?1", *entry);
    }
    if (r.of == "port" || r.of == "sla" || r.of == "check") {
        const auto entry = entryId(r.product);
        if (!entry) {
            return std::nullopt;
        }
        const std::string_view sql = r.of == "port"  ? "DELETE FROM ports WHERE entry_id=?1 AND ext_id=?2"
                                     : r.of == "sla" ? "DELETE FROM sla_objectives WHERE entry_id=?1 AND ext_id=?2"
                                                     : "DELETE FROM checks WHERE entry_id=?1 AND ext_id=?2";
        if (auto err = run(sql, *entry, r.id)) {
            return err;
        }
        if (m_db.changes() > 0) {
            touch(*entry); // only what changed is re-indexed
        }
        return std::nullopt;
    }
    if (r.of == "domain") {
        const auto it = m_domains.find(r.id);
        if (it == m_domains.end()) {
            return std::nullopt;
        }
        if (auto err =
                run("INSERT OR IGNORE INTO temp.touched(id) SELECT id FROM entries WHERE domain_id=?1", it->second)) {
            return err;
        }
        const std::int64_t id = it->second;
        m_domains.erase(it);
        return run("DELETE FROM domains WHERE id = ?1", id);
    }
    // person or team: their ownerships go with them
    auto &map = r.of == "person" ? m_people : m_teams;
    const auto it = map.find(r.id);
    if (it == map.end()) {
        return std::nullopt;
    }
    const std::int64_t id = it->second;
    map.erase(it);
    touchParty(r.of.c_str(), id);
    {
        // Their products lose an owner: the metadata item of their health.
        Statement owned = m_db.prepare("SELECT entry_id FROM ownerships WHERE party_kind = ?1 AND party_id = ?2");
        owned.bind(1, r.of).bind(2, id);
        while (owned.next()) {
            markHealth(owned.int64(0));
        }
    }
    if (auto err = run("DELETE FROM ownerships WHERE party_kind=?1 AND party_id=?2", r.of, id)) {
        return err;
    }
    return run(r.of == "person" ? "DELETE FROM people WHERE id=?1" : "DELETE FROM teams WHERE id=?1", id);
}

std::optional<QString> CatalogWriter::sweep()
{
    // Children of surviving entries first, then entries (cascading to their children), then the parties.
    static constexpr std::string_view kSweeps[] = {
        // Search rows first, while the entries they belong to can still be found; a left-over row would also
        // collide with the next entry that reuses its rowid.
        "DELETE FROM entry_fts WHERE rowid IN (SELECT id FROM entries WHERE source_id = ?1 AND gen <> ?2)",
        "DELETE FROM ports WHERE gen <> ?2 AND entry_id IN (SELECT id FROM entries WHERE source_id = ?1)",
        "DELETE FROM sla_objectives WHERE gen <> ?2 AND entry_id IN (SELECT id FROM entries WHERE source_id = ?1)",
        "DELETE FROM checks WHERE gen <> ?2 AND entry_id IN (SELECT id FROM entries WHERE source_id = ?1)",
        "DELETE FROM entries WHERE source_id = ?1 AND gen <> ?2",
        "DELETE FROM lineage WHERE source_id = ?1 AND gen <> ?2",
        "DELETE FROM ownerships WHERE party_kind = 'person' AND party_id IN "
        "(SELECT id FROM people WHERE source_id = ?1 AND gen <> ?2)",
        "DELETE FROM ownerships WHERE party_kind = 'team' AND party_id IN "
        "(SELECT id FROM teams WHERE source_id = ?1 AND gen <> ?2)",
        "DELETE FROM people WHERE source_id = ?1 AND gen <> ?2",
        "DELETE FROM teams WHERE source_id = ?1 AND gen <> ?2",
        "DELETE FROM domains WHERE source_id = ?1 AND gen <> ?2",
    };
    for (std::string_view sql : kSweeps) {
        Statement st = m_db.prepare(sql);
        st.bind(1, m_sourceId).bind(2, m_gen);
        if (!st.exec()) {
            return QStringLiteral("removing rows the snapshot no longer has failed: %1").arg(m_db.lastError().message);
        }
    }
    return std::nullopt;
}

std::optional<QString> CatalogWriter::finishSearchIndex()
{
    // Documents are assembled into a temporary table first and then fed to FTS5 in one statement: reading the
    // catalog tables while FTS5 writes its segments thrashes the page cache (measured 40% slower at 10k products).
    const std::string_view doc = documentSql();
    const std::size_t select = doc.find("SELECT");
    if (m_streamDocuments) {
        // Streamed documents are in temp.search_docs already, but for their facets (ids the tables assigned);
        // rebuild the few the stream could not complete.
        if (auto err = m_db.exec("UPDATE temp.search_docs SET facets = (SELECT " + std::string(kFacetsSql) +
                                 " FROM entries e WHERE e.id = search_docs.id)")) {
            return err->message;
        }
        if (auto err = m_db.exec("INSERT OR REPLACE INTO temp.search_docs " + std::string(doc.substr(select)) +
                                 " WHERE e.id IN (SELECT id FROM temp.redo_docs)")) {
            return err->message;
        }
    } else {
        if (auto err = m_db.exec("DROP TABLE IF EXISTS temp.search_docs")) {
            return err->message;
        }
        if (auto err = m_db.exec("CREATE TEMP TABLE search_docs AS " + std::string(doc.substr(select)) +
                                 " WHERE e.id IN (SELECT id FROM temp.touched)")) {
            return err->message;
        }
    }
    if (m_header.mode == BundleMode::Snapshot) {
        if (!m_fresh) {
            Statement del =
                m_db.prepare("DELETE FROM entry_fts WHERE rowid IN (SELECT id FROM entries WHERE source_id = ?1)");
            if (!del.bind(1, m_sourceId).exec()) {
                return del.error()->message;
            }
        }
    } else if (auto err = m_db.exec("DELETE FROM entry_fts WHERE rowid IN (SELECT id FROM temp.touched)")) {
        return err->message;
    }
    const std::string insert(doc.substr(0, select));
    // During a snapshot's bulk insert FTS5 merges segments only when a level overflows (crisismerge), not every
    // few flushes: each merge re-reads segments through the open transaction's WAL, which at 1M products is the
    // slowest read there is. Measured on 200k documents: 8.5 s with automerge, 5.0 s without.
    const bool bulk = m_header.mode == BundleMode::Snapshot;
    if (bulk) {
        (void)m_db.exec("INSERT INTO entry_fts(entry_fts, rank) VALUES('automerge', 0)");
    }
    auto err = m_db.exec(insert + "SELECT * FROM temp.search_docs; DROP TABLE temp.search_docs; "
                                  "DROP TABLE IF EXISTS temp.redo_docs;");
    if (bulk) {
        (void)m_db.exec("INSERT INTO entry_fts(entry_fts, rank) VALUES('automerge', 4)");
    }
    if (err) {
        return err->message;
    }
    if (bulk) {
        if (auto optimizeErr = SearchIndex::optimizeIndexes(m_db)) {
            return optimizeErr->message;
        }
    }
    if (auto vocabErr = SearchIndex::rebuildVocabulary(m_db)) {
        return vocabErr->message;
    }
    return std::nullopt;
}

std::optional<QString> CatalogWriter::commit()
{
    if (!m_tx) {
        return QStringLiteral("the writer has no sync in progress");
    }
    if (m_streamDocuments) {
        if (auto err = flushDocument()) {
            rollback();
            return err;
        }
    }
    m_st.reset();
    QElapsedTimer phase;
    phase.start();
    for (const auto &[name, sql] : m_deferredIndexes) {
        if (auto err = m_db.exec(sql)) {
            rollback();
            return QStringLiteral("building the index %1 failed: %2").arg(QString::fromStdString(name), err->message);
        }
    }
    m_deferredIndexes.clear();
    if (!m_deferredTriggers.empty()) {
        if (auto err = SearchIndex::rebuildNameTables(m_db)) {
            rollback();
            return QStringLiteral("building the name indexes failed: %1").arg(err->message);
        }
        for (const auto &[name, sql] : m_deferredTriggers) {
            if (auto err = m_db.exec(sql)) {
                rollback();
                return QStringLiteral("restoring the trigger %1 failed: %2")
                    .arg(QString::fromStdString(name), err->message);
            }
        }
        m_deferredTriggers.clear();
    }
    if (m_header.mode == BundleMode::Snapshot && !m_fresh) {
        if (auto err = sweep()) {
            rollback();
            return err;
        }
    }
    const qint64 sweepMs = phase.restart();
    const auto cancelled = [this]() { return m_cancel && m_cancel->load(); };
    if (cancelled()) {
        rollback();
        return QStringLiteral("cancelled");
    }
    if (auto err = finishSearchIndex()) {
        rollback();
        return QStringLiteral("updating the search index failed: %1").arg(*err);
    }
    const qint64 indexMs = phase.restart();
    if (cancelled()) {
        rollback();
        return QStringLiteral("cancelled");
    }
    if (auto err = writeSourceNotes()) {
        rollback();
        return QStringLiteral("recording the source's problems failed: %1").arg(*err);
    }
    Statement st = m_db.prepare("UPDATE sources SET cursor = ?2, gen = ?3, name = ?4, snapshot_at = ?5, "
                                "last_attempt_at = ?6, last_success_at = ?6, last_error = NULL WHERE id = ?1");
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    st.bind(1, m_sourceId).bind(2, m_header.cursor).bind(3, m_gen).bind(4, m_header.sourceName);
    st.bind(5, m_header.generatedAt.value_or(now)).bind(6, now);
    if (!st.exec()) {
        rollback();
        return QStringLiteral("recording the sync failed: %1").arg(m_db.lastError().message);
    }
    st = Statement();
    if (auto err = updateHealth()) {
        rollback();
        return *err;
    }
    const qint64 healthMs = phase.restart();
    if (auto err = m_tx->commit()) {
        rollback();
        return QStringLiteral("committing the sync failed: %1").arg(err->message);
    }
    m_tx.reset();
    const qint64 commitMs = phase.restart();
    // Fresh statistics for the query planner after a big change, then fold the WAL back into the database.
    (void)m_db.exec("PRAGMA optimize; PRAGMA wal_checkpoint(PASSIVE)");
    qCInfo(lcSync) << "committed" << m_stats.records << "records of" << m_source.uri;
    qCInfo(lcSync) << "commit phases (ms): sweep" << sweepMs << "search index" << indexMs << "health" << healthMs
                   << "commit" << commitMs << "optimize + checkpoint" << phase.elapsed();
    return std::nullopt;
}

std::optional<QString> CatalogWriter::updateHealth()
{
    // A snapshot rewrote every row of its source: all of it is evaluated again. A delta names the products whose
    // health inputs it changed (the product, its ports, objectives, checks, series, an owner removed); not those a
    // renamed person or domain re-indexes for search (temp.touched), whose health does not depend on names.
    if (m_header.mode != BundleMode::Delta) {
        return HealthStore::update(m_db, nullptr, m_cancel);
    }
    std::vector<std::int64_t> changed = std::move(m_healthDirty);
    m_healthDirty.clear();
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    return HealthStore::update(m_db, &changed, m_cancel);
}

std::optional<QString> CatalogWriter::writeSourceNotes()
{
    Statement clear = m_db.prepare("DELETE FROM source_problems WHERE source_id = ?1");
    clear.bind(1, m_sourceId);
    if (!clear.exec()) {
        return m_db.lastError().message;
    }
    Statement add = m_db.prepare("INSERT INTO source_problems(source_id, file, line, severity, message) "
                                 "VALUES(?1, ?2, ?3, ?4, ?5)");
    for (const Problem &p : m_problems) {
        add.reset();
        add.bind(1, m_sourceId).bind(2, p.file).bind(3, std::int64_t(p.line)).bind(4, p.severity).bind(5, p.message);
        if (!add.exec()) {
            return m_db.lastError().message;
        }
    }
    Statement put = m_db.prepare("INSERT INTO source_state(source_id, key, value) VALUES(?1, ?2, ?3) "
                                 "ON CONFLICT(source_id, key) DO UPDATE SET value = excluded.value");
    Statement drop = m_db.prepare("DELETE FROM source_state WHERE source_id = ?1 AND key = ?2");
    for (const auto &[key, value] : m_state) {
        Statement &st = value.isEmpty() ? drop : put;
        st.reset();
        st.bind(1, m_sourceId).bind(2, key);
        if (!value.isEmpty()) {
            st.bindBlob(3, std::as_bytes(std::span(value.constData(), static_cast<std::size_t>(value.size()))));
        }
        if (!st.exec()) {
            return m_db.lastError().message;
        }
    }
    return std::nullopt;
}

CatalogWriter::SourceMemory CatalogWriter::remembered(Database &db, const QString &sourceUri)
{
    Statement st = db.prepare("SELECT coalesce(cursor, ''), coalesce(last_success_at, 0) FROM sources WHERE uri = ?1 "
                              "AND last_success_at IS NOT NULL");
    st.bind(1, sourceUri);
    if (!st.next()) {
        return {};
    }
    return {st.text(0), st.int64(1)};
}

QByteArray CatalogWriter::state(Database &db, const QString &sourceUri, const QString &key)
{
    Statement st = db.prepare("SELECT t.value FROM source_state t JOIN sources s ON s.id = t.source_id "
                              "WHERE s.uri = ?1 AND t.key = ?2");
    st.bind(1, sourceUri).bind(2, key);
    if (!st.next()) {
        return {};
    }
    const std::span<const std::byte> value = st.blob(0);
    return {reinterpret_cast<const char *>(value.data()), static_cast<qsizetype>(value.size())};
}

void CatalogWriter::recordFailure(Database &db, const SourceInfo &source, const QString &error)
{
    // Only sources that synced before are remembered: an address that never worked is not a source yet.
    Statement st = db.prepare("UPDATE sources SET last_attempt_at = ?2, last_error = ?3 WHERE uri = ?1");
    st.bind(1, source.uri).bind(2, QDateTime::currentSecsSinceEpoch()).bind(3, error);
    if (!st.exec()) {
        qCWarning(lcSync) << "could not record the failed sync:" << db.lastError().message;
    }
}

} // namespace meshlens::models
