#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

namespace meshlens::models {

// The input of a layered layout: nodes 0..n-1 with their sizes, and directed edges (upstream → downstream).
// Edges may form cycles, repeat, or loop on a node; the layout tolerates all three.
struct LayoutGraph
{
    std::vector<QSizeF> sizes;
    std::vector<std::pair<int, int>> edges;

    [[nodiscard]] int nodeCount() const { return static_cast<int>(sizes.size()); }
};

struct LayoutOptions
{
    double layerGap = 80;     // horizontal space between the widest nodes of adjacent layers
    double nodeGap = 16;      // vertical space between neighbours in a layer
    double dummySize = 4;     // the thickness a long edge takes in the layers it crosses
    int maxSweeps = 24;       // crossing-minimisation sweeps (down + up is two)
    int stallSweeps = 6;      // stop sweeping after this many sweeps without fewer crossings
    int coordinatePasses = 8; // coordinate-balancing passes (each a down and an up sweep)
};

// One edge's route: points from the source's right side to the target's left side through the long edge's
// dummy positions. `reversed` says the layout turned the edge around to break a cycle (the points still run
// from the edge's source to its target).
struct EdgeRoute
{
    std::vector<QPointF> points;
    bool reversed = false;
};

struct LayoutResult
{
    std::vector<QPointF> centers; // per input node
    std::vector<int> layerOf;     // per input node; 0 is the most upstream
    // The final order of every layer, input nodes and dummies (ids >= nodeCount) alike.
    std::vector<std::vector<int>> layers;
    // Adjacent-layer edges of the layered graph (the long edges cut into dummy chains), as (upper id, lower id).
    std::vector<std::pair<int, int>> segments;
    std::vector<EdgeRoute> routes; // per input edge; empty for self loops
    std::vector<int> dummyEdge;    // per dummy (id - nodeCount): the input edge it belongs to
    std::int64_t crossings = 0;
    int reversedEdges = 0;
    QRectF bounds;
    bool cancelled = false;

    [[nodiscard]] int dummyCount() const { return static_cast<int>(dummyEdge.size()); }
};

// A Sugiyama-style layered layout, left (upstream) to right (downstream): cycle breaking by depth-first search,
// longest-path layering pulled towards successors, dummy chains for long edges, crossing minimisation by
// weighted-median sweeps with transposition keeping the best order seen, and coordinates balanced by weighted
// isotonic regression (every node as close to its neighbours' median as order and spacing allow, long edges
// weighted so they run straight). Pure and deterministic: the same graph gives the same layout. Runs on any
// thread; `cancel` (optional) is polled between and inside phases.
class LayeredLayout final
{
public:
    [[nodiscard]] static LayoutResult run(const LayoutGraph &graph, const LayoutOptions &options = {},
                                          const std::atomic<bool> *cancel = nullptr);

    // Crossings between each pair of adjacent layers, for edges given as (upper id, lower id) with ids ordered
    // by `position` inside their layer (Barth–Jünger–Mutzel accumulator tree, O(E log V)).
    [[nodiscard]] static std::int64_t countCrossings(const std::vector<std::vector<int>> &layers,
                                                     const std::vector<std::pair<int, int>> &segments);
};

} // namespace meshlens::models
