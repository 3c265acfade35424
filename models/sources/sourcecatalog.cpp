#include "sourcecatalog.h"

#include "../logging.h"
#include "../search/searchengine.h"
#include "../store/catalogreader.h"

#include <QHash>

#include <string_view>

namespace meshlens::models {

namespace {

// The outbox's "not delivered" (Outbox::openCount): what removing a source would lose.
constexpr std::string_view kOpenOutbox = "state <> 'delivered'";

// source id -> count, from "SELECT source_id, count(*) ... GROUP BY source_id".
QHash<std::int64_t, std::int64_t> countsBySource(Database &db, std::string_view sql)
{
    QHash<std::int64_t, std::int64_t> counts;
    Statement st = db.prepare(sql);
    while (st.next()) {
        counts.insert(st.int64(0), st.int64(1));
    }
    return counts;
}

} // namespace

SourceCatalog::SourceCatalog(Database &db)
    : m_db(db)
{}

QList<StoredProblem> SourceCatalog::problems(int limit)
{
    QList<StoredProblem> list;
    // Severity as SourceProblem::Severity's value or its name, whichever the writer stores.
    Statement st = m_db.prepare("SELECT s.uri, s.name, coalesce(p.file, ''), coalesce(p.line, 0), p.message, "
                                "lower(CAST(p.severity AS TEXT)) IN ('1', 'error') AS is_error "
                                "FROM source_problems p JOIN sources s ON s.id = p.source_id "
                                "ORDER BY is_error DESC, s.id, p.file, p.line LIMIT ?1");
    st.bind(1, limit);
    while (st.next()) {
        list.push_back({st.text(0), st.text(1), st.text(2), st.text(4), st.int32(3), st.int64(5) != 0});
    }
    return list;
}

std::int64_t SourceCatalog::problemCount()
{
    Statement st = m_db.prepare("SELECT count(*) FROM source_problems");
    return st.next() ? st.int64(0) : 0;
}

QList<SourceSummary> SourceCatalog::sources()
{
    const auto entries = countsBySource(m_db, "SELECT source_id, count(*) FROM entries GROUP BY source_id");
    const auto products =
        countsBySource(m_db, "SELECT source_id, count(*) FROM entries WHERE kind = 'product' GROUP BY source_id");
    const auto outbox = countsBySource(m_db, "SELECT source_id, count(*) FROM outbox WHERE " +
                                                 std::string(kOpenOutbox) + " GROUP BY source_id");
    const auto problems = countsBySource(m_db, "SELECT source_id, count(*) FROM source_problems GROUP BY source_id");
    QList<SourceSummary> list;
    for (SourceState &state : CatalogReader(m_db).sources()) {
        const std::int64_t id = state.id;
        list.push_back({std::move(state), entries.value(id), products.value(id), outbox.value(id), problems.value(id)});
    }
    return list;
}

std::optional<SourceSummary> SourceCatalog::source(const QString &uri)
{
    for (SourceSummary &s : sources()) {
        if (s.state.uri == uri) {
            return std::move(s);
        }
    }
    return std::nullopt;
}

SourceCatalog::Removal SourceCatalog::remove(const QString &uri, bool discardPending)
{
    Removal r;
    const auto fail = [&r](const QString &what, const QString &why) {
        r.ok = false;
        r.error = QStringLiteral("Removing the source failed while %1: %2").arg(what, why);
        return r;
    };
    Transaction tx(m_db);
    if (!tx.isActive()) {
        return fail(QStringLiteral("starting"), tx.beginError() ? tx.beginError()->message : QString());
    }
    std::int64_t id = 0;
    {
        Statement st = m_db.prepare("SELECT id FROM sources WHERE uri = ?1");
        st.bind(1, uri);
        if (!st.next()) {
            r.error = QStringLiteral("The cache holds no source %1.").arg(uri);
            return r;
        }
        id = st.int64(0);
    }
    {
        Statement st = m_db.prepare("SELECT count(*) FROM outbox WHERE source_id = ?1 AND " + std::string(kOpenOutbox));
        st.bind(1, id);
        r.blockingOutbox = st.next() ? st.int64(0) : 0;
    }
    if (r.blockingOutbox > 0 && !discardPending) {
        r.error = QStringLiteral("%1 has %2 edit(s) or feedback item(s) in the outbox that were never delivered. "
                                 "Deliver or export them first, or agree to discard them with the source.")
                      .arg(uri)
                      .arg(r.blockingOutbox);
        return r;
    }
    {
        Statement st = m_db.prepare("SELECT count(*) FROM entries WHERE source_id = ?1");
        st.bind(1, id);
        r.entries = st.next() ? st.int64(0) : 0;
    }
    // The order matters. entry_fts is keyed by entries' rowids and knows nothing of sources: its rows go first,
    // while the entries can still be found (a left-over row would also collide with the next entry that reuses
    // the rowid). Feedback drafts are keyed "feedback-draft/<source id>/<ext id>" (Outbox::draftKey). Ownerships are
    // keyed by entry (and cascade with it), but also name this source's people and teams by id. Deleting the entries
    // cascades to ports, SLAs, checks, their series and tags; the triggers of schema 5 keep entry_name_fts and
    // entry_tag_names. The outbox references sources without a cascade on purpose: nothing undelivered goes by
    // accident.
    const std::vector<std::string> steps = {
        "DELETE FROM entry_fts WHERE rowid IN (SELECT id FROM entries WHERE source_id = ?1)",
        "DELETE FROM local_state WHERE substr(key, 1, length('feedback-draft/' || ?1 || '/')) = "
        "'feedback-draft/' || ?1 || '/'",
        "DELETE FROM ownerships WHERE party_kind = 'person' AND party_id IN (SELECT id FROM people WHERE source_id = "
        "?1)",
        "DELETE FROM ownerships WHERE party_kind = 'team' AND party_id IN (SELECT id FROM teams WHERE source_id = ?1)",
        "DELETE FROM entries WHERE source_id = ?1",
        "DELETE FROM lineage WHERE source_id = ?1",
        "DELETE FROM people WHERE source_id = ?1",
        "DELETE FROM teams WHERE source_id = ?1",
        "DELETE FROM domains WHERE source_id = ?1",
        "DELETE FROM outbox WHERE source_id = ?1",
        // Schema 7's tables would cascade; said here so the list is whole.
        "DELETE FROM source_problems WHERE source_id = ?1",
        "DELETE FROM source_state WHERE source_id = ?1",
        "DELETE FROM sources WHERE id = ?1",
    };
    for (const std::string &sql : steps) {
        Statement st = m_db.prepare(sql);
        if (!st.isValid() || !st.bind(1, id).exec()) {
            return fail(QString::fromStdString(sql), m_db.lastError().message);
        }
        if (sql.starts_with("DELETE FROM outbox")) {
            r.outboxRemoved = m_db.changes();
        }
    }
    // The vocabulary's document counts (IDF, typo correction) are copied from the index: count again.
    if (auto err = SearchEngine::rebuildVocabulary(m_db)) {
        return fail(QStringLiteral("counting the vocabulary"), err->message);
    }
    if (auto err = tx.commit()) {
        return fail(QStringLiteral("committing"), err->message);
    }
    qCInfo(lcStore) << "removed source" << uri << "with" << r.entries << "entries and" << r.outboxRemoved
                    << "outbox items";
    r.ok = true;
    return r;
}

} // namespace meshlens::models
