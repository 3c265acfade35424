#include "models/itemmodels/searchresultsmodel.h"
#include "models/links/deeplink.h"
#include "models/search/searchengine.h"
#include "models/search/searchhistory.h"
#include "models/search/searchservice.h"
#include "models/store/catalogreader.h"
#include "models/store/schema.h"
#include "models/sync/synccontroller.h"
#include "support/appwindow.h"
#include "support/testsupport.h"
#include "ui/cacheupdate.h"
#include "ui/mainwindow.h"
#include "ui/markdown.h"
#include "ui/productpage.h"
#include "ui/searchpage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace meshlens;

// Drives the shell as a user would: by objectName, keyboard and actions, never through a modal dialog.
class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    using Fixture = test::AppWindow;

    std::unique_ptr<Fixture> makeWindow(const QString &dbName, bool synced)
    {
        auto f = std::make_unique<Fixture>();
        const QString dbPath = m_dir.filePath(dbName);
        if (synced) {
            const QString bundle = m_dir.filePath(dbName + QStringLiteral(".ndjson"));
            if (!test::writeFile(bundle, test::sampleBundle()) || !test::syncNow(dbPath, bundle).ok) {
                return nullptr;
            }
        }
        if (!test::openAppWindow(*f, dbPath)) {
            return nullptr;
        }
        f->window->show();
        return f;
    }

    template<typename T> static T *find(QWidget *root, const char *name)
    {
        return root->findChild<T *>(QLatin1String(name));
    }

