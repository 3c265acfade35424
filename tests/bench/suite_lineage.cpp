// Suite `lineage`: layout time and edge crossings of LayeredLayout on random layered DAGs and on neighbourhoods of
// a generated catalog, against Graphviz `dot` (and `dot -Gnslimit=0.2`) on the same graphs in the same run.
// Crossings of both are counted by the same function (LayeredLayout::countCrossings): dot's layer orders come from
// its -Tplain positions, its long edges cut where their splines cross each intermediate rank.

#include "benchutil.h"
#include "lineagegraphs.h"

#include "models/lineage/layeredlayout.h"
#include "models/store/database.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include <time.h>

namespace meshlens::bench {

using namespace meshlens::models;

namespace {

constexpr double kDotDpi = 72.0;

QByteArray toDot(const LayoutGraph &g)
{
    QByteArray out = "digraph g {\nrankdir=LR;\nnode [shape=box, fixedsize=true, label=\"\", width=" +
                     QByteArray::number(kNodeSize.width() / kDotDpi) +
                     ", height=" + QByteArray::number(kNodeSize.height() / kDotDpi) + "];\n";
    for (int v = 0; v < g.nodeCount(); ++v) {
        out += QByteArray::number(v) + ";\n";
    }
    for (const auto &[u, v] : g.edges) {
        out += QByteArray::number(u) + " -> " + QByteArray::number(v) + ";\n";
    }
    return out + "}\n";
}

struct DotRun
{
    double ms = -1;
    std::int64_t crossings = -1;
};

// Runs dot on the graph and counts the crossings of its drawing: ranks are the distinct x of the nodes (rankdir=LR),
// the order inside a rank is by y, and a long edge gets one point per rank it passes, read off its spline.
DotRun runDot(const LayoutGraph &g, const QStringList &extra)
{
    DotRun r;
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("dot"), QStringList{QStringLiteral("-Tplain")} + extra);
    p.write(toDot(g));
    p.closeWriteChannel();
    if (!p.waitForFinished(600000) || p.exitCode() != 0) {
        return r;
    }
    r.ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
    const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
    std::vector<QPointF> pos(static_cast<std::size_t>(g.nodeCount()));
    struct Spline
    {
        int from, to;
        std::vector<QPointF> pts;
    };
    std::vector<Spline> splines;
    for (const QByteArray &line : lines) {
        const QList<QByteArray> f = line.split(' ');
        if (f.value(0) == "node" && f.size() > 3) {
            pos[static_cast<std::size_t>(f[1].toInt())] = QPointF(f[2].toDouble(), f[3].toDouble());
        } else if (f.value(0) == "edge" && f.size() > 3) {
            Spline s{f[1].toInt(), f[2].toInt(), {}};
            const int count = f[3].toInt();
            for (int i = 0; i < count && 5 + 2 * i < f.size(); ++i) {
                s.pts.emplace_back(f[4 + 2 * i].toDouble(), f[5 + 2 * i].toDouble());
            }
            splines.push_back(std::move(s));
        }
    }
    std::map<long, int> rankOfX;
    for (const QPointF &p : pos) {
        rankOfX.emplace(std::lround(p.x() * 100), 0);
    }
    int rank = 0;
    std::vector<double> rankX;
    for (auto &[x, rk] : rankOfX) {
        rk = rank++;
        rankX.push_back(static_cast<double>(x) / 100);
    }
    std::vector<std::vector<std::pair<double, int>>> byRank(rankX.size());
    std::vector<std::pair<int, int>> segments;
    const auto rankOf = [&](int v) { return rankOfX.at(std::lround(pos[static_cast<std::size_t>(v)].x() * 100)); };
    for (int v = 0; v < g.nodeCount(); ++v) {
        byRank[static_cast<std::size_t>(rankOf(v))].emplace_back(pos[static_cast<std::size_t>(v)].y(), v);
    }
    int nextId = g.nodeCount();
    for (const Spline &s : splines) {
        int a = s.from, b = s.to;
        if (rankOf(a) > rankOf(b)) {
            std::swap(a, b);
        }
        const int ra = rankOf(a), rb = rankOf(b);
        if (ra == rb) {
            continue;
        }
        // Sample the piecewise cubic Bézier, then read y where it crosses each intermediate rank's x.
        std::vector<QPointF> poly;
        for (std::size_t i = 0; i + 3 < s.pts.size(); i += 3) {
            for (int k = 0; k <= 16; ++k) {
                const double t = k / 16.0, u = 1 - t;
                poly.push_back(u * u * u * s.pts[i] + 3 * u * u * t * s.pts[i + 1] + 3 * u * t * t * s.pts[i + 2] +
                               t * t * t * s.pts[i + 3]);
            }
        }
        int prev = a;
        for (int rk = ra + 1; rk < rb; ++rk) {
            const double x = rankX[static_cast<std::size_t>(rk)];
            double y = (pos[static_cast<std::size_t>(a)].y() + pos[static_cast<std::size_t>(b)].y()) / 2;
            for (std::size_t i = 0; i + 1 < poly.size(); ++i) {
                const QPointF p0 = poly[i], p1 = poly[i + 1];
                if ((p0.x() - x) * (p1.x() - x) <= 0 && p0.x() != p1.x()) {
                    y = p0.y() + (p1.y() - p0.y()) * (x - p0.x()) / (p1.x() - p0.x());
                    break;
                }
            }
            const int d = nextId++;
            byRank[static_cast<std::size_t>(rk)].emplace_back(y, d);
            segments.emplace_back(prev, d);
            prev = d;
        }
        segments.emplace_back(prev, b);
    }
    std::vector<std::vector<int>> layers;
    for (auto &r2 : byRank) {
        std::sort(r2.begin(), r2.end());
        std::vector<int> order;
        for (const auto &[y, v] : r2) {
            order.push_back(v);
        }
        layers.push_back(std::move(order));
    }
    r.crossings = LayeredLayout::countCrossings(layers, segments);
    return r;
}

// CPU time of this thread: with five engineers compiling on two cores, wall time mostly measures the queue.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

void measure(const QString &caseName, const LayoutGraph &g, bool withDot, int repeats)
{
    std::vector<double> times, cpu;
    LayoutResult result;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer t;
        t.start();
        const double c0 = threadCpuMs();
        result = LayeredLayout::run(g);
        cpu.push_back(threadCpuMs() - c0);
        times.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    const Percentiles p = percentiles(times);
    report({{QStringLiteral("suite"), QStringLiteral("lineage")},
            {QStringLiteral("case"), caseName},
            {QStringLiteral("impl"), QStringLiteral("meshlens")},
            {QStringLiteral("n"), g.nodeCount()},
            {QStringLiteral("edges"), static_cast<qint64>(g.edges.size())},
            {QStringLiteral("ms"), *std::min_element(times.begin(), times.end())},
            {QStringLiteral("p50_ms"), p.p50},
            {QStringLiteral("cpu_ms"), *std::min_element(cpu.begin(), cpu.end())},
            {QStringLiteral("crossings"), static_cast<qint64>(result.crossings)},
            {QStringLiteral("layers"), static_cast<qint64>(result.layers.size())},
            {QStringLiteral("dummies"), result.dummyCount()}});
    if (!withDot) {
        progress(QStringLiteral("lineage %1 n=%2: dot skipped (above 5k nodes dot takes minutes)")
                     .arg(caseName)
                     .arg(g.nodeCount()));
        return;
    }
    for (const auto &[impl, args] :
         {std::pair{QStringLiteral("dot"), QStringList{}},
          std::pair{QStringLiteral("dot-nslimit0.2"), QStringList{QStringLiteral("-Gnslimit=0.2")}}}) {
        progress(QStringLiteral("lineage %1 n=%2: running %3").arg(caseName).arg(g.nodeCount()).arg(impl));
        const DotRun d = runDot(g, args);
        if (d.ms < 0) {
            progress(QStringLiteral("lineage: %1 failed").arg(impl));
            continue;
        }
        report({{QStringLiteral("suite"), QStringLiteral("lineage")},
                {QStringLiteral("case"), caseName},
                {QStringLiteral("impl"), impl},
                {QStringLiteral("n"), g.nodeCount()},
                {QStringLiteral("edges"), static_cast<qint64>(g.edges.size())},
                {QStringLiteral("ms"), d.ms},
                {QStringLiteral("crossings"), static_cast<qint64>(d.crossings)},
                {QStringLiteral("ratio"),
                 d.crossings > 0 ? static_cast<double>(result.crossings) / static_cast<double>(d.crossings) : 0.0}});
    }
}

// A neighbourhood of about n nodes in a generated catalog's lineage: breadth-first from its busiest product across
// edges in both directions (so it mixes upstream, downstream and siblings, as expanding nodes in the view does),
// with every edge among the nodes reached.
std::optional<LayoutGraph> catalogNeighbourhood(Database &db, int n)
{
    std::map<QString, int> index;
    std::vector<std::pair<int, int>> edges;
    Statement st = db.prepare("SELECT from_ext, to_ext FROM lineage ORDER BY id");
    const auto id = [&](const QString &ext) {
        return index.emplace(ext, static_cast<int>(index.size())).first->second;
    };
    while (st.next()) {
        edges.emplace_back(id(st.text(0)), id(st.text(1)));
    }
    if (edges.empty()) {
        return std::nullopt;
    }
    std::vector<std::vector<int>> adj(index.size());
    for (const auto &[u, v] : edges) {
        adj[static_cast<std::size_t>(u)].push_back(v);
        adj[static_cast<std::size_t>(v)].push_back(u);
    }
    int hub = 0;
    for (std::size_t v = 0; v < adj.size(); ++v) {
        if (adj[v].size() > adj[static_cast<std::size_t>(hub)].size()) {
            hub = static_cast<int>(v);
        }
    }
    std::vector<int> local(index.size(), -1), order{hub};
    local[static_cast<std::size_t>(hub)] = 0;
    for (std::size_t i = 0; i < order.size() && static_cast<int>(order.size()) < n; ++i) {
        for (const int w : adj[static_cast<std::size_t>(order[i])]) {
            if (local[static_cast<std::size_t>(w)] < 0 && static_cast<int>(order.size()) < n) {
                local[static_cast<std::size_t>(w)] = static_cast<int>(order.size());
                order.push_back(w);
            }
        }
    }
    LayoutGraph g;
    g.sizes.assign(order.size(), kNodeSize);
    for (const auto &[u, v] : edges) {
        if (local[static_cast<std::size_t>(u)] >= 0 && local[static_cast<std::size_t>(v)] >= 0) {
            g.edges.emplace_back(local[static_cast<std::size_t>(u)], local[static_cast<std::size_t>(v)]);
        }
    }
    return g;
}

} // namespace

