#include "contractfile.h"

#include "../../catalog/slaterms.h"
#include "contractsmanifest.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <set>
#include <sstream>

namespace meshlens::models {

namespace {

using namespace records;
using Severity = SourceProblem::Severity;

constexpr int kMaxTreeNodes = 100000;  // a real contract has a few thousand; yaml-cpp costs ~250 bytes a node
constexpr int kMaxRenderedChars = 400; // one "Other fields" entry

struct BudgetExceeded
{
};

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string lower(std::string s)
{
    for (char &c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

// The byte offset of the first invalid UTF-8 sequence, or -1. Overlong forms and surrogates count as invalid.
qsizetype invalidUtf8At(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        int len = 0;
        unsigned min = 0;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + len > n) {
            return i;
        }
        unsigned cp = c & (0xFF >> (len + 1));
        for (int k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) {
                return i;
            }
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return i;
        }
        i += len;
    }
    return -1;
}

int lineAt(const QByteArray &bytes, qsizetype offset)
{
    return static_cast<int>(bytes.left(offset).count('\n')) + 1;
}

std::string duplicateMessage(const std::string &key, int firstLine)
{
    return "duplicate key '" + key + "' (first at line " + std::to_string(firstLine) + "): the first is used";
}

// A first pass over the parser's events, before any tree is built: counts nodes (a tree of millions would cost
// gigabytes), and finds duplicate keys, which yaml-cpp's tree silently keeps (a lookup finds the first).
class Census final : public YAML::EventHandler
{
public:
    static constexpr double kMaxExpanded = 1e6; // nodes the document would have with every alias expanded

    int nodes = 0;
    int aliases = 0;
    int documents = 0;
    double expanded = 0;                                 // of the first document
    std::vector<std::pair<int, std::string>> duplicates; // line, message

