// Preferences, Help and About as the user reaches them: from the main window's menus by their standard keys.
// The dialog shows the saved settings and OK saves what was chosen (Cancel nothing); the window applies the sync
// schedule at once; Help lists the window's real shortcuts, the search syntax and the health score formula.

#include "models/session/cachesession.h"
#include "models/settings/appsettings.h"
#include "support/testsupport.h"
#include "ui/helpdialog.h"
#include "ui/mainwindow.h"
#include "ui/preferencesdialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>

using namespace meshlens;
using namespace Qt::StringLiterals;

class TestPreferencesDialog final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static void clickOk(QDialog *dialog)
    {
        auto *buttons = dialog->findChild<QDialogButtonBox *>(u"preferencesButtons"_s);
        QVERIFY(buttons);
        buttons->button(QDialogButtonBox::Ok)->click();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }
    void init() { QSettings().clear(); }

    void defaults_followTheSystemAndNeverSync()
    {
        QCOMPARE(models::AppSettings::syncIntervalHours(), 0);
        QCOMPARE(models::AppSettings::language(), QString());
        QCOMPARE(models::AppSettings::theme(), QString());
        // A hand-edited file with nonsense reads as the defaults.
        QSettings().setValue(u"sync/intervalHours"_s, -5);
        QSettings().setValue(u"ui/theme"_s, u"neon"_s);
        QCOMPARE(models::AppSettings::syncIntervalHours(), 0);
        QCOMPARE(models::AppSettings::theme(), QString());
    }

    void dialog_showsTheSettings_okSavesTheChoice()
    {
        models::AppSettings::setIdentity(u"ada@example.com"_s);
        models::AppSettings::setSyncIntervalHours(4);
        models::AppSettings::setLanguage(u"de"_s);
        models::AppSettings::setTheme(u"dark"_s);
        auto *dialog = new ui::PreferencesDialog;
        auto *identity = dialog->findChild<QLineEdit *>(u"preferencesIdentity"_s);
        auto *interval = dialog->findChild<QComboBox *>(u"preferencesSyncInterval"_s);
        auto *language = dialog->findChild<QComboBox *>(u"preferencesLanguage"_s);
        auto *theme = dialog->findChild<QComboBox *>(u"preferencesTheme"_s);
        QVERIFY(identity && interval && language && theme);
        QCOMPARE(identity->text(), u"ada@example.com"_s);
        QCOMPARE(interval->currentData().toInt(), 4);
        QCOMPARE(language->currentText(), u"Deutsch"_s);
        QCOMPARE(theme->currentData().toString(), u"dark"_s);
        QVERIFY(dialog->findChild<QLabel *>(u"preferencesRestartNote"_s)->text().contains(u"started again"_s));

        identity->setText(u"  grace@example.com "_s);
        interval->setCurrentIndex(interval->findData(24));
        language->setCurrentIndex(language->findData(QString()));
        theme->setCurrentIndex(theme->findData(u"light"_s));
        QSignalSpy saved(dialog, &ui::PreferencesDialog::saved);
        dialog->open();
        clickOk(dialog);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(models::AppSettings::identity(), u"grace@example.com"_s);
        QCOMPARE(models::AppSettings::syncIntervalHours(), 24);
        QCOMPARE(models::AppSettings::language(), QString());
        QCOMPARE(models::AppSettings::theme(), u"light"_s);
    }

    void dialog_cancelChangesNothing()
    {
        models::AppSettings::setSyncIntervalHours(12);
        auto *dialog = new ui::PreferencesDialog;
        auto *interval = dialog->findChild<QComboBox *>(u"preferencesSyncInterval"_s);
        interval->setCurrentIndex(interval->findData(0));
        dialog->open();
        dialog->findChild<QDialogButtonBox *>(u"preferencesButtons"_s)->button(QDialogButtonBox::Cancel)->click();
        QCOMPARE(models::AppSettings::syncIntervalHours(), 12);
    }

    void mainWindow_menusReachPreferencesHelpAndAbout()
    {
        const auto session = test::openSession(m_dir.filePath(u"prefs.db"_s));
        QVERIFY(session);
        ui::MainWindow window({session.get()});
        window.show();

        // Preferences: Ctrl+, (and the platform's key); OK applies the sync schedule at once.
        auto *preferences = window.findChild<QAction *>(u"actionPreferences"_s);
        QVERIFY(preferences);
        QVERIFY(preferences->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)));
        auto *timer = window.findChild<QTimer *>(u"autoSyncTimer"_s);
        QVERIFY(timer && !timer->isActive());
        preferences->trigger();
        auto *dialog = window.findChild<ui::PreferencesDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        auto *interval = dialog->findChild<QComboBox *>(u"preferencesSyncInterval"_s);
        interval->setCurrentIndex(interval->findData(1));
        clickOk(dialog);
        QVERIFY(timer->isActive());
        QCOMPARE(timer->interval(), 3600 * 1000);

        // "Sources and Tokens…" opens the window's Manage Sources dialog.
        preferences->trigger();
        dialog = nullptr;
        for (auto *d : window.findChildren<ui::PreferencesDialog *>()) {
            dialog = d->isVisible() ? d : dialog;
        }
        QVERIFY(dialog);
        dialog->findChild<QPushButton *>(u"preferencesSources"_s)->click();
        auto *sources = window.findChild<QDialog *>(u"sourcesDialog"_s);
        QVERIFY(sources && sources->isVisible());
        sources->close();
        dialog->close();

        // Help: F1 (HelpContents) opens the pages; the shortcuts are the window's own.
        auto *help = window.findChild<QAction *>(u"actionHelp"_s);
        QVERIFY(help);
        QVERIFY(help->shortcuts().contains(QKeySequence(Qt::Key_F1)));
        help->trigger();
        auto *helpDialog = window.findChild<ui::HelpDialog *>(u"helpDialog"_s);
        QVERIFY(helpDialog && helpDialog->isVisible());
        auto *shortcuts = helpDialog->findChild<QTreeWidget *>(u"helpShortcuts"_s);
        const auto rows = shortcuts->findItems(u"Preferences"_s, Qt::MatchExactly, 0);
        QCOMPARE(rows.size(), 1);
        QVERIFY2(
            rows.first()->text(1).contains(QKeySequence(Qt::CTRL | Qt::Key_Comma).toString(QKeySequence::NativeText)),
            qPrintable(rows.first()->text(1)));
        QCOMPARE(shortcuts->findItems(u"Sync"_s, Qt::MatchExactly, 0).size(), 1);
        window.findChild<QAction *>(u"actionSearchSyntaxHelp"_s)->trigger();
        auto *tabs = helpDialog->findChild<QTabWidget *>(u"helpTabs"_s);
        QCOMPARE(tabs->currentWidget()->objectName(), u"helpSearchSyntax"_s);
        QVERIFY(helpDialog->findChild<QTextBrowser *>(u"helpSearchSyntax"_s)->toPlainText().contains(u"has:sla"_s));
        QVERIFY(helpDialog->findChild<QLabel *>(u"helpHealthScore"_s)->text().contains(u"40"_s));

        QVERIFY(window.findChild<QAction *>(u"actionAbout"_s));
    }
};

QTEST_MAIN(TestPreferencesDialog)
#include "tst_preferencesdialog.moc"
