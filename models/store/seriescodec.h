#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace meshlens::models {

// Encodes SLA measurement values and check observed values as little-endian float32 blobs (NaN = gap), the
// storage format of sla_series.vals and check_series.vals.
class SeriesCodec final
{
public:
    [[nodiscard]] static std::vector<std::byte> encode(std::span<const float> values);
    [[nodiscard]] static std::vector<float> decode(std::span<const std::byte> blob);
};

} // namespace meshlens::models
