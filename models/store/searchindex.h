#pragma once

#include "database.h"

#include <array>
#include <optional>

namespace meshlens::models {

// Maintenance of the search tables the store keeps for the search engine (models/search/ reads them): the
// vocabulary with document counts (search_terms), the tables schema 5's triggers keep (entry_name_fts,
// entry_tag_names), and the segment merge of the full-text indexes. The writer calls it after a sync, the
// migrations after rebuilding the tables. Stateless: each call runs on the caller's connection, in the caller's
// transaction, on whichever thread owns that connection.
class SearchIndex final
{
public:
    SearchIndex() = delete;

    // Every search document holds a block token per level L, 0fb<L>x<rowid >> L> (CatalogWriter's facets), so a
    // budgeted scan ANDs its slice's block and FTS5's walk ends with the block: blocks of 1,024 to 524,288 rowids.
    static constexpr std::array<int, 4> kBlockLevels = {10, 13, 16, 19};

    // Rebuilds the vocabulary table from the full-text index (after a sync; the writer and the migration call it).
    [[nodiscard]] static std::optional<StoreError> rebuildVocabulary(Database &db);
    // Builds the tables schema 5's triggers keep (entry_name_fts, entry_tag_names) from entries and entry_tags in
    // one pass: the migration, and a first load that set the triggers aside.
    [[nodiscard]] static std::optional<StoreError> rebuildNameTables(Database &db);

    // Merges each full-text index into one segment (after a snapshot sync and the version 5 migration): a query
    // then opens one doclist instead of one per segment, 0.17 -> 0.02 ms for the first 20 matches of a word at 1M.
    [[nodiscard]] static std::optional<StoreError> optimizeIndexes(Database &db);
};

} // namespace meshlens::models
