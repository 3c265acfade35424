#pragma once

// What one file of a data-contracts folder says, before it is joined with the rest of the folder: the records it
// defines, the facts other files' records depend on (which contracts it declares, which contracts its product's
// ports reference), its problems, and where in the YAML each entity was defined (for the write-back side).
// ContractFileReader::read fills it from the file's bytes; ContractsSource joins the files. Plain values, any thread.

#include "../../catalog/records.h"
#include "../source.h"

#include <QByteArray>
#include <QString>

#include <string>
#include <vector>

namespace meshlens::models {

// Where an entity was defined: a JSON Pointer into the parsed YAML document ("" is the root, "/schema/0/properties/2"
// the third property of the first schema object) and the 1-based line of that node.
struct ContractNode
{
    QString file; // relative to the folder, '/'-separated
    QString path;
    int line = 0;
};

struct ContractFile
{
    enum class Format
    {
        None, // not a catalog file (a JSON Schema, any other YAML or JSON): ignored without a problem
        Odcs,
        Odps,
        Dcs,
        OpenLineage,
        Invalid // could not be read at all (too big, not UTF-8, not YAML): only problems
    };

    // A contract id a product port names: joined with the contracts other files declare.
    struct ContractRef
    {
        std::string contractId, version, portName, portId;
        int line = 0;
    };

    // One contract (ODCS, or a DCS file): its records carry an empty product id until the join says which product
    // owns the contract (an ODPS output port naming it, else `inferred`).
    struct Contract
    {
        std::string id, version;
        int line = 0;
        records::Product inferred;                               // the product it becomes when no product file names it
        std::vector<records::Record> records;                    // Port, Sla, Check with product left empty
        std::vector<std::pair<std::string, ContractNode>> nodes; // "port|<id>" -> node, product filled at join
        ContractNode root;
    };

    // An ODPS output port naming a contract: a port of its own only while no file of the folder defines that
    // contract (else the contract's own ports, with their columns, stand for it).
    struct Placeholder
    {
        std::string contractId;
        records::Port port;
        ContractNode node;
    };

    Format format = Format::None;
    std::vector<SourceProblem> problems;  // file left empty: it is this file
    std::vector<records::Record> records; // independent of other files: domains, teams, people, products, ...
    std::vector<Contract> contracts;
    std::vector<Placeholder> placeholders;
    std::string productId;            // the ODPS product this file defines, if any
    std::vector<ContractRef> inputs;  // contracts the product consumes (input ports, inputContracts)
    std::vector<ContractRef> outputs; // contracts the product publishes (output ports)
    std::vector<std::pair<std::string, ContractNode>> nodes; // entity key (ContractsManifest::key) -> node
};

// Reads one file. Never throws and never crashes on hostile input: the size is capped before parsing, invalid UTF-8
// and nesting beyond yaml-cpp's limit are problems, and the mapping works within a node budget so an alias bomb
// (aliases are not expanded by the parser but would be by a walk) stays bounded. Stateless; any thread.
class ContractFileReader final
{
public:
    static constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;
    static constexpr int kMaxNodes = 200000; // nodes visited while mapping one file

    // relPath decides the format by its name first (*.odcs.yaml, *.odps.yaml, *.json, *.ndjson), then by content.
    [[nodiscard]] static ContractFile read(const QString &relPath, const QByteArray &bytes);
    // Whether the folder walk should read the file at all.
    [[nodiscard]] static bool isCandidate(const QString &fileName);
};

} // namespace meshlens::models
