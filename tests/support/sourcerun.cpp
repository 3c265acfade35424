#include "sourcerun.h"

#include "models/store/catalogwriter.h"

#include <QDateTime>

namespace meshlens::test {

namespace {

// The cache writer behind the RecordSink interface; state and problems stay in memory.
class CacheSink final : public models::RecordSink
{
public:
    CacheSink(models::CatalogWriter &writer, models::CatalogWriter::SourceInfo source)
        : m_writer(writer)
        , m_source(std::move(source))
    {}
    std::optional<QString> begin(const models::records::Header &header) override
    {
        cursor = QString::fromStdString(header.cursor);
        mode = header.mode;
        return m_writer.begin(m_source, header);
    }
    std::optional<QString> write(models::records::Record &&record) override
    {
        return m_writer.write(std::move(record));
    }
    void problem(models::SourceProblem) override { ++problems; }
    void setState(const QString &key, const QByteArray &value) override { state.insert(key, value); }
    bool abandon() override
    {
        m_writer.rollback();
        state.clear();
        problems = 0;
        return true;
    }

    QString cursor;
    models::records::BundleMode mode = models::records::BundleMode::Snapshot;
    qsizetype problems = 0;
    QHash<QString, QByteArray> state;

private:
    models::CatalogWriter &m_writer;
    models::CatalogWriter::SourceInfo m_source;
};

} // namespace

std::optional<QString> readInto(models::Database &db, models::Source &source, SourceMemory &memory, bool full)
{
    std::atomic<bool> cancel = false;
    models::CatalogWriter writer(db);
    CacheSink sink(writer, {source.uri(), source.kind()});
    const SourceMemory before = memory;
    models::ReadContext context{sink,
                                cancel,
                                [](const models::SyncProgress &) {},
                                before.cursor,
                                before.lastSuccessAt,
                                [&before](const QString &key) { return before.state.value(key); },
                                full};
    auto err = source.read(context);
    if (!err && !writer.isActive()) {
        err = QStringLiteral("the source wrote no header");
    }
    if (!err) {
        err = writer.commit();
    }
    if (err) {
        writer.rollback();
        return err;
    }
    memory.cursor = sink.cursor;
    memory.lastSuccessAt = QDateTime::currentSecsSinceEpoch();
    // A delta keeps what it did not rewrite, as the engine's source_state table does.
    for (auto it = sink.state.cbegin(); it != sink.state.cend(); ++it) {
        memory.state.insert(it.key(), it.value());
    }
    memory.lastMode = sink.mode;
    memory.problems = sink.problems;
    return std::nullopt;
}

} // namespace meshlens::test
