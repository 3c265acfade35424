// The German translation: installed for the system's language (LANG=de_DE.UTF-8, LANGUAGE=de, as a German desktop
// sets them before MeshLens starts), not for an explicit English choice, and complete (no unfinished message in
// resources/translations/meshlens_de.ts, so a string added without a translation fails here).

#include "models/session/cachesession.h"
#include "support/testsupport.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QApplication>
#include <QFile>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace meshlens;
using namespace Qt::StringLiterals;

class TestTranslations final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QStringList menuTitles()
    {
        const auto session = test::openSession(m_dir.filePath(u"tr.db"_s));
        if (!session) {
            return {};
        }
        ui::MainWindow window({session.get()});
        QStringList titles;
        for (const QAction *menu : window.menuBar()->actions()) {
            titles << menu->text();
        }
        return titles;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QCOMPARE(qgetenv("LANGUAGE"), QByteArray("de")); // set by main() below, before the application existed
    }

    // Runs first: an explicit English choice installs nothing, even on a German system.
    void explicitEnglish_staysEnglish()
    {
        QCOMPARE(ui::installTranslations(u"en"_s), QString());
        QCOMPARE(menuTitles(), (QStringList{u"&File"_s, u"&Go"_s, u"S&ources"_s, u"&Help"_s}));
    }

    void systemLanguageGerman_menusAreGerman()
    {
        QVERIFY2(ui::installTranslations(QString()).startsWith(u"de"_s), "no German translation was installed");
        QCOMPARE(menuTitles(), (QStringList{u"&Datei"_s, u"&Gehe zu"_s, u"&Quellen"_s, u"&Hilfe"_s}));
        QCOMPARE(QCoreApplication::translate("meshlens::ui::PreferencesDialog", "Preferences"), u"Einstellungen"_s);
        // Plural forms come through too.
        QCOMPARE(QCoreApplication::translate("meshlens::ui::SearchPage", "%Ln product(s) in the catalog", nullptr, 1),
                 u"1 Produkt im Katalog"_s);
        QCOMPARE(QCoreApplication::translate("meshlens::ui::SearchPage", "%Ln product(s) in the catalog", nullptr, 300),
                 u"300 Produkte im Katalog"_s);
    }

    void translationFile_isComplete()
    {
        QFile file(QStringLiteral(MESHLENS_SOURCE_DIR "/resources/translations/meshlens_de.ts"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        int messages = 0;
        QStringList unfinished;
        QString source;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement) {
                continue;
            }
            if (xml.name() == "source"_L1) {
                source = xml.readElementText();
            } else if (xml.name() == "translation"_L1) {
                ++messages;
                const QString type = xml.attributes().value("type"_L1).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (type == "unfinished"_L1 || type == "vanished"_L1 || type == "obsolete"_L1 || text.isEmpty()) {
                    unfinished << source;
                }
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 500);
        QVERIFY2(unfinished.isEmpty(), qPrintable(u"not translated: "_s + unfinished.join(u" | "_s)));
    }
};

int main(int argc, char **argv)
{
    // What a German desktop session sets; read by QLocale::system() when the application starts.
    qputenv("LANG", "de_DE.UTF-8");
    qputenv("LANGUAGE", "de");
    qunsetenv("LC_ALL");
    qunsetenv("LC_MESSAGES");
    QApplication app(argc, argv);
    TestTranslations test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
