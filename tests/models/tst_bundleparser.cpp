// Tests for BundleParser, the streaming NDJSON reader of MeshLens bundles: every record kind and the header,
// chunked input, tolerated encodings, and errors that name the line and say what is wrong.

#include "models/sync/bundleparser.h"
#include "models/sync/linehash.h"
#include "support/testsupport.h"

#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <variant>

using namespace meshlens;
using namespace meshlens::models;
using namespace meshlens::models::records;

namespace {

template<class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};

QString s(const std::string &v)
{
    return QString::fromStdString(v);
}

QString joined(const std::vector<std::string> &list)
{
    QStringList out;
    for (const auto &v : list) {
        out << s(v);
    }
    return out.join(QLatin1Char(','));
}

QString numbers(const std::vector<float> &values)
{
    QStringList out;
    for (float v : values) {
        out << (std::isnan(v) ? QStringLiteral("nan") : QString::number(static_cast<double>(v)));
    }
    return out.join(QLatin1Char(','));
}

// Every field of a record as "key=value" strings: comparable (NaN is spelled out) and readable in a failure.
QStringList fields(const Record &record)
{
    QStringList f;
    const auto kv = [&f](const char *key, const QString &value) { f << QLatin1String(key) + QLatin1Char('=') + value; };
    std::visit(
        Overloaded{
            [&](const Domain &r) {
                kv("type", QStringLiteral("domain"));
                kv("id", s(r.id));
                kv("name", s(r.name));
                kv("display_name", s(r.displayName));
                kv("kind", s(r.kind));
                kv("description", s(r.description));
                kv("parent", s(r.parent));
            },
            [&](const Team &r) {
                kv("type", QStringLiteral("team"));
                kv("id", s(r.id));
                kv("name", s(r.name));
                kv("display_name", s(r.displayName));
                kv("domain", s(r.domain));
                kv("parent", s(r.parent));
                kv("email", s(r.email));
            },
            [&](const Person &r) {
                kv("type", QStringLiteral("person"));
                kv("id", s(r.id));
                kv("name", s(r.name));
                kv("display_name", s(r.displayName));
                kv("email", s(r.email));
                kv("team", s(r.team));
            },
            [&](const Product &r) {
                kv("type", QStringLiteral("product"));
                kv("id", s(r.id));
                kv("kind", s(r.kind));
                kv("name", s(r.name));
                kv("display_name", s(r.displayName));
                kv("fqn", s(r.fqn));
                kv("domain", s(r.domain));
                kv("status", s(r.status));
                kv("description", s(r.description));
                kv("version", s(r.version));
                kv("tier", r.tier ? QString::number(*r.tier) : QStringLiteral("none"));
                kv("updated_at", r.updatedAt ? QString::number(*r.updatedAt) : QStringLiteral("none"));
                kv("tags", joined(r.tags));
                QStringList owners;
                for (const OwnerRef &o : r.owners) {
                    const char *role = o.role == Role::Owner ? "owner" : o.role == Role::Steward ? "steward" : "expert";
                    owners << QLatin1String(role) + QLatin1Char(':') +
                                  (o.party == PartyKind::Person ? QStringLiteral("person") : QStringLiteral("team")) +
                                  QLatin1Char(':') + s(o.id);
                }
                kv("owners", owners.join(QLatin1Char(',')));
            },
            [&](const Port &r) {
                kv("type", QStringLiteral("port"));
                kv("product", s(r.product));
                kv("id", s(r.id));
                kv("direction", s(r.direction));
                kv("name", s(r.name));
                kv("description", s(r.description));
                kv("format", s(r.format));
                kv("location", s(r.location));
                QStringList cols;
                for (const Column &c : r.columns) {
                    cols << s(c.name) + QLatin1Char(':') + s(c.type) +
                                (c.primaryKey ? QStringLiteral(":pk") : QString()) +
                                (c.nullable ? QString() : QStringLiteral(":notnull")) +
                                (c.tags.empty() ? QString() : QStringLiteral(":tags=") + joined(c.tags)) +
                                (c.description.empty() ? QString() : QStringLiteral(":desc=") + s(c.description));
                }
                kv("columns", cols.join(QLatin1Char(';')));
            },
            [&](const Sla &r) {
                kv("type", QStringLiteral("sla"));
                kv("product", s(r.product));
                kv("id", s(r.id));
                kv("kind", s(r.kind));
                kv("target", QString::number(r.target));
                kv("unit", s(r.unit));
                kv("op", s(r.op));
                kv("port", s(r.port));
                kv("description", s(r.description));
            },
            [&](const SlaMeasurement &r) {
                kv("type", QStringLiteral("sla_measurement"));
                kv("product", s(r.product));
                kv("sla", s(r.sla));
                kv("t0", QString::number(r.t0));
                kv("step", QString::number(r.step));
                kv("values", numbers(r.values));
            },
            [&](const Check &r) {
                kv("type", QStringLiteral("check"));
                kv("product", s(r.product));
                kv("id", s(r.id));
                kv("name", s(r.name));
                kv("kind", s(r.kind));
                kv("port", s(r.port));
                kv("column", s(r.column));
                kv("description", s(r.description));
                kv("severity", s(r.severity));
            },
            [&](const CheckResult &r) {
                kv("type", QStringLiteral("check_result"));
                kv("product", s(r.product));
                kv("check", s(r.check));
                kv("t0", QString::number(r.t0));
                kv("step", QString::number(r.step));
                kv("statuses", s(r.statuses));
                kv("values", numbers(r.values));
                kv("message", s(r.message));
            },
            [&](const Lineage &r) {
                kv("type", QStringLiteral("lineage"));
                kv("from", s(r.from));
                kv("from_port", s(r.fromPort));
                kv("to", s(r.to));
                kv("to_port", s(r.toPort));
                kv("description", s(r.description));
                QStringList map;
                for (const auto &[from, to] : r.columns) {
                    map << s(from) + QLatin1Char('>') + s(to);
                }
                kv("columns", map.join(QLatin1Char(',')));
            },
            [&](const Tombstone &r) {
                kv("type", QStringLiteral("tombstone"));
                kv("of", s(r.of));
                kv("id", s(r.id));
                kv("product", s(r.product));
                kv("from", s(r.edge.from));
                kv("from_port", s(r.edge.fromPort));
                kv("to", s(r.edge.to));
                kv("to_port", s(r.edge.toPort));
            },
        },
        record);
    return f;
}

