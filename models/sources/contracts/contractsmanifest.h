#pragma once

// What the last sync of a contracts folder knew about each file, kept in the source's state (RecordSink::setState,
// key kStateKey) so a re-sync reads only changed files: size, mtime and content hash, the file's problems (re-reported
// while it is unchanged), the entities it defined (tombstoned when it changes or goes), the facts the folder-wide
// join needs, and where in the YAML each entity was defined.
//
// The write-back side finds the YAML node of an entity with locate(): the manifest is the bytes the cache keeps under
// kStateKey for the source. Plain value; any thread.

#include "contractfile.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshlens::models {

struct ContractsManifest
{
    static constexpr const char *kStateKey = "manifest";

    struct Contract
    {
        std::string id, version, inferred; // inferred: the product it becomes when no product file names it
        int line = 0;
    };

    struct Entry
    {
        qint64 size = 0;
        qint64 mtimeMs = 0;
        QByteArray hash; // hex SHA-1 of the content
        std::vector<SourceProblem> problems;
        std::vector<std::string> defines;                        // entity keys (key())
        std::vector<std::pair<std::string, ContractNode>> nodes; // entity key -> node (the node's file is this one)
        std::string deps; // what of the rest of the folder the file's records depended on (see ContractsSource)
        std::vector<Contract> contracts;
        std::string productId;
        std::vector<ContractFile::ContractRef> inputs, outputs;
    };

    std::map<QString, Entry> files;   // by path relative to the folder
    std::vector<std::string> derived; // keys of the folder-wide records (lineage between products) last emitted

    [[nodiscard]] QByteArray toJson() const;
    [[nodiscard]] static std::optional<ContractsManifest> fromJson(const QByteArray &json);

    // An entity's key: kind is domain | team | person | product | port | sla | check | column | contract; product
    // is the owning product's id for port, sla, check and column (empty otherwise); a column's id is
    // "<port id>\x1f<column name>", a contract's "<contract id>@<version>".
    [[nodiscard]] static std::string key(std::string_view kind, std::string_view product, std::string_view id);
    [[nodiscard]] static std::string lineageKey(const records::Lineage &edge);
    // The same key with another owning product (a contract's entities get theirs when the folder is joined).
    [[nodiscard]] static std::string withProduct(const std::string &key, std::string_view product);

    // Where the entity with this key was defined, from a manifest's bytes; nothing if unknown.
    [[nodiscard]] static std::optional<ContractNode> locate(const QByteArray &state, const std::string &key);
    [[nodiscard]] std::optional<ContractNode> find(const std::string &key) const;
};

} // namespace meshlens::models
