#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace meshlens::ui {

QString installTranslations(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // Owned by the application, which removes and deletes them with itself.
    auto *meshlens = new QTranslator(QCoreApplication::instance());
    // A language without a translation gets English, and English its plural forms ("1 product", not "1 product(s)").
    if (!meshlens->load(locale, QStringLiteral("meshlens"), QStringLiteral("_"), QStringLiteral(":/i18n")) &&
        !meshlens->load(QStringLiteral(":/i18n/meshlens_en.qm"))) {
        delete meshlens;
        return {};
    }
    QCoreApplication::installTranslator(meshlens);
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    } else {
        delete qt; // qt6-translations-l10n is not installed: Qt's own dialogs stay English
    }
    return meshlens->language();
}

} // namespace meshlens::ui
