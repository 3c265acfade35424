// libFuzzer target: the meshlens:// deep-link parser. Invariants: a refused link always says why; an accepted one
// stays within the documented bounds, holds no control character, and its toString() parses back to itself.

#include "models/links/deeplink.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace meshlens::models;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)DeepLink::looksLikeLink(text);
    QString error;
    const auto link = DeepLink::parse(text, &error);
    if (!link) {
        if (error.isEmpty()) {
            std::abort();
        }
        return 0;
    }
    if (link->target.size() > DeepLink::kMaxTargetLength) {
        std::abort();
    }
    for (const QChar c : link->target) {
        if (c.category() == QChar::Other_Control) {
            std::abort();
        }
    }
    QString again;
    const auto reparsed = DeepLink::parse(link->toString(), &again);
    if (!reparsed || *reparsed != *link) {
        std::abort();
    }
    return 0;
}
