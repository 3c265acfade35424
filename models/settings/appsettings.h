#pragma once

#include <QByteArray>
#include <QString>

namespace meshlens::models {

// Typed access to the app's QSettings, with every default in one place. Never holds secrets: tokens live in
// the OS keychain. GUI thread.
class AppSettings final
{
public:
    [[nodiscard]] static QString lastSource();
    static void setLastSource(const QString &source);

    // Who "My products" means: a person's ext id or email (with OpenMetadata, the logged-in user later).
    [[nodiscard]] static QString identity();
    static void setIdentity(const QString &identity);

    [[nodiscard]] static QByteArray windowGeometry();
    static void setWindowGeometry(const QByteArray &geometry);

    // Who the user is in the catalog (a person's id or e-mail): the default contact on feedback. Empty: unknown.
    [[nodiscard]] static QString identity();
    static void setIdentity(const QString &identity);
};

} // namespace meshlens::models
