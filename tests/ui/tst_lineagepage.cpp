// Offscreen UI tests of the lineage page, driven through the main window as a user would: open lineage from a
// product (Ctrl+L), change depth, expand and collapse, "show N more", select to highlight paths, trace a path,
// impact analysis with CSV export, search, double-click to open, and the SVG, PNG and DOT exports.

#include "models/health/healthsnapshotloader.h"
#include "models/store/catalogreader.h"
#include "models/sync/synccontroller.h"
#include "support/appwindow.h"
#include "support/testsupport.h"
#include "ui/healthcontext.h"
#include "ui/healthviews.h"
#include "ui/lineagepage.h"
#include "ui/lineagescene.h"
#include "ui/lineageview.h"
#include "ui/mainwindow.h"
#include "ui/productpage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QFile>
#include <QGraphicsItem>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace meshlens;

namespace {

// The sample catalog (orders → revenue → forecast) plus a hub feeding 50 products, a layer wider than the page
// shows at once.
QByteArray bundle()
{
    QByteArray b = test::sampleBundle();
    b +=
        R"({"type":"product","id":"hub","name":"hub","display_name":"Hub","domain":"sales","owners":[{"role":"owner","person":"ada"}]})"
        "\n";
    b += R"({"type":"lineage","from":"finance.forecast","to":"hub"})"
         "\n";
    for (int i = 0; i < 50; ++i) {
        b += QStringLiteral(R"({"type":"lineage","from":"hub","to":"fan.%1"})")
                 .arg(i, 2, 10, QLatin1Char('0'))
                 .toUtf8() +
             "\n";
    }
    return b;
}

} // namespace

