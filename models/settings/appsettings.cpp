#include "appsettings.h"

#include "../sync/syncengine.h"

#include <QSettings>

namespace meshlens::models {

namespace {
const auto kLastSource = QStringLiteral("sync/lastSource");
const auto kGeometry = QStringLiteral("window/geometry");
const auto kState = QStringLiteral("window/state");
const auto kIdentity = QStringLiteral("user/identity");
} // namespace

QString AppSettings::lastSource()
{
    return QSettings().value(kLastSource, QLatin1String(kSampleCatalogUrl)).toString();
}

void AppSettings::setLastSource(const QString &source)
{
    QSettings().setValue(kLastSource, source);
}

QByteArray AppSettings::windowGeometry()
{
    return QSettings().value(kGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    QSettings().setValue(kGeometry, geometry);
}

QByteArray AppSettings::windowState()
{
    return QSettings().value(kState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    QSettings().setValue(kState, state);
}

QString AppSettings::identity()
{
    return QSettings().value(kIdentity).toString();
}

void AppSettings::setIdentity(const QString &personId)
{
    QSettings().setValue(kIdentity, personId);
}

} // namespace meshlens::models