struct Outcome
{
    std::optional<Header> header;
    QList<QStringList> records;
    std::optional<BundleParser::Error> error;
    std::int64_t recordCount = 0;
};

// Feeds `bytes` in the chunks `chunker` picks (whole buffer when null), then finish().
Outcome parse(const QByteArray &bytes, const std::function<qsizetype(qsizetype remaining)> &chunker = {})
{
    Outcome out;
    BundleParser parser(
        [&out](const Header &h) -> std::optional<QString> {
            out.header = h;
            return std::nullopt;
        },
        [&out](Record &&r) -> std::optional<QString> {
            out.records << fields(r);
            return std::nullopt;
        });
    qsizetype pos = 0;
    while (pos < bytes.size() && !out.error) {
        const qsizetype n = chunker ? qMax<qsizetype>(1, chunker(bytes.size() - pos)) : bytes.size();
        const qsizetype take = qMin(n, bytes.size() - pos);
        out.error = parser.feed(std::string_view(bytes.constData() + pos, static_cast<std::size_t>(take)));
        pos += take;
    }
    if (!out.error) {
        out.error = parser.finish();
    }
    out.recordCount = parser.recordCount();
    return out;
}

QByteArray withLine(const QByteArray &line)
{
    return test::header() + line + '\n';
}

} // namespace

class tst_BundleParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void record_parsesFields_data();
    void record_parsesFields();
    void record_appliesDefaults();
    void record_ignoresUnknownFields();
    void header_parsesFields_data();
    void header_parsesFields();

    void sampleBundle_parsesEveryRecord();
    void chunkedFeed_givesSameRecords_data();
    void chunkedFeed_givesSameRecords();
    void crlfBlankLinesAndBom_areTolerated();
    void lastLineWithoutNewline_isParsedAtFinish();

    void malformedLine_reportsLineAndReason_data();
    void malformedLine_reportsLineAndReason();
    void recordCallbackError_stopsParseAtThatLine();
    void headerCallbackError_stopsParseAtLineOne();
    void invalidUtf8_isAnErrorNotACrash();
    void longStrings_roundTrip();
    void endRecord_provesCompleteness();
    void emptyInput_isReportedAtFinish_data();
    void emptyInput_isReportedAtFinish();
    void parseRecordLine_parsesOneLine();
    void peek_saysWhoseEachRecordIs();
};

