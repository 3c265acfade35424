#pragma once

#include <QString>

#include <optional>

class QAbstractItemModel;
class QIODevice;

namespace meshlens::models {

// Writes a table model as CSV (RFC 4180, UTF-8, a header row): what the model shows, in its order, with its filter;
// lazy models are fetched to the end first. Cells that a spreadsheet would run as a formula (= + - @ first) are
// prefixed with an apostrophe, since catalog text is untrusted. Returns an error message on a write failure.
[[nodiscard]] std::optional<QString> writeCsv(QAbstractItemModel &model, QIODevice &out);

// One CSV field, quoted when it must be.
[[nodiscard]] QString csvField(const QString &text);
// `text` as one CSV field, as it is: in double quotes (inner ones doubled) when it holds a comma, a quote or a line
// break. The CSV writers defuse formulas first, each by its own rule, then quote through this.
[[nodiscard]] QString csvQuoted(const QString &text);

} // namespace meshlens::models