    void OnDocumentStart(const YAML::Mark &) override { ++documents; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override { item(mark, nullptr, anchor, 1); }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        ++aliases;
        const auto it = m_anchors.find(anchor);
        item(mark, nullptr, 0, it == m_anchors.end() ? 1 : it->second);
    }
    void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, const std::string &value) override
    {
        item(mark, &value, anchor, 1);
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(mark, false, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(mark, true, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame
    {
        bool map = false;
        bool expectKey = true;
        YAML::anchor_t anchor = 0;
        double size = 1;
        std::map<std::string, int> keys; // key -> line of its first occurrence
    };
    std::vector<Frame> m_stack;
    std::map<YAML::anchor_t, double> m_anchors; // expanded size of each anchored node

    void open(const YAML::Mark &mark, bool map, YAML::anchor_t anchor)
    {
        count(mark, nullptr);
        m_stack.push_back({map, true, anchor, 1, {}});
    }
    void close()
    {
        const Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        if (f.anchor != 0) {
            m_anchors[f.anchor] = f.size;
        }
        add(f.size);
    }
    void item(const YAML::Mark &mark, const std::string *scalar, YAML::anchor_t anchor, double size)
    {
        count(mark, scalar);
        if (anchor != 0) {
            m_anchors[anchor] = size;
        }
        add(size);
    }
    // Sizes add up the way a walk that expands aliases would visit nodes: billion laughs shows here, not in memory.
    void add(double size)
    {
        if (m_stack.empty()) {
            if (documents == 1) {
                expanded = size;
            }
            return;
        }
        m_stack.back().size += size;
        if (m_stack.back().size > kMaxExpanded) {
            throw BudgetExceeded{};
        }
    }
    void count(const YAML::Mark &mark, const std::string *scalar)
    {
        if (++nodes > kMaxTreeNodes) {
            throw BudgetExceeded{};
        }
        if (m_stack.empty() || !m_stack.back().map) {
            return;
        }
        // A collection just opened or a scalar: a key or a value of the map around it, alternately.
        Frame &f = m_stack.back();
        if (f.expectKey && scalar != nullptr) {
            const auto [it, inserted] = f.keys.emplace(*scalar, mark.line + 1);
            if (!inserted && duplicates.size() < 20) {
                duplicates.emplace_back(mark.line + 1, duplicateMessage(*scalar, it->second));
            }
        }
        f.expectKey = !f.expectKey;
    }
};

// yaml-cpp's const operator[] throws on a scalar, and a missing key gives an undefined node that throws on use:
// both become a null node here.
YAML::Node child(const YAML::Node &n, const char *key)
{
    if (!n.IsMap()) {
        return YAML::Node();
    }
    const YAML::Node v = n[key];
    return v.IsDefined() ? v : YAML::Node();
}

class Mapper
{
public:
    Mapper(ContractFile &out, QString relPath)
        : m_out(out)
        , m_relPath(std::move(relPath))
    {}

    void problem(int line, const std::string &message, Severity severity = Severity::Warning)
    {
        m_out.problems.push_back({{}, line, q(message), severity});
    }

    static int line(const YAML::Node &n)
    {
        const YAML::Mark m = n.Mark();
        return m.line >= 0 ? m.line + 1 : 0;
    }
    ContractNode node(const std::string &path, const YAML::Node &n) const { return {m_relPath, q(path), line(n)}; }

    void tick()
    {
        if (++m_visited > ContractFileReader::kMaxNodes) {
            throw BudgetExceeded{};
        }
    }

    std::string str(const YAML::Node &n, const char *key)
    {
        tick();
        const YAML::Node v = child(n, key);
        return v.IsScalar() ? v.Scalar() : std::string();
    }
    bool flag(const YAML::Node &n, const char *key, bool fallback)
    {
        const std::string v = lower(str(n, key));
        if (v == "true" || v == "yes" || v == "on") {
            return true;
        }
        if (v == "false" || v == "no" || v == "off") {
            return false;
        }
        return fallback;
    }
    // A list of scalars, or one scalar standing for a list of one.
    std::vector<std::string> list(const YAML::Node &n, const char *key)
    {
        std::vector<std::string> out;
        const YAML::Node v = child(n, key);
        if (v.IsScalar() && !v.Scalar().empty()) {
            out.push_back(v.Scalar());
        } else if (v.IsSequence()) {
            for (const YAML::Node &item : v) {
                tick();
                if (item.IsScalar() && !item.Scalar().empty()) {
                    out.push_back(item.Scalar());
                }
            }
        }
        return out;
    }
    template<typename F> void each(const YAML::Node &n, const char *key, F &&f)
    {
        const YAML::Node v = child(n, key);
        if (!v.IsSequence()) {
            return;
        }
        int i = 0;
        for (const YAML::Node &item : v) {
            tick();
            f(item, i++);
        }
    }

    // The standard's required keys: a file missing some is still read (leniently), but is likely cut short.
    void required(const YAML::Node &root, std::initializer_list<const char *> keys)
    {
        std::string missing;
        for (const char *k : keys) {
            if (str(root, k).empty()) {
                missing += std::string(missing.empty() ? "" : ", ") + k;
            }
        }
        if (!missing.empty()) {
            problem(line(root), "required field(s) missing: " + missing + " (is the file complete?)");
        }
    }

    // A node as one line of flow-style text, cut at kMaxRenderedChars; the walk is budgeted like the mapping.
    std::string render(const YAML::Node &n, int depth = 0)
    {
        tick();
        if (n.IsScalar()) {
            return n.Scalar();
        }
        if (depth > 6) {
            return "…";
        }
        std::string s;
        if (n.IsSequence()) {
            s = "[";
            for (const YAML::Node &item : n) {
                if (s.size() > 1) {
                    s += ", ";
                }
                s += render(item, depth + 1);
                if (s.size() > kMaxRenderedChars) {
                    break;
                }
            }
            s += "]";
        } else if (n.IsMap()) {
            s = "{";
            for (const auto &kv : n) {
                if (s.size() > 1) {
                    s += ", ";
                }
                s += render(kv.first, depth + 1) + ": " + render(kv.second, depth + 1);
                if (s.size() > kMaxRenderedChars) {
                    break;
                }
            }
            s += "}";
        }
        if (s.size() > kMaxRenderedChars) {
            s = s.substr(0, kMaxRenderedChars) + "…";
        }
        return s;
    }

    // "Other fields": every top-level key the mapping does not turn into a record field, so nothing in the file is
    // hidden from the product page.
    std::string otherFields(const YAML::Node &root, const std::set<std::string> &known)
    {
        std::string s;
        for (const auto &kv : root) {
            tick();
            const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : render(kv.first);
            if (known.contains(key)) {
                continue;
            }
            s += "- " + key + ": " + render(kv.second) + "\n";
        }
        return s.empty() ? s : "Other fields:\n" + s;
    }

    // What ODCS properties and DCS fields say alike of a column. v3 says required/unique/primaryKey; the v2 keys
    // isNullable/isUnique/isPrimaryKey (and DCS's primary) still appear in files that claim v3.
    void describe(records::Column &col, const YAML::Node &p)
    {
        col.description = str(p, "description");
        col.nullable = !flag(p, "required", false) && flag(p, "isNullable", true);
        col.primaryKey = flag(p, "primaryKey", false) || flag(p, "isPrimaryKey", false) || flag(p, "primary", false);
        col.tags = list(p, "tags");
        const std::string classification = str(p, "classification");
        if (!classification.empty()) {
            col.tags.push_back("classification:" + classification);
        }
        if (flag(p, "unique", false) || flag(p, "isUnique", false)) {
            col.tags.push_back("unique");
        }
    }

    // customProperties[property=owner].value: who owns a contract whose team is a bare list of members.
    std::string ownerProperty(const YAML::Node &root)
    {
        std::string owner;
        each(root, "customProperties", [&](const YAML::Node &p, int) {
            if (owner.empty() && lower(str(p, "property")) == "owner") {
                owner = str(p, "value");
            }
        });
        return owner;
    }

    // description: a string (v2 and DCS) or {purpose, limitations, usage}.
    std::string description(const YAML::Node &n)
    {
        const YAML::Node d = child(n, "description");
        if (d.IsScalar()) {
            return d.Scalar();
        }
        std::string s = str(d, "purpose");
        const std::string limitations = str(d, "limitations");
        const std::string usage = str(d, "usage");
        if (!limitations.empty()) {
            s += (s.empty() ? "" : "\n\n") + std::string("Limitations: ") + limitations;
        }
        if (!usage.empty()) {
            s += (s.empty() ? "" : "\n\n") + std::string("Usage: ") + usage;
        }
        return s;
    }

    std::string support(const YAML::Node &root)
    {
        std::string s;
        each(root, "support", [&](const YAML::Node &c, int) {
            std::string line = "- " + str(c, "channel");
            const std::string tool = str(c, "tool");
            const std::string url = str(c, "url");
            const std::string scope = str(c, "scope");
            if (!tool.empty()) {
                line += " (" + tool + (scope.empty() ? "" : ", " + scope) + ")";
            }
            if (!url.empty()) {
                line += ": " + url;
            }
            const std::string desc = str(c, "description");
            if (!desc.empty()) {
                line += " — " + desc;
            }
            s += line + "\n";
        });
        return s.empty() ? s : "Support:\n" + s;
    }

    void domain(const std::string &name)
    {
        if (!name.empty()) {
            m_out.records.push_back(Domain{name, name, {}, {}, {}, {}});
            m_out.nodes.emplace_back(ContractsManifest::key("domain", {}, name), ContractNode{m_relPath, {}, 0});
        }
    }

    // team: an object {name, members[]} (ODCS 3.1, ODPS) or a bare list of members (ODCS 3.0). Members who left
    // (dateOut) are not owners. The team owns what it describes; members own, steward or advise by their role.
    std::vector<OwnerRef> team(const YAML::Node &root, std::string fallbackName, const std::string &domainName)
    {
        const YAML::Node t = child(root, "team");
        YAML::Node members;
        std::string name;
        if (t.IsMap()) {
            name = str(t, "name");
            if (name.empty()) {
                name = str(t, "id");
            }
            members = child(t, "members");
        } else if (t.IsSequence()) {
            members = t; // ODCS 3.0: members only, so the team is named by the fallback
            name = fallbackName;
        }
        std::vector<OwnerRef> owners;
        if (!name.empty()) {
            m_out.records.push_back(Team{name, name, {}, domainName, {}, {}});
            m_out.nodes.emplace_back(ContractsManifest::key("team", {}, name), node("/team", t));
            owners.push_back({Role::Owner, PartyKind::Team, name});
        }
        if (!members.IsSequence()) {
            return owners;
        }
        for (const YAML::Node &m : members) {
            tick();
            std::string id = str(m, "username");
            if (id.empty()) {
                id = str(m, "email");
            }
            if (id.empty()) {
                id = str(m, "name");
            }
            if (id.empty() || !str(m, "dateOut").empty()) {
                continue;
            }
            const std::string email = id.find('@') != std::string::npos ? id : str(m, "email");
            m_out.records.push_back(Person{id, id, str(m, "name"), email, name});
            const std::string role = lower(str(m, "role"));
            const Role r = role.find("owner") != std::string::npos     ? Role::Owner
                           : role.find("steward") != std::string::npos ? Role::Steward
                                                                       : Role::Expert;
            const bool seen = std::any_of(owners.begin(), owners.end(), [&](const OwnerRef &o) {
                return o.party == PartyKind::Person && o.id == id && o.role == r;
            });
            if (!seen) {
                owners.push_back({r, PartyKind::Person, id});
            }
        }
        return owners;
    }

    void odcs(const YAML::Node &root);
    void odps(const YAML::Node &root);
    void dcs(const YAML::Node &root);
    void openLineage(const QJsonDocument &doc);
    void openLineageEvent(const QJsonObject &event, int index);

private:
    void columns(const YAML::Node &props, const std::string &prefix, std::vector<Column> &out, const std::string &path,
                 ContractFile::Contract &c, const std::string &portId, const std::string &objName, int depth);
    void quality(const YAML::Node &owner, const std::string &path, ContractFile::Contract &c, const std::string &portId,
                 const std::string &scope, const std::string &column);

    ContractFile &m_out;
    QString m_relPath;
    int m_visited = 0;
    std::set<std::string> m_olProducts, m_olChecks;
};

void Mapper::quality(const YAML::Node &owner, const std::string &path, ContractFile::Contract &c,
                     const std::string &portId, const std::string &scope, const std::string &column)
{
    static const char *const ops[] = {
        "mustBe",         "mustNotBe",           "mustBeGreaterThan", "mustBeGreaterOrEqualTo",
        "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween",     "mustNotBeBetween"};
    each(owner, "quality", [&](const YAML::Node &rule, int k) {
        if (!rule.IsMap()) {
            problem(line(rule), "a quality rule that is not a mapping is ignored");
            return;
        }
        const std::string key = c.id + "@" + c.version;
        const std::string qid = str(rule, "id");
        Check ch;
        ch.id = qid.empty() ? key + "/" + scope + "/quality/" + std::to_string(k) : key + "/" + qid;
        std::string metric = str(rule, "metric");
        if (metric.empty()) {
            metric = str(rule, "rule"); // ODCS v2
        }
        std::string name = str(rule, "name");
        if (name.empty()) {
            name = metric;
            for (const char *op : ops) {
                const YAML::Node v = child(rule, op);
                if (v.IsDefined() && !v.IsNull()) {
                    name += std::string(name.empty() ? "" : " ") + op + " " + render(v);
                }
            }
        }
        const std::string type = str(rule, "type");
        if (name.empty()) {
            name = str(rule, "description");
        }
        if (name.empty()) {
            name = type.empty() ? "quality rule" : type + " rule";
        }
        ch.name = name;
        ch.kind = !metric.empty() ? metric : (type.empty() ? "library" : type);
        ch.port = portId;
        ch.column = column;
        ch.description = str(rule, "description");
        ch.severity = str(rule, "severity");
        c.nodes.emplace_back(ContractsManifest::key("check", {}, ch.id),
                             node(path + "/quality/" + std::to_string(k), rule));
        c.records.push_back(std::move(ch));
    });
}

void Mapper::columns(const YAML::Node &props, const std::string &prefix, std::vector<Column> &out,
                     const std::string &path, ContractFile::Contract &c, const std::string &portId,
                     const std::string &objName, int depth)
{
    if (!props.IsSequence()) {
        return;
    }
    int j = 0;
    for (const YAML::Node &p : props) {
        tick();
        const std::string ppath = path + "/" + std::to_string(j++);
        if (!p.IsMap()) {
            problem(line(p), "a schema property that is not a mapping is ignored");
            continue;
        }
        Column col;
        std::string name = str(p, "name");
        if (name.empty()) {
            name = str(p, "column"); // v2
        }
        if (name.empty()) {
            name = str(p, "physicalName");
        }
        if (name.empty()) {
            problem(line(p), "a schema property without a name is ignored");
            continue;
        }
        col.name = prefix + name;
        const std::string physical = str(p, "physicalType");
        const std::string logical = str(p, "logicalType");
        col.type = physical.empty()
                       ? logical
                       : (logical.empty() || logical == physical ? physical : physical + " (" + logical + ")");
        describe(col, p);
        c.nodes.emplace_back(ContractsManifest::key("column", {}, portId + "\x1f" + col.name), node(ppath, p));
        out.push_back(std::move(col));
        quality(p, ppath, c, portId, objName + "/" + prefix + name, prefix + name);
        if (depth < 8) {
            const YAML::Node nested = child(p, "properties");
            columns(nested, prefix + name + ".", out, ppath + "/properties", c, portId, objName, depth + 1);
            const YAML::Node items = child(p, "items");
            if (items.IsMap()) {
                columns(child(items, "properties"), prefix + name + "[].", out, ppath + "/items/properties", c, portId,
                        objName, depth + 1);
            }
        }
    }
}

void Mapper::odcs(const YAML::Node &root)
{
    m_out.format = ContractFile::Format::Odcs;
    ContractFile::Contract c;
    c.id = str(root, "id");
    if (c.id.empty()) {
        c.id = str(root, "uuid"); // ODCS v2
    }
    c.version = str(root, "version");
    c.line = line(root);
    c.root = node("", root);
    if (c.id.empty()) {
        problem(line(root), "the contract has no 'id': it is not imported", Severity::Error);
        return;
    }
    required(root, {"apiVersion", "kind", "version", "status"}); // no id (nor v2 uuid) was an error above
    const std::string key = c.id + "@" + c.version;
    const std::string name = str(root, "name");
    // ODCS v2.2 names: quantumName for the product, datasetDomain for the domain, dataset[].columns for the schema.
    std::string dataProduct = str(root, "dataProduct");
    if (dataProduct.empty()) {
        dataProduct = str(root, "quantumName");
    }
    std::string domainName = str(root, "domain");
    if (domainName.empty()) {
        domainName = str(root, "datasetDomain");
    }
    domain(domainName);

    // The product the contract becomes when no ODPS file names it, as DataHub does: one per (domain, dataProduct),
    // or the contract alone when it names no product.
    Product &p = c.inferred;
    p.id = dataProduct.empty() ? "contract:" + c.id
                               : "inferred:" + (domainName.empty() ? std::string() : domainName + "/") + dataProduct;
    p.name = dataProduct.empty() ? (name.empty() ? c.id : name) : dataProduct;
    p.domain = domainName;
    p.status = str(root, "status");
    p.version = dataProduct.empty() ? c.version : std::string();
    p.tags = list(root, "tags");
    const std::string owner = ownerProperty(root);
    p.owners = team(root, owner.empty() ? domainName : owner, domainName);

    // Ports: one per schema object; a contract without objects still gets one, so its SLAs have a home.
    std::vector<std::pair<std::string, std::string>> objectPorts; // object name or physical name -> port id
    std::string firstPort;
    const char *schemaKey = child(root, "schema").IsDefined() && !child(root, "schema").IsNull() ? "schema" : "dataset";
    each(root, schemaKey, [&](const YAML::Node &obj, int i) {
        const std::string path = "/" + std::string(schemaKey) + "/" + std::to_string(i);
        if (!obj.IsMap()) {
            problem(line(obj), "a schema object that is not a mapping is ignored");
            return;
        }
        std::string objName = str(obj, "name");
        if (objName.empty()) {
            objName = str(obj, "table"); // v2
        }
        const std::string physical = str(obj, "physicalName");
        if (objName.empty()) {
            objName = physical.empty() ? "object" + std::to_string(i) : physical;
        }
        Port port;
        port.id = key + "/" + objName;
        port.name = objName;
        port.description = str(obj, "description");
        port.format = str(obj, "physicalType");
        port.location = physical;
        const bool v2Columns = !child(obj, "properties").IsDefined() || child(obj, "properties").IsNull();
        columns(child(obj, v2Columns ? "columns" : "properties"), {}, port.columns,
                path + (v2Columns ? "/columns" : "/properties"), c, port.id, objName, 0);
        quality(obj, path, c, port.id, objName, {});
        objectPorts.emplace_back(objName, port.id);
        if (!physical.empty()) {
            objectPorts.emplace_back(physical, port.id);
        }
        if (firstPort.empty()) {
            firstPort = port.id;
        }
        c.nodes.emplace_back(ContractsManifest::key("port", {}, port.id), node(path, obj));
        c.records.push_back(std::move(port));
    });
    if (firstPort.empty()) {
        Port port;
        port.id = key;
        port.name = name.empty() ? c.id : name;
        firstPort = port.id;
        c.nodes.emplace_back(ContractsManifest::key("port", {}, port.id), c.root);
        c.records.push_back(std::move(port));
    }

    // SLAs: numeric values become objectives; dates and time windows (generalAvailability, timeOfAvailability)
    // are listed in the text, since an objective is a number a measurement is compared with.
    std::string serviceLevels;
    each(root, "slaProperties", [&](const YAML::Node &s, int k) {
        const std::string property = str(s, "property");
        const std::string value = str(s, "value");
        const std::string unitRaw = str(s, "unit");
        const std::string element = str(s, "element");
        const std::string kind = slaterms::kind(property);
        const auto v = slaterms::number(value);
        if (property.empty()) {
            problem(line(s), "an SLA property without 'property' is ignored");
            return;
        }
        if (!v) {
            serviceLevels += "- " + property + ": " + value + (unitRaw.empty() ? "" : " " + unitRaw) +
                             (element.empty() ? "" : " (" + element + ")") + "\n";
            return;
        }
        Sla sla;
        const std::string sid = str(s, "id");
        sla.id = key + "/sla/" + (sid.empty() ? std::to_string(k) : sid);
        sla.kind = kind;
        sla.target = *v;
        if (!unitRaw.empty()) {
            if (const auto u = slaterms::unit(unitRaw)) {
                sla.unit = *u;
            } else {
                sla.unit = unitRaw;
                problem(line(s), "SLA '" + property + "' has the unknown unit '" + unitRaw + "': kept as written");
            }
        } else if (value.find('%') != std::string::npos) {
            sla.unit = "%";
        }
        sla.op = slaterms::higherIsBetter(kind) ? ">=" : "<=";
        const std::string table = element.substr(0, element.find('.'));
        sla.port = firstPort;
        for (const auto &[obj, portId] : objectPorts) {
            if (obj == table) {
                sla.port = portId;
            }
        }
        std::string desc = str(s, "description");
        const std::string driver = str(s, "driver");
        if (!element.empty()) {
            desc += (desc.empty() ? "" : "; ") + std::string("element ") + element;
        }
        if (!driver.empty()) {
            desc += (desc.empty() ? "" : "; ") + std::string("driver ") + driver;
        }
        sla.description = desc;
        c.nodes.emplace_back(ContractsManifest::key("sla", {}, sla.id), node("/slaProperties/" + std::to_string(k), s));
        c.records.push_back(std::move(sla));
    });

    static const std::set<std::string> known{
        "apiVersion",    "kind",   "id",          "uuid",    "name",        "version",
        "status",        "domain", "dataProduct", "tags",    "description", "schema",
        "slaProperties", "team",   "support",     "dataset", "quantumName", "datasetDomain"};
    std::string text = description(root);
    const auto section = [&text](const std::string &s) {
        if (!s.empty()) {
            text += (text.empty() ? "" : "\n\n") + s;
        }
    };
    section(serviceLevels.empty() ? std::string() : "Service levels:\n" + serviceLevels);
    section(support(root));
    section(otherFields(root, known));
    p.description =
        "Contract " + (name.empty() ? c.id : name) + " " + c.version + (text.empty() ? std::string() : "\n\n" + text);
    m_out.contracts.push_back(std::move(c));
}

void Mapper::odps(const YAML::Node &root)
{
    m_out.format = ContractFile::Format::Odps;
    const std::string id = str(root, "id");
    if (id.empty()) {
        problem(line(root), "the data product has no 'id': it is not imported", Severity::Error);
        return;
    }
    m_out.productId = id;
    required(root, {"apiVersion", "kind", "id", "status"});
    const std::string domainName = str(root, "domain");
    domain(domainName);
    Product p;
    p.id = id;
    p.name = str(root, "name");
    if (p.name.empty()) {
        p.name = id;
    }
    p.domain = domainName;
    p.status = str(root, "status");
    p.version = str(root, "version");
    p.tags = list(root, "tags");
    p.owners = team(root, {}, domainName);

    std::vector<Record> ports;
    each(root, "inputPorts", [&](const YAML::Node &in, int k) {
        const std::string name = str(in, "name");
        const std::string version = str(in, "version");
        const std::string cid = str(in, "contractId");
        Port port;
        port.product = id;
        port.id = "in:" + name + "@" + version;
        port.direction = "input";
        port.name = name;
        port.description = cid.empty() ? std::string() : "contract " + cid;
        m_out.nodes.emplace_back(ContractsManifest::key("port", id, port.id),
                                 node("/inputPorts/" + std::to_string(k), in));
        if (!cid.empty()) {
            m_out.inputs.push_back({cid, version, name, port.id, line(in)});
        }
        ports.push_back(std::move(port));
    });
    each(root, "outputPorts", [&](const YAML::Node &out, int k) {
        const std::string path = "/outputPorts/" + std::to_string(k);
        const std::string name = str(out, "name");
        const std::string version = str(out, "version");
        const std::string cid = str(out, "contractId");
        Port port;
        port.product = id;
        port.id = "out:" + name + "@" + version;
        port.name = name;
        port.description = str(out, "description");
        port.format = str(out, "type");
        each(out, "inputContracts", [&](const YAML::Node &ic, int) {
            const std::string icid = str(ic, "id");
            if (!icid.empty()) {
                m_out.inputs.push_back({icid, str(ic, "version"), name, port.id, line(ic)});
            }
        });
        const ContractNode n = node(path, out);
        if (cid.empty()) {
            m_out.nodes.emplace_back(ContractsManifest::key("port", id, port.id), n);
            ports.push_back(std::move(port));
            return;
        }
        port.description += (port.description.empty() ? "" : " ") + std::string("(contract ") + cid + ")";
        m_out.outputs.push_back({cid, version, name, port.id, line(out)});
        m_out.placeholders.push_back({cid, std::move(port), n});
    });

    static const std::set<std::string> known{"apiVersion",  "kind",   "id",     "name",        "version",
                                             "status",      "domain", "tags",   "description", "inputPorts",
                                             "outputPorts", "team",   "support"};
    std::string text = description(root);
    for (const std::string &s : {support(root), otherFields(root, known)}) {
        if (!s.empty()) {
            text += (text.empty() ? "" : "\n\n") + s;
        }
    }
    p.description = text;
    m_out.nodes.emplace_back(ContractsManifest::key("product", {}, id), node("", root));
    m_out.records.push_back(std::move(p));
    for (Record &r : ports) {
        m_out.records.push_back(std::move(r));
    }
}

// The Data Contract Specification (deprecated in favour of ODCS 3.1, still common): info{title, version, owner},
// models{name: {fields{name: {...}}}}, servicelevels{availability{percentage}, latency{threshold}, ...}.
void Mapper::dcs(const YAML::Node &root)
{
    m_out.format = ContractFile::Format::Dcs;
    const YAML::Node info = child(root, "info");
    ContractFile::Contract c;
    c.id = str(root, "id");
    c.version = str(info, "version");
    c.line = line(root);
    c.root = node("", root);
    if (c.id.empty()) {
        problem(line(root), "the data contract has no 'id': it is not imported", Severity::Error);
        return;
    }
    const std::string key = c.id + "@" + c.version;
    const std::string title = str(info, "title");
    Product &p = c.inferred;
    p.id = "contract:" + c.id;
    p.name = title.empty() ? c.id : title;
    p.status = str(info, "status");
    p.version = c.version;
    p.tags = list(root, "tags");
    const std::string owner = str(info, "owner");
    if (!owner.empty()) {
        m_out.records.push_back(Team{owner, owner, {}, {}, {}, {}});
        p.owners.push_back({Role::Owner, PartyKind::Team, owner});
    }
    std::string firstPort;
    const YAML::Node models = child(root, "models");
    if (models.IsMap()) {
        for (const auto &kv : models) {
            tick();
            const std::string objName = kv.first.Scalar();
            const std::string path = "/models/" + objName;
            Port port;
            port.id = key + "/" + objName;
            port.name = objName;
            port.description = str(kv.second, "description");
            port.format = str(kv.second, "type");
            const YAML::Node fields = child(kv.second, "fields");
            if (fields.IsMap()) {
                for (const auto &f : fields) {
                    tick();
                    Column col;
                    col.name = f.first.Scalar();
                    col.type = str(f.second, "type");
                    describe(col, f.second);
                    port.columns.push_back(std::move(col));
                }
            }
            quality(kv.second, path, c, port.id, objName, {});
            if (firstPort.empty()) {
                firstPort = port.id;
            }
            c.nodes.emplace_back(ContractsManifest::key("port", {}, port.id), node(path, kv.second));
            c.records.push_back(std::move(port));
        }
    }
    if (firstPort.empty()) {
        Port port;
        port.id = key;
        port.name = p.name;
        firstPort = key;
        c.records.push_back(std::move(port));
    }
    const YAML::Node levels = child(root, "servicelevels");
    if (levels.IsMap()) {
        // Each service level names its figure differently; the first that parses as an amount is the target.
        static const char *const figures[] = {"percentage", "threshold", "period", "interval"};
        for (const auto &kv : levels) {
            tick();
            const std::string kind = slaterms::kind(kv.first.Scalar());
            for (const char *figure : figures) {
                const std::string raw = str(kv.second, figure);
                if (raw.empty()) {
                    continue;
                }
                const auto a = slaterms::amount(raw);
                if (!a) {
                    problem(line(kv.second), "service level '" + kind + "' has the value '" + raw +
                                                 "', which is not a number with a known unit: not imported");
                    break;
                }
                Sla sla;
                sla.id = key + "/sla/" + kind;
                sla.kind = kind;
                sla.target = a->first;
                sla.unit = a->second.empty() && std::string(figure) == "percentage" ? "%" : a->second;
                sla.op = slaterms::higherIsBetter(kind) ? ">=" : "<=";
                sla.port = firstPort;
                sla.description = str(kv.second, "description");
                c.nodes.emplace_back(ContractsManifest::key("sla", {}, sla.id),
                                     node("/servicelevels/" + kv.first.Scalar(), kv.second));
                c.records.push_back(std::move(sla));
                break;
            }
        }
    }
    static const std::set<std::string> known{
        "dataContractSpecification", "id", "info", "models", "servicelevels", "tags"};
    std::string text = str(info, "description");
    const std::string other = otherFields(root, known);
    if (!other.empty()) {
        text += (text.empty() ? "" : "\n\n") + other;
    }
    p.description = "Contract " + p.name + " " + c.version + (text.empty() ? std::string() : "\n\n" + text);
    m_out.contracts.push_back(std::move(c));
}

void Mapper::openLineage(const QJsonDocument &doc)
{
    m_out.format = ContractFile::Format::OpenLineage;
    if (doc.isArray()) {
        int i = 0;
        for (const QJsonValue &v : doc.array()) {
            openLineageEvent(v.toObject(), i++);
        }
    } else {
        openLineageEvent(doc.object(), 0);
    }
}

// One run event: the job is a pipeline entry between its input and output datasets; data-quality assertions (in
// inputFacets as specified, or in facets as some producers write them) become check results at the event time.
void Mapper::openLineageEvent(const QJsonObject &event, int index)
{
    const auto s = [](const QJsonObject &o, const char *key) {
        return o.value(QLatin1String(key)).toString().toStdString();
    };
    const QJsonObject job = event.value(QLatin1String("job")).toObject();
    const std::string eventTime = s(event, "eventTime");
    const QDateTime at = QDateTime::fromString(QString::fromStdString(eventTime), Qt::ISODateWithMs);
    const int eventLine = index + 1; // a line per event in NDJSON; an array's events are numbered
    std::string jobId;
    if (!job.isEmpty()) {
        jobId = "ol-job:" + s(job, "namespace") + "/" + s(job, "name");
        if (m_olProducts.insert(jobId).second) {
            Product p;
            p.id = jobId;
            p.kind = "pipeline";
            p.name = s(job, "name");
            p.fqn = s(job, "namespace") + "/" + s(job, "name");
            p.description =
                s(job.value(QLatin1String("facets")).toObject().value(QLatin1String("documentation")).toObject(),
                  "description");
            m_out.records.push_back(std::move(p));
        }
    }
    const auto dataset = [&](const QJsonObject &d, bool input) {
        tick();
        const std::string id = "ol:" + s(d, "namespace") + "/" + s(d, "name");
        const QJsonObject facets = d.value(QLatin1String("facets")).toObject();
        if (m_olProducts.insert(id).second) {
            Product p;
            p.id = id;
            p.kind = "table";
            p.name = s(d, "name");
            p.fqn = s(d, "namespace") + "/" + s(d, "name");
            p.description = "Dataset seen in OpenLineage run events";
            const std::string name = p.name;
            m_out.records.push_back(std::move(p));
            const QJsonArray fields =
                facets.value(QLatin1String("schema")).toObject().value(QLatin1String("fields")).toArray();
            if (!fields.isEmpty()) {
                Port port;
                port.product = id;
                port.id = "schema";
                port.name = name;
                for (const QJsonValue &f : fields) {
                    tick();
                    const QJsonObject fo = f.toObject();
                    port.columns.push_back({s(fo, "name"), s(fo, "type"), s(fo, "description"), true, false, {}});
                }
                m_out.records.push_back(std::move(port));
            }
        }
        if (!jobId.empty()) {
            Lineage edge;
            edge.from = input ? id : jobId;
            edge.to = input ? jobId : id;
            m_out.records.push_back(std::move(edge));
        }
        QJsonObject assertions =
            d.value(QLatin1String("inputFacets")).toObject().value(QLatin1String("dataQualityAssertions")).toObject();
        if (assertions.isEmpty()) {
            assertions = facets.value(QLatin1String("dataQualityAssertions")).toObject();
        }
        for (const QJsonValue &a : assertions.value(QLatin1String("assertions")).toArray()) {
            tick();
            const QJsonObject ao = a.toObject();
            const std::string assertion = s(ao, "assertion");
            const std::string column = s(ao, "column");
            const std::string checkId = "ol:" + assertion + (column.empty() ? "" : "/" + column);
            if (m_olChecks.insert(id + "\x1f" + checkId).second) {
                Check ch;
                ch.product = id;
                ch.id = checkId;
                ch.name = assertion + (column.empty() ? "" : " on " + column);
                ch.kind = "openlineage";
                ch.column = column;
                ch.severity = s(ao, "severity");
                ch.description = s(ao, "description");
                m_out.records.push_back(std::move(ch));
            }
            if (!at.isValid()) {
                problem(eventLine, "the event's eventTime '" + eventTime +
                                       "' is not an ISO-8601 time: its assertion "
                                       "results are not imported");
                continue;
            }
            CheckResult r;
            r.product = id;
            r.check = checkId;
            r.t0 = at.toSecsSinceEpoch();
            r.statuses = ao.value(QLatin1String("success")).toBool() ? "P" : "F";
            r.message = s(ao, "actual");
            m_out.records.push_back(std::move(r));
        }
    };
    for (const QJsonValue &in : event.value(QLatin1String("inputs")).toArray()) {
        dataset(in.toObject(), true);
    }
    for (const QJsonValue &out : event.value(QLatin1String("outputs")).toArray()) {
        dataset(out.toObject(), false);
    }
}

bool isOpenLineageEvent(const QJsonObject &o)
{
    return o.contains(QLatin1String("eventTime")) &&
           (o.contains(QLatin1String("run")) || o.contains(QLatin1String("job")));
}

// Whether the text can be loaded as a tree without the census: no anchors (nothing an alias could expand), one
// document, and too few separators to hold more than kMaxTreeNodes nodes. Most contract files are; parsing once
// instead of twice halves the time yaml-cpp takes.
bool plainYaml(const QByteArray &bytes)
{
    if (bytes.contains('&') || bytes.contains("\n---") || bytes.contains("\n...")) {
        return false;
    }
    qsizetype separators = 0;
    for (const char c : bytes) {
        separators += c == '\n' || c == ',' || c == ':' || c == '-' || c == '[' || c == '{';
    }
    return 2 * separators + 1 <= kMaxTreeNodes;
}

// The census's duplicate-key check on a tree without aliases (a plain tree: each node is visited once).
void reportDuplicateKeys(const YAML::Node &root, Mapper &m)
{
    int reported = 0;
    std::vector<YAML::Node> stack{root};
    while (!stack.empty() && reported < 20) {
        const YAML::Node n = stack.back();
        stack.pop_back();
        if (n.IsMap()) {
            std::map<std::string, int> keys;
            for (const auto &kv : n) {
                if (kv.first.IsScalar()) {
                    const auto [it, inserted] = keys.emplace(kv.first.Scalar(), Mapper::line(kv.first));
                    if (!inserted && reported++ < 20) {
                        m.problem(Mapper::line(kv.first), duplicateMessage(kv.first.Scalar(), it->second));
                    }
                }
                stack.push_back(kv.second);
            }
        } else if (n.IsSequence()) {
            for (const YAML::Node &item : n) {
                stack.push_back(item);
            }
        }
    }
}

// The census first when the text could be hostile (anchors, several documents, a huge number of nodes): it counts
// and measures without building a tree.
bool census(ContractFile &out, Mapper &m, const std::string &text)
{
    Census census;
    try {
        std::istringstream in(text);
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(census)) {
        }
    } catch (const YAML::DeepRecursion &e) {
        out.format = ContractFile::Format::Invalid;
        m.problem(e.mark.line + 1,
                  "the YAML nests deeper than " + std::to_string(e.depth() - 1) + " levels: not imported",
                  Severity::Error);
        return false;
    } catch (const YAML::Exception &e) {
        out.format = ContractFile::Format::Invalid;
        m.problem(e.mark.line >= 0 ? e.mark.line + 1 : 0, "invalid YAML: " + e.msg, Severity::Error);
        return false;
    } catch (const BudgetExceeded &) {
        out.format = ContractFile::Format::Invalid;
        m.problem(0,
                  census.nodes > kMaxTreeNodes
                      ? "the YAML has more than " + std::to_string(kMaxTreeNodes) + " nodes: not imported"
                      : "the YAML's anchors and aliases expand to more than a million nodes (an alias bomb?): not "
                        "imported",
                  Severity::Error);
        return false;
    }
    for (const auto &[line, message] : census.duplicates) {
        m.problem(line, message);
    }
    if (census.documents > 1) {
        m.problem(0, "the file holds " + std::to_string(census.documents) + " YAML documents: only the first is read");
    }
    return true;
}

void readYaml(ContractFile &out, Mapper &m, const QString &relPath, const QByteArray &bytes)
{
    const std::string text = bytes.toStdString();
    const bool plain = plainYaml(bytes);
    if (!plain && !census(out, m, text)) {
        return;
    }
    YAML::Node root;
    try {
        root = YAML::Load(text);
        if (plain) {
            reportDuplicateKeys(root, m);
        }
    } catch (const YAML::DeepRecursion &e) {
        out.format = ContractFile::Format::Invalid;
        m.problem(e.mark.line + 1,
                  "the YAML nests deeper than " + std::to_string(e.depth() - 1) + " levels: not imported",
                  Severity::Error);
        return;
    } catch (const YAML::Exception &e) {
        out.format = ContractFile::Format::Invalid;
        m.problem(e.mark.line >= 0 ? e.mark.line + 1 : 0, "invalid YAML: " + e.msg, Severity::Error);
        return;
    }
    const std::string kind = m.str(root, "kind");
    const std::string apiVersion = m.str(root, "apiVersion");
    const bool odcsName = relPath.endsWith(QLatin1String(".odcs.yaml")) || relPath.endsWith(QLatin1String(".odcs.yml"));
    const bool odpsName = relPath.endsWith(QLatin1String(".odps.yaml")) || relPath.endsWith(QLatin1String(".odps.yml"));
    if (!root.IsMap()) {
        if (odcsName || odpsName) {
            out.format = ContractFile::Format::Invalid;
            m.problem(Mapper::line(root), "the file is not a YAML mapping: not imported", Severity::Error);
        }
        return;
    }
    if (kind == "DataContract" || (kind.empty() && odcsName && !child(root, "id").IsNull())) {
        if (!apiVersion.empty() && apiVersion.rfind("v3", 0) != 0 && apiVersion.rfind("v2", 0) != 0) {
            m.problem(Mapper::line(root), "apiVersion '" + apiVersion +
                                              "' is not an ODCS version MeshLens knows "
                                              "(v2.2, v3.x): read as v3");
        }
        m.odcs(root);
    } else if (kind == "DataProduct" || (kind.empty() && odpsName)) {
        m.odps(root);
    } else if (root.IsMap() && child(root, "dataContractSpecification").IsDefined() &&
               !child(root, "dataContractSpecification").IsNull()) {
        m.dcs(root);
    } else if (odcsName || odpsName) {
        out.format = ContractFile::Format::Invalid;
        m.problem(Mapper::line(root),
                  "the file is named as a " + std::string(odcsName ? "contract" : "data product") +
                      " but its kind is '" + kind + "': not imported",
                  Severity::Error);
    }
}

} // namespace

bool ContractFileReader::isCandidate(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".yaml")) || fileName.endsWith(QLatin1String(".yml")) ||
           fileName.endsWith(QLatin1String(".json")) || fileName.endsWith(QLatin1String(".ndjson"));
}

