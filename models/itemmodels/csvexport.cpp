#include "csvexport.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QIODevice>
#include <QStringList>

namespace meshlens::models {

QString csvField(const QString &text)
{
    QString t = text;
    if (!t.isEmpty() && (t[0] == QLatin1Char('=') || t[0] == QLatin1Char('+') || t[0] == QLatin1Char('@') ||
                         (t[0] == QLatin1Char('-') && (t.size() == 1 || !t[1].isDigit())))) {
        t.prepend(QLatin1Char('\''));
    }
    return csvQuoted(t);
}

QString csvQuoted(const QString &text)
{
    if (!text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('\n')) &&
        !text.contains(QLatin1Char('\r'))) {
        return text;
    }
    QString t = text;
    t.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + t + QLatin1Char('"');
}

std::optional<QString> writeCsv(QAbstractItemModel &model, QIODevice &out)
{
    while (model.canFetchMore({})) {
        model.fetchMore({});
    }
    const auto writeLine = [&out](const QStringList &fields) {
        const QByteArray line = fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
        return out.write(line) == line.size();
    };
    QStringList fields;
    for (int c = 0; c < model.columnCount(); ++c) {
        fields << csvField(model.headerData(c, Qt::Horizontal).toString());
    }
    bool ok = writeLine(fields);
    for (int r = 0; ok && r < model.rowCount(); ++r) {
        fields.clear();
        for (int c = 0; c < model.columnCount(); ++c) {
            fields << csvField(model.index(r, c).data().toString());
        }
        ok = writeLine(fields);
    }
    if (!ok) {
        return QCoreApplication::translate("CsvExport", "Writing the CSV file failed: %1").arg(out.errorString());
    }
    return std::nullopt;
}

} // namespace meshlens::models
