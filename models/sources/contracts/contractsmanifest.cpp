#include "contractsmanifest.h"

#include <QDataStream>
#include <QIODevice>

namespace meshlens::models {

namespace {

constexpr char kSep = '\x1f'; // in no id a person types

} // namespace

std::string ContractsManifest::key(std::string_view kind, std::string_view product, std::string_view id)
{
    std::string k;
    k.reserve(kind.size() + product.size() + id.size() + 2);
    k.append(kind).push_back(kSep);
    k.append(product).push_back(kSep);
    k.append(id);
    return k;
}

std::string ContractsManifest::lineageKey(const records::Lineage &e)
{
    return key("lineage", {}, e.from + kSep + e.fromPort + kSep + e.to + kSep + e.toPort);
}

std::string ContractsManifest::withProduct(const std::string &k, std::string_view product)
{
    const std::size_t a = k.find(kSep);
    const std::size_t b = a == std::string::npos ? a : k.find(kSep, a + 1);
    if (b == std::string::npos) {
        return k;
    }
    return k.substr(0, a + 1) + std::string(product) + k.substr(b);
}

// A length-prefixed binary stream (QDataStream), not JSON: at 12k files the manifest is tens of MB of small strings,
// and building and parsing a JSON object model of it was most of a re-sync's time.
namespace {

constexpr quint32 kMagic = 0x4d4c434d; // "MLCM"
constexpr quint32 kFormat = 2;

QDataStream &operator<<(QDataStream &out, const std::string &v)
{
    out.writeBytes(v.data(), static_cast<qsizetype>(v.size()));
    return out;
}

QDataStream &operator>>(QDataStream &in, std::string &v)
{
    QByteArray b;
    in >> b;
    v.assign(b.constData(), static_cast<std::size_t>(b.size()));
    return in;
}

void writeRefs(QDataStream &out, const std::vector<ContractFile::ContractRef> &list)
{
    out << static_cast<quint32>(list.size());
    for (const auto &r : list) {
        out << r.contractId << r.version << r.portName << r.portId << static_cast<qint32>(r.line);
    }
}

bool readRefs(QDataStream &in, std::vector<ContractFile::ContractRef> &list)
{
    quint32 n = 0;
    in >> n;
    for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        ContractFile::ContractRef r;
        qint32 line = 0;
        in >> r.contractId >> r.version >> r.portName >> r.portId >> line;
        r.line = line;
        list.push_back(std::move(r));
    }
    return in.status() == QDataStream::Ok;
}

} // namespace

QByteArray ContractsManifest::toBytes() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kMagic << kFormat << static_cast<quint32>(files.size());
    for (const auto &[path, e] : files) {
        out << path << e.size << e.mtimeMs << e.hash;
        out << static_cast<quint32>(e.problems.size());
        for (const SourceProblem &p : e.problems) {
            out << static_cast<qint32>(p.line) << (p.severity == SourceProblem::Severity::Error) << p.message;
        }
        out << static_cast<quint32>(e.defines.size());
        for (const std::string &d : e.defines) {
            out << d;
        }
        out << static_cast<quint32>(e.nodes.size());
        for (const auto &[k, n] : e.nodes) {
            out << k << n.path << static_cast<qint32>(n.line);
        }
        out << e.deps << static_cast<quint32>(e.contracts.size());
        for (const Contract &c : e.contracts) {
            out << c.id << c.version << c.inferred << static_cast<qint32>(c.line);
        }
        out << e.productId;
        writeRefs(out, e.inputs);
        writeRefs(out, e.outputs);
    }
    out << static_cast<quint32>(derived.size());
    for (const std::string &d : derived) {
        out << d;
    }
    return bytes;
}

std::optional<ContractsManifest> ContractsManifest::fromBytes(const QByteArray &bytes)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, format = 0, count = 0;
    in >> magic >> format >> count;
    if (in.status() != QDataStream::Ok || magic != kMagic || format != kFormat) {
        return std::nullopt; // none, an older or a damaged manifest: the next sync reads everything
    }
    ContractsManifest m;
    for (quint32 f = 0; f < count && in.status() == QDataStream::Ok; ++f) {
        QString path;
        Entry e;
        quint32 n = 0;
        in >> path >> e.size >> e.mtimeMs >> e.hash >> n;
        for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
            qint32 line = 0;
            bool error = false;
            QString message;
            in >> line >> error >> message;
            e.problems.push_back(
                {path, line, message, error ? SourceProblem::Severity::Error : SourceProblem::Severity::Warning});
        }
        in >> n;
        for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
            std::string d;
            in >> d;
            e.defines.push_back(std::move(d));
        }
        in >> n;
        for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
            std::string k;
            QString nodePath;
            qint32 line = 0;
            in >> k >> nodePath >> line;
            e.nodes.emplace_back(std::move(k), ContractNode{path, nodePath, line});
        }
        in >> e.deps >> n;
        for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
            Contract c;
            qint32 line = 0;
            in >> c.id >> c.version >> c.inferred >> line;
            c.line = line;
            e.contracts.push_back(std::move(c));
        }
        in >> e.productId;
        if (!readRefs(in, e.inputs) || !readRefs(in, e.outputs)) {
            return std::nullopt;
        }
        m.files.emplace(path, std::move(e));
    }
    in >> count;
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        std::string d;
        in >> d;
        m.derived.push_back(std::move(d));
    }
    if (in.status() != QDataStream::Ok) {
        return std::nullopt;
    }
    return m;
}

std::optional<ContractNode> ContractsManifest::find(const std::string &k) const
{
    for (const auto &[path, e] : files) {
        for (const auto &[nk, n] : e.nodes) {
            if (nk == k) {
                return n;
            }
        }
    }
    return std::nullopt;
}

std::optional<ContractNode> ContractsManifest::locate(const QByteArray &state, const std::string &k)
{
    const auto m = fromBytes(state);
    return m ? m->find(k) : std::nullopt;
}

} // namespace meshlens::models
