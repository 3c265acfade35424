#pragma once

// What the contracts pusher itself wrote into the folder since the last sync: the content hash of each file it
// replaced. The conflict check compares a file on disk with what the last sync read; a file whose hash is one
// this journal recorded changed because of an earlier push, not behind the catalog's back, so a second edit to the
// same file before the next sync (or a replay of the first) is no conflict. Shared by the pushers of one source
// (std::shared_ptr), which may run on different delivery threads: every call locks. Kept in memory, and in a JSON
// file when given a path (so a restart between a write and the next sync keeps it).

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

namespace meshlens::models {

class ContractsWriteJournal final
{
public:
    explicit ContractsWriteJournal(QString path = {});
    Q_DISABLE_COPY_MOVE(ContractsWriteJournal)

    // Whether `hash` (hex SHA-1 of the file's bytes) is what a push last wrote to the file (relative path).
    [[nodiscard]] bool wrote(const QString &relativePath, const QByteArray &hash) const;
    void record(const QString &relativePath, const QByteArray &hash);

private:
    void save() const;

    mutable QMutex m_mutex;
    QString m_path;
    QHash<QString, QByteArray> m_written;
};

} // namespace meshlens::models
