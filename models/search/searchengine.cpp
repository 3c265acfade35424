#include "searchengine.h"

#include "../logging.h"
#include "../store/catalogreader.h"
#include "../store/outbox.h"

#include <QElapsedTimer>
#include <QHash>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <variant>

namespace meshlens::models {

namespace {

// Column weights of the ranking, in entry_fts column order: name > tags > domain, owners > description > columns.
constexpr std::array<double, 7> kWeights = {10.0, 8.0, 5.0, 3.0, 3.0, 1.5, 1.0};
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr int kPrefixTierLimit = 50;

// The tokens FTS5's unicode61 tokenizer (remove_diacritics 2) makes of a word, near enough for IDF and typos.
QStringList tokens(const QString &word)
{
    QString folded;
    for (const QChar c : word.normalized(QString::NormalizationForm_KD)) {
        if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_Enclosing) {
            continue;
        }
        folded += c.isLetterOrNumber() ? c.toCaseFolded() : QLatin1Char(' ');
    }
    return folded.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// Damerau-Levenshtein (optimal string alignment) distance, giving up above `limit`.
int editDistance(QStringView a, QStringView b, int limit)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    if (std::abs(n - m) > limit) {
        return limit + 1;
    }
    std::vector<int> prev2(static_cast<std::size_t>(m + 1)), prev(static_cast<std::size_t>(m + 1)),
        cur(static_cast<std::size_t>(m + 1));
    for (qsizetype j = 0; j <= m; ++j) {
        prev[static_cast<std::size_t>(j)] = static_cast<int>(j);
    }
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = static_cast<int>(i);
        int rowMin = cur[0];
        for (qsizetype j = 1; j <= m; ++j) {
            const auto J = static_cast<std::size_t>(j);
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({prev[J] + 1, cur[J - 1] + 1, prev[J - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                v = std::min(v, prev2[J - 2] + 1);
            }
            cur[J] = v;
            rowMin = std::min(rowMin, v);
        }
        if (rowMin > limit) {
            return limit + 1;
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[static_cast<std::size_t>(m)];
}

// meshlens_rank(entry_fts, idf0, idf1, ...): FTS5's BM25 with our column weights, except that each phrase's IDF
// is an argument. FTS5's own bm25() counts the rows of every phrase on its first call, which for a 2-letter
// prefix is a pass over hundreds of thousands of doclist entries; the vocabulary table answers it for free.
void rankFunction(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal, sqlite3_value **args)
{
    auto *avg = static_cast<double *>(api->xGetAuxdata(fts, 0));
    if (!avg) {
        sqlite3_int64 rows = 0;
        sqlite3_int64 tokensTotal = 0;
        if (api->xRowCount(fts, &rows) != SQLITE_OK || api->xColumnTotalSize(fts, -1, &tokensTotal) != SQLITE_OK) {
            sqlite3_result_error(ctx, "meshlens_rank: no index statistics", -1);
            return;
        }
        avg = static_cast<double *>(sqlite3_malloc(sizeof(double)));
        if (!avg) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        *avg = rows > 0 ? static_cast<double>(tokensTotal) / static_cast<double>(rows) : 1.0;
        if (api->xSetAuxdata(fts, avg, sqlite3_free) != SQLITE_OK) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
    }
    const int phrases = api->xPhraseCount(fts);
    std::array<double, 64> tf{};
    int instances = 0;
    if (api->xInstCount(fts, &instances) != SQLITE_OK) {
        sqlite3_result_error(ctx, "meshlens_rank: no instances", -1);
        return;
    }
    for (int i = 0; i < instances; ++i) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        if (api->xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK && phrase < static_cast<int>(tf.size()) &&
            column < static_cast<int>(kWeights.size())) {
            tf[static_cast<std::size_t>(phrase)] += kWeights[static_cast<std::size_t>(column)];
        }
    }
    int length = 0;
    (void)api->xColumnSize(fts, -1, &length);
    const double norm = kK1 * (1 - kB + kB * static_cast<double>(length) / *avg);
    double score = 0;
    for (int p = 0; p < std::min(phrases, static_cast<int>(tf.size())); ++p) {
        const double idf = p < nVal ? sqlite3_value_double(args[p]) : 1.0;
        const double f = tf[static_cast<std::size_t>(p)];
        score += idf * f * (kK1 + 1) / (f + norm);
    }
    sqlite3_result_double(ctx, score);
}

bool registerRank(sqlite3 *db)
{
    fts5_api *api = nullptr;
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) {
        return false;
    }
    sqlite3_bind_pointer(st, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api && api->xCreateFunction(api, "meshlens_rank", nullptr, rankFunction, nullptr) == SQLITE_OK;
}

int progressHandler(void *flag)
{
    return static_cast<const std::atomic<bool> *>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
}

QString snippetHtml(const QString &raw)
{
    QString html = raw.toHtmlEscaped();
    html.replace(QChar(0xE000), QLatin1String("<b>"));
    html.replace(QChar(0xE001), QLatin1String("</b>"));
    html.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return html;
}

} // namespace

QString SearchHit::matchedBy() const
{
    switch (tier) {
    case 0:
        return QStringLiteral("exact name");
    case 1:
        return QStringLiteral("fqn or id");
    case 2:
        return QStringLiteral("name prefix");
    default:
        return QStringLiteral("text");
    }
}

// A WHERE clause over `e` (entries) with its bound values; SQL text is ours, values are only ever bound.
struct SearchEngine::Sql
{
    QString from = QStringLiteral("entries e");
    QString where = QStringLiteral("1");
    std::vector<std::variant<std::int64_t, QString>> values;