private:
    // Runs the asynchronous cache update to its end and returns what it reported.
    static QString updateCache(const QString &file)
    {
        ui::CacheUpdate update;
        QSignalSpy finished(&update, &ui::CacheUpdate::finished);
        update.start(file);
        if (!finished.wait(120000)) {
            return QStringLiteral("the update did not finish");
        }
        return finished.first().first().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void searchTyped_resultsListed_enterOpensProductPage()
    {
        auto f = makeWindow(QStringLiteral("shell.db"), true);
        QVERIFY(f);
        QWidget *w = f->window.get();
        auto *field = find<QLineEdit>(w, "searchField");
        auto *results = find<QTableView>(w, "resultsView");
        auto *pages = find<QStackedWidget>(w, "pages");
        QVERIFY(field && results && pages);
        QTRY_COMPARE(results->model()->rowCount(), 3); // empty query lists the catalog

        QTest::keyClicks(field, QStringLiteral("revenu"));
        QTRY_COMPARE(results->model()->rowCount(), 2); // Daily Revenue and Revenue Forecast
        QCOMPARE(results->model()->index(0, 0).data().toString(), QStringLiteral("Daily Revenue"));
        QTest::keyClick(field, Qt::Key_Return);

        auto *title = find<QLabel>(w, "productTitle");
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("productPage"));
        QCOMPARE(title->text(), QStringLiteral("Daily Revenue"));
        QVERIFY(w->windowTitle().startsWith(QLatin1String("Daily Revenue")));
        auto *description = find<ui::InertTextBrowser>(w, "productDescription");
        QVERIFY(description->toPlainText().contains(QLatin1String("Revenue per day")));

        // Follow lineage upstream, then come back with the Back action.
        auto *upstream = find<QListWidget>(w, "upstreamList");
        QCOMPARE(upstream->count(), 1);
        QCOMPARE(upstream->item(0)->text(), QStringLiteral("Order Events"));
        upstream->setCurrentRow(0);
        upstream->setFocus();
        QTest::keyClick(upstream, Qt::Key_Return);
        QCOMPARE(title->text(), QStringLiteral("Order Events"));
        find<QAction>(w, "actionBack")->trigger();
        QCOMPARE(title->text(), QStringLiteral("Daily Revenue"));
        find<QAction>(w, "actionBack")->trigger();
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("searchPage"));

        QCOMPARE(w->windowTitle(), QStringLiteral("MeshLens"));

        // Ctrl+K focuses the search from anywhere; Esc clears it.
        results->setFocus();
        find<QAction>(w, "actionFind")->trigger();
        QVERIFY(field->hasFocus());
        QTest::keyClick(field, Qt::Key_Escape);
        QVERIFY(field->text().isEmpty());
        QTRY_COMPARE(results->model()->rowCount(), 3);
    }

    void copyLink_thenOpenLink_showsTheSameProduct_hostileLinksAreRefusedWithAMessage()
    {
        auto f = makeWindow(QStringLiteral("links.db"), true);
        QVERIFY(f);
        ui::MainWindow *w = f->window.get();
        auto *field = find<QLineEdit>(w, "searchField");
        auto *results = find<QTableView>(w, "resultsView");
        auto *pages = find<QStackedWidget>(w, "pages");
        auto *title = find<QLabel>(w, "productTitle");

        // A search link fills the search field and shows its results.
        QVERIFY(w->openLink(models::DeepLink::searchLink(QStringLiteral("revenu"))));
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("searchPage"));
        QCOMPARE(field->text(), QStringLiteral("revenu"));
        QTRY_COMPARE(results->model()->rowCount(), 2);
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(title->text(), QStringLiteral("Daily Revenue"));

        // "Copy Link" puts the product's link on the clipboard; opening it elsewhere comes back to the product.
        QApplication::clipboard()->clear();
        find<QAction>(w, "actionCopyProductLink")->trigger();
        const QString link = QApplication::clipboard()->text();
        QVERIFY2(link.startsWith(QLatin1String("meshlens://product/")), qPrintable(link));
        find<QAction>(w, "actionBack")->trigger();
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("searchPage"));
        QVERIFY(w->openLink(link));
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("productPage"));
        QCOMPARE(title->text(), QStringLiteral("Daily Revenue"));

        // Refused links change nothing and say why.
        QVERIFY(!w->openLink(QStringLiteral("meshlens://user:secret@product/x")));
        QVERIFY2(w->statusBar()->currentMessage().contains(QLatin1String("user name or password")),
                 qPrintable(w->statusBar()->currentMessage()));
        QVERIFY(!w->openLink(QStringLiteral("meshlens://product/no-such-product")));
        QVERIFY2(w->statusBar()->currentMessage().contains(QLatin1String("no-such-product")),
                 qPrintable(w->statusBar()->currentMessage()));
        QCOMPARE(title->text(), QStringLiteral("Daily Revenue"));
    }

    void search_typoNotice_facetClick_savedAndRecentSearches()
    {
        auto f = makeWindow(QStringLiteral("facets.db"), true);
        QVERIFY(f);
        QWidget *w = f->window.get();
        auto *field = find<QLineEdit>(w, "searchField");
        auto *results = find<QTableView>(w, "resultsView");
        auto *facets = find<QTreeWidget>(w, "facetsView");
        auto *correction = find<QLabel>(w, "correctionLabel");
        QVERIFY(field && results && facets && correction);
        QTRY_COMPARE(results->model()->rowCount(), 3);
        QTRY_VERIFY(facets->topLevelItemCount() > 0); // facets of the whole catalog arrive after the results

        // A typo is corrected, and the page says so.
        QTest::keyClicks(field, QStringLiteral("forcast "));
        QTRY_VERIFY(correction->isVisible());
        QVERIFY(correction->text().contains(QLatin1String("forecast")));
        QCOMPARE(results->model()->rowCount(), 1);
        QCOMPARE(results->model()->index(0, 0).data().toString(), QStringLiteral("Revenue Forecast"));

        // Clicking a facet value adds its filter to the query.
        field->clear();
        QTRY_COMPARE(results->model()->rowCount(), 3);
        QTRY_VERIFY(!correction->isVisible());
        QTreeWidgetItem *finance = nullptr;
        QTRY_VERIFY((finance = [&]() -> QTreeWidgetItem * {
            for (int i = 0; i < facets->topLevelItemCount(); ++i) {
                for (int j = 0; j < facets->topLevelItem(i)->childCount(); ++j) {
                    QTreeWidgetItem *item = facets->topLevelItem(i)->child(j);
                    if (item->text(0).startsWith(QLatin1String("Finance  (2)"))) {
                        return item;
                    }
                }
            }
            return nullptr;
        }()));
        const QRect rect = facets->visualItemRect(finance);
        QTest::mouseClick(facets->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(field->text(), QStringLiteral("domain:finance "));
        QTRY_COMPARE(results->model()->rowCount(), 2);

        // Saved searches persist in the cache and come back through the Searches menu; opening a result records
        // a recent search.
        auto *page = find<ui::SearchPage>(w, "searchPage");
        QVERIFY(page->saveSearch(QStringLiteral("Finance products")));
        results->setFocus();
        QTest::keyClick(results, Qt::Key_Return);
        QCOMPARE(page->history().recent().value(0), QStringLiteral("domain:finance"));
        find<QAction>(w, "actionBack")->trigger();
        field->clear();
        QTRY_COMPARE(results->model()->rowCount(), 3);
        auto *menu = find<QMenu>(w, "searchesMenu");
        QMetaObject::invokeMethod(menu, "aboutToShow");
        QAction *saved = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->objectName() == QLatin1String("savedSearch") && a->text() == QLatin1String("Finance products")) {
                saved = a;
            }
        }
        QVERIFY(saved);
        saved->trigger();
        QCOMPARE(field->text(), QStringLiteral("domain:finance"));
        QTRY_COMPARE(results->model()->rowCount(), 2);
    }

    void partialFirstPage_saysSoFar_fetchesNothingUntilTheCompleteAnswer_andFacetsMakeTheCountExact()
    {
        auto f = makeWindow(QStringLiteral("partial.db"), true);
        QVERIFY(f);
        QWidget *w = f->window.get();
        auto *view = find<QTableView>(w, "resultsView");
        QTRY_COMPARE(view->model()->rowCount(), 3);
        auto *service = w->findChild<models::SearchService *>();
        QVERIFY(service);
        // The query in the field, without running it: the answers below stand for the worker's.
        auto *field = find<QLineEdit>(w, "searchField");
        field->blockSignals(true);
        field->setText(QStringLiteral("orders"));
        field->blockSignals(false);
        // The answers the worker sends for a query whose full-text scan outran the first page's budget.
        models::SearchResult partial;
        partial.hits = {models::SearchHit{}};
        partial.hits.front().product.extId = QStringLiteral("sales.orders");
        partial.total = 1;
        partial.totalCapped = true;
        partial.partial = true;
        Q_EMIT service->finished(1000, partial);
        QCOMPARE(view->model()->rowCount(), 1);
        QVERIFY(find<QLabel>(w, "resultCount")->text().contains(QLatin1String("so far")));
        // More rows would be the complete answer computed again, on this thread: it is on its way instead.
        QVERIFY(!view->model()->canFetchMore({}));
        models::SearchResult complete = partial;
        complete.partial = false;
        Q_EMIT service->finished(1000, complete);
        QVERIFY(find<QLabel>(w, "resultCount")->text().contains(QLatin1String("More than")));
        // Facets that counted a sample of the matches leave the count a bound; facets that counted every match
        // make it exact.
        models::SearchFacets sample;
        sample.counted = 1000;
        sample.sampled = true;
        Q_EMIT service->facetsReady(1000, sample);
        QVERIFY(find<QLabel>(w, "resultCount")->text().contains(QLatin1String("More than")));
        models::SearchFacets every;
        every.counted = 1234;
        Q_EMIT service->facetsReady(999, every); // an older query's facets say nothing of this one
        QVERIFY(find<QLabel>(w, "resultCount")->text().contains(QLatin1String("More than")));
        Q_EMIT service->facetsReady(1000, every);
        QCOMPARE(find<QLabel>(w, "resultCount")->text(),
                 QCoreApplication::translate("meshlens::ui::SearchPage", "%Ln match(es)", nullptr, 1234));
        // Complete, it fetches the rows after its first (the view asks: one row does not fill it).
        models::SearchEngine engine(f->db);
        const std::int64_t all = engine.search(QStringLiteral("orders")).total;
        QVERIFY(all > 1);
        QTRY_COMPARE(view->model()->rowCount(), all);
    }

    void noMatch_showsEmptyStateThatSaysSo()
    {
        auto f = makeWindow(QStringLiteral("nomatch.db"), true);
        QVERIFY(f);
        auto *field = find<QLineEdit>(f->window.get(), "searchField");
        QTest::keyClicks(field, QStringLiteral("zzzqqq"));
        auto *empty = find<QLabel>(f->window.get(), "emptyState");
        QTRY_VERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QLatin1String("zzzqqq")));
        QVERIFY(!find<QTableView>(f->window.get(), "resultsView")->isVisible());
    }

    void emptyCache_syncFromPrompt_fillsCatalogAndAsOf()
    {
        auto f = makeWindow(QStringLiteral("empty.db"), false);
        QVERIFY(f);
        QWidget *w = f->window.get();
        QTRY_VERIFY(find<QLabel>(w, "emptyState")->isVisible()); // searches run on a worker: the answer arrives
        QVERIFY(find<QLabel>(w, "emptyState")->text().contains(QLatin1String("empty")));
        QCOMPARE(find<QLabel>(w, "asOfLabel")->text(), QStringLiteral("Never synced"));

        const QString bundle = m_dir.filePath(QStringLiteral("prompted.ndjson"));
        QVERIFY(test::writeFile(bundle, test::sampleBundle()));
        f->window->setSourcePrompt([bundle](QWidget *) { return std::optional<QString>(bundle); });
        find<QAction>(w, "actionSyncFrom")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(find<QTableView>(w, "resultsView")->model()->rowCount(), 3, 20000);
        QTRY_VERIFY(find<QLabel>(w, "asOfLabel")->text().startsWith(QLatin1String("As of")));
        QVERIFY(!find<QAction>(w, "actionCancelSync")->isEnabled());
    }

    void failedSync_saysWhyAndKeepsCatalog()
    {
        auto f = makeWindow(QStringLiteral("failing.db"), true);
        QVERIFY(f);
        QWidget *w = f->window.get();
        const QString broken = m_dir.filePath(QStringLiteral("broken.ndjson"));
        QVERIFY(test::writeFile(broken, test::header("snapshot", "c9") + "not json at all\n"));
        f->window->syncNow(broken);
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(w, "asOfLabel")->text().contains(QLatin1String("failed")), 20000);
        QVERIFY(find<QLabel>(w, "asOfLabel")->text().contains(QLatin1String("line 2")));
        QCOMPARE(find<QTableView>(w, "resultsView")->model()->rowCount(), 3);
    }

    void olderCache_updatesBehindAProgressDialog_andCancelLeavesItAsItWas()
    {
        // A cache of this version marked as version 5, so opening it rebuilds its search index (a few seconds at
        // 5,000 products: time enough to press Cancel).
        QTemporaryDir dir;
        const QString file = test::generatedCache(dir.path(), 5000);
        QVERIFY(!file.isEmpty());
        QString before;
        {
            models::Database db;
            QVERIFY(!db.open(file));
            QVERIFY(!db.exec("PRAGMA user_version = 5"));
            before = test::dumpCatalog(db);
        }
        QString shown;
        const auto pressCancel = [&shown]() {
            auto *dialog = qobject_cast<QProgressDialog *>(QApplication::activeModalWidget());
            if (dialog && dialog->objectName() == QLatin1String("cacheUpdateDialog")) {
                shown = dialog->labelText();
                if (auto *cancel = dialog->findChild<QPushButton *>()) {
                    cancel->click();
                }
            }
        };
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &poll, pressCancel);
        poll.start(1);
        const QString cancelled = updateCache(file);
        poll.stop();
        QVERIFY2(shown.contains(QStringLiteral("5,000 products")), qPrintable(shown));
        QVERIFY2(cancelled.contains(QStringLiteral("cancelled")), qPrintable(cancelled));
        {
            models::Database db;
            QVERIFY(!db.open(file));
            QCOMPARE(models::Schema::version(db), 5);
            QCOMPARE(test::dumpCatalog(db), before);
        }
        // Started again and left alone, it finishes and the cache is current, its catalog unchanged.
        QCOMPARE(updateCache(file), QString());
        models::Database db;
        QVERIFY(!db.open(file));
        QCOMPARE(models::Schema::version(db), models::Schema::kCurrentVersion);
        QCOMPARE(test::dumpCatalog(db), before);
        QCOMPARE(test::scalar(db, "SELECT count(*) FROM entry_fts"), 5000);
    }

    void untrustedMarkdown_isRenderedInert()
    {
        ui::InertTextBrowser browser;
        browser.setUntrustedMarkdown(QStringLiteral("# Title\n\n<script>alert(1)</script>\n\n"
                                                    "![x](http://example.com/track.png) <img src=\"/etc/passwd\">"));
        QVERIFY(browser.toPlainText().contains(QLatin1String("<script>"))); // shown as text, not markup
        QVERIFY(browser.loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("/etc/passwd")))
                    .toByteArray()
                    .isEmpty());
        QVERIFY(browser.loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("http://example.com/x.png")))
                    .toByteArray()
                    .isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
