// Tests for LineageGraph and LineageReader: neighbourhoods loaded from the cache to a depth, port-level nodes
// with column mappings, cycles, paths, the impact set with owners and health, the health provider seam, expand,
// and the DOT and JSON forms.

#include "models/lineage/lineagereader.h"
#include "models/store/schema.h"
#include "support/testsupport.h"

#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens::models;

namespace {

// The sample (orders → revenue → forecast) plus an entry the cache does not hold that closes a cycle:
// forecast → board → revenue.
QByteArray cyclicBundle()
{
    return meshlens::test::sampleBundle() + QByteArray(R"({"type":"lineage","from":"finance.forecast","to":"ext.board"}
{"type":"lineage","from":"ext.board","to":"finance.revenue"}
)");
}

QStringList keysOf(const LineageGraph &g, const QList<ImpactRow> &rows)
{
    QStringList out;
    for (const ImpactRow &r : rows) {
        out << QStringLiteral("%1@%2").arg(g.node(r.node).key).arg(r.distance);
    }
    return out;
}

// A node of a hand-built graph: `key` named `name`; a product (its key as ext id) unless it is external.
LineageNode node(const QString &key, const QString &name, bool product = true)
{
    LineageNode n;
    n.key = key;
    n.extId = product ? key : QString();
    n.name = name;
    return n;
}

} // namespace