class TestLineagePage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dbPath;
    test::AppWindow m_app;
    ui::LineagePage *m_page = nullptr;
    qint64 m_orders = 0, m_revenue = 0, m_forecast = 0, m_hub = 0;

    bool waitDrawn()
    {
        QSignalSpy spy(m_page, &ui::LineagePage::drawn);
        return spy.wait(20000);
    }
    int nodeIndex(const char *key) const { return m_page->graph().indexOf(QLatin1String(key)); }
    bool shown(const char *key) const
    {
        const int i = nodeIndex(key);
        return i >= 0 && m_page->scene()->itemFor(i) != nullptr;
    }
    QString status() const { return m_page->findChild<QLabel *>(QStringLiteral("lineageStatus"))->text(); }

    void openLineageOf(qint64 product)
    {
        m_app.window->openProduct(product);
        auto *tabs = m_app.window->findChild<QTabWidget *>(QStringLiteral("productTabs"));
        if (tabs->currentWidget() == m_page) {
            return; // already showing: setProduct reloads right away
        }
        QSignalSpy spy(m_page, &ui::LineagePage::drawn);
        m_app.window->findChild<QAction *>(QStringLiteral("actionShowLineage"))->trigger();
        QCOMPARE(tabs->currentWidget(), m_page);
        QVERIFY(spy.wait(20000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString b = m_dir.filePath(QStringLiteral("b.ndjson"));
        QVERIFY(test::writeFile(b, bundle()));
        m_dbPath = m_dir.filePath(QStringLiteral("c.db"));
        QVERIFY(test::syncNow(m_dbPath, b).ok);
        QVERIFY(test::openAppWindow(m_app, m_dbPath));
        m_orders = m_app.reader->resolveProduct(QStringLiteral("sales.orders")).value_or(0);
        m_revenue = m_app.reader->resolveProduct(QStringLiteral("finance.revenue")).value_or(0);
        m_forecast = m_app.reader->resolveProduct(QStringLiteral("finance.forecast")).value_or(0);
        m_hub = m_app.reader->resolveProduct(QStringLiteral("hub")).value_or(0);
        QVERIFY(m_orders && m_revenue && m_forecast && m_hub);
        m_app.window->resize(1200, 800);
        m_app.window->show();
        m_page = m_app.window->findChild<ui::LineagePage *>(QStringLiteral("lineagePage"));
        QVERIFY(m_page);
        QVERIFY(!m_page->isVisible()); // a tab of the product page, loaded only when shown
    }

    void nodeContextMenu_copyLink_putsTheProductsLinkOnTheClipboard()
    {
        openLineageOf(m_revenue);
        const int orders = nodeIndex("sales.orders");
        QVERIFY(orders >= 0);
        QApplication::clipboard()->clear();
        m_page->scene()->requestMenu(orders, QPoint(10, 10));
        QMenu *menu = nullptr;
        for (QMenu *m : m_page->findChildren<QMenu *>()) {
            menu = m->isVisible() ? m : menu;
        }
        QVERIFY(menu);
        auto *copy = menu->findChild<QAction *>(QStringLiteral("actionCopyNodeLink"));
        QVERIFY(copy);
        copy->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("meshlens://product/sales.orders"));
        menu->close();
    }

    void openFromProduct_showsItsNeighbourhood()
    {
        openLineageOf(m_revenue);
        // Depth 2 both ways from revenue: orders upstream; forecast and hub downstream.
        QVERIFY(shown("sales.orders"));
        QVERIFY(shown("finance.revenue"));
        QVERIFY(shown("finance.forecast"));
        QVERIFY(shown("hub"));
        QVERIFY(!shown("fan.00"));
        // Upstream is drawn left of the product, downstream right of it.
        const auto x = [&](const char *key) { return m_page->scene()->itemFor(nodeIndex(key))->pos().x(); };
        QVERIFY(x("sales.orders") < x("finance.revenue"));
        QVERIFY(x("finance.revenue") < x("finance.forecast"));
        QVERIFY(x("finance.forecast") < x("hub"));
        QVERIFY2(status().startsWith(QLatin1String("4 nodes, 3 edges")), qPrintable(status()));
    }

    void healthScores_comeFromTheStoredHealth_fromTheStart()
    {
        // The window preloads the health the sync stored, with no health view opened.
        models::HealthSnapshotLoader *loader = m_app.window->healthViews()->context().loader;
        if (!loader->snapshot()) {
            QSignalSpy loaded(loader, &models::HealthSnapshotLoader::loaded);
            QVERIFY(loader->isLoading());
            QVERIFY(loaded.wait(20000));
        }
        const auto snapshot = loader->snapshot();
        QVERIFY(snapshot);
        openLineageOf(m_revenue);
        const auto index = snapshot->productIndex(m_revenue);
        QVERIFY(index);
        const models::LineageNode &node = m_page->graph().node(nodeIndex("finance.revenue"));
        QCOMPARE(node.health.score.value_or(-1), double(snapshot->products[size_t(*index)].score));
    }

    void changeDepth_reloads()
    {
        openLineageOf(m_revenue);
        auto *down = m_page->findChild<QSpinBox *>(QStringLiteral("lineageDown"));
        QSignalSpy spy(m_page, &ui::LineagePage::drawn);
        down->setValue(1);
        QVERIFY(spy.wait(20000));
        QVERIFY(shown("finance.forecast"));
        QVERIFY(!shown("hub"));
        auto *up = m_page->findChild<QSpinBox *>(QStringLiteral("lineageUp"));
        up->setValue(0);
        QVERIFY(waitDrawn());
        QVERIFY(!shown("sales.orders"));
        m_page->setDepth(2, 2);
        QVERIFY(waitDrawn());
        QVERIFY(shown("hub"));
    }

    void expand_thenCollapse()
    {
        openLineageOf(m_revenue);
        m_page->setDepth(2, 1);
        QVERIFY(waitDrawn());
        QVERIFY(!shown("hub"));
        const int forecast = nodeIndex("finance.forecast");
        m_page->expandNode(forecast);
        QVERIFY(waitDrawn());
        QVERIFY(shown("hub")); // forecast's downstream neighbour
        m_page->expandNode(forecast);
        QVERIFY(waitDrawn());
        QVERIFY(!shown("hub")); // collapsed again
        QVERIFY(shown("finance.forecast"));
    }

    void wideLayer_showsNMore()
    {
        openLineageOf(m_hub);
        m_page->setDepth(0, 1);
        QVERIFY(waitDrawn());
        int fans = 0;
        for (int i = 0; i < 50; ++i) {
            fans += shown(QStringLiteral("fan.%1").arg(i, 2, 10, QLatin1Char('0')).toUtf8().constData()) ? 1 : 0;
        }
        QCOMPARE(fans, 40);
        QVERIFY(status().contains(QLatin1String("10 in collapsed groups")));
        m_page->showMore(1);
        QVERIFY(waitDrawn());
        QVERIFY(shown("fan.49"));
        QVERIFY(m_page->view()->minimap() != nullptr);
    }

    void select_highlightsUpstreamAndDownstreamPaths()
    {
        openLineageOf(m_revenue);
        m_page->setDepth(2, 2);
        QVERIFY(waitDrawn());
        m_page->selectNode(nodeIndex("finance.forecast"));
        const QSet<int> lit = m_page->scene()->highlightedNodes();
        QVERIFY(lit.contains(nodeIndex("finance.forecast")));
        QVERIFY(lit.contains(nodeIndex("finance.revenue"))); // upstream path
        QVERIFY(lit.contains(nodeIndex("sales.orders")));
        QVERIFY(lit.contains(nodeIndex("hub"))); // downstream path
        QVERIFY(status().contains(QLatin1String("2 upstream, 1 downstream")));
        // Clicking into empty space clears the highlight.
        m_page->scene()->clearSelection();
        QVERIFY(m_page->scene()->highlightedNodes().isEmpty());
        // Path to another node.
        m_page->tracePath(nodeIndex("hub"), nodeIndex("sales.orders"));
        QCOMPARE(m_page->scene()->highlightedNodes().size(), 4);
        QVERIFY2(status().startsWith(QStringLiteral("Path: Order Events → Daily Revenue → Revenue Forecast → Hub")),
                 qPrintable(status()));
    }

    void search_findsNodes()
    {
        openLineageOf(m_revenue);
        auto *search = m_page->findChild<QLineEdit *>(QStringLiteral("lineageSearch"));
        search->setText(QStringLiteral("forecast"));
        QVERIFY(status().startsWith(QStringLiteral("1 match —")));
        m_app.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_app.window.get()));
        search->setFocus();
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(m_page->scene()->selectedNode(), std::optional<int>(nodeIndex("finance.forecast")));
        search->setText(QStringLiteral("no such thing"));
        QVERIFY(status().startsWith(QLatin1String("Nothing in the graph matches")));
        search->clear();
    }

    void impact_tableAndCsv()
    {
        openLineageOf(m_orders);
        m_page->setDepth(0, 3);
        QVERIFY(waitDrawn());
        auto *dialog = m_page->showImpact(nodeIndex("sales.orders"));
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("impactTable"));
        QCOMPARE(table->rowCount(), 3); // revenue, forecast, hub
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Daily Revenue"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("Finance Data"));
        QVERIFY(table->item(0, 3)->text().contains(QLatin1String("failing check")));
        const QString summary = dialog->findChild<QLabel *>(QStringLiteral("impactSummary"))->text();
        QVERIFY(summary.contains(QLatin1String("Alan Turing")));
        QVERIFY(summary.contains(QLatin1String("Ada Lovelace")));
        const QString csv = m_dir.filePath(QStringLiteral("impact.csv"));
        m_page->setSavePathPrompt([&](const QString &, const QString &) { return csv; });
        dialog->findChild<QPushButton *>(QStringLiteral("impactExport"))->click();
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.value(0).trimmed(), QByteArray("product,id,domain,owners,health,hops"));
        QVERIFY(lines.value(1).startsWith("Daily Revenue,finance.revenue,Finance,Finance Data,"));
        QCOMPARE(lines.size(), 5); // header, three rows, the empty tail after the last CRLF
        dialog->close();
    }

    void doubleClick_opensTheProduct()
    {
        openLineageOf(m_revenue);
        Q_EMIT m_page->scene()->nodeActivated(nodeIndex("finance.forecast"));
        QCOMPARE(m_app.window->productPage()->productId(), std::optional<qint64>(m_forecast));
    }

    void exports_areValidFiles()
    {
        openLineageOf(m_revenue);
        m_page->setDepth(2, 2);
        QVERIFY(waitDrawn());
        const QString svg = m_dir.filePath(QStringLiteral("g.svg"));
        const QString png = m_dir.filePath(QStringLiteral("g.png"));
        const QString dot = m_dir.filePath(QStringLiteral("g.dot"));
        QVERIFY(m_page->exportSvg(svg));
        QVERIFY(m_page->exportPng(png));
        QVERIFY(m_page->exportDot(dot));

        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        QVERIFY(xml.readNextStartElement());
        QCOMPARE(xml.name(), QLatin1String("svg"));
        while (!xml.atEnd()) {
            xml.readNext();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(QSvgRenderer(svg).isValid());

        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 200);

        QFile dotFile(dot);
        QVERIFY(dotFile.open(QIODevice::ReadOnly));
        const QByteArray dotText = dotFile.readAll();
        QVERIFY(dotText.startsWith("digraph lineage {"));
        QCOMPARE(dotText.count("->"), 3);
        if (QStandardPaths::findExecutable(QStringLiteral("dot")).isEmpty()) {
            QSKIP("Graphviz dot is not installed; SVG and PNG were checked, DOT only textually");
        }
        QProcess p;
        p.start(QStringLiteral("dot"), {QStringLiteral("-Tplain"), dot});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput().count("\nnode "), 4);
    }

    void keys_zoomAndFit()
    {
        openLineageOf(m_revenue);
        ui::LineageView *view = m_page->view();
        view->setFocus();
        const double before = view->zoom();
        QTest::keyClick(view, Qt::Key_Plus);
        QVERIFY(view->zoom() > before);
        QTest::keyClick(view, Qt::Key_Minus);
        QTest::keyClick(view, Qt::Key_Minus);
        QVERIFY(view->zoom() < before);
        QTest::keyClick(view, Qt::Key_F);
        QCOMPARE(view->zoom(), before);
    }
};

QTEST_MAIN(TestLineagePage)
#include "tst_lineagepage.moc"
