#include "seriesreader.h"

#include "seriescodec.h"

#include <algorithm>
#include <cmath>

namespace meshlens::models {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Chunks that may hold a point inside range: a chunk starting at or after range.to cannot, nor can one whose
// last point (t0 + step * (n - 1)) is before range.from. Chunks are read in (id, t0) order.
constexpr const char *kChunkFilter = " t0 < ?2 AND t0 + step * (n - 1) >= ?1 ";

void appendSla(std::vector<SeriesPoint> &out, const Statement &st, int first, TimeRange range)
{
    const std::int64_t t0 = st.int64(first);
    const std::int64_t step = st.int64(first + 1);
    const std::vector<float> vals = SeriesCodec::decode(st.blob(first + 3));
    const auto n = std::min<std::int64_t>(st.int64(first + 2), static_cast<std::int64_t>(vals.size()));
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t t = t0 + step * i;
        if (range.contains(t)) {
            out.push_back({t, vals[static_cast<size_t>(i)]});
        }
    }
}

void appendChecks(std::vector<CheckRun> &out, const Statement &st, int first, TimeRange range)
{
    const std::int64_t t0 = st.int64(first);
    const std::int64_t step = st.int64(first + 1);
    const std::span<const std::byte> statuses = st.blob(first + 3);
    const std::vector<float> vals =
        st.isNull(first + 4) ? std::vector<float>{} : SeriesCodec::decode(st.blob(first + 4));
    const auto n = std::min<std::int64_t>(st.int64(first + 2), static_cast<std::int64_t>(statuses.size()));
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t t = t0 + step * i;
        if (range.contains(t)) {
            const auto k = static_cast<size_t>(i);
            out.push_back({t, static_cast<char>(statuses[k]), k < vals.size() ? vals[k] : kNaN});
        }
    }
}

} // namespace

void RunCounts::add(const CheckRun &run)
{
    switch (run.status) {
    case 'P':
        ++pass;
        break;
    case 'F':
        ++fail;
        break;
    case 'A':
        ++aborted;
        break;
    default:
        ++none;
        break;
    }
}

void RunCounts::add(const RunCounts &other)
{
    pass += other.pass;
    fail += other.fail;
    aborted += other.aborted;
    none += other.none;
}

std::optional<double> RunCounts::passRate() const
{
    if (runs() == 0) {
        return std::nullopt;
    }
    return static_cast<double>(pass) / static_cast<double>(runs());
}

RunCounts countRuns(std::span<const CheckRun> runs)
{
    RunCounts counts;
    for (const CheckRun &run : runs) {
        counts.add(run);
    }
    return counts;
}

SeriesReader::SeriesReader(Database &db)
    : m_db(db)
{}

std::vector<SeriesPoint> SeriesReader::sla(std::int64_t objectiveId, TimeRange range)
{
    // Prepared once per reader: views read thousands of series one by one, and preparing costs more than reading.
    if (!m_slaQuery.columnCount()) {
        m_slaQuery = m_db.prepare(std::string("SELECT t0, step, n, vals FROM sla_series WHERE objective_id = ?3 AND") +
                                  kChunkFilter + "ORDER BY t0");
    }
    Statement &st = m_slaQuery;
    st.reset();
    st.bind(1, range.from).bind(2, range.to).bind(3, objectiveId);
    std::vector<SeriesPoint> points;
    while (st.next()) {
        appendSla(points, st, 0, range);
    }
    m_error = st.error();
    st.reset(); // releases the read snapshot
    settleByTime(points);
    return points;
}

std::vector<CheckRun> SeriesReader::check(std::int64_t checkId, TimeRange range)
{
    if (!m_checkQuery.columnCount()) {
        m_checkQuery =
            m_db.prepare(std::string("SELECT t0, step, n, statuses, vals FROM check_series WHERE check_id = ?3 AND") +
                         kChunkFilter + "ORDER BY t0");
    }
    Statement &st = m_checkQuery;
    st.reset();
    st.bind(1, range.from).bind(2, range.to).bind(3, checkId);
    std::vector<CheckRun> runs;
    while (st.next()) {
        appendChecks(runs, st, 0, range);
    }
    m_error = st.error();
    st.reset();
    settleByTime(runs);
    return runs;
}

void SeriesReader::forEachSla(TimeRange range, const SlaVisitor &visit)
{
    Statement st = m_db.prepare(std::string("SELECT objective_id, t0, step, n, vals FROM sla_series WHERE") +
                                kChunkFilter + "ORDER BY objective_id, t0");
    st.bind(1, range.from).bind(2, range.to);
    std::vector<SeriesPoint> points;
    std::int64_t current = 0;
    bool more = true;
    while (more && st.next()) {
        const std::int64_t id = st.int64(0);
        if (id != current && !points.empty()) {
            settleByTime(points);
            more = visit(current, points);
            points.clear();
        }
        current = id;
        appendSla(points, st, 1, range);
    }
    if (more && !points.empty()) {
        settleByTime(points);
        visit(current, points);
    }
    m_error = st.error();
}

void SeriesReader::forEachCheck(TimeRange range, const CheckVisitor &visit)
{
    Statement st = m_db.prepare(std::string("SELECT check_id, t0, step, n, statuses, vals FROM check_series WHERE") +
                                kChunkFilter + "ORDER BY check_id, t0");
    st.bind(1, range.from).bind(2, range.to);
    std::vector<CheckRun> runs;
    std::int64_t current = 0;
    bool more = true;
    while (more && st.next()) {
        const std::int64_t id = st.int64(0);
        if (id != current && !runs.empty()) {
            settleByTime(runs);
            more = visit(current, runs);
            runs.clear();
        }
        current = id;
        appendChecks(runs, st, 1, range);
    }
    if (more && !runs.empty()) {
        settleByTime(runs);
        visit(current, runs);
    }
    m_error = st.error();
}

std::string SeriesReader::lastCheckMessage(std::int64_t checkId, TimeRange range)
{
    Statement st = m_db.prepare(std::string("SELECT message FROM check_series WHERE check_id = ?3 AND") + kChunkFilter +
                                "AND message IS NOT NULL AND message <> '' ORDER BY t0 DESC LIMIT 1");
    st.bind(1, range.from).bind(2, range.to).bind(3, checkId);
    std::string message;
    if (st.next()) {
        message = std::string(st.textView(0));
    }
    m_error = st.error();
    return message;
}

} // namespace meshlens::models
