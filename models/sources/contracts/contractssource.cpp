#include "contractssource.h"

#include "contractfile.h"
#include "contractsmanifest.h"
#include "contractspusher.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QUrl>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace meshlens::models {

namespace {

using namespace records;
using Severity = SourceProblem::Severity;

const QLatin1String kScheme("contracts+");

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// One file of the folder in this sync: what the walk saw, what the reader made of it (if it was read), and the
// manifest entry the next sync will compare with.
struct FileState
{
    QString rel, abs;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    bool parsed = false;
    ContractFile file;
    ContractsManifest::Entry entry;
};

// Every candidate file under root, in path order, skipping .git and symlinked folders (a link cycle never ends).
std::vector<FileState> listFolder(const QString &root, const std::atomic<bool> &cancel)
{
    std::vector<FileState> out;
    std::vector<QString> dirs{root};
    while (!dirs.empty() && !cancel.load()) {
        const QString dir = dirs.back();
        dirs.pop_back();
        const QFileInfoList entries =
            QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
        for (const QFileInfo &fi : entries) {
            if (fi.isDir()) {
                if (!fi.isSymLink() && fi.fileName() != QLatin1String(".git")) {
                    dirs.push_back(fi.absoluteFilePath());
                }
                continue;
            }
            if (!ContractFileReader::isCandidate(fi.fileName())) {
                continue;
            }
            FileState f;
            f.abs = fi.absoluteFilePath();
            f.rel = QDir(root).relativeFilePath(f.abs);
            f.size = fi.size();
            f.mtimeMs = fi.lastModified().toMSecsSinceEpoch();
            out.push_back(std::move(f));
        }
    }
    std::sort(out.begin(), out.end(), [](const FileState &a, const FileState &b) { return a.rel < b.rel; });
    return out;
}

// Reads and parses one file into f (file and the facts of its manifest entry).
void readFile(FileState &f)
{
    f.parsed = true;
    f.entry = {};
    f.entry.size = f.size;
    f.entry.mtimeMs = f.mtimeMs;
    if (f.size > ContractFileReader::kMaxFileBytes) {
        f.file = {};
        f.file.format = ContractFile::Format::Invalid;
        f.file.problems.push_back({{},
                                   0,
                                   QStringLiteral("the file is %1 MB, more than the 16 MB a contract file may be: "
                                                  "not read")
                                       .arg(f.size / (1024 * 1024)),
                                   Severity::Error});
    } else {
        QFile file(f.abs);
        if (!file.open(QIODevice::ReadOnly)) {
            f.file = {};
            f.file.format = ContractFile::Format::Invalid;
            f.file.problems.push_back({{}, 0, QStringLiteral("cannot read the file: %1").arg(file.errorString())});
        } else {
            const QByteArray bytes = file.read(ContractFileReader::kMaxFileBytes + 1);
            f.entry.hash = QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex();
            f.file = ContractFileReader::read(f.rel, bytes);
        }
    }
    for (SourceProblem &p : f.file.problems) {
        p.file = f.rel;
    }
    f.entry.problems = f.file.problems;
    for (const ContractFile::Contract &c : f.file.contracts) {
        f.entry.contracts.push_back({c.id, c.version, c.inferred.id, c.line});
    }
    f.entry.productId = f.file.productId;
    f.entry.inputs = f.file.inputs;
    f.entry.outputs = f.file.outputs;
}

// What the folder-wide join knows: which files declare each contract id, and which product publishes it.
struct Index
{
    struct Def
    {
        const FileState *file;
        const ContractsManifest::Contract *contract;
    };
    std::map<std::string, std::vector<Def>> defs; // in path order
    std::map<std::string, std::pair<std::string, const FileState *>> owner;