    QString arg(std::variant<std::int64_t, QString> v)
    {
        values.push_back(std::move(v));
        return QStringLiteral("?%1").arg(values.size());
    }
    void bindAll(Statement &st) const
    {
        for (std::size_t i = 0; i < values.size(); ++i) {
            std::visit([&](const auto &v) { st.bind(static_cast<int>(i + 1), v); }, values[i]);
        }
    }
};

struct SearchEngine::Vocabulary
{
    std::vector<std::pair<QString, std::int64_t>> terms; // sorted by term
    std::int64_t documents = 0;
    std::int64_t dataVersion = -1;
    QString key;
};

SearchEngine::SearchEngine(Database &db)
    : m_db(db)
    , m_vocab(std::make_unique<Vocabulary>())
{
    // The index pages a search touches stay mapped instead of being copied through a 2 MB page cache.
    (void)m_db.exec("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536");
    if (!registerRank(m_db.handle())) {
        qCWarning(lcStore) << "could not register the ranking function; text search will fail";
    }
}

SearchEngine::~SearchEngine() = default;

std::optional<StoreError> SearchEngine::rebuildVocabulary(Database &db)
{
    return db.exec("DELETE FROM search_terms; "
                   "INSERT INTO search_terms(term, docs) SELECT term, doc FROM entry_fts_vocab;");
}

void SearchEngine::loadVocabulary()
{
    {
        Statement st = m_db.prepare("PRAGMA data_version");
        const std::int64_t version = st.next() ? st.int64(0) : -2;
        if (version == m_vocab->dataVersion) {
            return;
        }
        m_vocab->dataVersion = version;
    }
    Statement key = m_db.prepare("SELECT group_concat(id || ':' || gen || ':' || coalesce(last_success_at, 0)), "
                                 "(SELECT count(*) FROM search_terms) FROM sources");
    const QString k = key.next() ? key.text(0) + QLatin1Char('/') + key.text(1) : QString();
    if (k == m_vocab->key && !m_vocab->key.isEmpty()) {
        return;
    }
    m_vocab->key = k;
    m_vocab->terms.clear();
    Statement st = m_db.prepare("SELECT term, docs FROM search_terms");
    while (st.next()) {
        m_vocab->terms.emplace_back(st.text(0), st.int64(1));
    }
    std::sort(m_vocab->terms.begin(), m_vocab->terms.end());
    Statement count = m_db.prepare("SELECT count(*) FROM entries");
    m_vocab->documents = count.next() ? count.int64(0) : 0;
}

std::int64_t SearchEngine::documentsWith(const QString &token, bool prefix) const
{
    const auto &t = m_vocab->terms;
    auto it = std::lower_bound(t.begin(), t.end(), token, [](const auto &a, const QString &b) { return a.first < b; });
    if (!prefix) {
        return it != t.end() && it->first == token ? it->second : 0;
    }
    std::int64_t sum = 0;
    for (; it != t.end() && it->first.startsWith(token); ++it) {
        sum += it->second;
    }
    return std::min(sum, m_vocab->documents);
}

double SearchEngine::idf(const QString &term, bool prefix) const
{
    // A phrase is at most as frequent as its rarest token.
    const QStringList toks = tokens(term);
    std::int64_t docs = m_vocab->documents;
    for (qsizetype i = 0; i < toks.size(); ++i) {
        docs = std::min(docs, documentsWith(toks[i], prefix && i == toks.size() - 1));
    }
    const double n = static_cast<double>(m_vocab->documents);
    const double v = std::log((n - static_cast<double>(docs) + 0.5) / (static_cast<double>(docs) + 0.5));
    return std::max(v, 1e-6);
}

std::optional<QString> SearchEngine::correction(const QString &word, bool prefix)
{
    loadVocabulary();
    const QStringList toks = tokens(word);
    if (toks.size() != 1) {
        return std::nullopt;
    }
    const QString &tok = toks.front();
    if (tok.size() < 3 || documentsWith(tok, prefix) > 0) {
        return std::nullopt;
    }
    const int limit = tok.size() <= 5 ? 1 : 2;
    std::optional<std::pair<int, std::int64_t>> best;
    QString bestTerm;
    for (const auto &[term, docs] : m_vocab->terms) {
        // While typing, the word is compared with the term's beginnings of about its length.
        QStringView candidate = term;
        int d = limit + 1;
        if (prefix) {
            for (qsizetype k = std::max<qsizetype>(1, tok.size() - limit); k <= tok.size() + limit; ++k) {
                if (k > term.size()) {
                    break;
                }
                const int dk = editDistance(tok, QStringView(term).left(k), limit);
                if (dk < d) {
                    d = dk;
                    candidate = QStringView(term).left(k);
                }
            }
        } else if (std::abs(term.size() - tok.size()) <= limit) {
            d = editDistance(tok, candidate, limit);
        }
        if (d > limit) {
            continue;
        }
        // Nearer first, then the more common term, then alphabetical (terms are sorted).
        if (!best || d < best->first || (d == best->first && docs > best->second)) {
            best = std::make_pair(d, docs);
            bestTerm = prefix ? candidate.toString() : term;
        }
    }
    if (!best) {
        return std::nullopt;
    }
    return bestTerm;
}

SearchResult SearchEngine::search(const QString &text, const SearchOptions &options)
{
    const SearchQuery query = SearchQuery::parse(text);
    if (query.isEmpty() && !text.trimmed().isEmpty()) {
        // Only punctuation or operators: nothing to search for, which is not the same as "list everything".
        SearchResult nothing;
        nothing.query = query;
        nothing.searched = query;
        nothing.plan = QStringLiteral("nothing searchable");
        return nothing;
    }
    return search(query, options);
}

SearchResult SearchEngine::search(const SearchQuery &query, const SearchOptions &options)
{
    if (m_cancel) {
        sqlite3_progress_handler(m_db.handle(), 2000, progressHandler,
                                 const_cast<void *>(static_cast<const void *>(m_cancel)));
    }
    loadVocabulary();
    SearchQuery searched = query;
    QStringList corrected;
    if (options.correctTypos) {
        for (qsizetype i = 0; i < searched.words.size(); ++i) {
            const bool prefix = searched.lastWordIsPrefix && i == searched.words.size() - 1;
            if (auto fix = correction(searched.words[i], prefix)) {
                corrected << searched.words[i];
                searched.words[i] = *fix;
            }
        }
    }
    SearchResult result = run(searched, options);
    result.query = query;
    if (!corrected.isEmpty()) {
        result.correctedFrom = corrected.join(QLatin1Char(' '));
    }
    if (m_cancel) {
        sqlite3_progress_handler(m_db.handle(), 0, nullptr, nullptr);
        if (m_cancel->load()) {
            result.cancelled = true;
            result.hits.clear();
        }
    }
    return result;
}

SearchResult SearchEngine::run(const SearchQuery &query, const SearchOptions &options)
{
    QElapsedTimer phase;
    phase.start();
    SearchResult result;
    result.searched = query;

    // Filters: OR within a single-valued field, AND across fields and for tags, owners and has:.
    Sql filters;
    {
        QHash<int, QStringList> anyOf;
        QStringList all;
        for (const SearchQuery::Filter &f : query.filters) {
            const QString v = filters.arg(f.value);
            switch (f.field) {
            case SearchQuery::Field::Domain:
                // One domain id (a scalar, not IN): with entries_domain_name the listing comes out in name order.
                anyOf[0] << QStringLiteral("e.domain_id = (SELECT id FROM domains WHERE name = %1 COLLATE NOCASE "
                                           "OR display_name = %1 COLLATE NOCASE OR ext_id = %1 ORDER BY id LIMIT 1)")
                                .arg(v);
                break;
            case SearchQuery::Field::Status:
                anyOf[1] << QStringLiteral("e.status = %1 COLLATE NOCASE").arg(v);
                break;
            case SearchQuery::Field::Tier:
                anyOf[2] << QStringLiteral("e.tier = CAST(%1 AS INTEGER)").arg(v);
                break;
            case SearchQuery::Field::Source:
                anyOf[3] << QStringLiteral("e.source_id IN (SELECT id FROM sources WHERE uri = %1 OR kind = %1 OR "
                                           "name = %1 COLLATE NOCASE OR instr(lower(uri), lower(%1)) > 0)")
                                .arg(v);
                break;
            case SearchQuery::Field::Tag: {
                // A rare tag is a small set to look products up from; a common one ("gold": a quarter of a million
                // products at 1M) is cheaper probed per candidate than collected first.
                Statement n = m_db.prepare("SELECT count(*) FROM (SELECT 1 FROM entry_tags WHERE tag IN (?1, "
                                           "lower(?1)) LIMIT 5001)");
                n.bind(1, f.value);
                const bool common = n.next() && n.int64(0) > 5000;
                all << (common
                            ? QStringLiteral("EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag "
                                             "IN (%1, lower(%1)))")
                            : QStringLiteral("e.id IN (SELECT entry_id FROM entry_tags WHERE tag IN (%1, lower(%1)))"))
                           .arg(v);
                break;
            }
            case SearchQuery::Field::Owner:
                all << QStringLiteral(
                           "e.id IN (SELECT o.entry_id FROM ownerships o WHERE +o.party_kind = 'person' AND o.party_id "
                           "IN (SELECT id FROM people WHERE ext_id = %1 OR name = %1 COLLATE NOCASE OR display_name = "
                           "%1 COLLATE NOCASE OR email = %1 COLLATE NOCASE) "
                           "UNION ALL SELECT o.entry_id FROM ownerships o WHERE +o.party_kind = 'team' AND o.party_id "
                           "IN (SELECT id FROM teams WHERE ext_id = %1 OR name = %1 COLLATE NOCASE OR display_name = "
                           "%1 COLLATE NOCASE))")
                           .arg(v);
                break;
            case SearchQuery::Field::Has:
                if (f.value == QLatin1String("sla")) {
                    all << QStringLiteral("EXISTS (SELECT 1 FROM sla_objectives so WHERE so.entry_id = e.id)");
                } else {
                    // An incident: a check whose most recent results include a failure.
                    all << QStringLiteral(
                        "EXISTS (SELECT 1 FROM checks c JOIN check_series cs ON cs.check_id = c.id "
                        "WHERE c.entry_id = e.id AND cs.t0 = (SELECT max(t0) FROM check_series WHERE check_id = c.id) "
                        "AND instr(cs.statuses, 'F') > 0)");
                }
                break;
            }
        }
        if (!query.excluded.isEmpty()) {
            // Exclusions hold for every tier, the look-ups included.
            QStringList nots;
            for (const QString &x : query.excluded) {
                nots << QLatin1Char('"') + QString(x).replace(QLatin1Char('"'), QLatin1String("\"\"")) +
                            QLatin1Char('"');
            }
            all << QStringLiteral("e.id NOT IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH %1)")
                       .arg(filters.arg(nots.join(QLatin1String(" OR "))));
        }
        for (const QStringList &alternatives : std::as_const(anyOf)) {
            all << QLatin1Char('(') + alternatives.join(QLatin1String(" OR ")) + QLatin1Char(')');
        }
        if (!all.isEmpty()) {
            filters.where = all.join(QLatin1String(" AND "));
        }
    }
    const bool hasFilters = !query.filters.isEmpty() || !query.excluded.isEmpty();

    const QString fts = query.ftsExpression();
    const QString text = query.text();
    const bool listing = !query.hasText() || options.sort != SearchOptions::Sort::Relevance;
    const QString order = [&]() {
        const QString dir = options.descending ? QStringLiteral(" DESC") : QString();
        switch (options.sort) {
        case SearchOptions::Sort::Domain:
            return QStringLiteral("coalesce(nullif(d.display_name, ''), d.name, '')%1, e.name COLLATE NOCASE, e.id")
                .arg(dir);
        case SearchOptions::Sort::Status:
            return QStringLiteral("e.status%1, e.name COLLATE NOCASE, e.id").arg(dir);
        case SearchOptions::Sort::Tier:
            return QStringLiteral("e.tier%1, e.name COLLATE NOCASE, e.id").arg(dir);
        default:
            return QStringLiteral("e.name COLLATE NOCASE%1, e.id%1").arg(dir);
        }
    }();

    // The set of matching products, as a WHERE clause over `e`; shared by the count, sorted listings and facets.
    Sql matches = filters;
    if (query.hasText()) {
        if (!fts.isEmpty()) {
            // Driven from the full-text index: an IN (subquery) would first materialise every match.
            matches.from = QStringLiteral("entry_fts f JOIN entries e ON e.id = f.rowid");
            matches.where += QStringLiteral(" AND f.entry_fts MATCH %1").arg(matches.arg(fts));
        } else {
            // Only a single typed character: products whose name or display name starts with it.
            const QString p = matches.arg(text);
            const QString p2 = matches.arg(text + QChar(0xDBFF) + QChar(0xDFFF));
            matches.where += QStringLiteral(" AND ((e.name >= %1 COLLATE NOCASE AND e.name < %2 COLLATE NOCASE) OR "
                                            "(e.display_name >= %1 COLLATE NOCASE AND e.display_name < %2 COLLATE "
                                            "NOCASE))")
                                 .arg(p, p2);
        }
    }

    // How selective the filters are decides the plan for text: a small filtered set is ranked whole ("filter
    // first"); a large one filters the text's candidates.
    std::int64_t filtered = 0;
    if (hasFilters && !fts.isEmpty()) {
        Statement st = m_db.prepare(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM entries e WHERE %1 LIMIT %2)")
                                        .arg(filters.where)
                                        .arg(kFilterFirstCap + 1)
                                        .toStdString());
        filters.bindAll(st);
        filtered = st.next() ? st.int64(0) : 0;
    }
    const bool filterFirst = hasFilters && !fts.isEmpty() && filtered <= kFilterFirstCap;

