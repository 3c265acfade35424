#include "deeplink.h"

#include <QUrl>
#include <cctype>

namespace meshlens::models {

namespace {

const QString kScheme = QStringLiteral("meshlens");

// C0 and C1 controls, DEL, and the bidirectional overrides and isolates that make a link read other than it is.
bool hasControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) ||
            u == 0x200e || u == 0x200f || u == 0x061c) {
            return true;
        }
    }
    return false;
}

std::optional<DeepLink> refuse(QString *error, const QString &why)
{
    if (error) {
        *error = why;
    }
    return std::nullopt;
}

// The percent-decoded text, or nothing when the encoding is broken or decodes to something not UTF-8.
std::optional<QString> decode(const QString &encoded)
{
    for (qsizetype i = encoded.indexOf(QLatin1Char('%')); i >= 0; i = encoded.indexOf(QLatin1Char('%'), i + 1)) {
        if (i + 2 >= encoded.size() || !isxdigit(encoded.at(i + 1).toLatin1()) ||
            !isxdigit(encoded.at(i + 2).toLatin1())) {
            return std::nullopt;
        }
    }
    const QByteArray bytes = QByteArray::fromPercentEncoding(encoded.toUtf8());
    const QString decoded = QString::fromUtf8(bytes);
    if (decoded.toUtf8() != bytes) {
        return std::nullopt; // invalid UTF-8 was replaced by U+FFFD
    }
    return decoded;
}

} // namespace

bool DeepLink::looksLikeLink(const QString &argument)
{
    return argument.startsWith(kScheme + QLatin1Char(':'), Qt::CaseInsensitive);
}

std::optional<DeepLink> DeepLink::parse(const QString &text, QString *error)
{
    if (text.size() > kMaxLinkLength) {
        return refuse(error,
                      tr("The link is too long (%1 characters; at most %2).").arg(text.size()).arg(kMaxLinkLength));
    }
    if (hasControlCharacter(text)) {
        return refuse(error, tr("The link contains control characters."));
    }
    if (!looksLikeLink(text)) {
        return refuse(error, tr("Not a MeshLens link: it must start with meshlens://"));
    }
    if (!text.mid(kScheme.size() + 1).startsWith(QLatin1String("//"))) {
        return refuse(error, tr("Not a MeshLens link: meshlens: must be followed by //"));
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        return refuse(error, tr("The link is malformed: %1").arg(url.errorString()));
    }
    if (!url.userInfo().isEmpty() || text.section(QLatin1Char('/'), 2, 2).contains(QLatin1Char('@'))) {
        return refuse(error, tr("The link carries a user name or password, which MeshLens links never do."));
    }
    if (url.port() != -1) {
        return refuse(error, tr("The link names a port, which MeshLens links never do."));
    }
    if (url.hasFragment()) {
        return refuse(error, tr("The link has a #fragment, which MeshLens links never do."));
    }
    const QString host = url.host(QUrl::FullyEncoded).toLower();
    DeepLink link;
    if (host == QLatin1String("product")) {
        if (url.hasQuery()) {
            return refuse(error, tr("A product link takes no ?parameters."));
        }
        const QString path = url.path(QUrl::FullyEncoded);
        const auto target = decode(path.mid(1));
        if (!target) {
            return refuse(error, tr("The link's percent-encoding is broken."));
        }
        if (target->trimmed().isEmpty()) {
            return refuse(error, tr("The product link names no product: meshlens://product/<id or FQN>"));
        }
        link.kind = Kind::Product;
        link.target = *target;
    } else if (host == QLatin1String("search")) {
        if (!url.path().isEmpty() && url.path() != QLatin1String("/")) {
            return refuse(error, tr("A search link has no path: meshlens://search?q=<query>"));
        }
        std::optional<QString> query;
        const QStringList items = url.query(QUrl::FullyEncoded).split(QLatin1Char('&'), Qt::SkipEmptyParts);
        for (const QString &item : items) {
            const QString key = item.section(QLatin1Char('='), 0, 0);
            if (key != QLatin1String("q")) {
                return refuse(error, tr("A search link takes only q=, not %1=").arg(key.left(40)));
            }
            if (query) {
                return refuse(error, tr("A search link takes one q=."));
            }
            // Form encoding writes a space as +; a literal plus is %2B.
            QString value = item.section(QLatin1Char('='), 1);
            value.replace(QLatin1Char('+'), QLatin1Char(' '));
            query = decode(value);
            if (!query) {
                return refuse(error, tr("The link's percent-encoding is broken."));
            }
        }
        if (!query || query->trimmed().isEmpty()) {
            return refuse(error, tr("The search link has no query: meshlens://search?q=<query>"));
        }
        link.kind = Kind::Search;
        link.target = *query;
    } else {
        return refuse(error, tr("Unknown kind of MeshLens link \"%1\": expected meshlens://product/… or "
                                "meshlens://search?q=…")
                                 .arg(host.left(40)));
    }
    if (hasControlCharacter(link.target)) {
        return refuse(error, tr("The link contains control characters."));
    }
    if (link.target.size() > kMaxTargetLength) {
        return refuse(error,
                      tr("The link's product or query is too long (at most %1 characters).").arg(kMaxTargetLength));
    }
    return link;
}

QString DeepLink::productLink(const QString &idOrFqn)
{
    return QStringLiteral("meshlens://product/") + QString::fromLatin1(QUrl::toPercentEncoding(idOrFqn, ".:~-_"));
}

QString DeepLink::searchLink(const QString &query)
{
    return QStringLiteral("meshlens://search?q=") + QString::fromLatin1(QUrl::toPercentEncoding(query, ".:~-_"));
}

QString DeepLink::toString() const
{
    return kind == Kind::Product ? productLink(target) : searchLink(target);
}

} // namespace meshlens::models
