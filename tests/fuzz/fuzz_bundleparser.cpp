// libFuzzer target: the bundle line parser (BundleParser), fed the input in chunks of a size the input's first
// byte chooses, so line reassembly across chunk boundaries is exercised too. Every line is also parsed on its own.
// Invariants: no crash, no sanitizer report, and the chunked parse agrees with a parse of the whole input at once.

#include "models/sync/bundleparser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace meshlens::models;

namespace {

struct Outcome
{
    bool failed = false;
    std::int64_t records = 0;
};

Outcome parse(std::string_view input, std::size_t chunk)
{
    Outcome out;
    BundleParser parser([](const records::Header &) { return std::optional<QString>(); },
                        [&](records::Record &&) {
                            ++out.records;
                            return std::optional<QString>();
                        });
    for (std::size_t at = 0; at < input.size(); at += chunk) {
        if (parser.feed(input.substr(at, chunk))) {
            out.failed = true;
            return out;
        }
    }
    out.failed = parser.finish().has_value();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    const std::size_t chunk = 1 + data[0] % 64;
    const std::string_view input(reinterpret_cast<const char *>(data) + 1, size - 1);

    const Outcome chunked = parse(input, chunk);
    const Outcome whole = parse(input, input.size() + 1);
    if (chunked.failed != whole.failed || chunked.records != whole.records) {
        std::abort(); // how the bytes arrive must not change what they mean
    }

    std::size_t start = 0;
    while (start < input.size()) {
        std::size_t end = input.find('\n', start);
        if (end == std::string_view::npos) {
            end = input.size();
        }
        const std::string_view line = input.substr(start, end - start);
        records::Record record;
        (void)BundleParser::parseRecordLine(line, record);
        records::Header header;
        (void)BundleParser::parseHeaderLine(line, header);
        start = end + 1;
    }
    return 0;
}
