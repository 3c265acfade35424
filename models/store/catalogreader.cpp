#include "catalogreader.h"

#include "outbox.h"
#include "seriescodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace meshlens::models {

namespace {

// Summary columns shared by every product list; `owners` lists the owning parties' names.
constexpr std::string_view kSummaryColumns = R"SQL(
    e.id, e.ext_id, e.kind, e.name, e.display_name,
    coalesce(nullif(d.display_name, ''), d.name, ''), e.status, e.tier,
    coalesce((SELECT group_concat(n, ', ') FROM (
        SELECT coalesce(nullif(p.display_name, ''), p.name) AS n FROM ownerships o JOIN people p ON p.id = o.party_id
         WHERE o.entry_id = e.id AND +o.role = 'owner' AND +o.party_kind = 'person'
        UNION ALL
        SELECT coalesce(nullif(t.display_name, ''), t.name) FROM ownerships o JOIN teams t ON t.id = o.party_id
         WHERE o.entry_id = e.id AND +o.role = 'owner' AND +o.party_kind = 'team')), '')
)SQL";

} // namespace

std::string_view CatalogReader::summaryColumns()
{
    return kSummaryColumns;
}

ProductSummary CatalogReader::readSummary(const Statement &st, int first)
{
    ProductSummary s;
    s.id = st.int64(first);
    s.extId = st.text(first + 1);
    s.kind = st.text(first + 2);
    s.name = st.text(first + 3);
    s.displayName = st.text(first + 4);
    s.domain = st.text(first + 5);
    s.status = st.text(first + 6);
    if (!st.isNull(first + 7)) {
        s.tier = st.int32(first + 7);
    }
    s.owners = st.text(first + 8);
    return s;
}

namespace {

std::int64_t scalar(Database &db, std::string_view sql)
{
    Statement st = db.prepare(sql);
    return st.next() ? st.int64(0) : 0;
}

} // namespace

CatalogReader::CatalogReader(Database &db)
    : m_db(db)
{}

QString CatalogReader::ftsQuery(const QString &text)
{
    QStringList parts;
    QString cleaned = text;
    for (QChar &c : cleaned) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Surrogate) {
            c = QLatin1Char(' '); // NUL and friends end an FTS5 string early; they never match anything anyway
        }
    }
    const QStringList words = cleaned.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        bool searchable = false;
        for (const QChar c : word) {
            searchable = searchable || c.isLetterOrNumber();
        }
        if (!searchable) {
            continue;
        }
        QString quoted = word;
        quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
        parts << QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    if (parts.isEmpty()) {
        return {};
    }
    parts.last() += QLatin1Char('*');
    return parts.join(QLatin1Char(' '));
}

std::optional<std::int64_t> CatalogReader::resolveProduct(const QString &key)
{
    const QString k = key.trimmed();
    if (k.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const qint64 id = k.mid(1).toLongLong(&ok);
        if (ok) {
            Statement st = m_db.prepare("SELECT id FROM entries WHERE id = ?1");
            st.bind(1, static_cast<std::int64_t>(id));
            if (st.next()) {
                return st.int64(0);
            }
        }
        return std::nullopt;
    }
    static constexpr std::string_view kLookups[] = {
        "SELECT id FROM entries WHERE ext_id = ?1 ORDER BY id LIMIT 1",
        "SELECT id FROM entries WHERE fqn = ?1 AND fqn <> '' ORDER BY id LIMIT 1",
        "SELECT id FROM entries WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
        "SELECT id FROM entries WHERE display_name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
    };
    for (std::string_view sql : kLookups) {
        Statement st = m_db.prepare(sql);
        st.bind(1, k);
        if (st.next()) {
            return st.int64(0);
        }
    }
    return std::nullopt;
}

