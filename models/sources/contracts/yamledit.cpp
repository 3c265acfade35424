#include "yamledit.h"

#include "../../catalog/jsonwriter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace meshlens::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("meshlens::models::YamlEditor", text);
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// ---- paths --------------------------------------------------------------------------------------------------

struct Step
{
    enum class Kind
    {
        Key,
        Index,
        Select,       // [?field=value]
        SelectScalar, // [?=value]
    };
    Kind kind = Kind::Key;
    std::string key; // Key: the key; Select: the field
    std::string value;
    int index = 0;
};

std::optional<std::vector<Step>> parsePath(const QString &path, QString *error)
{
    std::vector<Step> steps;
    const std::string p = path.toStdString();
    size_t i = 0;
    auto fail = [&](const QString &why) {
        *error = tr("Invalid node path '%1': %2").arg(path, why);
        return std::nullopt;
    };
    while (i < p.size()) {
        if (p[i] == '[') {
            const size_t close = p.find(']', i);
            if (close == std::string::npos) {
                return fail(tr("a '[' is not closed"));
            }
            const std::string inner = p.substr(i + 1, close - i - 1);
            Step s;
            if (!inner.empty() && inner[0] == '?') {
                const size_t eq = inner.find('=');
                if (eq == std::string::npos) {
                    return fail(tr("a selector needs '=': [?field=value]"));
                }
                s.key = inner.substr(1, eq - 1);
                s.value = inner.substr(eq + 1);
                s.kind = s.key.empty() ? Step::Kind::SelectScalar : Step::Kind::Select;
            } else {
                bool ok = false;
                s.index = QString::fromStdString(inner).toInt(&ok);
                if (!ok || s.index < 0) {
                    return fail(tr("'%1' is not an index").arg(q(inner)));
                }
                s.kind = Step::Kind::Index;
            }
            steps.push_back(s);
            i = close + 1;
            if (i < p.size() && p[i] == '.') {
                ++i;
            }
            continue;
        }
        size_t end = p.find_first_of(".[", i);
        if (end == std::string::npos) {
            end = p.size();
        }
        if (end == i) {
            return fail(tr("an empty key"));
        }
        steps.push_back({Step::Kind::Key, p.substr(i, end - i), {}, 0});
        i = end;
        if (i < p.size() && p[i] == '.') {
            ++i;
            if (i == p.size()) {
                return fail(tr("it ends with '.'"));
            }
        }
    }
    if (steps.empty()) {
        return fail(tr("it is empty"));
    }
    return steps;
}

// ---- the text -----------------------------------------------------------------------------------------------

enum class Style
{
    Plain,
    Single,
    Double,
    Literal,
    Folded,
    EmptyNull, // `key:` with nothing after the colon
};

// The bytes and their line table. Offsets are byte offsets into s.
struct Text
{
    std::string s;
    std::vector<size_t> lines;
    size_t bom = 0;

    explicit Text(std::string bytes)
        : s(std::move(bytes))
    {
        if (s.rfind("\xEF\xBB\xBF", 0) == 0) {
            bom = 3; // yaml-cpp counts columns on the first line after the byte-order mark
        }
        lines.push_back(0);
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\n') {
                lines.push_back(i + 1);
            }
        }
    }
    [[nodiscard]] size_t offset(const YAML::Mark &m) const
    {
        if (m.line < 0 || size_t(m.line) >= lines.size()) {
            return s.size();
        }
        return std::min(s.size(), lines[size_t(m.line)] + size_t(m.column) + (m.line == 0 ? bom : 0));
    }
    [[nodiscard]] size_t lineOf(size_t pos) const
    {
        return size_t(std::upper_bound(lines.begin(), lines.end(), pos) - lines.begin()) - 1;
    }
    [[nodiscard]] size_t lineEnd(size_t line) const // the offset of its '\n' (or the end of the text)
    {
        return line + 1 < lines.size() ? lines[line + 1] - 1 : s.size();
    }
    [[nodiscard]] size_t afterLine(size_t line) const // where the next line starts (may be s.size())
    {
        return line + 1 < lines.size() ? lines[line + 1] : s.size();
    }
    // Leading spaces of a line; -1 for a blank line, -2 when its indentation holds a tab.
    [[nodiscard]] int indent(size_t line) const
    {
        size_t i = lines[line] + (line == 0 ? bom : 0);
        const size_t end = lineEnd(line);
        int n = 0;
        while (i < end && (s[i] == ' ' || s[i] == '\t')) {
            if (s[i] == '\t') {
                const size_t rest = s.find_first_not_of(" \t\r", i);
                return rest >= end ? -1 : -2;
            }
            ++n;
            ++i;
        }
        if (i >= end || s[i] == '\r') {
            return -1;
        }
        return n;
    }
    [[nodiscard]] bool isComment(size_t line) const
    {
        const size_t i = s.find_first_not_of(" \t", lines[line]);
        return i < lineEnd(line) && s[i] == '#';
    }
    [[nodiscard]] char at(size_t pos) const { return pos < s.size() ? s[pos] : '\0'; }
};

size_t quotedEnd(const Text &t, size_t begin)
{
    const char quote = t.s[begin];
    for (size_t i = begin + 1; i < t.s.size(); ++i) {
        if (quote == '"' && t.s[i] == '\\') {
            ++i;
        } else if (t.s[i] == quote) {
            if (quote == '\'' && t.at(i + 1) == '\'') {
                ++i;
                continue;
            }
            return i + 1;
        }
    }
    return std::string::npos;
}

// Where a scalar starting at `begin` ends. parentIndent: the column of the owning key or dash (-1 at the root);
// continuation lines of a plain or block scalar are indented deeper.
struct Extent
{
    size_t begin = 0, end = 0; // the scalar (for block scalars: the header indicator only)
    Style style = Style::Plain;
    size_t contentBegin = 0, contentEnd = 0; // block scalars: the content lines, contentEnd after the last '\n'
    int contentIndent = -1;
};

