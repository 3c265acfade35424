// ui::InertTextBrowser renders other people's Markdown (descriptions, column comments, feedback) inert: raw HTML
// shows as text, no resource is ever loaded (a remote image is never fetched: a local server sees no connection),
// and a link opens only on a click, only for http/https/mailto, and only after its whole target was shown.

#include "ui/markdown.h"

#include <QBuffer>
#include <QImage>
#include <QPixmap>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>

#include <sys/stat.h>

using meshlens::ui::InertTextBrowser;

namespace {

// Every link target in the rendered document.
QStringList anchors(const QTextDocument *doc)
{
    QStringList out;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (f.isAnchor()) {
                out << f.anchorHref();
            }
        }
    }
    return out;
}

// Whether the document holds anything for an image it names (bytes, an image or a pixmap).
bool loaded(QTextDocument *doc, const QString &name)
{
    const QVariant v = doc->resource(QTextDocument::ImageResource, QUrl(name));
    switch (v.typeId()) {
    case QMetaType::QByteArray:
        return !v.toByteArray().isEmpty();
    case QMetaType::QImage:
        return !v.value<QImage>().isNull();
    case QMetaType::QPixmap:
        return !v.value<QPixmap>().isNull();
    default:
        return v.isValid() && !v.isNull();
    }
}

} // namespace

class TestInertTextBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rawHtml_isShownAsText_neverMarkup_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("shown");
        QTest::newRow("script") << "Orders <script>alert(document.cookie)</script>"
                                << "<script>";
        QTest::newRow("img onerror") << "<img src=x onerror=alert(1)>"
                                     << "onerror";
        QTest::newRow("iframe") << "<iframe src=\"https://evil.example/\"></iframe>"
                                << "<iframe";
        QTest::newRow("style") << "<style>body{display:none}</style>"
                               << "<style>";
        QTest::newRow("anchor") << "<a href=\"javascript:alert(1)\">click</a>"
                                << "javascript:";
        QTest::newRow("object") << "<object data=\"file:///etc/passwd\"></object>"
                                << "<object";
    }
    void rawHtml_isShownAsText_neverMarkup()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, shown);
        InertTextBrowser browser;
        browser.setUntrustedMarkdown(markdown);
        QVERIFY2(browser.toPlainText().contains(shown), qPrintable(browser.toPlainText()));
        const QString html = browser.toHtml();
        for (const char *tag : {"<script", "<iframe", "<style>body", "<object", "<img"}) {
            QVERIFY2(!html.contains(QLatin1String(tag), Qt::CaseInsensitive), qPrintable(html));
        }
        QVERIFY(anchors(browser.document()).isEmpty()); // an <a> in raw HTML is no link
    }

    void images_areNeverLoaded_remoteOrLocalOrData()
    {
        // A real image in a local file, which Qt's own fallback would read; a data: URL of another, which it would
        // decode; and a real server on 127.0.0.1, where a fetch would show as a connection.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QImage red(8, 8, QImage::Format_RGB32);
        red.fill(Qt::red);
        const QString local = dir.filePath(QStringLiteral("secret.png"));
        QVERIFY(red.save(local));
        QByteArray png;
        QBuffer buffer(&png);
        QVERIFY(buffer.open(QIODevice::WriteOnly) && red.save(&buffer, "PNG"));
        const QString data = QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const QString remote = QStringLiteral("http://127.0.0.1:%1/track.png").arg(server.serverPort());

        // A FIFO nobody writes to: reading it as an image would block the GUI thread for ever.
        const QString fifo = dir.filePath(QStringLiteral("stall"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QStringList names{remote,
                                local,
                                QUrl::fromLocalFile(local).toString(),
                                data,
                                QStringLiteral("qrc:/meshlens/icons/meshlens.svg"),
                                fifo};
        QString markdown = QStringLiteral("# Orders\n\n");
        for (const QString &name : names) {
            markdown += QStringLiteral("![img](%1) ").arg(name);
        }
        InertTextBrowser browser;
        browser.resize(500, 400);
        browser.setUntrustedMarkdown(markdown);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QCoreApplication::processEvents();
        QTest::qWait(100); // time for a fetch to start, if anything were to start one
        QVERIFY(!server.hasPendingConnections());
        for (const QString &name : names) {
            QVERIFY2(!loaded(browser.document(), name), qPrintable(name.left(80)));
        }
        // What was there is said in words, not shown.
        QVERIFY2(browser.toPlainText().contains(QStringLiteral("[image not shown: %1]").arg(remote)),
                 qPrintable(browser.toPlainText()));
    }

    void linkAction_opensOnlyWebAndMailLinks_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("action");
        const int internal = int(InertTextBrowser::LinkAction::Internal);
        const int external = int(InertTextBrowser::LinkAction::External);
        const int refused = int(InertTextBrowser::LinkAction::Refused);
        QTest::newRow("https") << "https://example.com/docs?x=1" << external;
        QTest::newRow("http") << "http://example.com/" << external;
        QTest::newRow("HTTPS upper case") << "HTTPS://EXAMPLE.COM/" << external;
        QTest::newRow("mailto") << "mailto:ada@example.com" << external;
        QTest::newRow("meshlens") << "meshlens://product/sales.orders" << internal;
        QTest::newRow("javascript") << "javascript:alert(1)" << refused;
        QTest::newRow("JavaScript mixed case") << "JaVaScRiPt:alert(1)" << refused;
        QTest::newRow("vbscript") << "vbscript:msgbox(1)" << refused;
        QTest::newRow("data html") << "data:text/html,<script>alert(1)</script>" << refused;
        QTest::newRow("data image") << "data:image/png;base64,AAAA" << refused;
        QTest::newRow("file") << "file:///etc/passwd" << refused;
        QTest::newRow("ftp") << "ftp://example.com/x" << refused;
        QTest::newRow("smb") << "smb://server/share" << refused;
        QTest::newRow("relative") << "../../etc/passwd" << refused;
        QTest::newRow("http without host") << "http:/path" << refused;
        QTest::newRow("empty mailto") << "mailto:" << refused;
        // What fuzz_markdown met: web links too malformed to name a host are refused, never opened.
        QTest::newRow("https with a broken host") << "https://exa&ple.com" << refused;
        QTest::newRow("https with no authority") << "https:,/example.com" << refused;
        QTest::newRow("https with invalid UTF-8 host") << "https://examp\xef\xbf\xbduto" << refused;
    }
    void linkAction_opensOnlyWebAndMailLinks()
    {
        QFETCH(QString, url);
        QFETCH(int, action);
        QCOMPARE(int(InertTextBrowser::linkAction(QUrl(url))), action);
    }

    void click_showsTheWholeTargetFirst_andOpensOnlyWhenConfirmed()
    {
        InertTextBrowser browser;
        // The link's text claims one place, its target is another: the confirmation names the target.
        browser.setUntrustedMarkdown(QStringLiteral("[https://docs.example.com](https://evil.example/login) "
                                                    "[mail](mailto:ada@example.com) [js](javascript:alert(1)) "
                                                    "[data](data:text/html,x) [file](file:///etc/passwd)"));
        const QStringList links = anchors(browser.document());
        QCOMPARE(links.size(), 5);
        QList<QUrl> asked, opened;
        bool answer = false;
        browser.confirmOpen = [&](QWidget *, const QUrl &url) {
            asked << url;
            return answer;
        };
        browser.openExternal = [&](const QUrl &url) { opened << url; };

        // Hovering shows the target before any click.
        Q_EMIT browser.highlighted(QUrl(links[0]));
        QCOMPARE(browser.toolTip(), QStringLiteral("https://evil.example/login"));
        Q_EMIT browser.highlighted(QUrl());
        QVERIFY(browser.toolTip().isEmpty());

        Q_EMIT browser.anchorClicked(QUrl(links[0])); // declined
        QCOMPARE(asked, QList<QUrl>{QUrl(QStringLiteral("https://evil.example/login"))});
        QVERIFY(opened.isEmpty());

        answer = true;
        for (const QString &link : links) {
            Q_EMIT browser.anchorClicked(QUrl(link));
        }
        const QList<QUrl> web{QUrl(QStringLiteral("https://evil.example/login")),
                              QUrl(QStringLiteral("mailto:ada@example.com"))};
        QCOMPARE(opened, web); // javascript:, data: and file: were neither asked about nor opened
        QCOMPARE(asked.mid(1), web);
    }

    void meshlensLinks_stayInTheApp_withoutAsking()
    {
        InertTextBrowser browser;
        bool asked = false;
        browser.confirmOpen = [&](QWidget *, const QUrl &) { return asked = true; };
        browser.openExternal = [](const QUrl &) { QFAIL("a meshlens: link must not leave the app"); };
        QSignalSpy internal(&browser, &InertTextBrowser::internalLinkActivated);
        Q_EMIT browser.anchorClicked(QUrl(QStringLiteral("meshlens://product/sales.orders")));
        QCOMPARE(internal.size(), 1);
        QVERIFY(!asked);
    }
};

QTEST_MAIN(TestInertTextBrowser)
#include "tst_inerttextbrowser.moc"