void tst_BundleParser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_BundleParser::record_parsesFields_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QStringList>("expected"); // "key=value" pairs the parsed record must have

    QTest::newRow("domain") << QByteArray(R"({"type":"domain","id":"sales","name":"sales","display_name":"Sales",)"
                                          R"("kind":"source-aligned","description":"Orders.","parent":"root"})")
                            << QStringList{QStringLiteral("type=domain"),         QStringLiteral("id=sales"),
                                           QStringLiteral("display_name=Sales"),  QStringLiteral("kind=source-aligned"),
                                           QStringLiteral("description=Orders."), QStringLiteral("parent=root")};
    QTest::newRow("team") << QByteArray(R"({"type":"team","id":"t1","name":"eng","display_name":"Engineering",)"
                                        R"("domain":"sales","parent":"t0","email":"eng@example.com"})")
                          << QStringList{QStringLiteral("type=team"),
                                         QStringLiteral("id=t1"),
                                         QStringLiteral("name=eng"),
                                         QStringLiteral("domain=sales"),
                                         QStringLiteral("parent=t0"),
                                         QStringLiteral("email=eng@example.com"),
                                         QStringLiteral("display_name=Engineering")};
    QTest::newRow("person") << QByteArray(R"({"type":"person","id":"ada","name":"ada","display_name":"Ada Lovelace",)"
                                          R"("email":"ada@example.com","team":"t1"})")
                            << QStringList{QStringLiteral("type=person"), QStringLiteral("id=ada"),
                                           QStringLiteral("display_name=Ada Lovelace"),
                                           QStringLiteral("email=ada@example.com"), QStringLiteral("team=t1")};
    QTest::newRow("product")
        << QByteArray(R"({"type":"product","id":"sales.orders","kind":"table","name":"orders",)"
                      R"("display_name":"Order Events","fqn":"shop.sales.orders","domain":"sales","status":"active",)"
                      R"("tier":1,"description":"All **orders**.","version":"2.1.0","updated_at":1763600000,)"
                      R"("tags":["pii","gold"],"owners":[{"role":"owner","team":"t-sales"},)"
                      R"({"role":"steward","person":"grace"},{"person":"ada","role":"expert"}]})")
        << QStringList{QStringLiteral("type=product"),
                       QStringLiteral("id=sales.orders"),
                       QStringLiteral("kind=table"),
                       QStringLiteral("name=orders"),
                       QStringLiteral("display_name=Order Events"),
                       QStringLiteral("fqn=shop.sales.orders"),
                       QStringLiteral("domain=sales"),
                       QStringLiteral("status=active"),
                       QStringLiteral("tier=1"),
                       QStringLiteral("description=All **orders**."),
                       QStringLiteral("version=2.1.0"),
                       QStringLiteral("updated_at=1763600000"),
                       QStringLiteral("tags=pii,gold"),
                       QStringLiteral("owners=owner:team:t-sales,steward:person:grace,expert:person:ada")};
    QTest::newRow("port")
        << QByteArray(R"({"type":"port","product":"sales.orders","id":"orders_v2","direction":"input",)"
                      R"("name":"Orders v2","description":"d","format":"table","location":"s3://b/o",)"
                      R"("columns":[{"name":"order_id","type":"BIGINT","primary_key":true,"nullable":false},)"
                      R"({"name":"email","type":"VARCHAR","tags":["pii","contact"],"description":"mail"}]})")
        << QStringList{QStringLiteral("type=port"),
                       QStringLiteral("product=sales.orders"),
                       QStringLiteral("id=orders_v2"),
                       QStringLiteral("direction=input"),
                       QStringLiteral("name=Orders v2"),
                       QStringLiteral("format=table"),
                       QStringLiteral("location=s3://b/o"),
                       QStringLiteral("columns=order_id:BIGINT:pk:notnull;email:VARCHAR:tags=pii,contact:desc=mail")};
    QTest::newRow("sla") << QByteArray(R"({"type":"sla","product":"p","id":"availability","kind":"availability",)"
                                       R"("target":99.5,"unit":"%","op":">=","port":"out","description":"up"})")
                         << QStringList{QStringLiteral("type=sla"),        QStringLiteral("product=p"),
                                        QStringLiteral("id=availability"), QStringLiteral("kind=availability"),
                                        QStringLiteral("target=99.5"),     QStringLiteral("unit=%"),
                                        QStringLiteral("op=>="),           QStringLiteral("port=out"),
                                        QStringLiteral("description=up")};
    QTest::newRow("sla_measurement series")
        << QByteArray(R"({"type":"sla_measurement","product":"p","sla":"freshness","start":1763251200,)"
                      R"("step":86400,"values":[1.5,2,null,9.25,3]})")
        << QStringList{QStringLiteral("type=sla_measurement"), QStringLiteral("product=p"),
                       QStringLiteral("sla=freshness"),        QStringLiteral("t0=1763251200"),
                       QStringLiteral("step=86400"),           QStringLiteral("values=1.5,2,nan,9.25,3")};
    QTest::newRow("sla_measurement point")
        << QByteArray(R"({"type":"sla_measurement","product":"p","sla":"availability","at":1763596800,"value":99.9})")
        << QStringList{QStringLiteral("t0=1763596800"), QStringLiteral("step=0"),
                       QStringLiteral("values=%1").arg(static_cast<double>(99.9f))};
    QTest::newRow("check") << QByteArray(R"({"type":"check","product":"p","id":"c1","name":"id not null",)"
                                         R"("kind":"not_null","port":"out","column":"id","description":"d",)"
                                         R"("severity":"critical"})")
                           << QStringList{QStringLiteral("type=check"),
                                          QStringLiteral("product=p"),
                                          QStringLiteral("id=c1"),
                                          QStringLiteral("name=id not null"),
                                          QStringLiteral("kind=not_null"),
                                          QStringLiteral("port=out"),
                                          QStringLiteral("column=id"),
                                          QStringLiteral("description=d"),
                                          QStringLiteral("severity=critical")};
    QTest::newRow("check_result series")
        << QByteArray(R"({"type":"check_result","product":"p","check":"c1","start":1763251200,"step":86400,)"
                      R"("statuses":"PPFA-","values":[1,2,3,4,null]})")
        << QStringList{QStringLiteral("type=check_result"), QStringLiteral("check=c1"),
                       QStringLiteral("t0=1763251200"),     QStringLiteral("step=86400"),
                       QStringLiteral("statuses=PPFA-"),    QStringLiteral("values=1,2,3,4,nan")};
    QTest::newRow("check_result point")
        << QByteArray(R"({"type":"check_result","product":"p","check":"rows","at":1763596800,"status":"fail",)"
                      R"("value":0,"message":"no rows for yesterday"})")
        << QStringList{QStringLiteral("t0=1763596800"), QStringLiteral("step=0"), QStringLiteral("statuses=F"),
                       QStringLiteral("values=0"), QStringLiteral("message=no rows for yesterday")};
    QTest::newRow("check_result aborted")
        << QByteArray(
               R"({"type":"check_result","product":"p","check":"rows","at":"2025-11-20T00:00:00Z","status":"aborted"})")
        << QStringList{QStringLiteral("statuses=A"), QStringLiteral("t0=1763596800")};
    QTest::newRow("lineage") << QByteArray(R"({"type":"lineage","from":"a","from_port":"ap","to":"b","to_port":"bp",)"
                                           R"("description":"feeds","columns":[["x","y"],["u","v"]]})")
                             << QStringList{QStringLiteral("type=lineage"),   QStringLiteral("from=a"),
                                            QStringLiteral("from_port=ap"),   QStringLiteral("to=b"),
                                            QStringLiteral("to_port=bp"),     QStringLiteral("description=feeds"),
                                            QStringLiteral("columns=x>y,u>v")};
    QTest::newRow("tombstone product") << QByteArray(R"({"type":"tombstone","of":"product","id":"p"})")
                                       << QStringList{QStringLiteral("type=tombstone"), QStringLiteral("of=product"),
                                                      QStringLiteral("id=p"), QStringLiteral("product=")};
    QTest::newRow("tombstone port") << QByteArray(R"({"type":"tombstone","of":"port","id":"out","product":"p"})")
                                    << QStringList{QStringLiteral("of=port"), QStringLiteral("id=out"),
                                                   QStringLiteral("product=p")};
    QTest::newRow("tombstone lineage")
        << QByteArray(R"({"type":"tombstone","of":"lineage","from":"a","to":"b","from_port":"ap","to_port":"bp"})")
        << QStringList{QStringLiteral("of=lineage"), QStringLiteral("from=a"), QStringLiteral("to=b"),
                       QStringLiteral("from_port=ap"), QStringLiteral("to_port=bp")};
}

void tst_BundleParser::record_parsesFields()
{
    QFETCH(QByteArray, line);
    QFETCH(QStringList, expected);

    const Outcome out = parse(withLine(line));
    QVERIFY2(!out.error, qPrintable(out.error ? out.error->toString() : QString()));
    QCOMPARE(out.records.size(), 1);
    const QStringList actual = out.records.first();
    for (const QString &want : expected) {
        QVERIFY2(actual.contains(want), qPrintable(QStringLiteral("missing %1 in %2").arg(want, actual.join(u" | "))));
    }
}

