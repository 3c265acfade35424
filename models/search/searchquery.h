#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace meshlens::models {

// What the user typed, understood: free words (all must match), "quoted phrases", -excluded words or phrases,
// and field filters. Built by SearchQuery::parse(), which never fails: anything it does not recognise (an
// unknown field, a stray quote, FTS5 or SQL syntax) degrades to plain text, and text only ever reaches FTS5 as
// quoted strings (SearchQuery::ftsExpression), so no input can be a syntax error. A plain value type.
struct SearchQuery
{
    enum class Field
    {
        Domain,
        Owner,
        Tag,
        Status,
        Tier,
        Source,
        Has,
    };
    struct Filter
    {
        Field field = Field::Domain;
        QString value;
        friend bool operator==(const Filter &, const Filter &) = default;
    };

    QStringList words;             // free words, in order
    QStringList phrases;           // quoted phrases (their inner text)
    QStringList excluded;          // -word and -"phrase"
    QList<Filter> filters;         // field:value
    bool lastWordIsPrefix = false; // the last free word is still being typed

    // Bounds that keep any input cheap: longer input is cut, further terms are ignored.
    static constexpr int kMaxTerms = 16;
    static constexpr int kMaxTermLength = 64;

    [[nodiscard]] static SearchQuery parse(const QString &text);

    [[nodiscard]] bool hasText() const { return !words.isEmpty() || !phrases.isEmpty(); }
    [[nodiscard]] bool isEmpty() const { return !hasText() && excluded.isEmpty() && filters.isEmpty(); }

    // The FTS5 MATCH expression of the text part: every word and phrase a quoted string (quotes doubled), the
    // last word a prefix when lastWordIsPrefix, exclusions as NOT. Empty when there is no positive text.
    // `columns` (optional, e.g. "name display_name") restricts the positive terms to those columns.
    [[nodiscard]] QString ftsExpression(const QString &columns = {}) const;
    // The free words and phrases as one line of text ("order events"), for exact-name look-ups and display.
    [[nodiscard]] QString text() const;
    // The query written back in the syntax parse() reads: parse(toString()) is the same query for every query a user
    // types; for hostile text (a quote inside a filter-like word) it is after the first toString(), the canonical form.
    [[nodiscard]] QString toString() const;

    [[nodiscard]] static QString fieldName(Field field);
    [[nodiscard]] static std::optional<Field> fieldFromName(const QString &name);

    friend bool operator==(const SearchQuery &, const SearchQuery &) = default;
};

} // namespace meshlens::models