class TestLineageGraph : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Database m_db;
    std::int64_t m_orders = 0, m_revenue = 0, m_forecast = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString bundle = m_dir.filePath(QStringLiteral("b.ndjson"));
        QVERIFY(meshlens::test::writeFile(bundle, cyclicBundle()));
        const QString db = m_dir.filePath(QStringLiteral("c.db"));
        QVERIFY(meshlens::test::syncNow(db, bundle).ok);
        QCOMPARE(meshlens::test::openCache(m_db, db), QString());
        CatalogReader reader(m_db);
        m_orders = reader.resolveProduct(QStringLiteral("sales.orders")).value_or(0);
        m_revenue = reader.resolveProduct(QStringLiteral("finance.revenue")).value_or(0);
        m_forecast = reader.resolveProduct(QStringLiteral("finance.forecast")).value_or(0);
        QVERIFY(m_orders && m_revenue && m_forecast);
    }

    void load_followsDepthInEachDirection()
    {
        LineageReader reader(m_db);
        const auto one = reader.load({m_orders, 2, 1});
        QVERIFY(one);
        QCOMPARE(one->nodeCount(), 2);
        QCOMPARE(one->node(0).key, QStringLiteral("sales.orders"));
        QCOMPARE(one->node(1).key, QStringLiteral("finance.revenue"));
        QCOMPARE(one->node(1).distance, 1);
        QCOMPARE(one->edgeCount(), 1);

        const auto up = reader.load({m_forecast, 1, 0});
        QVERIFY(up);
        QCOMPARE(up->nodeCount(), 2);
        QCOMPARE(up->node(1).distance, -1);
        const auto up2 = reader.load({m_forecast, 2, 0});
        QCOMPARE(up2->nodeCount(), 4); // revenue, then orders and the board feeding it
        QVERIFY(up2->indexOf(QStringLiteral("ext.board")) >= 0);
        QVERIFY(!up2->node(up2->indexOf(QStringLiteral("ext.board"))).entryId); // not in the cache, still shown

        QVERIFY(!reader.load({999999, 1, 1})); // an unknown product
    }

    void cycles_terminateAndAllDownstreamIsTheImpactSet()
    {
        LineageReader reader(m_db);
        const auto g = reader.load({m_orders, 0, -1});
        QVERIFY(g);
        QCOMPARE(g->nodeCount(), 4);
        QCOMPARE(keysOf(*g, g->impact(0)),
                 (QStringList{QStringLiteral("finance.revenue@1"), QStringLiteral("finance.forecast@2"),
                              QStringLiteral("ext.board@3")}));
        const int revenue = g->indexOf(QStringLiteral("finance.revenue"));
        // Owners and health travel with every impacted node.
        QCOMPARE(g->node(revenue).owners, QStringLiteral("Finance Data"));
        QCOMPARE(g->node(revenue).domain, QStringLiteral("Finance"));
        // The cycle revenue → forecast → board → revenue: upstream of revenue includes its own downstream.
        QCOMPARE(keysOf(*g, g->reachable(revenue, LineageGraph::Direction::Upstream, 1)),
                 (QStringList{QStringLiteral("sales.orders@1"), QStringLiteral("ext.board@1")}));
    }

    void paths_betweenTwoNodes()
    {
        LineageReader reader(m_db);
        const auto g = reader.load({m_orders, 0, -1});
        const int orders = g->indexOf(QStringLiteral("sales.orders"));
        const int board = g->indexOf(QStringLiteral("ext.board"));
        const int forecast = g->indexOf(QStringLiteral("finance.forecast"));
        const QList<int> path = g->shortestPath(orders, board);
        QCOMPARE(path.size(), 4);
        QCOMPARE(path.front(), orders);
        QCOMPARE(path.back(), board);
        QCOMPARE(g->shortestPath(board, orders), path); // asked the other way round: the directed path is found
        // The cycle forecast → board → revenue → forecast puts the board on a way from orders to forecast too.
        QCOMPARE(g->nodesOnPaths(orders, forecast).size(), 4);
        QCOMPARE(g->nodesOnPaths(orders, g->indexOf(QStringLiteral("finance.revenue"))).size(), 4);
        QVERIFY(g->nodesOnPaths(forecast, orders).isEmpty()); // nothing flows back to orders
    }

    void health_comesFromTheCacheOrAProvider()
    {
        LineageReader reader(m_db);
        auto g = reader.load({m_orders, 0, -1});
        const auto health = [&](const char *key) { return g->node(g->indexOf(QLatin1String(key))).health; };
        QCOMPARE(health("sales.orders").state, NodeHealth::State::Healthy); // last check passed, SLA met
        QCOMPARE(health("finance.revenue").state, NodeHealth::State::Failing);
        QCOMPARE(health("finance.revenue").failingChecks, 1);
        QCOMPARE(health("finance.forecast").state, NodeHealth::State::Unknown);

        reader.setHealthProvider([&](std::int64_t id) -> std::optional<NodeHealth> {
            if (id != m_revenue) {
                return std::nullopt;
            }
            NodeHealth h;
            h.state = NodeHealth::State::Warning;
            h.score = 42;
            return h;
        });
        g = reader.load({m_orders, 0, -1});
        QCOMPARE(health("finance.revenue").state, NodeHealth::State::Warning);
        QCOMPARE(health("finance.revenue").score, std::optional<double>(42));
        QCOMPARE(health("sales.orders").state, NodeHealth::State::Healthy); // provider had nothing: cache fallback
    }

    void ports_andColumnMappings()
    {
        LineageReader reader(m_db);
        const auto g = reader.load({m_orders, 0, 1, true});
        QVERIFY(g);
        const int revenuePort = g->indexOf(QStringLiteral("finance.revenue#revenue_daily"));
        QVERIFY(revenuePort >= 0);
        QCOMPARE(g->node(revenuePort).port, QStringLiteral("revenue_daily"));
        QCOMPARE(g->node(revenuePort).title(), QStringLiteral("Daily Revenue · revenue_daily"));
        QCOMPARE(g->edgeCount(), 1);
        const LineageEdge &e = g->edges().front();
        QCOMPARE(e.fromPort, QStringLiteral("orders_v2"));
        QCOMPARE(e.columns.size(), 1);
        QCOMPARE(e.columns.front().first, QStringLiteral("amount_eur"));
        QCOMPARE(e.columns.front().second, QStringLiteral("revenue_eur"));
        const QJsonObject json = g->toJson(0);
        QCOMPARE(json.value(QLatin1String("edges")).toArray().at(0).toObject().value(QLatin1String("columns")),
                 QJsonValue(QJsonArray{QJsonArray{QStringLiteral("amount_eur"), QStringLiteral("revenue_eur")}}));
    }

    void expand_addsANodesNeighbours()
    {
        LineageReader reader(m_db);
        auto g = reader.load({m_orders, 0, 1});
        QCOMPARE(g->nodeCount(), 2);
        const int revenue = g->indexOf(QStringLiteral("finance.revenue"));
        QCOMPARE(reader.expand(*g, revenue), 2); // forecast downstream, the board upstream
        QCOMPARE(g->node(g->indexOf(QStringLiteral("finance.forecast"))).distance, 2);
        QCOMPARE(g->node(g->indexOf(QStringLiteral("ext.board"))).distance, 0);
        QCOMPARE(reader.expand(*g, revenue), 0); // nothing new the second time
        QCOMPARE(g->edgeCount(), 3);
    }

    void dot_isValidGraphviz()
    {
        LineageGraph g;
        const LineageNode a = node(QStringLiteral("a"), QStringLiteral("Quote \" and \\ backslash\nnewline"), false);
        g.addEdge({g.addNode(a), g.addNode(node(QStringLiteral("b"), QStringLiteral("<b>html</b>"))), {}, {}, {}});
        const QByteArray dot = g.toDot();
        QVERIFY(dot.contains("n0 -> n1"));
        if (QStandardPaths::findExecutable(QStringLiteral("dot")).isEmpty()) {
            QSKIP("Graphviz dot is not installed; the DOT text was checked above");
        }
        QProcess p;
        p.start(QStringLiteral("dot"), {QStringLiteral("-Tplain")});
        p.write(dot);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("graph "));
    }

    void visible_capsEachDistanceAndKeepsWhatItMust()
    {
        // A focus with 12 downstream and 3 upstream neighbours; 5 per distance are shown.
        LineageGraph g;
        const auto add = [&](const QString &key, int distance) {
            LineageNode n;
            n.key = key;
            n.name = key;
            n.distance = distance;
            return g.addNode(n);
        };
        const int focus = add(QStringLiteral("focus"), 0);
        for (int i = 0; i < 12; ++i) {
            g.addEdge({focus, add(QStringLiteral("d%1").arg(i, 2, 10, QLatin1Char('0')), 1), {}, {}, {}});
        }
        for (int i = 0; i < 3; ++i) {
            g.addEdge({add(QStringLiteral("u%1").arg(i), -1), focus, {}, {}, {}});
        }
        const VisibleSet v = g.visible(5);
        QCOMPARE(v.nodes.size(), 1 + 3 + 5);
        QCOMPARE(v.more.size(), 1);
        QCOMPARE(v.more.front().distance, 1);
        QCOMPARE(v.more.front().hidden, 7);
        QCOMPARE(v.more.front().neighbours, QList<int>{focus});
        QVERIFY(v.nodes.contains(g.indexOf(QStringLiteral("d04")))); // by title: d00..d04 shown
        QVERIFY(!v.nodes.contains(g.indexOf(QStringLiteral("d05"))));
        // More for that distance, a node kept regardless of the cap, and hidden nodes.
        QCOMPARE(g.visible(5, {{1, 7}}).more.size(), 0);
        const int d11 = g.indexOf(QStringLiteral("d11"));
        QVERIFY(g.visible(5, {}, {}, {d11}).nodes.contains(d11));
        const VisibleSet hidden = g.visible(5, {}, {g.indexOf(QStringLiteral("u0"))});
        QVERIFY(!hidden.nodes.contains(g.indexOf(QStringLiteral("u0"))));
        QCOMPARE(hidden.nodes.size(), 1 + 2 + 5);
    }

    void impactCsv_quotesAndDefusesFormulas()
    {
        LineageGraph g;
        const LineageNode a = node(QStringLiteral("a"), QStringLiteral("Source"), false);
        LineageNode b = node(QStringLiteral("b"), QStringLiteral("=HYPERLINK(\"x\")"));
        b.owners = QStringLiteral("Ada, Alan");
        const LineageNode c = node(QStringLiteral("c"), QStringLiteral("Plain"));
        const int ia = g.addNode(a), ib = g.addNode(b), ic = g.addNode(c);
        g.addEdge({ia, ib, {}, {}, {}});
        g.addEdge({ib, ic, {}, {}, {}});
        const QList<QByteArray> lines = g.impactCsv(ia).split('\n');
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QByteArray("product,id,domain,owners,health,hops\r"));
        QCOMPARE(lines[1], QByteArray("\"'=HYPERLINK(\"\"x\"\")\",b,,\"Ada, Alan\",no checks or SLAs measured,1\r"));
        QCOMPARE(lines[2], QByteArray("Plain,c,,,no checks or SLAs measured,2\r"));
    }
};

QTEST_GUILESS_MAIN(TestLineageGraph)
#include "tst_lineagegraph.moc"
