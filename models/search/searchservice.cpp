#include "searchservice.h"

#include "../logging.h"

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

#include <mutex>

namespace meshlens::models {

// The worker thread's connection and engine, opened on first use on that thread. One pool thread at a time
// touches it (the pool has one thread), the mutex makes that explicit.
struct SearchService::Worker
{
    std::mutex mutex;
    Database db;
    std::unique_ptr<SearchEngine> engine;
    std::atomic<bool> *cancel = nullptr;
};

SearchService::SearchService(QString dbPath, QObject *parent)
    : QObject(parent)
    , m_dbPath(std::move(dbPath))
    , m_worker(std::make_shared<Worker>())
{
    m_pool.setMaxThreadCount(1);
    qRegisterMetaType<SearchResult>();
    qRegisterMetaType<SearchFacets>();
}

SearchService::~SearchService()
{
    if (m_cancelRunning) {
        m_cancelRunning->store(true);
    }
    m_pool.clear();
    m_pool.waitForDone(); // cancelled: the running query stops at SQLite's next progress check
}

quint64 SearchService::search(const QString &text, const SearchOptions &options, bool withFacets)
{
    const quint64 request = ++m_latest;
    if (m_cancelRunning) {
        m_cancelRunning->store(true);
    }
    m_pool.clear(); // queued requests nobody waits for any more
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancelRunning = cancel;
    // `this` outlives the task: the destructor cancels it and waits for the pool.
    (void)QtConcurrent::run(
        &m_pool, [this, worker = m_worker, path = m_dbPath, text, options, withFacets, request, cancel]() {
            if (cancel->load()) {
                return;
            }
            std::lock_guard lock(worker->mutex);
            if (!worker->engine) {
                if (auto err = worker->db.open(path, Database::Mode::ReadOnly)) {
                    SearchResult failed;
                    failed.error = err;
                    QMetaObject::invokeMethod(
                        this, [this, request, failed]() { Q_EMIT finished(request, failed); }, Qt::QueuedConnection);
                    return;
                }
                worker->engine = std::make_unique<SearchEngine>(worker->db);
            }
            worker->engine->setCancelFlag(cancel.get());
            SearchOptions o = options;
            o.facets = false;
            o.budgetMs = kFirstPageBudgetMs;
            // The first page at once; when the full-text scan needed longer than the budget, the complete answer
            // follows under the same request number.
            for (bool first = true;; first = false) {
                SearchResult result = worker->engine->search(text, o);
                if (result.cancelled || cancel->load()) {
                    worker->engine->setCancelFlag(nullptr);
                    return;
                }
                const bool again = first && result.partial;
                QMetaObject::invokeMethod(
                    this,
                    [this, request, result]() {
                        if (request == m_latest.load()) {
                            Q_EMIT finished(request, result);
                        }
                    },
                    Qt::QueuedConnection);
                if (!again) {
                    break;
                }
                o.budgetMs = 0;
            }
            if (withFacets) {
                SearchOptions f = options;
                f.facets = true;
                f.snippets = false;
                f.limit = 0;
                const SearchResult counted = worker->engine->search(text, f);
                if (!counted.cancelled && !cancel->load() && !counted.error) {
                    QMetaObject::invokeMethod(
                        this,
                        [this, request, facets = counted.facets]() {
                            if (request == m_latest.load()) {
                                Q_EMIT facetsReady(request, facets);
                            }
                        },
                        Qt::QueuedConnection);
                }
            }
            worker->engine->setCancelFlag(nullptr);
        });
    return request;
}

} // namespace meshlens::models
