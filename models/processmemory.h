#pragma once

namespace meshlens::models {

// This process's resident memory in MB, from /proc/self/status (0 where that does not exist). Used by the
// startup probe and the benchmarks.
double residentMemoryMb();
double peakResidentMemoryMb();

} // namespace meshlens::models