    explicit Index(const std::vector<FileState> &files)
    {
        for (const FileState &f : files) {
            for (const auto &c : f.entry.contracts) {
                defs[c.id].push_back({&f, &c});
            }
            if (!f.entry.productId.empty()) {
                for (const auto &o : f.entry.outputs) {
                    owner.try_emplace(o.contractId, f.entry.productId, &f);
                }
            }
        }
    }
    // Whether another file earlier in path order declares the same id and version: then this copy is skipped.
    bool shadowed(const FileState &f, const ContractsManifest::Contract &c) const
    {
        const auto it = defs.find(c.id);
        if (it == defs.end()) {
            return false;
        }
        for (const Def &d : it->second) {
            if (d.file == &f && d.contract == &c) {
                return false;
            }
            if (d.contract->version == c.version) {
                return true;
            }
        }
        return false;
    }
    // The product a contract's ports belong to: the product file publishing it, else the one it is inferred into.
    std::string productOf(const ContractsManifest::Contract &c) const
    {
        const auto it = owner.find(c.id);
        return it != owner.end() ? it->second.first : c.inferred;
    }
    // The product an input port consuming the contract reads from, or nothing when no file defines the contract.
    std::optional<std::string> producerOf(const std::string &contractId) const
    {
        if (const auto it = owner.find(contractId); it != owner.end()) {
            return it->second.first;
        }
        if (const auto it = defs.find(contractId); it != defs.end()) {
            return it->second.front().contract->inferred;
        }
        return std::nullopt;
    }
    // What a file's records depend on outside it: a change means the file must be read again even if unchanged.
    std::string deps(const FileState &f) const
    {
        std::string s;
        for (const auto &c : f.entry.contracts) {
            s += c.id + "@" + c.version + "=" + productOf(c) + (shadowed(f, c) ? "!" : "") + ";";
        }
        for (const auto &o : f.entry.outputs) {
            s += o.contractId + (defs.contains(o.contractId) ? "+;" : "-;");
        }
        return s;
    }
};

std::string recordKey(const Record &r)
{
    return std::visit(
        [](const auto &x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, Domain>) {
                return ContractsManifest::key("domain", {}, x.id);
            } else if constexpr (std::is_same_v<T, Team>) {
                return ContractsManifest::key("team", {}, x.id);
            } else if constexpr (std::is_same_v<T, Person>) {
                return ContractsManifest::key("person", {}, x.id);
            } else if constexpr (std::is_same_v<T, Product>) {
                return ContractsManifest::key("product", {}, x.id);
            } else if constexpr (std::is_same_v<T, Port>) {
                return ContractsManifest::key("port", x.product, x.id);
            } else if constexpr (std::is_same_v<T, Sla>) {
                return ContractsManifest::key("sla", x.product, x.id);
            } else if constexpr (std::is_same_v<T, Check>) {
                return ContractsManifest::key("check", x.product, x.id);
            } else if constexpr (std::is_same_v<T, Lineage>) {
                return ContractsManifest::lineageKey(x);
            } else {
                return {}; // results and measurements go with their check or SLA
            }
        },
        r);
}

Tombstone tombstoneOf(const std::string &key)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= key.size(); ++i) {
        if (i == key.size() || key[i] == '\x1f') {
            parts.push_back(key.substr(start, i - start));
            start = i + 1;
        }
    }
    Tombstone t;
    t.of = parts.at(0);
    if (t.of == "lineage" && parts.size() >= 6) {
        t.edge.from = parts[2];
        t.edge.fromPort = parts[3];
        t.edge.to = parts[4];
        t.edge.toPort = parts[5];
    } else if (parts.size() >= 3) {
        t.product = parts[1];
        t.id = parts[2];
    }
    return t;
}

// Order in which the writer accepts records: what a product names (domain, team, person) before it, the product
// before its ports, SLAs and checks, checks before their results.
int rank(const Record &r)
{
    static constexpr int ranks[] = {
        0 /*Domain*/,         1 /*Team*/,  2 /*Person*/,      3 /*Product*/, 4 /*Port*/, 5 /*Sla*/,
        7 /*SlaMeasurement*/, 6 /*Check*/, 7 /*CheckResult*/, 8 /*Lineage*/, -1};
    return ranks[r.index()];
}

int tombstoneRank(const std::string &kind)
{
    static const char *const order[] = {"lineage", "check", "sla", "port", "product", "person", "team", "domain"};
    for (int i = 0; i < 8; ++i) {
        if (kind == order[i]) {
            return i;
        }
    }
    return 8;
}

