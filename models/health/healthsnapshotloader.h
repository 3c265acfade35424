#pragma once

// Builds HealthSnapshots off the GUI thread (QtConcurrent) on a connection of its own, reporting progress; a new
// request cancels the one running and only the newest result is delivered, so the views never show stale health.
// Lives on the GUI thread; owned by whoever composes the health views.

#include "healthsnapshot.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

template<typename T> class QFutureWatcher;

namespace meshlens::models {

class HealthSnapshotLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthSnapshotLoader)

public:
    explicit HealthSnapshotLoader(QString dbPath, QObject *parent = nullptr);
    ~HealthSnapshotLoader() override;

    // Starts computing with `policy` (cancelling a computation under way).
    void load(const HealthPolicy &policy);
    // Loads with the current policy unless a snapshot is there or on its way.
    void ensureLoaded();
    // As ensureLoaded(), but only what the last sync stored (a read, not an evaluation of every series): for
    // what shows health without a health view open (lineage colours, badges) at start. Nothing when the cache
    // has none stored (failed() with an empty message).
    void preload();
    void cancel();

    [[nodiscard]] bool isLoading() const { return m_running != nullptr; }
    [[nodiscard]] const std::shared_ptr<const HealthSnapshot> &snapshot() const { return m_snapshot; }
    [[nodiscard]] const HealthPolicy &policy() const { return m_policy; }
    [[nodiscard]] const QString &dbPath() const { return m_dbPath; }

Q_SIGNALS:
    void started();
    void progress(int percent);
    // A new snapshot is in place (snapshot() returns it).
    void loaded();
    // The computation failed (message for people) or was cancelled (empty message).
    void failed(const QString &message);

private:
    struct Run;
    void start(const HealthPolicy &policy, HealthRead read);
    QString m_dbPath;
    HealthPolicy m_policy;
    std::shared_ptr<const HealthSnapshot> m_snapshot;
    std::shared_ptr<Run> m_running;
};

} // namespace meshlens::models
