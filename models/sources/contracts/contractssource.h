#pragma once

#include "../source.h"
#include "../sourceregistry.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace meshlens::models {

// A folder of data contracts, usually a git working copy: ODCS v3 contracts (*.odcs.yaml), Bitol ODPS products
// (*.odps.yaml), other YAML/JSON whose kind/apiVersion (or dataContractSpecification) say what they are, and
// OpenLineage run events (*.json, *.ndjson). Files are read one by one (ContractFileReader), then joined: an ODPS
// output port naming a contract owns the contract's ports, SLAs and checks; a contract no product names becomes a
// product inferred from its domain and dataProduct; an input port naming another product's contract is lineage.
//
// Address: a path to an existing folder, or contracts+file:///abs/path/ (the canonical uri, so a stored source
// never falls to the bundle kind even while the folder is missing). A re-sync reads only the files whose size,
// mtime and then content hash changed (the manifest in the source state, ContractsManifest) and sends a delta.
// Created by SourceRegistry; read() runs on the sync worker thread.
class ContractsSource final : public Source
{
public:
    // state: the source state the cache keeps (SourceEnvironment::state), read by the pusher; empty for reading.
    explicit ContractsSource(QString rootPath, std::function<QByteArray(const QString &, const QString &)> state = {});
    Q_DISABLE_COPY_MOVE(ContractsSource)

    [[nodiscard]] static SourceRegistry::Kind registration();
    // "contracts+file:///abs/path/" for a folder path (absolute or relative to the working directory).
    [[nodiscard]] static QString canonicalUri(const QString &path);

    [[nodiscard]] QString kind() const override { return QStringLiteral("contracts"); }
    [[nodiscard]] QString uri() const override;
    [[nodiscard]] Probe probe(const std::atomic<bool> &cancel) override;
    [[nodiscard]] std::optional<QString> read(ReadContext &context) override;
    // Writes steward edits into the files (ContractsPusher), locating them through the last sync's manifest.
    [[nodiscard]] std::unique_ptr<OutboxPusher> makePusher() const override;

private:
    QString m_root; // absolute, no trailing slash
    std::function<QByteArray(const QString &, const QString &)> m_state;
};

} // namespace meshlens::models
