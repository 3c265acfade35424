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

    // Runs first: an explicit English choice stays English on a German system, with English plural forms.
    void explicitEnglish_staysEnglish_withItsPluralForms()
    {
        QCOMPARE(ui::installTranslations(u"en"_s), u"en"_s);
        QCOMPARE(menuTitles(), (QStringList{u"&File"_s, u"&Go"_s, u"S&ources"_s, u"&Help"_s}));
        QCOMPARE(QCoreApplication::translate("meshlens::ui::SearchPage", "%Ln product(s) in the catalog", nullptr, 1),
                 u"1 product in the catalog"_s);
        QCOMPARE(QCoreApplication::translate("meshlens::ui::SearchPage", "%Ln product(s) in the catalog", nullptr, 300),
                 u"300 products in the catalog"_s);
        QCOMPARE(QCoreApplication::translate("meshlens::ui::SourcesMenu", "⚠ %n problems", nullptr, 1),
                 u"⚠ 1 problem"_s);
        // A language MeshLens has no translation for is English too.
        QCOMPARE(ui::installTranslations(u"fr"_s), u"en"_s);
    }

    // Every plural message has English forms (meshlens_en.ts is kept by hand), and none shows "(s)".
    void englishPluralForms_coverEveryPluralMessage()
    {
        const auto pluralMessages = [](const QString &path) {
            QFile file(path);
            QList<std::pair<QByteArray, QByteArray>> messages;
            if (!file.open(QIODevice::ReadOnly)) {
                return messages;
            }
            QXmlStreamReader xml(&file);
            QByteArray context;
            bool numerus = false;
            while (!xml.atEnd()) {
                if (xml.readNext() != QXmlStreamReader::StartElement) {
                    continue;
                }
                if (xml.name() == "name"_L1) {
                    context = xml.readElementText().toUtf8();
                } else if (xml.name() == "message"_L1) {
                    numerus = xml.attributes().value("numerus"_L1) == "yes"_L1;
                } else if (xml.name() == "source"_L1 && numerus) {
                    messages.push_back({context, xml.readElementText().toUtf8()});
                }
            }
            return messages;
        };
        const auto german =
            pluralMessages(QStringLiteral(MESHLENS_SOURCE_DIR "/resources/translations/meshlens_de.ts"));
        const auto english =
            pluralMessages(QStringLiteral(MESHLENS_SOURCE_DIR "/resources/translations/meshlens_en.ts"));
        QVERIFY(german.size() > 30);
        QStringList missing, unchosen;
        for (const auto &m : german) {
            if (!english.contains(m)) {
                missing << QString::fromUtf8(m.second);
            }
            // What the window shows with the English translation installed (by the test above).
            for (const int n : {1, 2}) {
                const QString shown =
                    QCoreApplication::translate(m.first.constData(), m.second.constData(), nullptr, n);
                if (shown.contains("(s)"_L1) || shown.contains("(es)"_L1)) {
                    unchosen << shown;
                }
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(u"no English plural forms: "_s + missing.join(u" | "_s)));
        QVERIFY2(unchosen.isEmpty(), qPrintable(u"plural not chosen: "_s + unchosen.join(u" | "_s)));
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
