#pragma once

#include <QString>

class QWidget;

namespace meshlens::ui {

// Brings the cache at `path` to the current schema. A cache from an older MeshLens may need its search index
// rebuilt (minutes at a million products): that runs on a worker thread with its own connection, behind a progress
// dialog whose Cancel stops it; the migration's transaction then rolls back and the cache is left as it was.
// Returns what went wrong, in words for the person at the screen; empty on success.
[[nodiscard]] QString updateCacheShowingProgress(const QString &path, QWidget *parent = nullptr);

} // namespace meshlens::ui
