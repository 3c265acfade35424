#pragma once

// Runs one Source::read into a cache the way the sync engine does (one transaction, committed only when the read
// succeeded), with the engine's memory of the source (cursor, last success, state) kept by the caller. For tests
// and benchmarks that need to set a source's options, which the engine's registry path cannot.

#include "models/sources/source.h"
#include "models/store/database.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <cstdint>
#include <optional>

namespace meshlens::test {

struct SourceMemory
{
    QString cursor;
    std::int64_t lastSuccessAt = 0; // epoch seconds
    QHash<QString, QByteArray> state;
    models::records::BundleMode lastMode = models::records::BundleMode::Snapshot;
    qsizetype problems = 0;
};

// Reads `source` into the cache; on success updates `memory`. Returns what went wrong.
std::optional<QString> readInto(models::Database &db, models::Source &source, SourceMemory &memory, bool full = false);

} // namespace meshlens::test
