#pragma once

#include "../catalog/catalogtypes.h"
#include "../store/database.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace meshlens::models {

// One source the cache holds, with what it contributes: what Sources → Manage sources… lists.
struct SourceSummary
{
    SourceState state;           // uri, kind, name, last success, last error, ... (CatalogReader::sources)
    std::int64_t entries = 0;    // catalog entries of every kind
    std::int64_t products = 0;   // of which data products
    std::int64_t openOutbox = 0; // edits and feedback not delivered (pending, sending, conflict, rejected)
    std::int64_t problems = 0;   // rows of the Source problems list
};

// A row of the source_problems table (schema 7): what a sync reported without failing (SourceProblem, stored).
struct StoredProblem
{
    QString sourceUri, sourceName, file, message;
    int line = 0;
    bool error = true; // SourceProblem::Severity::Error; else a warning
};

// The cache's sources as a whole: lists them with their counts, and removes one with everything it brought (its
// entries and all that hangs off them, the search index rows, the vocabulary counts, its lineage, problems and
// state, its outbox items) in one transaction, leaving every other source's rows untouched. Runs on the caller's
// thread over the caller's connection: removal needs the writer (the GUI runs it while no sync runs).
class SourceCatalog final
{
public:
    explicit SourceCatalog(Database &db);

    [[nodiscard]] QList<SourceSummary> sources();
    [[nodiscard]] std::optional<SourceSummary> source(const QString &uri);

    // Every source's problems, errors first, then by source, file and line; at most `limit` rows.
    [[nodiscard]] QList<StoredProblem> problems(int limit = 10000);
    [[nodiscard]] std::int64_t problemCount();

    struct Removal
    {
        bool ok = false;
        QString error;                   // for a person, when not ok
        std::int64_t entries = 0;        // entries removed
        std::int64_t outboxRemoved = 0;  // outbox items removed with the source (undelivered ones only if asked)
        std::int64_t blockingOutbox = 0; // when refused: the undelivered items that stopped it
    };
    // Removes the source and all its rows. Undelivered outbox items are never dropped silently: the removal is
    // refused while there are any unless discardPending says the user agreed to drop them.
    [[nodiscard]] Removal remove(const QString &uri, bool discardPending = false);

private:
    Database &m_db;
};

} // namespace meshlens::models
