#include "healthformat.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace meshlens::models {

QString formatShare(std::optional<double> share)
{
    if (!share || std::isnan(*share)) {
        return {};
    }
    return QLocale().toString(*share * 100.0, 'f', 1) + QStringLiteral(" %");
}

QString formatDuration(std::int64_t seconds)
{
    seconds = std::max<std::int64_t>(0, seconds);
    if (seconds >= 86400) {
        return QCoreApplication::translate("HealthFormat", "%1 d").arg(seconds / 86400);
    }
    if (seconds >= 3600) {
        return QCoreApplication::translate("HealthFormat", "%1 h").arg(seconds / 3600);
    }
    return QCoreApplication::translate("HealthFormat", "%1 min").arg(seconds / 60);
}

QString formatValue(double value, const QString &unit)
{
    const QString number = QLocale().toString(value, 'g', 6);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

QString formatTarget(bool atLeast, double target, const QString &unit)
{
    return (atLeast ? QStringLiteral("≥ ") : QStringLiteral("≤ ")) + formatValue(target, unit);
}

} // namespace meshlens::models
