// Sources in the window, driven as a user would: the Sources menu's actions by name, widgets by objectName. Dialogs
// open non-modally and come through SourcesMenu's dialog hook, where the test installs its seams (a fake source
// kind for OpenMetadata-like behaviour, the confirmations, the token prompt). With MESHLENS_SCREENSHOT_DIR set, the
// Add Source dialog, the Sources dialog and the problems panel are saved there as PNGs.

#include "models/search/searchengine.h"
#include "models/sources/credentials.h"
#include "models/sources/sourcecatalog.h"
#include "models/store/catalogreader.h"
#include "models/sync/synccontroller.h"
#include "support/appwindow.h"
#include "support/fakeopenmetadata.h"
#include "support/testsupport.h"
#include "support/uitestsupport.h"
#include "ui/addsourcedialog.h"
#include "ui/mainwindow.h"
#include "ui/searchpage.h"
#include "ui/sourceproblemsview.h"
#include "ui/sourcesdialog.h"
#include "ui/sourcesmenu.h"
#include "ui/tokenprompt.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUrl>

#include <thread>

using namespace meshlens;
using test::find;
using test::screenshot;
using test::trigger;

namespace {

// A source of the "openmetadata" kind as the tests need it: plain HTTP to another host warns, the probe answers
// what it was told (or waits for its cancel), and it reads its token from the environment's store.
class FakeServerSource final : public models::Source
{
public:
    FakeServerSource(QString uri, models::CredentialStore *credentials)
        : m_uri(std::move(uri))
        , m_credentials(credentials)
    {}
    [[nodiscard]] QString kind() const override { return QStringLiteral("openmetadata"); }
    [[nodiscard]] QString uri() const override { return m_uri; }
    [[nodiscard]] QString warning() const override
    {
        const QUrl url(m_uri.mid(QStringLiteral("openmetadata+").size()));
        return url.scheme() == QLatin1String("http") && url.host() != QLatin1String("127.0.0.1")
                   ? QStringLiteral("Plain HTTP to %1: the token and the catalog travel unencrypted.").arg(url.host())
                   : QString();
    }
    [[nodiscard]] Probe probe(const std::atomic<bool> &cancel) override
    {
        if (m_uri.contains(QLatin1String("slow"))) {
            while (!cancel.load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            return {false, QStringLiteral("cancelled")};
        }
        const auto token = m_credentials ? m_credentials->read(m_uri).secret : std::nullopt;
        if (!token || *token != QLatin1String("good-token")) {
            return {false, QStringLiteral("HTTP 401 from %1: the server rejected the token").arg(m_uri)};
        }
        return {true, QStringLiteral("OpenMetadata 1.9.2")};
    }
    [[nodiscard]] std::optional<QString> read(models::ReadContext &) override { return QStringLiteral("not here"); }

private:
    QString m_uri;
    models::CredentialStore *m_credentials;
};

models::SourceRegistry::Opened fakeOpen(const QString &text, const models::SourceEnvironment &env)
{
    if (text.startsWith(QLatin1String("openmetadata+"))) {
        return {std::make_unique<FakeServerSource>(text, env.credentials), {}};
    }
    return models::SourceRegistry::open(text, env);
}

} // namespace

class TestSourcesUi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    struct Credentials
    {
        models::MemoryCredentialStore credentials;
    };
    // The credentials come first: they outlive the window and the sync that read them.
    struct Fixture : Credentials, test::AppWindow
    {
        QString dbPath, bundle;
        QList<QDialog *> dialogs; // every dialog SourcesMenu opened, in order
        QStringList confirmations;
        bool answer = true;

        ui::SourcesMenu *menu() const { return window->sourcesMenu(); }
    };