void tst_BundleParser::record_appliesDefaults()
{
    // Optional fields take the defaults the format documents.
    const QByteArray bundle = test::header() + R"({"type":"product","id":"p1"})"
                                               "\n"
                                               R"({"type":"port","product":"p1","id":"out","columns":[{"name":"c"}]})"
                                               "\n"
                                               R"({"type":"sla","product":"p1","id":"f","kind":"freshness","target":6})"
                                               "\n"
                                               R"({"type":"check","product":"p1","id":"c1"})"
                                               "\n"
                                               R"({"type":"domain","id":"d","name":null,"description":null})"
                                               "\n"
                                               R"({"type":"product","id":"p2","tier":null,"kind":""})"
                                               "\n";
    const Outcome out = parse(bundle);
    QVERIFY2(!out.error, qPrintable(out.error ? out.error->toString() : QString()));
    QCOMPARE(out.records.size(), 6);
    const QStringList product = out.records[0];
    QVERIFY(product.contains(QStringLiteral("kind=product")));
    QVERIFY(product.contains(QStringLiteral("name=p1"))); // the name falls back to the id
    QVERIFY(product.contains(QStringLiteral("tier=none")));
    QVERIFY(product.contains(QStringLiteral("updated_at=none")));
    const QStringList port = out.records[1];
    QVERIFY(port.contains(QStringLiteral("direction=output")));
    QVERIFY(port.contains(QStringLiteral("name=out")));
    QVERIFY(port.contains(QStringLiteral("columns=c:"))); // nullable, not a primary key, no tags
    QVERIFY(out.records[2].contains(QStringLiteral("op=<=")));
    QVERIFY(out.records[3].contains(QStringLiteral("name=c1")));
    QVERIFY(out.records[4].contains(QStringLiteral("name=d")));
    QVERIFY(out.records[4].contains(QStringLiteral("description=")));
    QVERIFY(out.records[5].contains(QStringLiteral("tier=none")));
    QVERIFY(out.records[5].contains(QStringLiteral("kind=product")));
}

void tst_BundleParser::record_ignoresUnknownFields()
{
    const Outcome out =
        parse(withLine(R"({"type":"domain","future":{"nested":[1,2,{"x":null}]},"id":"d","extra":"x","n":1.5e300})"));
    QVERIFY2(!out.error, qPrintable(out.error ? out.error->toString() : QString()));
    QCOMPARE(out.records.size(), 1);
    QVERIFY(out.records.first().contains(QStringLiteral("id=d")));
}

void tst_BundleParser::header_parsesFields_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("delta");
    QTest::addColumn<QString>("cursor");
    QTest::addColumn<QString>("since");
    QTest::addColumn<QString>("source");
    QTest::addColumn<qint64>("generatedAt"); // -1: absent

    QTest::newRow("snapshot, epoch seconds")
        << QByteArray(R"({"format":"meshlens-bundle","version":1,"mode":"snapshot","cursor":"c1","source":"acme",)"
                      R"("generated_at":1763683200})")
        << false << QStringLiteral("c1") << QString() << QStringLiteral("acme") << qint64(1763683200);
    QTest::newRow("delta with since")
        << QByteArray(R"({"format":"meshlens-bundle","version":1,"mode":"delta","cursor":"c2","since":"c1"})") << true
        << QStringLiteral("c2") << QStringLiteral("c1") << QString() << qint64(-1);
    QTest::newRow("ISO generated_at, UTC")
        << QByteArray(
               R"({"format":"meshlens-bundle","version":1,"mode":"snapshot","generated_at":"2025-11-21T00:00:00Z"})")
        << false << QString() << QString() << QString() << qint64(1763683200);
    QTest::newRow("ISO generated_at, offset")
        << QByteArray(
               R"({"format":"meshlens-bundle","version":1,"mode":"snapshot","generated_at":"2025-11-21T01:00:00+01:00"})")
        << false << QString() << QString() << QString() << qint64(1763683200);
    QTest::newRow("fields in any order, unknown ignored")
        << QByteArray(R"({"x":[1],"mode":"delta","since":"a#1","version":1,"cursor":"a#2","format":"meshlens-bundle"})")
        << true << QStringLiteral("a#2") << QStringLiteral("a#1") << QString() << qint64(-1);
}

void tst_BundleParser::header_parsesFields()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, delta);
    QFETCH(QString, cursor);
    QFETCH(QString, since);
    QFETCH(QString, source);
    QFETCH(qint64, generatedAt);

    const Outcome out = parse(line + '\n');
    QVERIFY2(!out.error, qPrintable(out.error ? out.error->toString() : QString()));
    QVERIFY(out.header);
    const Header &h = *out.header;
    QCOMPARE(QString::fromStdString(h.format), QStringLiteral("meshlens-bundle"));
    QCOMPARE(h.version, 1);
    QCOMPARE(h.mode, delta ? BundleMode::Delta : BundleMode::Snapshot);
    QCOMPARE(QString::fromStdString(h.cursor), cursor);
    QCOMPARE(QString::fromStdString(h.since), since);
    QCOMPARE(QString::fromStdString(h.sourceName), source);
    if (generatedAt < 0) {
        QVERIFY(!h.generatedAt);
    } else {
        QVERIFY(h.generatedAt);
        QCOMPARE(*h.generatedAt, generatedAt);
    }
    QCOMPARE(out.recordCount, 0);
}

void tst_BundleParser::sampleBundle_parsesEveryRecord()
{
    const Outcome out = parse(test::sampleBundle());
    QVERIFY2(!out.error, qPrintable(out.error ? out.error->toString() : QString()));
    QVERIFY(out.header);
    QCOMPARE(QString::fromStdString(out.header->cursor), QStringLiteral("c1"));
    QCOMPARE(out.recordCount, 22);
    QCOMPARE(out.records.size(), 22);
    QHash<QString, int> perType;
    for (const QStringList &r : out.records) {
        ++perType[r.first()];
    }
    QCOMPARE(perType.value(QStringLiteral("type=domain")), 2);
    QCOMPARE(perType.value(QStringLiteral("type=team")), 2);
    QCOMPARE(perType.value(QStringLiteral("type=person")), 3);
    QCOMPARE(perType.value(QStringLiteral("type=product")), 3);
    QCOMPARE(perType.value(QStringLiteral("type=port")), 2);
    QCOMPARE(perType.value(QStringLiteral("type=sla")), 2);
    QCOMPARE(perType.value(QStringLiteral("type=sla_measurement")), 2);
    QCOMPARE(perType.value(QStringLiteral("type=check")), 2);
    QCOMPARE(perType.value(QStringLiteral("type=check_result")), 2);
    QCOMPARE(perType.value(QStringLiteral("type=lineage")), 2);
}

