#pragma once

#include <QString>

#include <cstdio>

namespace meshlens::models {
class Database;
}

namespace meshlens::app {

// `meshlens search`: runs the search engine on an opened cache and prints the results (tab-separated lines, or
// with --json the hits with their score parts and snippets, the facets and any typo correction). Returns an
// exit code.
int searchCommand(models::Database &db, const QString &query, int limit, bool json, std::FILE *out, std::FILE *err);

} // namespace meshlens::app
