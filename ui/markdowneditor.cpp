#include "markdowneditor.h"

#include "markdown.h"
#include "widgetfactory.h"

#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QTimer>

namespace meshlens::ui {

MarkdownEditor::MarkdownEditor(const QString &editorName, const QString &editorAccessibleName,
                               const QString &previewName, const QString &previewAccessibleName, int previewDelayMs,
                               QWidget *parent)
    : QSplitter(Qt::Horizontal, parent)
{
    m_editor = new QPlainTextEdit;
    m_editor->setObjectName(editorName);
    m_editor->setAccessibleName(editorAccessibleName);
    m_editor->setTabChangesFocus(true);
    m_preview = new InertTextBrowser;
    m_preview->setObjectName(previewName);
    m_preview->setAccessibleName(previewAccessibleName);
    addWidget(m_editor);
    addWidget(m_preview);
    if (previewDelayMs > 0) {
        auto *timer = makeDebounce(previewDelayMs, this, [this]() { showPreview(); });
        connect(m_editor, &QPlainTextEdit::textChanged, timer, qOverload<>(&QTimer::start));
    } else {
        connect(m_editor, &QPlainTextEdit::textChanged, this, &MarkdownEditor::showPreview);
    }
}

QString MarkdownEditor::text() const
{
    return m_editor->toPlainText();
}

void MarkdownEditor::setText(const QString &text)
{
    {
        const QSignalBlocker blocker(m_editor);
        m_editor->setPlainText(text);
    }
    showPreview();
}

void MarkdownEditor::showPreview()
{
    m_preview->setUntrustedMarkdown(m_editor->toPlainText());
}

} // namespace meshlens::ui
