// Tests for SearchResultsModel, the table of one search's products: checked by QAbstractItemModelTester while its
// rows are replaced, then its data roles, headers and bounds.

#include "models/generate/cataloggenerator.h"
#include "models/itemmodels/searchresultsmodel.h"
#include "models/search/searchengine.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace meshlens;
using namespace meshlens::models;

namespace {

QList<ProductSummary> products(int n)
{
    QList<ProductSummary> out;
    for (int i = 0; i < n; ++i) {
        ProductSummary p;
        p.id = 100 + i;
        p.extId = QStringLiteral("dom.p%1").arg(i);
        p.kind = QStringLiteral("product");
        p.name = QStringLiteral("p%1").arg(i);
        p.displayName = i % 2 ? QStringLiteral("Product %1").arg(i) : QString(); // some without a display name
        p.domain = QStringLiteral("Domain %1").arg(i % 3);
        p.status = QStringLiteral("active");
        p.owners = QStringLiteral("Owner %1").arg(i);
        if (i % 4 != 3) {
            p.tier = 1 + i % 5;
        }
        out << p;
    }
    return out;
}

} // namespace

class tst_SearchResultsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void modelTester_acceptsResultsOfAnySize();
    void data_givesEachColumn();
    void data_givesIdRoles();
    void data_tierColumnText();
    void data_toolTipNamesTheId();
    void data_invalidIndexIsEmpty();
    void headerData_namesColumns();
    void at_isBoundsChecked();
    void setResults_resetsTheModel();
    void lazy_fetchesPagesFromTheEngine();
};

void tst_SearchResultsModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_SearchResultsModel::modelTester_acceptsResultsOfAnySize()
{
    SearchResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(SearchResultsModel::ColumnCount));
    for (int n : {1, 0, 5, 250, 3, 0, 1}) {
        model.setResults(products(n), n * 10);
        QCOMPARE(model.rowCount(), n);
        QCOMPARE(model.total(), n * 10);
    }
    // A table: no children under any row.
    model.setResults(products(2), 2);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    QCOMPARE(model.columnCount(model.index(0, 0)), 0);
    QVERIFY(!static_cast<QAbstractItemModel &>(model).hasChildren(model.index(1, 0)));
}

void tst_SearchResultsModel::data_givesEachColumn()
{
    SearchResultsModel model;
    model.setResults(products(3), 3);
    const auto display = [&model](int row, int column) { return model.index(row, column).data(Qt::DisplayRole); };

    QCOMPARE(display(1, SearchResultsModel::NameColumn).toString(), QStringLiteral("Product 1"));
    QCOMPARE(display(0, SearchResultsModel::NameColumn).toString(), QStringLiteral("p0")); // falls back to the name
    QCOMPARE(display(2, SearchResultsModel::DomainColumn).toString(), QStringLiteral("Domain 2"));
    QCOMPARE(display(1, SearchResultsModel::OwnersColumn).toString(), QStringLiteral("Owner 1"));
    QCOMPARE(display(1, SearchResultsModel::StatusColumn).toString(), QStringLiteral("active"));
    QCOMPARE(display(2, SearchResultsModel::TierColumn).toString(), QStringLiteral("Tier 3"));
}

void tst_SearchResultsModel::data_givesIdRoles()
{
    SearchResultsModel model;
    model.setResults(products(4), 4);
    for (int row = 0; row < 4; ++row) {
        for (int column = 0; column < SearchResultsModel::ColumnCount; ++column) {
            const QModelIndex index = model.index(row, column);
            QCOMPARE(index.data(SearchResultsModel::ProductIdRole).toLongLong(), 100 + row);
            QCOMPARE(index.data(SearchResultsModel::ExtIdRole).toString(), QStringLiteral("dom.p%1").arg(row));
        }
    }
    QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).isValid());
}

void tst_SearchResultsModel::data_tierColumnText()
{
    SearchResultsModel model;
    model.setResults(products(4), 4);
    QCOMPARE(model.index(0, SearchResultsModel::TierColumn).data().toString(), QStringLiteral("Tier 1"));
    QCOMPARE(model.index(1, SearchResultsModel::TierColumn).data().toString(), QStringLiteral("Tier 2"));
    // Row 3 has no tier: no text at all rather than "Tier 0".
    QVERIFY(!model.index(3, SearchResultsModel::TierColumn).data().isValid());
}

void tst_SearchResultsModel::data_toolTipNamesTheId()
{
    SearchResultsModel model;
    model.setResults(products(2), 2);
    // Without a display name the title is the name, so the tip adds only the id; with one, name and id.
    QCOMPARE(model.index(0, SearchResultsModel::NameColumn).data(Qt::ToolTipRole).toString(), QStringLiteral("dom.p0"));
    QCOMPARE(model.index(1, SearchResultsModel::NameColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("p1 (dom.p1)"));
    QVERIFY(!model.index(1, SearchResultsModel::DomainColumn).data(Qt::ToolTipRole).isValid());
}

void tst_SearchResultsModel::data_invalidIndexIsEmpty()
{
    SearchResultsModel model;
    model.setResults(products(2), 2);
    QVERIFY(!model.index(2, 0).isValid());
    QVERIFY(!model.index(0, SearchResultsModel::ColumnCount).isValid());
    QVERIFY(!model.index(-1, 0).isValid());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("Index QModelIndex.* is not valid")));
    QVERIFY(!model.data(QModelIndex()).isValid());
}

