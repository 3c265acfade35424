#include "bundleparser.h"

#include "linehash.h"

#include <simdjson.h>

#include <QDateTime>

#include <cmath>
#include <cstring>
#include <limits>

namespace meshlens::models {

using namespace records;
namespace od = simdjson::ondemand;

namespace {

// Thrown inside one line's parse with a message for the person reading the error; caught in parseLine.
struct FieldError
{
    std::string message;
};

[[noreturn]] void fail(std::string message)
{
    throw FieldError{std::move(message)};
}

// The key stays valid while its line is being parsed.
std::string_view keyOf(od::field &field)
{
    std::string_view key;
    if (field.unescaped_key().get(key)) {
        fail("a key is not a valid JSON string");
    }
    return key;
}

std::string asString(od::value value, std::string_view field)
{
    od::json_type type;
    if (value.type().get(type)) {
        fail("field '" + std::string(field) + "' is not valid JSON");
    }
    if (type == od::json_type::null) {
        return {};
    }
    std::string_view s;
    if (type != od::json_type::string || value.get_string().get(s)) {
        fail("field '" + std::string(field) + "' must be a string");
    }
    return std::string(s);
}

// Plain string fields of a record, by key: most fields of every record kind are just this.
template<typename T> using StringFields = std::initializer_list<std::pair<std::string_view, std::string T::*>>;

template<typename T> bool setString(T &out, std::string_view key, od::field &f, StringFields<T> fields)
{
    for (const auto &[name, member] : fields) {
        if (key == name) {
            out.*member = asString(f.value(), key);
            return true;
        }
    }
    return false;
}

double asDouble(od::value value, std::string_view field)
{
    double d = 0;
    if (value.get_double().get(d) || !std::isfinite(d)) {
        fail("field '" + std::string(field) + "' must be a finite number");
    }
    return d;
}

std::int64_t asInt(od::value value, std::string_view field)
{
    std::int64_t i = 0;
    if (value.get_int64().get(i)) {
        fail("field '" + std::string(field) + "' must be an integer");
    }
    return i;
}

bool asBool(od::value value, std::string_view field)
{
    bool b = false;
    if (value.get_bool().get(b)) {
        fail("field '" + std::string(field) + "' must be true or false");
    }
    return b;
}

// Epoch seconds, or an ISO-8601 date-time string (header fields written by hand).
std::int64_t asTime(od::value value, std::string_view field)
{
    od::json_type type;
    if (value.type().get(type)) {
        fail("field '" + std::string(field) + "' is not valid JSON");
    }
    if (type == od::json_type::number) {
        return asInt(value, field);
    }
    const std::string s = asString(value, field);
    const QDateTime dt = QDateTime::fromString(QString::fromStdString(s), Qt::ISODateWithMs);
    if (!dt.isValid()) {
        fail("field '" + std::string(field) + "' must be epoch seconds or an ISO-8601 date-time, not '" + s + "'");
    }
    return dt.toSecsSinceEpoch();
}

std::vector<std::string> asStringList(od::value value, std::string_view field)
{
    od::array arr;
    if (value.get_array().get(arr)) {
        fail("field '" + std::string(field) + "' must be an array of strings");
    }
    std::vector<std::string> out;
    for (auto item : arr) {
        od::value v;
        if (item.get(v)) {
            fail("field '" + std::string(field) + "' is not valid JSON");
        }
        out.push_back(asString(v, field));
    }
    return out;
}

std::vector<float> asFloatList(od::value value, std::string_view field)
{
    od::array arr;
    if (value.get_array().get(arr)) {
        fail("field '" + std::string(field) + "' must be an array of numbers");
    }
    std::vector<float> out;
    for (auto item : arr) {
        od::value v;
        if (item.get(v)) {
            fail("field '" + std::string(field) + "' is not valid JSON");
        }
        bool isNull = false;
        if (!v.is_null().get(isNull) && isNull) {
            out.push_back(std::numeric_limits<float>::quiet_NaN()); // a gap in the series
            continue;
        }
        out.push_back(static_cast<float>(asDouble(v, field)));
    }
    return out;
}

Role parseRole(const std::string &s)
{
    if (s == "owner") {
        return Role::Owner;
    }
    if (s == "steward") {
        return Role::Steward;
    }
    if (s == "expert") {
        return Role::Expert;
    }
    fail("owner role must be owner, steward or expert, not '" + s + "'");
}

std::vector<OwnerRef> asOwners(od::value value)
{
    od::array arr;
    if (value.get_array().get(arr)) {
        fail("field 'owners' must be an array of {role, person|team}");
    }
    std::vector<OwnerRef> out;
    for (auto item : arr) {
        od::object obj;
        if (item.get_object().get(obj)) {
            fail("each entry of 'owners' must be an object");
        }
        OwnerRef ref;
        bool haveParty = false;
        for (od::field f : obj) {
            const std::string_view key = keyOf(f);
            if (key == "role") {
                ref.role = parseRole(asString(f.value(), key));
            } else if (key == "person" || key == "team") {
                ref.party = key == "person" ? PartyKind::Person : PartyKind::Team;
                ref.id = asString(f.value(), key);
                haveParty = true;
            }
        }
        if (!haveParty || ref.id.empty()) {
            fail("each entry of 'owners' needs a 'person' or 'team' id");
        }
        out.push_back(std::move(ref));
    }
    return out;
}

std::vector<Column> asColumns(od::value value)
{
    od::array arr;
    if (value.get_array().get(arr)) {
        fail("field 'columns' must be an array of objects");
    }
    std::vector<Column> out;
    for (auto item : arr) {
        od::object obj;
        if (item.get_object().get(obj)) {
            fail("each entry of 'columns' must be an object");
        }
        Column c;
        for (od::field f : obj) {
            const std::string_view key = keyOf(f);
            if (setString(c, key, f,
                          {{"name", &Column::name}, {"type", &Column::type}, {"description", &Column::description}})) {
                continue;
            }
            if (key == "nullable") {
                c.nullable = asBool(f.value(), key);
            } else if (key == "primary_key") {
                c.primaryKey = asBool(f.value(), key);
            } else if (key == "tags") {
                c.tags = asStringList(f.value(), key);
            }
        }
        if (c.name.empty()) {
            fail("a column has no 'name'");
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> asColumnMap(od::value value)
{
    od::array arr;
    if (value.get_array().get(arr)) {
        fail("field 'columns' must be an array of [from, to] pairs");
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (auto item : arr) {
        od::value v;
        if (item.get(v)) {
            fail("field 'columns' is not valid JSON");
        }
        auto pair = asStringList(v, "columns");
        if (pair.size() != 2) {
            fail("each entry of lineage 'columns' must be a [from, to] pair");
        }
        out.emplace_back(std::move(pair[0]), std::move(pair[1]));
    }
    return out;
}

void require(const std::string &value, const char *field, const char *type)
{
    if (value.empty()) {
        fail(std::string(type) + " record needs a non-empty '" + field + "'");
    }
}

// A record of string fields only, with an id and a name that defaults to it (domains, teams, people).
template<typename T> T parseNamed(od::object &obj, const char *type, StringFields<T> fields)
{
    T out;
    for (od::field f : obj) {
        setString(out, keyOf(f), f, fields);
    }
    require(out.id, "id", type);
    if (out.name.empty()) {
        out.name = out.id;
    }
    return out;
}

// Fills a record of type T from the object's fields; each parse* knows its own keys.
Domain parseDomain(od::object &obj)
{
    return parseNamed<Domain>(obj, "domain",
                              {{"id", &Domain::id},
                               {"name", &Domain::name},
                               {"display_name", &Domain::displayName},
                               {"kind", &Domain::kind},
                               {"description", &Domain::description},
                               {"parent", &Domain::parent}});
}

Team parseTeam(od::object &obj)
{
    return parseNamed<Team>(obj, "team",
                            {{"id", &Team::id},
                             {"name", &Team::name},
                             {"display_name", &Team::displayName},
                             {"domain", &Team::domain},
                             {"parent", &Team::parent},
                             {"email", &Team::email}});
}

Person parsePerson(od::object &obj)
{
    return parseNamed<Person>(obj, "person",
                              {{"id", &Person::id},
                               {"name", &Person::name},
                               {"display_name", &Person::displayName},
                               {"email", &Person::email},
                               {"team", &Person::team}});
}

Product parseProduct(od::object &obj)
{
    Product p;
    for (od::field f : obj) {
        const std::string_view key = keyOf(f);
        if (setString(p, key, f,
                      {{"id", &Product::id},
                       {"kind", &Product::kind},
                       {"name", &Product::name},
                       {"display_name", &Product::displayName},
                       {"fqn", &Product::fqn},
                       {"domain", &Product::domain},
                       {"status", &Product::status},
                       {"description", &Product::description},
                       {"version", &Product::version}})) {
            continue;
        }
        if (key == "tier") {
            od::value v = f.value();
            bool isNull = false;
            if (!v.is_null().get(isNull) && isNull) {
                continue;
            }
            const std::int64_t tier = asInt(v, key);
            if (tier < 1 || tier > 5) {
                fail("field 'tier' must be an integer from 1 to 5");
            }
            p.tier = static_cast<int>(tier);
        } else if (key == "updated_at") {
            p.updatedAt = asTime(f.value(), key);
        } else if (key == "tags") {
            p.tags = asStringList(f.value(), key);
        } else if (key == "owners") {
            p.owners = asOwners(f.value());
        }
    }
    require(p.id, "id", "product");
    if (p.kind.empty()) {
        p.kind = "product";
    }
    if (p.name.empty()) {
        p.name = p.id;
    }
    return p;
}

Port parsePort(od::object &obj)
{
    Port p;
    for (od::field f : obj) {
        const std::string_view key = keyOf(f);
        if (setString(p, key, f,
                      {{"product", &Port::product},
                       {"id", &Port::id},
                       {"name", &Port::name},
                       {"description", &Port::description},
                       {"format", &Port::format},
                       {"location", &Port::location}})) {
            continue;
        }
        if (key == "direction") {
            p.direction = asString(f.value(), key);
            if (p.direction != "output" && p.direction != "input") {
                fail("field 'direction' must be \"output\" or \"input\"");
            }
        } else if (key == "columns") {
            p.columns = asColumns(f.value());
        }
    }
    require(p.product, "product", "port");
    require(p.id, "id", "port");
    if (p.name.empty()) {
        p.name = p.id;
    }
    return p;
}

Sla parseSla(od::object &obj)
{
    Sla s;
    bool haveTarget = false;
    for (od::field f : obj) {
        const std::string_view key = keyOf(f);
        if (setString(s, key, f,
                      {{"product", &Sla::product},
                       {"id", &Sla::id},
                       {"kind", &Sla::kind},
                       {"unit", &Sla::unit},
                       {"port", &Sla::port},
                       {"description", &Sla::description}})) {
            continue;
        }
        if (key == "target") {
            s.target = asDouble(f.value(), key);
            haveTarget = true;
        } else if (key == "op") {
            s.op = asString(f.value(), key);
            if (s.op != "<=" && s.op != ">=") {
                fail("field 'op' must be \"<=\" or \">=\"");
            }
        }
    }
    require(s.product, "product", "sla");
    require(s.id, "id", "sla");
    require(s.kind, "kind", "sla");
    if (!haveTarget) {
        fail("sla record needs a numeric 'target'");
    }
    return s;
}

// Shared by sla_measurement and check_result: a single point (at) or a regular series (start + step).
struct SeriesShape
{
    std::optional<std::int64_t> at, start, step;
};

bool parseSeriesKey(std::string_view key, od::field &f, SeriesShape &shape)
{
    if (key == "at") {
        shape.at = asTime(f.value(), key);
    } else if (key == "start") {
        shape.start = asTime(f.value(), key);
    } else if (key == "step") {
        shape.step = asInt(f.value(), key);
        if (*shape.step <= 0) {
            fail("field 'step' must be a positive number of seconds");
        }
    } else {
        return false;
    }
    return true;
}

void resolveShape(const SeriesShape &shape, std::size_t points, std::int64_t &t0, std::int64_t &step, const char *type)
{
    if (shape.at) {
        if (points != 1) {
            fail(std::string(type) + " record with 'at' carries exactly one value");
        }
        t0 = *shape.at;
        step = 0;
        return;
    }
    if (!shape.start || !shape.step) {
        fail(std::string(type) + " record needs 'at', or 'start' and 'step'");
    }
    if (points == 0) {
        fail(std::string(type) + " record has no points");
    }
    t0 = *shape.start;
    step = *shape.step;
}

SlaMeasurement parseSlaMeasurement(od::object &obj)
{
    SlaMeasurement m;
    SeriesShape shape;
    for (od::field f : obj) {
        const std::string_view key = keyOf(f);
        if (parseSeriesKey(key, f, shape)) {
            continue;
        }
        if (key == "product") {
            m.product = asString(f.value(), key);
        } else if (key == "sla") {
            m.sla = asString(f.value(), key);
        } else if (key == "value") {
            m.values = {static_cast<float>(asDouble(f.value(), key))};
        } else if (key == "values") {
            m.values = asFloatList(f.value(), key);
        }
    }
    require(m.product, "product", "sla_measurement");
    require(m.sla, "sla", "sla_measurement");
    resolveShape(shape, m.values.size(), m.t0, m.step, "sla_measurement");
    return m;
}

char statusCode(const std::string &s)
{
    if (s == "pass" || s == "P" || s == "success") {
        return 'P';
    }
    if (s == "fail" || s == "F" || s == "failed") {
        return 'F';
    }
    if (s == "aborted" || s == "A") {
        return 'A';
    }
    fail("check status must be pass, fail or aborted, not '" + s + "'");
}

CheckResult parseCheckResult(od::object &obj)
{
    CheckResult r;
    SeriesShape shape;
    for (od::field f : obj) {
        const std::string_view key = keyOf(f);
        if (parseSeriesKey(key, f, shape)) {
            continue;
        }
        if (key == "product") {
            r.product = asString(f.value(), key);
        } else if (key == "check") {
            r.check = asString(f.value(), key);
        } else if (key == "status") {
            r.statuses = std::string(1, statusCode(asString(f.value(), key)));
        } else if (key == "statuses") {
            r.statuses = asString(f.value(), key);
            for (char c : r.statuses) {
                if (c != 'P' && c != 'F' && c != 'A' && c != '-') {
                    fail("field 'statuses' may hold only the letters P, F, A and -");
                }
            }
        } else if (key == "value") {
            r.values = {static_cast<float>(asDouble(f.value(), key))};
        } else if (key == "values") {
            r.values = asFloatList(f.value(), key);
        } else if (key == "message") {
            r.message = asString(f.value(), key);
        }
    }
    require(r.product, "product", "check_result");
    require(r.check, "check", "check_result");
    resolveShape(shape, r.statuses.size(), r.t0, r.step, "check_result");
    if (!r.values.empty() && r.values.size() != r.statuses.size()) {
        fail("check_result has " + std::to_string(r.values.size()) + " values for " +
             std::to_string(r.statuses.size()) + " statuses");
    }
    return r;
}

Check parseCheck(od::object &obj)
{
    Check c;
    for (od::field f : obj) {
        setString(c, keyOf(f), f,
                  {{"product", &Check::product},
                   {"id", &Check::id},
                   {"name", &Check::name},
                   {"kind", &Check::kind},
                   {"port", &Check::port},
                   {"column", &Check::column},
                   {"description", &Check::description},
                   {"severity", &Check::severity}});
    }
    require(c.product, "product", "check");
    require(c.id, "id", "check");
    if (c.name.empty()) {
        c.name = c.id;
    }
    return c;
}

Lineage parseLineageFields(od::object &obj, Tombstone *tomb = nullptr)
{
    Lineage l;
    for (od::field f : obj) {
        const std::string_view key = keyOf(f);
        if (setString(l, key, f,
                      {{"from", &Lineage::from},
                       {"from_port", &Lineage::fromPort},
                       {"to", &Lineage::to},
                       {"to_port", &Lineage::toPort},
                       {"description", &Lineage::description}})) {
            continue;
        }
        if (key == "columns") {
            l.columns = asColumnMap(f.value());
        } else if (tomb && key == "of") {
            tomb->of = asString(f.value(), key);
        } else if (tomb && key == "id") {
            tomb->id = asString(f.value(), key);
        } else if (tomb && key == "product") {
            tomb->product = asString(f.value(), key);
        }
    }
    return l;
}

Tombstone parseTombstone(od::object &obj)
{
    Tombstone t;
    t.edge = parseLineageFields(obj, &t);
    static const char *const kKinds[] = {"domain", "team", "person", "product", "port", "sla", "check", "lineage"};
    bool known = false;
    for (const char *k : kKinds) {
        known = known || t.of == k;
    }
    if (!known) {
        fail("tombstone 'of' must be one of domain, team, person, product, port, sla, check, lineage");
    }
    if (t.of == "lineage") {
        if (t.edge.from.empty() || t.edge.to.empty()) {
            fail("a lineage tombstone needs 'from' and 'to'");
        }
    } else {
        require(t.id, "id", "tombstone");
        if ((t.of == "port" || t.of == "sla" || t.of == "check") && t.product.empty()) {
            fail("a " + t.of + " tombstone needs its 'product'");
        }
    }
    return t;
}

// A cheap textual test for the trailer, so ordinary records are parsed once.
bool isEndRecord(std::string_view line)
{
    const auto skipSpace = [&](std::size_t i) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
            ++i;
        }
        return i;
    };
    for (std::size_t at = line.find("\"type\""); at != std::string_view::npos; at = line.find("\"type\"", at + 1)) {
        std::size_t i = skipSpace(at + 6);
        if (i < line.size() && line[i] == ':') {
            i = skipSpace(i + 1);
            return line.substr(i, 5) == "\"end\"";
        }
    }
    return false;
}

std::string typeOf(od::object &obj)
{
    std::string_view type;
    auto field = obj.find_field_unordered("type");
    if (field.error() == simdjson::NO_SUCH_FIELD) {
        fail("record has no \"type\"");
    }
    if (field.error()) {
        fail(std::string("not valid JSON (") + simdjson::error_message(field.error()) + ")");
    }
    if (field.get_string().get(type)) {
        fail("record \"type\" must be a string");
    }
    std::string out(type);
    if (obj.reset().error()) {
        fail("record is not valid JSON");
    }
    return out;
}

Record parseRecord(od::object &obj)
{
    const std::string type = typeOf(obj);
    if (type == "product") {
        return parseProduct(obj);
    }
    if (type == "port") {
        return parsePort(obj);
    }
    if (type == "sla_measurement") {
        return parseSlaMeasurement(obj);
    }
    if (type == "check_result") {
        return parseCheckResult(obj);
    }
    if (type == "sla") {
        return parseSla(obj);
    }
    if (type == "check") {
        return parseCheck(obj);
    }
    if (type == "lineage") {
        Lineage l = parseLineageFields(obj);
        if (l.from.empty() || l.to.empty()) {
            fail("lineage record needs 'from' and 'to'");
        }
        return l;
    }
    if (type == "domain") {
        return parseDomain(obj);
    }
    if (type == "team") {
        return parseTeam(obj);
    }
    if (type == "person") {
        return parsePerson(obj);
    }
    if (type == "tombstone") {
        return parseTombstone(obj);
    }
    fail("unknown record type '" + type + "'");
}

// A record with only what says whose it is: the type, and the id of a domain, team, person or product, the product
// of a child, the product a lineage edge goes into. For BundleParser::setPeek: the rest of the line is skipped.
Record peekRecord(od::object &obj)
{
    const std::string type = typeOf(obj);
    std::string id, product, to;
    for (od::field f : obj) {
        const std::string_view key = keyOf(f);
        if (key == "id") {
            id = asString(f.value(), key);
        } else if (key == "product") {
            product = asString(f.value(), key);
        } else if (key == "to") {
            to = asString(f.value(), key);
        }
    }
    const auto child = [&product](auto record) {
        record.product = product;
        return Record(std::move(record));
    };
    if (type == "product") {
        Product p;
        p.id = id;
        return p;
    }
    if (type == "port") {
        return child(Port{});
    }
    if (type == "sla_measurement") {
        return child(SlaMeasurement{});
    }
    if (type == "check_result") {
        return child(CheckResult{});
    }
    if (type == "sla") {
        return child(Sla{});
    }
    if (type == "check") {
        return child(Check{});
    }
    if (type == "lineage") {
        Lineage l;
        l.to = to;
        return l;
    }
    if (type == "domain") {
        return Domain{id, {}, {}, {}, {}, {}};
    }
    if (type == "team") {
        return Team{id, {}, {}, {}, {}, {}};
    }
    if (type == "person") {
        return Person{id, {}, {}, {}, {}};
    }
    if (type == "tombstone") {
        return Tombstone{};
    }
    fail("unknown record type '" + type + "'");
}

Header parseHeader(od::object &obj)
{
    Header h;
    bool haveMode = false;
    for (od::field f : obj) {
        const std::string_view key = keyOf(f);
        if (key == "format") {
            h.format = asString(f.value(), key);
        } else if (key == "version") {
            h.version = static_cast<int>(asInt(f.value(), key));
        } else if (key == "mode") {
            const std::string mode = asString(f.value(), key);
            if (mode == "snapshot") {
                h.mode = BundleMode::Snapshot;
            } else if (mode == "delta") {
                h.mode = BundleMode::Delta;
            } else {
                fail("header 'mode' must be \"snapshot\" or \"delta\"");
            }
            haveMode = true;
        } else if (key == "cursor") {
            h.cursor = asString(f.value(), key);
        } else if (key == "since") {
            h.since = asString(f.value(), key);
        } else if (key == "source") {
            h.sourceName = asString(f.value(), key);
        } else if (key == "generated_at") {
            h.generatedAt = asTime(f.value(), key);
        }
    }
    if (h.format != "meshlens-bundle") {
        fail("this is not a MeshLens bundle: the first line must be a header with \"format\": \"meshlens-bundle\"");
    }
    if (h.version != 1) {
        fail("bundle format version " + std::to_string(h.version) +
             " is not supported (this MeshLens reads version 1); update MeshLens");
    }
    if (!haveMode) {
        fail("header needs \"mode\": \"snapshot\" or \"delta\"");
    }
    return h;
}

template<typename Fn>
std::optional<QString> withObject(od::parser &parser, std::string &scratch, std::string_view line, Fn &&fn)
{
    // simdjson reads up to SIMDJSON_PADDING bytes past the end; parse from a padded copy.
    scratch.assign(line);
    scratch.resize(line.size() + simdjson::SIMDJSON_PADDING, ' ');
    try {
        od::document doc;
        if (auto err = parser.iterate(scratch.data(), line.size(), scratch.size()).get(doc)) {
            return QStringLiteral("not valid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(err)));
        }
        od::object obj;
        if (auto err = doc.get_object().get(obj)) {
            return err == simdjson::INCORRECT_TYPE
                       ? QStringLiteral("not a JSON object")
                       : QStringLiteral("not valid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(err)));
        }
        fn(obj);
        if (!doc.current_location().error()) { // a location inside the buffer means text after the object
            return QStringLiteral("unexpected text after the JSON object");
        }
    } catch (const FieldError &e) {
        return QString::fromStdString(e.message);
    } catch (const simdjson::simdjson_error &e) {
        return QStringLiteral("not valid JSON (%1)").arg(QString::fromUtf8(e.what()));
    }
    return std::nullopt;
}

} // namespace

QString BundleParser::Error::toString() const
{
    return line > 0 ? QStringLiteral("line %1: %2").arg(line).arg(message) : message;
}

struct BundleParser::Impl
{
    od::parser parser;
    std::string scratch;
};

BundleParser::BundleParser(HeaderSink onHeader, RecordSink onRecord)
    : m_impl(std::make_unique<Impl>())
    , m_onHeader(std::move(onHeader))
    , m_onRecord(std::move(onRecord))
{}

BundleParser::~BundleParser() = default;

std::optional<QString> BundleParser::parseRecordLine(std::string_view line, Record &out)
{
    od::parser parser;
    std::string scratch;
    return withObject(parser, scratch, line, [&](od::object &obj) { out = parseRecord(obj); });
}

std::optional<QString> BundleParser::parseHeaderLine(std::string_view line, Header &out)
{
    od::parser parser;
    std::string scratch;
    return withObject(parser, scratch, line, [&](od::object &obj) { out = parseHeader(obj); });
}

std::optional<BundleParser::Error> BundleParser::processLine(std::string_view line)
{
    ++m_line;
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    if (m_line == 1 && line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") {
        line.remove_prefix(3); // a UTF-8 byte-order mark from an editor
    }
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
        return std::nullopt; // blank lines are allowed (a trailing newline, hand-edited files)
    }
    if (!m_sawHeader) {
        Header header;
        auto err =
            withObject(m_impl->parser, m_impl->scratch, line, [&](od::object &obj) { header = parseHeader(obj); });
        if (err) {
            return Error{m_line, *err};
        }
        m_sawHeader = true;
        if (auto stop = m_onHeader ? m_onHeader(header) : std::nullopt) {
            return Error{m_line, *stop};
        }
        return std::nullopt;
    }
    if (m_sawEnd) {
        return Error{m_line, QStringLiteral("text after the \"end\" record; the bundle was written wrongly")};
    }
    // The optional trailer {"type":"end","records":N} proves the bundle is complete: a cut-off file or download
    // that happens to end on a line boundary would otherwise look like a smaller snapshot.
    if (isEndRecord(line)) {
        std::optional<std::int64_t> declared;
        auto err = withObject(m_impl->parser, m_impl->scratch, line, [&](od::object &obj) {
            for (od::field f : obj) {
                if (keyOf(f) == "records") {
                    declared = asInt(f.value(), "records");
                }
            }
            if (!declared) {
                fail("the \"end\" record needs \"records\", the number of records before it");
            }
        });
        if (err) {
            return Error{m_line, *err};
        }
        if (*declared != m_records) {
            return Error{m_line, QStringLiteral("the bundle says it has %1 records but %2 came before its end; it "
                                                "is incomplete or damaged")
                                     .arg(*declared)
                                     .arg(m_records)};
        }
        m_sawEnd = true;
        return std::nullopt;
    }
    Record record;
    auto err = withObject(m_impl->parser, m_impl->scratch, line,
                          [&](od::object &obj) { record = m_peek ? peekRecord(obj) : parseRecord(obj); });
    if (err) {
        return Error{m_line, *err};
    }
    ++m_records;
    m_lineHash = lineHash(line);
    m_recordLine = line;
    if (auto stop = m_onRecord ? m_onRecord(std::move(record)) : std::nullopt) {
        return Error{m_line, *stop};
    }
    return std::nullopt;
}

std::optional<BundleParser::Error> BundleParser::feed(std::string_view bytes)
{
    m_bytes += static_cast<std::int64_t>(bytes.size());
    std::size_t consumed = 0;
    if (!m_buffer.empty()) {
        // Complete the pending partial line first, without copying the whole chunk.
        const auto nl = bytes.find('\n');
        if (nl == std::string_view::npos) {
            m_buffer.append(bytes);
            if (static_cast<std::int64_t>(m_buffer.size()) > kMaxLineBytes) {
                return Error{m_line + 1, QStringLiteral("line is longer than 64 MiB")};
            }
            return std::nullopt;
        }
        m_buffer.append(bytes.substr(0, nl));
        std::string line;
        line.swap(m_buffer);
        if (auto err = processLine(line)) {
            return err;
        }
        consumed = nl + 1;
    }
    while (consumed < bytes.size()) {
        const auto nl = bytes.find('\n', consumed);
        if (nl == std::string_view::npos) {
            m_buffer.assign(bytes.substr(consumed));
            break;
        }
        if (auto err = processLine(bytes.substr(consumed, nl - consumed))) {
            return err;
        }
        consumed = nl + 1;
    }
    return std::nullopt;
}

std::optional<BundleParser::Error> BundleParser::finish()
{
    if (!m_buffer.empty()) {
        std::string line;
        line.swap(m_buffer);
        if (auto err = processLine(line)) {
            return err;
        }
    }
    if (!m_sawHeader) {
        return Error{0, QStringLiteral("the bundle is empty: expected a header line with \"format\": "
                                       "\"meshlens-bundle\"")};
    }
    return std::nullopt;
}

} // namespace meshlens::models
