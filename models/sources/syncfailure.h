#pragma once

#include <QString>

namespace meshlens::models {

// Whether a failed sync's message says the source refused its credentials (HTTP 401 or 403): the GUI then asks
// for a token once. Keyed on the HTTP policy's wording ("HTTP 401", "HTTP 403"); a structured flag on SyncResult
// would be firmer once every source reports through one HTTP client.
[[nodiscard]] inline bool credentialsRejected(const QString &syncError)
{
    return syncError.contains(QLatin1String("HTTP 401")) || syncError.contains(QLatin1String("HTTP 403"));
}

} // namespace meshlens::models
