#include "cli_search.h"

#include "cli.h"
#include "models/search/searchengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace meshlens::app {

using namespace meshlens::models;

namespace {

QJsonArray facetJson(const QList<FacetValue> &values)
{
    QJsonArray arr;
    for (const FacetValue &v : values) {
        arr.append(QJsonObject{{QStringLiteral("value"), v.filter},
                               {QStringLiteral("label"), v.label},
                               {QStringLiteral("count"), static_cast<qint64>(v.count)}});
    }
    return arr;
}

void write(std::FILE *f, const QString &s)
{
    std::fputs(s.toUtf8().constData(), f);
}

} // namespace

QJsonObject productSummaryJson(const ProductSummary &s)
{
    QJsonObject o{{QStringLiteral("id"), s.extId},
                  {QStringLiteral("row_id"), static_cast<qint64>(s.id)},
                  {QStringLiteral("kind"), s.kind},
                  {QStringLiteral("name"), s.name},
                  {QStringLiteral("display_name"), s.displayName},
                  {QStringLiteral("domain"), s.domain},
                  {QStringLiteral("owners"), s.owners},
                  {QStringLiteral("status"), s.status}};
    o.insert(QStringLiteral("tier"), s.tier ? QJsonValue(*s.tier) : QJsonValue());
    o.insert(QStringLiteral("score"), s.score);
    return o;
}

int searchCommand(Database &db, const QString &query, int limit, int budgetMs, bool json, std::FILE *out,
                  std::FILE *err)
{
    SearchEngine engine(db);
    SearchOptions options;
    options.limit = limit;
    options.budgetMs = budgetMs;
    options.facets = json;
    options.snippets = json;
    const SearchResult r = engine.search(query, options);
    if (r.error) {
        write(err, QStringLiteral("meshlens: search failed: %1\n").arg(r.error->message));
        return ExitFailure;
    }
    if (json) {
        QJsonArray hits;
        for (const SearchHit &h : r.hits) {
            QJsonObject o = productSummaryJson(h.product);
            o.insert(QStringLiteral("snippet_html"), h.snippetHtml);
            o.insert(QStringLiteral("score"), QJsonObject{{QStringLiteral("rank_tier"), h.tier},
                                                          {QStringLiteral("matched_by"), h.matchedBy()},
                                                          {QStringLiteral("text"), h.textScore}});
            hits.append(o);
        }
        const SearchFacets &f = r.facets;
        QJsonObject doc{
            {QStringLiteral("query"), query},
            {QStringLiteral("searched"), r.searched.toString().trimmed()},
            {QStringLiteral("corrected_from"), r.correctedFrom},
            {QStringLiteral("total"), static_cast<qint64>(r.total)},
            {QStringLiteral("total_capped"), r.totalCapped},
            {QStringLiteral("partial"), r.partial},
            {QStringLiteral("plan"), r.plan},
            {QStringLiteral("results"), hits},
            {QStringLiteral("facets"), QJsonObject{{QStringLiteral("domain"), facetJson(f.domain)},
                                                   {QStringLiteral("owner"), facetJson(f.owner)},
                                                   {QStringLiteral("tag"), facetJson(f.tag)},
                                                   {QStringLiteral("status"), facetJson(f.status)},
                                                   {QStringLiteral("tier"), facetJson(f.tier)},
                                                   {QStringLiteral("counted"), static_cast<qint64>(f.counted)},
                                                   {QStringLiteral("sampled"), f.sampled}}}};
        std::fputs(QJsonDocument(doc).toJson(QJsonDocument::Indented).constData(), out);
        return ExitOk;
    }
    if (!r.correctedFrom.isEmpty()) {
        write(err, QStringLiteral("no match for \"%1\"; showing results for \"%2\"\n")
                       .arg(r.correctedFrom, r.searched.toString().trimmed()));
    }
    for (const SearchHit &h : r.hits) {
        const ProductSummary &s = h.product;
        write(out, QStringLiteral("%1\t%2\t%3\t%4\n").arg(s.extId, s.title(), s.domain, s.owners));
    }
    write(err, QStringLiteral("%1%2 match(es)%3\n")
                   .arg(r.total)
                   .arg(r.totalCapped ? QStringLiteral("+") : QString())
                   .arg(r.partial ? QStringLiteral(" so far (the --budget ran out)") : QString()));
    return ExitOk;
}

} // namespace meshlens::app
