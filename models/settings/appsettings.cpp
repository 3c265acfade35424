#include "appsettings.h"

#include "../sources/bundle/bundlesource.h"

#include <QSettings>

namespace meshlens::models {

namespace {
const auto kLastSource = QStringLiteral("sync/lastSource");
const auto kGeometry = QStringLiteral("window/geometry");
const auto kIdentity = QStringLiteral("identity");
} // namespace

QString AppSettings::lastSource()
{
    return QSettings().value(kLastSource, QLatin1String(kSampleCatalogUrl)).toString();
}

void AppSettings::setLastSource(const QString &source)
{
    QSettings().setValue(kLastSource, source);
}

QString AppSettings::identity()
{
    return QSettings().value(kIdentity).toString();
}

void AppSettings::setIdentity(const QString &identity)
{
    QSettings().setValue(kIdentity, identity.trimmed());
}

QByteArray AppSettings::windowGeometry()
{
    return QSettings().value(kGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    QSettings().setValue(kGeometry, geometry);
}

} // namespace meshlens::models
