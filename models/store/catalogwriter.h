#pragma once

#include "../catalog/records.h"
#include "database.h"

#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace meshlens::models {

// Applies one source's stream of records to the cache inside a single transaction: begin(), write() each
// record, then commit() (or rollback()). Readers on other connections see the previous catalog until commit;
// an error or a killed process leaves it intact. Snapshot syncs sweep rows the snapshot no longer has; deltas
// upsert and apply tombstones. Owned by the sync worker, on its thread, over the process's one writer connection.
class CatalogWriter final
{
    Q_DISABLE_COPY_MOVE(CatalogWriter)

public:
    struct SourceInfo
    {
        QString uri;
        QString kind; // bundle | openmetadata | contracts
    };

    struct Stats
    {
        std::int64_t records = 0;
        std::int64_t products = 0;
        std::int64_t tombstones = 0;
    };

    // A problem the source found in its input (sources/source.h SourceProblem, as stored).
    struct Problem
    {
        QString file;
        int line = 0;
        QString severity; // error | warning
        QString message;
    };

    // What the cache remembers of a source's last successful sync, for the next read.
    struct SourceMemory
    {
        QString cursor;
        std::int64_t lastSuccessAt = 0;
    };

    explicit CatalogWriter(Database &db);
    ~CatalogWriter();

    [[nodiscard]] std::optional<QString> begin(const SourceInfo &source, const records::Header &header);
    // An error message names what is wrong with the record (unknown reference, bad value); the caller adds the line.
    [[nodiscard]] std::optional<QString> write(records::Record &&record);
    [[nodiscard]] std::optional<QString> commit();
    void rollback();

    // Between begin() and commit(): the source's problem list, replaced at commit by what this sync reported, and
    // source-private state (an empty value removes the key), written with the catalog.
    void addProblem(Problem problem) { m_problems.push_back(std::move(problem)); }
    void setState(const QString &key, const QByteArray &value) { m_state.emplace_back(key, value); }

    [[nodiscard]] static SourceMemory remembered(Database &db, const QString &sourceUri);
    [[nodiscard]] static QByteArray state(Database &db, const QString &sourceUri, const QString &key);

    // Records the failure of a sync attempt on the source (outside any transaction).
    static void recordFailure(Database &db, const SourceInfo &source, const QString &error);

    // The statement that (re)builds search documents from the tables: "INSERT INTO entry_fts ... FROM entries e";
    // callers append a WHERE clause over `e`. Shared with the benchmark's raw-SQLite floor.
    [[nodiscard]] static std::string_view searchDocumentSql();

    // A flag the commit checks between its phases (the owner also interrupts running statements).
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }

    [[nodiscard]] const Stats &stats() const { return m_stats; }
    [[nodiscard]] bool isActive() const { return m_tx != nullptr; }

private:
    struct Statements;

    std::optional<QString> write(const records::Domain &r);
    std::optional<QString> write(const records::Team &r);
    std::optional<QString> write(const records::Person &r);
    std::optional<QString> write(const records::Product &r);
    std::optional<QString> write(const records::Port &r);
    std::optional<QString> write(const records::Sla &r);
    std::optional<QString> write(const records::SlaMeasurement &r);
    std::optional<QString> write(const records::Check &r);
    std::optional<QString> write(const records::CheckResult &r);
    std::optional<QString> write(const records::Lineage &r);
    std::optional<QString> write(const records::Tombstone &r);

    [[nodiscard]] bool wholeProducts() const
    {
        return m_header.mode == records::BundleMode::Delta && m_header.wholeProducts;
    }
    std::optional<std::int64_t> entryId(const std::string &ext);
    std::optional<std::int64_t> childId(Statement &lookup, std::int64_t entry, const std::string &ext);
    void touch(std::int64_t entryId);
    void touchParty(const char *kind, std::int64_t partyId);
    // A delta changed what the product's health is evaluated from (its objectives, checks or series).
    void markHealth(std::int64_t entryId);
    std::optional<QString> updateHealth();
    // Runs a statement that returns no rows; its error, if any, as "writing the <what> failed: ...".
    std::optional<QString> stepError(Statement &st, const char *what);
    // The error of a statement that already failed, in the same words.
    [[nodiscard]] QString failure(const Statement &st, const char *what) const;
    // Inserts a row and returns its id: a plain INSERT on a source's first load, else an upsert with RETURNING.
    template<typename Bind>
    std::optional<std::int64_t> insertReturningId(Statement &fresh, Statement &upsert, Bind &&bind, const char *what,
                                                  std::optional<QString> &error);
    std::optional<QString> finishSearchIndex();
    // Snapshots build each product's search document while streaming (see m_doc); deltas and records that
    // arrive out of their product's order fall back to building documents from the tables at commit.
    void startDocument(std::int64_t id, const records::Product &r);
    std::optional<QString> flushDocument();
    std::optional<QString> sweep();

    Database &m_db;
    std::unique_ptr<Transaction> m_tx;
    std::unique_ptr<Statements> m_st;
    SourceInfo m_source;
    records::Header m_header;
    std::int64_t m_sourceId = 0;
    std::int64_t m_gen = 0;
    const std::atomic<bool> *m_cancel = nullptr;
    std::vector<std::pair<std::string, std::string>> m_deferredIndexes;  // name, CREATE statement
    std::vector<std::pair<std::string, std::string>> m_deferredTriggers; // name, CREATE statement

    std::vector<Problem> m_problems;
    std::vector<std::pair<QString, QByteArray>> m_state;
    std::optional<QString> writeSourceNotes();

    std::vector<std::int64_t> m_healthDirty; // delta: products whose health inputs changed, besides temp.touched
    bool m_fresh = false;                    // the source had no entries before: nothing to delete or re-index
    Stats m_stats;

    struct Document
    {
        std::int64_t id = 0;
        std::string name, displayName, tags, domain, owners, description, columns;
    };
    // Snapshot mode: the product being streamed, whose ports complete its search document. Reading the catalog
    // back to build documents would search a WAL of many GB for every page at 1M products.
    std::optional<Document> m_doc;
    bool m_streamDocuments = false;
    std::unordered_map<std::string, std::string> m_domainText, m_teamText, m_personText; // ext id -> indexed text

    // Small lookups kept in memory: domains, teams and people are few next to products.
    std::unordered_map<std::string, std::int64_t> m_domains, m_teams, m_people;
    // Records come grouped by product, so the last look-ups answer almost every child record.
    std::string m_lastEntryExt;
    std::int64_t m_lastEntryId = 0;
    std::array<std::pair<std::string, std::int64_t>, 2> m_lastChild; // [0] sla, [1] check, keyed "entry/ext"
};

} // namespace meshlens::models
