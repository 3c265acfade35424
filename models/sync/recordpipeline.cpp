#include "recordpipeline.h"

#include <QFile>

namespace meshlens::models {

namespace {
constexpr std::size_t kBatchRecords = 512;
constexpr std::size_t kQueuedBatches = 8;
constexpr qint64 kChunkBytes = 1 << 20;
} // namespace

RecordPipeline::RecordPipeline(QString path, const std::atomic<bool> &cancel, bool peek)
    : m_cancel(cancel)
{
    {
        QFile probe(path);
        m_totalBytes = probe.exists() ? probe.size() : -1;
    }
    m_thread = std::thread([this, peek, path = std::move(path)]() mutable { run(std::move(path), peek); });
}

RecordPipeline::~RecordPipeline()
{
    {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

bool RecordPipeline::push(Batch &&batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this]() { return m_closed || m_queue.size() < kQueuedBatches; });
    if (m_closed) {
        return false;
    }
    m_done = batch.last;
    m_queue.push_back(std::move(batch));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

RecordPipeline::Batch RecordPipeline::next()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this]() { return !m_queue.empty() || m_done; });
    if (m_queue.empty()) {
        return Batch{.last = true};
    }
    Batch batch = std::move(m_queue.front());
    m_queue.pop_front();
    lock.unlock();
    m_changed.notify_all();
    return batch;
}

void RecordPipeline::run(QString path, bool peek)
{
    Batch batch;
    bool stopped = false;
    BundleParser *parserPtr = nullptr;
    const auto flush = [&](bool last) {
        batch.last = last;
        batch.bytes = parserPtr ? parserPtr->bytesSeen() : 0;
        batch.records = parserPtr ? parserPtr->recordCount() : 0;
        stopped = !push(std::move(batch));
        batch = Batch{};
    };
    BundleParser parser(
        [&](const records::Header &header) -> std::optional<QString> {
            batch.header = header;
            batch.headerLine = parserPtr->lines();
            return std::nullopt;
        },
        [&](records::Record &&record) -> std::optional<QString> {
            batch.items.push_back(Item{parserPtr->lines(), std::move(record), parserPtr->recordLineHash(),
                                       peek ? std::string(parserPtr->recordLine()) : std::string()});
            if (batch.items.size() >= kBatchRecords) {
                flush(false);
            }
            return stopped ? std::optional<QString>(QStringLiteral("stopped")) : std::nullopt;
        });
    parserPtr = &parser;
    parser.setPeek(peek);

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        batch.error = BundleParser::Error{0, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
        flush(true);
        return;
    }
    std::string chunk(static_cast<std::size_t>(kChunkBytes), '\0');
    for (;;) {
        if (m_cancel.load() || stopped) {
            flush(true);
            return;
        }
        const qint64 n = file.read(chunk.data(), kChunkBytes);
        if (n < 0) {
            batch.error = BundleParser::Error{0, QStringLiteral("reading %1 failed: %2").arg(path, file.errorString())};
            flush(true);
            return;
        }
        if (n == 0) {
            break;
        }
        if (auto err = parser.feed(std::string_view(chunk.data(), static_cast<std::size_t>(n)))) {
            if (!stopped) {
                batch.error = err;
                flush(true);
            }
            return;
        }
    }
    batch.error = parser.finish();
    flush(true);
}

} // namespace meshlens::models