std::optional<Extent> scalarExtent(const Text &t, size_t begin, bool flow, int parentIndent)
{
    Extent x;
    x.begin = begin;
    const char c = t.at(begin);
    if (c == '"' || c == '\'') {
        x.style = c == '"' ? Style::Double : Style::Single;
        x.end = quotedEnd(t, begin);
        if (x.end == std::string::npos) {
            return std::nullopt;
        }
        return x;
    }
    if ((c == '|' || c == '>') && !flow) {
        x.style = c == '|' ? Style::Literal : Style::Folded;
        x.end = begin + 1;
        while (x.end < t.s.size() &&
               (std::isdigit(static_cast<unsigned char>(t.s[x.end])) || t.s[x.end] == '-' || t.s[x.end] == '+')) {
            ++x.end;
        }
        const size_t header = t.lineOf(begin);
        x.contentBegin = x.contentEnd = t.afterLine(header);
        for (size_t l = header + 1; l < t.lines.size(); ++l) {
            const int ind = t.indent(l);
            if (ind == -1) {
                continue;
            }
            if (ind <= parentIndent || ind == -2) {
                break;
            }
            if (x.contentIndent < 0) {
                x.contentIndent = ind;
            }
            x.contentEnd = t.afterLine(l);
        }
        return x;
    }
    // Plain: on its first line up to " #", a flow indicator in flow context, or the end of the line.
    size_t lineNo = t.lineOf(begin);
    auto plainEndOnLine = [&](size_t from, size_t lineEnd) {
        size_t i = from;
        size_t lastNonSpace = from;
        for (; i < lineEnd; ++i) {
            const char ch = t.s[i];
            if (ch == '#' && i > from && (t.s[i - 1] == ' ' || t.s[i - 1] == '\t')) {
                break;
            }
            if (flow && (ch == ',' || ch == ']' || ch == '}')) {
                break;
            }
            if (ch == ':' && (i + 1 >= lineEnd || t.s[i + 1] == ' ' || (flow && t.s[i + 1] == ','))) {
                break;
            }
            if (ch != ' ' && ch != '\t' && ch != '\r') {
                lastNonSpace = i + 1;
            }
        }
        return lastNonSpace;
    };
    x.end = plainEndOnLine(begin, t.lineEnd(lineNo));
    if (!flow) {
        // Continuation lines: deeper than the parent, not comments, up to the next blank-free break.
        for (size_t l = lineNo + 1; l < t.lines.size(); ++l) {
            const int ind = t.indent(l);
            if (ind == -1) {
                continue;
            }
            if (ind <= parentIndent || ind == -2 || t.isComment(l)) {
                break;
            }
            const size_t from = t.lines[l] + size_t(ind);
            const size_t e = plainEndOnLine(from, t.lineEnd(l));
            if (e < t.lineEnd(l) && t.s.find_first_not_of(" \t\r", e) < t.lineEnd(l) && t.s[e] != ' ') {
                break; // a "key:" on that line: not a continuation
            }
            x.end = e;
        }
    }
    return x;
}

// Where the ':' after a map key is.
std::optional<size_t> colonAfterKey(const Text &t, size_t keyBegin, bool flow)
{
    size_t i = keyBegin;
    if (t.at(i) == '"' || t.at(i) == '\'') {
        i = quotedEnd(t, i);
        if (i == std::string::npos) {
            return std::nullopt;
        }
    } else {
        while (i < t.s.size() && t.s[i] != '\n') {
            if (t.s[i] == ':' &&
                (i + 1 >= t.s.size() || t.s[i + 1] == ' ' || t.s[i + 1] == '\n' || t.s[i + 1] == '\r' || flow)) {
                return i;
            }
            ++i;
        }
        return std::nullopt;
    }
    while (i < t.s.size() && (t.s[i] == ' ' || t.s[i] == '\t')) {
        ++i;
    }
    return t.at(i) == ':' ? std::optional<size_t>(i) : std::nullopt;
}

// The closing bracket of a flow collection opening at `open`.
std::optional<size_t> flowClose(const Text &t, size_t open)
{
    int depth = 0;
    for (size_t i = open; i < t.s.size(); ++i) {
        const char c = t.s[i];
        if (c == '"' || c == '\'') {
            i = quotedEnd(t, i);
            if (i == std::string::npos) {
                return std::nullopt;
            }
            --i;
        } else if (c == '#' && i > 0 && (t.s[i - 1] == ' ' || t.s[i - 1] == '\n')) {
            i = t.lineEnd(t.lineOf(i)) - 1;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            if (--depth == 0) {
                return i;
            }
        }
    }
    return std::nullopt;
}

// The last line holding content of a block collection whose entries start at column `col` on line `first`: lines
// deeper than col, or at col (keys of a map, dashes of a sequence). Trailing comments and blank lines are not
// part of it, so an insertion lands right after the last entry.
size_t blockLastLine(const Text &t, size_t first, int col, bool sequence)
{
    size_t last = first;
    for (size_t l = first + 1; l < t.lines.size(); ++l) {
        const int ind = t.indent(l);
        if (ind == -1 || (ind >= 0 && t.isComment(l))) {
            continue;
        }
        if (ind < col) {
            break;
        }
        const size_t p = t.lines[l] + size_t(ind);
        if (ind == col && sequence && t.at(p) != '-') {
            break;
        }
        if (ind == 0 && (t.s.compare(p, 3, "---") == 0 || t.s.compare(p, 3, "...") == 0)) {
            break;
        }
        last = l;
    }
    return last;
}

// ---- writing scalars ----------------------------------------------------------------------------------------

bool resolvesNonString(const QString &v)
{
    static const QRegularExpression kSpecial(QStringLiteral(
        "^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|"
        "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|"
        "0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?)$"));
    return v.isEmpty() || kSpecial.match(v).hasMatch();
}

