// Suite `contracts`: a generated folder of ODCS contracts and ODPS products (10k + 2k; --quick 500 + 100) synced
// into a fresh cache through the contracts source (files per second, peak RSS), then re-synced after 1% of the
// contracts changed (only those are read again; the rest is size + mtime from the manifest). Each sync runs in a
// child process, so its peak RSS is its own.

#include "benchutil.h"

#include <QDir>
#include <QFile>

namespace meshlens::bench {

namespace {

QByteArray contractYaml(int i, int products, const QByteArray &purpose)
{
    const int product = i % products;
    QByteArray y = "apiVersion: v3.1.0\nkind: DataContract\n";
    y += "id: contract-" + QByteArray::number(i) + "\nversion: 1.0.0\nstatus: active\nname: table_" +
         QByteArray::number(i) + "\ndomain: domain-" + QByteArray::number(product % 20) + "\n";
    y += "description:\n  purpose: " + purpose + "\n  usage: Reporting\ntags: [generated, bench]\n";
    y += "team:\n  name: team-" + QByteArray::number(product % 50) + "\n  members:\n    - username: owner" +
         QByteArray::number(product % 200) + "@example.com\n      role: Owner\n";
    y += "schema:\n  - name: table_" + QByteArray::number(i) + "\n    physicalName: tbl_" + QByteArray::number(i) +
         "\n    physicalType: table\n    description: Generated table\n    properties:\n";
    for (int c = 0; c < 12; ++c) {
        y += "      - name: col_" + QByteArray::number(c) +
             "\n        logicalType: string\n        physicalType: " + "varchar(64)\n        description: Column " +
             QByteArray::number(c) +
             "\n        required: " + (c == 0 ? "true\n        primaryKey: true\n" : "false\n") +
             "        classification: " + (c % 3 == 0 ? "restricted\n" : "public\n");
        if (c == 1) {
            y += "        quality:\n          - metric: nullValues\n            mustBe: 0\n            severity: "
                 "error\n";
        }
    }
    y += "    quality:\n      - metric: rowCount\n        mustBeGreaterThan: 1000\n";
    y += "slaProperties:\n  - property: latency\n    value: 4\n    unit: h\n  - property: availability\n    value: "
         "99.5\n    unit: percent\n  - property: retention\n    value: 3\n    unit: y\n";
    y += "support:\n  - channel: '#data-help'\n    tool: slack\n";
    return y;
}

QByteArray productYaml(int p, int products, int contracts)
{
    QByteArray y = "apiVersion: v1.0.0\nkind: DataProduct\nid: product-" + QByteArray::number(p) + "\nname: Product " +
                   QByteArray::number(p) + "\nstatus: active\ndomain: domain-" + QByteArray::number(p % 20) + "\n";
    y += "team:\n  name: team-" + QByteArray::number(p % 50) + "\n";
    y += "outputPorts:\n";
    for (int i = p; i < contracts; i += products) {
        y += "  - name: out" + QByteArray::number(i) + "\n    version: 1.0.0\n    contractId: contract-" +
             QByteArray::number(i) + "\n";
    }
    if (p > 0) { // a chain of products: each consumes one contract of the one before
        y += "inputPorts:\n  - name: feed\n    version: 1.0.0\n    contractId: contract-" + QByteArray::number(p - 1) +
             "\n";
    }
    return y;
}

QString contractPath(const QString &root, int i, int products)
{
    const int p = i % products;
    return QStringLiteral("%1/domain-%2/product-%3/contracts/contract-%4.odcs.yaml")
        .arg(root)
        .arg(p % 20)
        .arg(p)
        .arg(i);
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// The folder, laid out as the reference suggests: <domain>/<product>/<product>.odps.yaml and contracts/ beside it.
bool generate(const QString &root, int contracts, int products)
{
    for (int p = 0; p < products; ++p) {
        const QString dir = QStringLiteral("%1/domain-%2/product-%3").arg(root).arg(p % 20).arg(p);
        if (!QDir().mkpath(dir + QStringLiteral("/contracts")) ||
            !write(QStringLiteral("%1/product-%2.odps.yaml").arg(dir).arg(p), productYaml(p, products, contracts))) {
            return false;
        }
    }
    for (int i = 0; i < contracts; ++i) {
        if (!write(contractPath(root, i, products), contractYaml(i, products, "Generated contract"))) {
            return false;
        }
    }
    return true;
}

} // namespace

int runContracts(const Options &options)
{
    const int contracts = static_cast<int>(options.products.value_or(options.quick ? 500 : 10'000));
    const int products = std::max(1, contracts / 5);
    const QString root = QDir(options.dataDir).filePath(QStringLiteral("contracts-%1").arg(contracts));
    const QString db = QDir(options.dataDir).filePath(QStringLiteral("contracts-%1.db").arg(contracts));
    QDir(root).removeRecursively();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile::remove(db + suffix);
    }
    progress(QStringLiteral("contracts: generating %1 contracts and %2 products in %3")
                 .arg(contracts)
                 .arg(products)
                 .arg(root));
    if (!generate(root, contracts, products)) {
        progress(QStringLiteral("contracts: could not write the folder"));
        return 1;
    }
    const int files = contracts + products;

    progress(QStringLiteral("contracts: full sync"));
    const auto full = runChild({QStringLiteral("--child"), QStringLiteral("ingest-meshlens"), root, db});
    if (!full) {
        return 1;
    }
    const double fullMs = full->value(QLatin1String("ms")).toDouble();
    report({{QStringLiteral("suite"), QStringLiteral("contracts")},
            {QStringLiteral("case"), QStringLiteral("full-sync")},
            {QStringLiteral("impl"), QStringLiteral("meshlens")},
            {QStringLiteral("n"), files},
            {QStringLiteral("ms"), fullMs},
            {QStringLiteral("per_s"), files / (fullMs / 1000.0)},
            {QStringLiteral("records"), full->value(QLatin1String("records"))},
            {QStringLiteral("peak_rss_mb"), full->value(QLatin1String("peak_rss_mb"))},
            {QStringLiteral("db_mb"), databaseMb(db)}});

    // 1% of the contracts change (a new purpose); their size changes too, so the walk sees them without hashing.
    const int changed = std::max(1, contracts / 100);
    for (int k = 0; k < changed; ++k) {
        const int i = k * (contracts / changed);
        if (!write(contractPath(root, i, products), contractYaml(i, products, "Generated contract, revised"))) {
            return 1;
        }
    }
    progress(QStringLiteral("contracts: re-sync with %1 changed files").arg(changed));
    const auto resync = runChild({QStringLiteral("--child"), QStringLiteral("ingest-meshlens"), root, db});
    if (!resync) {
        return 1;
    }
    report({{QStringLiteral("suite"), QStringLiteral("contracts")},
            {QStringLiteral("case"), QStringLiteral("resync-1pct")},
            {QStringLiteral("impl"), QStringLiteral("meshlens")},
            {QStringLiteral("n"), files},
            {QStringLiteral("changed"), changed},
            {QStringLiteral("ms"), resync->value(QLatin1String("ms")).toDouble()},
            {QStringLiteral("records"), resync->value(QLatin1String("records"))},
            {QStringLiteral("peak_rss_mb"), resync->value(QLatin1String("peak_rss_mb"))}});
    return 0;
}

} // namespace meshlens::bench
