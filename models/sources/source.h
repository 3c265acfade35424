#pragma once

// The one interface every catalog source implements: a MeshLens bundle (file or URL), an OpenMetadata server, a
// folder of data contracts. A source turns its input into catalog records (records.h) and knows nothing about
// SQLite; the sync engine hands it a sink that writes into the cache inside the sync's transaction. Adding a
// source is one folder under models/sources/ and one line in sourceregistry.cpp.

#include "../catalog/records.h"
#include "../sync/outboxpusher.h"
#include "../sync/syncprogress.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace meshlens::models {

class CredentialStore;

// Something wrong in a source's input that did not stop the sync (a file that is not YAML, a duplicate id, a
// reference to nothing): listed to the user by `meshlens problems` and the Source problems panel.
struct SourceProblem
{
    enum class Severity
    {
        Warning,
        Error
    };
    QString file;    // a path relative to the source's root, a URL or an entity; empty if none applies
    int line = 0;    // 1-based; 0 if unknown
    QString message; // what is wrong and what to do, for a person
    Severity severity = Severity::Error;
};

// Where a source's read() delivers its records: the cache writer, inside the sync's one transaction. Nothing a
// source writes is visible to readers until the whole sync commits; an error or a cancel rolls all of it back.
class RecordSink
{
public:
    RecordSink() = default;
    virtual ~RecordSink() = default;
    Q_DISABLE_COPY_MOVE(RecordSink)

    // Once, before any record: a snapshot (this source's whole catalog: what it lacks is removed, other sources'
    // entries are never touched) or a delta (upserts and tombstones on top of the last sync).
    [[nodiscard]] virtual std::optional<QString> begin(const records::Header &header) = 0;
    // An error names what is wrong with the record; the source adds where it came from (file and line, URL).
    [[nodiscard]] virtual std::optional<QString> write(records::Record &&record) = 0;
    // The source's problem list is replaced by what this sync reports when it commits: a source that reads
    // incrementally reports its unchanged files' problems again (keep them in its state).
    virtual void problem(SourceProblem problem) = 0;
    // Source-private state committed with the catalog (a file manifest, an event cursor); see ReadContext::state.
    virtual void setState(const QString &key, const QByteArray &value) = 0;
    // Drops everything written since begin() (records, problems, state: the sync's transaction is rolled back and
    // none of it was ever visible) so that the source can begin() again. A bundle source that began a delta and then
    // met a record it cannot diff starts over as a snapshot. False when the sink cannot, and nothing was dropped.
    [[nodiscard]] virtual bool abandon() { return false; }
};

// What a read gets besides the sink. Filled by the sync engine from what the cache remembers of the source.
struct ReadContext
{
    RecordSink &sink;
    const std::atomic<bool> &cancel; // checked between pages, files and records; a cancelled read returns early
    std::function<void(const SyncProgress &)> progress; // call as often as you like: the engine throttles
    QString cursor;                 // the cursor of the last successful sync (header.cursor), empty if none
    std::int64_t lastSuccessAt = 0; // epoch seconds of the last successful sync; 0: never synced
    std::function<QByteArray(const QString &key)> state; // what the last successful sync saved with setState
    bool full = false;                                   // the user asked for a full sync, not an incremental one
};

// One catalog source. Created by SourceRegistry from what the user typed (or from the cache's sources table), used
// on the sync worker thread for one read, and destroyed there.
class Source
{
public:
    Source() = default;
    virtual ~Source() = default;
    Q_DISABLE_COPY_MOVE(Source)

    [[nodiscard]] virtual QString kind() const = 0; // bundle | openmetadata | contracts: stored per source
    [[nodiscard]] virtual QString uri() const = 0;  // the canonical address, the key of the cache's sources table
    // Something the user should know before trusting the source (plain HTTP to another host); empty if nothing.
    [[nodiscard]] virtual QString warning() const { return {}; }

    struct Probe
    {
        bool ok = false;
        QString message; // "OpenMetadata 1.9.2", "312 contract files", or the exact failure
    };
    // "Test connection": reaches the source (with its credentials) without reading it. Blocks a worker thread.
    [[nodiscard]] virtual Probe probe(const std::atomic<bool> &cancel) = 0;

    // Reads the source into context.sink: begin() once, then records. Blocks the calling worker thread (never the
    // GUI thread) until done, failed or cancelled. Returns what went wrong, for a person, or nothing.
    [[nodiscard]] virtual std::optional<QString> read(ReadContext &context) = 0;

    // The write side (steward edits, feedback), or null when the source accepts no writes (a bundle: the outbox
    // is exported instead). Called on the delivery worker thread.
    [[nodiscard]] virtual std::unique_ptr<OutboxPusher> makePusher() const { return nullptr; }
};

// What sources may need from the application: the keychain for tokens, and so on. Passed to the factories.
struct SourceEnvironment
{
    CredentialStore *credentials = nullptr; // null: no stored tokens (the CLI falls back to its environment)
    // What the cache keeps for a source (RecordSink::setState) as of now, by the source's uri and the key: a pusher
    // reads what the last sync saw (the contracts folder's manifest). Set by OutboxDelivery over its connection;
    // empty: nothing is known.
    std::function<QByteArray(const QString &sourceUri, const QString &key)> state;
};

} // namespace meshlens::models