std::optional<ProductDetail> CatalogReader::product(std::int64_t id)
{
    ProductDetail d;
    {
        Statement st = m_db.prepare(std::string("SELECT ") + std::string(kSummaryColumns) +
                                    ", e.fqn, e.description, e.version, e.updated_at, s.uri, coalesce(d.kind, '')"
                                    " FROM entries e LEFT JOIN domains d ON d.id = e.domain_id"
                                    " JOIN sources s ON s.id = e.source_id WHERE e.id = ?1");
        st.bind(1, id);
        if (!st.next()) {
            return std::nullopt;
        }
        d.summary = readSummary(st);
        d.fqn = st.text(9);
        d.description = st.text(10);
        d.version = st.text(11);
        d.updatedAt = st.optionalInt64(12);
        d.source = st.text(13);
        d.domainKind = st.text(14);
    }
    {
        Statement st = m_db.prepare("SELECT tag FROM entry_tags WHERE entry_id = ?1 ORDER BY tag");
        st.bind(1, id);
        while (st.next()) {
            d.tags << st.text(0);
        }
    }
    {
        // Owners first, then stewards, then experts; teams before people; by name.
        Statement st = m_db.prepare(
            "SELECT o.role, o.party_kind, p.ext_id, p.name, p.display_name, coalesce(p.email, ''), "
            "       CASE o.role WHEN 'owner' THEN 0 WHEN 'steward' THEN 1 ELSE 2 END "
            "  FROM ownerships o JOIN people p ON p.id = o.party_id WHERE o.entry_id = ?1 AND +o.party_kind = 'person' "
            "UNION ALL "
            "SELECT o.role, o.party_kind, t.ext_id, t.name, t.display_name, coalesce(t.email, ''), "
            "       CASE o.role WHEN 'owner' THEN 0 WHEN 'steward' THEN 1 ELSE 2 END "
            "  FROM ownerships o JOIN teams t ON t.id = o.party_id WHERE o.entry_id = ?1 AND +o.party_kind = 'team' "
            "ORDER BY 7, 2 DESC, 4");
        st.bind(1, id);
        while (st.next()) {
            d.owners.push_back(Party{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
        }
    }
    {
        // A row per column (and one for a port without columns), the port's columns in their order.
        Statement st = m_db.prepare(
            "SELECT p.id, p.ext_id, p.direction, p.name, p.description, p.format, p.location, d.id, d.name, d.type, "
            "       d.description, d.nullable, d.primary_key, d.tags "
            "  FROM ports p LEFT JOIN json_each(p.columns) c LEFT JOIN column_defs d ON d.id = c.value "
            " WHERE p.entry_id = ?1 ORDER BY p.direction DESC, p.id, c.key");
        st.bind(1, id);
        std::int64_t port = 0;
        while (st.next()) {
            if (d.ports.isEmpty() || st.int64(0) != port) {
                port = st.int64(0);
                d.ports.push_back(PortInfo{st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), {}});
            }
            if (st.isNull(7)) {
                continue;
            }
            ColumnInfo c;
            c.name = st.text(8);
            c.type = st.text(9);
            c.description = st.text(10);
            c.nullable = st.int64(11) != 0;
            c.primaryKey = st.int64(12) != 0;
            for (const QJsonValue &t : QJsonDocument::fromJson(st.text(13).toUtf8()).array()) {
                c.tags << t.toString();
            }
            d.ports.back().columns.push_back(c);
        }
    }
    d.slas = slas(id);
    d.checks = checks(id);
    {
        const auto edges = [&](std::string_view sql, QList<LineageRef> &out) {
            Statement st = m_db.prepare(sql);
            st.bind(1, id);
            while (st.next()) {
                LineageRef ref{st.text(0), st.text(1), st.optionalInt64(2)};
                if (ref.name.isEmpty()) {
                    ref.name = ref.extId;
                }
                out.push_back(ref);
            }
        };
        edges("SELECT DISTINCT l.from_ext, coalesce(nullif(u.display_name, ''), u.name), u.id FROM entries e "
              "JOIN lineage l ON l.source_id = e.source_id AND l.to_ext = e.ext_id "
              "LEFT JOIN entries u ON u.source_id = l.source_id AND u.ext_id = l.from_ext WHERE e.id = ?1 "
              "ORDER BY 2",
              d.upstream);
        edges("SELECT DISTINCT l.to_ext, coalesce(nullif(u.display_name, ''), u.name), u.id FROM entries e "
              "JOIN lineage l ON l.source_id = e.source_id AND l.from_ext = e.ext_id "
              "LEFT JOIN entries u ON u.source_id = l.source_id AND u.ext_id = l.to_ext WHERE e.id = ?1 "
              "ORDER BY 2",
              d.downstream);
    }
    Outbox(m_db).overlay(d); // the user's undelivered edits show at once, marked pending
    return d;
}

std::optional<ProductSummary> CatalogReader::summaryByExt(std::int64_t sourceId, const QString &extId)
{
    Statement st = m_db.prepare(std::string("SELECT ") + std::string(kSummaryColumns) +
                                " FROM entries e LEFT JOIN domains d ON d.id = e.domain_id "
                                "WHERE e.source_id = ?1 AND e.ext_id = ?2");
    st.bind(1, sourceId).bind(2, extId);
    if (!st.next()) {
        return std::nullopt;
    }
    return readSummary(st);
}

std::optional<std::int64_t> CatalogReader::sourceOf(std::int64_t id)
{
    Statement st = m_db.prepare("SELECT source_id FROM entries WHERE id = ?1");
    st.bind(1, id);
    return st.next() ? std::optional<std::int64_t>(st.int64(0)) : std::nullopt;
}

QList<SlaInfo> CatalogReader::slas(std::int64_t id)
{
    QList<SlaInfo> out;
    // The latest point of each objective: the last non-gap value of its newest chunk (one join, by key).
    Statement st =
        m_db.prepare("SELECT o.id, o.ext_id, o.kind, o.unit, o.op, o.description, o.target, s.t0, s.step, s.vals "
                     "FROM sla_objectives o LEFT JOIN sla_series s ON s.objective_id = o.id "
                     " AND s.t0 = (SELECT max(t0) FROM sla_series WHERE objective_id = o.id) "
                     "WHERE o.entry_id = ?1 ORDER BY o.kind, o.id");
    st.bind(1, id);
    while (st.next()) {
        SlaInfo s;
        s.id = st.int64(0);
        s.extId = st.text(1);
        s.kind = st.text(2);
        s.unit = st.text(3);
        s.op = st.text(4);
        s.description = st.text(5);
        s.target = st.real(6);
        if (!st.isNull(9)) {
            const std::vector<float> vals = SeriesCodec::decode(st.blob(9));
            for (std::size_t i = vals.size(); i-- > 0;) {
                if (!std::isnan(vals[i])) {
                    s.latest = vals[i];
                    s.latestAt = st.int64(7) + st.int64(8) * static_cast<std::int64_t>(i);
                    break;
                }
            }
        }
        out.push_back(s);
    }
    return out;
}

QList<CheckInfo> CatalogReader::checks(std::int64_t id)
{
    QList<CheckInfo> out;
    Statement st =
        m_db.prepare("SELECT c.id, c.ext_id, c.name, c.kind, coalesce(c.column_name, ''), c.severity, c.description, "
                     "       s.t0, s.step, s.statuses "
                     "FROM checks c LEFT JOIN check_series s ON s.check_id = c.id "
                     " AND s.t0 = (SELECT max(t0) FROM check_series WHERE check_id = c.id) "
                     "WHERE c.entry_id = ?1 ORDER BY c.name, c.id");
    st.bind(1, id);
    while (st.next()) {
        CheckInfo c{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), {}, {}};
        const auto statuses = st.blob(9);
        for (std::size_t i = statuses.size(); i-- > 0;) {
            const char s = static_cast<char>(statuses[i]);
            if (s != '-') {
                c.lastStatus = QLatin1Char(s);
                c.lastRunAt = st.int64(7) + st.int64(8) * static_cast<std::int64_t>(i);
                break;
            }
        }
        out.push_back(c);
    }
    return out;
}

