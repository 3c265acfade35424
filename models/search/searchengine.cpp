#include "searchengine.h"

#include "searchranking.h"
#include "termcorrector.h"

#include "../logging.h"
#include "../store/catalogreader.h"
#include "../store/outbox.h"
#include "../store/pairtokenizer.h"

#include <QElapsedTimer>
#include <QHash>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <variant>

namespace meshlens::models {

namespace {

// Column weights of the ranking, in entry_fts column order: name > tags > domain, owners > description > columns.
constexpr std::array<double, 7> kWeights = {10.0, 8.0, 5.0, 3.0, 3.0, 1.5, 1.0};
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr int kPrefixTierLimit = 50;
constexpr int kSnippetTokens = 12;
// What every token of the facets column starts with (CatalogWriter's kFacetsSql writes them: 0fd<domain id>,
// 0fsrc<source id>, 0ft<tier>, 0fs<hex status>, 0fg<hex tag>, 0fp<person id>, 0fq<team id>, and the block tokens
// 0fb<level>x<id >> level> for each of SearchEngine::kBlockLevels).
constexpr const char *kFacetTokenPrefix = "0f";
constexpr const char *kBlockTokenPrefix = "0fb";
// The documents' text columns; the last one, facets, holds filter tokens (see SearchFilters).
constexpr const char *kTextColumns = "name display_name tags domain owners description columns";

bool isAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
}

// The tokens FTS5's unicode61 tokenizer (remove_diacritics 2) makes of a word, near enough for IDF and typos.
QStringList tokens(const QString &word)
{
    // ASCII, most of any catalog's text, folds without Unicode normalisation (ten times faster in snippets).
    if (isAscii(word)) {
        QStringList out;
        QString current;
        for (const QChar c : word) {
            const char a = static_cast<char>(c.unicode());
            if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) {
                current += c;
            } else if (a >= 'A' && a <= 'Z') {
                current += QLatin1Char(static_cast<char>(a - 'A' + 'a'));
            } else if (!current.isEmpty()) {
                out << current;
                current.clear();
            }
        }
        if (!current.isEmpty()) {
            out << current;
        }
        return out;
    }
    QString folded;
    for (const QChar c : word.normalized(QString::NormalizationForm_KD)) {
        if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_Enclosing) {
            continue;
        }
        folded += c.isLetterOrNumber() ? c.toCaseFolded() : QLatin1Char(' ');
    }
    return folded.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// meshlens_rank(entry_fts, idf0, idf1, ...): FTS5's BM25 with our column weights, except that each phrase's IDF
