#include "searchindex.h"

namespace meshlens::models {

std::optional<StoreError> SearchIndex::rebuildVocabulary(Database &db)
{
    return db.exec("DELETE FROM search_terms; "
                   "INSERT INTO search_terms(term, docs) SELECT term, doc FROM entry_fts_vocab "
                   // Words only: word pairs (meshlens_pairs) start with byte 0xF8 and sort after every word.
                   "WHERE term < CAST(X'F8' AS TEXT);");
}

std::optional<StoreError> SearchIndex::rebuildNameTables(Database &db)
{
    return db.exec("INSERT INTO entry_name_fts(entry_name_fts) VALUES ('rebuild'); "
                   "DELETE FROM entry_tag_names; "
                   "INSERT INTO entry_tag_names(tag, name, entry_id) SELECT t.tag, e.name, e.id "
                   "FROM entry_tags t JOIN entries e ON e.id = t.entry_id ORDER BY 1, 2, 3;");
}

std::optional<StoreError> SearchIndex::optimizeIndexes(Database &db)
{
    return db.exec("INSERT INTO entry_fts(entry_fts) VALUES ('optimize'); "
                   "INSERT INTO entry_name_fts(entry_name_fts) VALUES ('optimize');");
}

} // namespace meshlens::models
