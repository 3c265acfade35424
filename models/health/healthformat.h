#pragma once

// Display text for health figures, shared by the health item models, the Health tab and CSV export.

#include <QString>

#include <cstdint>
#include <optional>

namespace meshlens::models {

[[nodiscard]] QString formatShare(std::optional<double> share); // 0.957 -> "95.7 %"; empty when absent
[[nodiscard]] QString formatDuration(std::int64_t seconds);     // "3 d", "5 h", "12 min"
[[nodiscard]] QString formatTarget(bool atLeast, double target, const QString &unit); // "≥ 99.5 %"
[[nodiscard]] QString formatValue(double value, const QString &unit);                 // "3.25 h"

} // namespace meshlens::models
