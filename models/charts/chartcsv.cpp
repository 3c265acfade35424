#include "chartcsv.h"

#include "../itemmodels/csvexport.h"

#include <QDateTime>

#include <cmath>

namespace meshlens::models {

namespace {

QString number(double v)
{
    return std::isnan(v) ? QString() : QString::number(v, 'g', 10);
}

QString isoTime(std::int64_t t, const QTimeZone &zone)
{
    return QDateTime::fromSecsSinceEpoch(t, zone).toString(Qt::ISODate);
}

QString statusName(char status)
{
    switch (status) {
    case 'P':
        return QStringLiteral("pass");
    case 'F':
        return QStringLiteral("fail");
    case 'A':
        return QStringLiteral("aborted");
    default:
        return QStringLiteral("none");
    }
}

void addRow(QString &out, const QStringList &cells)
{
    out += cells.join(QLatin1Char(','));
    out += QLatin1String("\r\n");
}

} // namespace

QString ChartCsv::textCell(const QString &text)
{
    QString cell = text;
    if (!cell.isEmpty() && QStringLiteral("=+-@\t\r").contains(cell.front())) {
        cell.prepend(QLatin1Char('\''));
    }
    return csvQuoted(cell);
}

QByteArray ChartCsv::trend(const PassRateTrend &trend)
{
    QString out;
    addRow(out, {QStringLiteral("date"), QStringLiteral("runs"), QStringLiteral("passed"), QStringLiteral("failed"),
                 QStringLiteral("aborted"), QStringLiteral("pass_rate"), QStringLiteral("products")});
    for (const TrendBucket &b : trend.buckets) {
        const auto rate = b.counts.passRate();
        addRow(out, {b.day.toString(Qt::ISODate), QString::number(b.counts.runs()), QString::number(b.counts.pass),
                     QString::number(b.counts.fail), QString::number(b.counts.aborted),
                     rate ? number(*rate) : QString(), QString::number(b.products)});
    }
    return out.toUtf8();
}

QByteArray ChartCsv::sla(const SlaTrack &track, const QTimeZone &zone)
{
    QString out;
    addRow(out, {QStringLiteral("time"), QStringLiteral("value"), QStringLiteral("target"), QStringLiteral("op"),
                 QStringLiteral("met")});
    for (const SeriesPoint &p : track.points) {
        const bool gap = std::isnan(p.value);
        addRow(out, {isoTime(p.t, zone), number(p.value), number(track.info.target), textCell(track.info.op),
                     gap ? QString()
                         : (slaMet(p.value, track.info.target, track.info.op) ? QStringLiteral("true")
                                                                              : QStringLiteral("false"))});
    }
    return out.toUtf8();
}

QByteArray ChartCsv::checks(const std::vector<CheckTrack> &checks, const QTimeZone &zone)
{
    QString out;
    addRow(out, {QStringLiteral("check"), QStringLiteral("time"), QStringLiteral("status"), QStringLiteral("value")});
    for (const CheckTrack &c : checks) {
        const QString name = textCell(c.info.name);
        for (const CheckRun &run : c.runs) {
            addRow(out, {name, isoTime(run.t, zone), statusName(run.status), number(run.value)});
        }
    }
    return out.toUtf8();
}

} // namespace meshlens::models
