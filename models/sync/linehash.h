#pragma once

#include <cstdint>
#include <string_view>

namespace meshlens::models {

// XXH64 (Yann Collet's xxHash, 64-bit variant) of `bytes`: a fast, stable content hash. What a bundle source keeps of
// each record line it read, to tell on its next sync which products changed; stable across machines, builds and Qt
// versions (unlike qHash), since the hashes outlive the process in the cache.
[[nodiscard]] std::uint64_t lineHash(std::string_view bytes, std::uint64_t seed = 0);

} // namespace meshlens::models