    // fakeKinds: "openmetadata+" addresses open the test's FakeServerSource; else every address the real registry.
    std::unique_ptr<Fixture> makeWindow(bool fakeKinds = true)
    {
        auto f = std::make_unique<Fixture>();
        f->dbPath = m_dir.filePath(QStringLiteral("ui%1.db").arg(++m_n));
        f->bundle = m_dir.filePath(QStringLiteral("ui%1.ndjson").arg(m_n));
        QByteArray bundle = test::sampleBundle();
        bundle.replace("\"source\":\"test\"", "\"source\":\"Shop catalog\"");
        if (!test::writeFile(f->bundle, bundle) || !test::syncNow(f->dbPath, f->bundle).ok ||
            !test::openAppWindow(*f, f->dbPath, &f->credentials)) {
            return nullptr;
        }
        f->sync->setEnvironment({&f->credentials});
        f->window->resize(1200, 760);
        Fixture *raw = f.get();
        if (fakeKinds) {
            f->menu()->setOpener(fakeOpen);
        }
        f->menu()->setDialogHook([raw](QDialog *dialog) {
            raw->dialogs << dialog;
            if (auto *sources = qobject_cast<ui::SourcesDialog *>(dialog)) {
                sources->setConfirm([raw](QWidget *, const QString &question) {
                    raw->confirmations << question;
                    return raw->answer;
                });
            }
        });
        f->window->show();
        return f;
    }

    static ui::AddSourceDialog *openAddSource(Fixture &f)
    {
        trigger(f.window.get(), "actionAddSource");
        return find<ui::AddSourceDialog>(f.window.get(), "addSourceDialog");
    }

    static void clickOk(QDialog *dialog)
    {
        auto *buttons = find<QDialogButtonBox>(dialog, "buttons");
        QVERIFY(buttons);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void addBundle_throughTheDialog_testsAndSyncsIt()
    {
        auto f = makeWindow();
        QVERIFY(f);
        const QString second = m_dir.filePath(QStringLiteral("quality%1.ndjson").arg(m_n));
        QVERIFY(test::writeFile(second, test::qualityBundle()));
        auto *dialog = openAddSource(*f);
        QVERIFY(dialog);
        auto *kind = find<QComboBox>(dialog, "kindCombo");
        auto *address = find<QLineEdit>(dialog, "addressEdit");
        auto *token = find<QLineEdit>(dialog, "tokenEdit");
        auto *browse = find<QPushButton>(dialog, "browseButton");
        auto *result = find<QLabel>(dialog, "probeResult");
        QVERIFY(kind && address && token && browse && result);
        QCOMPARE(kind->currentIndex(), 0); // a bundle
        QVERIFY(token->isHidden());        // bundles take no token
        QVERIFY(browse->isVisible());

        dialog->setBrowse([second](QWidget *, ui::AddSourceDialog::Kind k) {
            return k == ui::AddSourceDialog::Kind::Bundle ? second : QString();
        });
        QTest::mouseClick(browse, Qt::LeftButton);
        QCOMPARE(address->text(), second);
        QVERIFY(find<QLabel>(dialog, "warningLabel")->isHidden());

        QTest::mouseClick(find<QPushButton>(dialog, "testButton"), Qt::LeftButton);
        QTRY_VERIFY(result->text().startsWith(QStringLiteral("✓")));
        screenshot(dialog, "add-source-bundle.png");

        QSignalSpy finished(f->sync, &models::SyncController::finished);
        clickOk(dialog);
        QTRY_COMPARE(finished.count(), 1);
        const auto r = finished.first().first().value<models::SyncResult>();
        QVERIFY2(r.ok, qPrintable(r.error));
        const QList<models::SourceSummary> sources = models::SourceCatalog(f->db).sources();
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources[0].products, 3);
        QCOMPARE(sources[1].products, 3);
        QCOMPARE(sources[1].state.uri, QUrl::fromLocalFile(second).toString());
    }

