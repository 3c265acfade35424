#pragma once

#include <string>
#include <string_view>

namespace meshlens::models {

// Appends `s` to `out` as a JSON string literal (quotes included). Escapes control characters, quotes and
// backslashes; invalid UTF-8 passes through byte-for-byte because the input came from a validating parser.
void appendJsonString(std::string &out, std::string_view s);

} // namespace meshlens::models