bool hasControl(const QString &v, bool allowNewline)
{
    return std::any_of(v.cbegin(), v.cend(), [allowNewline](QChar c) {
        const ushort u = c.unicode();
        return (u < 0x20 && !(allowNewline && u == '\n')) || u == 0x7f || u == 0xfeff;
    });
}

bool isPlainSafe(const QString &v, bool flow)
{
    if (v.isEmpty() || v.front().isSpace() || v.back().isSpace() || hasControl(v, false)) {
        return false;
    }
    const QChar first = v.front();
    if (QStringLiteral(",[]{}#&*!|>'\"%@`").contains(first)) {
        return false;
    }
    if ((first == QLatin1Char('-') || first == QLatin1Char('?') || first == QLatin1Char(':')) &&
        (v.size() == 1 || v.at(1) == QLatin1Char(' '))) {
        return false;
    }
    if (v.startsWith(QLatin1String("---")) || v.startsWith(QLatin1String("..."))) {
        return false;
    }
    if (v.contains(QLatin1String(": ")) || v.contains(QLatin1String(" #")) || v.endsWith(QLatin1Char(':'))) {
        return false;
    }
    if (flow && (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('[')) || v.contains(QLatin1Char(']')) ||
                 v.contains(QLatin1Char('{')) || v.contains(QLatin1Char('}')) || v.contains(QLatin1Char(':')))) {
        return false;
    }
    return true;
}

// JSON's escapes are YAML's too. What JSON leaves raw but YAML does not allow unescaped (DEL, the C1 controls, a
// byte-order mark) is escaped afterwards: those bytes never occur inside an escape, which is ASCII.
std::string doubleQuoted(const QString &v)
{
    std::string json;
    appendJsonString(json, v.toStdString());
    std::string out;
    out.reserve(json.size());
    for (size_t i = 0; i < json.size(); ++i) {
        const auto c = static_cast<unsigned char>(json[i]);
        const auto next = static_cast<unsigned char>(i + 1 < json.size() ? json[i + 1] : 0);
        if (c == 0x7f) {
            out += "\\x7f";
        } else if (c == 0xc2 && next >= 0x80 && next <= 0x9f) {
            out += QStringLiteral("\\x%1").arg(next, 2, 16, QLatin1Char('0')).toStdString();
            ++i;
        } else if (json.compare(i, 3, "\xEF\xBB\xBF") == 0) {
            out += "\\ufeff";
            i += 2;
        } else {
            out.push_back(char(c));
        }
    }
    return out;
}

// A scalar as text: inline, or a block literal (header plus content lines already indented).
struct Rendered
{
    std::string inlineText;
    bool block = false;
    std::string header, content;
};

Rendered render(const QString &v, YamlEditOp::Type type, Style previous, bool flow, int contentIndent)
{
    Rendered r;
    const bool multiLine = v.contains(QLatin1Char('\n'));
    if (multiLine && !flow && previous != Style::Double && !hasControl(v, true) && !v.front().isSpace()) {
        QString body = v;
        int trailing = 0;
        while (body.endsWith(QLatin1Char('\n'))) {
            body.chop(1);
            ++trailing;
        }
        const QStringList lines = body.split(QLatin1Char('\n'));
        const bool trailingSpace = std::any_of(lines.cbegin(), lines.cend(),
                                               [](const QString &l) { return !l.isEmpty() && l.back().isSpace(); });
        if (!trailingSpace && !body.isEmpty()) {
            r.block = true;
            r.header = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
            const std::string pad(size_t(std::max(contentIndent, 1)), ' ');
            for (const QString &l : lines) {
                r.content += l.isEmpty() ? std::string("\n") : pad + l.toStdString() + "\n";
            }
            for (int i = 1; i < trailing; ++i) {
                r.content += "\n";
            }
            return r;
        }
    }
    const bool plainOk = isPlainSafe(v, flow) && (type == YamlEditOp::Type::Auto || !resolvesNonString(v));
    if (plainOk && previous != Style::Single && previous != Style::Double) {
        r.inlineText = v.toStdString();
    } else if (previous != Style::Double && !hasControl(v, false) && !multiLine) {
        QString s = v;
        r.inlineText = "'" + s.replace(QLatin1Char('\''), QLatin1String("''")).toStdString() + "'";
    } else {
        r.inlineText = doubleQuoted(v);
    }
    return r;
}

std::string keyText(const QString &k, bool flow)
{
    return render(k, YamlEditOp::Type::String, Style::Plain, flow, 0).inlineText;
}

// ---- trees --------------------------------------------------------------------------------------------------

// One step of a resolved path: a key or an index into the original tree.
struct Concrete
{
    bool isKey = true;
    std::string key;
    size_t index = 0;
};

struct Located
{
    YAML::Node node;     // the deepest node that exists
    YAML::Node keyNode;  // its key when it was reached through a map
    bool viaKey = false; // reached through a map key (else: a sequence index, or the root)
    bool flow = false;   // inside a flow collection
    size_t depth = 0;    // steps resolved (== steps.size() when the whole path exists)
    std::vector<Concrete> concrete;
    YAML::Node parent;       // the collection holding node (undefined at the root)
    bool parentFlow = false; // that collection is a flow collection
};

bool scalarEquals(const YAML::Node &n, const std::string &v)
{
    return n.IsDefined() && n.IsScalar() && n.Scalar() == v;
}

