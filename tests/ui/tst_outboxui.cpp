// The outbox in the window, driven as a user would: by objectName, actions and buttons; dialogs open non-modally,
// and the outbox page's confirmations and file prompts go through its test seams. With MESHLENS_SCREENSHOT_DIR
// set, the editor, the feedback form and the outbox page are saved there as PNGs (for the README).

#include "models/store/catalogreader.h"
#include "models/store/outbox.h"
#include "models/sync/synccontroller.h"
#include "support/appwindow.h"
#include "support/fakeoutboxpusher.h"
#include "support/testsupport.h"
#include "support/uitestsupport.h"
#include "ui/conflictdialog.h"
#include "ui/editproductdialog.h"
#include "ui/feedbackdialog.h"
#include "ui/mainwindow.h"
#include "ui/markdown.h"
#include "ui/outboxpage.h"
#include "ui/productpage.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace meshlens;
using test::find;
using test::screenshot;
using test::trigger;

class TestOutboxUi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    struct Fixture : test::AppWindow
    {
        QString dbPath, bundle;
        std::shared_ptr<test::FakeOutboxPusher> server = std::make_shared<test::FakeOutboxPusher>();

        [[nodiscard]] qint64 product(const char *ext) const
        {
            return reader->resolveProduct(QLatin1String(ext)).value_or(0);
        }
        [[nodiscard]] models::Outbox outbox() { return models::Outbox(db); }
    };

    std::unique_ptr<Fixture> makeWindow()
    {
        auto f = std::make_unique<Fixture>();
        f->dbPath = m_dir.filePath(QStringLiteral("ui%1.db").arg(++m_n));
        f->bundle = m_dir.filePath(QStringLiteral("ui%1.ndjson").arg(m_n));
        if (!test::writeFile(f->bundle, test::sampleBundle()) || !test::syncNow(f->dbPath, f->bundle).ok) {
            return nullptr;
        }
        test::FakeOutboxPusher::install(f->server);
        if (!test::openAppWindow(*f, f->dbPath)) {
            return nullptr;
        }
        f->window->resize(1200, 760);
        f->window->show();
        return f;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void cleanup() { models::OutboxDelivery::setPusherFactory({}); }

    void editDescription_showsPendingBadge_thenDelivered()
    {
        auto f = makeWindow();
        QVERIFY(f);
        QWidget *w = f->window.get();
        f->window->openProduct(f->product("sales.orders"));
        auto *badge = find<QLabel>(w, "pendingBadge");
        auto *description = find<ui::InertTextBrowser>(w, "productDescription");
        QVERIFY(badge && description);
        QVERIFY(badge->isHidden());

        trigger(w, "actionEditProduct");
        auto *dialog = find<ui::EditProductDialog>(w, "editProductDialog");
        QVERIFY(dialog);
        auto *editor = find<QPlainTextEdit>(dialog, "descriptionEditor");
        auto *preview = find<ui::InertTextBrowser>(dialog, "descriptionPreview");
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Orders from the **shop** and the app"));
        // The preview renders the Markdown as the product page will.
        QTRY_VERIFY(preview->toPlainText().contains(QLatin1String("Orders from the shop and the app")));
        find<QLineEdit>(dialog, "tagsEdit")->setText(QStringLiteral("gold, pii, certified"));
        screenshot(dialog, "editor.png");
        QTest::mouseClick(find<QPushButton>(dialog, "saveButton"), Qt::LeftButton);

        // Saved: committed to the outbox, shown at once, marked pending.
        QTRY_VERIFY(!find<ui::EditProductDialog>(w, "editProductDialog"));
        QCOMPARE(f->outbox().openCount(), 1);
        QVERIFY(!badge->isHidden());
        QVERIFY2(badge->text().contains(QLatin1String("pending")), qPrintable(badge->text()));
        QVERIFY(description->toPlainText().contains(QLatin1String("Orders from the shop and the app")));
        const auto pendingInResults = [w]() {
            auto *results = find<QTableView>(w, "resultsView");
            for (int r = 0; r < results->model()->rowCount(); ++r) {
                const QString name = results->model()->index(r, 0).data().toString();
                if (name.startsWith(QLatin1String("Order Events"))) {
                    return name.contains(QLatin1String("pending"));
                }
            }
            return false;
        };
        QTRY_VERIFY(pendingInResults()); // the search page marks it too

        // Delivered from the outbox page: the badge goes, the text stays (the source has it now).
        auto *page = f->window->outboxPage();
        auto *list = find<QTreeWidget>(page, "outboxList");
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("pending"));
        QTest::mouseClick(find<QPushButton>(page, "sendNowButton"), Qt::LeftButton);
        QTRY_VERIFY(!page->isSending());
        QTRY_VERIFY(badge->isHidden());
        QCOMPARE(list->topLevelItemCount(), 0);
        QVERIFY(!find<QLabel>(page, "outboxEmpty")->isHidden());
        QCOMPARE(f->server->applied.size(), 1);
        QVERIFY(description->toPlainText().contains(QLatin1String("Orders from the shop and the app")));
        QCOMPARE(f->outbox().items().first().state, QStringLiteral("delivered"));
        QTRY_VERIFY(!pendingInResults());
    }

    void undoBeforeDelivery_restoresTheCatalogText()
    {
        auto f = makeWindow();
        QVERIFY(f);
        QWidget *w = f->window.get();
        f->window->openProduct(f->product("finance.revenue"));
        trigger(w, "actionEditProduct");
        auto *dialog = find<ui::EditProductDialog>(w, "editProductDialog");
        QVERIFY(dialog);
        find<QLineEdit>(dialog, "displayNameEdit")->setText(QStringLiteral("Revenue per Day"));
        QVERIFY(dialog->save());
        auto *title = find<QLabel>(w, "productTitle");
        QCOMPARE(title->text(), QStringLiteral("Revenue per Day"));
        trigger(w, "actionUndoEdit");
        QCOMPARE(title->text(), QStringLiteral("Daily Revenue"));
        QVERIFY(find<QLabel>(w, "pendingBadge")->isHidden());
        QCOMPARE(f->outbox().openCount(), 0);
    }

    void invalidEdit_showsMessages_queuesNothing()
    {
        auto f = makeWindow();
        QVERIFY(f);
        QWidget *w = f->window.get();
        f->window->openProduct(f->product("finance.revenue"));
        trigger(w, "actionEditProduct");
        auto *dialog = find<ui::EditProductDialog>(w, "editProductDialog");
        find<QLineEdit>(dialog, "ownersEdit")->setText(QStringLiteral("nobody@example.com"));
        find<QLineEdit>(dialog, "sla_availability")->setText(QStringLiteral("ninety"));
        QVERIFY(!dialog->save());
        auto *errors = find<QLabel>(dialog, "validationErrors");
        QVERIFY(!errors->isHidden());
        QVERIFY2(errors->text().contains(QLatin1String("Unknown person")), qPrintable(errors->text()));
        QVERIFY(errors->text().contains(QLatin1String("must be a number")));
        QCOMPARE(f->outbox().openCount(), 0);
        dialog->reject();
    }

    void feedback_invalidShowsMessages_validIsQueued()
    {
        auto f = makeWindow();
        QVERIFY(f);
        QWidget *w = f->window.get();
        f->window->openProduct(f->product("sales.orders"));
        trigger(w, "actionGiveFeedback");
        auto *dialog = find<ui::FeedbackDialog>(w, "feedbackDialog");
        QVERIFY(dialog);
        find<QLineEdit>(dialog, "contactEdit")->setText(QStringLiteral("not an address"));
        QTest::mouseClick(find<QPushButton>(dialog, "submitButton"), Qt::LeftButton);
        auto *errors = find<QLabel>(dialog, "validationErrors");
        QVERIFY(!errors->isHidden());
        for (const char *expected :
             {"Choose a category", "rating from 1 to 5", "title", "Write a message", "contact"}) {
            QVERIFY2(errors->text().contains(QLatin1String(expected)), expected);
        }
        QCOMPARE(f->outbox().openCount(), 0);                   // nothing queued
        QVERIFY(find<ui::FeedbackDialog>(w, "feedbackDialog")); // still open, nothing lost

        // Half filled in: only what is still wrong is listed.
        find<QLineEdit>(dialog, "titleEdit")->setText(QStringLiteral("Amounts doubled on 17 Nov"));
        QTest::keyClicks(find<QPlainTextEdit>(dialog, "messageEdit"),
                         QStringLiteral("Every order of **17 Nov** appears twice in `amount_eur`."));
        auto *link = find<QComboBox>(dialog, "linkCombo");
        link->setCurrentIndex(link->findData(QStringLiteral("column:orders_v2.amount_eur")));
        QVERIFY(link->currentIndex() > 0);
        QTest::mouseClick(find<QPushButton>(dialog, "submitButton"), Qt::LeftButton);
        QVERIFY(errors->text().contains(QLatin1String("Choose a category")));
        QVERIFY(!errors->text().contains(QLatin1String("title")));
        QVERIFY(!errors->text().contains(QLatin1String("Write a message")));
        screenshot(dialog, "feedback.png");
        QCOMPARE(f->outbox().openCount(), 0);

        auto *category = find<QComboBox>(dialog, "categoryCombo");
        category->setCurrentIndex(category->findData(QStringLiteral("data_issue")));
        find<QSpinBox>(dialog, "ratingSpin")->setValue(2);
        find<QLineEdit>(dialog, "contactEdit")->setText(QStringLiteral("ada@example.com"));
        QTest::mouseClick(find<QPushButton>(dialog, "submitButton"), Qt::LeftButton);
        QTRY_VERIFY(!find<ui::FeedbackDialog>(w, "feedbackDialog"));
        const auto items = f->outbox().items();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().kind, QStringLiteral("feedback"));
        const auto fb = models::Outbox::feedbackFromJson(items.first().payload);
        QCOMPARE(fb.linkRef, QStringLiteral("orders_v2.amount_eur"));
        QCOMPARE(fb.rating, 2);

        // "My feedback" lists it with its state; a reply shows once delivered.
        f->server->reply = QStringLiteral("Fixed in tonight's run, thanks!");
        auto *page = f->window->outboxPage();
        find<QComboBox>(page, "outboxFilter")->setCurrentIndex(1);
        auto *list = find<QTreeWidget>(page, "outboxList");
        QCOMPARE(list->topLevelItemCount(), 1);
        page->sendNow();
        QTRY_VERIFY(!page->isSending());
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("delivered"));
        QVERIFY(list->topLevelItem(0)->text(4).contains(QLatin1String("Fixed in tonight's run")));
    }

    void feedbackDraft_keptWhenTheFormCloses()
    {
        auto f = makeWindow();
        QVERIFY(f);
        QWidget *w = f->window.get();
        f->window->openProduct(f->product("sales.orders"));
        trigger(w, "actionGiveFeedback");
        auto *dialog = find<ui::FeedbackDialog>(w, "feedbackDialog");
        find<QLineEdit>(dialog, "titleEdit")->setText(QStringLiteral("Half-written"));
        find<QPlainTextEdit>(dialog, "messageEdit")->setPlainText(QStringLiteral("I was saying"));
        dialog->close();
        QTRY_VERIFY(!find<ui::FeedbackDialog>(w, "feedbackDialog"));
        QCOMPARE(f->outbox().openCount(), 0);
        trigger(w, "actionGiveFeedback");
        dialog = find<ui::FeedbackDialog>(w, "feedbackDialog");
        QVERIFY(dialog);
        QCOMPARE(find<QLineEdit>(dialog, "titleEdit")->text(), QStringLiteral("Half-written"));
        QCOMPARE(find<QPlainTextEdit>(dialog, "messageEdit")->toPlainText(), QStringLiteral("I was saying"));
        dialog->reject();
    }

    void conflictAfterSync_resolvedInThreeWayView()
    {
        auto f = makeWindow();
        QVERIFY(f);
        QWidget *w = f->window.get();
        models::ProductEdit mine;
        mine.description = QStringLiteral("Mine.");
        mine.addTags = {QStringLiteral("certified")};
        const QString id = f->outbox().queueEdit(f->product("sales.orders"), mine, 1763700000).id;
        QVERIFY(!id.isEmpty());
        // Beside it, feedback the source could not take yet: it waits, with the error, for its retry.
        models::Feedback fb{QStringLiteral("documentation"),
                            3,
                            QStringLiteral("Explain amount_eur rounding"),
                            QStringLiteral("Is it rounded per line or per order?"),
                            {},
                            {},
                            {}};
        QVERIFY(f->outbox().queueFeedback(f->product("finance.revenue"), fb, 1763700001).ok());
        f->server->reachable = false;
        auto *page = f->window->outboxPage();
        page->sendNow();
        QTRY_VERIFY(!page->isSending());
        f->server->reachable = true;
        // The source moves on: new version, new description, and it drops the "pii" tag.
        QByteArray newer = test::sampleBundle();
        newer.replace("\"version\":\"2.1.0\",\"updated_at\":1763600000",
                      "\"version\":\"2.2.0\",\"updated_at\":1763700000");
        newer.replace("All **orders** placed in the web shop.", "Theirs.");
        newer.replace("\"tags\":[\"pii\",\"gold\"]", "\"tags\":[\"gold\"]");
        QVERIFY(test::writeFile(f->bundle, newer));
        f->window->syncNow(f->bundle);
        QTRY_VERIFY(!f->sync->isRunning());
        QCOMPARE(f->outbox().item(id)->state, QStringLiteral("conflict"));

        auto *list = find<QTreeWidget>(page, "outboxList");
        QTRY_COMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("CONFLICT"));
        QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("pending (retrying)"));
        QVERIFY(list->topLevelItem(1)->text(4).contains(QLatin1String("connection refused")));
        QVERIFY(f->window->showPageTitled(QStringLiteral("Outbox")));
        QCOMPARE(find<QStackedWidget>(w, "pages")->currentWidget(), page);
        list->topLevelItem(0)->setSelected(true);
        screenshot(w, "outbox.png");
        QTest::mouseClick(find<QPushButton>(page, "resolveButton"), Qt::LeftButton);
        auto *dialog = find<ui::ConflictDialog>(page, "conflictDialog");
        QVERIFY(dialog);
        QCOMPARE(find<QPlainTextEdit>(dialog, "base_description")->toPlainText(),
                 QStringLiteral("All **orders** placed in the web shop."));
        QCOMPARE(find<QPlainTextEdit>(dialog, "theirs_description")->toPlainText(), QStringLiteral("Theirs."));
        QCOMPARE(find<QPlainTextEdit>(dialog, "mine_description")->toPlainText(), QStringLiteral("Mine."));
        // Sets merge: theirs (gold) + my addition (certified); their removal of pii stands.
        QCOMPARE(find<QLineEdit>(dialog, "mergedTags")->text(), QStringLiteral("gold, certified"));
        find<QPlainTextEdit>(dialog, "result_description")->setPlainText(QStringLiteral("Theirs, and mine."));
        screenshot(dialog, "conflict.png");
        QTest::mouseClick(find<QPushButton>(dialog, "resolveButton"), Qt::LeftButton);
        QTRY_VERIFY(!find<ui::ConflictDialog>(page, "conflictDialog"));
        const auto item = f->outbox().item(id);
        QCOMPARE(item->state, QStringLiteral("pending"));
        QCOMPARE(item->baseVersion, QStringLiteral("2.2.0@1763700000"));
        const auto edit = models::Outbox::editFromJson(item->payload);
        QCOMPARE(edit.description, std::optional<QString>(QStringLiteral("Theirs, and mine.")));
        QCOMPARE(edit.addTags, QStringList{QStringLiteral("certified")});
        QVERIFY(edit.removeTags.isEmpty());
    }

    void discardAsksFirst_exportDeliversOnlyWhenConfirmed()
    {
        auto f = makeWindow();
        QVERIFY(f);
        models::OutboxDelivery::setPusherFactory({}); // the bundle source takes no writes: export is the way
        models::ProductEdit e;
        e.addTags = {QStringLiteral("certified")};
        QVERIFY(f->outbox().queueEdit(f->product("sales.orders"), e, 1763700000).ok());
        e.addTags = {QStringLiteral("finance-approved")};
        QVERIFY(f->outbox().queueEdit(f->product("finance.revenue"), e, 1763700001).ok());
        models::Feedback fb{QStringLiteral("question"),
                            4,
                            QStringLiteral("Which timezone?"),
                            QStringLiteral("Are days in UTC?"),
                            {},
                            {},
                            {}};
        QVERIFY(f->outbox().queueFeedback(f->product("finance.revenue"), fb, 1763700002).ok());
        auto *page = f->window->outboxPage();
        page->refresh();
        auto *list = find<QTreeWidget>(page, "outboxList");
        QCOMPARE(list->topLevelItemCount(), 3);

        bool answer = false;
        QString asked;
        page->setConfirm([&](QWidget *, const QString &question) {
            asked = question;
            return answer;
        });
        list->topLevelItem(0)->setSelected(true);
        QTest::mouseClick(find<QPushButton>(page, "discardButton"), Qt::LeftButton);
        QVERIFY(asked.contains(QLatin1String("Discard")));
        QCOMPARE(list->topLevelItemCount(), 3); // said no
        answer = true;
        QTest::mouseClick(find<QPushButton>(page, "discardButton"), Qt::LeftButton);
        QCOMPARE(list->topLevelItemCount(), 2);

        // Send now: nothing can go to a bundle; the page says to export.
        page->sendNow();
        QTRY_VERIFY(!page->isSending());
        QVERIFY(find<QLabel>(page, "outboxStatus")->text().contains(QLatin1String("Export")));
        QCOMPARE(f->outbox().openCount(), 2);

        const QString file = m_dir.filePath(QStringLiteral("export.json"));
        page->setSavePathPrompt([&](QWidget *) { return file; });
        answer = false; // exported, not yet confirmed
        QTest::mouseClick(find<QPushButton>(page, "exportButton"), Qt::LeftButton);
        QVERIFY(QFile::exists(file));
        QCOMPARE(f->outbox().openCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("exported, awaiting confirmation"));
        answer = true;
        QTest::mouseClick(find<QPushButton>(page, "exportButton"), Qt::LeftButton);
        QCOMPARE(f->outbox().openCount(), 0);
        QCOMPARE(list->topLevelItemCount(), 0);
    }
};

QTEST_MAIN(TestOutboxUi)
#include "tst_outboxui.moc"
