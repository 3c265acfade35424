#include "linehash.h"

#include <bit>

namespace meshlens::models {

namespace {

constexpr std::uint64_t kP1 = 11400714785074694791ULL;
constexpr std::uint64_t kP2 = 14029467366897019727ULL;
constexpr std::uint64_t kP3 = 1609587929392839161ULL;
constexpr std::uint64_t kP4 = 9650029242287828579ULL;
constexpr std::uint64_t kP5 = 2870177450012600261ULL;

// Little-endian reads, so the hash is the same on every machine.
std::uint64_t read64(const unsigned char *p)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) {
        v = (v << 8) | p[i];
    }
    return v;
}

std::uint32_t read32(const unsigned char *p)
{
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

std::uint64_t round(std::uint64_t acc, std::uint64_t input)
{
    acc += input * kP2;
    acc = std::rotl(acc, 31);
    return acc * kP1;
}

std::uint64_t mergeRound(std::uint64_t acc, std::uint64_t value)
{
    acc ^= round(0, value);
    return acc * kP1 + kP4;
}

} // namespace

std::uint64_t lineHash(std::string_view bytes, std::uint64_t seed)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const std::size_t len = bytes.size();
    const unsigned char *const end = p + len;
    std::uint64_t h = 0;
    if (len >= 32) {
        std::uint64_t v1 = seed + kP1 + kP2, v2 = seed + kP2, v3 = seed, v4 = seed - kP1;
        const unsigned char *const limit = end - 32;
        do {
            v1 = round(v1, read64(p));
            v2 = round(v2, read64(p + 8));
            v3 = round(v3, read64(p + 16));
            v4 = round(v4, read64(p + 24));
            p += 32;
        } while (p <= limit);
        h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
        h = mergeRound(h, v1);
        h = mergeRound(h, v2);
        h = mergeRound(h, v3);
        h = mergeRound(h, v4);
    } else {
        h = seed + kP5;
    }
    h += len;
    while (p + 8 <= end) {
        h ^= round(0, read64(p));
        h = std::rotl(h, 27) * kP1 + kP4;
        p += 8;
    }
    if (p + 4 <= end) {
        h ^= std::uint64_t(read32(p)) * kP1;
        h = std::rotl(h, 23) * kP2 + kP3;
        p += 4;
    }
    while (p < end) {
        h ^= *p * kP5;
        h = std::rotl(h, 11) * kP1;
        ++p;
    }
    h ^= h >> 33;
    h *= kP2;
    h ^= h >> 29;
    h *= kP3;
    h ^= h >> 32;
    return h;
}

} // namespace meshlens::models
