#pragma once

// The write side of a data-contracts folder: delivers a steward's edit (description, display name, status, tags,
// owners and team members, SLA targets) into the YAML file that defines the product, with a minimal diff
// (YamlEditor), replacing the file atomically. A file that changed on disk since the last sync read it is a
// conflict, answered with the file's current values; nothing is overwritten. Feedback has no place in a contract
// file and is rejected. Created per delivery (Source::makePusher) and used on the delivery worker thread; the
// journal is shared between the pushers of one source.
//
// Where an entity is defined and what the last sync saw of a file come from the read side's manifest
// (ContractsManifest in the source state); they are injected as functions, so the pusher is testable alone.

#include "../../sync/outboxpusher.h"
#include "contractswritejournal.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace meshlens::models {

class YamlEditor;

class ContractsPusher final : public OutboxPusher
{
public:
    // Where an entity's node is: the file relative to the folder ('/'-separated) and a JSON Pointer into the
    // document ("" is the root, "/slaProperties/0" the first SLA), as the read side's ContractNode records it.
    struct Location
    {
        QString file;
        QString pointer;
    };
    // What the last sync read of a file (ContractsManifest::Entry): size, mtime and hex SHA-1 of the content.
    struct FileState
    {
        qint64 size = 0;
        qint64 mtimeMs = 0;
        QByteArray hash; // empty: compare size and mtime only
    };
    struct Lookups
    {
        // kind: product | sla | person | team (ContractsManifest::key); product: the owning product for sla.
        std::function<std::optional<Location>(const QString &kind, const QString &product, const QString &id)> locate;
        std::function<std::optional<FileState>(const QString &relativePath)> lastSynced;
    };

    // sourceUri: the folder source's canonical address (empty: any contracts source); root: the folder on disk.
    ContractsPusher(QString sourceUri, QString root, Lookups lookups,
                    std::shared_ptr<ContractsWriteJournal> journal = std::make_shared<ContractsWriteJournal>());

    [[nodiscard]] bool accepts(const QString &sourceUri, const QString &sourceKind) const override;
    [[nodiscard]] PushResult push(const OutboxItem &item) override;

    // "/schema/0/properties/2" -> "schema[0].properties[2]" (YamlEditOp paths); nothing for a malformed pointer.
    [[nodiscard]] static std::optional<QString> pointerToPath(const QString &pointer);
    // The description as the read side composes it, split back: "[Contract <name> <version>\n\n]purpose
    // [\n\nLimitations: …][\n\nUsage: …][\n\nService levels:\n…][\n\nSupport:\n…][\n\nOther fields:\n…]". The
    // header (given as `header`) and the generated sections are not the steward's text and are dropped.
    struct DescriptionParts
    {
        QString purpose;
        std::optional<QString> limitations, usage;
    };
    [[nodiscard]] static DescriptionParts splitDescription(const QString &description, const QString &header = {});

private:
    [[nodiscard]] QString absolute(const QString &relativePath) const;

    QString m_uri, m_root;
    Lookups m_lookups;
    std::shared_ptr<ContractsWriteJournal> m_journal;
};

} // namespace meshlens::models
