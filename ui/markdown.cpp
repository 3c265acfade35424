#include "markdown.h"

#include <QDesktopServices>
#include <QMessageBox>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>

namespace meshlens::ui {

InertTextBrowser::InertTextBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, &InertTextBrowser::activate);
    // The target is visible before any click: a link's text may say something else than where it goes.
    connect(this, &QTextBrowser::highlighted, this,
            [this](const QUrl &url) { setToolTip(url.isEmpty() ? QString() : url.toDisplayString()); });
}

InertTextBrowser::LinkAction InertTextBrowser::linkAction(const QUrl &url)
{
    if (!url.isValid()) {
        return LinkAction::Refused;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("meshlens")) {
        return LinkAction::Internal;
    }
    if ((scheme == QLatin1String("http") || scheme == QLatin1String("https")) && !url.host().isEmpty()) {
        return LinkAction::External;
    }
    if (scheme == QLatin1String("mailto") && !url.path().isEmpty()) {
        return LinkAction::External;
    }
    return LinkAction::Refused;
}

void InertTextBrowser::activate(const QUrl &url)
{
    switch (linkAction(url)) {
    case LinkAction::Internal:
        Q_EMIT internalLinkActivated(url);
        return;
    case LinkAction::Refused:
        return;
    case LinkAction::External:
        break;
    }
    const bool confirmed =
        confirmOpen
            ? confirmOpen(this, url)
            : QMessageBox::question(this, tr("Open Link"),
                                    tr("Open this link outside MeshLens?\n\n%1").arg(url.toDisplayString()),
                                    QMessageBox::Open | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Open;
    if (!confirmed) {
        return;
    }
    if (openExternal) {
        openExternal(url);
    } else {
        QDesktopServices::openUrl(url);
    }
}

void InertTextBrowser::setUntrustedMarkdown(const QString &markdown)
{
    // NoHTML: raw HTML in a description shows as text instead of becoming markup.
    QTextDocument *doc = document();
    doc->setMarkdown(markdown, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                               QTextDocument::MarkdownNoHTML));
    // Images become text naming them. loadResource alone cannot stop a load: when it gives nothing, Qt's image
    // handler reads the named path itself (a local file, or a device or FIFO that never answers).
    struct Image
    {
        int position = 0, length = 0;
        QString name;
    };
    QList<Image> images;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().isImageFormat()) {
                images.append({fragment.position(), fragment.length(), fragment.charFormat().toImageFormat().name()});
            }
        }
    }
    QTextCharFormat shown;
    shown.setFontItalic(true);
    for (auto image = images.crbegin(); image != images.crend(); ++image) {
        QTextCursor cursor(doc);
        cursor.setPosition(image->position);
        cursor.setPosition(image->position + image->length, QTextCursor::KeepAnchor);
        cursor.insertText(tr("[image not shown: %1]").arg(image->name.left(200)), shown);
    }
}

QVariant InertTextBrowser::loadResource(int, const QUrl &)
{
    // Empty, but not a null QVariant: when the view's loader returns null, QTextDocument::loadResource goes on to
    // decode data: URLs and to read local files itself, so null would still load `![x](/home/me/.ssh/id_rsa)`.
    return QVariant(QByteArray());
}

} // namespace meshlens::ui