std::optional<Located> locateUnchecked(const YAML::Node &root, const std::vector<Step> &steps, QString *error)
{
    Located at;
    at.node.reset(root);
    for (; at.depth < steps.size(); ++at.depth) {
        const Step &s = steps[at.depth];
        const YAML::Node cur = at.node;
        const bool curFlow = at.flow || (cur.IsDefined() && !cur.IsScalar() && cur.Style() == YAML::EmitterStyle::Flow);
        if (s.kind == Step::Kind::Key) {
            if (!cur.IsMap()) {
                if (cur.IsNull() || !cur.IsDefined()) {
                    return at; // created below
                }
                *error = tr("the node before '%1' is not a mapping.").arg(q(s.key));
                return std::nullopt;
            }
            int found = 0;
            YAML::Node key, value;
            for (auto it = cur.begin(); it != cur.end(); ++it) {
                if (it->first.IsScalar() && it->first.Scalar() == s.key) {
                    if (++found == 1) {
                        key.reset(it->first);
                        value.reset(it->second);
                    }
                }
            }
            if (found > 1) {
                *error = tr("The key '%1' appears %2 times in the same mapping; edit the file by hand.")
                             .arg(q(s.key))
                             .arg(found);
                return std::nullopt;
            }
            if (found == 0) {
                return at;
            }
            at.parent.reset(cur);
            at.parentFlow = curFlow;
            at.keyNode.reset(key);
            at.viaKey = true;
            at.node.reset(value);
            at.concrete.push_back({true, s.key, 0});
        } else {
            if (!cur.IsSequence()) {
                *error = tr("The path step %1 needs a sequence, and the node there is not one.").arg(at.depth + 1);
                return std::nullopt;
            }
            std::optional<size_t> index;
            if (s.kind == Step::Kind::Index) {
                if (size_t(s.index) < cur.size()) {
                    index = size_t(s.index);
                }
            } else {
                for (size_t i = 0; i < cur.size() && !index; ++i) {
                    const YAML::Node item = cur[i];
                    if (s.kind == Step::Kind::SelectScalar ? scalarEquals(item, s.value)
                                                           : (item.IsMap() && scalarEquals(item[s.key], s.value))) {
                        index = i;
                    }
                }
            }
            if (!index) {
                return at; // the caller decides whether a missing item is an error
            }
            at.parent.reset(cur);
            at.parentFlow = curFlow;
            at.viaKey = false;
            at.keyNode.reset();
            at.node.reset(cur[*index]);
            at.concrete.push_back({false, {}, *index});
        }
        at.flow = curFlow;
    }
    return at;
}

std::optional<Located> locate(const YAML::Node &root, const std::vector<Step> &steps, QString *error)
{
    try {
        return locateUnchecked(root, steps, error);
    } catch (const std::exception &e) {
        *error = QString::fromLocal8Bit(e.what());
        return std::nullopt;
    }
}

YAML::Node walk(YAML::Node root, const std::vector<Concrete> &steps)
{
    YAML::Node cur;
    cur.reset(root);
    for (const Concrete &c : steps) {
        YAML::Node next = c.isKey ? cur[c.key] : cur[c.index];
        cur.reset(next);
    }
    return cur;
}

bool sameTree(const YAML::Node &expected, const YAML::Node &actual)
{
    if (expected.Type() != actual.Type()) {
        return false;
    }
    if (!expected.Tag().empty() && expected.Tag() != actual.Tag()) {
        return false;
    }
    switch (expected.Type()) {
    case YAML::NodeType::Scalar:
        return expected.Scalar() == actual.Scalar();
    case YAML::NodeType::Sequence:
        if (expected.size() != actual.size()) {
            return false;
        }
        for (size_t i = 0; i < expected.size(); ++i) {
            if (!sameTree(expected[i], actual[i])) {
                return false;
            }
        }
        return true;
    case YAML::NodeType::Map: {
        if (expected.size() != actual.size()) {
            return false;
        }
        auto a = actual.begin();
        for (auto e = expected.begin(); e != expected.end(); ++e, ++a) {
            if (!sameTree(e->first, a->first) || !sameTree(e->second, a->second)) {
                return false;
            }
        }
        return true;
    }
    default:
        return true;
    }
}

// Whether the tree, with aliases expanded, has at most `budget` nodes. Comparing or cloning an alias bomb (a few
// lines whose aliases multiply) would take exponential time and memory, so such a file is not edited.
bool withinBudget(const YAML::Node &n, std::int64_t &budget)
{
    if (--budget < 0) {
        return false;
    }
    if (n.IsSequence()) {
        for (const YAML::Node &item : n) {
            if (!withinBudget(item, budget)) {
                return false;
            }
        }
    } else if (n.IsMap()) {
        for (auto it = n.begin(); it != n.end(); ++it) {
            if (!withinBudget(it->first, budget) || !withinBudget(it->second, budget)) {
                return false;
            }
        }
    }
    return true;
}

struct Parsed
{
    YAML::Node root;
    std::optional<QString> error;
};

Parsed parse(const std::string &text)
{
    Parsed p;
    try {
        std::vector<YAML::Node> docs = YAML::LoadAll(text);
        if (docs.size() != 1) {
            p.error =
                docs.empty()
                    ? tr("The file holds no YAML document.")
                    : tr("The file holds %1 YAML documents; only single-document files are edited.").arg(docs.size());
            return p;
        }
        p.root = docs.front();
        std::int64_t budget = 4 * std::int64_t(text.size()) + 10000;
        if (!withinBudget(p.root, budget)) {
            p.error = tr("The file's anchors and aliases expand to too many nodes; edit it by hand.");
        }
    } catch (const YAML::Exception &e) {
        p.error =
            tr("Not valid YAML (line %1, column %2): %3").arg(e.mark.line + 1).arg(e.mark.column + 1).arg(q(e.msg));
    } catch (const std::exception &e) {
        p.error = tr("Not valid YAML: %1").arg(QString::fromLocal8Bit(e.what()));
    }
    return p;
}

// Text replacements, applied back to front.
struct Splice
{
    size_t pos, len;
    std::string with;
};

std::string applySplices(std::string s, std::vector<Splice> splices)
{
    std::sort(splices.begin(), splices.end(), [](const Splice &a, const Splice &b) { return a.pos > b.pos; });
    for (const Splice &sp : splices) {
        s.replace(sp.pos, sp.len, sp.with);
    }
    return s;
}