void tst_BundleParser::chunkedFeed_givesSameRecords_data()
{
    QTest::addColumn<int>("mode"); // 0: one byte at a time; >0: random chunk sizes up to that many bytes (seeded)
    QTest::addColumn<quint32>("seed");

    QTest::newRow("one byte at a time") << 0 << 0u;
    QTest::newRow("random up to 7 bytes") << 7 << 1u;
    QTest::newRow("random up to 64 bytes") << 64 << 2u;
    QTest::newRow("random up to 400 bytes") << 400 << 3u;
    QTest::newRow("random up to 4000 bytes") << 4000 << 4u;
}

void tst_BundleParser::chunkedFeed_givesSameRecords()
{
    QFETCH(int, mode);
    QFETCH(quint32, seed);

    const QByteArray bundle = test::sampleBundle();
    const Outcome whole = parse(bundle);
    QVERIFY(!whole.error);

    QRandomGenerator rng(seed);
    int chunks = 0;
    const Outcome chunked = parse(bundle, [&](qsizetype) -> qsizetype {
        ++chunks;
        return mode == 0 ? 1 : rng.bounded(1, mode + 1);
    });
    QVERIFY2(!chunked.error, qPrintable(chunked.error ? chunked.error->toString() : QString()));
    QVERIFY(chunks > 1);
    QCOMPARE(chunked.recordCount, whole.recordCount);
    QCOMPARE(chunked.records, whole.records);
    QVERIFY(chunked.header);
    QCOMPARE(chunked.header->cursor, whole.header->cursor);
}

void tst_BundleParser::crlfBlankLinesAndBom_areTolerated()
{
    const QByteArray plain = test::sampleBundle();
    QByteArray tolerated = plain;
    tolerated.replace("\n", "\r\n\n  \t\r\n");
    tolerated.prepend("\xEF\xBB\xBF");

    const Outcome a = parse(plain);
    const Outcome b = parse(tolerated);
    QVERIFY2(!b.error, qPrintable(b.error ? b.error->toString() : QString()));
    QCOMPARE(b.records, a.records);
    QVERIFY(b.header);
    QCOMPARE(b.header->cursor, a.header->cursor);

    // BOM directly at the start, the usual case.
    const Outcome c = parse(QByteArray("\xEF\xBB\xBF") + plain);
    QVERIFY2(!c.error, qPrintable(c.error ? c.error->toString() : QString()));
    QCOMPARE(c.records, a.records);

    // Blank lines before the header are ignored as anywhere else ...
    const Outcome d = parse(QByteArray("\n\r\n") + plain);
    QVERIFY2(!d.error, qPrintable(d.error ? d.error->toString() : QString()));
    QCOMPARE(d.records, a.records);
    // ... and so is a BOM followed by a blank line.
    const Outcome e = parse(QByteArray("\xEF\xBB\xBF\n") + plain);
    QVERIFY2(!e.error, qPrintable(e.error ? e.error->toString() : QString()));
}

void tst_BundleParser::lastLineWithoutNewline_isParsedAtFinish()
{
    QByteArray bundle = test::sampleBundle();
    QVERIFY(bundle.endsWith('\n'));
    bundle.chop(1);
    std::int64_t seen = 0;
    BundleParser parser({}, [&seen](Record &&) -> std::optional<QString> {
        ++seen;
        return std::nullopt;
    });
    QVERIFY(!parser.feed(std::string_view(bundle.constData(), static_cast<std::size_t>(bundle.size()))));
    QCOMPARE(seen, 21); // the last edge waits for its newline ...
    QVERIFY(!parser.finish());
    QCOMPARE(seen, 22); // ... or for the end of the bundle
    QCOMPARE(parser.bytesSeen(), bundle.size());
}

