#pragma once

// Reads the problems the last successful sync of each source found in its input (table source_problems, schema 7):
// what `meshlens problems` lists and the Source problems panel shows. A plain function object over a connection;
// used on the thread that owns the connection.

#include "database.h"

#include <QList>
#include <QString>

#include <optional>

namespace meshlens::models {

struct StoredProblem
{
    QString sourceUri, sourceKind;
    QString file;
    int line = 0;
    QString severity; // "error" | "warning"
    QString message;
};

class SourceProblemsReader final
{
public:
    explicit SourceProblemsReader(Database &db)
        : m_db(db)
    {}

    // Every source's problems (or one source's, by uri), by source, then file and line. Nothing on a database error
    // (lastError() says which).
    [[nodiscard]] std::optional<QList<StoredProblem>> read(const QString &sourceUri = {});
    [[nodiscard]] const std::optional<StoreError> &lastError() const { return m_lastError; }

private:
    Database &m_db;
    std::optional<StoreError> m_lastError;
};

} // namespace meshlens::models
