// `meshlens-bench --child lineage-frames N [--screenshot FILE [--readable]]`: frame times of the lineage view on a
// graph of N nodes, offscreen. The real LineageScene and LineageView (BSP index, level of detail, one edges item) in a
// 1280×800 viewport; each frame is a synchronous repaint after one pan step or zoom step. Prints one JSON object
// with the percentiles of each interaction (the lineage suite turns it into report lines).

#include "benchutil.h"
#include "lineagegraphs.h"

#include "models/lineage/lineagegraph.h"
#include "ui/lineagescene.h"
#include "ui/lineageview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QScrollBar>

#include <cstdio>

namespace meshlens::bench {

namespace {

// A catalog-like graph over the random DAG: names, domains, owners and a mix of health states.
models::LineageGraph syntheticLineage(const models::LayoutGraph &dag)
{
    static const char *domains[] = {"Sales", "Finance",   "Customer",  "Supply Chain",
                                    "HR",    "Payments",  "Marketing", "Product Analytics",
                                    "Risk",  "Logistics", "Support",   "Data Platform"};
    models::LineageGraph g;
    for (int v = 0; v < dag.nodeCount(); ++v) {
        models::LineageNode n;
        n.key = QStringLiteral("node.%1").arg(v);
        n.extId = n.key;
        n.entryId = v + 1;
        n.domain = QLatin1String(domains[v % 12]);
        n.name = QStringLiteral("%1 dataset %2").arg(n.domain).arg(v);
        n.owners = QStringLiteral("Team %1").arg(v % 37);
        n.health.state = static_cast<models::NodeHealth::State>(v % 4);
        g.addNode(n);
    }
    for (const auto &[u, v] : dag.edges) {
        g.addEdge({u, v, {}, {}, {}});
    }
    return g;
}

QJsonObject framesOf(const std::vector<double> &ms)
{
    const Percentiles p = percentiles(ms);
    return {{QStringLiteral("p50_ms"), p.p50}, {QStringLiteral("p95_ms"), p.p95}, {QStringLiteral("p99_ms"), p.p99}};
}

} // namespace

int childLineageFrames(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int n = args.value(3).toInt();
    const int screenshotAt = static_cast<int>(args.indexOf(QStringLiteral("--screenshot")));
    const models::LayoutGraph dag = randomLayeredDag(n, 42);
    models::LineageGraph graph = syntheticLineage(dag);
    models::VisibleSet visible;
    for (int v = 0; v < graph.nodeCount(); ++v) {
        visible.nodes.push_back(v);
    }
    const models::LayoutResult layout =
        models::LayeredLayout::run(graph.layoutGraph(visible.nodes, [](int) { return QSizeF(200, 54); }));

    ui::LineageScene scene;
    QElapsedTimer build;
    build.start();
    scene.setDrawing(graph, visible, layout, 0);
    const double buildMs = static_cast<double>(build.nsecsElapsed()) / 1e6;
    ui::LineageView view;
    view.setScene(&scene);
    view.resize(1280, 800);
    view.setMinimapVisible(true);
    view.show();
    QCoreApplication::processEvents();
    view.fit();
    QCoreApplication::processEvents();

    if (screenshotAt > 0) {
        if (args.contains(QStringLiteral("--readable"))) { // the zoom the pan_readable frames are taken at
            view.resetTransform();
            view.centerOn(scene.sceneRect().center());
            QCoreApplication::processEvents();
        }
        const bool ok = view.grab().save(args.value(screenshotAt + 1));
        return ok ? 0 : 1;
    }

    const auto frame = [&]() {
        QElapsedTimer t;
        t.start();
        view.viewport()->repaint();
        return static_cast<double>(t.nsecsElapsed()) / 1e6;
    };
    const auto pan = [&](int steps) {
        std::vector<double> ms;
        QScrollBar *h = view.horizontalScrollBar();
        QScrollBar *v = view.verticalScrollBar();
        for (int i = 0; i < steps; ++i) {
            const int dir = (i / 20) % 2 == 0 ? 1 : -1; // back and forth
            h->setValue(h->value() + dir * 40);
            v->setValue(v->value() + dir * 25);
            ms.push_back(frame());
        }
        return ms;
    };
    frame(); // warm caches (fonts, glyphs)
    QJsonObject out{{QStringLiteral("n"), n},
                    {QStringLiteral("items"), scene.itemCount()},
                    {QStringLiteral("scene_build_ms"), buildMs}};
    std::vector<double> fitFrames;
    for (int i = 0; i < 20; ++i) {
        fitFrames.push_back(frame());
    }
    out.insert(QStringLiteral("fit"), framesOf(fitFrames));
    out.insert(QStringLiteral("zoom_at_fit"), view.zoom());
    out.insert(QStringLiteral("pan_fit"), framesOf(pan(60)));
    std::vector<double> zoomFrames;
    view.centerOn(scene.sceneRect().center());
    for (int i = 0; i < 60; ++i) {
        view.zoomBy((i / 10) % 2 == 0 ? 1.25 : 0.8); // in and out through the level-of-detail switch
        zoomFrames.push_back(frame());
    }
    out.insert(QStringLiteral("zoom"), framesOf(zoomFrames));
    view.resetTransform();
    view.centerOn(scene.sceneRect().center());
    out.insert(QStringLiteral("pan_readable"), framesOf(pan(60)));
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    return 0;
}

} // namespace meshlens::bench
