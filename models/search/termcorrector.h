#pragma once

#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace meshlens::models {

// Typo correction against the search vocabulary: the term nearest to a word that matches nothing, by
// Damerau-Levenshtein distance (optimal string alignment), at most 1 for words of up to five letters and 2 beyond;
// ties go to the term in more documents, then to the first in order. While typing (`prefix`), the word is compared
// with the beginnings of terms of about its length, and the answer is such a beginning.
//
// `correct` does not scan the vocabulary: it walks the sorted terms as a trie, one edit-distance row per shared
// prefix, and skips every term below a prefix that is already too far (a catalog of a million products has
// millions of distinct words). `correctByScan` compares every term; it is the reference the tests and
// meshlens-bench hold the walk to. Pure functions, safe on any thread.
class TermCorrector final
{
public:
    using Terms = std::vector<std::pair<QString, std::int64_t>>; // sorted by term; the documents holding each

    // Terms starting with `skip` (filter tokens, which nobody types) are never answers.
    [[nodiscard]] static std::optional<QString> correct(const Terms &terms, QStringView token, bool prefix,
                                                        QStringView skip = {});
    [[nodiscard]] static std::optional<QString> correctByScan(const Terms &terms, QStringView token, bool prefix,
                                                              QStringView skip = {});
    // The distance MeshLens allows for a word of that length.
    [[nodiscard]] static int limitFor(qsizetype length) { return length <= 5 ? 1 : 2; }
    // Optimal string alignment distance, giving up (limit + 1) above limit.
    [[nodiscard]] static int editDistance(QStringView a, QStringView b, int limit);
};

} // namespace meshlens::models
