#include "appsettings.h"

#include "../sources/bundle/bundlesource.h"

#include <QSettings>

namespace meshlens::models {

namespace {
const auto kLastSource = QStringLiteral("sync/lastSource");
const auto kGeometry = QStringLiteral("window/geometry");
const auto kIdentity = QStringLiteral("identity");
const auto kSyncInterval = QStringLiteral("sync/intervalHours");
const auto kLanguage = QStringLiteral("ui/language");
const auto kTheme = QStringLiteral("ui/theme");
constexpr int kMaxSyncIntervalHours = 24 * 7;
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

int AppSettings::syncIntervalHours()
{
    // A hand-edited file may hold anything: out of range means off.
    const int hours = QSettings().value(kSyncInterval, 0).toInt();
    return hours > 0 && hours <= kMaxSyncIntervalHours ? hours : 0;
}

void AppSettings::setSyncIntervalHours(int hours)
{
    QSettings().setValue(kSyncInterval, hours > 0 && hours <= kMaxSyncIntervalHours ? hours : 0);
}

QString AppSettings::language()
{
    return QSettings().value(kLanguage).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    QSettings().setValue(kLanguage, language.trimmed());
}

QString AppSettings::theme()
{
    const QString theme = QSettings().value(kTheme).toString();
    return theme == QLatin1String("light") || theme == QLatin1String("dark") ? theme : QString();
}

void AppSettings::setTheme(const QString &theme)
{
    QSettings().setValue(kTheme, theme);
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
