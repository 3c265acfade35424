#pragma once

#include "../catalog/records.h"
#include "bundleparser.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace meshlens::models {

// Parses a local bundle file on a thread of its own and hands the records to the caller in batches, so parsing
// runs beside the cache writer on the second core. The queue is bounded: memory stays at a few batches whatever
// the file's size. Created, drained and destroyed by the sync worker; the parsing thread is internal.
class RecordPipeline final
{
    Q_DISABLE_COPY_MOVE(RecordPipeline)

public:
    struct Item
    {
        std::int64_t line = 0;
        records::Record record;
        std::uint64_t hash = 0; // BundleParser::recordLineHash(): the line's content hash
        std::string text;       // peek mode: the line, for BundleParser::parseRecordLine
    };

    struct Batch
    {
        std::optional<records::Header> header; // the first batch carries the header
        std::int64_t headerLine = 0;
        std::vector<Item> items;
        std::optional<BundleParser::Error> error; // the parse stopped here
        bool last = false;                        // no batch follows
        std::int64_t bytes = 0;                   // bytes parsed so far
        std::int64_t records = 0;                 // records parsed so far
    };

    // Starts parsing `path` (opened with QFile, so qrc resources work too). `cancel` stops the parser early. `peek`:
    // records as BundleParser::setPeek gives them, each with its line's text.
    RecordPipeline(QString path, const std::atomic<bool> &cancel, bool peek = false);
    // Stops the parsing thread (if still running) and waits for it.
    ~RecordPipeline();

    // Blocks until the next batch; after a batch with `last` set, returns an empty last batch.
    [[nodiscard]] Batch next();
    [[nodiscard]] std::int64_t totalBytes() const { return m_totalBytes; }

private:
    void run(QString path, bool peek);
    bool push(Batch &&batch); // false when the consumer has stopped listening

    const std::atomic<bool> &m_cancel;
    std::atomic<std::int64_t> m_totalBytes = -1;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_queue;
    bool m_closed = false; // the consumer is gone: the producer stops
    bool m_done = false;   // the producer pushed its last batch
    std::thread m_thread;
};

} // namespace meshlens::models