CatalogStats CatalogReader::stats()
{
    CatalogStats s;
    s.products = scalar(m_db, "SELECT count(*) FROM entries");
    s.domains = scalar(m_db, "SELECT count(*) FROM domains");
    s.teams = scalar(m_db, "SELECT count(*) FROM teams");
    s.people = scalar(m_db, "SELECT count(*) FROM people");
    s.ports = scalar(m_db, "SELECT count(*) FROM ports");
    s.slas = scalar(m_db, "SELECT count(*) FROM sla_objectives");
    s.checks = scalar(m_db, "SELECT count(*) FROM checks");
    s.lineageEdges = scalar(m_db, "SELECT count(*) FROM lineage");
    s.pendingOutbox = scalar(m_db, "SELECT count(*) FROM outbox WHERE state <> 'delivered'");
    s.sources = sources();
    return s;
}

QList<SourceState> CatalogReader::sources()
{
    QList<SourceState> list;
    Statement st = m_db.prepare("SELECT uri, kind, name, coalesce(cursor, ''), coalesce(last_error, ''), "
                                "snapshot_at, last_attempt_at, last_success_at, id FROM sources ORDER BY id");
    while (st.next()) {
        list.push_back(SourceState{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.optionalInt64(5),
                                   st.optionalInt64(6), st.optionalInt64(7), st.int64(8)});
    }
    return list;
}

std::optional<std::int64_t> CatalogReader::asOf()
{
    Statement st = m_db.prepare("SELECT max(last_success_at) FROM sources");
    return st.next() ? st.optionalInt64(0) : std::nullopt;
}

bool CatalogReader::isEmpty()
{
    return scalar(m_db, "SELECT NOT EXISTS(SELECT 1 FROM entries)") != 0;
}

} // namespace meshlens::models
