#pragma once

#include <QTextBrowser>

namespace meshlens::ui {

// A QTextBrowser for untrusted catalog text: renders Markdown, loads no resource of any kind (no remote images,
// no local files an <img> could name), and opens only http(s)/mailto links, and only when the user clicks them.
class InertTextBrowser final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InertTextBrowser)

public:
    explicit InertTextBrowser(QWidget *parent = nullptr);

    void setUntrustedMarkdown(const QString &markdown);
    QVariant loadResource(int type, const QUrl &name) override;

Q_SIGNALS:
    void internalLinkActivated(const QUrl &url); // meshlens: links (e.g. to another product)
};

} // namespace meshlens::ui