int runLineage(const Options &options)
{
    // MESHLENS_BENCH_NO_DOT=1 measures our engine alone (quick iterations while tuning).
    const bool haveDot = !QStandardPaths::findExecutable(QStringLiteral("dot")).isEmpty() &&
                         !qEnvironmentVariableIsSet("MESHLENS_BENCH_NO_DOT");
    if (!haveDot) {
        progress(QStringLiteral("lineage: Graphviz dot not found; reporting our engine only"));
    }
    std::vector<int> sizes =
        options.quick ? std::vector<int>{100, 500, 1000} : std::vector<int>{100, 500, 1000, 2000, 5000, 20000};
    if (options.products) {
        sizes = {static_cast<int>(*options.products)};
    }
    for (const int n : sizes) {
        const int repeats = options.repeats > 0 ? options.repeats : (n <= 2000 ? 5 : 3);
        progress(QStringLiteral("lineage: random DAG n=%1").arg(n));
        measure(QStringLiteral("random-dag"), randomLayeredDag(n, 42), haveDot && n <= 5000, repeats);
    }
    // Frame times of the view while panning and zooming, in a child process with its own offscreen QApplication.
    for (const int frameNodes : options.quick ? std::vector<int>{1000} : std::vector<int>{1000, 5000}) {
        progress(QStringLiteral("lineage: frame times at %1 nodes").arg(frameNodes));
        const auto f =
            runChild({QStringLiteral("--child"), QStringLiteral("lineage-frames"), QString::number(frameNodes)},
                     {QStringLiteral("QT_QPA_PLATFORM=offscreen")});
        if (!f) {
            continue;
        }
        for (const char *interaction : {"fit", "pan_fit", "zoom", "pan_readable"}) {
            QJsonObject line{{QStringLiteral("suite"), QStringLiteral("lineage")},
                             {QStringLiteral("case"), QStringLiteral("frames-%1").arg(QLatin1String(interaction))},
                             {QStringLiteral("impl"), QStringLiteral("meshlens")},
                             {QStringLiteral("n"), frameNodes},
                             {QStringLiteral("zoom_at_fit"), f->value(QLatin1String("zoom_at_fit"))},
                             {QStringLiteral("scene_build_ms"), f->value(QLatin1String("scene_build_ms"))}};
            const QJsonObject p = f->value(QLatin1String(interaction)).toObject();
            for (auto it = p.begin(); it != p.end(); ++it) {
                line.insert(it.key(), it.value());
            }
            report(line);
        }
    }
    // Generated-catalog neighbourhoods: the catalog is big enough that the largest size fits around one hub.
    const QString cache = cacheFor(options, options.quick ? 5'000 : 50'000);
    Database db;
    if (cache.isEmpty() || db.open(cache, Database::Mode::ReadOnly)) {
        progress(QStringLiteral("lineage: no generated catalog; skipping the catalog neighbourhoods"));
        return 0;
    }
    for (const int n : sizes) {
        const auto g = catalogNeighbourhood(db, n);
        if (!g) {
            progress(QStringLiteral("lineage: the generated catalog has no lineage"));
            return 1;
        }
        const int repeats = options.repeats > 0 ? options.repeats : (n <= 2000 ? 5 : 3);
        measure(QStringLiteral("catalog-neighbourhood"), *g, haveDot && g->nodeCount() <= 5000, repeats);
    }
    return 0;
}

} // namespace meshlens::bench
