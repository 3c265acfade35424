#include "healthsnapshotloader.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent>

namespace meshlens::models {

// One computation: its cancel flag is shared with the worker, which outlives a cancelled run harmlessly.
struct HealthSnapshotLoader::Run
{
    std::atomic<bool> cancel{false};
    QFutureWatcher<HealthBuildResult> *watcher = nullptr;
};

HealthSnapshotLoader::HealthSnapshotLoader(QString dbPath, QObject *parent)
    : QObject(parent)
    , m_dbPath(std::move(dbPath))
{}

HealthSnapshotLoader::~HealthSnapshotLoader()
{
    cancel();
}

void HealthSnapshotLoader::ensureLoaded()
{
    if (!m_snapshot && !m_running) {
        load(m_policy);
    }
}

void HealthSnapshotLoader::preload()
{
    if (!m_snapshot && !m_running) {
        start(m_policy, HealthRead::StoredOnly);
    }
}

void HealthSnapshotLoader::cancel()
{
    if (!m_running) {
        return;
    }
    m_running->cancel = true;
    m_running->watcher->disconnect(this);
    m_running->watcher->deleteLater();
    m_running.reset();
}

void HealthSnapshotLoader::load(const HealthPolicy &policy)
{
    start(policy, HealthRead::StoredWhenCurrent);
}

void HealthSnapshotLoader::start(const HealthPolicy &policy, HealthRead read)
{
    const bool wasRunning = m_running != nullptr;
    cancel();
    m_policy = policy;
    auto run = std::make_shared<Run>();
    run->watcher = new QFutureWatcher<HealthBuildResult>(this);
    connect(run->watcher, &QFutureWatcherBase::progressValueChanged, this, &HealthSnapshotLoader::progress);
    connect(run->watcher, &QFutureWatcherBase::finished, this, [this, run]() {
        if (m_running != run) {
            return; // superseded
        }
        const HealthBuildResult result = run->watcher->result();
        run->watcher->deleteLater();
        m_running.reset();
        if (result.snapshot) {
            m_snapshot = result.snapshot;
            Q_EMIT loaded();
        } else {
            Q_EMIT failed(result.cancelled ? QString() : result.error);
        }
    });
    m_running = run;
    const QString path = m_dbPath;
    run->watcher->setFuture(QtConcurrent::run([path, policy, run, read](QPromise<HealthBuildResult> &promise) {
        promise.setProgressRange(0, 100);
        HealthBuildResult result;
        Database db;
        if (auto err = db.open(path, Database::Mode::ReadOnly)) {
            result.error = QCoreApplication::translate("HealthSnapshotLoader",
                                                       "Cannot read the catalog cache to compute health: %1")
                               .arg(err->message);
        } else {
            result = buildHealthSnapshot(
                db, policy, std::nullopt, &run->cancel, [&promise](int percent) { promise.setProgressValue(percent); },
                read);
        }
        promise.addResult(std::move(result));
    }));
    if (!wasRunning) {
        Q_EMIT started();
    }
}

} // namespace meshlens::models
