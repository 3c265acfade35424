#include "termcorrector.h"

#include <algorithm>
#include <cstdlib>

namespace meshlens::models {

namespace {

// The best answer so far: nearer first, then the more common term; the first in order wins a full tie, which is
// why both implementations offer candidates in the terms' order.
struct Best
{
    std::optional<std::pair<int, std::int64_t>> key;
    QString term;

    void offer(int distance, std::int64_t docs, QStringView candidate)
    {
        if (!key || distance < key->first || (distance == key->first && docs > key->second)) {
            key = std::make_pair(distance, docs);
            term = candidate.toString();
        }
    }
};

} // namespace

int TermCorrector::editDistance(QStringView a, QStringView b, int limit)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    if (std::abs(n - m) > limit) {
        return limit + 1;
    }
    std::vector<int> prev2(static_cast<std::size_t>(m + 1)), prev(static_cast<std::size_t>(m + 1)),
        cur(static_cast<std::size_t>(m + 1));
    for (qsizetype j = 0; j <= m; ++j) {
        prev[static_cast<std::size_t>(j)] = static_cast<int>(j);
    }
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = static_cast<int>(i);
        int rowMin = cur[0];
        for (qsizetype j = 1; j <= m; ++j) {
            const auto J = static_cast<std::size_t>(j);
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({prev[J] + 1, cur[J - 1] + 1, prev[J - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                v = std::min(v, prev2[J - 2] + 1);
            }
            cur[J] = v;
            rowMin = std::min(rowMin, v);
        }
        if (rowMin > limit) {
            return limit + 1;
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[static_cast<std::size_t>(m)];
}

std::optional<QString> TermCorrector::correctByScan(const Terms &terms, QStringView tok, bool prefix, QStringView skip)
{
    const int limit = limitFor(tok.size());
    Best best;
    for (const auto &[term, docs] : terms) {
        if (!skip.isEmpty() && QStringView(term).startsWith(skip)) {
            continue;
        }
        QStringView candidate = term;
        int d = limit + 1;
        if (prefix) {
            for (qsizetype k = std::max<qsizetype>(1, tok.size() - limit); k <= tok.size() + limit; ++k) {
                if (k > term.size()) {
                    break;
                }
                const int dk = editDistance(tok, QStringView(term).left(k), limit);
                if (dk < d) {
                    d = dk;
                    candidate = QStringView(term).left(k);
                }
            }
        } else if (std::abs(term.size() - tok.size()) <= limit) {
            d = editDistance(tok, candidate, limit);
        }
        if (d <= limit) {
            best.offer(d, docs, candidate);
        }
    }
    if (!best.key) {
        return std::nullopt;
    }
    return best.term;
}

std::optional<QString> TermCorrector::correct(const Terms &terms, QStringView tok, bool prefix, QStringView skip)
{
    // rows[d] is the edit-distance row of the term's first d characters against the token: rows[d][j] is the
    // distance between term.left(d) and tok.left(j). Consecutive sorted terms share prefixes, so only the rows past
    // the common prefix are computed; when a whole row is past the limit, no term that begins that way can come
    // near (a transposition reaching back two rows passes through a diagonal cell of this row that is at most one
    // more than where it starts), and the walk jumps past all of them.
    const int limit = limitFor(tok.size());
    const qsizetype m = tok.size();
    const qsizetype maxDepth = m + limit; // a term beginning longer than this is too far in either mode
    std::vector<std::vector<int>> rows(static_cast<std::size_t>(maxDepth + 1), std::vector<int>(std::size_t(m + 1)));
    for (qsizetype j = 0; j <= m; ++j) {
        rows[0][std::size_t(j)] = int(j);
    }
    // While typing, a beginning shorter than the pruning depth may itself be an answer, which every term below it
    // offers with its own count: the walk does not jump past those (they sit under a prefix of about the word's
    // length, so there are few).
    const auto beginningWithin = [&](qsizetype depth) {
        for (qsizetype k = std::max<qsizetype>(1, m - limit); k < depth; ++k) {
            if (rows[std::size_t(k)][std::size_t(m)] <= limit) {
                return true;
            }
        }
        return false;
    };
    QStringView rowsOf; // the term whose prefix rows[1..valid] describe
    qsizetype valid = 0;
    Best best;
    const auto end = terms.end();
    auto it = terms.begin();
    while (it != end) {
        const QStringView term = it->first;
        if (!skip.isEmpty() && term.startsWith(skip)) {
            // Filter tokens share one beginning: one contiguous run of the sorted terms, stepped over as a whole.
            it = std::partition_point(it, end, [skip](const auto &t) { return QStringView(t.first).startsWith(skip); });
            continue;
        }
        qsizetype common = 0;
        const qsizetype shared = std::min({valid, term.size(), rowsOf.size()});
        while (common < shared && term[common] == rowsOf[common]) {
            ++common;
        }
        valid = common;
        rowsOf = term;
        bool pruned = false;
        const qsizetype depthEnd = std::min(term.size(), maxDepth);
        for (qsizetype d = valid + 1; d <= depthEnd; ++d) {
            std::vector<int> &cur = rows[std::size_t(d)];
            const std::vector<int> &prev = rows[std::size_t(d - 1)];
            const QChar c = term[d - 1];
            cur[0] = int(d);
            int low = cur[0];
            for (qsizetype j = 1; j <= m; ++j) {
                const auto J = std::size_t(j);
                int v = std::min({prev[J] + 1, cur[J - 1] + 1, prev[J - 1] + (c == tok[j - 1] ? 0 : 1)});
                if (d > 1 && j > 1 && c == tok[j - 2] && term[d - 2] == tok[j - 1]) {
                    v = std::min(v, rows[std::size_t(d - 2)][J - 2] + 1);
                }
                cur[J] = v;
                low = std::min(low, v);
            }
            valid = d;
            if (low > limit && !(prefix && beginningWithin(d))) {
                pruned = true;
                break;
            }
        }
        if (pruned) {
            // Every term beginning with term.left(valid) is too far: jump to the first that does not.
            const QStringView stem = term.left(valid);
            it = std::partition_point(it, end, [stem](const auto &t) { return QStringView(t.first).startsWith(stem); });
            continue;
        }
        if (prefix) {
            int d = limit + 1;
            qsizetype at = 0;
            for (qsizetype k = std::max<qsizetype>(1, m - limit); k <= std::min(valid, m + limit); ++k) {
                if (rows[std::size_t(k)][std::size_t(m)] < d) {
                    d = rows[std::size_t(k)][std::size_t(m)];
                    at = k;
                }
            }
            if (d <= limit) {
                best.offer(d, it->second, term.left(at));
            }
        } else if (std::abs(term.size() - m) <= limit && term.size() <= valid) {
            const int d = rows[std::size_t(term.size())][std::size_t(m)];
            if (d <= limit) {
                best.offer(d, it->second, term);
            }
        }
        ++it;
    }
    if (!best.key) {
        return std::nullopt;
    }
    return best.term;
}

} // namespace meshlens::models
