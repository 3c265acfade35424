// Tests for LayeredLayout, the Sugiyama-style layout behind the lineage view: layering direction, no overlaps,
// dummy chains, cycles, determinism, cancellation, and the crossing counter on graphs whose answer is known.

#include "models/lineage/layeredlayout.h"

#include <QTest>

#include <random>

using namespace meshlens::models;

using Segments = QList<QPair<int, int>>;

namespace {

// A lineage-like random DAG: nodes in bands, each later node fed by one to three earlier ones, mostly nearby.
LayoutGraph randomDag(int n, unsigned seed)
{
    std::mt19937 rng(seed);
    LayoutGraph g;
    g.sizes.assign(static_cast<std::size_t>(n), QSizeF(160, 40));
    for (int v = 1; v < n; ++v) {
        const int inputs = 1 + static_cast<int>(rng() % 3);
        for (int k = 0; k < inputs; ++k) {
            const int back = 1 + static_cast<int>(rng() % static_cast<unsigned>(std::min(v, 12)));
            g.edges.emplace_back(v - back, v);
        }
    }
    return g;
}

LayoutGraph chain(int n)
{
    LayoutGraph g;
    g.sizes.assign(static_cast<std::size_t>(n), QSizeF(100, 30));
    for (int v = 0; v + 1 < n; ++v) {
        g.edges.emplace_back(v, v + 1);
    }
    return g;
}

QRectF rectOf(const LayoutGraph &g, const LayoutResult &r, int v)
{
    const QSizeF s = g.sizes[static_cast<std::size_t>(v)];
    const QPointF c = r.centers[static_cast<std::size_t>(v)];
    return {c.x() - s.width() / 2, c.y() - s.height() / 2, s.width(), s.height()};
}

} // namespace

class TestLayeredLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layering_putsEveryEdgeLeftToRight()
    {
        const LayoutGraph g = randomDag(300, 7);
        const LayoutResult r = LayeredLayout::run(g);
        QVERIFY(!r.cancelled);
        QCOMPARE(r.reversedEdges, 0);
        for (std::size_t e = 0; e < g.edges.size(); ++e) {
            const auto [u, v] = g.edges[e];
            QVERIFY2(r.layerOf[static_cast<std::size_t>(u)] < r.layerOf[static_cast<std::size_t>(v)],
                     qPrintable(QStringLiteral("edge %1 -> %2").arg(u).arg(v)));
            QVERIFY(r.centers[static_cast<std::size_t>(u)].x() < r.centers[static_cast<std::size_t>(v)].x());
            // Routes leave the upstream node's right side and enter the downstream node's left side.
            const EdgeRoute &route = r.routes[e];
            QVERIFY(route.points.size() >= 2);
            QVERIFY(route.points.front().x() >= rectOf(g, r, u).right() - 0.01);
            QVERIFY(route.points.back().x() <= rectOf(g, r, v).left() + 0.01);
        }
        // A source sits directly left of its nearest successor: no needless long edges out of sources.
        const LayoutGraph c = chain(5);
        LayoutGraph withLateSource = c;
        withLateSource.sizes.emplace_back(100, 30);
        withLateSource.edges.emplace_back(5, 4);
        const LayoutResult rc = LayeredLayout::run(withLateSource);
        QCOMPARE(rc.layerOf[5], 3);
        QCOMPARE(rc.layerOf[4], 4);
    }

    void nodes_neverOverlap()
    {
        LayoutGraph g = randomDag(400, 11);
        for (std::size_t i = 0; i < g.sizes.size(); i += 3) {
            g.sizes[i] = QSizeF(220, 64); // mixed sizes
        }
        const LayoutResult r = LayeredLayout::run(g);
        for (int a = 0; a < g.nodeCount(); ++a) {
            for (int b = a + 1; b < g.nodeCount(); ++b) {
                QVERIFY2(!rectOf(g, r, a).intersects(rectOf(g, r, b)),
                         qPrintable(QStringLiteral("nodes %1 and %2 overlap").arg(a).arg(b)));
            }
        }
        // Every node lies inside the reported bounds.
        for (int v = 0; v < g.nodeCount(); ++v) {
            QVERIFY(r.bounds.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rectOf(g, r, v)));
        }
    }

    void longEdges_becomeDummyChains()
    {
        // 0 → 1 → 2 → 3 and a shortcut 0 → 3 spanning three layers: two dummies carry it.
        LayoutGraph g = chain(4);
        g.edges.emplace_back(0, 3);
        const LayoutResult r = LayeredLayout::run(g);
        QCOMPARE(r.dummyCount(), 2);
        QCOMPARE(r.dummyEdge[0], 3);
        QCOMPARE(r.dummyEdge[1], 3);
        QCOMPARE(r.layers[1].size(), std::size_t(2));
        QCOMPARE(r.layers[2].size(), std::size_t(2));
        // The route goes through both dummies, left to right; short edges have just two points.
        const EdgeRoute &route = r.routes[3];
        QCOMPARE(route.points.size(), std::size_t(4));
        for (std::size_t i = 1; i < route.points.size(); ++i) {
            QVERIFY(route.points[i].x() > route.points[i - 1].x());
        }
        QCOMPARE(r.routes[0].points.size(), std::size_t(2));
        // The chain is in the layered graph's segments: 0 → d0 → d1 → 3.
        const int d0 = g.nodeCount();
        const int d1 = d0 + 1;
        const auto has = [&](int a, int b) {
            return std::find(r.segments.begin(), r.segments.end(), std::make_pair(a, b)) != r.segments.end();
        };
        QVERIFY(has(0, d0));
        QVERIFY(has(d0, d1));
        QVERIFY(has(d1, 3));
        QVERIFY(!has(0, 3));
    }

    void cycles_areBrokenAndTerminate()
    {
        // A ring, a two-node cycle, a self loop and repeated edges, inside a bigger random graph with back edges.
        LayoutGraph g = randomDag(500, 3);
        std::mt19937 rng(5);
        for (int k = 0; k < 200; ++k) {
            const int a = static_cast<int>(rng() % 500);
            const int b = static_cast<int>(rng() % 500);
            g.edges.emplace_back(std::max(a, b), std::min(a, b));
        }
        g.edges.emplace_back(10, 10);
        g.edges.emplace_back(20, 21);
        g.edges.emplace_back(21, 20);
        g.edges.emplace_back(20, 21);
        const LayoutResult r = LayeredLayout::run(g);
        QVERIFY(!r.cancelled);
        QVERIFY(r.reversedEdges > 0);
        QVERIFY(r.routes[g.edges.size() - 4].points.empty()); // the self loop has no route
        // Every non-loop edge spans layers in one direction, and reversed ones point back.
        for (std::size_t e = 0; e < g.edges.size(); ++e) {
            const auto [u, v] = g.edges[e];
            if (u == v) {
                continue;
            }
            const int lu = r.layerOf[static_cast<std::size_t>(u)];
            const int lv = r.layerOf[static_cast<std::size_t>(v)];
            QVERIFY(lu != lv);
            QCOMPARE(r.routes[e].reversed, lu > lv);
            // The route still runs from the edge's source to its target.
            QVERIFY(
                qFuzzyCompare(r.routes[e].points.front().y() + 1e6, r.centers[static_cast<std::size_t>(u)].y() + 1e6));
        }
    }

    void sameGraph_sameLayout()
    {
        const LayoutGraph g = randomDag(800, 21);
        const LayoutResult a = LayeredLayout::run(g);
        const LayoutResult b = LayeredLayout::run(g);
        QCOMPARE(a.centers, b.centers);
        QCOMPARE(a.layers, b.layers);
        QCOMPARE(a.crossings, b.crossings);
    }

    void cancel_stopsTheRun()
    {
        const std::atomic<bool> cancel = true;
        const LayoutResult r = LayeredLayout::run(randomDag(2000, 1), {}, &cancel);
        QVERIFY(r.cancelled);
        QVERIFY(r.centers.empty());
    }

    void countCrossings_knownGraphs_data()
    {
        QTest::addColumn<QList<QList<int>>>("layers");
        QTest::addColumn<Segments>("segments");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("parallel") << QList<QList<int>>{{0, 1}, {2, 3}} << QList<QPair<int, int>>{{0, 2}, {1, 3}}
                                  << qint64(0);
        QTest::newRow("one X") << QList<QList<int>>{{0, 1}, {2, 3}} << QList<QPair<int, int>>{{0, 3}, {1, 2}}
                               << qint64(1);
        QTest::newRow("K2,2") << QList<QList<int>>{{0, 1}, {2, 3}}
                              << QList<QPair<int, int>>{{0, 2}, {0, 3}, {1, 2}, {1, 3}} << qint64(1);
        // K3,3 between two layers: every pair of upper nodes crosses on every pair of lower nodes, 3 × 3.
        QTest::newRow("K3,3") << QList<QList<int>>{{0, 1, 2}, {3, 4, 5}}
                              << QList<QPair<int, int>>{{0, 3}, {0, 4}, {0, 5}, {1, 3}, {1, 4},
                                                        {1, 5}, {2, 3}, {2, 4}, {2, 5}}
                              << qint64(9);
        // Shared endpoints never count; full reversal of n parallel edges gives n(n-1)/2.
        QTest::newRow("fan") << QList<QList<int>>{{0}, {1, 2, 3}} << QList<QPair<int, int>>{{0, 1}, {0, 2}, {0, 3}}
                             << qint64(0);
        QTest::newRow("reversed 4") << QList<QList<int>>{{0, 1, 2, 3}, {4, 5, 6, 7}}
                                    << QList<QPair<int, int>>{{0, 7}, {1, 6}, {2, 5}, {3, 4}} << qint64(6);
        // Three layers add up; an edge skipping a layer is not a segment and is ignored.
        QTest::newRow("three layers") << QList<QList<int>>{{0, 1}, {2, 3}, {4, 5}}
                                      << QList<QPair<int, int>>{{0, 3}, {1, 2}, {2, 5}, {3, 4}, {0, 4}} << qint64(2);
    }

    void countCrossings_knownGraphs()
    {
        QFETCH(QList<QList<int>>, layers);
        QFETCH(Segments, segments);
        QFETCH(qint64, expected);
        std::vector<std::vector<int>> l;
        for (const auto &layer : layers) {
            l.emplace_back(layer.begin(), layer.end());
        }
        std::vector<std::pair<int, int>> s;
        for (const auto &[a, b] : segments) {
            s.emplace_back(a, b);
        }
        QCOMPARE(LayeredLayout::countCrossings(l, s), expected);
    }

    void crossings_reportedMatchTheCounterAndATreeHasNone()
    {
        const LayoutGraph g = randomDag(300, 9);
        const LayoutResult r = LayeredLayout::run(g);
        QCOMPARE(r.crossings, LayeredLayout::countCrossings(r.layers, r.segments));
        // Brute force on the final order agrees with the accumulator tree.
        std::vector<int> layerOf(r.layerOf), pos;
        std::vector<int> lay(static_cast<std::size_t>(g.nodeCount() + r.dummyCount()));
        pos.resize(lay.size());
        for (std::size_t l = 0; l < r.layers.size(); ++l) {
            for (std::size_t i = 0; i < r.layers[l].size(); ++i) {
                lay[static_cast<std::size_t>(r.layers[l][i])] = static_cast<int>(l);
                pos[static_cast<std::size_t>(r.layers[l][i])] = static_cast<int>(i);
            }
        }
        std::int64_t brute = 0;
        for (std::size_t i = 0; i < r.segments.size(); ++i) {
            for (std::size_t j = i + 1; j < r.segments.size(); ++j) {
                const auto [a, b] = r.segments[i];
                const auto [c, d] = r.segments[j];
                if (lay[static_cast<std::size_t>(a)] != lay[static_cast<std::size_t>(c)]) {
                    continue;
                }
                const int pa = pos[static_cast<std::size_t>(a)], pb = pos[static_cast<std::size_t>(b)];
                const int pc = pos[static_cast<std::size_t>(c)], pd = pos[static_cast<std::size_t>(d)];
                if ((pa < pc && pb > pd) || (pa > pc && pb < pd)) {
                    ++brute;
                }
            }
        }
        QCOMPARE(r.crossings, brute);
        QVERIFY(r.crossings > 0);

        // A binary tree can always be drawn without crossings, and the sweeps find such an order.
        LayoutGraph tree;
        tree.sizes.assign(127, QSizeF(80, 20));
        for (int v = 1; v < 127; ++v) {
            tree.edges.emplace_back((v - 1) / 2, v);
        }
        std::reverse(tree.edges.begin(), tree.edges.end()); // a scrambled start order
        QCOMPARE(LayeredLayout::run(tree).crossings, std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestLayeredLayout)
#include "tst_layeredlayout.moc"
