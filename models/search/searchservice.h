#pragma once

#include "searchengine.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace meshlens::models {

// Runs searches off the GUI thread for search-as-you-type: one worker thread with its own read connection and
// SearchEngine. A new request cancels the one still running (SQLite's progress handler checks its flag), and a
// result that a newer request superseded is dropped rather than emitted, so the view only ever shows the latest
// query. Results come first; facets follow in a second signal, because counting them takes longer. A query whose
// full-text scan outlasts kFirstPageBudgetMs (a rare phrase of common words at a million products) is answered
// twice under one request number: the first page found within the budget (SearchResult::partial), then the
// complete one. Lives on the GUI thread; owned by the page.
class SearchService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchService)

public:
    static constexpr int kFirstPageBudgetMs = 2;

    explicit SearchService(QString dbPath, QObject *parent = nullptr);
    ~SearchService() override;

    // Starts a search; returns its request number (results carry it).
    quint64 search(const QString &text, const SearchOptions &options, bool withFacets);
    [[nodiscard]] quint64 latest() const { return m_latest.load(); }

Q_SIGNALS:
    void finished(quint64 request, const meshlens::models::SearchResult &result);
    void facetsReady(quint64 request, const meshlens::models::SearchFacets &facets);

private:
    struct Worker;

    QString m_dbPath;
    QThreadPool m_pool;
    std::shared_ptr<Worker> m_worker;
    std::atomic<quint64> m_latest = 0;
    std::shared_ptr<std::atomic<bool>> m_cancelRunning;
};

} // namespace meshlens::models