ContractFile ContractFileReader::read(const QString &relPath, const QByteArray &bytes)
{
    ContractFile out;
    Mapper m(out, relPath);
    if (bytes.size() > kMaxFileBytes) {
        out.format = ContractFile::Format::Invalid;
        m.problem(0, "the file is larger than 16 MB: not read", Severity::Error);
        return out;
    }
    if (const qsizetype bad = invalidUtf8At(bytes); bad >= 0) {
        out.format = ContractFile::Format::Invalid;
        m.problem(lineAt(bytes, bad), "the file is not valid UTF-8 (byte " + std::to_string(bad) + "): not imported",
                  Severity::Error);
        return out;
    }
    try {
        if (relPath.endsWith(QLatin1String(".ndjson"))) {
            int lineNo = 0;
            for (const QByteArray &line : bytes.split('\n')) {
                ++lineNo;
                if (line.trimmed().isEmpty()) {
                    continue;
                }
                QJsonParseError error;
                const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
                if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                    m.problem(lineNo, "not a JSON event: " + error.errorString().toStdString(), Severity::Error);
                    continue;
                }
                if (isOpenLineageEvent(doc.object())) {
                    out.format = ContractFile::Format::OpenLineage;
                    m.openLineageEvent(doc.object(), lineNo - 1);
                }
            }
            return out;
        }
        if (relPath.endsWith(QLatin1String(".json"))) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
            if (error.error != QJsonParseError::NoError) {
                out.format = ContractFile::Format::Invalid;
                m.problem(lineAt(bytes, error.offset), "invalid JSON: " + error.errorString().toStdString(),
                          Severity::Error);
                return out;
            }
            const QJsonObject o = doc.isArray() ? doc.array().first().toObject() : doc.object();
            if (isOpenLineageEvent(o)) {
                m.openLineage(doc);
                return out;
            }
            const bool described =
                o.contains(QLatin1String("kind")) || o.contains(QLatin1String("dataContractSpecification"));
            if (!described || o.contains(QLatin1String("$schema"))) {
                return out; // a JSON Schema or some other JSON: not a catalog file
            }
        }
        readYaml(out, m, relPath, bytes); // JSON is YAML: contracts written as JSON map the same way
    } catch (const BudgetExceeded &) {
        out = ContractFile{};
        out.format = ContractFile::Format::Invalid;
        out.problems.push_back({{},
                                0,
                                QStringLiteral("mapping the file visited more than %1 nodes (an alias bomb?): not "
                                               "imported")
                                    .arg(kMaxNodes),
                                Severity::Error});
    } catch (const YAML::Exception &e) {
        out = ContractFile{};
        out.format = ContractFile::Format::Invalid;
        out.problems.push_back(
            {{}, e.mark.line + 1, QStringLiteral("invalid YAML: %1").arg(q(e.msg)), Severity::Error});
    }
    return out;
}

} // namespace meshlens::models
