#include "slaterms.h"

#include <cctype>
#include <charconv>
#include <map>
#include <system_error>

namespace meshlens::models::slaterms {

namespace {

std::string lower(std::string s)
{
    for (char &c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

} // namespace

std::optional<double> number(const std::string &s)
{
    std::string t = s;
    while (!t.empty() && (t.back() == ' ' || t.back() == '%')) {
        t.pop_back();
    }
    if (t.empty()) {
        return std::nullopt;
    }
    double v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc{} || end != t.data() + t.size()) {
        return std::nullopt;
    }
    return v;
}

std::optional<std::string> unit(const std::string &raw)
{
    static const std::map<std::string, std::string> units{
        {"ms", "ms"},
        {"millisecond", "ms"},
        {"milliseconds", "ms"},
        {"s", "s"},
        {"sec", "s"},
        {"secs", "s"},
        {"second", "s"},
        {"seconds", "s"},
        {"m", "min"},
        {"min", "min"},
        {"mins", "min"},
        {"minute", "min"},
        {"minutes", "min"},
        {"h", "h"},
        {"hr", "h"},
        {"hrs", "h"},
        {"hour", "h"},
        {"hours", "h"},
        {"d", "d"},
        {"day", "d"},
        {"days", "d"},
        {"w", "w"},
        {"week", "w"},
        {"weeks", "w"},
        {"mo", "mo"},
        {"month", "mo"},
        {"months", "mo"},
        {"y", "y"},
        {"yr", "y"},
        {"yrs", "y"},
        {"year", "y"},
        {"years", "y"},
        {"%", "%"},
        {"percent", "%"},
        {"rows", "rows"},
        {"row", "rows"},
        {"records", "rows"},
        {"mb", "MB"},
        {"gb", "GB"},
        {"tb", "TB"},
    };
    const auto it = units.find(lower(raw));
    if (it == units.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::optional<std::pair<double, std::string>> amount(const std::string &raw)
{
    std::string s = raw;
    if (s.size() > 2 && (s[0] == 'P' || s[0] == 'p')) {
        const bool time = s[1] == 'T' || s[1] == 't';
        s = s.substr(time ? 2 : 1);
        if (s.empty()) {
            return std::nullopt;
        }
        const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(s.back())));
        const auto v = number(s.substr(0, s.size() - 1));
        if (!v) {
            return std::nullopt;
        }
        const char *letter = time ? (u == 'H'   ? "h"
                                     : u == 'M' ? "min"
                                     : u == 'S' ? "s"
                                                : nullptr)
                                  : (u == 'Y'   ? "y"
                                     : u == 'M' ? "mo"
                                     : u == 'W' ? "w"
                                     : u == 'D' ? "d"
                                                : nullptr);
        if (letter == nullptr) {
            return std::nullopt;
        }
        return std::pair{*v, std::string(letter)};
    }
    std::size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == '-')) {
        ++i;
    }
    const auto v = number(s.substr(0, i));
    if (!v) {
        return std::nullopt;
    }
    std::string unitText = s.substr(i);
    while (!unitText.empty() && unitText.front() == ' ') {
        unitText.erase(0, 1);
    }
    if (unitText.empty()) {
        return std::pair{*v, std::string()};
    }
    if (const auto u = slaterms::unit(unitText)) {
        return std::pair{*v, *u};
    }
    return std::nullopt;
}

std::string kind(const std::string &property)
{
    static const char *const known[] = {
        "availability", "throughput",         "errorRate", "generalAvailability", "endOfSupport", "endOfLife",
        "retention",    "frequency",          "latency",   "freshness",           "timeToDetect", "timeToNotify",
        "timeToRepair", "timeOfAvailability",
    };
    const std::string l = lower(property);
    for (const char *k : known) {
        if (lower(k) == l) {
            return k;
        }
    }
    return property;
}

bool higherIsBetter(const std::string &k)
{
    return k == "availability" || k == "throughput" || k == "retention";
}

} // namespace meshlens::models::slaterms
