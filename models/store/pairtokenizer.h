#pragma once

struct sqlite3;
struct fts5_api;

namespace meshlens::models {

// The cache's FTS5 tokenizer, "meshlens_pairs": unicode61 (its arguments passed on) that also indexes every pair
// of adjacent words as one token, at the first word's position. A quoted phrase in a query is then looked up as
// its pairs: "customer daily" reads the short doclist of that pair instead of walking the long doclists of both
// words to the few places they stand together (27 ms for a rare phrase of common words at 1M products, against
// about 0.1 ms). A phrase of n words is the phrase of its n - 1 pairs, which match exactly where the words do.
//
//   tokenize = 'meshlens_pairs unpaired 0f remove_diacritics 2'
//
// `unpaired P` leaves tokens starting with P out of pairs (the facets column's filter tokens). Every connection
// that reads or writes a table using it must register it first; Database::open does.
// The connection's FTS5 extension interface (for tokenizers and auxiliary functions), or null.
[[nodiscard]] fts5_api *fts5Api(sqlite3 *db);

[[nodiscard]] bool registerPairTokenizer(sqlite3 *db);

} // namespace meshlens::models
