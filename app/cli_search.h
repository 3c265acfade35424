#pragma once

#include <QString>

#include <cstdio>

class QJsonObject;

namespace meshlens::models {
class Database;
struct ProductSummary;
} // namespace meshlens::models

namespace meshlens::app {

// `meshlens search`: runs the search engine on an opened cache and prints the results (tab-separated lines, or
// with --json the hits with their score parts and snippets, the facets and any typo correction). Returns an
// exit code.
// A product summary as the verbs print it in --json (search results, and the head of `show`).
QJsonObject productSummaryJson(const models::ProductSummary &s);

// `budgetMs` > 0 answers as the search page's first page does: within that much full-text scanning.
int searchCommand(models::Database &db, const QString &query, int limit, int budgetMs, bool json, std::FILE *out,
                  std::FILE *err);

} // namespace meshlens::app
