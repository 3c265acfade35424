// Drives the health views as a user would, by objectName and keyboard: Owners (role filter, My products),
// SLAs (search, state filter, calendar, export), Domains (worst products), the product's Health tab and the help.

#include "models/health/healthsnapshotloader.h"
#include "models/settings/appsettings.h"
#include "models/store/catalogreader.h"
#include "models/sync/synccontroller.h"
#include "support/appwindow.h"
#include "support/testsupport.h"
#include "ui/healthviews.h"
#include "ui/mainwindow.h"
#include "ui/slacalendar.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace meshlens;

class TestHealthViews : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::AppWindow m_app;
    ui::HealthViews *m_views = nullptr;
    QString m_savedTo;

    template<typename T> T *find(const char *name)
    {
        auto *w = m_app.window->findChild<T *>(QLatin1String(name));
        if (!w) {
            qWarning("no widget %s", name);
        }
        return w;
    }
    QWidget *currentPage() { return find<QStackedWidget>("pages")->currentWidget(); }
    QString productTitle() { return find<QLabel>("productTitle")->text(); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        models::AppSettings::setIdentity({});
        const QString dbPath = m_dir.filePath(QStringLiteral("views.db"));
        const QString bundle = m_dir.filePath(QStringLiteral("views.ndjson"));
        QVERIFY(test::syncBundle(dbPath, bundle, test::sampleBundle()));
        QVERIFY(test::openAppWindow(m_app, dbPath));
        m_views = m_app.window->healthViews();
        QVERIFY(m_views);
        m_views->context().savePrompt = [this](QWidget *, const QString &name) {
            m_savedTo = m_dir.filePath(name);
            return m_savedTo;
        };
        m_app.window->show();
    }

    void owners_roleFilter_drillDown_opensProduct()
    {
        QVERIFY(m_app.window->showPageTitled(QStringLiteral("Owners")));
        auto *owners = find<QTableView>("ownersView");
        QTRY_COMPARE(owners->model()->rowCount(), 5); // computed off-thread on first show
        QVERIFY(!find<QWidget>("ownersProgress")->isVisible());
        QVERIFY(find<QLabel>("ownersStatus")->text().contains(QLatin1String("3 products")));

        auto *role = find<QComboBox>("ownersRole");
        role->setCurrentIndex(role->findText(QStringLiteral("Expert")));
        QCOMPARE(owners->model()->rowCount(), 1);
        QCOMPARE(owners->model()->index(0, 0).data().toString(), QStringLiteral("Alan Turing"));
        auto *products = find<QTableView>("ownerProductsView");
        QCOMPARE(products->model()->rowCount(), 1);
        QCOMPARE(products->model()->index(0, 0).data().toString(), QStringLiteral("Daily Revenue"));
        QVERIFY(find<QLabel>("ownerProductsTitle")->text().contains(QLatin1String("Alan Turing")));

        // Keyboard: Enter in the owners table moves to their products, Enter there opens the product page.
        owners->setFocus();
        QTest::keyClick(owners, Qt::Key_Return);
        QVERIFY(products->hasFocus());
        QTest::keyClick(products, Qt::Key_Return);
        QCOMPARE(currentPage()->objectName(), QStringLiteral("productPage"));
        QCOMPARE(productTitle(), QStringLiteral("Daily Revenue"));
        find<QAction>("actionBack")->trigger();
        QCOMPARE(currentPage()->objectName(), QStringLiteral("ownersPage"));
        role->setCurrentIndex(0);
        QCOMPARE(owners->model()->rowCount(), 5);
    }

    void owners_myProducts_usesTheIdentityPreference()
    {
        QVERIFY(m_app.window->showPageTitled(QStringLiteral("Owners")));
        auto *owners = find<QTableView>("ownersView");
        QTRY_COMPARE(owners->model()->rowCount(), 5);
        auto *mine = find<QPushButton>("ownersMine");
        auto *identity = find<QLineEdit>("ownersIdentity");
        auto *message = find<QLabel>("ownersMessage");
        mine->click(); // no identity yet: says what to do
        QVERIFY(message->isVisible());
        QVERIFY(message->text().contains(QLatin1String("I am")));

        identity->setText(QStringLiteral("nobody@example.com"));
        Q_EMIT identity->editingFinished();
        QCOMPARE(owners->model()->rowCount(), 0);
        QVERIFY(message->text().contains(QLatin1String("nobody@example.com")));

        identity->setText(QStringLiteral("ada@example.com"));
        Q_EMIT identity->editingFinished();
        QCOMPARE(models::AppSettings::identity(), QStringLiteral("ada@example.com"));
        QCOMPARE(owners->model()->rowCount(), 1);
        QCOMPARE(owners->model()->index(0, 0).data().toString(), QStringLiteral("Ada Lovelace"));
        QVERIFY(!message->isVisible());
        QCOMPARE(find<QTableView>("ownerProductsView")->model()->index(0, 0).data().toString(),
                 QStringLiteral("Order Events"));
        mine->click();
        QCOMPARE(owners->model()->rowCount(), 5);
    }

    void sla_searchStateCalendarExport()
    {
        QVERIFY(m_app.window->showPageTitled(QStringLiteral("SLAs")));
        auto *view = find<QTableView>("slaView");
        QTRY_COMPARE(view->model()->rowCount(), 2);
        QTRY_VERIFY(find<QLabel>("slaCount")->text().contains(QLatin1String("2 objective")));
        // Sorted by compliance, worst first: the orders freshness (75 %).
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("Order Events"));
        auto *calendar = find<ui::SlaCalendar>("slaCalendar");
        QTRY_COMPARE(calendar->rows().size(), size_t(1));
        QCOMPARE(calendar->rows()[0].label, QStringLiteral("freshness"));

        auto *search = find<QLineEdit>("slaSearch");
        QTest::keyClicks(search, QStringLiteral("daily revenue"));
        QTRY_COMPARE(view->model()->rowCount(), 1);
        QTRY_COMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("Daily Revenue"));
        QTRY_COMPARE(calendar->rows()[0].label, QStringLiteral("availability"));

        // Export what is shown: the filtered table.
        find<QAction>("slaExportAction")->trigger();
        QFile csv(m_savedTo);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith("Product,Domain,Objective,Target,Actual,Compliance"));
        QVERIFY(lines[1].startsWith("Daily Revenue,Finance,availability"));
        QVERIFY(find<QLabel>("slaCount")->text().contains(QLatin1String("Saved 1 row")));

        auto *state = find<QComboBox>("slaState");
        state->setCurrentIndex(state->findText(QStringLiteral("breached")));
        Q_EMIT state->activated(state->currentIndex());
        QTRY_COMPARE(view->model()->rowCount(), 0);
        QTRY_VERIFY(find<QLabel>("slaCount")->text().contains(QLatin1String("No objective")));
        state->setCurrentIndex(0);
        Q_EMIT state->activated(0);
        search->clear();
        QTRY_COMPARE(view->model()->rowCount(), 2);

        auto *owner = find<QLineEdit>("slaOwner");
        owner->setText(QStringLiteral("Finance Data"));
        Q_EMIT owner->editingFinished();
        QTRY_COMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("Daily Revenue"));

        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(productTitle(), QStringLiteral("Daily Revenue"));
        find<QAction>("actionBack")->trigger();
        owner->clear();
    }

    void domains_worstProducts()
    {
        QVERIFY(m_app.window->showPageTitled(QStringLiteral("Domains")));
        auto *domains = find<QTableView>("domainsView");
        QTRY_COMPARE(domains->model()->rowCount(), 2);
        // Sorted by health, worst first: Finance (54) before Sales (80).
        QCOMPARE(domains->model()->index(0, 0).data().toString(), QStringLiteral("Finance"));
        auto *worst = find<QTableView>("domainWorstView");
        QCOMPARE(worst->model()->rowCount(), 2);
        QCOMPARE(worst->model()->index(0, 0).data().toString(), QStringLiteral("Revenue Forecast"));
        domains->setCurrentIndex(domains->model()->index(1, 0));
        QCOMPARE(worst->model()->rowCount(), 1);
        QCOMPARE(worst->model()->index(0, 0).data().toString(), QStringLiteral("Order Events"));
        find<QPushButton>("domainsExport")->click();
        QFile csv(m_savedTo);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), 3);
    }

    void healthTab_showsScoreComponentsIncidents()
    {
        const auto id = m_app.reader->resolveProduct(QStringLiteral("finance.revenue"));
        QVERIFY(id);
        m_app.window->openProduct(*id);
        auto *tabs = find<QTabWidget>("productTabs");
        tabs->setCurrentWidget(find<QWidget>("healthTab"));
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("Health"));
        QVERIFY(find<QLabel>("healthScore")->text().contains(QLatin1String("61")));
        auto *components = find<QTreeWidget>("healthComponents");
        QCOMPARE(components->topLevelItemCount(), 4);
        QCOMPARE(components->topLevelItem(1)->text(1), QStringLiteral("0.0 %")); // quality: the check failed
        QCOMPARE(components->topLevelItem(3)->text(4), QStringLiteral("1 open"));
        auto *incidents = find<QTreeWidget>("healthIncidents");
        QCOMPARE(incidents->topLevelItemCount(), 1);
        QVERIFY(incidents->topLevelItem(0)->text(0).contains(QLatin1String("row count")));
        QCOMPARE(incidents->topLevelItem(0)->text(2), QStringLiteral("no rows for yesterday"));
        auto *slas = find<QTreeWidget>("healthSlaTable");
        QCOMPARE(slas->topLevelItemCount(), 1);
        QCOMPARE(slas->topLevelItem(0)->text(1), QStringLiteral("≥ 99.5 %"));
        auto *checks = find<QTreeWidget>("healthChecksTable");
        QCOMPARE(checks->topLevelItemCount(), 1);
        QCOMPARE(checks->topLevelItem(0)->text(2), QStringLiteral("0.0 %"));
        QCOMPARE(checks->topLevelItem(0)->text(4), QStringLiteral("FAILED"));
        QVERIFY(find<QLabel>("healthFormula")->text().contains(QLatin1String("40% S")));
        QCOMPARE(find<ui::SlaCalendar>("healthCalendar")->rows().size(), size_t(1));
    }

    void help_explainsTheScore_windowChangeRecomputes()
    {
        find<QAction>("actionHealthHelp")->trigger();
        auto *help = m_app.window->findChild<QDialog *>(QStringLiteral("healthScoreHelp"));
        QVERIFY(help && help->isVisible());
        QVERIFY(help->findChild<QLabel *>()->text().contains(QLatin1String("Open incidents")));
        help->close();

        QVERIFY(m_app.window->showPageTitled(QStringLiteral("Domains")));
        auto *window = find<QComboBox>("domainsWindow");
        window->setCurrentIndex(window->findData(7));
        Q_EMIT window->activated(window->currentIndex());
        QTRY_VERIFY(!m_views->context().loader->isLoading());
        QCOMPARE(m_views->context().loader->snapshot()->policy.windowDays, 7);
        QCOMPARE(find<QComboBox>("slaWindow")->currentData().toInt(), 7); // every view follows
        QVERIFY(find<QLabel>("healthFormula")->text().contains(QLatin1String("last 7 days")));
    }
};

QTEST_MAIN(TestHealthViews)
#include "tst_healthviews.moc"
