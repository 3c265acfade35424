#pragma once

// Graphs the lineage benchmarks share: the suite's layout measurements and the frame-time child draw the same ones.

#include "models/lineage/layeredlayout.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace meshlens::bench {

inline const QSizeF kNodeSize(180, 44);

// A lineage-like DAG: nodes spread over bands (about sqrt(n)/2 of them), each node after the first band fed by
// inputs from the previous few bands, mostly the nearest; average out-degree about 1.5.
inline models::LayoutGraph randomLayeredDag(int n, unsigned seed)
{
    std::mt19937 rng(seed);
    models::LayoutGraph g;
    g.sizes.assign(static_cast<std::size_t>(n), kNodeSize);
    const int bands = std::max(3, static_cast<int>(std::sqrt(static_cast<double>(n)) / 2));
    const auto bandOf = [&](int v) { return static_cast<int>(static_cast<std::int64_t>(v) * bands / n); };
    std::vector<int> bandStart(static_cast<std::size_t>(bands) + 1, n);
    for (int v = n - 1; v >= 0; --v) {
        bandStart[static_cast<std::size_t>(bandOf(v))] = v;
    }
    const int firstBandEnd = bandStart[1];
    const double perNode = 1.5 * n / std::max(1, n - firstBandEnd);
    std::geometric_distribution<int> extra(1.0 / perNode);
    for (int v = firstBandEnd; v < n; ++v) {
        const int b = bandOf(v);
        const int inputs = std::max(1, std::min(6, extra(rng)));
        for (int k = 0; k < inputs; ++k) {
            const unsigned roll = rng() % 100;
            const int back = roll < 65 ? 1 : roll < 88 ? 2 : 3 + static_cast<int>(rng() % 3);
            const int from = std::max(0, b - back);
            const int lo = bandStart[static_cast<std::size_t>(from)];
            const int hi = bandStart[static_cast<std::size_t>(from) + 1];
            g.edges.emplace_back(lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo)), v);
        }
    }
    return g;
}

int childLineageFrames(int argc, char **argv);

} // namespace meshlens::bench
