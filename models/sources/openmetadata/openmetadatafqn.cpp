#include "openmetadatafqn.h"

#include <QUrl>

namespace meshlens::models {

QStringList OpenMetadataFqn::split(const QString &fqn)
{
    QStringList parts;
    QString current;
    bool quoted = false;
    for (const QChar c : fqn) {
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
        } else if (c == QLatin1Char('.') && !quoted) {
            parts << current;
            current.clear();
        } else {
            current += c;
        }
    }
    parts << current;
    return parts;
}

QString OpenMetadataFqn::quote(const QString &name)
{
    return name.contains(QLatin1Char('.')) ? QLatin1Char('"') + name + QLatin1Char('"') : name;
}

QString OpenMetadataFqn::join(const QStringList &names)
{
    QStringList quoted;
    quoted.reserve(names.size());
    for (const QString &n : names) {
        quoted << quote(n);
    }
    return quoted.join(QLatin1Char('.'));
}

QByteArray OpenMetadataFqn::pathSegment(const QString &fqn)
{
    return QUrl::toPercentEncoding(fqn);
}

QString OpenMetadataFqn::entityLink(const QString &entityType, const QString &fqn)
{
    return QStringLiteral("<#E::%1::%2>").arg(entityType, fqn);
}

OpenMetadataFqn::Link OpenMetadataFqn::parseEntityLink(const QString &link)
{
    Link out;
    QString body = link.trimmed();
    if (!body.startsWith(QLatin1String("<#E::")) || !body.endsWith(QLatin1Char('>'))) {
        return out;
    }
    body = body.mid(5, body.size() - 6);
    const QStringList parts = body.split(QStringLiteral("::"));
    out.entityType = parts.value(0);
    out.fqn = parts.value(1);
    out.field = parts.mid(2).join(QStringLiteral("::"));
    return out;
}

} // namespace meshlens::models
