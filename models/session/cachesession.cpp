#include "cachesession.h"

#include "../store/cachepaths.h"
#include "../store/catalogreader.h"
#include "../store/outbox.h"
#include "../store/schema.h"

namespace meshlens::models {

CacheSession::CacheSession(QObject *parent)
    : QObject(parent)
    , m_sync(std::make_unique<SyncController>())
{
    connect(m_sync.get(), &SyncController::finished, this, &CacheSession::onSyncFinished);
}

CacheSession::~CacheSession() = default;

std::optional<StoreError> CacheSession::open(const QString &path)
{
    m_path = path;
    if (const QString err = CachePaths::ensureParentExists(path); !err.isEmpty()) {
        return StoreError{err};
    }
    if (auto err = m_db.open(path)) {
        return err;
    }
    // The one migration: pages and workers open an already current cache.
    if (auto err = Schema::migrate(m_db)) {
        m_db.close();
        return err;
    }
    m_reader = std::make_unique<CatalogReader>(m_db);
    (void)changedElsewhere(); // the baseline
    return std::nullopt;
}

Outbox CacheSession::outbox()
{
    return Outbox(m_db);
}

bool CacheSession::startSync(const QString &source, bool full)
{
    return m_sync->start(m_path, source, full);
}

bool CacheSession::changedElsewhere()
{
    Statement st = m_db.prepare("PRAGMA data_version");
    const std::int64_t version = st.next() ? st.int64(0) : -1;
    const bool changed = version != m_dataVersion;
    m_dataVersion = version;
    return changed;
}

void CacheSession::onSyncFinished(const SyncResult &result)
{
    // A failed or cancelled sync rolled back; an empty delta committed nothing the views show.
    if (changedElsewhere() && result.ok) {
        Q_EMIT catalogChanged(CatalogChange::Synced);
    }
}

} // namespace meshlens::models
