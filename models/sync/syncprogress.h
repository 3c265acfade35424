#pragma once

#include <QMetaType>
#include <QString>

#include <cstdint>

namespace meshlens::models {

// How far a sync is, for the status bar and the CLI. Sent by queued connection from the sync worker.
struct SyncProgress
{
    enum class Phase
    {
        Connecting,
        Reading,
        Indexing
    };
    Phase phase = Phase::Connecting;
    std::int64_t records = 0;
    std::int64_t bytes = 0;
    std::int64_t totalBytes = -1; // unknown
    QString step;                 // what is being read now ("tables", "contracts/sales.odcs.yaml"); may be empty
};

} // namespace meshlens::models

Q_DECLARE_METATYPE(meshlens::models::SyncProgress)
