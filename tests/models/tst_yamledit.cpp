#include "models/sources/contracts/yamledit.h"
#include "support/testsupport.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace meshlens;
using models::YamlEditOp;
using models::YamlEditor;

namespace {

QString fullExamplePath()
{
    return test::fixturesDir() + QStringLiteral("/contracts/odcs/full-example.odcs.yaml");
}

// Every scalar leaf's path, in document order.
void leaves(const YAML::Node &n, const QString &path, QStringList &out)
{
    if (n.IsMap()) {
        for (auto it = n.begin(); it != n.end(); ++it) {
            const QString key = QString::fromStdString(it->first.Scalar());
            if (key.contains(QLatin1Char('.')) || key.contains(QLatin1Char('['))) {
                continue; // not expressible as a path
            }
            leaves(it->second, path.isEmpty() ? key : path + QLatin1Char('.') + key, out);
        }
    } else if (n.IsSequence()) {
        for (size_t i = 0; i < n.size(); ++i) {
            leaves(n[i], path + QStringLiteral("[%1]").arg(i), out);
        }
    } else if (n.IsScalar()) {
        out << path;
    }
}

std::string read(const QByteArray &text, const QString &path)
{
    YAML::Node n = YAML::Load(text.toStdString());
    for (const QString &part : path.split(QLatin1Char('.'))) {
        n.reset(n[part.toStdString()]);
    }
    return n.Scalar();
}

} // namespace

