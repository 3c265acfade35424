#pragma once

#include <QTextBrowser>

#include <functional>

namespace meshlens::ui {

// A QTextBrowser for untrusted catalog text: renders Markdown, loads no resource of any kind (an image shows as
// text naming it: no remote fetch, no local file, no data: URL decoded), and opens only http(s)/mailto links, only when
// the user clicks them, and only after showing the full target and asking. Hovering a link shows its target as the
// tooltip. GUI thread.
class InertTextBrowser final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InertTextBrowser)

public:
    explicit InertTextBrowser(QWidget *parent = nullptr);

    // What a click on a link does: meshlens: links stay in the app, http(s) with a host and mailto open in the
    // browser or mail client once confirmed, and every other scheme (javascript:, data:, file:, ...) does nothing.
    enum class LinkAction
    {
        Internal,
        External,
        Refused
    };
    [[nodiscard]] static LinkAction linkAction(const QUrl &url);

    void setUntrustedMarkdown(const QString &markdown);
    QVariant loadResource(int type, const QUrl &name) override;

    // Test seams: asked before an external link opens (default: a question naming the whole target), and what
    // opens it (default: QDesktopServices).
    std::function<bool(QWidget *parent, const QUrl &url)> confirmOpen;
    std::function<void(const QUrl &url)> openExternal;

Q_SIGNALS:
    void internalLinkActivated(const QUrl &url); // meshlens: links (e.g. to another product)

private:
    void activate(const QUrl &url);
};

} // namespace meshlens::ui
