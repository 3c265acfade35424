#include "pairtokenizer.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace meshlens::models {

namespace {

struct PairTokenizer
{
    fts5_tokenizer inner{};
    Fts5Tokenizer *innerInstance = nullptr;
    std::vector<std::string> unpaired; // token prefixes left out of pairs

    [[nodiscard]] bool pairable(std::string_view token) const
    {
        for (const std::string &p : unpaired) {
            if (token.starts_with(p)) {
                return false;
            }
        }
        return true;
    }
};

using TokenCallback = int (*)(void *, int, const char *, int, int, int);

// A pair's token: 0xF8, then each byte of "first second" as two UTF-8 continuation bytes. No word unicode61 makes
// can equal it (0xF8 is never in valid UTF-8), no prefix a person types reaches it, and FTS5 counts it as one
// character, so the 2- and 3-character prefix indexes skip it. At 100k products the pairs add 42% to entry_fts
// (125 -> 178 MB); written as plain text ("\x01first second") they added 91% (239 MB), mostly prefix entries.
void encodePair(std::string &out, std::string_view first, std::string_view second)
{
    out.clear();
    out.reserve(1 + 2 * (first.size() + second.size() + 1));
    out.push_back(static_cast<char>(0xF8));
    const auto put = [&out](unsigned char byte) {
        out.push_back(static_cast<char>(0x80 | (byte >> 6)));
        out.push_back(static_cast<char>(0x80 | (byte & 0x3F)));
    };
    for (const char c : first) {
        put(static_cast<unsigned char>(c));
    }
    put(' '); // never inside a unicode61 token: "ab c" and "a bc" stay apart
    for (const char c : second) {
        put(static_cast<unsigned char>(c));
    }
}

// Documents: every word, and before each word after the first, the pair it closes, colocated with the word
// before it (FTS5_TOKEN_COLOCATED: same position, not counted in the column's length, so BM25 is unchanged).
struct DocumentContext
{
    const PairTokenizer *tokenizer = nullptr;
    void *ctx = nullptr;
    TokenCallback emit = nullptr;
    std::string previous;
    bool previousPairable = false;
    bool any = false;
    std::string pair;
};

int documentToken(void *p, int flags, const char *token, int size, int start, int end)
{
    auto *c = static_cast<DocumentContext *>(p);
    const std::string_view word(token, static_cast<std::size_t>(size));
    const bool pairable = c->tokenizer->pairable(word);
    if (c->any && c->previousPairable && pairable && (flags & FTS5_TOKEN_COLOCATED) == 0) {
        encodePair(c->pair, c->previous, word);
        const int rc =
            c->emit(c->ctx, FTS5_TOKEN_COLOCATED, c->pair.data(), static_cast<int>(c->pair.size()), start, end);
        if (rc != SQLITE_OK) {
            return rc;
        }
    }
    c->previous.assign(word);
    c->previousPairable = pairable;
    c->any = true;
    return c->emit(c->ctx, flags, token, size, start, end);
}

// Queries: a quoted phrase of two or more words becomes the phrase of its pairs; anything else (one word, a
// prefix, a phrase with an unpaired token) stays as unicode61 makes it.
struct QueryContext
{
    struct Token
    {
        std::string text;
        int start = 0;
        int end = 0;
    };
    std::vector<Token> tokens;
};

int queryToken(void *p, int flags, const char *token, int size, int start, int end)
{
    if ((flags & FTS5_TOKEN_COLOCATED) == 0) {
        static_cast<QueryContext *>(p)->tokens.push_back(
            {std::string(token, static_cast<std::size_t>(size)), start, end});
    }
    return SQLITE_OK;
}

int createTokenizer(void *api, const char **args, int argCount, Fts5Tokenizer **out)
{
    auto *fts = static_cast<fts5_api *>(api);
    auto tokenizer = std::make_unique<PairTokenizer>();
    int at = 0;
    while (at + 1 < argCount && std::strcmp(args[at], "unpaired") == 0) {
        tokenizer->unpaired.emplace_back(args[at + 1]);
        at += 2;
    }
    void *innerContext = nullptr;
    int rc = fts->xFindTokenizer(fts, "unicode61", &innerContext, &tokenizer->inner);
    if (rc != SQLITE_OK) {
        return rc;
    }
    rc = tokenizer->inner.xCreate(innerContext, args + at, argCount - at, &tokenizer->innerInstance);
    if (rc != SQLITE_OK) {
        return rc;
    }
    *out = reinterpret_cast<Fts5Tokenizer *>(tokenizer.release());
    return SQLITE_OK;
}

void deleteTokenizer(Fts5Tokenizer *instance)
{
    auto *tokenizer = reinterpret_cast<PairTokenizer *>(instance);
    if (tokenizer->innerInstance) {
        tokenizer->inner.xDelete(tokenizer->innerInstance);
    }
    delete tokenizer;
}

int tokenize(Fts5Tokenizer *instance, void *ctx, int flags, const char *text, int size, TokenCallback emit)
{
    auto *tokenizer = reinterpret_cast<PairTokenizer *>(instance);
    if ((flags & FTS5_TOKENIZE_DOCUMENT) != 0) {
        DocumentContext c{tokenizer, ctx, emit};
        return tokenizer->inner.xTokenize(tokenizer->innerInstance, &c, flags, text, size, documentToken);
    }
    if ((flags & FTS5_TOKENIZE_QUERY) == 0) {
        return tokenizer->inner.xTokenize(tokenizer->innerInstance, ctx, flags, text, size, emit);
    }
    QueryContext c;
    int rc = tokenizer->inner.xTokenize(tokenizer->innerInstance, &c, flags, text, size, queryToken);
    if (rc != SQLITE_OK) {
        return rc;
    }
    const bool pairs = (flags & FTS5_TOKENIZE_PREFIX) == 0 && c.tokens.size() >= 2 &&
                       std::all_of(c.tokens.begin(), c.tokens.end(),
                                   [&](const QueryContext::Token &t) { return tokenizer->pairable(t.text); });
    if (!pairs) {
        for (const QueryContext::Token &t : c.tokens) {
            rc = emit(ctx, 0, t.text.data(), static_cast<int>(t.text.size()), t.start, t.end);
            if (rc != SQLITE_OK) {
                return rc;
            }
        }
        return SQLITE_OK;
    }
    std::string pair;
    for (std::size_t i = 1; i < c.tokens.size(); ++i) {
        encodePair(pair, c.tokens[i - 1].text, c.tokens[i].text);
        rc = emit(ctx, 0, pair.data(), static_cast<int>(pair.size()), c.tokens[i - 1].start, c.tokens[i].end);
        if (rc != SQLITE_OK) {
            return rc;
        }
    }
    return SQLITE_OK;
}

} // namespace

fts5_api *fts5Api(sqlite3 *db)
{
    fts5_api *api = nullptr;
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) {
        return nullptr;
    }
    sqlite3_bind_pointer(st, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

bool registerPairTokenizer(sqlite3 *db)
{
    fts5_api *api = fts5Api(db);
    if (!api) {
        return false;
    }
    fts5_tokenizer methods{createTokenizer, deleteTokenizer, tokenize};
    return api->xCreateTokenizer(api, "meshlens_pairs", api, &methods, nullptr) == SQLITE_OK;
}

} // namespace meshlens::models