void tst_SearchResultsModel::headerData_namesColumns()
{
    SearchResultsModel model;
    const QStringList expected{QStringLiteral("Product"), QStringLiteral("Domain"), QStringLiteral("Owners"),
                               QStringLiteral("Status"), QStringLiteral("Tier")};
    for (int c = 0; c < SearchResultsModel::ColumnCount; ++c) {
        QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), expected.at(c));
        QVERIFY(!model.headerData(c, Qt::Horizontal, Qt::DecorationRole).isValid());
    }
    QVERIFY(!model.headerData(SearchResultsModel::ColumnCount, Qt::Horizontal).isValid());
    QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
}

void tst_SearchResultsModel::at_isBoundsChecked()
{
    SearchResultsModel model;
    QCOMPARE(model.at(0), nullptr);
    model.setResults(products(3), 3);
    QVERIFY(model.at(0));
    QCOMPARE(model.at(0)->extId, QStringLiteral("dom.p0"));
    QVERIFY(model.at(2));
    QCOMPARE(model.at(2)->id, 102);
    QCOMPARE(model.at(3), nullptr);
    QCOMPARE(model.at(-1), nullptr);
    QCOMPARE(model.at(std::numeric_limits<int>::max()), nullptr);
    model.setResults({}, 0);
    QCOMPARE(model.at(0), nullptr);
}

void tst_SearchResultsModel::setResults_resetsTheModel()
{
    SearchResultsModel model;
    QSignalSpy aboutToReset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setResults(products(5), 42);
    QCOMPARE(aboutToReset.count(), 1);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.total(), 42);
    model.setResults(products(1), 1);
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(SearchResultsModel::ExtIdRole).toString(), QStringLiteral("dom.p0"));
}

QTEST_GUILESS_MAIN(tst_SearchResultsModel)
#include "tst_searchresultsmodel.moc"

// A 2,500-product catalog listed through the engine: the model holds a page, the view's fetchMore() loads the
// next ones in SQL order until every product is there, and the model tester watches every insertion.
void tst_SearchResultsModel::lazy_fetchesPagesFromTheEngine()
{
    QTemporaryDir dir;
    const QString bundle = dir.filePath(QStringLiteral("g.ndjson"));
    GeneratorOptions g;
    g.products = 2500;
    g.asOf = 1'763'683'200;
    g.days = 3;
    QVERIFY(test::generateBundle(bundle, g));
    const QString path = dir.filePath(QStringLiteral("g.db"));
    QVERIFY(test::syncNow(path, bundle).ok);
    Database db;
    QVERIFY(test::openCache(db, path).isEmpty());
    SearchEngine engine(db);
    SearchOptions o;
    o.limit = SearchResultsModel::kPageSize;
    const SearchResult first = engine.search(QString(), o);
    QCOMPARE(first.total, 2500);

    SearchResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    int fetches = 0;
    model.setHits(first.hits, first.total, first.totalCapped, [&](int offset, int limit) {
        ++fetches;
        SearchOptions page = o;
        page.offset = offset;
        page.limit = limit;
        return engine.search(QString(), page).hits;
    });
    QVERIFY(model.rowCount() >= SearchResultsModel::kPageSize); // the tester itself may have fetched a page
    QVERIFY(model.canFetchMore({}));
    while (model.canFetchMore({})) {
        model.fetchMore({});
    }
    QCOMPARE(model.rowCount(), 2500);
    QCOMPARE(fetches, 12); // 2,300 more rows in pages of 200 (the last one short, which ends the fetching)
    QVERIFY(!model.canFetchMore({}));
    // In the engine's order (by name), without gaps or repeats.
    QSet<qint64> seen;
    for (int row = 1; row < model.rowCount(); ++row) {
        QVERIFY(model.at(row - 1)->name.compare(model.at(row)->name, Qt::CaseInsensitive) <= 0);
        seen.insert(model.at(row)->id);
    }
    QCOMPARE(seen.size(), 2499);

    // Header clicks ask the owner to sort in SQL rather than sorting rows here.
    QSignalSpy sortSpy(&model, &SearchResultsModel::sortRequested);
    model.sort(SearchResultsModel::TierColumn, Qt::DescendingOrder);
    QCOMPARE(sortSpy.size(), 1);
    QCOMPARE(sortSpy.front().at(0).toInt(), int(SearchResultsModel::TierColumn));
    QCOMPARE(model.rowCount(), 2500);
}
