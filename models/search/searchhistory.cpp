#include "searchhistory.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace meshlens::models {

namespace {
constexpr const char *kSavedKey = "search.saved";
constexpr const char *kRecentKey = "search.recent";
} // namespace

SearchHistory::SearchHistory(Database &db)
    : m_db(db)
{}

QByteArray SearchHistory::read(const char *key) const
{
    Statement st = m_db.prepare("SELECT value FROM local_state WHERE key = ?1");
    st.bind(1, key);
    return st.next() ? st.text(0).toUtf8() : QByteArray();
}

std::optional<StoreError> SearchHistory::write(const char *key, const QByteArray &value)
{
    Statement st =
        m_db.prepare("INSERT INTO local_state(key, value, updated_at) VALUES (?1, ?2, ?3) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
    st.bind(1, key).bind(2, QString::fromUtf8(value)).bind(3, QDateTime::currentSecsSinceEpoch());
    if (!st.exec()) {
        return st.error() ? st.error() : std::optional<StoreError>(m_db.lastError());
    }
    return std::nullopt;
}

QList<SearchHistory::Saved> SearchHistory::saved() const
{
    QList<Saved> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(read(kSavedKey)).array()) {
        const QJsonObject o = v.toObject();
        out.push_back({o.value(QLatin1String("name")).toString(), o.value(QLatin1String("query")).toString()});
    }
    return out;
}

std::optional<StoreError> SearchHistory::save(const QString &name, const QString &query)
{
    const QString n = name.trimmed();
    if (n.isEmpty()) {
        return StoreError{QStringLiteral("A saved search needs a name.")};
    }
    QList<Saved> all = saved();
    bool replaced = false;
    for (Saved &s : all) {
        if (s.name.compare(n, Qt::CaseInsensitive) == 0) {
            s.query = query;
            replaced = true;
        }
    }
    if (!replaced) {
        all.push_back({n, query});
    }
    QJsonArray arr;
    for (const Saved &s : all) {
        arr.append(QJsonObject{{QStringLiteral("name"), s.name}, {QStringLiteral("query"), s.query}});
    }
    return write(kSavedKey, QJsonDocument(arr).toJson(QJsonDocument::Compact));
}

std::optional<StoreError> SearchHistory::remove(const QString &name)
{
    QJsonArray arr;
    for (const Saved &s : saved()) {
        if (s.name != name) {
            arr.append(QJsonObject{{QStringLiteral("name"), s.name}, {QStringLiteral("query"), s.query}});
        }
    }
    return write(kSavedKey, QJsonDocument(arr).toJson(QJsonDocument::Compact));
}

QStringList SearchHistory::recent() const
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(read(kRecentKey)).array()) {
        out << v.toString();
    }
    return out;
}

std::optional<StoreError> SearchHistory::addRecent(const QString &query)
{
    const QString q = query.trimmed();
    if (q.isEmpty()) {
        return std::nullopt;
    }
    QStringList all = recent();
    all.removeAll(q);
    all.prepend(q);
    while (all.size() > kMaxRecent) {
        all.removeLast();
    }
    return write(kRecentKey, QJsonDocument(QJsonArray::fromStringList(all)).toJson(QJsonDocument::Compact));
}

} // namespace meshlens::models