void tst_BundleParser::malformedLine_reportsLineAndReason_data()
{
    QTest::addColumn<QByteArray>("bundle");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("message"); // a part of the message that says what is wrong

    // Records go on line 4: header, a valid domain, a blank line, then the bad line.
    const auto at4 = [](const char *bad) -> QByteArray {
        return test::header() + QByteArray(R"({"type":"domain","id":"d"})") + "\n\n" + QByteArray(bad) + "\n" +
               QByteArray(R"({"type":"domain","id":"after"})") + "\n";
    };
    QTest::newRow("not JSON") << at4("hello world") << qint64(4) << QStringLiteral("not a JSON object");
    QTest::newRow("missing colon") << at4(R"({"type":"domain" "id":"x"})") << qint64(4)
                                   << QStringLiteral("not valid JSON");
    QTest::newRow("trailing comma") << at4(R"({"type":"domain","id":"x",})") << qint64(4)
                                    << QStringLiteral("not valid JSON");
    QTest::newRow("truncated JSON") << at4(R"({"type":"domain","id":"x")") << qint64(4)
                                    << QStringLiteral("not valid JSON");
    QTest::newRow("text after object") << at4(R"({"type":"domain","id":"x"} {"a":1})") << qint64(4)
                                       << QStringLiteral("unexpected text after");
    QTest::newRow("array instead of object")
        << at4(R"([{"type":"domain","id":"x"}])") << qint64(4) << QStringLiteral("not a JSON object");
    QTest::newRow("string instead of object") << at4(R"("domain")") << qint64(4) << QStringLiteral("not a JSON object");
    QTest::newRow("missing type") << at4(R"({"id":"x"})") << qint64(4) << QStringLiteral("record has no \"type\"");
    QTest::newRow("type not a string") << at4(R"({"type":3,"id":"x"})") << qint64(4)
                                       << QStringLiteral("\"type\" must be a string");
    QTest::newRow("unknown type") << at4(R"({"type":"widget","id":"x"})") << qint64(4)
                                  << QStringLiteral("unknown record type 'widget'");
    QTest::newRow("tier is a word") << at4(R"({"type":"product","id":"p","tier":"high"})") << qint64(4)
                                    << QStringLiteral("field 'tier' must be an integer");
    QTest::newRow("tier out of range") << at4(R"({"type":"product","id":"p","tier":9})") << qint64(4)
                                       << QStringLiteral("'tier' must be an integer from 1 to 5");
    QTest::newRow("target is a word") << at4(R"({"type":"sla","product":"p","id":"s","kind":"freshness","target":"x"})")
                                      << qint64(4) << QStringLiteral("field 'target' must be a finite number");
    QTest::newRow("values hold a word")
        << at4(R"({"type":"sla_measurement","product":"p","sla":"s","start":1,"step":60,"values":["a"]})") << qint64(4)
        << QStringLiteral("field 'values' must be a finite number");
    QTest::newRow("name is a number") << at4(R"({"type":"domain","id":"d2","name":5})") << qint64(4)
                                      << QStringLiteral("field 'name' must be a string");
    QTest::newRow("tags not an array") << at4(R"({"type":"product","id":"p","tags":"pii"})") << qint64(4)
                                       << QStringLiteral("field 'tags' must be an array of strings");
    QTest::newRow("owner role unknown") << at4(R"({"type":"product","id":"p","owners":[{"role":"boss","person":"a"}]})")
                                        << qint64(4) << QStringLiteral("owner role must be owner, steward or expert");
    QTest::newRow("owner without party") << at4(R"({"type":"product","id":"p","owners":[{"role":"owner"}]})")
                                         << qint64(4) << QStringLiteral("needs a 'person' or 'team'");
    QTest::newRow("nullable not a bool")
        << at4(R"({"type":"port","product":"p","id":"o","columns":[{"name":"c","nullable":"yes"}]})") << qint64(4)
        << QStringLiteral("field 'nullable' must be true or false");
    QTest::newRow("column without name") << at4(R"({"type":"port","product":"p","id":"o","columns":[{"type":"INT"}]})")
                                         << qint64(4) << QStringLiteral("a column has no 'name'");
    QTest::newRow("port direction unknown") << at4(R"({"type":"port","product":"p","id":"o","direction":"sideways"})")
                                            << qint64(4) << QStringLiteral("'direction' must be");
    QTest::newRow("sla op unknown")
        << at4(R"({"type":"sla","product":"p","id":"s","kind":"freshness","target":1,"op":"=="})") << qint64(4)
        << QStringLiteral("field 'op' must be");
    QTest::newRow("product without id") << at4(R"({"type":"product","name":"orders"})") << qint64(4)
                                        << QStringLiteral("product record needs a non-empty 'id'");
    QTest::newRow("port without product")
        << at4(R"({"type":"port","id":"o"})") << qint64(4) << QStringLiteral("port record needs a non-empty 'product'");
    QTest::newRow("sla without target") << at4(R"({"type":"sla","product":"p","id":"s","kind":"freshness"})")
                                        << qint64(4) << QStringLiteral("sla record needs a numeric 'target'");
    QTest::newRow("sla without kind") << at4(R"({"type":"sla","product":"p","id":"s","target":1})") << qint64(4)
                                      << QStringLiteral("sla record needs a non-empty 'kind'");
    QTest::newRow("check_result without time")
        << at4(R"({"type":"check_result","product":"p","check":"c","status":"pass"})") << qint64(4)
        << QStringLiteral("needs 'at', or 'start' and 'step'");
    QTest::newRow("check_result start without step")
        << at4(R"({"type":"check_result","product":"p","check":"c","start":1,"statuses":"PP"})") << qint64(4)
        << QStringLiteral("needs 'at', or 'start' and 'step'");
    QTest::newRow("statuses with a bad letter")
        << at4(R"({"type":"check_result","product":"p","check":"c","start":1,"step":60,"statuses":"PPXP"})")
        << qint64(4) << QStringLiteral("'statuses' may hold only the letters P, F, A and -");
    QTest::newRow("status word unknown")
        << at4(R"({"type":"check_result","product":"p","check":"c","at":1,"status":"maybe"})") << qint64(4)
        << QStringLiteral("check status must be pass, fail or aborted, not 'maybe'");
    QTest::newRow("values count differs from statuses")
        << at4(R"({"type":"check_result","product":"p","check":"c","start":1,"step":60,"statuses":"PPF","values":[1]})")
        << qint64(4) << QStringLiteral("has 1 values for 3 statuses");
    QTest::newRow("negative step")
        << at4(R"({"type":"sla_measurement","product":"p","sla":"s","start":1,"step":-5,"values":[1]})") << qint64(4)
        << QStringLiteral("'step' must be a positive number");
    QTest::newRow("sla_measurement without values")
        << at4(R"({"type":"sla_measurement","product":"p","sla":"s","start":1,"step":60,"values":[]})") << qint64(4)
        << QStringLiteral("has no points");
    QTest::newRow("lineage without to") << at4(R"({"type":"lineage","from":"a"})") << qint64(4)
                                        << QStringLiteral("lineage record needs 'from' and 'to'");
    QTest::newRow("lineage column pair of three")
        << at4(R"({"type":"lineage","from":"a","to":"b","columns":[["x","y","z"]]})") << qint64(4)
        << QStringLiteral("[from, to] pair");
    QTest::newRow("tombstone of unknown kind") << at4(R"({"type":"tombstone","of":"widget","id":"x"})") << qint64(4)
                                               << QStringLiteral("tombstone 'of' must be one of");
    QTest::newRow("tombstone port without product") << at4(R"({"type":"tombstone","of":"port","id":"x"})") << qint64(4)
                                                    << QStringLiteral("a port tombstone needs its 'product'");
    QTest::newRow("lineage tombstone without to")
        << at4(R"({"type":"tombstone","of":"lineage","from":"a"})") << qint64(4)
        << QStringLiteral("a lineage tombstone needs 'from' and 'to'");

    const QByteArray domain = R"({"type":"domain","id":"d"})";
    QTest::newRow("header missing") << domain + "\n" << qint64(1) << QStringLiteral("not a MeshLens bundle");
    QTest::newRow("header wrong format") << QByteArray(R"({"format":"other-bundle","version":1,"mode":"snapshot"})") +
                                                "\n" + domain + "\n"
                                         << qint64(1) << QStringLiteral("not a MeshLens bundle");
    QTest::newRow("header version 2") << QByteArray(R"({"format":"meshlens-bundle","version":2,"mode":"snapshot"})") +
                                             "\n" + domain + "\n"
                                      << qint64(1) << QStringLiteral("version 2 is not supported");
    QTest::newRow("header bad mode") << QByteArray(R"({"format":"meshlens-bundle","version":1,"mode":"partial"})") +
                                            "\n" + domain + "\n"
                                     << qint64(1) << QStringLiteral("header 'mode' must be \"snapshot\" or \"delta\"");
    QTest::newRow("header without mode") << QByteArray(R"({"format":"meshlens-bundle","version":1})") + "\n"
                                         << qint64(1) << QStringLiteral("header needs \"mode\"");
    QTest::newRow("header bad generated_at")
        << QByteArray(R"({"format":"meshlens-bundle","version":1,"mode":"snapshot","generated_at":"yesterday"})") + "\n"
        << qint64(1) << QStringLiteral("not 'yesterday'");
    QTest::newRow("header after blank lines")
        << QByteArray("\n\n[1]\n") << qint64(3) << QStringLiteral("not a JSON object");
}

