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

    [[nodiscard]] static QByteArray windowGeometry();
    static void setWindowGeometry(const QByteArray &geometry);

    // Who the user is in the catalog (a person's id or e-mail): whom "My products" means and the default contact on
    // feedback (with OpenMetadata, the logged-in user later). Empty: unknown.
    [[nodiscard]] static QString identity();
    static void setIdentity(const QString &identity);
};

} // namespace meshlens::models