// The text of keys to create (k1: / k2: ... / leaf), in block or flow style. `leaf` writes the last value given
// its indentation (block) or inline (flow).
std::string nestedBlock(const std::vector<std::string> &keys, int indent,
                        const std::function<std::string(int indent)> &leafAfterColon)
{
    std::string out;
    for (size_t i = 0; i < keys.size(); ++i) {
        out += std::string(size_t(indent), ' ') + keys[i] + ":";
        if (i + 1 < keys.size()) {
            out += "\n";
            indent += 2;
        }
    }
    return out + leafAfterColon(indent);
}

std::string nestedFlow(const std::vector<std::string> &keys, const std::string &leaf)
{
    std::string out, close;
    for (size_t i = 0; i < keys.size(); ++i) {
        out += keys[i] + ": ";
        if (i + 1 < keys.size()) {
            out += "{";
            close += "}";
        }
    }
    return out + leaf + close;
}

// The node a path names in a parsed tree, if it exists (null root: the text did not parse).
std::optional<YAML::Node> findNode(const YAML::Node *root, const QString &path)
{
    QString error;
    const auto steps = parsePath(path, &error);
    if (!steps || !root) {
        return std::nullopt;
    }
    const auto at = locate(*root, *steps, &error);
    if (!at || at->depth != steps->size()) {
        return std::nullopt;
    }
    return at->node;
}

} // namespace

// The parsed text, kept so queries and the next edit need not parse it again.
struct YamlEditor::Tree
{
    YAML::Node root;
};

YamlEditOp YamlEditOp::set(QString path, QString value, Type type)
{
    YamlEditOp op;
    op.kind = Kind::SetScalar;
    op.path = std::move(path);
    op.value = std::move(value);
    op.type = type;
    return op;
}

YamlEditOp YamlEditOp::add(QString path, QString value)
{
    YamlEditOp op;
    op.kind = Kind::AddItem;
    op.path = std::move(path);
    op.value = std::move(value);
    return op;
}

YamlEditOp YamlEditOp::addMapping(QString path, QList<QPair<QString, QString>> fields)
{
    YamlEditOp op;
    op.kind = Kind::AddItem;
    op.path = std::move(path);
    op.fields = std::move(fields);
    return op;
}

YamlEditOp YamlEditOp::remove(QString path)
{
    YamlEditOp op;
    op.kind = Kind::RemoveItem;
    op.path = std::move(path);
    return op;
}

YamlEditor::YamlEditor(QByteArray text)
    : m_text(std::move(text))
{
    Parsed p = parse(m_text.toStdString());
    m_error = p.error;
    m_tree = std::make_shared<Tree>(Tree{p.root});
}

std::optional<QString> YamlEditor::scalar(const QString &path) const
{
    const auto node = findNode(m_error || !m_tree ? nullptr : &m_tree->root, path);
    return node && node->IsScalar() ? std::optional(q(node->Scalar())) : std::nullopt;
}

YamlEditor::NodeKind YamlEditor::kind(const QString &path) const
{
    const auto node = findNode(m_error || !m_tree ? nullptr : &m_tree->root, path);
    return !node                ? NodeKind::Missing
           : node->IsMap()      ? NodeKind::Map
           : node->IsSequence() ? NodeKind::Sequence
           : node->IsScalar()   ? NodeKind::Scalar
                                : NodeKind::Null;
}

QStringList YamlEditor::scalarItems(const QString &path) const
{
    QStringList out;
    if (const auto node = findNode(m_error || !m_tree ? nullptr : &m_tree->root, path); node && node->IsSequence()) {
        for (const YAML::Node &item : *node) {
            if (item.IsScalar()) {
                out << q(item.Scalar());
            }
        }
    }
    return out;
}

std::optional<QString> YamlEditor::apply(const YamlEditOp &op)
{
    // yaml-cpp reports misuse (an undefined node, a bad conversion) by throwing; untrusted files must never crash.
    try {
        return applyUnchecked(op);
    } catch (const std::exception &e) {
        return tr("Cannot edit %1: %2").arg(op.path, QString::fromLocal8Bit(e.what()));
    }
}

