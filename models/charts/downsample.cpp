#include "downsample.h"

#include <cmath>

namespace meshlens::models {

namespace {

QList<QPointF> withoutGaps(std::span<const QPointF> points)
{
    QList<QPointF> out;
    out.reserve(static_cast<qsizetype>(points.size()));
    for (const QPointF &p : points) {
        if (!std::isnan(p.y())) {
            out.append(p);
        }
    }
    return out;
}

} // namespace

QList<QPointF> downsampleMinMax(std::span<const QPointF> input, int budget)
{
    const QList<QPointF> points = withoutGaps(input);
    if (points.size() <= budget || budget < 2) {
        return budget < 2 && !points.isEmpty() ? QList<QPointF>{points.first()} : points;
    }
    const int buckets = budget / 2;
    const double x0 = points.first().x();
    const double width = points.last().x() - x0;
    QList<QPointF> out;
    out.reserve(budget);
    qsizetype i = 0;
    const qsizetype n = points.size();
    for (int b = 0; b < buckets && i < n; ++b) {
        // Column b holds x < x0 + width * (b + 1) / buckets; the last column takes the rest.
        const double limit = b + 1 == buckets ? INFINITY : x0 + width * (b + 1) / buckets;
        if (points[i].x() >= limit) {
            continue;
        }
        qsizetype lo = i, hi = i;
        for (; i < n && points[i].x() < limit; ++i) {
            if (points[i].y() < points[lo].y()) {
                lo = i;
            }
            if (points[i].y() > points[hi].y()) {
                hi = i;
            }
        }
        out.append(points[std::min(lo, hi)]);
        if (lo != hi) {
            out.append(points[std::max(lo, hi)]);
        }
    }
    return out;
}

QList<QPointF> downsampleLttb(std::span<const QPointF> input, int budget)
{
    const QList<QPointF> points = withoutGaps(input);
    const qsizetype n = points.size();
    if (n <= budget) {
        return points;
    }
    if (budget < 3) { // no room for a middle: the ends, or the start alone
        return budget == 2 ? QList<QPointF>{points.first(), points.last()} : points.mid(0, std::max(budget, 0));
    }
    QList<QPointF> out;
    out.reserve(budget);
    out.append(points.first());
    const double every = static_cast<double>(n - 2) / (budget - 2);
    qsizetype a = 0; // the point chosen in the previous bucket
    for (int b = 0; b < budget - 2; ++b) {
        const auto from = static_cast<qsizetype>(std::floor(b * every)) + 1;
        const auto to = std::min(static_cast<qsizetype>(std::floor((b + 1) * every)) + 1, n - 1);
        // The next bucket's average is the third corner of the triangle.
        const auto nextFrom = to;
        const auto nextTo = std::min(static_cast<qsizetype>(std::floor((b + 2) * every)) + 1, n);
        double avgX = 0, avgY = 0;
        for (qsizetype j = nextFrom; j < nextTo; ++j) {
            avgX += points[j].x();
            avgY += points[j].y();
        }
        const auto count = static_cast<double>(std::max<qsizetype>(nextTo - nextFrom, 1));
        avgX /= count;
        avgY /= count;
        double bestArea = -1;
        qsizetype best = from;
        for (qsizetype j = from; j < to; ++j) {
            const double area = std::abs((points[a].x() - avgX) * (points[j].y() - points[a].y()) -
                                         (points[a].x() - points[j].x()) * (avgY - points[a].y()));
            if (area > bestArea) {
                bestArea = area;
                best = j;
            }
        }
        out.append(points[best]);
        a = best;
    }
    out.append(points.last());
    return out;
}

} // namespace meshlens::models
