// libFuzzer target: the Markdown renderer for untrusted catalog text (ui::InertTextBrowser). The input is set as a
// description, laid out and painted. Invariants: no crash, no sanitizer report; no image is left in the document
// (each became text, so nothing can load one: remote, local or data:); and every link's click action follows the scheme
// policy (meshlens: internal; http, https, mailto: external after confirmation; anything else refused).

#include "ui/markdown.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextImageFormat>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using meshlens::ui::InertTextBrowser;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static QApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static InertTextBrowser browser;
    browser.resize(400, 300);
    browser.setUntrustedMarkdown(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    QTextDocument *doc = browser.document();
    doc->setTextWidth(380);
    QImage canvas(400, 300, QImage::Format_ARGB32);
    QPainter painter(&canvas);
    doc->drawContents(&painter);
    painter.end();

    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isImageFormat()) {
                std::abort(); // every image must have become text, so nothing can load it
            }
            if (format.isAnchor()) {
                // Qt 6.4 has one href per anchor (anchorHrefs() came later). Only a web link opens outside
                // (and a well-formed one: https://exa&ple.com or https:,/x are refused), only meshlens: inside.
                const QUrl url(format.anchorHref());
                const auto action = InertTextBrowser::linkAction(url);
                const QString scheme = url.scheme().toLower();
                const bool web = scheme == QLatin1String("http") || scheme == QLatin1String("https") ||
                                 scheme == QLatin1String("mailto");
                if ((action == InertTextBrowser::LinkAction::External && !web) ||
                    (action == InertTextBrowser::LinkAction::Internal && scheme != QLatin1String("meshlens"))) {
                    std::abort();
                }
            }
        }
    }
    return 0;
}
