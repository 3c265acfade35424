// Tests for CatalogGenerator, the synthetic catalog writer behind `meshlens generate` and the bundled sample:
// determinism, conformance to the bundle format (every line parses, references come first), and the shape of the
// data that the catalog, health and lineage views depend on.

#include "models/generate/cataloggenerator.h"
#include "models/sync/bundleparser.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <variant>

using namespace meshlens::models;
using namespace meshlens::models::records;

namespace {

template<class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};

constexpr std::int64_t kAsOf = 1763683200; // 2025-11-21T00:00:00Z
constexpr std::int64_t kDay = 86400;

QByteArray generate(std::int64_t products, std::uint64_t seed, std::int64_t asOf = kAsOf)
{
    GeneratorOptions options;
    options.products = products;
    options.seed = seed;
    options.asOf = asOf;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto error = CatalogGenerator(options).write(buffer);
    if (error) {
        qWarning("generator failed: %s", qPrintable(*error));
        return {};
    }
    return buffer.data();
}

struct Parsed
{
    Header header;
    std::vector<Record> records;
    QString error;
};

// Feeds the bundle in odd-sized chunks, as a network read would deliver it.
Parsed parse(const QByteArray &bytes, qsizetype chunk = 777)
{
    Parsed out;
    BundleParser parser(
        [&](const Header &h) -> std::optional<QString> {
            out.header = h;
            return std::nullopt;
        },
        [&](Record &&r) -> std::optional<QString> {
            out.records.push_back(std::move(r));
            return std::nullopt;
        });
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        const auto n = std::min(chunk, bytes.size() - at);
        if (auto err = parser.feed(std::string_view(bytes.constData() + at, static_cast<std::size_t>(n)))) {
            out.error = err->toString();
            return out;
        }
    }
    if (auto err = parser.finish()) {
        out.error = err->toString();
    }
    return out;
}

template<typename T> std::vector<const T *> all(const Parsed &p)
{
    std::vector<const T *> out;
    for (const Record &r : p.records) {
        if (const T *t = std::get_if<T>(&r)) {
            out.push_back(t);
        }
    }
    return out;
}

} // namespace

class TestCatalogGenerator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void sameSeed_sameBytes();
    void differentSeed_differentBytes();
    void differentAsOf_movesTheWindow();
    void header_namesSeedAndAsOf();
    void everyLine_parses_andRefersOnlyToEarlierRecords();
    void recordCounts_arePlausible();
    void products_haveOwnersPortsAndColumns();
    void incompleteMetadata_isAMinority();
    void series_coverTheWholeWindow();
    void lineage_flowsFromEarlierToLaterProducts();
    void lineage_flowsSourceToAggregateToConsumer();
    void incidents_areEpisodes_withHealthyProductsAndOpenIncidents();
    void productId_matchesTheOutput();
    void productIds_areUnique_atScale();
    void progress_isReported_andCancelStops();
    void writeFailure_isReported();

private:
    QByteArray m_bytes;
    Parsed m_parsed;
    static constexpr std::int64_t kProducts = 200;
    static constexpr std::uint64_t kSeed = 7;
};

void TestCatalogGenerator::initTestCase()
{
    m_bytes = generate(kProducts, kSeed);
    QVERIFY(!m_bytes.isEmpty());
    m_parsed = parse(m_bytes);
    QVERIFY2(m_parsed.error.isEmpty(), qPrintable(m_parsed.error));
}

void TestCatalogGenerator::sameSeed_sameBytes()
{
    QCOMPARE(generate(kProducts, kSeed), m_bytes);
}

void TestCatalogGenerator::differentSeed_differentBytes()
{
    const QByteArray other = generate(kProducts, kSeed + 1);
    QVERIFY(!other.isEmpty());
    QVERIFY(other != m_bytes);
    // Not just a different header: the catalog itself differs.
    QVERIFY(other.mid(other.indexOf('\n')) != m_bytes.mid(m_bytes.indexOf('\n')));
}

void TestCatalogGenerator::differentAsOf_movesTheWindow()
{
    const Parsed later = parse(generate(20, kSeed, kAsOf + 7 * kDay));
    QVERIFY2(later.error.isEmpty(), qPrintable(later.error));
    const auto series = all<SlaMeasurement>(later);
    QVERIFY(!series.empty());
    QCOMPARE(series.front()->t0, kAsOf + 7 * kDay - 179 * kDay);
}

