#pragma once

#include "../../sync/outboxpusher.h"
#include "../source.h"
#include "openmetadataclient.h"
#include "openmetadatadialect.h"
#include "openmetadatamapper.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace meshlens::models {

// Tuning of an OpenMetadata read; the defaults are what a real server wants, tests shrink them.
struct OpenMetadataOptions
{
    int pageSize = 200;                              // `limit` of every list call (the reference advises 100-500)
    int resultDays = 90;                             // how far back test results are read
    std::int64_t eventOverlapMs = 10 * 60 * 1000;    // events are re-read this far before the last one seen
    std::int64_t eventRetentionS = 7 * 24 * 60 * 60; // the server's default change-event retention
    // Per-entity requests (lineage, test results) in flight at once. They are latency-bound: a 20k-table server on
    // loopback took 2.9x the network-free floor with 4, 2.0x with 12 (meshlens-bench openmetadata).
    int concurrency = 12;
    HttpPolicy http;
    std::function<std::int64_t()> nowMs;     // the clock (epoch ms); the system clock when empty
    OpenMetadataClient::Transport transport; // instead of the network (the benchmark's floor); empty: HTTP
};

// One read of an OpenMetadata server into a RecordSink: a full snapshot (every collection, paged) or a delta from the
// change events API. Between reads it keeps an index of what it wrote (entity id -> type, FQN, data product) in the
// source state, which a delta needs to turn a deleted table into the right tombstone. Lives on the sync worker for
// one read; owned by OpenMetadataSource::read.
class OpenMetadataReader final
{
    Q_DISABLE_COPY_MOVE(OpenMetadataReader)

public:
    OpenMetadataReader(OpenMetadataClient &client, const OpenMetadataDialect &dialect, ReadContext &context,
                       const OpenMetadataOptions &options, QString sourceName);

    [[nodiscard]] std::optional<QString> readFull();
    // A delta on top of the last sync; sets fellBack (and reads nothing) when only a full sync can be trusted.
    [[nodiscard]] std::optional<QString> readIncremental(bool &fellBack);

    // The collection path of an entity type ("table" -> "/v1/tables"), empty for types MeshLens does not read.
    [[nodiscard]] static QByteArray collectionOf(const QString &entityType);
    // The entity type of a catalog entry kind ("table" -> "table", "product" -> "dataProduct").
    [[nodiscard]] static QString entityTypeOfKind(const QString &kind);
    // The fields= a read of that entity type asks for, in the server's dialect.
    [[nodiscard]] static QString fieldsFor(const QString &entityType, const OpenMetadataDialect &dialect);

private:
    struct Indexed
    {
        QString type, fqn, product; // product: the data product holding an asset (empty when it stands alone)
    };

    std::optional<QString> put(records::Record &&record);
    void progress(const QString &step);
    std::optional<QString> cancelled() const;
    [[nodiscard]] std::int64_t now() const;

    std::optional<QString> readParties();
    std::optional<QString> readDataProducts(QHash<QString, QString> &membership);
    std::optional<QString> assetsOf(const QJsonObject &dataProduct, QStringList &assetIds);
    std::optional<QString> writeAsset(const QString &type, const QJsonObject &entity, const QString &product);
    std::optional<QString> writeTestCase(const QJsonObject &testCase, std::int64_t sinceMs);
    std::optional<QString> writeTestCases(const QList<QJsonObject> &testCases, std::int64_t sinceMs);
    // GETs every path with the same query, several at a time, and hands each reply to onReply in the paths' order
    // on this thread (an empty path is skipped); stops at the first error onReply returns.
    std::optional<QString>
    getEach(const std::vector<QByteArray> &paths, const OpenMetadataClient::Query &query,
            const std::function<std::optional<QString>(std::size_t, OpenMetadataClient::Reply &)> &onReply);
    // A data contract's SLA section as objectives of the asset it governs; `replace` first retracts the objectives
    // of the kinds it no longer has (a delta).
    std::optional<QString> writeContract(const QJsonObject &contract, bool replace);
    // Tombstones for the objectives an earlier sync wrote for that contract under `product`, but those in `kept`.
    std::optional<QString> retractContractSlas(const QString &contractId, const QString &product,
                                               const std::vector<records::Sla> &kept);
    // After an asset moved into or out of a data product: its test cases and contract SLAs, which went with its old
    // entry or port, again under the new one.
    std::optional<QString> rehomeDependents(const QString &assetId);
    // Reads the lineage of the entities, several requests at a time; `replace` first removes the edges an earlier
    // sync wrote for each (a delta).
    std::optional<QString> readLineage(const QStringList &ids, bool replace);
    std::optional<QString> writeLineage(const OpenMetadataClient::Reply &reply);
    std::optional<QString> dropLineage(const QString &id);
    std::optional<QString> fetch(const QString &type, const QString &id, QJsonObject &entity, bool &gone);

    void loadIndex();
    void saveIndex();

    OpenMetadataClient &m_client;
    OpenMetadataDialect m_dialect;
    ReadContext &m_context;
    OpenMetadataOptions m_options;
    QString m_sourceName;
    OpenMetadataMapper m_mapper;
    QHash<QString, Indexed> m_index;            // entity id -> what it became
    QHash<QString, QString> m_fqnToId;          // asset FQN -> id (test cases name their table by FQN)
    QSet<QString> m_edges;                      // "from|to" of the lineage edges written in this read
    QHash<QString, records::Lineage> m_written; // "from|to" (entity ids) -> the edge in the cache, kept in the state
    QMultiHash<QString, QString> m_edgeKeys;    // entity id -> the keys of m_written it is an end of
    void remember(const QString &key, const records::Lineage &edge);
    std::int64_t m_records = 0;
};

} // namespace meshlens::models
