#include "markdown.h"

#include <QDesktopServices>

namespace meshlens::ui {

InertTextBrowser::InertTextBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        const QString scheme = url.scheme().toLower();
        if (scheme == QLatin1String("meshlens")) {
            Q_EMIT internalLinkActivated(url);
        } else if (scheme == QLatin1String("http") || scheme == QLatin1String("https") ||
                   scheme == QLatin1String("mailto")) {
            QDesktopServices::openUrl(url);
        }
    });
}

void InertTextBrowser::setUntrustedMarkdown(const QString &markdown)
{
    // NoHTML: raw HTML in a description shows as text instead of becoming markup.
    document()->setMarkdown(markdown, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                                      QTextDocument::MarkdownNoHTML));
}

QVariant InertTextBrowser::loadResource(int, const QUrl &)
{
    return {};
}

} // namespace meshlens::ui