// The records of the folder, collected before any is written: files are read in any order, the writer wants
// domains before products. Each key once (two contracts inferring one product both define it).
class Emitter
{
public:
    std::vector<Record> records;
    std::set<std::string> keys;

    // Adds the record and returns its key ("" for results), or nothing if the key was already added.
    std::optional<std::string> add(Record &&r)
    {
        std::string key = recordKey(r);
        if (key.empty()) {
            if (const auto *cr = std::get_if<CheckResult>(&r)) {
                if (!m_results.insert(cr->product + '\x1f' + cr->check + '\x1f' + std::to_string(cr->t0)).second) {
                    return std::nullopt;
                }
            }
            records.push_back(std::move(r));
            return std::string();
        }
        if (!keys.insert(key).second) {
            return key; // defined again by this file: still one of its entities
        }
        records.push_back(std::move(r));
        return key;
    }

private:
    std::set<std::string> m_results;
};

void setProduct(Record &r, const std::string &product)
{
    std::visit(
        [&](auto &x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, Port> || std::is_same_v<T, Sla> || std::is_same_v<T, Check>) {
                x.product = product;
            }
        },
        r);
}

// Turns a parsed file into records, given the folder-wide index, and fills its entry's defines and nodes.
void resolve(FileState &f, const Index &index, Emitter &out)
{
    std::set<std::string> defines;
    const auto add = [&](Record &&r) {
        if (const auto key = out.add(std::move(r)); key && !key->empty()) {
            defines.insert(*key);
        }
    };
    f.entry.nodes.clear();
    for (auto &[key, node] : f.file.nodes) {
        f.entry.nodes.emplace_back(key, node);
    }
    for (Record &r : f.file.records) {
        add(std::move(r));
    }
    for (std::size_t i = 0; i < f.file.contracts.size(); ++i) {
        ContractFile::Contract &c = f.file.contracts[i];
        const ContractsManifest::Contract &fact = f.entry.contracts[i];
        if (index.shadowed(f, fact)) {
            continue; // reported as a duplicate by the join
        }
        const std::string product = index.productOf(fact);
        const bool inferred = product == c.inferred.id;
        f.entry.nodes.emplace_back(ContractsManifest::key("contract", {}, c.id + "@" + c.version), c.root);
        if (inferred) {
            f.entry.nodes.emplace_back(ContractsManifest::key("product", {}, product), c.root);
        }
        bool first = true;
        std::string contractText = std::move(c.inferred.description);
        if (inferred) {
            c.inferred.description = contractText;
            add(std::move(c.inferred));
        }
        for (Record &r : c.records) {
            setProduct(r, product);
            if (auto *port = std::get_if<Port>(&r); port && first && !inferred) {
                // The product file describes the product; what the contract says beyond its schema goes with it.
                port->description += (port->description.empty() ? "" : "\n\n") + contractText;
                first = false;
            }
            add(std::move(r));
        }
        for (auto &[key, node] : c.nodes) {
            f.entry.nodes.emplace_back(ContractsManifest::withProduct(key, product), node);
        }
    }
    for (ContractFile::Placeholder &p : f.file.placeholders) {
        if (!index.defs.contains(p.contractId)) {
            f.entry.nodes.emplace_back(ContractsManifest::key("port", p.port.product, p.port.id), p.node);
            add(std::move(p.port));
        }
    }
    f.entry.defines.assign(defines.begin(), defines.end());
    f.entry.deps = index.deps(f);
    f.file = {}; // the records moved out; the rest is in the entry
}

} // namespace

ContractsSource::ContractsSource(QString rootPath, std::function<QByteArray(const QString &, const QString &)> state)
    : m_root(QDir::cleanPath(QFileInfo(rootPath).absoluteFilePath()))
    , m_state(std::move(state))
{}

