// Suite `search`: the search engine over generated catalogs (100k and 1M products; --quick a small one), with at
// least 200 queries per kind, against two baselines measured on the same cache in the same run: the naive FTS5
// query (every match ordered by bm25(), what the foundation shipped) and the unranked floor (the first 20 FTS5
// matches, no ranking at all). The naive query takes seconds per 2-letter prefix at 1M, so it gets a time budget
// per kind and reports how many queries it ran.

#include "benchutil.h"

#include "models/search/searchengine.h"
#include "models/search/searchservice.h"
#include "models/search/termcorrector.h"
#include "models/store/database.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <ctime>

#include <map>
#include <numeric>
#include <random>

namespace meshlens::bench {

namespace {

using models::Database;
using models::SearchEngine;
using models::SearchOptions;
using models::SearchQuery;
using models::Statement;

struct Kind
{
    QString name;
    QStringList queries;
};

QStringList column(Database &db, std::string_view sql)
{
    QStringList out;
    Statement st = db.prepare(sql);
    while (st.next()) {
        out << st.text(0);
    }
    return out;
}

QStringList words(const QString &displayName)
{
    QStringList out;
    for (const QString &w : displayName.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QString clean;
        for (const QChar c : w) {
            if (c.isLetter()) {
                clean += c.toLower();
            }
        }
        if (clean.size() >= 3) {
            out << clean;
        }
    }
    return out;
}

// Deterministic query sets drawn from the cache itself, so every kind has matches to rank.
std::vector<Kind> buildQueries(Database &db, int perKind, unsigned seed = 7)
{
    std::mt19937 rng(seed);
    const QStringList terms = column(db, "SELECT term FROM search_terms WHERE length(term) >= 4 AND "
                                         "term NOT GLOB '*[0-9]*' ORDER BY term");
    const QStringList displayNames =
        column(db, "SELECT display_name FROM entries WHERE id % 97 = 0 AND display_name <> '' LIMIT 5000");
    const QStringList domains = column(db, "SELECT name FROM domains ORDER BY id");
    const QStringList tags = column(db, "SELECT DISTINCT tag FROM entry_tags WHERE entry_id % 97 = 0 LIMIT 200");
    const QStringList people = column(db, "SELECT ext_id FROM people ORDER BY id LIMIT 2000");
    const QStringList statuses = column(db, "SELECT DISTINCT status FROM entries WHERE id % 97 = 0 LIMIT 20");
    const auto pick = [&rng](const QStringList &from) {
        return from.isEmpty() ? QString() : from[static_cast<qsizetype>(rng() % static_cast<unsigned>(from.size()))];
    };
    const auto filter = [&](int i) -> QString {
        switch (i % 6) {
        case 0:
            return QStringLiteral("domain:") + pick(domains);
        case 1:
            return QStringLiteral("tag:") + pick(tags);
        case 2:
            return QStringLiteral("status:") + pick(statuses);
        case 3:
            return QStringLiteral("tier:%1").arg(1 + static_cast<int>(rng() % 4));
        case 4:
            return QStringLiteral("owner:") + pick(people);
        default:
            return QStringLiteral("has:sla");
        }
    };
    std::vector<Kind> kinds = {{QStringLiteral("single"), {}},      {QStringLiteral("prefix2"), {}},
                               {QStringLiteral("prefix3"), {}},     {QStringLiteral("two_terms"), {}},
                               {QStringLiteral("phrase"), {}},      {QStringLiteral("filter_only"), {}},
                               {QStringLiteral("filter_text"), {}}, {QStringLiteral("typo"), {}}};
    for (int i = 0; i < perKind; ++i) {
        const QString term = pick(terms);
        QStringList nameWords = words(pick(displayNames));
        while (nameWords.size() < 2) {
            nameWords << pick(terms);
        }
        kinds[0].queries << term + QLatin1Char(' '); // a finished word, not a prefix
        kinds[1].queries << term.left(2);
        kinds[2].queries << term.left(3);
        kinds[3].queries << nameWords[0] + QLatin1Char(' ') + nameWords[1] + QLatin1Char(' ');
        kinds[4].queries << QLatin1Char('"') + nameWords[0] + QLatin1Char(' ') + nameWords[1] + QLatin1Char('"');
        kinds[5].queries << filter(i);
        kinds[6].queries << filter(i) + QLatin1Char(' ') + term + QLatin1Char(' ');
        // One edit (substitute, delete, or swap) at a position past the first letter; a typo that happens to be a
        // real term is not a typo.
        QString typo;
        for (int attempt = 0; attempt < 20; ++attempt) {
            QString t = pick(terms);
            if (t.size() < 5) {
                continue;
            }
            const auto at = static_cast<qsizetype>(1 + rng() % static_cast<unsigned>(t.size() - 2));
            switch (rng() % 3) {
            case 0:
                t[at] = QLatin1Char('a' + static_cast<char>(rng() % 26));
                break;
            case 1:
                t.remove(at, 1);
                break;
            default:
                std::swap(t[at], t[at + 1]);
            }
            if (!terms.contains(t)) {
                typo = t;
                break;
            }
        }
        kinds[7].queries << (typo.isEmpty() ? term : typo) + QLatin1Char(' ');
    }
    return kinds;
}

double elapsedMs(const QElapsedTimer &t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

// CPU time of this thread, in ms: on a machine shared with other builds, wall time includes waiting for a core;
// CPU time says what the query itself cost (reads from the OS cache are counted, waits are not).
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

QJsonObject line(const QString &kind, const QString &impl, std::int64_t products, std::vector<double> samples)
{
    const auto count = static_cast<qint64>(samples.size());
    const Percentiles p = percentiles(std::move(samples));
    return {{QStringLiteral("suite"), QStringLiteral("search")},
            {QStringLiteral("case"), kind},
            {QStringLiteral("impl"), impl},
            {QStringLiteral("n"), static_cast<qint64>(products)},
            {QStringLiteral("queries"), count},
            {QStringLiteral("p50_ms"), p.p50},
            {QStringLiteral("p95_ms"), p.p95},
            {QStringLiteral("p99_ms"), p.p99}};
}

// One FTS5 statement per query: the naive ranked query or the unranked floor, on the query's own FTS5 expression
// (its words, the last a prefix while typing, its quoted phrases and exclusions; filters are not text).
std::vector<double> baseline(Database &db, std::string_view sql, const QStringList &queries, double budgetMs)
{
    std::vector<double> samples;
    QElapsedTimer total;
    total.start();
    for (const QString &q : queries) {
        const QString fts = SearchQuery::parse(q).ftsExpression();
        if (fts.isEmpty()) {
            continue;
        }
        QElapsedTimer t;
        t.start();
        Statement st = db.prepare(sql);
        st.bind(1, fts);
        while (st.next()) {
        }
        samples.push_back(elapsedMs(t));
        if (elapsedMs(total) > budgetMs && samples.size() >= 5) {
            break;
        }
    }
    return samples;
}

// Typo correction on a vocabulary the size of a real million-product catalog's: `terms` distinct words made of
// syllables, their document counts Zipf-distributed (rank r is in about 1e6 / r^1.07 documents). The queries are
// words drawn by the same law with one edit (substitution, deletion, insertion or transposition), corrected whole and
// while typing; our walk against the scan of every term (the reference it must equal).
void runTypoCorrection(const Options &options)
{
    using models::TermCorrector;
    const int count = options.quick ? 100'000 : 1'200'000;
    progress(QStringLiteral("search: typo correction over %1 Zipf-distributed terms").arg(count));
    static const char *const syllables[] = {
        "ka",  "lo",   "mi",   "ne",  "ru",   "sa",  "ti",  "vo",  "xe",  "zu",   "bra",  "cle",  "dro",
        "fin", "gra",  "hul",  "jet", "kor",  "lum", "mar", "nix", "pol", "qua",  "ret",  "sol",  "tor",
        "ur",  "vel",  "wis",  "yo",  "an",   "er",  "in",  "on",  "ul",  "st",   "ch",   "sh",   "th",
        "ph",  "ing",  "ment", "ion", "ous",  "ery", "ate", "ize", "ful", "data", "sale", "cust", "ord",
        "pay", "ship", "inv",  "acc", "fact", "dim", "agg", "raw", "stg", "mart"};
    constexpr int kSyllables = int(std::size(syllables));
    std::mt19937_64 rng(7);
    TermCorrector::Terms terms;
    terms.reserve(std::size_t(count) * 2);
    QSet<QString> seen;
    while (terms.size() < std::size_t(count)) {
        QString w;
        const int parts = 2 + int(rng() % 4);
        for (int k = 0; k < parts; ++k) {
            w += QLatin1String(syllables[rng() % kSyllables]);
        }
        if (!seen.contains(w)) {
            seen.insert(w);
            const double rank = double(terms.size() + 1);
            terms.emplace_back(w, std::max<std::int64_t>(1, std::int64_t(1e6 / std::pow(rank, 1.07))));
        }
    }
    std::vector<QString> byRank(terms.size());
    std::transform(terms.begin(), terms.end(), byRank.begin(), [](const auto &t) { return t.first; });
    std::sort(terms.begin(), terms.end());

    // Zipf draws by rank: the inverse of the cumulative weights.
    std::vector<double> cumulative(byRank.size());
    double sum = 0;
    for (std::size_t r = 0; r < byRank.size(); ++r) {
        sum += 1.0 / std::pow(double(r + 1), 1.07);
        cumulative[r] = sum;
    }
    const auto draw = [&]() {
        const double u = std::uniform_real_distribution<double>(0, sum)(rng);
        return byRank[std::size_t(std::lower_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin())];
    };
    const auto misspell = [&](QString w) {
        const auto at = qsizetype(rng() % std::uint64_t(w.size() - 1));
        switch (rng() % 4) {
        case 0:
            w[at] = QLatin1Char(char('a' + rng() % 26));
            break;
        case 1:
            w.remove(at, 1);
            break;
        case 2:
            w.insert(at, QLatin1Char(char('a' + rng() % 26)));
            break;
        default:
            std::swap(w[at], w[at + 1]);
        }
        return w;
    };
    const int queries = options.quick ? 60 : 300;
    const int scanned = options.quick ? 10 : 20; // the scan is the slow reference: fewer of them tell enough
    for (const bool prefix : {false, true}) {
        std::vector<double> walk, scan;
        int mismatches = 0;
        for (int q = 0; q < queries; ++q) {
            QString word = misspell(draw());
            if (prefix) {
                word.truncate(std::max<qsizetype>(3, word.size() * 2 / 3)); // typed so far
            }
            QElapsedTimer t;
            t.start();
            const auto fast = TermCorrector::correct(terms, word, prefix);
            walk.push_back(double(t.nsecsElapsed()) / 1e6);
            if (q < scanned) {
                t.restart();
                const auto slow = TermCorrector::correctByScan(terms, word, prefix);
                scan.push_back(double(t.nsecsElapsed()) / 1e6);
                mismatches += fast != slow;
            }
        }
        const QString kase = prefix ? QStringLiteral("typo-zipf-prefix") : QStringLiteral("typo-zipf");
        for (const auto &[impl, samples] :
             {std::pair{QStringLiteral("meshlens"), &walk}, std::pair{QStringLiteral("full-scan"), &scan}}) {
            const Percentiles p = percentiles(*samples);
            QJsonObject o{{QStringLiteral("suite"), QStringLiteral("search")},
                          {QStringLiteral("case"), kase},
                          {QStringLiteral("impl"), impl},
                          {QStringLiteral("n"), count},
                          {QStringLiteral("p50_ms"), p.p50},
                          {QStringLiteral("p95_ms"), p.p95},
                          {QStringLiteral("p99_ms"), p.p99}};
            if (impl == QLatin1String("meshlens")) {
                o.insert(QStringLiteral("differs_from_scan"), mismatches); // must be 0
            }
            report(o);
        }
    }
}

} // namespace

// Deep listing pages (scrolled far down a browse of every product, or of one tag): the page found by OFFSET (SQLite
// reads and drops every row before it) against the page found from the cursor of the page before (an index seek
// past its sort keys), at growing depths and in the sorts a keyset can seek in. Both must give the same rows;
// `differs` counts the pages where they did not, and fails the run.
bool runDeepPages(SearchEngine &engine, Database &db, std::int64_t n)
{
    const QString tag = column(db, "SELECT tag FROM entry_tags GROUP BY tag ORDER BY count(*) DESC LIMIT 1").value(0);
    struct Listing
    {
        QString query;
        SearchOptions::Sort sort;
        bool descending;
        QString name;
    };
    const std::vector<Listing> listings = {
        {QString(), SearchOptions::Sort::Name, false, QStringLiteral("all by name")},
        {QString(), SearchOptions::Sort::Name, true, QStringLiteral("all by name desc")},
        {QString(), SearchOptions::Sort::Tier, false, QStringLiteral("all by tier")},
        {QString(), SearchOptions::Sort::Status, false, QStringLiteral("all by status")},
        {QStringLiteral("tag:") + tag, SearchOptions::Sort::Name, false, QStringLiteral("tag by name")},
    };
    std::int64_t differs = 0;
    const int pageSize = 100; // what the results view fetches per scroll
    for (const Listing &l : listings) {
        SearchOptions o;
        o.sort = l.sort;
        o.descending = l.descending;
        o.limit = 1;
        o.correctTypos = false;
        o.snippets = false;
        const std::int64_t total = engine.search(l.query, o).total;
        o.limit = pageSize;
        for (const double at : {0.01, 0.1, 0.5, 0.99}) {
            const int depth = static_cast<int>(static_cast<double>(total) * at) / pageSize * pageSize;
            if (depth < pageSize) {
                continue;
            }
            // The page before, for its cursor (untimed), then the page at `depth` both ways, best of three.
            o.offset = depth - pageSize;
            o.after.reset();
            const std::optional<models::SearchCursor> cursor = engine.search(l.query, o).next;
            o.offset = depth;
            std::vector<double> byOffset, byCursor;
            QList<models::SearchHit> a, b;
            for (int run = 0; run < 3; ++run) {
                o.after.reset();
                QElapsedTimer t;
                t.start();
                a = engine.search(l.query, o).hits;
                byOffset.push_back(elapsedMs(t));
                o.after = cursor;
                t.restart();
                b = engine.search(l.query, o).hits;
                byCursor.push_back(elapsedMs(t));
            }
            const bool same = a.size() == b.size() &&
                              std::equal(a.begin(), a.end(), b.begin(),
                                         [](const auto &x, const auto &y) { return x.product.id == y.product.id; });
            differs += same ? 0 : 1;
            const double offsetMs = *std::min_element(byOffset.begin(), byOffset.end());
            const double cursorMs = *std::min_element(byCursor.begin(), byCursor.end());
            report(QJsonObject{{QStringLiteral("suite"), QStringLiteral("search")},
                               {QStringLiteral("case"), QStringLiteral("deep_page")},
                               {QStringLiteral("listing"), l.name},
                               {QStringLiteral("n"), static_cast<qint64>(n)},
                               {QStringLiteral("depth"), depth},
                               {QStringLiteral("rows"), static_cast<qint64>(b.size())},
                               {QStringLiteral("offset_ms"), offsetMs},
                               {QStringLiteral("keyset_ms"), cursorMs},
                               {QStringLiteral("offset_over_keyset"), offsetMs / std::max(1e-3, cursorMs)},
                               {QStringLiteral("same_rows"), same}});
        }
    }
    report(QJsonObject{{QStringLiteral("suite"), QStringLiteral("search")},
                       {QStringLiteral("case"), QStringLiteral("deep_page_check")},
                       {QStringLiteral("n"), static_cast<qint64>(n)},
                       {QStringLiteral("differs"), static_cast<qint64>(differs)}});
    if (differs > 0) {
        progress(QStringLiteral("deep pages: %1 keyset pages differ from their offset pages").arg(differs));
    }
    return differs == 0;
}

int runSearch(const Options &options)
{
    std::vector<std::int64_t> sizes =
        options.quick ? std::vector<std::int64_t>{5000} : std::vector<std::int64_t>{100000, 1000000};
    if (options.products) {
        sizes = {*options.products};
    }
    const int perKind = options.repeats > 0 ? options.repeats : (options.quick ? 50 : 200);
    for (const std::int64_t n : sizes) {
        const QString path = cacheFor(options, n);
        if (path.isEmpty()) {
            return 1;
        }
        Database db;
        if (auto err = db.open(path, Database::Mode::ReadOnly)) {
            progress(err->message);
            return 1;
        }
        // The baselines on a connection of their own: their long doclist reads would empty the engine's page cache
        // and hand the next kind's first pages a cold one.
        Database raw;
        if (auto err = raw.open(path, Database::Mode::ReadOnly)) {
            progress(err->message);
            return 1;
        }
        SearchEngine engine(db);
        const std::vector<Kind> kinds = buildQueries(db, perKind);
        progress(QStringLiteral("search: %1 products, %2 queries per kind").arg(n).arg(perKind));
        // Warm the engine and the page cache like a session of typing, with other queries of every kind (another
        // seed): each measured first page still meets its own query's pages cold.
        for (const Kind &warm : buildQueries(db, 20, 11)) {
            for (const QString &q : warm.queries) {
                (void)engine.search(q);
            }
        }
        // MESHLENS_BENCH_SEARCH_KINDS=single,typo runs only those kinds while iterating (facets and deep_page too,
        // when named).
        const QStringList only =
            qEnvironmentVariable("MESHLENS_BENCH_SEARCH_KINDS").split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const Kind &kind : kinds) {
            if (!only.isEmpty() && !only.contains(kind.name)) {
                continue;
            }
            // As the search page asks (SearchService): the first page within the full-text scan's budget, and
            // the complete answer (no budget), which the page shows next when the first one was partial.
            SearchOptions firstPage;
            firstPage.limit = 20;
            firstPage.budgetMs = models::SearchService::kFirstPageBudgetMs;
            SearchOptions complete = firstPage;
            complete.budgetMs = 0;
            std::vector<double> ours, oursCpu, whole;
            std::int64_t empty = 0;
            std::int64_t partial = 0;
            for (const QString &q : kind.queries) {
                // The first page first: it meets the query's pages cold, as a newly typed query does.
                QElapsedTimer t;
                const double cpu0 = threadCpuMs();
                t.start();
                const auto r = engine.search(q, firstPage);
                ours.push_back(elapsedMs(t));
                oursCpu.push_back(threadCpuMs() - cpu0);
                if (r.error) {
                    progress(QStringLiteral("query %1 failed: %2").arg(q, r.error->message));
                    return 1;
                }
                empty += r.hits.isEmpty() ? 1 : 0;
                partial += r.partial ? 1 : 0;
                t.restart();
                (void)engine.search(q, complete);
                whole.push_back(elapsedMs(t));
            }
            // The slowest queries of each kind, by name, so a tail can be looked into.
            const auto slowest = [&kind](const std::vector<double> &times) {
                std::vector<std::size_t> order(times.size());
                std::iota(order.begin(), order.end(), 0);
                const std::size_t k = std::min<std::size_t>(3, order.size());
                std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                                  [&](std::size_t a, std::size_t b) { return times[a] > times[b]; });
                QJsonArray out;
                for (std::size_t i = 0; i < k; ++i) {
                    out.append(QJsonObject{{QStringLiteral("query"), kind.queries[static_cast<qsizetype>(order[i])]},
                                           {QStringLiteral("ms"), times[order[i]]}});
                }
                return out;
            };
            QJsonObject mine = line(kind.name, QStringLiteral("meshlens"), n, ours);
            mine.insert(QStringLiteral("slowest"), slowest(ours));
            mine.insert(QStringLiteral("empty_results"), static_cast<qint64>(empty));
            mine.insert(QStringLiteral("partial_first_pages"), static_cast<qint64>(partial));
            const Percentiles cpu = percentiles(oursCpu);
            mine.insert(QStringLiteral("cpu_p50_ms"), cpu.p50);
            mine.insert(QStringLiteral("cpu_p99_ms"), cpu.p99);
            QJsonObject completeLine = line(kind.name, QStringLiteral("meshlens-complete"), n, whole);
            completeLine.insert(QStringLiteral("slowest"), slowest(whole));
            report(completeLine);
            // MESHLENS_BENCH_BASELINE_MS overrides the baselines' time budget per kind (0 skips them while iterating).
            const double budget = qEnvironmentVariableIsSet("MESHLENS_BENCH_BASELINE_MS")
                                      ? qEnvironmentVariableIntValue("MESHLENS_BENCH_BASELINE_MS")
                                      : (options.quick ? 2000 : 30000);
            if (kind.name != QLatin1String("filter_only") && budget > 0) {
                const auto naive = baseline(raw,
                                            "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?1 ORDER BY "
                                            "bm25(entry_fts, 10.0, 8.0, 5.0, 3.0, 3.0, 1.5, 1.0) LIMIT 20",
                                            kind.queries, budget);
                const auto floor = baseline(raw, "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?1 LIMIT 20",
                                            kind.queries, budget);
                const QJsonObject naiveLine = line(kind.name, QStringLiteral("sqlite-naive"), n, naive);
                const QJsonObject floorLine = line(kind.name, QStringLiteral("sqlite-floor"), n, floor);
                const double p99 = mine.value(QStringLiteral("p99_ms")).toDouble();
                if (p99 > 0) {
                    mine.insert(QStringLiteral("naive_over_ours_p99"),
                                naiveLine.value(QStringLiteral("p99_ms")).toDouble() / p99);
                    mine.insert(QStringLiteral("ours_over_floor_p99"),
                                p99 / std::max(1e-3, floorLine.value(QStringLiteral("p99_ms")).toDouble()));
                }
                report(naiveLine);
                report(floorLine);
            }
            report(mine);
        }
        if (only.isEmpty() || only.contains(QLatin1String("facets"))) {
            // Facets as the GUI asks for them (off the GUI thread), on the single-term queries.
            std::vector<double> facets;
            SearchOptions withFacets;
            withFacets.facets = true;
            for (const QString &q : kinds[0].queries.mid(0, 50)) { // facets are the slow part: 50 tell enough
                QElapsedTimer t;
                t.start();
                (void)engine.search(q, withFacets);
                facets.push_back(elapsedMs(t));
            }
            report(line(QStringLiteral("single+facets"), QStringLiteral("meshlens"), n, facets));
        }
        if ((only.isEmpty() || only.contains(QLatin1String("deep_page"))) && !runDeepPages(engine, db, n)) {
            return 1;
        }
    }
    runTypoCorrection(options);
    return 0;
}

} // namespace meshlens::bench