std::optional<QString> YamlEditor::applyUnchecked(const YamlEditOp &op)
{
    if (m_error) {
        return m_error;
    }
    QString error;
    const auto steps = parsePath(op.path, &error);
    if (!steps) {
        return error;
    }
    const Text t(m_text.toStdString());
    const Parsed original{m_tree->root, m_error};
    if (original.error) {
        return original.error;
    }
    const auto located = locate(original.root, *steps, &error);
    if (!located) {
        return tr("Cannot edit %1: %2").arg(op.path, error);
    }
    const Located &at = *located;
    const bool complete = at.depth == steps->size();
    auto fail = [&op](const QString &why) { return tr("Cannot edit %1: %2").arg(op.path, why); };

    // What is missing must be keys only: an index or a selector that matches nothing is an error, except for a
    // removal, which then has nothing to do.
    std::vector<std::string> missingKeys;
    for (size_t i = at.depth; i < steps->size(); ++i) {
        if ((*steps)[i].kind != Step::Kind::Key) {
            if (op.kind == YamlEditOp::Kind::RemoveItem && i + 1 == steps->size()) {
                return std::nullopt;
            }
            return fail(tr("no node matches step %1 of the path.").arg(i + 1));
        }
        missingKeys.push_back((*steps)[i].key);
    }
    if (op.kind == YamlEditOp::Kind::RemoveItem && !complete) {
        return std::nullopt; // the sequence is not there: nothing to remove
    }
    if (op.kind == YamlEditOp::Kind::AddItem && op.value.isEmpty() && op.fields.isEmpty()) {
        return fail(tr("the item to add is empty."));
    }

    std::vector<Splice> splices;
    YAML::Node expected = YAML::Clone(original.root);
    const std::string value = op.value.toStdString();

    // Mark the new value's tag in the expected tree: quoted strings read back with "!", the rest is not compared.
    auto expectedScalar = [&](YAML::Node n, const QString &v, YamlEditOp::Type type) {
        n = v.toStdString();
        n.SetTag(type == YamlEditOp::Type::String && resolvesNonString(v) ? "!" : "");
    };
    auto expectedItem = [&]() {
        YAML::Node item;
        if (op.fields.isEmpty()) {
            item = value;
            item.SetTag(resolvesNonString(op.value) ? "!" : "");
        } else {
            for (const auto &[k, v] : op.fields) {
                expectedScalar(item[k.toStdString()], v, YamlEditOp::Type::String);
            }
        }
        return item;
    };

    // The text of the item to add: `- x` lines for a block sequence at `dash`, `x` or `{k: v}` in flow.
    auto itemBlock = [&](int dash, int keyCol, Style style) {
        const std::string pad(size_t(dash), ' ');
        if (op.fields.isEmpty()) {
            return pad + "- " + render(op.value, YamlEditOp::Type::String, style, false, 0).inlineText + "\n";
        }
        std::string out;
        bool first = true;
        for (const auto &[k, v] : op.fields) {
            out += (first ? pad + "- " + std::string(size_t(std::max(0, keyCol - dash - 2)), ' ')
                          : std::string(size_t(keyCol), ' ')) +
                   keyText(k, false) + ": " + render(v, YamlEditOp::Type::String, Style::Plain, true, 0).inlineText +
                   "\n";
            first = false;
        }
        return out;
    };
    auto itemFlow = [&](Style style) {
        if (op.fields.isEmpty()) {
            return render(op.value, YamlEditOp::Type::String, style, true, 0).inlineText;
        }
        std::string out = "{";
        for (const auto &[k, v] : op.fields) {
            out += (out.size() > 1 ? ", " : "") + keyText(k, true) + ": " +
                   render(v, YamlEditOp::Type::String, Style::Plain, true, 0).inlineText;
        }
        return out + "}";
    };

    std::vector<std::string> quotedMissing;
    for (const auto &k : missingKeys) {
        quotedMissing.push_back(keyText(q(k), false));
    }
    // Text that creates missingKeys (and below them the value or the one-item sequence) inside a collection.
    auto creationBlock = [&](int indent) {
        return nestedBlock(quotedMissing, indent, [&](int leafIndent) -> std::string {
            if (op.kind == YamlEditOp::Kind::AddItem) {
                return "\n" + itemBlock(leafIndent + 2, leafIndent + 4, Style::Plain);
            }
            const Rendered r = render(op.value, op.type, Style::Plain, false, leafIndent + 2);
            return r.block ? " " + r.header + "\n" + r.content : " " + r.inlineText + "\n";
        });
    };
    auto creationFlow = [&]() {
        std::vector<std::string> keys;
        for (const auto &k : missingKeys) {
            keys.push_back(keyText(q(k), true));
        }
        const std::string leaf = op.kind == YamlEditOp::Kind::AddItem
                                     ? "[" + itemFlow(Style::Plain) + "]"
                                     : render(op.value, op.type, Style::Plain, true, 0).inlineText;
        return nestedFlow(keys, leaf);
    };

    // Inserting at the start of a line after `line`; a last line without '\n' gets one first.
    auto insertAfterLine = [&](size_t line, const std::string &lines) {
        const size_t pos = t.afterLine(line);
        if (pos == t.s.size() && (t.s.empty() || t.s.back() != '\n')) {
            splices.push_back({pos, 0, "\n" + lines.substr(0, lines.size() - 1)});
        } else {
            splices.push_back({pos, 0, lines});
        }
    };
    // After the last non-blank character before a flow collection's closing bracket.
    auto insertInFlow = [&](const YAML::Node &collection, const std::string &entry) -> std::optional<QString> {
        const size_t open = t.offset(collection.Mark());
        const auto close = flowClose(t, open);
        if (!close) {
            return fail(tr("its flow collection is not closed."));
        }
        size_t last = *close;
        while (last > open + 1 && std::isspace(static_cast<unsigned char>(t.s[last - 1]))) {
            --last;
        }
        const bool empty = last == open + 1;
        if (empty) {
            const bool spaced = *close > open + 1;
            splices.push_back({open + 1, 0, (spaced ? " " : "") + entry});
        } else {
            splices.push_back({last, 0, ", " + entry});
        }
        return std::nullopt;
    };

    // The node's key when its value is empty (`key:`, maybe a comment after it): where its colon is, its line and
    // column. Nothing when something follows the colon on that line.
    struct EmptyValue
    {
        size_t colon, line;
        int keyCol;
    };
    auto emptyValue = [&]() -> std::optional<EmptyValue> {
        const size_t keyPos = t.offset(at.keyNode.Mark());
        const auto colon = colonAfterKey(t, keyPos, at.flow);
        const size_t line = t.lineOf(keyPos);
        const size_t rest = colon ? t.s.find_first_not_of(" \t\r", *colon + 1) : 0;
        const bool ends = rest >= t.lineEnd(line) || t.s[rest] == '#' ||
                          (at.flow && (t.s[rest] == ',' || t.s[rest] == '}' || t.s[rest] == ']'));
        if (!colon || !ends) {
            return std::nullopt;
        }
        return EmptyValue{*colon, line, int(keyPos - t.lines[line] - (line == 0 ? t.bom : 0))};
    };

    if (!complete) {
        // Create the missing keys in the deepest node that exists: a map (block or flow), or an empty value.
        const YAML::Node &holder = at.node;
        YAML::Node target = walk(expected, at.concrete);
        {
            YAML::Node cur;
            cur.reset(target);
            for (size_t i = 0; i + 1 < missingKeys.size(); ++i) {
                YAML::Node next = cur[missingKeys[i]];
                cur.reset(next);
            }
            if (op.kind == YamlEditOp::Kind::AddItem) {
                YAML::Node seq(YAML::NodeType::Sequence);
                seq.push_back(expectedItem());
                cur[missingKeys.back()] = seq;
            } else {
                expectedScalar(cur[missingKeys.back()], op.value, op.type);
            }
        }
        if (holder.IsMap() && holder.Style() == YAML::EmitterStyle::Flow) {
            if (auto e = insertInFlow(holder, creationFlow())) {
                return e;
            }
        } else if (holder.IsMap()) {
            const size_t first = t.offset(holder.Mark());
            const size_t line = t.lineOf(first);
            const int col = int(first - t.lines[line] - (line == 0 ? t.bom : 0));
            const int ind = t.indent(line);
            if (ind == -2) {
                return fail(tr("the mapping is indented with tabs."));
            }
            if (at.depth == 0 && holder.size() == 0) {
                return fail(tr("the document is empty."));
            }
            insertAfterLine(blockLastLine(t, line, col, false), creationBlock(col));
        } else if (at.viaKey && holder.IsNull()) {
            // `key:` with nothing after it: the new entries go on the following lines, deeper than the key.
            const auto empty = emptyValue();
            if (!empty) {
                return fail(tr("the value there is not empty."));
            }
            if (at.flow) {
                splices.push_back({empty->colon + 1, 0, " {" + creationFlow() + "}"});
            } else {
                insertAfterLine(empty->line, creationBlock(empty->keyCol + 2));
            }
        } else {
            return fail(tr("step %1 of the path needs a mapping, and the node there is not one.").arg(at.depth + 1));
        }
    } else if (op.kind == YamlEditOp::Kind::SetScalar) {
        const YAML::Node &node = at.node;
        if (!node.IsScalar() && !node.IsNull()) {
            return fail(tr("the node is a collection, not a scalar."));
        }
        if (scalarEquals(node, value) && !m_rewriteUnchanged) {
            return std::nullopt;
        }
        expectedScalar(walk(expected, at.concrete), op.value, op.type);
        // Where the value's text is, and how deep its continuation lines must be.
        int parentIndent = -1;
        std::optional<Extent> x;
        if (at.viaKey) {
            const size_t keyPos = t.offset(at.keyNode.Mark());
            const size_t keyLine = t.lineOf(keyPos);
            parentIndent = int(keyPos - t.lines[keyLine] - (keyLine == 0 ? t.bom : 0));
            const auto colon = colonAfterKey(t, keyPos, at.flow);
            if (!colon) {
                return fail(tr("the key's ':' was not found."));
            }
            const size_t rest = t.s.find_first_not_of(" \t", *colon + 1);
            const bool emptyOnLine = rest >= t.lineEnd(keyLine) || t.s[rest] == '#' || t.s[rest] == '\r' ||
                                     (at.flow && (t.s[rest] == ',' || t.s[rest] == '}' || t.s[rest] == ']'));
            if (node.IsNull() && emptyOnLine) {
                x = Extent{*colon + 1, *colon + 1, Style::EmptyNull, 0, 0, -1};
            }
        } else if (!at.parentFlow && !at.concrete.empty()) {
            // A block sequence item: its dash starts the line.
            const size_t pos = t.offset(node.Mark());
            const size_t line = t.lineOf(pos);
            const int ind = t.indent(line);
            if (ind < 0 || t.at(t.lines[line] + size_t(ind)) != '-') {
                return fail(tr("the sequence item does not start its line."));
            }
            parentIndent = ind;
        }
        if (!x) {
            if (node.IsNull() && node.Mark().is_null()) {
                return fail(tr("the empty value has no position in the file."));
            }
            x = scalarExtent(t, t.offset(node.Mark()), at.flow, parentIndent);
            if (!x) {
                return fail(tr("the scalar's end was not found."));
            }
        }
        const int contentIndent = x->contentIndent > parentIndent ? x->contentIndent : parentIndent + 2;
        const Rendered r =
            render(op.value, op.type, x->style == Style::EmptyNull ? Style::Plain : x->style, at.flow, contentIndent);
        const bool wasBlock = x->style == Style::Literal || x->style == Style::Folded;
        const std::string lead = x->style == Style::EmptyNull ? " " : "";
        if (!r.block) {
            splices.push_back({x->begin, x->end - x->begin, lead + r.inlineText});
            if (wasBlock) {
                splices.push_back({x->contentBegin, x->contentEnd - x->contentBegin, {}});
            }
        } else if (wasBlock) {
            splices.push_back({x->begin, x->end - x->begin, r.header});
            splices.push_back({x->contentBegin, x->contentEnd - x->contentBegin, r.content});
        } else {
            splices.push_back({x->begin, x->end - x->begin, lead + r.header});
            insertAfterLine(t.lineOf(std::max(x->begin, x->end)), r.content);
        }
    } else if (op.kind == YamlEditOp::Kind::AddItem) {
        const YAML::Node &seq = at.node;
        if (seq.IsSequence()) {
            for (const YAML::Node &item : seq) {
                const bool present = op.fields.isEmpty()
                                         ? scalarEquals(item, value)
                                         : item.IsMap() && scalarEquals(item[op.fields.front().first.toStdString()],
                                                                        op.fields.front().second.toStdString());
                if (present) {
                    return std::nullopt;
                }
            }
        }
        YAML::Node target = walk(expected, at.concrete);
        if (seq.IsNull() && at.viaKey) {
            YAML::Node s(YAML::NodeType::Sequence);
            s.push_back(expectedItem());
            target = s;
            const auto empty = emptyValue();
            if (!empty) {
                return fail(tr("the value there is not empty."));
            }
            if (at.flow) {
                splices.push_back({empty->colon + 1, 0, " [" + itemFlow(Style::Plain) + "]"});
            } else {
                insertAfterLine(empty->line, itemBlock(empty->keyCol + 2, empty->keyCol + 4, Style::Plain));
            }
        } else if (!seq.IsSequence()) {
            return fail(tr("the node is not a sequence."));
        } else {
            target.push_back(expectedItem());
            const Style lastStyle = [&] {
                if (seq.size() == 0 || !seq[seq.size() - 1].IsScalar()) {
                    return Style::Plain;
                }
                const char c = t.at(t.offset(seq[seq.size() - 1].Mark()));
                return c == '\'' ? Style::Single : c == '"' ? Style::Double : Style::Plain;
            }();
            if (seq.Style() == YAML::EmitterStyle::Flow || at.flow) {
                if (auto e = insertInFlow(seq, itemFlow(lastStyle))) {
                    return e;
                }
            } else {
                const size_t first = t.offset(seq.Mark());
                const size_t line = t.lineOf(first);
                const int dash = t.indent(line);
                if (dash < 0 || t.at(t.lines[line] + size_t(dash)) != '-') {
                    return fail(tr("the sequence's first dash does not start its line."));
                }
                int keyCol = dash + 2;
                if (seq.size() > 0 && seq[0].IsMap()) {
                    const size_t k = t.offset(seq[0].Mark());
                    keyCol = int(k - t.lines[t.lineOf(k)]);
                }
                insertAfterLine(blockLastLine(t, line, dash, true), itemBlock(dash, keyCol, lastStyle));
            }
        }
    } else { // RemoveItem
        if (at.viaKey || !at.parent.IsSequence()) {
            return fail(tr("the path does not name a sequence item."));
        }
        const YAML::Node &seq = at.parent;
        const size_t index = at.concrete.back().index;
        {
            std::vector<Concrete> parentPath(at.concrete.begin(), at.concrete.end() - 1);
            YAML::Node s = walk(expected, parentPath);
            s.remove(index);
        }
        if (at.parentFlow) {
            const size_t itemPos = t.offset(at.node.Mark());
            std::optional<Extent> x;
            if (at.node.IsScalar()) {
                x = scalarExtent(t, itemPos, true, -1);
            } else if (!at.node.IsNull() && at.node.Style() == YAML::EmitterStyle::Flow) {
                if (const auto close = flowClose(t, itemPos)) {
                    x = Extent{itemPos, *close + 1, Style::Plain, 0, 0, -1};
                }
            }
            if (!x) {
                return fail(tr("the item's text was not found."));
            }
            if (index + 1 < seq.size()) {
                splices.push_back({x->begin, t.offset(seq[index + 1].Mark()) - x->begin, {}});
            } else if (index > 0) {
                // From the end of the previous item (its comma) to the end of this one.
                size_t from = x->begin;
                while (from > 0 && t.s[from - 1] != ',') {
                    --from;
                }
                if (from == 0) {
                    return fail(tr("the item's separator was not found."));
                }
                splices.push_back({from - 1, x->end - (from - 1), {}});
            } else {
                splices.push_back({x->begin, x->end - x->begin, {}});
            }
        } else {
            const size_t itemPos = t.offset(at.node.Mark());
            const size_t line = t.lineOf(itemPos);
            const int dash = t.indent(line);
            if (dash < 0 || t.at(t.lines[line] + size_t(dash)) != '-') {
                return fail(tr("the sequence item does not start its line."));
            }
            const size_t last = blockLastLine(t, line, dash + 1, false);
            if (seq.size() == 1) {
                // The last item goes: the key keeps an empty flow sequence, so the value stays a sequence.
                const size_t seqKeyDepth = at.concrete.size() - 1;
                std::vector<Step> parentSteps(steps->begin(), steps->begin() + long(seqKeyDepth));
                const auto owner = locate(original.root, parentSteps, &error);
                if (!owner || !owner->viaKey) {
                    return fail(tr("the only item of a sequence that is not a map value cannot be removed."));
                }
                const size_t keyPos = t.offset(owner->keyNode.Mark());
                const auto colon = colonAfterKey(t, keyPos, false);
                if (!colon || t.lineOf(*colon) >= line) {
                    return fail(tr("the sequence's key was not found."));
                }
                splices.push_back({*colon + 1, 0, " []"});
            }
            splices.push_back({t.lines[line], t.afterLine(last) - t.lines[line], {}});
        }
    }

    // A file with Windows line ends gets them on the lines the edit adds too.
    if (t.s.find("\r\n") != std::string::npos) {
        for (Splice &sp : splices) {
            for (size_t i = sp.with.find('\n'); i != std::string::npos; i = sp.with.find('\n', i + 2)) {
                sp.with.insert(i, 1, '\r');
            }
        }
    }
    const std::string edited = applySplices(t.s, splices);
    const Parsed reparsed = parse(edited);
    if (reparsed.error) {
        return fail(tr("the edited text does not parse (%1); the file is left as it was.").arg(*reparsed.error));
    }
    if (!sameTree(expected, reparsed.root)) {
        return fail(tr("the edited text would change more than the edited node; the file is left as it was."));
    }
    m_text = QByteArray::fromStdString(edited);
    m_tree = std::make_shared<Tree>(Tree{reparsed.root});
    m_changed = m_changed || edited != t.s;
    return std::nullopt;
}

std::optional<QString> YamlEditor::writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    }
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return tr("Cannot write %1: %2").arg(path, why);
    }
#ifdef Q_OS_UNIX
    // QSaveFile renames without syncing the data first; a crash right after could leave an empty file.
    if (::fsync(file.handle()) != 0) {
        file.cancelWriting();
        return tr("Cannot write %1: the data did not reach the disk.").arg(path);
    }
#endif
    if (!file.commit()) {
        return tr("Cannot replace %1: %2").arg(path, file.errorString());
    }
    return std::nullopt;
}

} // namespace meshlens::models