std::unique_ptr<OutboxPusher> ContractsSource::makePusher() const
{
    // One journal per folder for the whole process: a second delivery before the next sync knows the files the
    // first one wrote (a restart forgets it, which costs at most a conflict, never an overwrite).
    static QMutex journalsMutex;
    static QHash<QString, std::shared_ptr<ContractsWriteJournal>> journals;
    const QString sourceUri = uri();
    std::shared_ptr<ContractsWriteJournal> journal;
    {
        const QMutexLocker lock(&journalsMutex);
        auto &j = journals[sourceUri];
        if (!j) {
            j = std::make_shared<ContractsWriteJournal>();
        }
        journal = j;
    }
    // The manifest is read once per pusher (one delivery run), when the first item needs it.
    auto manifest = std::make_shared<std::optional<ContractsManifest>>();
    auto load = [state = m_state, sourceUri, manifest]() -> const ContractsManifest * {
        if (!*manifest && state) {
            *manifest = ContractsManifest::fromJson(state(sourceUri, QLatin1String(ContractsManifest::kStateKey)));
        }
        return *manifest ? &**manifest : nullptr;
    };
    ContractsPusher::Lookups lookups;
    lookups.locate = [load](const QString &kind, const QString &product,
                            const QString &id) -> std::optional<ContractsPusher::Location> {
        const ContractsManifest *m = load();
        const auto node =
            m ? m->find(ContractsManifest::key(kind.toStdString(), product.toStdString(), id.toStdString()))
              : std::nullopt;
        return node ? std::optional(ContractsPusher::Location{node->file, node->path}) : std::nullopt;
    };
    lookups.lastSynced = [load](const QString &relativePath) -> std::optional<ContractsPusher::FileState> {
        const ContractsManifest *m = load();
        if (!m) {
            return std::nullopt;
        }
        const auto it = m->files.find(relativePath);
        if (it == m->files.cend()) {
            return std::nullopt;
        }
        return ContractsPusher::FileState{it->second.size, it->second.mtimeMs, it->second.hash};
    };
    return std::make_unique<ContractsPusher>(sourceUri, m_root, std::move(lookups), std::move(journal));
}

QString ContractsSource::canonicalUri(const QString &path)
{
    const QString abs = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return kScheme + QUrl::fromLocalFile(abs.endsWith(QLatin1Char('/')) ? abs : abs + QLatin1Char('/')).toString();
}

QString ContractsSource::uri() const
{
    return canonicalUri(m_root);
}

SourceRegistry::Kind ContractsSource::registration()
{
    const auto localPath = [](const QString &text) -> QString {
        if (text.startsWith(kScheme)) {
            return QUrl(text.mid(kScheme.size())).toLocalFile();
        }
        if (text.startsWith(QLatin1String("file:"))) {
            return QUrl(text).toLocalFile();
        }
        return text;
    };
    return {QStringLiteral("contracts"),
            [localPath](const QString &text) {
                return text.startsWith(kScheme) || (!text.isEmpty() && QFileInfo(localPath(text)).isDir());
            },
            [localPath](const QString &text, const SourceEnvironment &environment) -> SourceRegistry::Opened {
                const QString path = localPath(text);
                if (path.isEmpty() || !QFileInfo(path).isDir()) {
                    return {nullptr, QStringLiteral("'%1' is not a folder: a contracts source is a folder of "
                                                    "*.odcs.yaml and *.odps.yaml files")
                                         .arg(text)};
                }
                return {std::make_unique<ContractsSource>(path, environment.state), {}};
            }};
}

Source::Probe ContractsSource::probe(const std::atomic<bool> &cancel)
{
    if (!QFileInfo(m_root).isDir()) {
        return {false, QStringLiteral("%1 is not a folder (any more)").arg(m_root)};
    }
    const std::vector<FileState> files = listFolder(m_root, cancel);
    return {true, QStringLiteral("%1 YAML and JSON files in %2").arg(files.size()).arg(m_root)};
}

