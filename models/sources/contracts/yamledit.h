#pragma once

// A minimal-diff editor for the YAML text of a contract file. yaml-cpp neither keeps comments nor quoting nor key
// order when it writes, so an edit is made on the bytes instead: the node is located through the parsed tree's
// positions (YAML::Mark, line and byte column in yaml-cpp 0.7), only its bytes are rewritten, and the result is
// parsed again and compared with the original tree plus the edit before it is accepted. Everything not edited stays
// byte-identical. A value type, used on whatever thread edits a file; owns its copy of the text.
//
// Node paths: keys separated by dots, `[n]` for a sequence index, `[?field=value]` for the first item of a
// sequence of mappings whose field has that value, `[?=value]` for a scalar item: `description.purpose`,
// `schema[0].properties[2].description`, `slaProperties[?property=latency].value`, `tags[?=finance]`.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>
#include <optional>

namespace meshlens::models {

struct YamlEditOp
{
    enum class Kind
    {
        SetScalar,  // path names the scalar; missing trailing keys are inserted beside their siblings
        AddItem,    // path names the sequence (created when missing); value or fields is the item; no-op if present
        RemoveItem, // path names the item (by index or selector); no-op if no item matches
    };
    // String: the value must read back as a string (quoted when it would read as a number, bool or null).
    // Auto: written plain when YAML allows it (an SLA value `4` stays a number).
    enum class Type
    {
        String,
        Auto
    };
    Kind kind = Kind::SetScalar;
    QString path;
    QString value;                         // the scalar, or the scalar item
    QList<QPair<QString, QString>> fields; // AddItem of a mapping item: its keys and string values, in order
    Type type = Type::String;

    static YamlEditOp set(QString path, QString value, Type type = Type::String);
    static YamlEditOp add(QString path, QString value);
    static YamlEditOp addMapping(QString path, QList<QPair<QString, QString>> fields);
    static YamlEditOp remove(QString path);
};

class YamlEditor final
{
public:
    // Fails (error()) when the text is not one YAML document.
    explicit YamlEditor(QByteArray text);

    // Applies one edit to the current text and verifies it; on error the text is left as it was. Returns the
    // error for a person (which path, what is wrong), or nothing.
    std::optional<QString> apply(const YamlEditOp &op);

    [[nodiscard]] const QByteArray &text() const { return m_text; }
    [[nodiscard]] bool changed() const { return m_changed; }
    [[nodiscard]] const std::optional<QString> &error() const { return m_error; }

    // Reads the scalar at a path (for a conflict's "theirs"), or nothing when the path names no scalar.
    [[nodiscard]] std::optional<QString> scalar(const QString &path) const;
    enum class NodeKind
    {
        Missing,
        Null,
        Scalar,
        Sequence,
        Map
    };
    [[nodiscard]] NodeKind kind(const QString &path) const;
    // The scalar items of the sequence at a path.
    [[nodiscard]] QStringList scalarItems(const QString &path) const;

    // Test seam: rewrite a scalar even when the new value equals the old one (the no-op round trip).
    void setRewriteUnchanged(bool on) { m_rewriteUnchanged = on; }

    // Replaces the file atomically: a temporary file in the same folder, flushed to disk, renamed over it.
    [[nodiscard]] static std::optional<QString> writeFile(const QString &path, const QByteArray &bytes);

private:
    std::optional<QString> applyUnchecked(const YamlEditOp &op);

    struct Tree;
    std::shared_ptr<const Tree> m_tree;
    QByteArray m_text;
    std::optional<QString> m_error;
    bool m_changed = false;
    bool m_rewriteUnchanged = false;
};

} // namespace meshlens::models
