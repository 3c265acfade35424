#include "searchquery.h"

#include <array>

namespace meshlens::models {

namespace {

constexpr int kMaxInput = 4096; // characters; a 10 kB paste is cut here, never rejected

struct FieldName
{
    SearchQuery::Field field;
    const char *name;
};
constexpr std::array<FieldName, 7> kFields = {{
    {SearchQuery::Field::Domain, "domain"},
    {SearchQuery::Field::Owner, "owner"},
    {SearchQuery::Field::Tag, "tag"},
    {SearchQuery::Field::Status, "status"},
    {SearchQuery::Field::Tier, "tier"},
    {SearchQuery::Field::Source, "source"},
    {SearchQuery::Field::Has, "has"},
}};

bool searchable(const QString &word)
{
    for (const QChar c : word) {
        if (c.isLetterOrNumber()) {
            return true;
        }
    }
    return false;
}

// Control characters end FTS5 strings early and lone surrogates are not text: both become spaces, as does the
// replacement character invalid UTF-8 decodes to. Private-use U+E000/U+E001 are the snippet markers.
QString sanitize(const QString &text)
{
    QString out = text.left(kMaxInput);
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QChar c = out[i];
        if (c.isHighSurrogate() && i + 1 < out.size() && out[i + 1].isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate() || c.category() == QChar::Other_Control || c == QChar::ReplacementCharacter ||
            c.unicode() == 0xE000 || c.unicode() == 0xE001) {
            out[i] = QLatin1Char(' ');
        }
    }
    return out;
}

// The first `max` characters of a term, without splitting a surrogate pair or ending in a space, so that the term
// reads back the same from toString().
QString clipped(const QString &term, qsizetype max)
{
    if (term.size() <= max) {
        return term;
    }
    return term.left(term.at(max - 1).isHighSurrogate() ? max - 1 : max).trimmed();
}

QString quoted(const QString &term)
{
    QString q = term;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

// A filter value or an exclusion as typed: quoted when it has a space (then it came from quotes, so holds none).
QString written(const QString &value)
{
    return value.contains(QLatin1Char(' ')) ? QLatin1Char('"') + value + QLatin1Char('"') : value;
}

int letterCount(const QString &word)
{
    int n = 0;
    for (const QChar c : word) {
        n += c.isLetterOrNumber() ? 1 : 0;
    }
    return n;
}

} // namespace

QString SearchQuery::fieldName(Field field)
{
    for (const auto &f : kFields) {
        if (f.field == field) {
            return QLatin1String(f.name);
        }
    }
    return {};
}

std::optional<SearchQuery::Field> SearchQuery::fieldFromName(const QString &name)
{
    for (const auto &f : kFields) {
        if (name.compare(QLatin1String(f.name), Qt::CaseInsensitive) == 0) {
            return f.field;
        }
    }
    return std::nullopt;
}

SearchQuery SearchQuery::parse(const QString &input)
{
    SearchQuery q;
    const QString s = sanitize(input);
    const qsizetype n = s.size();
    int terms = 0;
    bool lastWasWord = false;
    const auto addWord = [&](const QString &token) {
        const QString word = clipped(token, kMaxTermLength);
        if (!searchable(word)) {
            return;
        }
        if (terms++ < kMaxTerms) {
            q.words << word;
            lastWasWord = true;
        }
    };
    qsizetype i = 0;
    while (i < n) {
        if (s[i].isSpace()) {
            ++i;
            continue;
        }
        lastWasWord = false;
        bool exclude = false;
        if (s[i] == QLatin1Char('-') && i + 1 < n && !s[i + 1].isSpace()) {
            exclude = true;
            ++i;
        }
        if (s[i] == QLatin1Char('"')) {
            const qsizetype close = s.indexOf(QLatin1Char('"'), i + 1);
            if (close < 0) {
                // A stray quote is passed over: what follows reads as if it were not there.
                ++i;
                continue;
            }
            const QString text = s.mid(i + 1, close - i - 1).simplified();
            const QString phrase = clipped(text, kMaxTermLength * 4);
            i = close + 1;
            if (searchable(phrase) && terms++ < kMaxTerms) {
                (exclude ? q.excluded : q.phrases) << phrase;
            }
            continue;
        }
        qsizetype end = i;
        while (end < n && !s[end].isSpace()) {
            ++end;
        }
        QString token = s.mid(i, end - i);
        const qsizetype colon = token.indexOf(QLatin1Char(':'));
        if (!exclude && colon > 0) {
            const auto field = fieldFromName(token.left(colon));
            QString value = token.mid(colon + 1);
            qsizetype valueEnd = end; // a quoted value may hold spaces and so end after the token
            if (field && value.startsWith(QLatin1Char('"'))) {
                const qsizetype close = s.indexOf(QLatin1Char('"'), i + colon + 2);
                if (close >= 0) {
                    value = s.mid(i + colon + 2, close - i - colon - 2).simplified();
                    valueEnd = close + 1;
                }
            }
            value.remove(QLatin1Char('"')); // a value is written quoted when it has a space, so it holds no quote
            value = clipped(value, kMaxTermLength);
            // has: knows two values and tier: takes a number ("tier:1", "tier:t1"); anything else is text.
            if (field == Field::Tier) {
                QString digits = value.toLower();
                digits.remove(QLatin1String("tier")).remove(QLatin1Char('t'));
                bool ok = false;
                (void)digits.toInt(&ok);
                value = ok ? digits : QString();
            }
            const bool knownHas = field != Field::Has ||
                                  value.compare(QLatin1String("sla"), Qt::CaseInsensitive) == 0 ||
                                  value.compare(QLatin1String("incident"), Qt::CaseInsensitive) == 0;
            if (field && knownHas && searchable(value)) {
                lastWasWord = false;
                if (terms++ < kMaxTerms) {
                    q.filters.push_back({*field, field == Field::Has ? value.toLower() : value});
                }
                i = valueEnd;
                continue;
            }
            if (field) {
                // Not a filter after all ("owner:", "tier:gold"): the text is a word, without the quotes that would
                // open a filter value when read again.
                token.remove(QLatin1Char('"'));
            }
        }
        i = end;
        if (exclude) {
            token = clipped(token, kMaxTermLength);
            if (searchable(token) && terms++ < kMaxTerms) {
                q.excluded << token;
            }
        } else {
            addWord(token);
        }
    }
    q.lastWordIsPrefix = lastWasWord && !q.words.isEmpty() && n > 0 && !s[n - 1].isSpace();
    return q;
}

QString SearchQuery::ftsExpression(const QString &columns) const
{
    QStringList positive;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const bool last = i == words.size() - 1;
        if (last && lastWordIsPrefix) {
            // One typed character would expand to every term starting with it (there is no 1-character prefix
            // index); the name-prefix tier answers that keystroke instead.
            if (letterCount(words[i]) > 1) {
                positive << quoted(words[i]) + QLatin1String(" *");
            }
        } else {
            positive << quoted(words[i]);
        }
    }
    for (const QString &p : phrases) {
        positive << quoted(p);
    }
    if (positive.isEmpty()) {
        return {};
    }
    QString expr = positive.join(QLatin1Char(' '));
    if (!columns.isEmpty()) {
        expr = QLatin1Char('{') + columns + QLatin1String("} : (") + expr + QLatin1Char(')');
    }
    for (const QString &x : excluded) {
        expr += QLatin1String(" NOT ") + quoted(x);
    }
    return expr;
}

QString SearchQuery::text() const
{
    return (words + phrases).join(QLatin1Char(' '));
}

QString SearchQuery::toString() const
{
    QStringList parts;
    for (const Filter &f : filters) {
        parts << fieldName(f.field) + QLatin1Char(':') + written(f.value);
    }
    // A word still being typed is a prefix only while it comes last, so it is written last.
    const qsizetype typing = lastWordIsPrefix ? words.size() - 1 : words.size();
    parts << words.mid(0, typing);
    for (const QString &p : phrases) {
        parts << QLatin1Char('"') + QString(p).remove(QLatin1Char('"')) + QLatin1Char('"');
    }
    for (const QString &x : excluded) {
        parts << QLatin1Char('-') + written(x);
    }
    parts << words.mid(typing);
    QString out = parts.join(QLatin1Char(' '));
    if (!lastWordIsPrefix && !words.isEmpty()) {
        out += QLatin1Char(' ');
    }
    return out;
}

} // namespace meshlens::models