class TestYamlEdit final : public QObject
{
    Q_OBJECT

private slots:
    void description_changesOnlyItsLine()
    {
        const QByteArray original = test::readFile(fullExamplePath());
        QVERIFY(!original.isEmpty());
        YamlEditor ed(original);
        QVERIFY(!ed.error());
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("description.purpose"), QStringLiteral("Sales views"))),
                 std::nullopt);
        QCOMPARE(test::lineDiff(original, ed.text()),
                 QStringList({QStringLiteral("-15   purpose: Views built on top of the seller tables."),
                              QStringLiteral("+15   purpose: Sales views")}));
        QCOMPARE(read(ed.text(), QStringLiteral("description.purpose")), std::string("Sales views"));
    }

    void descriptionAndTag_changeOnlyThoseLines()
    {
        const QByteArray original = test::readFile(fullExamplePath());
        YamlEditor ed(original);
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("description.purpose"), QStringLiteral("Sales views"))),
                 std::nullopt);
        QCOMPARE(ed.apply(YamlEditOp::add(QStringLiteral("tags"), QStringLiteral("sales"))), std::nullopt);
        QCOMPARE(test::lineDiff(original, ed.text()),
                 QStringList({QStringLiteral("-15   purpose: Views built on top of the seller tables."),
                              QStringLiteral("+15   purpose: Sales views"), QStringLiteral("+320   - sales")}));
        // Comments, including the ones around the edits, are all still there.
        for (const QByteArray &line : original.split('\n')) {
            if (line.contains('#')) {
                QVERIFY2(ed.text().contains(line), line.constData());
            }
        }
        const YAML::Node doc = YAML::Load(ed.text().toStdString());
        QCOMPARE(doc["tags"].size(), size_t(2));
        QCOMPARE(doc["tags"][1].as<std::string>(), std::string("sales"));
        // Adding the same tag again changes nothing.
        const QByteArray once = ed.text();
        QCOMPARE(ed.apply(YamlEditOp::add(QStringLiteral("tags"), QStringLiteral("sales"))), std::nullopt);
        QCOMPARE(ed.text(), once);
    }

    void quotingAndTrailingComments_areKept()
    {
        const QByteArray original = test::readFile(fullExamplePath());
        YamlEditor ed(original);
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("support[0].channel"), QStringLiteral("#sales-help"))),
                 std::nullopt);
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("team.members[0].dateIn"), QStringLiteral("2022-08-03"))),
                 std::nullopt);
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("dataProduct"), QStringLiteral("my sales"))), std::nullopt);
        QCOMPARE(test::lineDiff(original, ed.text()),
                 QStringList({QStringLiteral("-3 dataProduct: my quantum # Data product name"),
                              QStringLiteral("+3 dataProduct: my sales # Data product name"),
                              QStringLiteral("-237       dateIn: \"2022-08-02\""),
                              QStringLiteral("+237       dateIn: \"2022-08-03\""),
                              QStringLiteral("-301   - channel: '#product-help' # Simple Slack communication channel"),
                              QStringLiteral("+301   - channel: '#sales-help' # Simple Slack communication channel")}));
    }

    void values_areQuotedWhenTheyNeedIt_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("line");
        const int str = int(YamlEditOp::Type::String), any = int(YamlEditOp::Type::Auto);
        QTest::newRow("plain") << QStringLiteral("Sales") << str << QStringLiteral("  purpose: Sales");
        QTest::newRow("number as string") << QStringLiteral("42") << str << QStringLiteral("  purpose: '42'");
        QTest::newRow("number as typed") << QStringLiteral("42") << any << QStringLiteral("  purpose: 42");
        QTest::newRow("bool") << QStringLiteral("yes") << str << QStringLiteral("  purpose: 'yes'");
        QTest::newRow("colon") << QStringLiteral("a: b") << str << QStringLiteral("  purpose: 'a: b'");
        QTest::newRow("hash") << QStringLiteral("a #b") << str << QStringLiteral("  purpose: 'a #b'");
        QTest::newRow("apostrophe") << QStringLiteral("'x' it's") << str << QStringLiteral("  purpose: '''x'' it''s'");
        QTest::newRow("control") << QStringLiteral("a\tb") << str << QStringLiteral("  purpose: \"a\\tb\"");
        QTest::newRow("delete and C1") << QStringLiteral("a\u007fb\u0085c") << str
                                       << QStringLiteral("  purpose: \"a\\x7fb\\x85c\"");
        QTest::newRow("empty") << QString() << str << QStringLiteral("  purpose: ''");
        QTest::newRow("unicode") << QStringLiteral("Vente \u00e9t\u00e9") << str
                                 << QStringLiteral("  purpose: Vente \u00e9t\u00e9");
    }
    void values_areQuotedWhenTheyNeedIt()
    {
        QFETCH(QString, value);
        QFETCH(int, type);
        QFETCH(QString, line);
        const QByteArray original = test::readFile(fullExamplePath());
        YamlEditor ed(original);
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("description.purpose"), value, YamlEditOp::Type(type))),
                 std::nullopt);
        const QStringList diff = test::lineDiff(original, ed.text());
        QCOMPARE(diff.size(), 2);
        QCOMPARE(diff.at(1), QStringLiteral("+15 ") + line);
        QCOMPARE(QString::fromStdString(read(ed.text(), QStringLiteral("description.purpose"))), value);
        const YAML::Node n = YAML::Load(ed.text().toStdString())["description"]["purpose"];
        if (YamlEditOp::Type(type) == YamlEditOp::Type::String && !value.isEmpty()) {
            QVERIFY(n.Tag() == "!" || QRegularExpression(QStringLiteral("^[A-Za-z \u00e9]+$")).match(value).hasMatch());
        }
    }

    void slaValue_staysANumber()
    {
        const QByteArray original = test::readFile(fullExamplePath());
        YamlEditor ed(original);
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("slaProperties[?property=latency].value"), QStringLiteral("2"),
                                          YamlEditOp::Type::Auto)),
                 std::nullopt);
        QCOMPARE(test::lineDiff(original, ed.text()),
                 QStringList({QStringLiteral("-271     value: 4"), QStringLiteral("+271     value: 2")}));
        // A time window keeps its quotes, a plain value with a colon stays readable.
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("slaProperties[?property=generalAvailability].value"),
                                          QStringLiteral("2023-01-01T00:00:00Z"), YamlEditOp::Type::Auto)),
                 std::nullopt);
        QVERIFY(ed.text().contains("    value: \"2023-01-01T00:00:00Z\"\n"));
    }

    void missingKey_isInsertedBesideItsSiblings()
    {
        const QByteArray original = test::readFile(fullExamplePath());
        YamlEditor ed(original);
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("slaProperties[?property=latency].description"),
                                          QStringLiteral("Four days at most"))),
                 std::nullopt);
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("price.discount.percent"), QStringLiteral("10"),
                                          YamlEditOp::Type::Auto)),
                 std::nullopt);
        QCOMPARE(test::lineDiff(original, ed.text()),
                 QStringList({QStringLiteral("+228   discount:"), QStringLiteral("+229     percent: 10"),
                              QStringLiteral("+276     description: Four days at most")}));
        const YAML::Node doc = YAML::Load(ed.text().toStdString());
        QCOMPARE(doc["slaProperties"][0]["description"].as<std::string>(), std::string("Four days at most"));
        QCOMPARE(doc["price"]["discount"]["percent"].as<int>(), 10);
    }

    void emptyValue_getsTheValueAfterItsColon()
    {
        const QByteArray original = test::readFile(fullExamplePath());
        YamlEditor ed(original);
        const QString path = QStringLiteral("schema[0].properties[2].quality[0].customProperties[0].value");
        QCOMPARE(ed.apply(YamlEditOp::set(path, QStringLiteral("rcvr_cntry_code"))), std::nullopt);
        QCOMPARE(test::lineDiff(original, ed.text()),
                 QStringList({QStringLiteral("-147                 value:"),
                              QStringLiteral("+147                 value: rcvr_cntry_code")}));
    }

    void multiLineDescription_isABlockScalar()
    {
        const QByteArray original = test::readFile(fullExamplePath());
        YamlEditor ed(original);
        const QString text = QStringLiteral("Views built on the seller tables.\n\nRefreshed daily.\n");
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("description.purpose"), text)), std::nullopt);
        QCOMPARE(test::lineDiff(original, ed.text()),
                 QStringList({QStringLiteral("-15   purpose: Views built on top of the seller tables."),
                              QStringLiteral("+15   purpose: |"),
                              QStringLiteral("+16     Views built on the seller tables."), QStringLiteral("+17 "),
                              QStringLiteral("+18     Refreshed daily.")}));
        QCOMPARE(QString::fromStdString(read(ed.text(), QStringLiteral("description.purpose"))), text);
        // And back to one line: the block goes away entirely.
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("description.purpose"),
                                          QStringLiteral("Views built on top of the seller tables."))),
                 std::nullopt);
        QCOMPARE(ed.text(), original);
        // No trailing newline: strip chomping.
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("description.usage"), QStringLiteral("a\nb"))), std::nullopt);
        QVERIFY(ed.text().contains("  usage: |-\n    a\n    b\n  authoritativeDefinitions:"));
        QCOMPARE(QString::fromStdString(read(ed.text(), QStringLiteral("description.usage"))), QStringLiteral("a\nb"));
    }

    void flowSequence_addAndRemove()
    {
        const QByteArray original = test::readFile(fullExamplePath());
        YamlEditor ed(original);
        QCOMPARE(ed.apply(YamlEditOp::add(QStringLiteral("schema[0].tags"), QStringLiteral("refunds"))), std::nullopt);
        QVERIFY(ed.text().contains("    tags: [ 'finance', 'payments', 'refunds']\n"));
        QCOMPARE(ed.apply(YamlEditOp::remove(QStringLiteral("schema[0].tags[?=finance]"))), std::nullopt);
        QVERIFY(ed.text().contains("    tags: [ 'payments', 'refunds']\n"));
        QCOMPARE(ed.apply(YamlEditOp::remove(QStringLiteral("schema[0].tags[?=refunds]"))), std::nullopt);
        QVERIFY(ed.text().contains("    tags: [ 'payments']\n"));
        QCOMPARE(ed.apply(YamlEditOp::add(QStringLiteral("schema[0].properties[0].tags"), QStringLiteral("date"))),
                 std::nullopt);
        QVERIFY(ed.text().contains("        tags: [ date ]\n"));
        QCOMPARE(test::lineDiff(original, ed.text()).size(), 4);
        // Removing what is not there is no change.
        const QByteArray before = ed.text();
        QCOMPARE(ed.apply(YamlEditOp::remove(QStringLiteral("schema[0].tags[?=nothing]"))), std::nullopt);
        QCOMPARE(ed.text(), before);
    }

    void blockSequence_removeLastItem_leavesAnEmptySequence()
    {
        const QByteArray original = test::readFile(fullExamplePath());
        YamlEditor ed(original);
        QCOMPARE(ed.apply(YamlEditOp::remove(QStringLiteral("tags[?=transactions]"))), std::nullopt);
        QCOMPARE(test::lineDiff(original, ed.text()),
                 QStringList({QStringLiteral("-318 tags:"), QStringLiteral("-319   - transactions"),
                              QStringLiteral("+318 tags: []")}));
        QVERIFY(YAML::Load(ed.text().toStdString())["tags"].IsSequence());
    }

    void teamMember_addAndRemove()
    {
        const QByteArray original = test::readFile(fullExamplePath());
        YamlEditor ed(original);
        QCOMPARE(ed.apply(YamlEditOp::addMapping(QStringLiteral("team.members"),
                                                 {{QStringLiteral("username"), QStringLiteral("jdoe")},
                                                  {QStringLiteral("role"), QStringLiteral("Owner")}})),
                 std::nullopt);
        QCOMPARE(ed.apply(YamlEditOp::remove(QStringLiteral("team.members[?username=mhopper]"))), std::nullopt);
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("team.name"), QStringLiteral("sales-team"))), std::nullopt);
        QCOMPARE(test::lineDiff(original, ed.text()),
                 QStringList({QStringLiteral("-232   name: my-team"), QStringLiteral("+232   name: sales-team"),
                              QStringLiteral("-240     - username: mhopper"),
                              QStringLiteral("-241       role: Data Scientist"),
                              QStringLiteral("-242       dateIn: \"2022-10-01\""),
                              QStringLiteral("+244     - username: jdoe"), QStringLiteral("+245       role: Owner")}));
        const YAML::Node members = YAML::Load(ed.text().toStdString())["team"]["members"];
        QCOMPARE(members.size(), size_t(3));
        QCOMPARE(members[2]["username"].as<std::string>(), std::string("jdoe"));
    }

    void missingSequence_isCreated()
    {
        const QByteArray text = "# a contract\nid: x # the id\nstatus: draft\n";
        YamlEditor ed(text);
        QCOMPARE(ed.apply(YamlEditOp::add(QStringLiteral("tags"), QStringLiteral("new"))), std::nullopt);
        QCOMPARE(ed.text(), QByteArray("# a contract\nid: x # the id\nstatus: draft\ntags:\n  - new\n"));
        YamlEditor noNewline(QByteArray("id: x\nstatus: draft"));
        QCOMPARE(noNewline.apply(YamlEditOp::set(QStringLiteral("status"), QStringLiteral("active"))), std::nullopt);
        QCOMPARE(noNewline.apply(YamlEditOp::set(QStringLiteral("description.purpose"), QStringLiteral("p"))),
                 std::nullopt);
        QCOMPARE(noNewline.text(), QByteArray("id: x\nstatus: active\ndescription:\n  purpose: p"));
    }

    void odpsProduct_compactSequences()
    {
        const QByteArray original =
            test::readFile(test::fixturesDir() + QStringLiteral("/contracts/odps/customer-data-product.odps.yaml"));
        YamlEditor ed(original);
        QCOMPARE(ed.apply(YamlEditOp::add(QStringLiteral("tags"), QStringLiteral("sales"))), std::nullopt);
        QCOMPARE(ed.apply(YamlEditOp::addMapping(QStringLiteral("inputPorts"),
                                                 {{QStringLiteral("name"), QStringLiteral("refunds")},
                                                  {QStringLiteral("version"), QStringLiteral("1.0.0")}})),
                 std::nullopt);
        QCOMPARE(ed.apply(YamlEditOp::remove(QStringLiteral("inputPorts[1]"))), std::nullopt);
        QCOMPARE(ed.apply(YamlEditOp::set(QStringLiteral("description.usage"), QStringLiteral("Join on customer id."))),
                 std::nullopt);
        QCOMPARE(
            test::lineDiff(original, ed.text()),
            QStringList({QStringLiteral("-13   usage: Check the various artefacts for their own description."),
                         QStringLiteral("+13   usage: Join on customer id."), QStringLiteral("-15 tags: ['customer']"),
                         QStringLiteral("+15 tags: ['customer', 'sales']"), QStringLiteral("-21 - name: payments"),
                         QStringLiteral("-22   version: 2.0.0"),
                         QStringLiteral("-23   contractId: dbb7b1eb-7628-436e-8914-2a00638ba6da"),
                         QStringLiteral("+34 - name: refunds"), QStringLiteral("+35   version: 1.0.0")}));
        const YAML::Node doc = YAML::Load(ed.text().toStdString());
        QCOMPARE(doc["inputPorts"].size(), size_t(4));
        QCOMPARE(doc["inputPorts"][3]["version"].as<std::string>(), std::string("1.0.0"));
        QCOMPARE(doc["outputPorts"][0]["name"].as<std::string>(), std::string("rawtransactions"));
    }

    void windowsLineEnds_areKeptOnNewLines()
    {
        const QByteArray lf = test::readFile(fullExamplePath());
        QByteArray crlf = lf;
        crlf.replace("\n", "\r\n");
        auto edit = [](const QByteArray &text) {
            YamlEditor ed(text);
            const QString multi = QStringLiteral("Sales views\nover time\n");
            for (const YamlEditOp &op :
                 {YamlEditOp::set(QStringLiteral("description.purpose"), multi),
                  YamlEditOp::add(QStringLiteral("tags"), QStringLiteral("sales")),
                  YamlEditOp::set(QStringLiteral("slaProperties[0].description"), QStringLiteral("Four days")),
                  YamlEditOp::remove(QStringLiteral("team.members[?username=mhopper]"))}) {
                if (const auto error = ed.apply(op)) {
                    qWarning().noquote() << *error;
                    return QByteArray();
                }
            }
            return ed.text();
        };
        const QByteArray fromLf = edit(lf);
        QVERIFY(!fromLf.isEmpty());
        QByteArray expected = fromLf;
        expected.replace("\n", "\r\n");
        QCOMPARE(edit(crlf), expected);
    }

    void emptyValues_getNewEntriesBelowTheirKey()
    {
        YamlEditor ed(QByteArray("team:\ntags: # none yet\nid: x\n"));
        QCOMPARE(ed.apply(YamlEditOp::addMapping(QStringLiteral("team.members"),
                                                 {{QStringLiteral("username"), QStringLiteral("a")},
                                                  {QStringLiteral("role"), QStringLiteral("Owner")}})),
                 std::nullopt);
        QCOMPARE(ed.apply(YamlEditOp::add(QStringLiteral("tags"), QStringLiteral("t"))), std::nullopt);
        QCOMPARE(ed.text(), QByteArray("team:\n  members:\n    - username: a\n      role: Owner\ntags: # none yet\n"
                                       "  - t\nid: x\n"));
        YamlEditor flow(QByteArray("{id: x, tags: , team: }"));
        QVERIFY(!flow.error());
        QCOMPARE(flow.apply(YamlEditOp::add(QStringLiteral("tags"), QStringLiteral("t"))), std::nullopt);
        QCOMPARE(flow.apply(YamlEditOp::set(QStringLiteral("team.name"), QStringLiteral("n"))), std::nullopt);
        QCOMPARE(flow.apply(YamlEditOp::set(QStringLiteral("owner"), QStringLiteral("o"))), std::nullopt);
        // "n" would read as a YAML 1.1 boolean, so it is quoted; the spaces before ',' and '}' stay where they were.
        QCOMPARE(flow.text(), QByteArray("{id: x, tags: [t] , team: {name: 'n'}, owner: o }"));
    }

    void everyFixture_survivesANoOpRewrite()
    {
        QDirIterator it(test::fixturesDir() + QStringLiteral("/contracts"),
                        {QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.json")}, QDir::Files,
                        QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            const QByteArray original = test::readFile(path);
            YamlEditor ed(original);
            QVERIFY2(!ed.error(), qPrintable(path));
            ed.setRewriteUnchanged(true);
            QStringList paths;
            leaves(YAML::Load(original.toStdString()), {}, paths);
            QVERIFY(!paths.isEmpty());
            // Big schemas: a spread of leaves (each edit parses the whole file again), so every part is touched.
            const qsizetype budget = original.size() > 32 * 1024 ? 30 : 150;
            const qsizetype stride = std::max<qsizetype>(1, paths.size() / budget);
            for (qsizetype i = 0; i < paths.size(); i += stride) {
                const auto value = ed.scalar(paths[i]);
                QVERIFY2(value, qPrintable(path + QLatin1Char(' ') + paths[i]));
                const auto error = ed.apply(YamlEditOp::set(paths[i], *value, YamlEditOp::Type::Auto));
                QVERIFY2(!error,
                         qPrintable(path + QLatin1Char(' ') + paths[i] + QLatin1Char(' ') + error.value_or(QString())));
                QVERIFY2(ed.text() == original,
                         qPrintable(path + QLatin1Char(' ') + paths[i] + QLatin1Char('\n') +
                                    test::lineDiff(original, ed.text()).join(QLatin1Char('\n'))));
            }
            ++files;
        }
        QCOMPARE(files, 8); // 4 YAML descriptors, 4 JSON schemas and events
    }

    void hostileInput_givesClearErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        const QByteArray ok = "id: x\nschema:\n  - name: a\n";
        QTest::newRow("no such index") << ok << QStringLiteral("schema[3].name") << QStringLiteral("step 2");
        QTest::newRow("no such item") << ok << QStringLiteral("schema[?name=b].name") << QStringLiteral("step 2");
        QTest::newRow("key under a scalar") << ok << QStringLiteral("id.x") << QStringLiteral("not a mapping");
        QTest::newRow("collection") << ok << QStringLiteral("schema") << QStringLiteral("not a scalar");
        QTest::newRow("bad path") << ok << QStringLiteral("schema[x]") << QStringLiteral("not an index");
        QTest::newRow("not yaml") << QByteArray("id: [x\n") << QStringLiteral("id") << QStringLiteral("Not valid YAML");
        QTest::newRow("tabs") << QByteArray("a:\n\tb: 1\n") << QStringLiteral("a.b")
                              << QStringLiteral("Not valid YAML");
        QTest::newRow("duplicate keys") << QByteArray("id: x\nid: y\n") << QStringLiteral("id")
                                        << QStringLiteral("appears 2 times");
        QTest::newRow("two documents") << QByteArray("id: x\n---\nid: y\n") << QStringLiteral("id")
                                       << QStringLiteral("2 YAML documents");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("id") << QStringLiteral("no YAML document");
        // Ten levels of ten aliases each: 10^10 nodes once expanded.
        QByteArray bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (char c = 'b'; c <= 'j'; ++c) {
            QByteArray items;
            for (int k = 0; k < 10; ++k) {
                items += (k ? ", *" : "*") + QByteArray(1, char(c - 1));
            }
            bomb += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [" + items + "]\n";
        }
        QTest::newRow("alias bomb") << bomb << QStringLiteral("a") << QStringLiteral("anchors and aliases");
        QTest::newRow("deep nesting") << QByteArray(10000, '[') + QByteArray(10000, ']') << QStringLiteral("a")
                                      << QStringLiteral("Not valid YAML");
        QTest::newRow("truncated") << QByteArray("id: \"x\nstatus: a") << QStringLiteral("id")
                                   << QStringLiteral("Not valid YAML");
    }
    void hostileInput_givesClearErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        YamlEditor ed(text);
        const auto error = ed.apply(YamlEditOp::set(path, QStringLiteral("v")));
        QVERIFY(error);
        QVERIFY2(error->contains(expected), qPrintable(*error));
        QCOMPARE(ed.text(), text);
    }

    void invalidUtf8_elsewhere_staysByteIdentical()
    {
        const QByteArray text = "a: \xff\xfe # odd bytes\nb: x\n";
        YamlEditor ed(text);
        const auto error = ed.apply(YamlEditOp::set(QStringLiteral("b"), QStringLiteral("z")));
        if (error) {
            QCOMPARE(ed.text(), text); // refused as a whole
        } else {
            QCOMPARE(ed.text(), QByteArray("a: \xff\xfe # odd bytes\nb: z\n"));
        }
    }

    void anchors_editThatWouldChangeAnAlias_isRefused()
    {
        const QByteArray text = "base: &b\n  x: 1\nother: *b\n";
        YamlEditor ed(text);
        const auto error = ed.apply(YamlEditOp::set(QStringLiteral("base.x"), QStringLiteral("2")));
        // Either refused, or the alias reads the new value too: never a silently different tree.
        if (error) {
            QVERIFY2(error->contains(QLatin1String("more than the edited node")), qPrintable(*error));
            QCOMPARE(ed.text(), text);
        } else {
            QCOMPARE(YAML::Load(ed.text().toStdString())["other"]["x"].as<std::string>(), std::string("2"));
        }
    }

    void writeFile_replacesAtomically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.odcs.yaml"));
        QVERIFY(test::writeFile(path, "id: x\n"));
        QCOMPARE(YamlEditor::writeFile(path, "id: y\n"), std::nullopt);
        QCOMPARE(test::readFile(path), QByteArray("id: y\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList({QStringLiteral("c.odcs.yaml")}));
        QVERIFY(YamlEditor::writeFile(dir.filePath(QStringLiteral("missing/c.yaml")), "x") != std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestYamlEdit)
#include "tst_yamledit.moc"