    void openMetadataServer_addedTestedSynced_andARefusedTokenIsAskedFor()
    {
        test::FakeOpenMetadata server({QStringLiteral("1.9.2"), QStringLiteral("good-token")});
        QCOMPARE(server.start(), QString());
        auto f = makeWindow(false); // the real OpenMetadata source, against the fake server
        auto *dialog = openAddSource(*f);
        QVERIFY(dialog);
        auto *address = find<QLineEdit>(dialog, "addressEdit");
        auto *token = find<QLineEdit>(dialog, "tokenEdit");
        auto *warning = find<QLabel>(dialog, "warningLabel");
        auto *result = find<QLabel>(dialog, "probeResult");
        find<QComboBox>(dialog, "kindCombo")->setCurrentIndex(1);

        // The source's own warning: plain HTTP to another host, not to this one.
        address->setText(QStringLiteral("http://catalog.example.com:8585"));
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QLatin1String("plain HTTP")), qPrintable(warning->text()));
        address->setText(server.address());
        QVERIFY(warning->isHidden());

        token->setText(QStringLiteral("wrong"));
        QTest::mouseClick(find<QPushButton>(dialog, "testButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✗")), 20000);
        QVERIFY2(result->text().contains(QLatin1String("HTTP 401")), qPrintable(result->text()));
        QVERIFY2(!result->text().contains(QLatin1String("wrong")), qPrintable(result->text())); // never the token
        token->setText(QStringLiteral("good-token"));
        QTest::mouseClick(find<QPushButton>(dialog, "testButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(result->text(), QStringLiteral("✓ OpenMetadata 1.9.2"), 20000);

        QSignalSpy finished(f->sync, &models::SyncController::finished);
        clickOk(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        auto r = finished.last().first().value<models::SyncResult>();
        QVERIFY2(r.ok, qPrintable(r.error));
        const auto om = models::SourceCatalog(f->db).source(server.address());
        QVERIFY(om);
        QCOMPARE(om->state.kind, QStringLiteral("openmetadata"));
        QVERIFY(om->entries > 0);
        QCOMPARE(f->credentials.read(server.address()).secret, std::optional<QString>(QStringLiteral("good-token")));
        auto *results = find<QAbstractItemView>(f->window.get(), "resultsView");
        f->window->searchPage()->setQuery(QStringLiteral("source:openmetadata"));
        QTRY_COMPARE(results->model()->rowCount(), static_cast<int>(om->entries)); // the bundle's 3 filtered out
        screenshot(f->window.get(), "openmetadata-catalog.png");

        // The stored token expires: the next sync is refused, MeshLens asks once, and syncs again with the answer.
        QVERIFY(!f->credentials.write(server.address(), QStringLiteral("expired")));
        QStringList asked;
        f->menu()->setTokenPrompt([&](QWidget *parent, const QString &uri, const QString &reason) {
            asked << uri;
            const std::unique_ptr<QInputDialog> prompt(ui::tokenDialog(parent, uri, reason));
            prompt->show();
            screenshot(prompt.get(), "token-prompt.png");
            return std::optional<QString>(QStringLiteral("good-token"));
        });
        trigger(f->window.get(), "actionManageSources");
        auto *sources = find<ui::SourcesDialog>(f->window.get(), "sourcesDialog");
        auto *table = find<QTableWidget>(sources, "sourcesTable");
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, 1)->text() == server.address()) {
                table->selectRow(row);
            }
        }
        QVERIFY(find<QPushButton>(sources, "tokenButton")->isEnabled()); // an OpenMetadata source has a token
        QTest::mouseClick(find<QPushButton>(sources, "syncSourceButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 60000); // refused, then synced again
        r = finished.at(1).first().value<models::SyncResult>();
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QLatin1String("HTTP 401")), qPrintable(r.error));
        QCOMPARE(asked, QStringList{server.address()});
        r = finished.at(2).first().value<models::SyncResult>();
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(f->credentials.read(server.address()).secret, std::optional<QString>(QStringLiteral("good-token")));

        // Edit Token… replaces it in the credential store.
        sources->setTokenPrompt([](QWidget *, const QString &, const QString &) {
            return std::optional<QString>(QStringLiteral("rotated-token"));
        });
        QTest::mouseClick(find<QPushButton>(sources, "tokenButton"), Qt::LeftButton);
        QCOMPARE(f->credentials.read(server.address()).secret, std::optional<QString>(QStringLiteral("rotated-token")));
    }

    void contractsFolder_added_syncs_andItsProblemsShowInThePanel()
    {
        auto f = makeWindow(false);
        QVERIFY(f);
        const QString folder = m_dir.filePath(QStringLiteral("contracts%1").arg(m_n));
        QVERIFY(test::writeFile(folder + QStringLiteral("/orders.odcs.yaml"), QByteArrayLiteral(R"(apiVersion: v3.0.0
kind: DataContract
id: orders-contract
name: Orders
version: 1.0.0
status: active
domain: sales
dataProduct: orders
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: integer
)")));
        QVERIFY(test::writeFile(folder + QStringLiteral("/broken.odcs.yaml"),
                                QByteArrayLiteral("apiVersion: v3.0.0\nkind: DataContract\nid: [unclosed\n")));
        auto *dialog = openAddSource(*f);
        find<QComboBox>(dialog, "kindCombo")->setCurrentIndex(2);
        dialog->setBrowse([folder](QWidget *, ui::AddSourceDialog::Kind k) {
            return k == ui::AddSourceDialog::Kind::Contracts ? folder : QString();
        });
        QTest::mouseClick(find<QPushButton>(dialog, "browseButton"), Qt::LeftButton);
        QCOMPARE(find<QLineEdit>(dialog, "addressEdit")->text(), folder);
        QTest::mouseClick(find<QPushButton>(dialog, "testButton"), Qt::LeftButton);
        auto *result = find<QLabel>(dialog, "probeResult");
        QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✓")), 20000);

        QSignalSpy finished(f->sync, &models::SyncController::finished);
        clickOk(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const auto r = finished.first().first().value<models::SyncResult>();
        QVERIFY2(r.ok, qPrintable(r.error));
        const QList<models::SourceSummary> sources = models::SourceCatalog(f->db).sources();
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources[1].state.kind, QStringLiteral("contracts"));
        QVERIFY(sources[1].entries >= 1);
        QVERIFY(sources[1].problems >= 1);

        // The broken file is a problem of the folder, reachable from the status bar.
        auto *indicator = find<QToolButton>(f->window.get(), "problemsIndicator");
        QTRY_VERIFY(indicator->isVisible());
        QTest::mouseClick(indicator, Qt::LeftButton);
        auto *table = find<QTableWidget>(f->window.get(), "problemsTable");
        bool listed = false;
        for (int row = 0; row < table->rowCount(); ++row) {
            listed = listed ||
                     (table->item(row, 2)->text().endsWith(QLatin1String("broken.odcs.yaml")) &&
                      table->item(row, 0)->text() == QLatin1String("Error") && table->item(row, 3)->text().toInt() > 0);
        }
        QVERIFY2(listed, "broken.odcs.yaml is listed as an error with its line");
    }

    void testConnection_failure_isShownInline()
    {
        auto f = makeWindow();
        QVERIFY(f);
        auto *dialog = openAddSource(*f);
        find<QLineEdit>(dialog, "addressEdit")->setText(m_dir.filePath(QStringLiteral("missing.ndjson")));
        QTest::mouseClick(find<QPushButton>(dialog, "testButton"), Qt::LeftButton);
        auto *result = find<QLabel>(dialog, "probeResult");
        QTRY_VERIFY(result->text().startsWith(QStringLiteral("✗")));
        QVERIFY2(result->text().contains(QLatin1String("missing.ndjson")), qPrintable(result->text()));

        // OK with an address that does not open keeps the dialog, says why, and starts nothing.
        QSignalSpy requested(f->menu(), &ui::SourcesMenu::syncRequested);
        find<QComboBox>(dialog, "kindCombo")->setCurrentIndex(2); // a folder of contracts
        find<QLineEdit>(dialog, "addressEdit")->setText(f->bundle);
        clickOk(dialog);
        QVERIFY(find<ui::AddSourceDialog>(f->window.get(), "addSourceDialog"));
        QVERIFY2(result->text().startsWith(QStringLiteral("✗")), qPrintable(result->text()));
        QCOMPARE(requested.count(), 0);
    }

    void openMetadata_warnsForRemoteHttp_testsWithTheTypedToken_andStoresIt()
    {
        auto f = makeWindow();
        QVERIFY(f);
        auto *dialog = openAddSource(*f);
        auto *kind = find<QComboBox>(dialog, "kindCombo");
        auto *address = find<QLineEdit>(dialog, "addressEdit");
        auto *token = find<QLineEdit>(dialog, "tokenEdit");
        auto *warning = find<QLabel>(dialog, "warningLabel");
        auto *result = find<QLabel>(dialog, "probeResult");
        kind->setCurrentIndex(1);
        QVERIFY(token->isVisible());
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QVERIFY(find<QPushButton>(dialog, "browseButton")->isHidden());

        address->setText(QStringLiteral("http://catalog.example.com:8585"));
        QCOMPARE(dialog->address(), QStringLiteral("openmetadata+http://catalog.example.com:8585"));
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QLatin1String("Plain HTTP to catalog.example.com")),
                 qPrintable(warning->text()));
        address->setText(QStringLiteral("http://127.0.0.1:8585"));
        QVERIFY(warning->isHidden()); // loopback: no warning
        address->setText(QStringLiteral("catalog.example.com"));
        QCOMPARE(dialog->address(), QStringLiteral("openmetadata+https://catalog.example.com"));
        QVERIFY(warning->isHidden());
        address->setText(QStringLiteral("http://catalog.example.com:8585"));

        // The probe reads the token typed, before anything is stored.
        token->setText(QStringLiteral("wrong"));
        QTest::mouseClick(find<QPushButton>(dialog, "testButton"), Qt::LeftButton);
        QTRY_VERIFY(result->text().startsWith(QStringLiteral("✗")));
        QVERIFY2(result->text().contains(QLatin1String("HTTP 401")), qPrintable(result->text()));
        token->setText(QStringLiteral("good-token"));
        QTest::mouseClick(find<QPushButton>(dialog, "testButton"), Qt::LeftButton);
        QTRY_COMPARE(result->text(), QStringLiteral("✓ OpenMetadata 1.9.2"));
        QVERIFY(!f->credentials.read(dialog->address()).secret);
        screenshot(dialog, "add-source.png");

        QSignalSpy requested(f->menu(), &ui::SourcesMenu::syncRequested);
        clickOk(dialog);
        QCOMPARE(requested.count(), 1);
        const QString uri = QStringLiteral("openmetadata+http://catalog.example.com:8585");
        QCOMPARE(requested.first().first().toString(), uri);
        QCOMPARE(f->credentials.read(uri).secret, std::optional<QString>(QStringLiteral("good-token")));
        // Never in the settings.
        QSettings settings;
        for (const QString &key : settings.allKeys()) {
            QVERIFY2(!settings.value(key).toString().contains(QLatin1String("good-token")), qPrintable(key));
        }
        f->sync->cancel(); // the address leads nowhere: no need to wait for its retries
        QTRY_VERIFY_WITH_TIMEOUT(!f->sync->isRunning(), 30000);
    }

    void testConnection_canBeCancelled()
    {
        auto f = makeWindow();
        QVERIFY(f);
        auto *dialog = openAddSource(*f);
        find<QComboBox>(dialog, "kindCombo")->setCurrentIndex(1);
        find<QLineEdit>(dialog, "addressEdit")->setText(QStringLiteral("https://slow.example.com"));
        auto *test = find<QPushButton>(dialog, "testButton");
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(dialog->isProbing());
        QVERIFY2(test->text().contains(QLatin1String("Cancel")), qPrintable(test->text()));
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(!dialog->isProbing());
        QCOMPARE(find<QLabel>(dialog, "probeResult")->text(), QStringLiteral("Test cancelled."));
        QTest::qWait(50); // the worker's late answer is dropped
        QCOMPARE(find<QLabel>(dialog, "probeResult")->text(), QStringLiteral("Test cancelled."));
    }

    void manageSources_listsBoth_andRemovesOneWithConfirmation()
    {
        auto f = makeWindow();
        QVERIFY(f);
        const QString second = m_dir.filePath(QStringLiteral("quality%1.ndjson").arg(m_n));
        QByteArray quality = test::qualityBundle();
        quality.replace("\"source\":\"test\"", "\"source\":\"Quality exports\"");
        QVERIFY(test::writeFile(second, quality));
        QVERIFY(test::syncNow(f->dbPath, second).ok);

        trigger(f->window.get(), "actionManageSources");
        auto *dialog = find<ui::SourcesDialog>(f->window.get(), "sourcesDialog");
        QVERIFY(dialog);
        auto *table = find<QTableWidget>(dialog, "sourcesTable");
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Shop catalog"));
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("Quality exports"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("3"));
        QCOMPARE(table->item(1, 1)->text(), QUrl::fromLocalFile(second).toString());
        QVERIFY(!find<QPushButton>(dialog, "tokenButton")->isEnabled()); // bundles have no token
        screenshot(dialog, "sources.png");

        auto *results = find<QAbstractItemView>(f->window.get(), "resultsView");
        f->window->searchPage()->refresh(); // the second source was synced behind the window's back
        QTRY_COMPARE(results->model()->rowCount(), 6);

        // While a sync holds the writer, nothing can be removed.
        auto *remove = find<QPushButton>(dialog, "removeSourceButton");
        QVERIFY(remove->isEnabled());
        QSignalSpy finished(f->sync, &models::SyncController::finished);
        f->window->syncNow(second);
        QVERIFY(!remove->isEnabled());
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(remove->isEnabled());

        // Declined: nothing goes.
        table->selectRow(0);
        f->answer = false;
        QTest::mouseClick(find<QPushButton>(dialog, "removeSourceButton"), Qt::LeftButton);
        QCOMPARE(f->confirmations.size(), 1);
        QVERIFY2(f->confirmations.first().contains(QLatin1String("Shop catalog and its 3 products")),
                 qPrintable(f->confirmations.first()));
        QCOMPARE(models::SourceCatalog(f->db).sources().size(), 2);

        f->answer = true;
        QTest::mouseClick(find<QPushButton>(dialog, "removeSourceButton"), Qt::LeftButton);
        QVERIFY(dialog->isRemoving()); // on a worker: the window stays responsive
        QVERIFY(!remove->isEnabled());
        dialog->reject(); // not closed while it runs
        QVERIFY(find<ui::SourcesDialog>(f->window.get(), "sourcesDialog"));
        QTRY_VERIFY(!dialog->isRemoving());
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 1)->text(), QUrl::fromLocalFile(second).toString());
        const QList<models::SourceSummary> left = models::SourceCatalog(f->db).sources();
        QCOMPARE(left.size(), 1);
        QCOMPARE(models::SearchEngine(f->db).search(QStringLiteral("orders")).total, 0);
        QVERIFY(find<QLabel>(dialog, "sourcesStatus")->text().contains(QLatin1String("Removed")));
        QTRY_COMPARE(results->model()->rowCount(), 3); // the catalog page shows what is left
    }

    void removeSource_withUndeliveredOutbox_asksTwice()
    {
        auto f = makeWindow();
        QVERIFY(f);
        models::Outbox outbox(f->db);
        models::ProductEdit edit;
        edit.description = QStringLiteral("edited");
        QVERIFY(outbox.queueEdit(*f->reader->resolveProduct(QStringLiteral("sales.orders")), edit, 1'763'700'000).ok());
        trigger(f->window.get(), "actionManageSources");
        auto *dialog = find<ui::SourcesDialog>(f->window.get(), "sourcesDialog");
        find<QTableWidget>(dialog, "sourcesTable")->selectRow(0);
        // Yes to the removal, no to discarding the edit: nothing goes.
        int asked = 0;
        dialog->setConfirm([&asked](QWidget *, const QString &) { return ++asked == 1; });
        QTest::mouseClick(find<QPushButton>(dialog, "removeSourceButton"), Qt::LeftButton);
        QCOMPARE(asked, 2);
        QCOMPARE(models::SourceCatalog(f->db).sources().size(), 1);
        QCOMPARE(outbox.openCount(), 1);
        dialog->setConfirm([](QWidget *, const QString &) { return true; });
        QSignalSpy removed(dialog, &ui::SourcesDialog::sourceRemoved);
        QTest::mouseClick(find<QPushButton>(dialog, "removeSourceButton"), Qt::LeftButton);
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(models::SourceCatalog(f->db).sources().size(), 0);
        QCOMPARE(outbox.openCount(), 0);
    }

    void problemsPanel_listsStoredProblems_fromTheStatusBar()
    {
        auto f = makeWindow();
        QVERIFY(f);
        auto *indicator = find<QToolButton>(f->window.get(), "problemsIndicator");
        QVERIFY(indicator);
        QVERIFY(indicator->isHidden());
        const std::int64_t source = test::scalar(f->db, "SELECT min(id) FROM sources");
        models::Statement st = f->db.prepare("INSERT INTO source_problems(source_id, file, line, severity, message) "
                                             "VALUES (?1, ?2, ?3, ?4, ?5)");
        const auto insert = [&](const char *file, int line, const char *severity, const char *message) {
            st.reset();
            st.bind(1, source).bind(2, file).bind(3, line).bind(4, severity).bind(5, message);
            return st.exec();
        };
        QVERIFY(insert("orders.odcs.yaml", 12, "warning", "unknown unit \"fortnights\" in slaProperties"));
        QVERIFY(insert("broken.odcs.yaml", 3, "error", "not YAML: a tab where indentation was expected"));
        QVERIFY(insert("dup.odcs.yaml", 1, "error", "contract id \"orders\" is also defined in orders.odcs.yaml"));
        st = models::Statement();
        f->menu()->refreshProblems(); // as after a sync

        QVERIFY(indicator->isVisible());
        QVERIFY2(indicator->text().contains(QLatin1String("3 problems")), qPrintable(indicator->text()));
        auto *dock = find<QDockWidget>(f->window.get(), "sourceProblemsDock");
        QVERIFY(dock->isHidden());
        QTest::mouseClick(indicator, Qt::LeftButton);
        QVERIFY(dock->isVisible());
        auto *table = find<QTableWidget>(dock, "problemsTable");
        QCOMPARE(table->rowCount(), 3);
        // Errors first, by file.
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Error"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("broken.odcs.yaml"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("3"));
        QCOMPARE(table->item(0, 4)->text(), QStringLiteral("not YAML: a tab where indentation was expected"));
        QCOMPARE(table->item(2, 0)->text(), QStringLiteral("Warning"));
        QCOMPARE(table->item(2, 2)->text(), QStringLiteral("orders.odcs.yaml"));
        QCOMPARE(table->item(2, 1)->text(), QStringLiteral("Shop catalog")); // the source by its name
        auto *results = find<QAbstractItemView>(f->window.get(), "resultsView");
        QTRY_VERIFY(results->model()->rowCount() > 0); // the catalog behind the panel, for the picture
        screenshot(f->window.get(), "source-problems.png");

        // The problems go with their source.
        QVERIFY(models::SourceCatalog(f->db).remove(models::SourceCatalog(f->db).sources().first().state.uri).ok);
        f->menu()->refreshProblems();
        QCOMPARE(table->rowCount(), 0);
        QVERIFY(indicator->isHidden());
    }

    void refusedToken_isAskedOncePerSource_thenSyncsAgain()
    {
        auto f = makeWindow();
        QVERIFY(f);
        QStringList asked;
        f->menu()->setTokenPrompt([&asked](QWidget *, const QString &uri, const QString &reason) {
            asked << uri;
            [&] { QVERIFY2(reason.contains(QLatin1String("HTTP 401")), qPrintable(reason)); }();
            return std::optional<QString>(QStringLiteral("new-token"));
        });
        QSignalSpy requested(f->menu(), &ui::SourcesMenu::syncRequested);
        models::SyncResult refused;
        refused.source = QStringLiteral("openmetadata+http://127.0.0.1:1");
        refused.error = QStringLiteral("HTTP 401 from openmetadata+http://127.0.0.1:1: the server rejected the token; "
                                       "change it under Sources → Manage Sources…");
        Q_EMIT f->sync->finished(refused);
        QCOMPARE(asked, QStringList{refused.source});
        QCOMPARE(f->credentials.read(refused.source).secret, std::optional<QString>(QStringLiteral("new-token")));
        QCOMPARE(requested.count(), 1);
        Q_EMIT f->sync->finished(refused); // refused again: not asked again this session
        QCOMPARE(asked.size(), 1);
        QCOMPARE(requested.count(), 1);
        f->sync->cancel(); // the address leads nowhere: no need to wait for its retries
        QTRY_VERIFY_WITH_TIMEOUT(!f->sync->isRunning(), 30000);

        // A bundle refused over HTTP is not asked for a token; nor is any other failure.
        models::SyncResult bundle;
        bundle.source = QStringLiteral("http://127.0.0.1:1/catalog.ndjson");
        bundle.error = QStringLiteral("HTTP 403 from http://127.0.0.1:1/catalog.ndjson");
        Q_EMIT f->sync->finished(bundle);
        QCOMPARE(asked.size(), 1);
    }
};

QTEST_MAIN(TestSourcesUi)
#include "tst_sourcesui.moc"
