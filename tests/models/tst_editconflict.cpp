// EditConflict: an outbox edit in conflict read as values (base, theirs, mine per field and set), the 3-way set
// merge, and the resolution as a change against the source's current values.

#include "models/store/editconflict.h"

#include <QJsonArray>
#include <QTest>

using namespace meshlens;
using models::EditConflict;

class TestEditConflict final : public QObject
{
    Q_OBJECT

    // An edit made against `base` (description "old", tags a b, ada owner) that changes the description, adds tag
    // c, removes tag a and adds bob as steward; meanwhile the source set the description to "theirs", added tag d
    // and made team t-x an owner.
    static models::OutboxItem conflictItem()
    {
        models::ProductEdit edit;
        edit.description = QStringLiteral("mine");
        edit.addTags = {QStringLiteral("c")};
        edit.removeTags = {QStringLiteral("a")};
        edit.addParties = {{QStringLiteral("steward"), QStringLiteral("person"), QStringLiteral("bob")}};
        models::OutboxItem item;
        item.id = QStringLiteral("item-1");
        item.kind = QStringLiteral("edit");
        item.state = QStringLiteral("conflict");
        item.lastError = QStringLiteral("the source changed");
        item.payload = models::Outbox::editToJson(edit);
        const QJsonObject ada{{QStringLiteral("role"), QStringLiteral("owner")},
                              {QStringLiteral("kind"), QStringLiteral("person")},
                              {QStringLiteral("id"), QStringLiteral("ada")}};
        const QJsonObject team{{QStringLiteral("role"), QStringLiteral("owner")},
                               {QStringLiteral("kind"), QStringLiteral("team")},
                               {QStringLiteral("id"), QStringLiteral("t-x")}};
        item.payload.insert(QStringLiteral("base"),
                            QJsonObject{{QStringLiteral("description"), QStringLiteral("old")},
                                        {QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
                                        {QStringLiteral("parties"), QJsonArray{ada}}});
        item.theirs = QJsonObject{
            {QStringLiteral("description"), QStringLiteral("theirs")},
            {QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("d")}},
            {QStringLiteral("parties"), QJsonArray{ada, team}}};
        return item;
    }

private Q_SLOTS:
    void mergeSets_keepsTheirsAddsMineDropsMyRemovals_data()
    {
        QTest::addColumn<QStringList>("base");
        QTest::addColumn<QStringList>("theirs");
        QTest::addColumn<QStringList>("mine");
        QTest::addColumn<QStringList>("merged");
        const auto l = [](const char *s) { return QString::fromLatin1(s).split(QLatin1Char(' '), Qt::SkipEmptyParts); };
        QTest::newRow("nothing changed") << l("a b") << l("a b") << l("a b") << l("a b");
        QTest::newRow("both added") << l("a") << l("a t") << l("a m") << l("a t m");
        QTest::newRow("I removed, they kept") << l("a b") << l("a b") << l("b") << l("b");
        QTest::newRow("they removed, I kept") << l("a b") << l("b") << l("a b") << l("b");
        QTest::newRow("both added the same") << l("") << l("x") << l("x") << l("x");
    }
    void mergeSets_keepsTheirsAddsMineDropsMyRemovals()
    {
        QFETCH(QStringList, base);
        QFETCH(QStringList, theirs);
        QFETCH(QStringList, mine);
        QFETCH(QStringList, merged);
        QCOMPARE(EditConflict::mergeSets(base, theirs, mine), merged);
    }

    void fromItem_readsTheThreeSidesOfWhatTheEditTouches()
    {
        const EditConflict c = EditConflict::fromItem(conflictItem());
        QCOMPARE(c.outboxId, QStringLiteral("item-1"));
        QCOMPARE(c.message, QStringLiteral("the source changed"));
        QCOMPARE(c.texts.size(), 1); // only the description: the edit touches no other text field
        QCOMPARE(c.texts[0].field, QStringLiteral("description"));
        QCOMPARE(c.texts[0].base, QStringLiteral("old"));
        QCOMPARE(c.texts[0].theirs, QStringLiteral("theirs"));
        QCOMPARE(c.texts[0].mine, QStringLiteral("mine"));
        QVERIFY(c.tags);
        QCOMPARE(c.tags->mine, (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(c.tags->merged(), (QStringList{QStringLiteral("b"), QStringLiteral("d"), QStringLiteral("c")}));
        QVERIFY(c.parties);
        QCOMPARE(c.parties->theirs, (QStringList{QStringLiteral("owner:ada"), QStringLiteral("owner:t-x")}));
        QCOMPARE(c.parties->merged(), (QStringList{QStringLiteral("owner:ada"), QStringLiteral("owner:t-x"),
                                                   QStringLiteral("steward:bob")}));
    }

    void resolution_isAChangeAgainstTheirs()
    {
        const EditConflict c = EditConflict::fromItem(conflictItem());
        // Keeping theirs for the description sends no description; the merged sets differ from theirs by c, -a, bob,
        // and dropping t-x removes it with the kind the source has.
        const models::ProductEdit kept =
            c.resolution({{QStringLiteral("description"), QStringLiteral("theirs")}}, c.tags->merged(),
                         QStringList{QStringLiteral("owner:ada"), QStringLiteral("steward:bob")});
        QVERIFY(!kept.description);
        QCOMPARE(kept.addTags, QStringList{QStringLiteral("c")});
        QCOMPARE(kept.removeTags, QStringList{QStringLiteral("a")});
        QCOMPARE(kept.addParties.size(), 1);
        QCOMPARE(kept.addParties[0].extId, QStringLiteral("bob"));
        QCOMPARE(kept.removeParties.size(), 1);
        QCOMPARE(kept.removeParties[0],
                 (models::PartyRef{QStringLiteral("owner"), QStringLiteral("team"), QStringLiteral("t-x")}));

        const models::ProductEdit mine =
            c.resolution({{QStringLiteral("description"), QStringLiteral("mine")}}, std::nullopt, std::nullopt);
        QCOMPARE(mine.description.value_or(QString()), QStringLiteral("mine"));
        QVERIFY(mine.addTags.isEmpty() && mine.removeParties.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEditConflict)
#include "tst_editconflict.moc"