    // The count, capped: "1,000+" is all a person needs, and counting a million matches is not free. The whole
    // catalog is counted exactly (the empty query's "N products").
    if (query.isEmpty()) {
        Statement st = m_db.prepare("SELECT count(*) FROM entries");
        result.total = st.next() ? st.int64(0) : 0;
    } else {
        // Text with filters counts among the first kCountScan text matches only: a selective filter over a common
        // word would otherwise walk every match ("300+ matches" is then a lower bound, and says so).
        const bool scanCapped = hasFilters && !fts.isEmpty();
        Sql count = scanCapped ? filters : matches;
        QString sql;
        if (filterFirst) {
            // Scan the text's matches against the small filtered set ("+rowid": not one FTS query per product).
            sql = QStringLiteral("SELECT count(*), 0 FROM (SELECT 1 FROM entry_fts WHERE entry_fts MATCH %1 AND +rowid "
                                 "IN (SELECT e.id FROM entries e WHERE %2) LIMIT %3)")
                      .arg(count.arg(fts), filters.where)
                      .arg(kCountCap + 1);
        } else if (scanCapped) {
            const QString m = count.arg(fts);
            sql = QStringLiteral("SELECT (SELECT count(*) FROM (SELECT 1 FROM (SELECT rowid FROM entry_fts WHERE "
                                 "entry_fts MATCH %1 LIMIT %2) f JOIN entries e ON e.id = f.rowid WHERE %3 LIMIT %4)), "
                                 "(SELECT count(*) FROM (SELECT 1 FROM entry_fts WHERE entry_fts MATCH %1 LIMIT %2))")
                      .arg(m)
                      .arg(kCountScan)
                      .arg(filters.where)
                      .arg(kCountCap + 1);
        } else {
            sql = QStringLiteral("SELECT count(*), 0 FROM (SELECT 1 FROM %1 WHERE %2 LIMIT %3)")
                      .arg(hasFilters || fts.isEmpty() ? matches.from : QStringLiteral("entry_fts f"), matches.where)
                      .arg(kCountCap + 1);
        }
        Statement st = m_db.prepare(sql.toStdString());
        count.bindAll(st);
        result.total = st.next() ? st.int64(0) : 0;
        const bool scannedAll = filterFirst || !scanCapped || st.int64(1) < kCountScan;
        if (st.error()) {
            result.error = st.error();
            return result;
        }
        result.totalCapped = result.total > kCountCap || !scannedAll;
        result.total = std::min<std::int64_t>(result.total, kCountCap);
    }

