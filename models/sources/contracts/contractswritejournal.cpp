#include "contractswritejournal.h"

#include "../../logging.h"
#include "yamledit.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

namespace meshlens::models {

ContractsWriteJournal::ContractsWriteJournal(QString path)
    : m_path(std::move(path))
{
    if (m_path.isEmpty()) {
        return;
    }
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly)) {
        return; // no journal yet
    }
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        m_written.insert(it.key(), it.value().toString().toLatin1());
    }
}

bool ContractsWriteJournal::wrote(const QString &relativePath, const QByteArray &hash) const
{
    const QMutexLocker lock(&m_mutex);
    return !hash.isEmpty() && m_written.value(relativePath) == hash;
}

void ContractsWriteJournal::record(const QString &relativePath, const QByteArray &hash)
{
    const QMutexLocker lock(&m_mutex);
    m_written.insert(relativePath, hash);
    save();
}

void ContractsWriteJournal::save() const
{
    if (m_path.isEmpty()) {
        return;
    }
    QJsonObject o;
    for (auto it = m_written.cbegin(); it != m_written.cend(); ++it) {
        o.insert(it.key(), QString::fromLatin1(it.value()));
    }
    // Losing the journal costs at most a false conflict (never an overwrite), so a failed save is only logged.
    if (const auto error = YamlEditor::writeFile(m_path, QJsonDocument(o).toJson(QJsonDocument::Compact))) {
        qCWarning(lcSync) << "contracts write journal:" << *error;
    }
}

} // namespace meshlens::models
