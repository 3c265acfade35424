#include "searchresultsmodel.h"

#include "columntitles.h"

namespace meshlens::models {

SearchResultsModel::SearchResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SearchResultsModel::setResults(QList<ProductSummary> results, std::int64_t total)
{
    QList<SearchHit> hits;
    for (ProductSummary &p : results) {
        hits.push_back(SearchHit{std::move(p), 3, 0, {}});
    }
    setHits(std::move(hits), total, false);
}

void SearchResultsModel::setHits(QList<SearchHit> hits, std::int64_t total, bool totalIsLowerBound, PageFetcher fetcher)
{
    m_busy = true;
    beginResetModel();
    m_rows.clear();
    m_snippets.clear();
    m_matchedBy.clear();
    for (SearchHit &h : hits) {
        m_snippets << h.snippetHtml;
        m_matchedBy << (h.snippetHtml.isEmpty() && h.tier == 3 ? QString() : h.matchedBy());
        m_rows.push_back(std::move(h.product));
    }
    m_total = total;
    m_totalIsLowerBound = totalIsLowerBound;
    m_fetcher = std::move(fetcher);
    m_exhausted = !m_fetcher;
    endResetModel();
    m_busy = false;
}

bool SearchResultsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_busy && !m_exhausted && (m_rows.size() < m_total || m_totalIsLowerBound);
}

void SearchResultsModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    QList<SearchHit> page = m_fetcher(static_cast<int>(m_rows.size()), kPageSize);
    if (page.size() < kPageSize) {
        m_exhausted = true;
    }
    if (page.isEmpty()) {
        return;
    }
    const int first = static_cast<int>(m_rows.size());
    // Views (and the model tester) may call fetchMore() again from the insertion's signals; that waits.
    m_busy = true;
    beginInsertRows({}, first, first + static_cast<int>(page.size()) - 1);
    for (SearchHit &h : page) {
        m_snippets << h.snippetHtml;
        m_matchedBy << (h.snippetHtml.isEmpty() && h.tier == 3 ? QString() : h.matchedBy());
        m_rows.push_back(std::move(h.product));
    }
    endInsertRows();
    m_busy = false;
}

void SearchResultsModel::sort(int column, Qt::SortOrder order)
{
    Q_EMIT sortRequested(column, order);
}

const ProductSummary *SearchResultsModel::at(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SearchResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ProductSummary &p = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return p.pendingEdit ? tr("%1  ✎ edit pending").arg(p.title()) : p.title();
        case DomainColumn:
            return p.domain;
        case OwnersColumn:
            return p.owners;
        case StatusColumn:
            return p.status;
        case TierColumn:
            return p.tier ? QVariant(tr("Tier %1").arg(*p.tier)) : QVariant();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            const QString id = p.name == p.title() ? p.extId : tr("%1 (%2)").arg(p.name, p.extId);
            const QString &snippet = m_snippets[index.row()];
            if (snippet.isEmpty()) {
                return id;
            }
            // Rich text: the snippet is HTML-escaped except for our <b> highlights.
            return QStringLiteral("<p>%1</p><p>%2</p>").arg(id.toHtmlEscaped(), snippet);
        }
        return {};
    case SnippetRole:
        return m_snippets[index.row()];
    case MatchedByRole:
        return m_matchedBy[index.row()];
    case ProductIdRole:
        return QVariant::fromValue<qint64>(p.id);
    case ExtIdRole:
        return p.extId;
    default:
        return {};
    }
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static constexpr const char *kTitles[ColumnCount] = {
        QT_TR_NOOP("Product"), QT_TR_NOOP("Domain"), QT_TR_NOOP("Owners"), QT_TR_NOOP("Status"), QT_TR_NOOP("Tier")};
    return columnHeader<SearchResultsModel>(kTitles, section, orientation, role);
}

} // namespace meshlens::models