    qCDebug(lcStore) << "search count" << phase.nsecsElapsed() / 1000 << "us";
    phase.restart();
    if (listing) {
        result.plan = QStringLiteral("listing");
        // A filter that keeps most products is cheapest read in name order until a page is full; the planner
        // would rather use the filter's index and sort tens of thousands of rows. Selective filters use theirs.
        const bool byName = options.sort == SearchOptions::Sort::Name || options.sort == SearchOptions::Sort::Relevance;
        // A single domain, status or tier filter has its own index in name order (entries_*_name).
        const bool ownIndex = query.filters.size() == 1 && query.excluded.isEmpty() &&
                              query.filters.front().field != SearchQuery::Field::Tag &&
                              query.filters.front().field != SearchQuery::Field::Owner &&
                              query.filters.front().field != SearchQuery::Field::Has &&
                              query.filters.front().field != SearchQuery::Field::Source;
        if (fts.isEmpty() && !query.hasText() && byName && result.totalCapped && !ownIndex) {
            matches.from = QStringLiteral("entries e INDEXED BY entries_name");
        }
        // The page's ids first, then their summaries: the owners sub-select runs for 20 rows, not for every match.
        Statement st = m_db.prepare(QStringLiteral("SELECT e.id FROM %1 LEFT JOIN domains d ON d.id = e.domain_id "
                                                   "WHERE %2 ORDER BY %3 LIMIT %4 OFFSET %5")
                                        .arg(matches.from, matches.where, order)
                                        .arg(options.limit)
                                        .arg(options.offset)
                                        .toStdString());
        matches.bindAll(st);
        while (st.next()) {
            SearchHit hit;
            hit.product.id = st.int64(0);
            result.hits.push_back(hit);
        }
        if (st.error()) {
            result.error = st.error();
        }
    } else {
        // Ranked: candidates from the look-up tiers and bounded FTS scans, ordered by tier then score.
        result.plan = filterFirst ? QStringLiteral("filter-first") : QStringLiteral("ranked");
        Sql ranked = filters;
        QStringList idfs;
        for (qsizetype i = 0; i < query.words.size(); ++i) {
            const bool prefix = query.lastWordIsPrefix && i == query.words.size() - 1;
            if (prefix && tokens(query.words[i]).join(QString()).size() <= 1) {
                continue; // left out of the FTS expression too
            }
            idfs << QString::number(idf(query.words[i], prefix), 'g', 6);
        }
        for (const QString &p : query.phrases) {
            idfs << QString::number(idf(p, false), 'g', 6);
        }
        const QString rank =
            QStringLiteral("meshlens_rank(entry_fts%1)")
                .arg(idfs.isEmpty() ? QString() : QStringLiteral(", ") + idfs.join(QStringLiteral(", ")));
        QStringList cands;
        if (!fts.isEmpty()) {
            if (filterFirst) {
                // "+rowid": scan the matches against the (small) filtered set; handing rowid IN (...) to FTS5 instead
                // would run one full-text query per filtered product.
                cands << QStringLiteral(
                             "SELECT * FROM (SELECT rowid AS id, %1 AS s, 3 AS t FROM entry_fts WHERE "
                             "entry_fts MATCH %2 AND +rowid IN (SELECT e.id FROM entries e WHERE %3) LIMIT %4)")
                             .arg(rank, ranked.arg(fts), filters.where)
                             .arg(kCandidates * 2);
            } else {
                cands << QStringLiteral("SELECT * FROM (SELECT rowid AS id, %1 AS s, 3 AS t FROM entry_fts "
                                        "WHERE entry_fts MATCH %2 LIMIT %3)")
                             .arg(rank, ranked.arg(fts))
                             .arg(kCandidates);
                cands << QStringLiteral("SELECT * FROM (SELECT rowid AS id, %1 AS s, 3 AS t FROM entry_fts "
                                        "WHERE entry_fts MATCH %2 LIMIT %3)")
                             .arg(rank, ranked.arg(query.ftsExpression(QStringLiteral("name display_name"))))
                             .arg(kCandidates);
            }
        }
        const QString t = ranked.arg(text);
        const QString p2 = ranked.arg(text + QChar(0xDBFF) + QChar(0xDFFF));
        cands << QStringLiteral("SELECT id, 0, 0 FROM entries WHERE name = %1 COLLATE NOCASE").arg(t)
              << QStringLiteral("SELECT id, 0, 0 FROM entries WHERE display_name = %1 COLLATE NOCASE").arg(t)
              << QStringLiteral("SELECT id, 0, 1 FROM entries WHERE fqn = %1 COLLATE NOCASE AND fqn <> ''").arg(t)
              << QStringLiteral("SELECT id, 0, 1 FROM entries WHERE ext_id = %1").arg(t)
              << QStringLiteral("SELECT * FROM (SELECT id, 0, 2 FROM entries WHERE name >= %1 COLLATE NOCASE AND "
                                "name < %2 COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT %3)")
                     .arg(t, p2)
                     .arg(kPrefixTierLimit)
              << QStringLiteral("SELECT * FROM (SELECT id, 0, 2 FROM entries WHERE display_name >= %1 COLLATE NOCASE "
                                "AND display_name < %2 COLLATE NOCASE ORDER BY display_name COLLATE NOCASE LIMIT %3)")
                     .arg(t, p2)
                     .arg(kPrefixTierLimit);
        const QString sql = QStringLiteral("WITH cand(id, s, t) AS (%1) "
                                           "SELECT e.id, min(c.t) AS tier, max(c.s) AS score FROM cand c "
                                           "JOIN entries e ON e.id = c.id WHERE %2 GROUP BY e.id "
                                           "ORDER BY tier, score DESC, e.name COLLATE NOCASE, e.id LIMIT %3 OFFSET %4")
                                .arg(cands.join(QLatin1String(" UNION ALL ")), filters.where)
                                .arg(options.limit)
                                .arg(options.offset);
        Statement st = m_db.prepare(sql.toStdString());
        ranked.bindAll(st);
        while (st.next()) {
            SearchHit hit;
            hit.product.id = st.int64(0);
            hit.tier = st.int32(1);
            hit.textScore = st.real(2);
            result.hits.push_back(hit);
        }
        if (st.error()) {
            result.error = st.error();
        }
        // Look-up tiers can find products the FTS count did not (a pasted id, or an exact name with excluded words).
        result.total = std::max<std::int64_t>(result.total, options.offset + result.hits.size());
    }
    if (!result.error && !result.hits.isEmpty()) {
        Statement st =
            m_db.prepare(QStringLiteral("SELECT %1 FROM entries e LEFT JOIN domains d ON d.id = e.domain_id "
                                        "WHERE e.id = ?1")
                             .arg(QLatin1String(CatalogReader::summaryColumns().data(),
                                                static_cast<qsizetype>(CatalogReader::summaryColumns().size())))
                             .toStdString());
        const QSet<std::int64_t> pendingEdits = Outbox(m_db).pendingEditIds(); // marked in the results
        for (SearchHit &hit : result.hits) {
            st.reset();
            st.bind(1, hit.product.id);
            if (st.next()) {
                hit.product = CatalogReader::readSummary(st);
                hit.product.score = hit.textScore;
                hit.product.pendingEdit = pendingEdits.contains(hit.product.id);
            }
        }
    }
    qCDebug(lcStore) << "search" << result.plan << phase.nsecsElapsed() / 1000 << "us";
    phase.restart();
    if (result.error) {
        return result;
    }
    if (options.snippets && !fts.isEmpty()) {
        addSnippets(result);
        qCDebug(lcStore) << "search snippets" << phase.nsecsElapsed() / 1000 << "us";
    }
    if (options.facets) {
        addFacets(result, matches);
    }
    return result;
}

void SearchEngine::addSnippets(SearchResult &result)
{
    Statement st = m_db.prepare("SELECT snippet(entry_fts, -1, char(57344), char(57345), '…', 12) FROM entry_fts "
                                "WHERE entry_fts MATCH ?1 AND rowid = ?2");
    const QString fts = result.searched.ftsExpression();
    for (SearchHit &hit : result.hits) {
        st.reset();
        st.bind(1, fts).bind(2, hit.product.id);
        if (st.next()) {
            hit.snippetHtml = snippetHtml(st.text(0));
        }
    }
}

void SearchEngine::addFacets(SearchResult &result, const Sql &matches)
{
    const QString sql =
        QStringLiteral(
            "WITH m(id) AS MATERIALIZED (SELECT e.id FROM %1 WHERE %2 LIMIT %3) "
            "SELECT 0, d.name, coalesce(nullif(d.display_name, ''), d.name), count(*) FROM m JOIN entries e ON e.id = "
            "m.id "
            "  JOIN domains d ON d.id = e.domain_id GROUP BY d.id "
            "UNION ALL SELECT 1, p.ext_id, coalesce(nullif(p.display_name, ''), p.name), count(*) FROM m "
            "  JOIN ownerships o ON o.entry_id = m.id AND +o.party_kind = 'person' "
            "  JOIN people p ON p.id = o.party_id GROUP BY p.id "
            "UNION ALL SELECT 1, t.ext_id, coalesce(nullif(t.display_name, ''), t.name), count(*) FROM m "
            "  JOIN ownerships o ON o.entry_id = m.id AND +o.party_kind = 'team' "
            "  JOIN teams t ON t.id = o.party_id GROUP BY t.id "
            "UNION ALL SELECT 2, g.tag, g.tag, count(*) FROM m JOIN entry_tags g ON g.entry_id = m.id GROUP BY g.tag "
            "UNION ALL SELECT 3, e.status, e.status, count(*) FROM m JOIN entries e ON e.id = m.id "
            "  WHERE e.status <> '' GROUP BY e.status "
            "UNION ALL SELECT 4, e.tier, 'Tier ' || e.tier, count(*) FROM m JOIN entries e ON e.id = m.id "
            "  WHERE e.tier IS NOT NULL GROUP BY e.tier "
            "UNION ALL SELECT 5, '', '', count(*) FROM m")
            .arg(matches.from, matches.where)
            .arg(kFacetSample);
    Statement st = m_db.prepare(sql.toStdString());
    matches.bindAll(st);
    std::array<QList<FacetValue> *, 5> lists = {&result.facets.domain, &result.facets.owner, &result.facets.tag,
                                                &result.facets.status, &result.facets.tier};
    while (st.next()) {
        const int kind = st.int32(0);
        if (kind == 5) {
            result.facets.counted = st.int64(3);
            continue;
        }
        lists[static_cast<std::size_t>(kind)]->push_back(FacetValue{st.text(1), st.text(2), st.int64(3)});
    }
    for (auto *list : lists) {
        std::sort(list->begin(), list->end(), [](const FacetValue &a, const FacetValue &b) {
            return a.count != b.count ? a.count > b.count : a.label.localeAwareCompare(b.label) < 0;
        });
        if (list->size() > 12) {
            list->resize(12);
        }
    }
    result.facets.sampled =
        result.facets.counted >= kFacetSample && (result.totalCapped || result.total > kFacetSample);
}

} // namespace meshlens::models
