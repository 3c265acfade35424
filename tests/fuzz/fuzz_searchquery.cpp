// libFuzzer target: the search query parser. Invariants the parser promises (searchquery.h): parse() never fails,
// its bounds hold, toString() round-trips (from its canonical form), and ftsExpression() is never an FTS5 syntax error
// (checked against a real FTS5 table in an in-memory SQLite database, with and without a column restriction).

#include "models/search/searchquery.h"

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace meshlens::models;

namespace {

sqlite3 *database()
{
    static sqlite3 *db = [] {
        sqlite3 *d = nullptr;
        if (sqlite3_open(":memory:", &d) != SQLITE_OK ||
            sqlite3_exec(d,
                         "CREATE VIRTUAL TABLE t USING fts5(name, display_name, body);"
                         "INSERT INTO t VALUES ('orders', 'Orders', 'order events of the shop');",
                         nullptr, nullptr, nullptr) != SQLITE_OK) {
            std::abort();
        }
        return d;
    }();
    return db;
}

void mustCompile(const QString &expression)
{
    if (expression.isEmpty()) {
        return;
    }
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = expression.toUtf8();
    if (sqlite3_prepare_v2(database(), "SELECT rowid FROM t WHERE t MATCH ?1", -1, &stmt, nullptr) != SQLITE_OK) {
        std::abort();
    }
    sqlite3_bind_text(stmt, 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW) {
        rc = sqlite3_step(stmt);
    }
    if (rc != SQLITE_DONE) {
        std::fprintf(stderr, "FTS5 refused %s: %s\n", utf8.constData(), sqlite3_errmsg(database()));
        std::abort();
    }
    sqlite3_finalize(stmt);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const SearchQuery q = SearchQuery::parse(text);

    const qsizetype terms = q.words.size() + q.phrases.size() + q.excluded.size() + q.filters.size();
    if (terms > SearchQuery::kMaxTerms) {
        std::abort();
    }
    // toString() writes the query in canonical form: that form reads back to itself. (Hostile text such as a word
    // holding the quote of a filter value, `owner:"!"x`, may read differently once: the first toString() is where
    // it settles.)
    const SearchQuery canonical = SearchQuery::parse(q.toString());
    if (SearchQuery::parse(canonical.toString()) != canonical) {
        std::fprintf(stderr, "round trip: %s -> %s -> %s\n", qPrintable(text), qPrintable(q.toString()),
                     qPrintable(canonical.toString()));
        std::abort();
    }
    mustCompile(q.ftsExpression());
    mustCompile(q.ftsExpression(QStringLiteral("name display_name")));
    (void)q.text();
    return 0;
}
