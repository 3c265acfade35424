#include "syncengine.h"

#include "../logging.h"
#include "../sources/sourceregistry.h"
#include "../store/catalogwriter.h"
#include "../store/database.h"
#include "../store/outbox.h"
#include "../store/schema.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace meshlens::models {

namespace {

// The sink a source writes into: the cache writer for that source, counting what passes through.
class WriterSink final : public RecordSink
{
public:
    WriterSink(CatalogWriter &writer, CatalogWriter::SourceInfo source)
        : m_writer(writer)
        , m_source(std::move(source))
    {}

    std::optional<QString> begin(const records::Header &header) override
    {
        if (m_writer.isActive()) {
            return QStringLiteral("the source started its catalog twice");
        }
        return m_writer.begin(m_source, header);
    }
    std::optional<QString> write(records::Record &&record) override
    {
        if (!m_writer.isActive()) {
            return QStringLiteral("a record came before the catalog's header");
        }
        ++m_records;
        return m_writer.write(std::move(record));
    }
    void problem(SourceProblem problem) override
    {
        m_writer.addProblem(
            {problem.file, problem.line,
             problem.severity == SourceProblem::Severity::Warning ? QStringLiteral("warning") : QStringLiteral("error"),
             problem.message});
    }
    void setState(const QString &key, const QByteArray &value) override { m_writer.setState(key, value); }
    bool abandon() override
    {
        m_writer.rollback();
        m_records = 0;
        return true;
    }

    [[nodiscard]] std::int64_t records() const { return m_records; }

private:
    CatalogWriter &m_writer;
    CatalogWriter::SourceInfo m_source;
    std::int64_t m_records = 0;
};

} // namespace

struct SyncEngine::Run
{
    Database db;
    CatalogWriter writer{db};
    std::unique_ptr<Source> source;
    CatalogWriter::SourceInfo info;
    QElapsedTimer clock;
    QElapsedTimer sinceProgress;
    SyncProgress progress;
    std::int64_t records = 0;
};

SyncEngine::SyncEngine(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<SyncResult>();
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::cancel()
{
    m_cancel.store(true);
    const QMutexLocker lock(&m_writerMutex);
    if (m_writer) {
        m_writer->interrupt();
    }
}

void SyncEngine::run(const QString &dbPath, const QString &sourceText, bool full)
{
    if (m_run) {
        Q_EMIT finished(SyncResult{false, false, sourceText, QStringLiteral("a sync is already running")});
        return;
    }
    m_cancel.store(false);
    m_run = std::make_unique<Run>();
    Run &r = *m_run;
    r.clock.start();
    r.sinceProgress.start();

    // The address is checked before the cache is opened: a typo creates no cache file.
    SourceRegistry::Opened opened = SourceRegistry::open(sourceText, m_environment);
    if (!opened.source) {
        r.info = {sourceText.trimmed(), {}};
        finishRun(opened.error);
        return;
    }
    r.source = std::move(opened.source);
    r.info = {r.source->uri(), r.source->kind()};
    if (auto err = r.db.open(dbPath)) {
        finishRun(err->message);
        return;
    }
    if (auto err = Schema::migrate(r.db)) {
        finishRun(err->message);
        return;
    }
    {
        const QMutexLocker lock(&m_writerMutex);
        m_writer = &r.db;
    }
    r.writer.setCancelFlag(&m_cancel);
    // The writer gets a big page cache: a full sync touches every page of the catalog once.
    (void)r.db.exec("PRAGMA cache_size = -98304; PRAGMA journal_size_limit = 67108864;");

    const CatalogWriter::SourceMemory memory = CatalogWriter::remembered(r.db, r.info.uri);
    WriterSink sink(r.writer, r.info);
    ReadContext context{sink, m_cancel, {}, memory.cursor, memory.lastSuccessAt, {}, full};
    context.progress = [this, &r](const SyncProgress &p) {
        const bool newPhase = p.phase != r.progress.phase || p.step != r.progress.step;
        r.progress = p;
        if (newPhase || r.sinceProgress.elapsed() >= 100) {
            r.sinceProgress.restart();
            Q_EMIT progress(r.progress);
        }
    };
    context.state = [&r](const QString &key) { return CatalogWriter::state(r.db, r.info.uri, key); };
    std::optional<QString> error = r.source->read(context);
    r.records = sink.records();
    finishRun(std::move(error));
}

void SyncEngine::finishRun(std::optional<QString> error)
{
    Run &r = *m_run;
    SyncResult result;
    result.source = r.info.uri;
    // A cancel that interrupted a statement surfaces as its error; it is still a cancel.
    if (error && m_cancel.load()) {
        error.reset();
    }
    result.cancelled = !error && m_cancel.load();
    if (!error && !result.cancelled) {
        r.progress.phase = SyncProgress::Phase::Indexing;
        Q_EMIT progress(r.progress);
        qCDebug(lcSync) << "records streamed in" << r.clock.elapsed() << "ms";
        if (!r.writer.isActive()) {
            error = QStringLiteral("the source sent no catalog");
        } else {
            error = r.writer.commit();
        }
        if (!error) {
            // The new catalog is in: pending edits whose product moved on become conflicts (never dropped).
            Outbox(r.db).reconcileAfterSync(QDateTime::currentSecsSinceEpoch());
        }
        if (error && m_cancel.load()) { // cancelled while committing: the commit was interrupted and rolled back
            error.reset();
            result.cancelled = true;
        }
    }
    if (r.writer.isActive()) {
        r.writer.rollback();
    }
    if (error) {
        result.error = *error;
        if (r.db.isOpen() && !r.info.uri.isEmpty()) {
            CatalogWriter::recordFailure(r.db, r.info, *error);
        }
        qCWarning(lcSync) << "sync of" << r.info.uri << "failed:" << *error;
    }
    result.ok = !error && !result.cancelled;
    result.records = r.progress.records > 0 ? r.progress.records : r.records;
    result.products = r.writer.stats().products;
    result.bytes = r.progress.bytes;
    result.elapsedMs = r.clock.elapsed();
    {
        const QMutexLocker lock(&m_writerMutex);
        m_writer = nullptr;
    }
    m_run.reset();
    Q_EMIT finished(result);
}

} // namespace meshlens::models
