#pragma once

#include "syncprogress.h"

#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <cstdint>

namespace meshlens::models {

class Database;

// Where a sync reads from, resolved from what the user typed: a path, file:, qrc: or http(s): URL.
struct SourceAddress
{
    enum class Kind
    {
        Invalid,
        LocalFile, // a path or file: URL (also qrc: / ":/" resources, read through QFile)
        Http
    };
    Kind kind = Kind::Invalid;
    QUrl url;          // canonical form, stored in the cache's sources table
    QString localPath; // for LocalFile: what QFile opens
    QString error;     // for Invalid: why

    // Parses user text. "sample" names the catalog compiled into the app.
    static SourceAddress parse(const QString &text);
    [[nodiscard]] QString canonical() const { return url.toString(QUrl::FullyEncoded); }
};

inline constexpr auto kSampleCatalogUrl = "qrc:/meshlens/sample-catalog.ndjson";

struct SyncResult
{
    bool ok = false;
    bool cancelled = false;
    QString source;
    QString error; // what happened and what to do, for a person
    std::int64_t records = 0;
    std::int64_t products = 0;
    std::int64_t bytes = 0;
    std::int64_t elapsedMs = 0;
};

// Copies one source into the cache. Lives on a worker thread (see SyncController) with its own writer
// connection and, for HTTP sources, its own QNetworkAccessManager. One run at a time; cancel() from any thread.
class SyncEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)

public:
    explicit SyncEngine(QObject *parent = nullptr);
    ~SyncEngine() override;

    // Thread-safe: the running sync stops at the next chunk, or interrupts the statement the writer is running
    // (the commit of a big sync takes minutes), and rolls back.
    void cancel();

public Q_SLOTS:
    void run(const QString &dbPath, const QString &source);

Q_SIGNALS:
    void progress(const meshlens::models::SyncProgress &progress);
    void finished(const meshlens::models::SyncResult &result);

private:
    struct Run;
    void finishRun(std::optional<QString> error);

    std::atomic<bool> m_cancel = false;
    std::unique_ptr<Run> m_run;
    // The run's writer connection, for cancel() from another thread; guarded so it is never interrupted while
    // being closed.
    QMutex m_writerMutex;
    Database *m_writer = nullptr;
};

} // namespace meshlens::models

Q_DECLARE_METATYPE(meshlens::models::SyncResult)