void tst_BundleParser::malformedLine_reportsLineAndReason()
{
    QFETCH(QByteArray, bundle);
    QFETCH(qint64, line);
    QFETCH(QString, message);

    const Outcome out = parse(bundle);
    QVERIFY2(out.error, "the malformed line was accepted");
    QCOMPARE(out.error->line, line);
    QVERIFY2(out.error->message.contains(message),
             qPrintable(QStringLiteral("'%1' does not say '%2'").arg(out.error->message, message)));
    QVERIFY(out.error->toString().startsWith(QStringLiteral("line %1: ").arg(line)));
    // The parse stops at the bad line: nothing after it is delivered.
    for (const QStringList &r : out.records) {
        QVERIFY(!r.contains(QStringLiteral("id=after")));
    }

    // The same error whatever the chunking.
    const Outcome bytewise = parse(bundle, [](qsizetype) { return qsizetype(1); });
    QVERIFY(bytewise.error);
    QCOMPARE(bytewise.error->line, line);
    QCOMPARE(bytewise.error->message, out.error->message);
}

void tst_BundleParser::recordCallbackError_stopsParseAtThatLine()
{
    int delivered = 0;
    BundleParser parser({}, [&delivered](Record &&r) -> std::optional<QString> {
        ++delivered;
        if (std::holds_alternative<Person>(r)) {
            return QStringLiteral("people are not welcome here");
        }
        return std::nullopt;
    });
    const QByteArray bundle = test::sampleBundle();
    const auto err = parser.feed(std::string_view(bundle.constData(), static_cast<std::size_t>(bundle.size())));
    QVERIFY(err);
    QCOMPARE(err->line, 6); // header, 2 domains, 2 teams, then the first person
    QCOMPARE(err->message, QStringLiteral("people are not welcome here"));
    QCOMPARE(err->toString(), QStringLiteral("line 6: people are not welcome here"));
    QCOMPARE(delivered, 5);
}

void tst_BundleParser::headerCallbackError_stopsParseAtLineOne()
{
    int delivered = 0;
    BundleParser parser([](const Header &) -> std::optional<QString> { return QStringLiteral("wrong source"); },
                        [&delivered](Record &&) -> std::optional<QString> {
                            ++delivered;
                            return std::nullopt;
                        });
    const QByteArray bundle = test::sampleBundle();
    const auto err = parser.feed(std::string_view(bundle.constData(), static_cast<std::size_t>(bundle.size())));
    QVERIFY(err);
    QCOMPARE(err->line, 1);
    QCOMPARE(err->message, QStringLiteral("wrong source"));
    QCOMPARE(delivered, 0);
}

void tst_BundleParser::invalidUtf8_isAnErrorNotACrash()
{
    const QByteArray bad[] = {
        QByteArray(R"({"type":"domain","id":")") + "\xff\xfe" + R"("})",
        QByteArray(R"({"type":"domain","id":"d","description":")") + "\xc3" + R"("})",         // truncated sequence
        QByteArray(R"({"type":"domain","id":"d","description":")") + "\xed\xa0\x80" + R"("})", // surrogate
        QByteArray(R"({"type":"domain","id":"d",")") + "\xc0\xaf" + R"(":"overlong key"})",
    };
    for (const QByteArray &line : bad) {
        const Outcome out = parse(withLine(line));
        QVERIFY2(out.error, line.toHex().constData());
        QCOMPARE(out.error->line, 2);
        QVERIFY(!out.error->message.isEmpty());
        QCOMPARE(out.records.size(), 0);
    }
    // In the header too.
    const Outcome header = parse(QByteArray("{\"format\":\"meshlens-bundle\xff\",\"version\":1}\n"));
    QVERIFY(header.error);
    QCOMPARE(header.error->line, 1);
}

void tst_BundleParser::longStrings_roundTrip()
{
    const QByteArray longText(10 * 1024, 'x');
    const QByteArray escaped = QByteArray("\\\"\\n\\u00e9").repeated(1000); // escapes and a non-ASCII letter
    const QByteArray line = R"({"type":"product","id":")" + longText + R"(","description":")" + escaped +
                            R"(","tags":[")" + longText + R"("]})";
    const Outcome out = parse(withLine(line));
    QVERIFY2(!out.error, qPrintable(out.error ? out.error->toString() : QString()));
    QCOMPARE(out.records.size(), 1);
    const QStringList &r = out.records.first();
    QVERIFY(r.contains(QStringLiteral("id=") + QString::fromLatin1(longText)));
    QVERIFY(r.contains(QStringLiteral("tags=") + QString::fromLatin1(longText)));
    QVERIFY(r.contains(QStringLiteral("description=") + QStringLiteral("\"\n\u00e9").repeated(1000)));
}

void tst_BundleParser::endRecord_provesCompleteness()
{
    const QByteArray bundle = test::sampleBundle();
    const int records = static_cast<int>(bundle.count('\n')) - 1; // every line but the header
    const QByteArray end =
        QByteArrayLiteral("{\"type\" : \"end\", \"records\": ") + QByteArray::number(records) + "}\n";

    const Outcome complete = parse(bundle + end);
    QVERIFY2(!complete.error, qPrintable(complete.error ? complete.error->toString() : QString()));
    QCOMPARE(complete.recordCount, records); // the trailer is not a record

    // A bundle cut on a line boundary but keeping a trailer of the whole (as a broken copy tool would) is refused.
    const QByteArray cut = bundle.left(bundle.lastIndexOf('\n', bundle.size() - 2) + 1);
    const Outcome shorter = parse(cut + end);
    QVERIFY(shorter.error);
    QCOMPARE(shorter.error->line, static_cast<std::int64_t>(records + 1));
    QVERIFY2(shorter.error->message.contains(QStringLiteral("incomplete")), qPrintable(shorter.error->message));

    const Outcome after = parse(bundle + end + R"({"type":"domain","id":"late"})" + '\n');
    QVERIFY(after.error);
    QVERIFY2(after.error->message.contains(QStringLiteral("after the \"end\"")), qPrintable(after.error->message));

    const Outcome noCount = parse(bundle + R"({"type":"end"})" + '\n');
    QVERIFY(noCount.error);
    QVERIFY(noCount.error->message.contains(QStringLiteral("\"records\"")));

    // A description that mentions "end" is an ordinary record.
    const Outcome word =
        parse(test::header() + R"({"type":"domain","id":"d","description":"the \"end\" of it"})" + '\n');
    QVERIFY(!word.error);
    QCOMPARE(word.recordCount, 1);
}

