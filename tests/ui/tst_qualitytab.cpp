// Offscreen UI tests of the charts: the product Quality tab (opening it, switching ranges, clicking a failing day,
// hover text, export, palette, reload after a sync) and the Trends page (domain and owner trends), driven through
// the main window by objectName as a user would.

#include "models/store/catalogreader.h"
#include "models/sync/synccontroller.h"
#include "support/appwindow.h"
#include "support/testsupport.h"
#include "ui/chartexport.h"
#include "ui/failingchecksview.h"
#include "ui/mainwindow.h"
#include "ui/productpage.h"
#include "ui/qualitytab.h"
#include "ui/rangebar.h"
#include "ui/statustimeline.h"
#include "ui/timechart.h"
#include "ui/trendspage.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QToolTip>
#include <QTreeWidget>

using namespace meshlens;

namespace {

constexpr std::int64_t kStart = 1763251200; // 2025-11-16T00:00:00Z
constexpr std::int64_t kDay = 86400;
const QDate kToday(2025, 11, 21);

template<typename T> T *find(QObject *root, const char *name)
{
    return root->findChild<T *>(QLatin1String(name));
}

} // namespace

class TestQualityTab : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    test::AppWindow m_app;
    ui::QualityTab *m_tab = nullptr;

    bool waitLoaded(ui::QualityTab *tab)
    {
        QSignalSpy spy(tab, &ui::QualityTab::loaded);
        return spy.wait(10000);
    }

    ui::TimeChart *passRate() { return find<ui::TimeChart>(m_tab, "passRateChart"); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_dbPath = m_dir.filePath(QStringLiteral("quality.db"));
        const QString bundle = m_dir.filePath(QStringLiteral("quality.ndjson"));
        QVERIFY(test::syncBundle(m_dbPath, bundle, test::qualityBundle()));
        QVERIFY(test::openAppWindow(m_app, m_dbPath));
        m_app.window->resize(1200, 900);
        m_app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_app.window.get()));
        m_tab = find<ui::QualityTab>(m_app.window.get(), "qualityTab");
        QVERIFY(m_tab);
        m_tab->setTimeZone(QTimeZone::utc());
        m_tab->rangeBar()->setToday(kToday);
        find<ui::TrendsPage>(m_app.window.get(), "trendsPage")->setTimeZone(QTimeZone::utc());
        find<ui::TrendsPage>(m_app.window.get(), "trendsPage")->rangeBar()->setToday(kToday);
    }

    void openingTheTab_showsTrendStripsAndSlaCharts()
    {
        const auto p1 = m_app.reader->resolveProduct(QStringLiteral("p1"));
        QVERIFY(p1);
        m_app.window->openProduct(*p1);
        QVERIFY(!m_tab->isLoading()); // nothing loads while the tab is hidden
        auto *tabs = find<QTabWidget>(m_app.window.get(), "productTabs");
        QSignalSpy loaded(m_tab, &ui::QualityTab::loaded);
        tabs->setCurrentWidget(m_tab);
        QVERIFY(loaded.wait(10000));

        QCOMPARE(m_tab->data().grid.size(), 90); // the default range: 90 days ending "today"
        QCOMPARE(m_tab->data().grid.date(89), kToday);
        QVERIFY(passRate()->isVisible());
        QCOMPARE(passRate()->drawnPoints() > 0, true);
        auto *timeline = find<ui::StatusTimeline>(m_tab, "checkTimeline");
        QCOMPARE(timeline->rowCount(), 2);
        QVERIFY(find<ui::TimeChart>(m_tab, "slaChart0"));
        QVERIFY(find<ui::TimeChart>(m_tab, "slaChart1"));
        QVERIFY(!find<ui::TimeChart>(m_tab, "slaChart2"));
        QVERIFY(find<QLabel>(m_tab, "qualitySummary")->text().contains(QStringLiteral("2 check")));
        QVERIFY(!passRate()->accessibleName().isEmpty());
        QVERIFY(passRate()->accessibleDescription().contains(QStringLiteral("runs")));
    }

    void switchingRanges_reloadsTheDays()
    {
        QSignalSpy loaded(m_tab, &ui::QualityTab::loaded);
        QTest::mouseClick(find<QToolButton>(m_tab, "range7d"), Qt::LeftButton);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_tab->data().grid.size(), 7);
        QCOMPARE(m_tab->data().grid.date(0), QDate(2025, 11, 15));
        QCOMPARE(m_tab->data().trend.buckets[2].counts.passRate(), std::optional<double>(0.5));

        QTest::mouseClick(find<QToolButton>(m_tab, "rangeAll"), Qt::LeftButton);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_tab->data().grid.size(), 6); // exactly the days with data
        QCOMPARE(m_tab->data().grid.date(0), QDate(2025, 11, 16));

        m_tab->rangeBar()->setCustom(QDate(2025, 11, 17), QDate(2025, 11, 18));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_tab->data().grid.size(), 2);
        QCOMPARE(m_tab->data().trend.buckets[1].counts.fail, 2);
        QVERIFY(find<QWidget>(m_tab, "rangeFrom")->isEnabled());

        // A range without data says so instead of drawing empty axes.
        m_tab->rangeBar()->setCustom(QDate(2020, 1, 1), QDate(2020, 1, 31));
        QVERIFY(loaded.wait(10000));
        auto *empty = find<QLabel>(m_tab, "qualityEmpty");
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QStringLiteral("No check results")));
        QVERIFY(!passRate()->isVisible());

        QTest::keyClick(m_app.window.get(), Qt::Key_5, Qt::AltModifier); // Alt+5: All
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_tab->rangeBar()->preset(), ui::RangeBar::All);
        QVERIFY(!empty->isVisible());
    }

    void clickingAFailingPoint_listsThatDaysFailingChecks()
    {
        // Click the pass-rate point of 18 Nov (both checks failed) where the chart draws it.
        auto *view = find<QChartView>(passRate(), "chartView");
        QVERIFY(view);
        QLineSeries *line = nullptr;
        for (QAbstractSeries *s : view->chart()->series()) {
            if (s->name() == QLatin1String("Pass rate")) {
                line = qobject_cast<QLineSeries *>(s);
            }
        }
        QVERIFY(line);
        const QPointF day2((kStart + 2 * kDay + kDay / 2) * 1000.0, 0.0);
        const QPoint at = view->mapFromScene(view->chart()->mapToPosition(day2, line));
        QSignalSpy shown(m_tab, &ui::QualityTab::failingShown);
        int seen = 0;
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QTRY_VERIFY(shown.count() > seen);
        seen = shown.count();
        auto *list = find<ui::FailingChecksView>(m_tab, "failingChecks")->list();
        QVERIFY(list->isVisible());
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("failed"));

        // The status strip: the aborted run of 20 Nov.
        auto *timeline = find<ui::StatusTimeline>(m_tab, "checkTimeline");
        const QPoint cell = timeline->positionOf(1, kStart + 4 * kDay + kDay / 2);
        QCOMPARE(timeline->runAt(cell)->status, 'A');
        QTest::mouseClick(timeline, Qt::LeftButton, {}, cell);
        QTRY_VERIFY(shown.count() > seen);
        seen = shown.count();
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("rows arrive"));
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("aborted"));

        // From the keyboard: End goes to the last run, Left steps back, Enter lists that day (20 Nov, aborted).
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_Down);
        QTest::keyClick(timeline, Qt::Key_End);
        QTest::keyClick(timeline, Qt::Key_Left);
        QTest::keyClick(timeline, Qt::Key_Return);
        QTRY_VERIFY(shown.count() > seen);
        seen = shown.count();
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("aborted"));

        // A day without failures says so.
        QTest::mouseClick(timeline, Qt::LeftButton, {}, timeline->positionOf(0, kStart + kDay / 2));
        QTRY_VERIFY(shown.count() > seen);
        seen = shown.count();
        QCOMPARE(list->topLevelItemCount(), 0);
        QVERIFY(find<QLabel>(m_tab, "failingTitle")->text().startsWith(QStringLiteral("No failing checks")));
    }

    void hover_showsTheExactValueAndDate()
    {
        auto *view = find<QChartView>(passRate(), "chartView");
        QLineSeries *line = qobject_cast<QLineSeries *>(view->chart()->series().value(0));
        QVERIFY(line);
        const QPointF day1((kStart + kDay + kDay / 2) * 1000.0, 50.0);
        const QPoint at = view->mapFromScene(view->chart()->mapToPosition(day1, line));
        QTest::mouseMove(view->viewport(), at + QPoint(0, 1));
        QTest::mouseMove(view->viewport(), at);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("Pass rate 50.0% (1 of 2 runs; 1 failed, 0 aborted)")),
                 qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(QLocale().toString(QDate(2025, 11, 17), QLocale::LongFormat)));
        QToolTip::hideText();
    }

    void slaChart_targetLineAndBreachBands()
    {
        // Charts are ordered as the product page orders SLAs: availability, then freshness.
        auto *fresh = find<ui::TimeChart>(m_tab, "slaChart1");
        QVERIFY(fresh->title().startsWith(QStringLiteral("freshness")));
        auto *view = find<QChartView>(fresh, "chartView");
        QStringList names;
        for (QAbstractSeries *s : view->chart()->series()) {
            names << s->name();
        }
        QCOMPARE(names,
                 QStringList({QStringLiteral("Breached"), QStringLiteral("Target"), QStringLiteral("freshness")}));
        // Two breach stretches: four corners each.
        QCOMPARE(fresh->drawnPoints(), 8 + 2 + 5); // bands, target, the five measurements (a gap is not drawn)
        QCOMPARE(fresh->nearest(QStringLiteral("freshness"), (kStart + kDay) * 1000.0)->y(), 9.0);
        QVERIFY(fresh->accessibleDescription().contains(QStringLiteral("3 breaching")));
    }

    void export_writesPngSvgAndCsv()
    {
        QString next;
        ui::ExportButton::setSavePrompt([this, &next](QWidget *, const QString &suggested, const QString &) {
            return next.isEmpty() ? QString()
                                  : m_dir.filePath(next + suggested.mid(suggested.lastIndexOf(QLatin1Char('.'))));
        });
        auto *button = find<ui::ExportButton>(m_tab, "passRateExport");
        QVERIFY(button);
        const auto trigger = [&](const char *action, const QString &name) {
            next = name;
            find<QAction>(button, action)->trigger();
            return m_dir.filePath(name + (QLatin1String(action) == QLatin1String("exportPng") ? QStringLiteral(".png")
                                          : QLatin1String(action) == QLatin1String("exportSvg")
                                              ? QStringLiteral(".svg")
                                              : QStringLiteral(".csv")));
        };
        const QImage png(trigger("exportPng", QStringLiteral("rate")));
        QVERIFY(!png.isNull());
        QCOMPARE(png.size(), passRate()->size() * passRate()->devicePixelRatio());
        QFile svg(trigger("exportSvg", QStringLiteral("rate")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("<title>Pass rate</title>"));
        QVERIFY(svgText.contains("<polyline") || svgText.contains("<path"));
        QFile csv(trigger("exportCsv", QStringLiteral("rate")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QCOMPARE(lines.value(0), QByteArray("date,runs,passed,failed,aborted,pass_rate,products\r"));
        QCOMPARE(lines.value(2), QByteArray("2025-11-17,2,1,1,0,0.5,1\r"));

        // A file that cannot be written says so in the tab, without a dialog.
        next = QStringLiteral("no/such/folder/rate");
        find<QAction>(find<ui::ExportButton>(m_tab, "slaExport0"), "exportCsv")->trigger();
        auto *note = find<QLabel>(m_tab, "qualityNote");
        QVERIFY(note->isVisible());
        QVERIFY(note->text().contains(QStringLiteral("Could not write")));
        ui::ExportButton::setSavePrompt({});
    }

    void paletteChange_chartsFollowIt()
    {
        auto *view = find<QChartView>(passRate(), "chartView");
        QPalette dark = m_app.window->palette();
        dark.setColor(QPalette::Base, QColor(0x1b, 0x1d, 0x21));
        dark.setColor(QPalette::Window, QColor(0x25, 0x27, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        const QPalette before = m_app.window->palette();
        m_app.window->setPalette(dark);
        QCOMPARE(view->chart()->backgroundBrush().color(), QColor(0x1b, 0x1d, 0x21));
        QCOMPARE(view->chart()->axes().value(0)->labelsColor(), QColor(0xe6, 0xe6, 0xe6));
        m_app.window->setPalette(before);
        QCOMPARE(view->chart()->backgroundBrush().color(), before.color(QPalette::Base));
    }

    void syncLands_tabReloads()
    {
        // The source now says c1 passed on 18 Nov.
        QByteArray bundle = test::qualityBundle();
        bundle.replace("\"statuses\":\"PPFPA-\"", "\"statuses\":\"PPPPA-\"");
        QVERIFY(test::writeFile(m_dir.filePath(QStringLiteral("quality.ndjson")), bundle));
        QCOMPARE(m_tab->data().trend.buckets[2].counts.fail, 2);
        QSignalSpy loaded(m_tab, &ui::QualityTab::loaded);
        m_app.window->syncNow(m_dir.filePath(QStringLiteral("quality.ndjson")));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(m_tab->data().trend.buckets[2].counts.fail, 1);
        QCOMPARE(m_tab->data().trend.buckets[2].counts.pass, 1);
    }

    void trendsPage_domainAndOwnerTrends()
    {
        auto *trends = find<ui::TrendsPage>(m_app.window.get(), "trendsPage");
        QSignalSpy loaded(trends, &ui::TrendsPage::loaded);
        auto *nav = find<QListWidget>(m_app.window.get(), "navigation");
        const QList<QListWidgetItem *> items = nav->findItems(QStringLiteral("Trends"), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        nav->setCurrentItem(items[0]);
        QVERIFY(trends->isVisible());
        // The first domain by name has no checks, and says so.
        auto *scope = find<QComboBox>(trends, "trendScope");
        auto *kind = find<QComboBox>(trends, "trendKind");
        // Each change cancels the load before it; the next `loaded` is the new scope's.
        const auto change = [&](QComboBox *box, int index) {
            const qsizetype before = loaded.count();
            box->setCurrentIndex(index);
            return QTest::qWaitFor([&]() { return loaded.count() > before; }, 10000);
        };
        QTRY_COMPARE(scope->count(), 2);                              // finance, sales
        QTRY_VERIFY(find<QLabel>(trends, "trendEmpty")->isVisible()); // finance has no checks, and says so
        QVERIFY(find<QLabel>(trends, "trendEmpty")->text().contains(QStringLiteral("declares a quality check")));
        QVERIFY(change(scope, 1));
        QCOMPARE(trends->data().trend.productsInScope, 2);
        QCOMPARE(trends->data().trend.checksInScope, 3);
        const qsizetype before = loaded.count();
        QTest::mouseClick(find<QToolButton>(trends, "rangeAll"), Qt::LeftButton);
        QTRY_VERIFY(loaded.count() > before);
        QCOMPARE(trends->data().grid.size(), 6);
        QVERIFY(!find<QLabel>(trends, "trendEmpty")->isVisible());
        QCOMPARE(trends->data().trend.buckets[2].products, 2);
        auto *chart = find<ui::TimeChart>(trends, "trendChart");
        auto *view = find<QChartView>(chart, "chartView");
        QStringList names;
        for (QAbstractSeries *s : view->chart()->series()) {
            names << s->name();
        }
        QVERIFY(names.contains(QStringLiteral("Products checked")));

        QVERIFY(change(kind, 1)); // owners: ada, bob, sales-eng (team); ada first
        QCOMPARE(scope->count(), 3);
        QVERIFY(scope->itemText(2).contains(QStringLiteral("team")));
        QCOMPARE(trends->data().trend.productsInScope, 2); // ada owns p1 and p3
        QCOMPARE(trends->data().trend.checksInScope, 2);
        QVERIFY(change(scope, 2));
        QCOMPARE(trends->data().trend.productsInScope, 1); // the team owns p1

        // A domain's failing day lists its failing checks with their products; Enter opens the product.
        QVERIFY(change(kind, 0));
        QVERIFY(change(scope, 1));
        QCOMPARE(trends->data().trend.checksInScope, 3);
        QSignalSpy shown(trends, &ui::TrendsPage::failingShown);
        int seen = 0;
        Q_EMIT chart->pointClicked(QStringLiteral("Pass rate"), (kStart + kDay + 100) * 1000);
        QTRY_VERIFY(shown.count() > seen);
        seen = shown.count();
        auto *list = find<ui::FailingChecksView>(trends, "trendFailingChecks")->list();
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Product One"));
        QSignalSpy opened(trends, &ui::TrendsPage::productActivated);
        Q_EMIT list->itemActivated(list->topLevelItem(0), 0);
        QCOMPARE(opened.count(), 1);

        // A sync that lands refreshes the trend, keeping the chosen domain: p2's check now fails on 18 Nov.
        QCOMPARE(trends->data().trend.buckets[2].counts.fail, 1);
        QByteArray bundle = test::qualityBundle();
        bundle.replace("\"statuses\":\"PPFPA-\"", "\"statuses\":\"PPPPA-\"");
        bundle.replace("\"statuses\":\"-PP\"", "\"statuses\":\"-FF\"");
        QVERIFY(test::writeFile(m_dir.filePath(QStringLiteral("quality.ndjson")), bundle));
        m_app.window->syncNow(m_dir.filePath(QStringLiteral("quality.ndjson")));
        QTRY_COMPARE_WITH_TIMEOUT(
            trends->data().trend.buckets.size() > 2 ? trends->data().trend.buckets[2].counts.fail : -1, 2, 20000);
        QCOMPARE(trends->data().trend.checksInScope, 3);
        QCOMPARE(scope->currentIndex(), 1);
    }
};

QTEST_MAIN(TestQualityTab)
#include "tst_qualitytab.moc"
