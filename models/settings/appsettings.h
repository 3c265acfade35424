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

    // How often the window syncs its last source by itself, in hours; 0 (the default) is never.
    [[nodiscard]] static int syncIntervalHours();
    static void setSyncIntervalHours(int hours);

    // The interface language as a locale name ("en", "de"); empty (the default) follows the system. Read at start.
    [[nodiscard]] static QString language();
    static void setLanguage(const QString &language);

    // "light" or "dark"; anything else, and the default, follows the system's palette.
    [[nodiscard]] static QString theme();
    static void setTheme(const QString &theme);
};

} // namespace meshlens::models
