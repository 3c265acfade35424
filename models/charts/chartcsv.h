#pragma once

// The exact data behind a chart as CSV (RFC 4180, UTF-8, a header row): what "Export data…" writes. Times are
// ISO 8601 with the zone's offset, so a spreadsheet in another zone reads the same instants. Catalog text is
// untrusted: a cell starting with = + - @ is prefixed with ' so a spreadsheet shows it instead of evaluating it.

#include "qualitytrends.h"

#include <QByteArray>

namespace meshlens::models {

class ChartCsv final
{
public:
    // date, runs, passed, failed, aborted, pass_rate (0..1, empty when nothing ran), products
    [[nodiscard]] static QByteArray trend(const PassRateTrend &trend);
    // time, value (empty for a gap), target, op, met
    [[nodiscard]] static QByteArray sla(const SlaTrack &track, const QTimeZone &zone);
    // check, time, status (pass, fail, aborted, none), value
    [[nodiscard]] static QByteArray checks(const std::vector<CheckTrack> &checks, const QTimeZone &zone);

    // One text cell, quoted when it must be, formula-neutralised.
    [[nodiscard]] static QString textCell(const QString &text);
};

} // namespace meshlens::models
