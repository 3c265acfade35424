#pragma once

// Runs chart computations off the GUI thread: each job gets its own read-only connection to the cache and a
// cancel flag; a newer submit() cancels the running job and its result is dropped, so only the latest request
// reaches the view. Lives on the GUI thread; owned by the view that submits (one ChartJobs per kind of request).

#include "../store/database.h"

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>

#include <atomic>
#include <functional>
#include <memory>

namespace meshlens::models {

class ChartJobs final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartJobs)

public:
    explicit ChartJobs(QString dbPath, QObject *parent = nullptr)
        : QObject(parent)
        , m_dbPath(std::move(dbPath))
    {}
    ~ChartJobs() override { cancel(); }

    // Result must be default-constructible with a QString `error` member (set when the cache cannot be opened).
    // done runs on this object's thread, only for the latest job, and not after cancel() or destruction.
    template<typename Result>
    void submit(std::function<Result(Database &, const std::atomic_bool &)> job, std::function<void(Result)> done)
    {
        cancel();
        auto flag = std::make_shared<std::atomic_bool>(false);
        m_cancel = flag;
        const quint64 generation = ++m_generation;
        auto *watcher = new QFutureWatcher<Result>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, done = std::move(done)]() {
            watcher->deleteLater();
            if (generation == m_generation) {
                m_cancel.reset();
                done(watcher->result());
            }
        });
        watcher->setFuture(QtConcurrent::run([path = m_dbPath, flag, job = std::move(job)]() {
            Database db;
            if (auto error = db.open(path, Database::Mode::ReadOnly)) {
                Result failed{};
                failed.error = error->message;
                return failed;
            }
            return job(db, *flag);
        }));
    }

    // Stops the running job (it notices at its next check) and drops its result.
    void cancel()
    {
        ++m_generation;
        if (m_cancel) {
            m_cancel->store(true);
            m_cancel.reset();
        }
    }
    [[nodiscard]] bool isBusy() const { return m_cancel != nullptr; }

private:
    QString m_dbPath;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace meshlens::models