void tst_BundleParser::emptyInput_isReportedAtFinish_data()
{
    QTest::addColumn<QByteArray>("bundle");
    QTest::newRow("nothing") << QByteArray();
    QTest::newRow("blank lines") << QByteArray("\n\r\n   \n");
    QTest::newRow("byte-order mark only") << QByteArray("\xEF\xBB\xBF");
    QTest::newRow("spaces and tabs") << QByteArray(" \t ");
}

void tst_BundleParser::emptyInput_isReportedAtFinish()
{
    QFETCH(QByteArray, bundle);
    BundleParser parser({}, {});
    QVERIFY(!parser.feed(std::string_view(bundle.constData(), static_cast<std::size_t>(bundle.size()))));
    const auto err = parser.finish();
    QVERIFY(err);
    QCOMPARE(err->line, 0);
    QVERIFY2(err->message.contains(QStringLiteral("bundle is empty")), qPrintable(err->message));
    QCOMPARE(err->toString(), err->message); // no "line 0:" prefix for the bundle as a whole
}

void tst_BundleParser::parseRecordLine_parsesOneLine()
{
    Record record;
    QVERIFY(!BundleParser::parseRecordLine(R"({"type":"team","id":"t","domain":"d"})", record));
    QVERIFY(std::holds_alternative<Team>(record));
    QCOMPARE(std::get<Team>(record).domain, std::string("d"));

    const auto err = BundleParser::parseRecordLine(R"({"type":"team"})", record);
    QVERIFY(err);
    QVERIFY(err->contains(QStringLiteral("team record needs a non-empty 'id'")));

    Header header;
    QVERIFY(!BundleParser::parseHeaderLine(R"({"format":"meshlens-bundle","version":1,"mode":"delta","since":"s"})",
                                           header));
    QCOMPARE(header.mode, BundleMode::Delta);
    QCOMPARE(header.since, std::string("s"));
    QVERIFY(BundleParser::parseHeaderLine(R"({"format":"meshlens-bundle","version":1})", header));
}

void tst_BundleParser::peek_saysWhoseEachRecordIs()
{
    // Whose a record is, as BundleDigest reads it: the id of a domain, team, person or product; a child's product;
    // the product a lineage edge goes into.
    const auto owner = [](const Record &r) -> std::string {
        return std::visit(
            [](const auto &x) -> std::string {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, Lineage>) {
                    return "to:" + x.to;
                } else if constexpr (std::is_same_v<T, Domain> || std::is_same_v<T, Team> ||
                                     std::is_same_v<T, Person> || std::is_same_v<T, Product>) {
                    return "id:" + x.id;
                } else if constexpr (std::is_same_v<T, Tombstone>) {
                    return "tombstone";
                } else {
                    return "product:" + x.product;
                }
            },
            r);
    };
    const auto read = [&](bool peek) {
        QStringList out;
        BundleParser *self = nullptr;
        BundleParser parser([](const Header &) { return std::optional<QString>(); },
                            [&](Record &&r) {
                                const std::string_view line = self->recordLine();
                                Record full;
                                const auto err = BundleParser::parseRecordLine(line, full);
                                out << QStringLiteral("%1 %2 %3 %4")
                                           .arg(r.index())
                                           .arg(QString::fromStdString(owner(r)))
                                           .arg(self->recordLineHash() == lineHash(line))
                                           .arg(!err && full.index() == r.index() && owner(full) == owner(r));
                                return std::optional<QString>();
                            });
        self = &parser;
        parser.setPeek(peek);
        const QByteArray bytes = test::sampleBundle() + "{\"type\":\"end\",\"records\":22}\n";
        const auto err = parser.feed(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
        out << (err ? err->toString() : QStringLiteral("ok"));
        return out;
    };
    const QStringList full = read(false);
    QCOMPARE(full.size(), 23);
    QCOMPARE(full.last(), QStringLiteral("ok"));
    QCOMPARE(full.filter(QStringLiteral(" to:")).size(), 2);  // the two lineage edges
    QCOMPARE(full.filter(QStringLiteral(" 1 1")).size(), 22); // each line's hash, and parsed alone it is the same
    QCOMPARE(read(true), full);
}

QTEST_GUILESS_MAIN(tst_BundleParser)
#include "tst_bundleparser.moc"
