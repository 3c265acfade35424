#pragma once

#include <QSplitter>

class QPlainTextEdit;

namespace meshlens::ui {

class InertTextBrowser;

// What the editor dialogs share for a Markdown field: the source on the left and, on the right, what readers will
// see (rendered inert). The preview follows the text, `previewDelayMs` after typing pauses (0: at every change).
// GUI thread; owned by the dialog's layout.
class MarkdownEditor final : public QSplitter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarkdownEditor)

public:
    // The names are the editor's and the preview's object names (for UI tests) and accessible names.
    MarkdownEditor(const QString &editorName, const QString &editorAccessibleName, const QString &previewName,
                   const QString &previewAccessibleName, int previewDelayMs, QWidget *parent = nullptr);

    [[nodiscard]] QPlainTextEdit *editor() const { return m_editor; }
    [[nodiscard]] QString text() const;
    // Replaces the text and shows its preview at once.
    void setText(const QString &text);

private:
    void showPreview();

    QPlainTextEdit *m_editor = nullptr;
    InertTextBrowser *m_preview = nullptr;
};

} // namespace meshlens::ui
