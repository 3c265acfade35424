#pragma once

#include <optional>
#include <string>
#include <utility>

// The words of service-level objectives as sources write them, read into one spelling for the writer, the charts
// and the health views. Every source that reads SLAs (data contracts, OpenMetadata's data contracts) goes through
// here, so "day", "days" and "d" are one unit and "Freshness" and "freshness" one kind. Pure functions.
namespace meshlens::models::slaterms {

// "24", " 99.9 %", "0.5": a plain number (a trailing % or space is allowed); nothing else.
[[nodiscard]] std::optional<double> number(const std::string &text);

// "d", "day", "days" -> "d"; "hours" -> "h"; "percent" -> "%" ...; nullopt for a unit MeshLens does not know.
[[nodiscard]] std::optional<std::string> unit(const std::string &raw);

// "25h", "99.9%", "P1Y", "PT30M": a number and a unit in one string (DCS service levels, ISO-8601 durations).
[[nodiscard]] std::optional<std::pair<double, std::string>> amount(const std::string &raw);

// The recommended ODCS SLA property names in their standard spelling ("Latency" -> "latency"); others as written.
[[nodiscard]] std::string kind(const std::string &property);

// Whether a larger value is the better one: at least 99.9 % available, data kept at least 3 years.
[[nodiscard]] bool higherIsBetter(const std::string &kind);

} // namespace meshlens::models::slaterms
