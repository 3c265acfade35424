#include "sourceproblemsreader.h"

namespace meshlens::models {

std::optional<QList<StoredProblem>> SourceProblemsReader::read(const QString &sourceUri)
{
    m_lastError.reset();
    Statement st = m_db.prepare("SELECT s.uri, s.kind, p.file, p.line, p.severity, p.message "
                                "FROM source_problems p JOIN sources s ON s.id = p.source_id "
                                "WHERE coalesce(?1, '') = '' OR s.uri = ?1 ORDER BY s.uri, p.file, p.line, p.id");
    if (st.error()) {
        m_lastError = st.error();
        return std::nullopt;
    }
    st.bind(1, sourceUri);
    QList<StoredProblem> out;
    while (st.next()) {
        out.append({st.text(0), st.text(1), st.text(2), static_cast<int>(st.int64(3)), st.text(4), st.text(5)});
    }
    if (st.error()) {
        m_lastError = st.error();
        return std::nullopt;
    }
    return out;
}

} // namespace meshlens::models
