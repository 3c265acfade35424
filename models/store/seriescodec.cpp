#include "seriescodec.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace meshlens::models {

std::vector<std::byte> SeriesCodec::encode(std::span<const float> values)
{
    std::vector<std::byte> out(values.size() * sizeof(float));
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(out.data(), values.data(), out.size());
    } else {
        for (std::size_t i = 0; i < values.size(); ++i) {
            std::uint32_t bits = std::bit_cast<std::uint32_t>(values[i]);
            for (int b = 0; b < 4; ++b) {
                out[i * 4 + b] = static_cast<std::byte>((bits >> (8 * b)) & 0xff);
            }
        }
    }
    return out;
}

std::vector<float> SeriesCodec::decode(std::span<const std::byte> blob)
{
    std::vector<float> out(blob.size() / sizeof(float));
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(out.data(), blob.data(), out.size() * sizeof(float));
    } else {
        for (std::size_t i = 0; i < out.size(); ++i) {
            std::uint32_t bits = 0;
            for (int b = 0; b < 4; ++b) {
                bits |= static_cast<std::uint32_t>(blob[i * 4 + b]) << (8 * b);
            }
            out[i] = std::bit_cast<float>(bits);
        }
    }
    return out;
}

} // namespace meshlens::models
