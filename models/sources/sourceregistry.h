#pragma once

#include "source.h"

#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace meshlens::models {

// Turns what a user typed ("sample", a bundle path or URL, "openmetadata+https://host", a contracts folder) or a
// row of the cache's sources table into a Source. Each kind of source contributes one entry (sourceregistry.cpp
// lists them); the first entry that claims the text opens it. Stateless and thread-safe.
class SourceRegistry final
{
public:
    struct Opened
    {
        std::unique_ptr<Source> source;
        QString error; // for a person, when source is null: why the text names no source we can read
    };

    struct Kind
    {
        QString kind; // the value stored in sources.kind
        // Whether the text is this kind's address. Cheap and side-effect free (a stat at most).
        std::function<bool(const QString &text)> claims;
        std::function<Opened(const QString &text, const SourceEnvironment &environment)> open;
    };

    // Opens what the user typed.
    [[nodiscard]] static Opened open(const QString &text, const SourceEnvironment &environment = {});
    // Opens a source the cache knows, by the kind stored with it (falls back to claims for older caches).
    [[nodiscard]] static Opened openStored(const QString &uri, const QString &kind,
                                           const SourceEnvironment &environment = {});
    [[nodiscard]] static const std::vector<Kind> &kinds();
};

} // namespace meshlens::models
