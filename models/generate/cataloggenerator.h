#pragma once

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>

class QIODevice;

namespace meshlens::models {

struct GeneratorOptions
{
    std::int64_t products = 300;
    std::uint64_t seed = 1;
    // The last day of measurements, epoch seconds (a UTC midnight). Part of the output, so part of determinism.
    std::int64_t asOf = 0;
    int days = 180;
};

// Writes a realistic, deterministic data-mesh catalog as a MeshLens bundle (snapshot): domains of the three
// kinds, teams, people, products with Markdown descriptions, owners, tags, tiers, ports with columns, SLAs with
// measurement series, checks with result series (incidents and breaches, not uniform noise), and a lineage DAG
// flowing source-aligned -> aggregate -> consumer-aligned. Streams: memory does not grow with the product count.
// The same options always give the same bytes. Used by `meshlens generate`, the build (the sample catalog),
// tests and benchmarks; runs on whichever thread calls write().
class CatalogGenerator final
{
public:
    explicit CatalogGenerator(GeneratorOptions options);

    // Returns an error message if writing to `out` failed. `onProgress` (optional) gets the products written so
    // far every few thousand products; `cancel` (optional) stops the run with an error.
    [[nodiscard]] std::optional<QString> write(QIODevice &out, const std::function<void(std::int64_t)> &onProgress = {},
                                               const std::atomic<bool> *cancel = nullptr) const;

    // The ext id of product i (0-based), as written to the bundle: lets tests and benches name products.
    [[nodiscard]] std::string productId(std::int64_t index) const;

    // Today's UTC midnight, the default asOf.
    static std::int64_t todayUtcMidnight();

private:
    GeneratorOptions m_options;
};

} // namespace meshlens::models
