// libFuzzer target: the data-contract readers (ODCS, ODPS, DCS, OpenLineage) through ContractFileReader::read.
// The first byte chooses the file name, which decides the format before the content does. Invariant: read() never
// throws or crashes (contractfile.h promises so for hostile input), and an Invalid file yields at least one problem.

#include "models/sources/contracts/contractfile.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace meshlens::models;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    static const char *const names[] = {"orders.odcs.yaml", "shop.odps.yaml", "datacontract.yaml", "contract.yaml",
                                        "events.json",      "run.ndjson",     "schema.json",       "misc.yml"};
    const QString name = QString::fromLatin1(names[data[0] % std::size(names)]);
    const QByteArray bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const ContractFile file = ContractFileReader::read(name, bytes);
    if (file.format == ContractFile::Format::Invalid && file.problems.empty()) {
        std::abort(); // a file that could not be read must say why
    }
    return 0;
}