void TestCatalogGenerator::header_namesSeedAndAsOf()
{
    const Header &h = m_parsed.header;
    QCOMPARE(h.format, std::string("meshlens-bundle"));
    QCOMPARE(h.version, 1);
    QCOMPARE(h.mode, BundleMode::Snapshot);
    QCOMPARE(h.cursor, "gen-" + std::to_string(kSeed) + "-" + std::to_string(kAsOf));
    QCOMPARE(h.sourceName, std::string("generated"));
    QCOMPARE(h.generatedAt.value_or(0), kAsOf);
    QVERIFY(m_bytes.startsWith(R"({"format":"meshlens-bundle","version":1,"mode":"snapshot")"));
}

void TestCatalogGenerator::everyLine_parses_andRefersOnlyToEarlierRecords()
{
    // Every line but the header and the closing {"type":"end"} trailer is a record, and the trailer counts them.
    QCOMPARE(m_parsed.records.size() + 2, static_cast<std::size_t>(m_bytes.count('\n')));
    const QByteArray trailer =
        QByteArray(R"({"type":"end","records":)") + QByteArray::number(qsizetype(m_parsed.records.size())) + "}\n";
    QVERIFY(m_bytes.endsWith(trailer));

    std::set<std::string> domains, teams, people, products;
    std::string current; // the product whose children may follow
    std::set<std::string> ports, slas, checks;
    QString problem;
    auto expect = [&](bool ok, const std::string &what) {
        if (!ok && problem.isEmpty()) {
            problem = QString::fromStdString(what);
        }
    };
    auto child = [&](const std::string &product, const char *kind) {
        expect(product == current, std::string(kind) + " of " + product + " does not follow its product");
    };
    for (const Record &r : m_parsed.records) {
        std::visit(Overloaded{
                       [&](const Domain &d) {
                           expect(products.empty() && teams.empty(), "domain after teams or products");
                           expect(domains.insert(d.id).second, "duplicate domain " + d.id);
                       },
                       [&](const Team &t) {
                           expect(domains.count(t.domain) == 1, "team " + t.id + " before its domain");
                           expect(t.parent.empty() || teams.count(t.parent) == 1, "team parent comes later");
                           expect(teams.insert(t.id).second, "duplicate team " + t.id);
                       },
                       [&](const Person &p) {
                           expect(teams.count(p.team) == 1, "person " + p.id + " before its team");
                           expect(people.insert(p.id).second, "duplicate person " + p.id);
                       },
                       [&](const Product &p) {
                           expect(domains.count(p.domain) == 1, "product " + p.id + " before its domain");
                           for (const OwnerRef &o : p.owners) {
                               const auto &known = o.party == PartyKind::Person ? people : teams;
                               expect(known.count(o.id) == 1, "owner " + o.id + " of " + p.id + " comes later");
                           }
                           expect(products.insert(p.id).second, "duplicate product " + p.id);
                           current = p.id;
                           ports.clear();
                           slas.clear();
                           checks.clear();
                       },
                       [&](const Port &p) {
                           child(p.product, "port");
                           expect(ports.insert(p.id).second, "duplicate port " + p.id);
                       },
                       [&](const Sla &s) {
                           child(s.product, "sla");
                           expect(s.port.empty() || ports.count(s.port) == 1, "sla on an unknown port");
                           expect(slas.insert(s.id).second, "duplicate sla " + s.id);
                       },
                       [&](const SlaMeasurement &m) {
                           child(m.product, "sla_measurement");
                           expect(slas.count(m.sla) == 1, "measurement of an unknown sla " + m.sla);
                       },
                       [&](const Check &c) {
                           child(c.product, "check");
                           expect(c.port.empty() || ports.count(c.port) == 1, "check on an unknown port");
                           expect(checks.insert(c.id).second, "duplicate check " + c.id);
                       },
                       [&](const CheckResult &c) {
                           child(c.product, "check_result");
                           expect(checks.count(c.check) == 1, "result of an unknown check " + c.check);
                       },
                       [&](const Lineage &l) {
                           expect(l.to == current, "lineage edge into " + l.to + " is not grouped with it");
                           expect(products.count(l.from) == 1, "lineage from a later product " + l.from);
                       },
                       [&](const Tombstone &) { expect(false, "tombstone in a snapshot"); },
                   },
                   r);
    }
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestCatalogGenerator::recordCounts_arePlausible()
{
    const auto domains = all<Domain>(m_parsed);
    QVERIFY2(domains.size() >= 8 && domains.size() <= 12, qPrintable(QString::number(domains.size())));
    std::set<std::string> kinds;
    for (const Domain *d : domains) {
        kinds.insert(d->kind);
        QVERIFY(!d->displayName.empty());
        QVERIFY(!d->description.empty());
    }
    QCOMPARE(kinds, (std::set<std::string>{"source-aligned", "aggregate", "consumer-aligned"}));

    const auto teams = all<Team>(m_parsed);
    QVERIFY(teams.size() >= 2 * domains.size());
    QVERIFY(teams.size() <= 6 * domains.size());
    const auto people = all<Person>(m_parsed);
    QVERIFY(people.size() >= 30);
    QVERIFY(people.size() <= static_cast<std::size_t>(kProducts));
    for (const Person *p : people) {
        QVERIFY(!p->displayName.empty());
        QVERIFY(p->email.find('@') != std::string::npos);
    }

    QCOMPARE(all<Product>(m_parsed).size(), static_cast<std::size_t>(kProducts));
    const auto slas = all<Sla>(m_parsed).size();
    const auto checks = all<Check>(m_parsed).size();
    QVERIFY(slas >= kProducts && slas <= 3 * kProducts);
    QVERIFY(checks >= kProducts && checks <= 5 * kProducts);
    QVERIFY(all<SlaMeasurement>(m_parsed).size() <= slas);
    QVERIFY(all<SlaMeasurement>(m_parsed).size() >= slas * 9 / 10);
    QVERIFY(all<CheckResult>(m_parsed).size() <= checks);
}

void TestCatalogGenerator::products_haveOwnersPortsAndColumns()
{
    std::map<std::string, int> outputPorts;
    std::set<std::string> seenFirstPort;
    int firstPortColumns = 0;
    int firstPortDescribed = 0;
    for (const Port *p : all<Port>(m_parsed)) {
        QVERIFY2(p->columns.size() >= 5 && p->columns.size() <= 40, qPrintable(QString::number(p->columns.size())));
        QVERIFY(p->columns.front().primaryKey);
        QVERIFY(!p->columns.front().nullable);
        QVERIFY(!p->format.empty());
        int described = 0;
        for (const Column &c : p->columns) {
            QVERIFY(!c.type.empty());
            described += c.description.empty() ? 0 : 1;
        }
        // A product's first port documents most of its columns; later ports re-expose the same data.
        if (seenFirstPort.insert(p->product).second) {
            QVERIFY(described >= 1); // the key column at least
            firstPortColumns += static_cast<int>(p->columns.size());
            firstPortDescribed += described;
        }
        if (p->direction == "output") {
            ++outputPorts[p->product];
        }
    }
    QVERIFY2(firstPortDescribed * 100 >= firstPortColumns * 55,
             qPrintable(QStringLiteral("%1 of %2 described").arg(firstPortDescribed).arg(firstPortColumns)));
    int withPorts = 0;
    for (const Product *p : all<Product>(m_parsed)) {
        QVERIFY2(!p->owners.empty(), p->id.c_str());
        QVERIFY(std::any_of(p->owners.begin(), p->owners.end(),
                            [](const OwnerRef &o) { return o.role == Role::Owner && o.party == PartyKind::Team; }));
        QVERIFY(p->tier.has_value());
        QVERIFY(!p->displayName.empty() && !p->version.empty() && p->updatedAt.has_value());
        const int n = outputPorts[p->id];
        QVERIFY(n <= 3);
        withPorts += n > 0 ? 1 : 0;
    }
    QVERIFY(withPorts >= kProducts * 9 / 10);
    // PII columns carry the pii tag somewhere in the catalog.
    bool piiTagged = false;
    for (const Port *p : all<Port>(m_parsed)) {
        for (const Column &c : p->columns) {
            piiTagged = piiTagged || (c.name.find("email") != std::string::npos &&
                                      std::find(c.tags.begin(), c.tags.end(), "pii") != c.tags.end());
        }
    }
    QVERIFY(piiTagged);
}

void TestCatalogGenerator::incompleteMetadata_isAMinority()
{
    std::set<std::string> withSla;
    for (const Sla *s : all<Sla>(m_parsed)) {
        withSla.insert(s->product);
    }
    int incomplete = 0;
    std::map<std::string, int> statuses;
    std::map<int, int> tiers;
    for (const Product *p : all<Product>(m_parsed)) {
        incomplete += (p->description.empty() || p->tags.empty() || withSla.count(p->id) == 0) ? 1 : 0;
        ++statuses[p->status];
        ++tiers[p->tier.value_or(0)];
        QVERIFY(p->tags.size() <= 5);
    }
    QVERIFY2(incomplete >= 2 && incomplete <= kProducts / 5, qPrintable(QString::number(incomplete)));
    QVERIFY(statuses["active"] > kProducts / 2);
    QVERIFY(statuses.size() >= 3);
    QVERIFY(tiers[1] < tiers[3]); // few tier 1
}

void TestCatalogGenerator::series_coverTheWholeWindow()
{
    const std::int64_t start = kAsOf - 179 * kDay;
    for (const SlaMeasurement *m : all<SlaMeasurement>(m_parsed)) {
        QCOMPARE(m->values.size(), std::size_t{180});
        QCOMPARE(m->t0, start);
        QCOMPARE(m->step, kDay);
    }
    for (const CheckResult *r : all<CheckResult>(m_parsed)) {
        QCOMPARE(r->statuses.size(), std::size_t{180});
        QCOMPARE(r->t0, start);
        QCOMPARE(r->step, kDay);
        QVERIFY(r->values.empty());
    }
}

void TestCatalogGenerator::lineage_flowsFromEarlierToLaterProducts()
{
    std::map<std::string, int> index;
    for (const Product *p : all<Product>(m_parsed)) {
        index.emplace(p->id, static_cast<int>(index.size()));
    }
    const auto edges = all<Lineage>(m_parsed);
    std::set<std::pair<std::string, std::string>> unique;
    int mapped = 0;
    for (const Lineage *l : edges) {
        QVERIFY(index.count(l->from) == 1 && index.count(l->to) == 1);
        QVERIFY2(index[l->from] < index[l->to], (l->from + " -> " + l->to).c_str());
        QVERIFY(unique.emplace(l->from, l->to).second);
        mapped += l->columns.empty() ? 0 : 1;
    }
    const double perProduct = static_cast<double>(edges.size()) / kProducts;
    QVERIFY2(perProduct >= 1.0 && perProduct <= 2.0, qPrintable(QString::number(perProduct)));
    QVERIFY(mapped > 0 && mapped < static_cast<int>(edges.size()));
}

void TestCatalogGenerator::lineage_flowsSourceToAggregateToConsumer()
{
    std::map<std::string, std::string> domainKind, productKind;
    for (const Domain *d : all<Domain>(m_parsed)) {
        domainKind[d->id] = d->kind;
    }
    for (const Product *p : all<Product>(m_parsed)) {
        productKind[p->id] = domainKind[p->domain];
    }
    std::map<std::pair<std::string, std::string>, int> flows;
    for (const Lineage *l : all<Lineage>(m_parsed)) {
        ++flows[{productKind[l->from], productKind[l->to]}];
    }
    for (const auto &[flow, count] : flows) {
        QVERIFY2(flow.first != "consumer-aligned", "consumer-aligned products feed nothing");
        QVERIFY2(flow.second != "source-aligned" || flow.first == "source-aligned", "nothing flows back to sources");
    }
    const std::pair<std::string, std::string> sourceToAggregate{"source-aligned", "aggregate"};
    const std::pair<std::string, std::string> aggregateToConsumer{"aggregate", "consumer-aligned"};
    QVERIFY(flows[sourceToAggregate] > 0);
    QVERIFY(flows[aggregateToConsumer] > 0);
}

void TestCatalogGenerator::incidents_areEpisodes_withHealthyProductsAndOpenIncidents()
{
    std::int64_t fails = 0, runs = 0, total = 0;
    std::set<std::string> failing, failingLately, openIncident, withResults;
    for (const CheckResult *r : all<CheckResult>(m_parsed)) {
        withResults.insert(r->product);
        char previous = 0;
        for (std::size_t day = 0; day < r->statuses.size(); ++day) {
            const char c = r->statuses[day];
            total += 1;
            if (c == 'F') {
                fails += 1;
                runs += previous == 'F' ? 0 : 1;
                failing.insert(r->product);
                if (day + 30 >= r->statuses.size()) {
                    failingLately.insert(r->product);
                }
            }
            previous = c;
        }
        if (r->statuses.back() == 'F') {
            openIncident.insert(r->product);
        }
    }
    const double failFraction = static_cast<double>(fails) / static_cast<double>(total);
    QVERIFY2(failFraction >= 0.01 && failFraction <= 0.25, qPrintable(QString::number(failFraction)));
    // Failures cluster into multi-day episodes rather than scattering day by day.
    QVERIFY2(static_cast<double>(fails) / static_cast<double>(runs) > 1.5,
             qPrintable(QString::number(static_cast<double>(fails) / static_cast<double>(runs))));
    QVERIFY(!openIncident.empty());
    QVERIFY(openIncident.size() < withResults.size() / 4);
    // Most products are healthy lately, some all along; a few are chronically flaky.
    QVERIFY2(failingLately.size() < withResults.size() / 2, qPrintable(QString::number(failingLately.size())));
    QVERIFY2(failing.size() < withResults.size() * 9 / 10, qPrintable(QString::number(failing.size())));

    // SLA breaches exist too, and most days meet their objective.
    std::map<std::pair<std::string, std::string>, const Sla *> slas;
    for (const Sla *s : all<Sla>(m_parsed)) {
        slas[{s->product, s->id}] = s;
    }
    std::int64_t breaches = 0, points = 0, gaps = 0;
    for (const SlaMeasurement *m : all<SlaMeasurement>(m_parsed)) {
        const Sla *s = slas.at({m->product, m->sla});
        for (float v : m->values) {
            if (std::isnan(v)) {
                ++gaps;
                continue;
            }
            ++points;
            breaches += (s->op == ">=" ? v < s->target : v > s->target) ? 1 : 0;
        }
    }
    QVERIFY(gaps > 0);
    QVERIFY2(breaches > points / 200 && breaches < points / 5, qPrintable(QString::number(breaches)));
}

void TestCatalogGenerator::productId_matchesTheOutput()
{
    GeneratorOptions options;
    options.products = kProducts;
    options.seed = kSeed;
    options.asOf = kAsOf;
    const CatalogGenerator generator(options);
    const auto products = all<Product>(m_parsed);
    for (std::size_t i = 0; i < products.size(); ++i) {
        QCOMPARE(generator.productId(static_cast<std::int64_t>(i)), products[i]->id);
        QCOMPARE(products[i]->id.substr(0, products[i]->domain.size() + 1), products[i]->domain + ".");
    }
    QVERIFY(generator.productId(-1).empty());
    QVERIFY(generator.productId(kProducts).empty());
}

void TestCatalogGenerator::productIds_areUnique_atScale()
{
    // Far more products than name combinations, so names repeat and need suffixes.
    GeneratorOptions options;
    options.products = 20000;
    options.seed = 3;
    const CatalogGenerator generator(options);
    std::set<std::string> ids;
    for (std::int64_t i = 0; i < options.products; ++i) {
        const std::string id = generator.productId(i);
        QVERIFY(!id.empty());
        QVERIFY2(ids.insert(id).second, id.c_str());
    }
}

void TestCatalogGenerator::progress_isReported_andCancelStops()
{
    GeneratorOptions options;
    options.products = 12000;
    options.seed = 5;
    options.asOf = kAsOf;
    std::vector<std::int64_t> reported;
    std::atomic<bool> cancel = false;
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const auto error = CatalogGenerator(options).write(
            buffer,
            [&](std::int64_t n) {
                reported.push_back(n);
                cancel = n >= 5000; // stop at the next check
            },
            &cancel);
        QVERIFY(error.has_value());
        QVERIFY(!reported.empty());
        QCOMPARE(reported.back(), std::int64_t{5000});
        // What was written stops at a line boundary, short of the full catalog.
        const QByteArray bytes = buffer.data();
        QVERIFY(bytes.endsWith('\n'));
        QCOMPARE(bytes.count(R"("type":"product")"), qsizetype{10000});
    }
    reported.clear();
    options.products = 300;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(!CatalogGenerator(options).write(buffer, [&](std::int64_t n) { reported.push_back(n); }).has_value());
    QCOMPARE(reported.back(), std::int64_t{300});
    QVERIFY(std::is_sorted(reported.begin(), reported.end()));
}

void TestCatalogGenerator::writeFailure_isReported()
{
    GeneratorOptions options;
    options.products = 10;
    options.asOf = kAsOf;
    QBuffer buffer;
    buffer.open(QIODevice::ReadOnly); // every write fails
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("ReadOnly device")));
    const auto error = CatalogGenerator(options).write(buffer);
    QVERIFY(error.has_value());
    QVERIFY(!error->isEmpty());
}

QTEST_GUILESS_MAIN(TestCatalogGenerator)
#include "tst_cataloggenerator.moc"