std::optional<QString> ContractsSource::read(ReadContext &context)
{
    if (!QFileInfo(m_root).isDir()) {
        return QStringLiteral("%1 is not a folder (any more): nothing was changed in the cache").arg(m_root);
    }
    std::optional<ContractsManifest> old;
    if (!context.full && context.state) {
        old = ContractsManifest::fromJson(context.state(QLatin1String(ContractsManifest::kStateKey)));
    }
    const bool snapshot = !old.has_value();

    std::vector<FileState> files = listFolder(m_root, context.cancel);
    SyncProgress progress;
    progress.phase = SyncProgress::Phase::Reading;
    progress.totalBytes = 0;
    for (const FileState &f : files) {
        progress.totalBytes += f.size;
    }
    std::set<QString> present;
    for (FileState &f : files) {
        if (context.cancel.load()) {
            return QStringLiteral("cancelled");
        }
        present.insert(f.rel);
        const ContractsManifest::Entry *before = nullptr;
        if (old) {
            if (const auto it = old->files.find(f.rel); it != old->files.end()) {
                before = &it->second;
            }
        }
        if (before && before->size == f.size && before->mtimeMs == f.mtimeMs) {
            f.entry = *before;
        } else {
            readFile(f);
            if (before && !before->hash.isEmpty() && before->hash == f.entry.hash) {
                // Touched, not changed (a checkout, a save without edits): keep what the last sync made of it.
                f.parsed = false;
                f.file = {};
                f.entry = *before;
                f.entry.mtimeMs = f.mtimeMs;
            }
        }
        progress.bytes += f.size;
        progress.step = f.rel;
        if (context.progress) {
            context.progress(progress);
        }
    }

    // The join. A file unchanged on disk is read again when what it depends on elsewhere changed (a product file
    // now publishes its contract, a duplicate of it went away).
    // Re-reading gives the same facts (the file is unchanged), so one round settles it; the index points into the
    // entries and is rebuilt after them.
    std::vector<FileState *> stale;
    {
        const Index before(files);
        for (FileState &f : files) {
            if (!f.parsed && before.deps(f) != f.entry.deps) {
                stale.push_back(&f);
            }
        }
    }
    for (FileState *f : stale) {
        readFile(*f);
    }
    const Index index(files);

    Emitter out;
    for (FileState &f : files) {
        if (f.parsed) {
            resolve(f, index, out);
        }
    }

    // Folder-wide: lineage from input ports to the products publishing their contracts, and the problems only the
    // whole folder shows (duplicates, references to nothing, two products publishing one contract).
    std::vector<SourceProblem> problems;
    std::vector<std::string> derived;
    for (const FileState &f : files) {
        for (const SourceProblem &p : f.entry.problems) {
            problems.push_back(p);
        }
        for (const auto &c : f.entry.contracts) {
            // Against the earlier files declaring the id: the same version is an error (this copy is skipped), another
            // version a warning.
            const Index::Def *same = nullptr;
            const Index::Def *other = nullptr;
            for (const Index::Def &d : index.defs.at(c.id)) {
                if (d.contract == &c) {
                    break;
                }
                if (d.contract->version == c.version) {
                    same = same ? same : &d;
                } else {
                    other = other ? other : &d;
                }
            }
            if (same) {
                problems.push_back({f.rel, c.line,
                                    QStringLiteral("contract %1 version %2 is also defined in %3 (line %4): this "
                                                   "copy is not imported")
                                        .arg(q(c.id), q(c.version), same->file->rel)
                                        .arg(same->contract->line),
                                    Severity::Error});
            } else if (other) {
                problems.push_back({f.rel, c.line,
                                    QStringLiteral("contract id %1 is also used in %2 (version %3): each version is "
                                                   "imported as its own port")
                                        .arg(q(c.id), other->file->rel, q(other->contract->version)),
                                    Severity::Warning});
            }
        }
        if (f.entry.productId.empty()) {
            continue;
        }
        for (const auto &o : f.entry.outputs) {
            const auto owner = index.owner.find(o.contractId);
            if (owner != index.owner.end() && owner->second.second != &f) {
                problems.push_back(
                    {f.rel, o.line,
                     QStringLiteral("output port '%1' publishes contract %2, which product %3 (%4) "
                                    "publishes already: the contract's ports stay with that product")
                         .arg(q(o.portName), q(o.contractId), q(owner->second.first), owner->second.second->rel),
                     Severity::Warning});
            }
            if (!index.defs.contains(o.contractId)) {
                problems.push_back({f.rel, o.line,
                                    QStringLiteral("output port '%1' %2 names contract %3, which no file in the "
                                                   "folder defines: the port has no schema")
                                        .arg(q(o.portName), q(o.version), q(o.contractId)),
                                    Severity::Warning});
            }
        }
        for (const auto &in : f.entry.inputs) {
            const auto producer = index.producerOf(in.contractId);
            if (!producer) {
                problems.push_back({f.rel, in.line,
                                    QStringLiteral("port '%1' %2 consumes contract %3, which no file in the folder "
                                                   "defines: no lineage for it")
                                        .arg(q(in.portName), q(in.version), q(in.contractId)),
                                    Severity::Warning});
                continue;
            }
            if (*producer == f.entry.productId) {
                continue;
            }
            Lineage edge;
            edge.from = *producer;
            edge.to = f.entry.productId;
            edge.toPort = in.portId.rfind("in:", 0) == 0 ? in.portId : std::string();
            edge.description = "contract " + in.contractId;
            if (const auto key = out.add(std::move(edge)); key && !key->empty()) {
                derived.push_back(*key);
            }
        }
    }

    // In a delta, what the changed and deleted files (and the join) defined before and nothing defines now goes.
    std::vector<std::string> gone;
    if (!snapshot) {
        std::set<std::string> now(derived.begin(), derived.end());
        for (const FileState &f : files) {
            now.insert(f.entry.defines.begin(), f.entry.defines.end());
        }
        std::set<std::string> before(old->derived.begin(), old->derived.end());
        for (const auto &[rel, e] : old->files) {
            const auto it = std::lower_bound(files.begin(), files.end(), rel,
                                             [](const FileState &f, const QString &r) { return f.rel < r; });
            const bool unchanged = it != files.end() && it->rel == rel && !it->parsed;
            if (!unchanged) {
                before.insert(e.defines.begin(), e.defines.end());
            }
        }
        std::set_difference(before.begin(), before.end(), now.begin(), now.end(), std::back_inserter(gone));
        std::stable_sort(gone.begin(), gone.end(), [](const std::string &a, const std::string &b) {
            return tombstoneRank(a.substr(0, a.find('\x1f'))) < tombstoneRank(b.substr(0, b.find('\x1f')));
        });
    }

    ContractsManifest manifest;
    for (FileState &f : files) {
        manifest.files.emplace(f.rel, std::move(f.entry));
    }
    manifest.derived = std::move(derived);
    const QByteArray state = manifest.toJson();

    Header header;
    header.format = "meshlens-contracts";
    header.version = 1;
    header.mode = snapshot ? BundleMode::Snapshot : BundleMode::Delta;
    header.cursor = QCryptographicHash::hash(state, QCryptographicHash::Sha1).toHex().left(16).toStdString();
    header.since = snapshot ? std::string() : context.cursor.toStdString();
    header.sourceName = QFileInfo(m_root).fileName().toStdString();
    header.generatedAt = QDateTime::currentSecsSinceEpoch();
    if (auto error = context.sink.begin(header)) {
        return error;
    }
    for (const std::string &key : gone) {
        if (auto error = context.sink.write(tombstoneOf(key))) {
            return QStringLiteral("removing %1: %2").arg(q(key).replace(QLatin1Char('\x1f'), QLatin1Char(' ')), *error);
        }
    }
    std::stable_sort(out.records.begin(), out.records.end(),
                     [](const Record &a, const Record &b) { return rank(a) < rank(b); });
    progress.phase = SyncProgress::Phase::Indexing;
    for (Record &r : out.records) {
        if (context.cancel.load()) {
            return QStringLiteral("cancelled");
        }
        const std::string key = recordKey(r);
        if (auto error = context.sink.write(std::move(r))) {
            return QStringLiteral("%1: %2").arg(q(key).replace(QLatin1Char('\x1f'), QLatin1Char(' ')), *error);
        }
        ++progress.records;
    }
    for (SourceProblem &p : problems) {
        context.sink.problem(std::move(p));
    }
    context.sink.setState(QLatin1String(ContractsManifest::kStateKey), state);
    if (context.progress) {
        context.progress(progress);
    }
    return std::nullopt;
}

} // namespace meshlens::models