// is an argument. FTS5's own bm25() counts the rows of every phrase on its first call, which for a 2-letter
// prefix is a pass over hundreds of thousands of doclist entries; the vocabulary table answers it for free.
void rankFunction(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal, sqlite3_value **args)
{
    // The text columns, not the facets column: filter tokens are no part of a document's length.
    const int textColumns = std::min(api->xColumnCount(fts), static_cast<int>(kWeights.size()));
    auto *avg = static_cast<double *>(api->xGetAuxdata(fts, 0));
    if (!avg) {
        sqlite3_int64 rows = 0;
        sqlite3_int64 tokensTotal = 0;
        if (api->xRowCount(fts, &rows) != SQLITE_OK) {
            sqlite3_result_error(ctx, "meshlens_rank: no index statistics", -1);
            return;
        }
        for (int c = 0; c < textColumns; ++c) {
            sqlite3_int64 size = 0;
            if (api->xColumnTotalSize(fts, c, &size) != SQLITE_OK) {
                sqlite3_result_error(ctx, "meshlens_rank: no index statistics", -1);
                return;
            }
            tokensTotal += size;
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
    for (int c = 0; c < textColumns; ++c) {
        int size = 0;
        (void)api->xColumnSize(fts, c, &size);
        length += size;
    }
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
    fts5_api *api = fts5Api(db);
    return api && api->xCreateFunction(api, "meshlens_rank", nullptr, rankFunction, nullptr) == SQLITE_OK;
}

int progressHandler(void *flag)
{
    return static_cast<const std::atomic<bool> *>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
}

// Ids as a JSON array, for json_each().
QString idArray(const QList<std::int64_t> &ids)
{
    QString out = QStringLiteral("[");
    for (qsizetype i = 0; i < ids.size(); ++i) {
        out += (i ? QStringLiteral(",") : QString()) + QString::number(ids[i]);
    }
    return out + QLatin1Char(']');
}

// A word of a text and where it is: a run of letters, digits and combining marks (unicode61's idea of a token),
// with the form tokens() folds it to, for matching.
struct Span
{
    qsizetype begin = 0;
    qsizetype end = 0;
    QString folded;
};

std::vector<Span> spans(const QString &text)
{
    std::vector<Span> out;
    const qsizetype n = text.size();
    const auto wordCharAt = [&](qsizetype at, qsizetype &length) {
        char32_t ucs = text[at].unicode();
        length = 1;
        if (text[at].isHighSurrogate() && at + 1 < n && text[at + 1].isLowSurrogate()) {
            ucs = QChar::surrogateToUcs4(text[at], text[at + 1]);
            length = 2;
        }
        const QChar::Category c = QChar::category(ucs);
        return QChar::isLetterOrNumber(ucs) || c == QChar::Mark_NonSpacing || c == QChar::Mark_SpacingCombining ||
               c == QChar::Mark_Enclosing;
    };
    qsizetype i = 0;
    while (i < n) {
        qsizetype length = 1;
        if (!wordCharAt(i, length)) {
            i += length;
            continue;
        }
        Span s;
        s.begin = i;
        while (i < n && wordCharAt(i, length)) {
            i += length;
        }
        s.end = i;
        const QString word = text.mid(s.begin, s.end - s.begin);
        s.folded = isAscii(word) ? word.toLower() : tokens(word).join(QString());
        out.push_back(std::move(s));
    }
    return out;
}

// The snippet of a hit: the text column with the most query terms in it (the earlier column on a tie), cut to the
// window of `window` words holding the most of them, the matched words in <b>, everything else HTML-escaped (so a
// description's markup stays text). Empty when no column holds a term.
QString highlightedSnippet(const QStringList &columns, const std::vector<std::pair<QString, bool>> &terms, int window)
{
    const auto termOf = [&](const QString &folded) -> int {
        for (std::size_t t = 0; t < terms.size(); ++t) {
            if (terms[t].second ? folded.startsWith(terms[t].first) : folded == terms[t].first) {
                return static_cast<int>(t);
            }
        }
        return -1;
    };
    struct Best
    {
        int column = -1;
        std::vector<Span> spans;
        std::vector<int> term;
        std::pair<int, int> score{0, 0}; // distinct terms, matched words
    } best;
    const bool asciiTerms = std::all_of(terms.begin(), terms.end(), [](const auto &t) { return isAscii(t.first); });
    for (qsizetype c = 0; c < columns.size(); ++c) {
        // Most columns hold none of the terms: a case-insensitive find says so without tokenising them. (Folding
        // non-ASCII text can make a term of what is not one as written; such columns are tokenised anyway.)
        const bool maybe =
            !asciiTerms || !isAscii(columns[c]) || std::any_of(terms.begin(), terms.end(), [&](const auto &t) {
                return columns[c].contains(t.first, Qt::CaseInsensitive);
            });
        if (!maybe) {
            continue;
        }
        std::vector<Span> s = spans(columns[c]);
        std::vector<int> term(s.size());
        std::vector<bool> seen(terms.size());
        std::pair<int, int> score{0, 0};
        for (std::size_t k = 0; k < s.size(); ++k) {
            term[k] = termOf(s[k].folded);
            if (term[k] >= 0) {
                score.first += seen[static_cast<std::size_t>(term[k])] ? 0 : 1;
                seen[static_cast<std::size_t>(term[k])] = true;
                ++score.second;
            }
        }
        if (score > best.score) {
            best = Best{static_cast<int>(c), std::move(s), std::move(term), score};
        }
    }
    if (best.column < 0) {
        return {};
    }
    // The window: most distinct terms, then most matched words, then the earliest.
    const auto count = static_cast<qsizetype>(best.spans.size());
    const qsizetype width = std::min<qsizetype>(window, count);
    qsizetype start = 0;
    std::pair<int, int> bestWindow{-1, -1};
    for (qsizetype from = 0; from + width <= count; ++from) {
        std::vector<bool> seen(terms.size());
        std::pair<int, int> score{0, 0};
        for (qsizetype k = from; k < from + width; ++k) {
            const int t = best.term[static_cast<std::size_t>(k)];
            if (t >= 0) {
                score.first += seen[static_cast<std::size_t>(t)] ? 0 : 1;
                seen[static_cast<std::size_t>(t)] = true;
                ++score.second;
            }
        }
        if (score > bestWindow) {
            bestWindow = score;
            start = from;
        }
    }
    const QString &text = columns[best.column];
    const qsizetype last = start + width - 1;
    QString html;
    if (start > 0) {
        html += QStringLiteral("…");
    }
    qsizetype at = best.spans[static_cast<std::size_t>(start)].begin;
    for (qsizetype k = start; k <= last; ++k) {
        const Span &s = best.spans[static_cast<std::size_t>(k)];
        html += text.mid(at, s.begin - at).toHtmlEscaped();
        const QString word = text.mid(s.begin, s.end - s.begin).toHtmlEscaped();
        html += best.term[static_cast<std::size_t>(k)] >= 0 ? QStringLiteral("<b>%1</b>").arg(word) : word;
        at = s.end;
    }
    if (last + 1 < count) {
        html += QStringLiteral("…");
    }
    html.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return html;
}

// A cursor fits a listing when it has one key per sort key, each of the key's kind (NULL only where it may be).
bool fits(const ListingOrder &order, const SearchCursor &cursor)
{
    if (cursor.keys.size() != order.size()) {
        return false;
    }
    for (std::size_t i = 0; i < order.size(); ++i) {
        const SearchCursor::Key &v = cursor.keys[i];
        if (!v ? !order[i].nullable : std::holds_alternative<std::int64_t>(*v) != order[i].integer) {
            return false;
        }
    }
    return true;
}

// The rows after a cursor in the listing's order, as a WHERE condition over the listing's tables. Built from the
// last key outwards: at or past key 1 (a range the planner can seek in the key's index) and either past it or on
// to key 2, and so on; the last key, an id, strictly past. NULLs sort first ascending and last descending.
QString afterCursor(const ListingOrder &order, const SearchCursor &cursor, SearchSql &sql)
{
    QString condition;
    for (std::size_t i = order.size(); i-- > 0;) {
        const SortKey &k = order[i];
        const SearchCursor::Key &v = cursor.keys[i];
        QString past;
        QString atOrPast;
        if (!v) {
            past = k.descending ? QStringLiteral("0") : k.sql + QLatin1String(" IS NOT NULL");
            atOrPast = k.descending ? k.sql + QLatin1String(" IS NULL") : QStringLiteral("1");
        } else {
            const QString value = sql.arg(*v);
            const QString nulls = k.nullable && k.descending ? QStringLiteral(" OR %1 IS NULL").arg(k.sql) : QString();
            const auto compare = [&](QLatin1String op) {
                return QStringLiteral("(%1 %2 %3%4)").arg(k.sql, op, value, nulls);
            };
            past = compare(k.descending ? QLatin1String("<") : QLatin1String(">"));
            atOrPast = compare(k.descending ? QLatin1String("<=") : QLatin1String(">="));
        }
        condition = condition.isEmpty() ? past : QStringLiteral("(%1 AND (%2 OR %3))").arg(atOrPast, past, condition);
    }
    return condition;
}

} // namespace

// The ORDER BY of a listing.
QString orderBy(const ListingOrder &order)
{
    QStringList keys;
    for (const SortKey &k : order) {
        keys << (k.descending ? k.sql + QLatin1String(" DESC") : k.sql);
    }
    return keys.join(QLatin1String(", "));
}

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

struct SearchEngine::Vocabulary
{
    TermCorrector::Terms terms; // sorted by term
    std::int64_t documents = 0;
    std::int64_t maxId = 0;
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

void SearchEngine::loadVocabulary()
{
    // Read whole or not at all: a statement that fails half-way (a busy cache, an interrupt) keeps the previous
    // vocabulary and the next search tries again. An empty one would tell the planner the catalog holds no products
    // (no rowids to scan: a budgeted first page came back "complete" with only its look-ups).
    Statement st = m_db.prepare("PRAGMA data_version");
    if (!st.next()) {
        return;
    }
    const std::int64_t version = st.int64(0);
    if (version == m_vocab->dataVersion) {
        return;
    }
    Statement key = m_db.prepare("SELECT group_concat(id || ':' || gen || ':' || coalesce(last_success_at, 0)), "
                                 "(SELECT count(*) FROM search_terms) FROM sources");
    if (!key.next()) {
        return;
    }
    const QString k = key.text(0) + QLatin1Char('/') + key.text(1);
    if (k == m_vocab->key) {
        m_vocab->dataVersion = version;
        return;
    }
    auto fresh = std::make_unique<Vocabulary>();
    Statement terms = m_db.prepare("SELECT term, docs FROM search_terms");
    while (terms.next()) {
        fresh->terms.emplace_back(terms.text(0), terms.int64(1));
    }
    Statement count = m_db.prepare("SELECT count(*), coalesce(max(id), 0) FROM entries");
    if (terms.error() || !count.next()) {
        return;
    }
    std::sort(fresh->terms.begin(), fresh->terms.end());
    fresh->documents = count.int64(0);
    fresh->maxId = count.int64(1);
    fresh->key = k;
    fresh->dataVersion = version;
    m_vocab = std::move(fresh);
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

std::int64_t SearchEngine::documentsWithAll(const QString &term, bool prefix) const
{
    // A phrase is at most as frequent as its rarest token.
    const QStringList toks = tokens(term);
    std::int64_t docs = m_vocab->documents;
    for (qsizetype i = 0; i < toks.size(); ++i) {
        docs = std::min(docs, documentsWith(toks[i], prefix && i == toks.size() - 1));
    }
    return docs;
}

double SearchEngine::idf(const QString &term, bool prefix) const
{
    const std::int64_t docs = documentsWithAll(term, prefix);
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
    // Filter tokens (the facets column) are no words anyone types.
    static const QString facets = QString::fromLatin1(kFacetTokenPrefix);
    return TermCorrector::correct(m_vocab->terms, tok, prefix, facets);
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
    loadVocabulary(); // before the cancel flag can interrupt it: it is shared by the searches that follow
    if (m_cancel) {
        sqlite3_progress_handler(m_db.handle(), 2000, progressHandler,
                                 const_cast<void *>(static_cast<const void *>(m_cancel)));
    }
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

SearchEngine::Scan SearchEngine::scan(Statement &st, const QString &fts, std::int64_t after, std::int64_t limit,
                                      std::int64_t estimate, std::int64_t reads, bool blocks, int budgetMs,
                                      const std::function<void(Statement &)> &row)
{
    // Without a budget, or with doclists short enough to read in one go, one pass. Otherwise the rowid range in
    // growing slices, the first sized to hold the rows wanted were the matches as dense as the rarest term: FTS5
    // cannot stop inside a step that walks long doclists to a rare pair of common words, but each slice seeks to
    // its start and (with `blocks`, see below) ends at its block's end, so the clock is looked at often enough.
    QElapsedTimer clock;
    clock.start();
    Scan out;
    out.last = after;
    const bool sliced = budgetMs > 0 && reads > m_unslicedScan;
    std::int64_t slice =
        sliced ? std::max<std::int64_t>(1, static_cast<std::int64_t>(
                                               static_cast<double>(m_vocab->maxId) * 2.0 * static_cast<double>(limit) /
                                               static_cast<double>(std::max<std::int64_t>(1, estimate))))
               : m_vocab->maxId + 1;
    if (sliced && m_firstSlice > 0) {
        slice = m_firstSlice;
    }
    budgetMs = sliced ? budgetMs : 0;
    std::int64_t from = after;
    while (out.rows < limit) {
        std::int64_t to = budgetMs > 0 ? from + slice : std::numeric_limits<std::int64_t>::max();
        QString match = fts;
        if (budgetMs > 0 && blocks) {
            // The rowid bounds alone do not bound the work: FTS5 stops at the first match past the slice, and an
            // AND with no match in it walks on to the next one, to the end of the doclists if there is none. ANDed
            // with the block token of the slice (the smallest block that holds it, or the slice cut at the end of
            // the largest), the walk ends where the block does.
            const std::int64_t first = from + 1;
            int level = -1;
            for (const int l : kBlockLevels) {
                if ((first >> l) == (to >> l)) {
                    level = l;
                    break;
                }
            }
            if (level < 0) {
                level = kBlockLevels.back();
                to = (((first >> level) + 1) << level) - 1;
            }
            match = QStringLiteral("(%1) AND {facets} : \"%2%3x%4\"")
                        .arg(fts, QLatin1String(kBlockTokenPrefix))
                        .arg(level)
                        .arg(first >> level);
        }
        st.reset();
        st.bind(1, match).bind(2, from).bind(3, to).bind(4, limit - out.rows);
        while (st.next()) {
            out.last = st.int64(0);
            ++out.rows;
            row(st);
        }
        if (st.error()) {
            out.error = st.error();
            return out;
        }
        from = to;
        if (out.rows >= limit || from > m_vocab->maxId) {
            break;
        }
        // The next slice twice as wide, but no wider than the time left covers at the pace so far (a slice
        // cannot be stopped once started).
        const double spent = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        const double left = budgetMs - spent;
        const double perRowid = spent / static_cast<double>(std::max<std::int64_t>(1, from - after));
        const auto affordable = static_cast<std::int64_t>(left / std::max(perRowid, 1e-9));
        if (left <= 0 || affordable < 1) {
            out.complete = false;
            break;
        }
        slice = std::min(slice * 2, affordable);
    }
    out.ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    return out;
}

SearchFilters SearchEngine::filters(const SearchQuery &query)
{
    SearchFilters out;
    out.any = !query.filters.isEmpty() || !query.excluded.isEmpty();
    out.estimate = m_vocab->documents;
    // The facet tokens a filter value stands for, computed by SQLite with the very expressions the documents
    // were built with (kFacetsSql), so both sides agree on case and encoding.
    const auto tokensFor = [this](const SearchQuery::Filter &f) {
        std::string sql;
        switch (f.field) {
        case SearchQuery::Field::Domain:
            sql = "SELECT '0fd' || id FROM domains WHERE name = ?1 COLLATE NOCASE OR display_name = ?1 COLLATE "
                  "NOCASE OR ext_id = ?1";
            break;
        case SearchQuery::Field::Status:
            sql = "SELECT '0fs' || hex(lower(?1))";
            break;
        case SearchQuery::Field::Tier:
            sql = "SELECT '0ft' || CAST(?1 AS INTEGER)";
            break;
        case SearchQuery::Field::Source:
            sql = "SELECT '0fsrc' || id FROM sources WHERE uri = ?1 OR kind = ?1 OR name = ?1 COLLATE NOCASE OR "
                  "instr(lower(uri), lower(?1)) > 0";
            break;
        case SearchQuery::Field::Tag:
            sql = "SELECT '0fg' || hex(?1) UNION SELECT '0fg' || hex(lower(?1))";
            break;
        case SearchQuery::Field::Owner:
            sql = "SELECT '0fp' || id FROM people WHERE ext_id = ?1 OR name = ?1 COLLATE NOCASE OR display_name = "
                  "?1 COLLATE NOCASE OR email = ?1 COLLATE NOCASE UNION ALL SELECT '0fq' || id FROM teams WHERE "
                  "ext_id = ?1 OR name = ?1 COLLATE NOCASE OR display_name = ?1 COLLATE NOCASE";
            break;
        case SearchQuery::Field::Has:
            return std::optional<QStringList>();
        }
        QStringList tokens;
        Statement st = m_db.prepare(sql);
        st.bind(1, f.value);
        while (st.next()) {
            tokens << st.text(0).toLower(); // as the tokenizer folds them (hex() is upper case)
        }
        return std::optional<QStringList>(tokens);
    };

    // OR within a single-valued field (domain, status, tier, source), AND across fields and for tags, owners and
    // has:.
    QHash<int, QStringList> anyOfSql;
    QHash<int, QStringList> anyOfTokens;
    QStringList allSql;
    QList<QStringList> allTokens;
    for (const SearchQuery::Filter &f : query.filters) {
        const QString v = out.sql.arg(f.value);
        const auto tokens = tokensFor(f);
        const int field = static_cast<int>(f.field);
        const bool singleValued = f.field == SearchQuery::Field::Domain || f.field == SearchQuery::Field::Status ||
                                  f.field == SearchQuery::Field::Tier || f.field == SearchQuery::Field::Source;
        if (!tokens) {
            out.allInFts = false;
        } else if (singleValued) {
            anyOfTokens[field] << *tokens;
        } else {
            allTokens << *tokens;
        }
        // A domain or source as the ids it names, resolved above: with one id (the usual case) the planner lists
        // a domain's products in name order straight from entries_domain_name.
        const auto idsIn = [&](const char *column, qsizetype prefix) {
            QStringList ids;
            for (const QString &token : *tokens) {
                ids << token.mid(prefix);
            }
            return ids.isEmpty()     ? QStringLiteral("0")
                   : ids.size() == 1 ? QStringLiteral("e.%1 = %2").arg(QLatin1String(column), ids.front())
                                     : QStringLiteral("e.%1 IN (%2)").arg(QLatin1String(column), ids.join(u','));
        };
        switch (f.field) {
        case SearchQuery::Field::Domain:
            anyOfSql[field] << idsIn("domain_id", 3);
            break;
        case SearchQuery::Field::Status:
            anyOfSql[field] << QStringLiteral("e.status = %1 COLLATE NOCASE").arg(v);
            break;
        case SearchQuery::Field::Tier:
            anyOfSql[field] << QStringLiteral("e.tier = CAST(%1 AS INTEGER)").arg(v);
            break;
        case SearchQuery::Field::Source:
            anyOfSql[field] << idsIn("source_id", 5);
            break;
        case SearchQuery::Field::Tag:
            // Probed per row: plans that need a tag's whole product set take it from the facet tokens instead.
            allSql << QStringLiteral("EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag IN (%1, "
                                     "lower(%1)))")
                          .arg(v);
            break;
        case SearchQuery::Field::Owner: {
            // The people and teams resolved above (0fp<id>, 0fq<id>), any role.
            QStringList people;
            QStringList teams;
            for (const QString &token : *tokens) {
                (token.startsWith(QLatin1String("0fp")) ? people : teams) << token.mid(3);
            }
            QStringList parts;
            if (!people.isEmpty()) {
                parts << QStringLiteral("SELECT o.entry_id FROM ownerships o WHERE o.party_id IN (%1) AND "
                                        "o.party_kind = 'person'")
                             .arg(people.join(u','));
            }
            if (!teams.isEmpty()) {
                parts << QStringLiteral("SELECT o.entry_id FROM ownerships o WHERE o.party_id IN (%1) AND "
                                        "o.party_kind = 'team'")
                             .arg(teams.join(u','));
            }
            allSql << (parts.isEmpty() ? QStringLiteral("0")
                                       : QStringLiteral("e.id IN (%1)").arg(parts.join(QLatin1String(" UNION ALL "))));
            break;
        }
        case SearchQuery::Field::Has:
            if (f.value == QLatin1String("sla")) {
                allSql << QStringLiteral("EXISTS (SELECT 1 FROM sla_objectives so WHERE so.entry_id = e.id)");
            } else {
                // An incident: a check whose most recent results include a failure.
                allSql << QStringLiteral(
                    "EXISTS (SELECT 1 FROM checks c JOIN check_series cs ON cs.check_id = c.id "
                    "WHERE c.entry_id = e.id AND cs.t0 = (SELECT max(t0) FROM check_series WHERE check_id = c.id) "
                    "AND instr(cs.statuses, 'F') > 0)");
            }
            break;
        }
    }
    for (const QStringList &alternatives : std::as_const(anyOfTokens)) {
        allTokens << alternatives;
    }
    for (const QStringList &alternatives : std::as_const(allTokens)) {
        std::int64_t docs = 0;
        QStringList quotedTokens;
        for (const QString &token : alternatives) {
            docs += documentsWith(token, false);
            quotedTokens << QLatin1Char('"') + token + QLatin1Char('"');
        }
        out.estimate = std::min(out.estimate, docs);
        out.reads += docs;
        // A value that names nothing (an unknown domain) matches nothing: a token no document has.
        out.fts << QStringLiteral("{facets} : (%1)")
                       .arg(quotedTokens.isEmpty() ? QStringLiteral("\"0fnone\"")
                                                   : quotedTokens.join(QLatin1String(" OR ")));
    }
    if (!query.excluded.isEmpty()) {
        // Exclusions hold for every tier, the look-ups included.
        out.allInFts = false;
        QStringList nots;
        std::int64_t excludedDocs = 0;
        for (const QString &x : query.excluded) {
            nots << QLatin1Char('"') + QString(x).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
            excludedDocs += documentsWithAll(x, false);
        }
        // A rare word's products as a set, read once; a common word's (`-data`: 700,000 products, 0.2 s to
        // gather at 1M, and twice per query) probed per product instead, a doclist seek each.
        const QString match = out.sql.arg(nots.join(QLatin1String(" OR ")));
        allSql << (excludedDocs > m_exclusionSet
                       ? QStringLiteral("NOT EXISTS (SELECT 1 FROM entry_fts x WHERE x.entry_fts MATCH %1 AND "
                                        "x.rowid = e.id)")
                       : QStringLiteral("e.id NOT IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH %1)"))
                      .arg(match);
    }
    for (const QStringList &alternatives : std::as_const(anyOfSql)) {
        allSql << QLatin1Char('(') + alternatives.join(QLatin1String(" OR ")) + QLatin1Char(')');
    }
    if (!allSql.isEmpty()) {
        out.sql.where = allSql.join(QLatin1String(" AND "));
    }
    return out;
}

// The plan step. Takes the parsed query (typos corrected) and the options; gives how it runs: the FTS5
// expressions, the matching products as SQL, listing or ranked, and the ranked scans' sizing from the vocabulary.
// Runs no statement over the products (filters() resolves filter values to facet tokens).
SearchPlan SearchEngine::makePlan(const SearchQuery &query, const SearchOptions &options)
{
    SearchPlan plan;
    plan.filter = filters(query);
    const SearchFilters &filter = plan.filter;
    QString &text = plan.text;
    QString &textFts = plan.textFts;
    QString &facetsFts = plan.facetsFts;
    QString &fullFts = plan.fullFts;
    bool &residual = plan.residual;
    bool &listing = plan.listing;
    ListingOrder &order = plan.order;
    SearchSql &matches = plan.matches;

    text = query.text();
    // Words match the text columns only: the facets column's tokens are for filters.
    textFts = query.ftsExpression(QString::fromLatin1(kTextColumns));
    facetsFts = filter.ftsExpression();
    fullFts =
        textFts.isEmpty()
            ? QString()
            : (QStringList{QLatin1Char('(') + textFts + QLatin1Char(')')} + filter.fts).join(QLatin1String(" AND "));
    // Filters the FTS5 query cannot carry (has:, and exclusions when there are no words to exclude them from).
    residual = std::any_of(query.filters.begin(), query.filters.end(),
                           [](const SearchQuery::Filter &f) { return f.field == SearchQuery::Field::Has; }) ||
               (!query.excluded.isEmpty() && fullFts.isEmpty());
    listing = !query.hasText() || options.sort != SearchOptions::Sort::Relevance;
    order = [&]() -> ListingOrder {
        const bool desc = options.descending;
        const SortKey name{QStringLiteral("e.name COLLATE NOCASE")};
        const SortKey id{QStringLiteral("e.id"), false, true};
        switch (options.sort) {
        case SearchOptions::Sort::Domain:
            return {{QStringLiteral("coalesce(nullif(d.display_name, ''), d.name, '')"), desc}, name, id};
        case SearchOptions::Sort::Status:
            // NOCASE like the status filter and entries_status_name, so a keyset page seeks in that index.
            return {{QStringLiteral("e.status COLLATE NOCASE"), desc}, name, id};
        case SearchOptions::Sort::Tier:
            return {{QStringLiteral("e.tier"), desc, true, true}, name, id};
        default:
            return {{name.sql, desc}, {id.sql, desc, true}};
        }
    }();

    // The set of matching products, as FROM and WHERE over `e`; shared by the count, listings and facets. Driven
    // from the full-text index whenever it can say the whole of it: an IN (subquery) would first materialise
    // every match, and the facet tokens are the filters' product sets ready-made.
    matches = filter.sql;
    if (!fullFts.isEmpty()) {
        matches.from = QStringLiteral("entry_fts f JOIN entries e ON e.id = f.rowid");
        matches.where += QStringLiteral(" AND f.entry_fts MATCH %1").arg(matches.arg(fullFts));
    } else if (query.hasText()) {
        // Only a single typed character: products whose name or display name starts with it.
        const QString p = matches.arg(text);
        const QString p2 = matches.arg(text + QChar(0xDBFF) + QChar(0xDFFF));
        matches.where += QStringLiteral(" AND ((e.name >= %1 COLLATE NOCASE AND e.name < %2 COLLATE NOCASE) OR "
                                        "(e.display_name >= %1 COLLATE NOCASE AND e.display_name < %2 COLLATE "
                                        "NOCASE))")
                             .arg(p, p2);
    } else if (!facetsFts.isEmpty() && filter.allInFts) {
        matches = SearchSql{};
        matches.from = QStringLiteral("entry_fts f JOIN entries e ON e.id = f.rowid");
        matches.where = QStringLiteral("f.entry_fts MATCH %1").arg(matches.arg(facetsFts));
    }

    // A ranked query counts while it collects its text candidates (the scan step): one pass over a rare phrase's
    // doclists instead of two.
    plan.countWithCandidates = !listing && !fullFts.isEmpty();
    if (listing) {
        return plan;
    }
    std::int64_t &estimate = plan.estimate;
    std::int64_t &reads = plan.reads;
    QString &idfArgs = plan.idfArgs;

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
    // `estimate`: at most this many products match the text and token filters (the rarest term's count).
    // `reads`: what a full-text scan may walk to find them. An AND reads every one of its doclists (its seeks
    // move through the longer ones), so a rare pair of common words costs the sum, not the rarer word. A
    // phrase (or a word of several tokens) reads its word pairs, at most as long as its rarest word's. One
    // doclist alone (a word, or a phrase of two words: one pair) is never walked: the scan stops at its
    // kCandidates-th entry.
    estimate = filter.fts.isEmpty() ? m_vocab->documents : filter.estimate;
    reads = filter.reads;
    auto doclists = static_cast<std::int64_t>(filter.fts.size());
    const auto term = [&](const QString &text, bool prefix) {
        const std::int64_t docs = documentsWithAll(text, prefix);
        estimate = std::min(estimate, docs);
        reads += docs;
        const auto n = static_cast<std::int64_t>(tokens(text).size());
        doclists += prefix ? n : std::max<std::int64_t>(1, n - 1); // several tokens: a phrase of pairs
    };
    for (qsizetype i = 0; i < query.words.size(); ++i) {
        term(query.words[i], query.lastWordIsPrefix && i == query.words.size() - 1);
    }
    for (const QString &p : query.phrases) {
        term(p, false);
    }
    if (doclists <= 1) {
        reads = 0;
    }
    idfArgs = idfs.isEmpty() ? QString() : QStringLiteral(", ") + idfs.join(QStringLiteral(", "));
    return plan;
}

SearchPlan SearchEngine::plan(const SearchQuery &query, const SearchOptions &options)
{
    loadVocabulary();
    return makePlan(query, options);
}

// The count step, for all but ranked queries with words (those count in the scan step). Takes the plan; gives
// result.total and totalCapped. False on a statement error (in result.error).
bool SearchEngine::countMatches(const SearchPlan &plan, const SearchQuery &query, SearchResult &result)
{
    const SearchFilters &filter = plan.filter;
    const QString &facetsFts = plan.facetsFts;
    const QString &fullFts = plan.fullFts;
    const bool residual = plan.residual;
    const SearchSql &matches = plan.matches;
    const bool countWithCandidates = plan.countWithCandidates;
    // The count, capped: "1,000+" is all a person needs, and counting a million matches is not free. The whole
    // catalog is counted exactly (the empty query's "N products"). Without residual filters the full-text index
    // counts alone, never touching entries.
    if (query.isEmpty()) {
        Statement st = m_db.prepare("SELECT count(*) FROM entries");
        result.total = st.next() ? st.int64(0) : 0;
    } else if (!countWithCandidates) {
        const QString ftsOnly =
            !fullFts.isEmpty() ? fullFts : (filter.allInFts && !query.hasText() ? facetsFts : QString());
        SearchSql count;
        QString sql;
        if (!ftsOnly.isEmpty() && !residual) {
            sql = QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM entry_fts WHERE entry_fts MATCH %1 LIMIT %2)")
                      .arg(count.arg(ftsOnly))
                      .arg(kCountCap + 1);
        } else {
            count = matches;
            sql = QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM %1 WHERE %2 LIMIT %3)")
                      .arg(matches.from, matches.where)
                      .arg(kCountCap + 1);
        }
        Statement st = m_db.prepare(sql.toStdString());
        count.bindAll(st);
        result.total = st.next() ? st.int64(0) : 0;
        if (st.error()) {
            result.error = st.error();
            return false;
        }
        result.totalCapped = result.total > kCountCap;
        result.total = std::min<std::int64_t>(result.total, kCountCap);
    }
    return true;
}

// The listing step (no text, or sorted by a column): takes the plan and the count (a large set is read in name
// order); gives the page's ids in result.hits, in the listing's order.
void SearchEngine::listingPage(const SearchPlan &plan, const SearchQuery &query, const SearchOptions &options,
                               SearchResult &result)
{
    const SearchFilters &filter = plan.filter;
    const QString &facetsFts = plan.facetsFts;
    const SearchSql &matches = plan.matches;
    SearchSql page = matches;
    ListingOrder pageOrder = plan.order;
    const bool byName = options.sort == SearchOptions::Sort::Name || options.sort == SearchOptions::Sort::Relevance;
    if (!query.hasText() && !query.isEmpty()) {
        // Filters alone. A small product set (the vocabulary counts each facet token's products) is collected
        // and sorted; a large one is read in name order until a page is full, each row probed against the
        // filters, as the planner would rather sort tens of thousands of rows. A single domain, status or tier
        // has its own index in name order (entries_*_name) and the planner finds it.
        const bool small = !facetsFts.isEmpty() && filter.estimate <= m_collectCap;
        if (!small) {
            page = filter.sql;
            // The one filter, if that is all the query has (exclusions alone leave the list empty: never front()).
            const SearchQuery::Filter *only =
                query.filters.size() == 1 && query.excluded.isEmpty() ? &query.filters.front() : nullptr;
            const bool ownIndex =
                only && (only->field == SearchQuery::Field::Domain || only->field == SearchQuery::Field::Status ||
                         only->field == SearchQuery::Field::Tier);
            const bool oneTag =
                only && only->field == SearchQuery::Field::Tag &&
                std::none_of(only->value.begin(), only->value.end(), [](QChar c) { return c >= u'A' && c <= u'Z'; });
            if (byName && oneTag) {
                // A tag's products in name order, straight from entry_tag_names (lower(v) = v: one range).
                page = SearchSql{};
                page.from = QStringLiteral("entry_tag_names g CROSS JOIN entries e ON e.id = g.entry_id");
                page.where = QStringLiteral("g.tag = %1").arg(page.arg(only->value));
                pageOrder = {{QStringLiteral("g.name"), options.descending},
                             {QStringLiteral("g.entry_id"), options.descending, true}};
            } else if (byName && result.totalCapped && !ownIndex) {
                page.from = QStringLiteral("entries e INDEXED BY entries_name");
            }
        } else if (!filter.allInFts) {
            page.from = QStringLiteral("entry_fts f JOIN entries e ON e.id = f.rowid");
            page.where += QStringLiteral(" AND f.entry_fts MATCH %1").arg(page.arg(facetsFts));
        }
    }
    // From the cursor of the page before, if it has one: past its keys, not past `offset` rows read and dropped.
    const bool seek = options.after && options.after->offset == options.offset && fits(pageOrder, *options.after);
    if (seek) {
        page.where += QLatin1String(" AND ") + afterCursor(pageOrder, *options.after, page);
    }
    // The page's ids and sort keys first (the keys are the next page's cursor), then their summaries: the owners
    // sub-select runs for 20 rows, not for every match.
    QStringList keys;
    for (const SortKey &k : pageOrder) {
        keys << k.sql;
    }
    Statement st = m_db.prepare(QStringLiteral("SELECT e.id, %1 FROM %2 LEFT JOIN domains d ON d.id = e.domain_id "
                                               "WHERE %3 ORDER BY %4 LIMIT %5 OFFSET %6")
                                    .arg(keys.join(QLatin1String(", ")), page.from, page.where, orderBy(pageOrder))
                                    .arg(options.limit)
                                    .arg(seek ? 0 : options.offset)
                                    .toStdString());
    page.bindAll(st);
    SearchCursor next;
    while (st.next()) {
        SearchHit hit;
        hit.product.id = st.int64(0);
        result.hits.push_back(hit);
        next.keys.clear();
        for (std::size_t i = 0; i < pageOrder.size(); ++i) {
            const int column = static_cast<int>(i) + 1;
            if (st.isNull(column)) {
                next.keys.emplace_back(std::nullopt);
            } else if (pageOrder[i].integer) {
                next.keys.emplace_back(st.int64(column));
            } else {
                next.keys.emplace_back(st.text(column));
            }
        }
    }
    if (st.error()) {
        result.error = st.error();
    } else if (!result.hits.isEmpty()) {
        next.offset = options.offset + static_cast<int>(result.hits.size());
        result.next = std::move(next);
    }
}

// The scan step's working set: the candidates, those a filter has yet to vet (checked in one statement), and the
// full-text candidates among those (residual filters count them).
struct SearchEngine::CandidateSet
{
    SearchCandidates candidates;
    SearchCandidates pending;
    QSet<std::int64_t> textMatches;
};

// The scan step of a ranked query: takes the plan; gives every candidate with its best tier and score (the
// bounded full-text scans, the look-up tiers, each vetted by the filters), and for queries with words the count.
// False on a statement error (in result.error).
bool SearchEngine::collectCandidates(const SearchPlan &plan, const SearchQuery &query, const SearchOptions &options,
                                     const QElapsedTimer &phase, SearchResult &result, SearchCandidates &candidates)
{
    CandidateSet set;
    if (!scanText(plan, query, options, phase, result, set) || !lookUp(plan, result, set)) {
        return false;
    }
    qCDebug(lcStore) << "search look-ups" << phase.nsecsElapsed() / 1000 << "us";
    if (!vetPending(plan, result, set)) {
        return false;
    }
    candidates = std::move(set.candidates);
    return true;
}

// The full-text scans: the first kCandidates matches of the whole query (and the count on from them), and the
// first kNameCandidates of the names-only index.
bool SearchEngine::scanText(const SearchPlan &plan, const SearchQuery &query, const SearchOptions &options,
                            const QElapsedTimer &phase, SearchResult &result, CandidateSet &set)
{
    const SearchFilters &filter = plan.filter;
    const QString &fullFts = plan.fullFts;
    const bool residual = plan.residual;
    const bool countWithCandidates = plan.countWithCandidates;
    const QString &idfArgs = plan.idfArgs;
    const std::int64_t estimate = plan.estimate;
    const std::int64_t reads = plan.reads;
    SearchCandidates &candidates = set.candidates;
    SearchCandidates &pending = set.pending;
    QSet<std::int64_t> &textMatches = set.textMatches;
    const auto add = [&candidates](std::int64_t id, int tier, double score) {
        addCandidate(candidates, id, tier, score);
    };

    if (!fullFts.isEmpty()) {
        // The first kCandidates matches, scored; then, if there were that many, the count goes on from the
        // last of them to kCountCap. The FTS5 query carries the filters but has: (residual).
        Statement scored = m_db.prepare(QStringLiteral("SELECT rowid, meshlens_rank(entry_fts%1) FROM entry_fts "
                                                       "WHERE entry_fts MATCH ?1 AND rowid > ?2 AND rowid <= ?3 "
                                                       "LIMIT ?4")
                                            .arg(idfArgs)
                                            .toStdString());
        const Scan found =
            scan(scored, fullFts, 0, kCandidates, estimate, reads, true, options.budgetMs, [&](Statement &st) {
                (residual ? pending : candidates).insert(st.int64(0), SearchCandidate{3, st.real(1)});
                if (residual) {
                    textMatches.insert(st.int64(0));
                }
            });
        if (found.error) {
            result.error = found.error;
            return false;
        }
        result.partial = !found.complete;
        qCDebug(lcStore) << "search candidates" << phase.nsecsElapsed() / 1000 << "us";
        if (countWithCandidates && residual) {
            // has: is checked on the candidates below; the count is theirs, a lower bound when the scan
            // stopped at kCandidates.
            result.totalCapped = found.rows == kCandidates || result.partial;
        } else if (countWithCandidates) {
            result.total = found.rows;
            // What the budget has left (0 is no budget to scan(), so a spent one skips the count: partial).
            const int left = options.budgetMs - static_cast<int>(found.ms);
            if (found.rows == kCandidates && options.budgetMs > 0 && left <= 0) {
                result.partial = true;
            } else if (found.rows == kCandidates) {
                Statement more = m_db.prepare("SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?1 AND rowid > ?2 "
                                              "AND rowid <= ?3 LIMIT ?4");
                const Scan counted = scan(more, fullFts, found.last, kCountCap + 1 - kCandidates, estimate, reads, true,
                                          options.budgetMs > 0 ? left : 0, [](Statement &) {});
                result.total += counted.rows;
                result.partial = result.partial || !counted.complete;
            }
            result.totalCapped = result.total > kCountCap || result.partial;
            result.total = std::min<std::int64_t>(result.total, kCountCap);
        }
        qCDebug(lcStore) << "search counted" << phase.nsecsElapsed() / 1000 << "us";
        if (filter.fts.isEmpty()) {
            // Products with the words in their name, from the names-only index: its doclists stay short where
            // a column filter on entry_fts would walk every description that mentions the word. (With filters
            // the query above already holds every match when there are few, and the filters would drop most
            // of these when there are many.) Exclusions and has: are checked below.
            Statement names = m_db.prepare(QStringLiteral("SELECT rowid, meshlens_rank(entry_name_fts%1) FROM "
                                                          "entry_name_fts WHERE entry_name_fts MATCH ?1 AND rowid "
                                                          "> ?2 AND rowid <= ?3 LIMIT ?4")
                                               .arg(idfArgs)
                                               .toStdString());
            const bool vet = filter.any;
            // What the budget has left, but at least a millisecond: these are the most valuable candidates.
            const int left = options.budgetMs > 0 ? std::max(1, options.budgetMs - static_cast<int>(found.ms)) : 0;
            const Scan named = scan(names, query.ftsExpression(), 0, kNameCandidates, estimate, reads, false, left,
                                    [&](Statement &st) {
                                        const std::int64_t id = st.int64(0);
                                        if (!vet) {
                                            add(id, 3, st.real(1));
                                            return;
                                        }
                                        auto it = pending.find(id);
                                        if (it == pending.end()) {
                                            pending.insert(id, SearchCandidate{3, st.real(1)});
                                        } else {
                                            it->score = std::max(it->score, st.real(1));
                                        }
                                    });
            if (named.error) {
                result.error = named.error;
                return false;
            }
            result.partial = result.partial || !named.complete;
            qCDebug(lcStore) << "search names" << phase.nsecsElapsed() / 1000 << "us";
        }
    }
    return true;
}

// The look-up tiers, through ordinary indexes, filtered in the same statement.
bool SearchEngine::lookUp(const SearchPlan &plan, SearchResult &result, CandidateSet &set)
{
    const SearchFilters &filter = plan.filter;
    const QString &text = plan.text;
    SearchSql lookups = filter.sql;
    const QString t = lookups.arg(text);
    const QString p2 = lookups.arg(text + QChar(0xDBFF) + QChar(0xDFFF));
    const QStringList parts = {
        QStringLiteral("SELECT id, 0 FROM entries WHERE name = %1 COLLATE NOCASE").arg(t),
        QStringLiteral("SELECT id, 0 FROM entries WHERE display_name = %1 COLLATE NOCASE").arg(t),
        QStringLiteral("SELECT id, 1 FROM entries WHERE fqn = %1 COLLATE NOCASE AND fqn <> ''").arg(t),
        QStringLiteral("SELECT id, 1 FROM entries WHERE ext_id = %1").arg(t),
        QStringLiteral("SELECT * FROM (SELECT id, 2 FROM entries WHERE name >= %1 COLLATE NOCASE AND name < "
                       "%2 COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT %3)")
            .arg(t, p2)
            .arg(kPrefixTierLimit),
        QStringLiteral("SELECT * FROM (SELECT id, 2 FROM entries WHERE display_name >= %1 COLLATE NOCASE AND "
                       "display_name < %2 COLLATE NOCASE ORDER BY display_name COLLATE NOCASE LIMIT %3)")
            .arg(t, p2)
            .arg(kPrefixTierLimit)};
    // Without filters, straight from the indexes: the join would read up to 100 product rows for nothing
    // (a third of a cold first page's time).
    const QString sql =
        filter.any ? QStringLiteral("WITH c(id, t) AS (%1) SELECT c.id, c.t FROM c JOIN entries e ON e.id = c.id "
                                    "WHERE %2")
                         .arg(parts.join(QLatin1String(" UNION ALL ")), filter.sql.where)
                   : parts.join(QLatin1String(" UNION ALL "));
    Statement st = m_db.prepare(sql.toStdString());
    lookups.bindAll(st);
    while (st.next()) {
        addCandidate(set.candidates, st.int64(0), st.int32(1), 0);
    }
    if (st.error()) {
        result.error = st.error();
        return false;
    }
    return true;
}

// The candidates a filter has not vetted yet, checked in one statement; those that pass join the candidates.
bool SearchEngine::vetPending(const SearchPlan &plan, SearchResult &result, CandidateSet &set)
{
    const SearchFilters &filter = plan.filter;
    const bool residual = plan.residual;
    const bool countWithCandidates = plan.countWithCandidates;
    const SearchCandidates &pending = set.pending;
    const QSet<std::int64_t> &textMatches = set.textMatches;

    if (!pending.isEmpty()) {
        SearchSql vet = filter.sql;
        const QString ids = vet.arg(idArray(pending.keys()));
        Statement st = m_db.prepare(QStringLiteral("SELECT e.id FROM entries e WHERE e.id IN (SELECT value FROM "
                                                   "json_each(%1)) AND %2")
                                        .arg(ids, filter.sql.where)
                                        .toStdString());
        vet.bindAll(st);
        while (st.next()) {
            const std::int64_t id = st.int64(0);
            const SearchCandidate c = pending.value(id);
            addCandidate(set.candidates, id, c.tier, c.score);
            result.total += countWithCandidates && residual && textMatches.contains(id) ? 1 : 0;
        }
        if (st.error()) {
            result.error = st.error();
            return false;
        }
    }
    return true;
}

// The summaries of the page's hits (found by id), with each one's score and whether it has an edit pending.
void SearchEngine::readSummaries(SearchResult &result)
{
    Statement st = m_db.prepare(QStringLiteral("SELECT %1 FROM entries e LEFT JOIN domains d ON d.id = e.domain_id "
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

// The steps, in order: search() parses and corrects typos; then plan (makePlan), count (countMatches, all but
// ranked queries with words), and either a listing's page (listingPage) or a ranked query's scan
// (collectCandidates), rank (rankCandidates) and page (rankedPage); then the page's summaries, snippets and facets.
SearchResult SearchEngine::run(const SearchQuery &query, const SearchOptions &options)
{
    QElapsedTimer phase;
    phase.start();
    qCDebug(lcStore) << "search for" << query.toString();
    SearchResult result;
    result.searched = query;

    const SearchPlan plan = makePlan(query, options);
    if (!countMatches(plan, query, result)) {
        return result;
    }
    qCDebug(lcStore) << "search count" << phase.nsecsElapsed() / 1000 << "us";
    phase.restart();

    if (plan.listing) {
        result.plan = QStringLiteral("listing");
        listingPage(plan, query, options, result);
    } else {
        // Ranked: candidates from the look-up tiers and bounded FTS scans, merged here (a product's best tier and
        // score), ordered by tier then score; names are read for the page only, for the tie-break.
        result.plan = QStringLiteral("ranked");
        SearchCandidates candidates;
        if (!collectCandidates(plan, query, options, phase, result, candidates)) {
            return result;
        }
        const RankedCandidates ranked = rankCandidates(candidates, options.offset, options.limit);
        rankedPage(m_db, ranked, options.offset, options.limit, result);
        // Look-up tiers can find products the FTS count did not (a pasted id, or an exact name with excluded words).
        result.total = std::max<std::int64_t>(result.total, options.offset + result.hits.size());
    }
    if (!result.error && !result.hits.isEmpty()) {
        readSummaries(result);
    }
    qCDebug(lcStore) << "search" << result.plan << phase.nsecsElapsed() / 1000 << "us";
    phase.restart();
    if (result.error) {
        return result;
    }
    if (options.snippets && !plan.textFts.isEmpty()) {
        addSnippets(result);
        qCDebug(lcStore) << "search snippets" << phase.nsecsElapsed() / 1000 << "us";
    }
    if (options.facets) {
        addFacets(result, plan.matches);
    }
    return result;
}

void SearchEngine::addSnippets(SearchResult &result)
{
    // Our own, from the stored document: FTS5's snippet() runs the query again for each hit (a doclist seek per
    // term and row, about a millisecond for a page at 1M products); the stored columns are one row read each.
    const SearchQuery &q = result.searched;
    std::vector<std::pair<QString, bool>> terms; // folded token, prefix
    for (qsizetype i = 0; i < q.words.size(); ++i) {
        const QStringList toks = tokens(q.words[i]);
        for (qsizetype k = 0; k < toks.size(); ++k) {
            const bool prefix = q.lastWordIsPrefix && i == q.words.size() - 1 && k == toks.size() - 1;
            if (!prefix || toks[k].size() > 1) {
                terms.emplace_back(toks[k], prefix);
            }
        }
    }
    for (const QString &p : q.phrases) {
        for (const QString &tok : tokens(p)) {
            terms.emplace_back(tok, false);
        }
    }
    if (terms.empty()) {
        return;
    }
    Statement st =
        m_db.prepare(QStringLiteral("SELECT %1 FROM entry_fts WHERE rowid = ?1")
                         .arg(QString::fromLatin1(kTextColumns).replace(QLatin1Char(' '), QLatin1String(", ")))
                         .toStdString());
    for (SearchHit &hit : result.hits) {
        st.reset();
        st.bind(1, hit.product.id);
        if (!st.next()) {
            continue;
        }
        QStringList columns;
        for (int c = 0; c < static_cast<int>(kWeights.size()); ++c) { // the text columns, as kTextColumns lists them
            columns << st.text(c);
        }
        hit.snippetHtml = highlightedSnippet(columns, terms, kSnippetTokens);
    }
}

void SearchEngine::addFacets(SearchResult &result, const SearchSql &matches)
{
    // The matched ids first (a sample of kFacetSample), then one small statement per facet over them. As one
    // compound statement over a materialised CTE the same work took 0.65 s at 1M products against 56 ms apart;
    // CROSS JOIN keeps the ids outermost, or the planner walks each of a hundred teams' ownerships (a million rows)
    // and probes the ids.
    QList<std::int64_t> ids;
    {
        Statement st = m_db.prepare(QStringLiteral("SELECT e.id FROM %1 WHERE %2 LIMIT %3")
                                        .arg(matches.from, matches.where)
                                        .arg(kFacetSample)
                                        .toStdString());
        matches.bindAll(st);
        while (st.next()) {
            ids << st.int64(0);
        }
        if (st.error()) {
            return;
        }
    }
    result.facets.counted = ids.size();
    const QString idJson = idArray(ids);
    static constexpr std::array<std::string_view, 6> kFacetSql = {
        "SELECT 0, d.name, coalesce(nullif(d.display_name, ''), d.name), count(*) FROM m CROSS JOIN entries e ON "
        "e.id = m.id JOIN domains d ON d.id = e.domain_id GROUP BY d.id",
        "SELECT 1, p.ext_id, coalesce(nullif(p.display_name, ''), p.name), count(*) FROM m CROSS JOIN ownerships o ON "
        "o.entry_id = m.id AND +o.party_kind = 'person' JOIN people p ON p.id = o.party_id GROUP BY p.id",
        "SELECT 1, t.ext_id, coalesce(nullif(t.display_name, ''), t.name), count(*) FROM m CROSS JOIN ownerships o ON "
        "o.entry_id = m.id AND +o.party_kind = 'team' JOIN teams t ON t.id = o.party_id GROUP BY t.id",
        "SELECT 2, g.tag, g.tag, count(*) FROM m CROSS JOIN entry_tags g ON g.entry_id = m.id GROUP BY g.tag",
        "SELECT 3, e.status, e.status, count(*) FROM m CROSS JOIN entries e ON e.id = m.id WHERE e.status <> '' "
        "GROUP BY e.status",
        "SELECT 4, e.tier, 'Tier ' || e.tier, count(*) FROM m CROSS JOIN entries e ON e.id = m.id WHERE e.tier IS NOT "
        "NULL GROUP BY e.tier",
    };
    std::array<QList<FacetValue> *, 5> lists = {&result.facets.domain, &result.facets.owner, &result.facets.tag,
                                                &result.facets.status, &result.facets.tier};
    for (const std::string_view facet : kFacetSql) {
        Statement st =
            m_db.prepare("WITH m(id) AS MATERIALIZED (SELECT value FROM json_each(?1)) " + std::string(facet));
        st.bind(1, idJson);
        while (st.next()) {
            lists[static_cast<std::size_t>(st.int32(0))]->push_back(FacetValue{st.text(1), st.text(2), st.int64(3)});
        }
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
