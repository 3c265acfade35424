#pragma once

// Reduces a long series to a point budget for drawing, keeping its shape: a chart is about as wide as a few
// thousand pixels, and drawing costs ~15 ms per 100k points, so the view draws about two points per pixel while
// the data behind it (hover values, CSV) stays exact. Pure functions; any thread.

#include <QList>
#include <QPointF>

#include <span>

namespace meshlens::models {

// Min/max per x bucket: the x range is cut into budget / 2 equal columns and each column keeps its lowest and
// highest point, in x order. Every spike survives (the global min and max always do). Points must be sorted by x;
// points with a NaN y are gaps and dropped. A series within budget comes back unchanged (minus gaps).
[[nodiscard]] QList<QPointF> downsampleMinMax(std::span<const QPointF> points, int budget);

// Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the first and last points and, from each of
// budget - 2 buckets, the point forming the largest triangle with its neighbours. Visually faithful and exactly
// `budget` points, but a spike shares its bucket's vote, so min/max is what the charts use for SLA lines.
[[nodiscard]] QList<QPointF> downsampleLttb(std::span<const QPointF> points, int budget);

} // namespace meshlens::models
