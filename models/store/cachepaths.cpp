#include "cachepaths.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace meshlens::models {

QString CachePaths::defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("catalog.db"));
}

QString CachePaths::ensureParentExists(const QString &dbPath)
{
    if (dbPath == QLatin1String(":memory:") || dbPath.startsWith(QLatin1String("file:"))) {
        return {};
    }
    const QDir dir = QFileInfo(dbPath).absoluteDir();
    if (!dir.exists() && !QDir().mkpath(dir.absolutePath())) {
        return QStringLiteral("cannot create the folder %1 for the catalog cache").arg(dir.absolutePath());
    }
    return {};
}

} // namespace meshlens::models
