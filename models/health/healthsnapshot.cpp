#include "healthsnapshot.h"

#include "healthstore.h"

#include "../logging.h"
#include "../store/catalogreader.h"
#include "../store/seriesreader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <map>

namespace meshlens::models {

namespace {

constexpr std::int64_t kDay = 86400;
constexpr int kCalendarDays = 180;

// The translation context of this file's free functions (lupdate reads Q_DECLARE_TR_FUNCTIONS).
struct HealthSnapshotText
{
    Q_DECLARE_TR_FUNCTIONS(HealthSnapshotText)
};

TimeRange windowFor(std::int64_t now, int days)
{
    return {now - static_cast<std::int64_t>(days) * kDay + 1, now + 1};
}

// Per-product metadata facts; `?1` restricts to one product when `one` is set.
std::string metadataSql(bool one, const std::string &where = {})
{
    return std::string("SELECT e.id, e.domain_id, trim(e.description) <> '', "
                       " EXISTS(SELECT 1 FROM ownerships o WHERE o.entry_id = e.id AND o.role = 'owner'), "
                       " EXISTS(SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id), "
                       " EXISTS(SELECT 1 FROM sla_objectives s WHERE s.entry_id = e.id) "
                       "FROM entries e ") +
           (one ? "WHERE e.id = ?1" : where + "ORDER BY e.id");
}

// Column counts per product: each port stores how many columns it has and how many of them are described.
std::string columnsSql(bool one, const std::string &where = {})
{
    return std::string("SELECT entry_id, sum(n_columns), sum(n_described) FROM ports ") +
           (one ? "WHERE entry_id = ?1 GROUP BY entry_id" : where + "GROUP BY entry_id ORDER BY entry_id");
}

SlaSpec specFrom(double target, const QString &op)
{
    SlaSpec spec;
    spec.target = target;
    spec.atLeast = op == QLatin1String(">=");
    return spec;
}

void accumulate(HealthComponents &c, double &slaSum, int &slaCount, const SlaEvaluation &e)
{
    if (e.compliance) {
        slaSum += *e.compliance;
        ++slaCount;
    }
    c.openIncidents += e.breachedNow() ? 1 : 0;
}

} // namespace

QString ownerRoleName(OwnerRole role)
{
    switch (role) {
    case OwnerRole::Owner:
        return HealthSnapshotText::tr("owner");
    case OwnerRole::Steward:
        return HealthSnapshotText::tr("steward");
    case OwnerRole::Expert:
        return HealthSnapshotText::tr("expert");
    }
    return {};
}

namespace {

std::uint8_t internName(std::vector<QString> &names, std::map<QString, std::uint8_t> &index, const QString &name)
{
    if (const auto it = index.find(name); it != index.end()) {
        return it->second;
    }
    if (names.size() >= 255) {
        return 255; // more distinct kinds than anyone declares: share the last slot
    }
    names.push_back(name);
    return index[name] = static_cast<std::uint8_t>(names.size() - 1);
}

} // namespace

std::optional<ObjectiveHealthRow> declaredObjective(HealthSnapshot &snap, HealthNames &names, const Statement &row)
{
    const auto product = snap.productIndex(row.int64(1));
    if (!product) {
        return std::nullopt;
    }
    ObjectiveHealthRow o;
    o.id = row.int64(0);
    o.product = *product;
    o.kind = internName(snap.kinds, names.kinds, row.text(2));
    o.unit = internName(snap.units, names.units, row.text(3));
    o.atLeast = row.textView(4) == ">=";
    o.target = static_cast<float>(row.real(5));
    return o;
}

HealthComponents ProductHealthRow::components() const
{
    HealthComponents c;
    if (!std::isnan(sla)) {
        c.sla = sla;
    }
    if (!std::isnan(quality)) {
        c.quality = quality;
    }
    c.metadata = metadata;
    c.openIncidents = openIncidents();
    return c;
}

void HealthRollup::add(const ProductHealthRow &p)
{
    ++products;
    ++scored;
    scoreSum += p.score;
    ++bands[static_cast<std::size_t>(p.band)];
    breachedNow += p.breachedNow;
    openIncidents += p.openIncidents();
    worstScore = std::min<int>(worstScore, p.score);
}

std::optional<double> HealthRollup::meanScore() const
{
    return scored > 0 ? std::optional<double>(static_cast<double>(scoreSum) / static_cast<double>(scored))
                      : std::nullopt;
}

std::optional<std::int32_t> HealthSnapshot::productIndex(std::int64_t productId) const
{
    if (!denseIndex.empty()) {
        if (productId < 0 || productId >= static_cast<std::int64_t>(denseIndex.size())) {
            return std::nullopt;
        }
        const std::int32_t i = denseIndex[static_cast<std::size_t>(productId)];
        return i >= 0 ? std::optional<std::int32_t>(i) : std::nullopt;
    }
    const auto it = std::lower_bound(products.begin(), products.end(), productId,
                                     [](const ProductHealthRow &p, std::int64_t id) { return p.id < id; });
    if (it == products.end() || it->id != productId) {
        return std::nullopt;
    }
    return static_cast<std::int32_t>(it - products.begin());
}

std::optional<std::int32_t> HealthSnapshot::findParty(const QString &identity) const
{
    const QString key = identity.trimmed();
    if (key.isEmpty()) {
        return std::nullopt;
    }
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < parties.size(); ++i) {
            const PartyRow &p = parties[i];
            if (p.team != (pass == 1)) {
                continue;
            }
            if (p.extId.compare(key, Qt::CaseInsensitive) == 0 || p.email.compare(key, Qt::CaseInsensitive) == 0 ||
                p.name.compare(key, Qt::CaseInsensitive) == 0) {
                return static_cast<std::int32_t>(i);
            }
        }
    }
    return std::nullopt;
}

std::int64_t healthEvaluationTime(Database &db)
{
    Statement st = db.prepare("SELECT max(snapshot_at) FROM sources");
    if (st.next() && !st.isNull(0)) {
        return st.int64(0);
    }
    return QDateTime::currentSecsSinceEpoch();
}

void scoreProduct(ProductHealthRow &p, const HealthPolicy &policy)
{
    p.score = static_cast<std::uint8_t>(healthScore(p.components(), policy));
    p.band = healthBand(p.score, policy);
}

void indexProducts(HealthSnapshot &snap)
{
    const std::size_t n = snap.products.size();
    const std::int64_t maxId = n ? snap.products.back().id : 0;
    snap.denseIndex.clear();
    if (maxId <= static_cast<std::int64_t>(4 * n + 1024)) {
        snap.denseIndex.assign(static_cast<std::size_t>(maxId + 1), -1);
        for (std::size_t i = 0; i < n; ++i) {
            snap.denseIndex[static_cast<std::size_t>(snap.products[i].id)] = static_cast<std::int32_t>(i);
        }
    }
}

std::optional<QString> evaluateHealth(Database &db, HealthSnapshot &snap, std::vector<std::int64_t> &domainIds,
                                      const std::vector<std::int64_t> *scope, const std::atomic<bool> *cancel,
                                      const std::function<void(int)> &progress)
{
    const auto cancelled = [cancel]() { return cancel && cancel->load(std::memory_order_relaxed); };
    const auto report = [&progress](int percent) {
        if (progress) {
            progress(percent);
        }
    };
    const auto fail = [](const std::optional<StoreError> &err, const char *what) {
        return QCoreApplication::translate("HealthSnapshot", "Reading %1 from the catalog cache failed: %2")
            .arg(QLatin1String(what), err ? err->message : QString());
    };
    const QString kCancelled = QStringLiteral("cancelled");
    QElapsedTimer clock;
    clock.start();
    QStringList phases; // where the time goes, in the log like the sync's commit phases
    const auto phase = [&clock, &phases](const char *name) {
        phases << QStringLiteral("%1 %2").arg(QLatin1String(name)).arg(clock.restart());
    };
    const HealthPolicy &policy = snap.policy;
    // A scope is a temporary table of product ids the queries join; the whole catalog reads every row.
    if (scope) {
        if (auto err = db.exec("CREATE TEMP TABLE IF NOT EXISTS health_scope(id INTEGER PRIMARY KEY); "
                               "DELETE FROM temp.health_scope;")) {
            return err->message;
        }
        Statement add = db.prepare("INSERT OR IGNORE INTO temp.health_scope(id) VALUES(?1)");
        for (const std::int64_t id : *scope) {
            add.reset();
            if (!add.bind(1, id).exec()) {
                return fail(add.error(), "changed products");
            }
        }
    }
    const std::string inScope = "IN (SELECT id FROM temp.health_scope)";

    // Products and their metadata facts.
    std::vector<MetadataFacts> facts;
    {
        Statement st = db.prepare(metadataSql(false, scope ? "WHERE e.id " + inScope + " " : std::string()));
        while (st.next()) {
            ProductHealthRow row;
            row.id = st.int64(0);
            snap.products.push_back(row);
            domainIds.push_back(st.isNull(1) ? 0 : st.int64(1));
            MetadataFacts f;
            f.description = st.int64(2) != 0;
            f.owner = st.int64(3) != 0;
            f.tags = st.int64(4) != 0;
            f.slaDeclared = st.int64(5) != 0;
            facts.push_back(f);
        }
        if (st.error()) {
            return fail(st.error(), "products");
        }
    }
    const std::size_t n = snap.products.size();
    indexProducts(snap);
    phase("products");
    report(5);
    if (cancelled()) {
        return kCancelled;
    }
    {
        Statement st = db.prepare(columnsSql(false, scope ? "WHERE entry_id " + inScope + " " : std::string()));
        while (st.next()) {
            if (const auto i = snap.productIndex(st.int64(0))) {
                facts[static_cast<std::size_t>(*i)].columns = st.int64(1);
                facts[static_cast<std::size_t>(*i)].describedColumns = st.int64(2);
            }
        }
        if (st.error()) {
            return fail(st.error(), "schemas");
        }
    }
    phase("schemas");
    report(15);

    // Objectives, then their series: one scan over every series for the whole catalog, a read per objective for
    // a scope (a delta's few products).
    std::vector<double> slaSum(n, 0.0);
    std::vector<std::uint16_t> slaCount(n, 0);
    {
        HealthNames names;
        Statement st = db.prepare("SELECT id, entry_id, kind, unit, op, target FROM sla_objectives " +
                                  (scope ? "WHERE entry_id " + inScope + " " : std::string()) + "ORDER BY id");
        while (st.next()) {
            if (const auto o = declaredObjective(snap, names, st)) {
                snap.objectives.push_back(*o);
                ++snap.products[static_cast<std::size_t>(o->product)].objectives;
            }
        }
        if (st.error()) {
            return fail(st.error(), "SLA objectives");
        }
    }
    report(20);
    SeriesReader series(db);
    const auto applySla = [&](ObjectiveHealthRow &o, std::span<const SeriesPoint> points) {
        SlaSpec spec;
        spec.target = o.target;
        spec.atLeast = o.atLeast;
        const SlaEvaluation e = evaluateSla(spec, points, snap.window, snap.now, policy.goal);
        o.state = e.state;
        o.latest = e.latest ? static_cast<float>(*e.latest) : o.latest;
        o.compliance = e.compliance ? static_cast<float>(*e.compliance) : o.compliance;
        o.budgetRemaining = e.budgetRemaining ? static_cast<float>(*e.budgetRemaining) : o.budgetRemaining;
        o.burnRate = e.burnRate ? static_cast<float>(*e.burnRate) : o.burnRate;
        o.lastBreachEnd = e.lastBreachEnd.value_or(ObjectiveHealthRow::kNever);
        if (!e.breaches.empty() && !e.breaches.back().end) {
            o.breachSince = e.breaches.back().start;
        }
        o.rejected = static_cast<std::int32_t>(e.rejected);
        snap.rejectedPoints += e.rejected;
        const auto p = static_cast<std::size_t>(o.product);
        if (e.compliance) {
            slaSum[p] += *e.compliance;
            ++slaCount[p];
        }
        snap.products[p].breachedNow += e.breachedNow() ? 1 : 0;
    };
    if (scope) {
        for (ObjectiveHealthRow &o : snap.objectives) {
            const std::vector<SeriesPoint> points = series.sla(o.id);
            if (!points.empty()) { // as the scan, which visits only objectives with points
                applySla(o, points);
            }
        }
    } else {
        std::size_t cursor = 0, visited = 0;
        const std::size_t total = std::max<std::size_t>(1, snap.objectives.size());
        series.forEachSla({}, [&](std::int64_t objectiveId, std::span<const SeriesPoint> points) {
            while (cursor < snap.objectives.size() && snap.objectives[cursor].id < objectiveId) {
                ++cursor;
            }
            if (cursor == snap.objectives.size() || snap.objectives[cursor].id != objectiveId) {
                return !cancelled();
            }
            applySla(snap.objectives[cursor], points);
            if (++visited % 4096 == 0) {
                report(20 + static_cast<int>(40 * visited / total));
            }
            return !cancelled();
        });
    }
    if (series.error()) {
        return fail(series.error(), "SLA measurements");
    }
    if (cancelled()) {
        return kCancelled;
    }
    phase("sla series");
    report(60);

    // Checks: pass rates and open incidents.
    std::vector<std::int32_t> checkProduct;
    std::vector<std::int64_t> checkIds;
    {
        Statement st = db.prepare("SELECT id, entry_id FROM checks " +
                                  (scope ? "WHERE entry_id " + inScope + " " : std::string()) + "ORDER BY id");
        while (st.next()) {
            if (const auto product = snap.productIndex(st.int64(1))) {
                checkIds.push_back(st.int64(0));
                checkProduct.push_back(*product);
            }
        }
    }
    std::vector<RunCounts> counts(n);
    const auto applyCheck = [&](std::size_t k, std::span<const CheckRun> runs) {
        const auto p = static_cast<std::size_t>(checkProduct[k]);
        const CheckEvaluation e = evaluateCheck(runs, snap.window, snap.now);
        counts[p].add(e.counts);
        snap.products[p].failingChecks += e.failingNow ? 1 : 0;
    };
    if (scope) {
        for (std::size_t k = 0; k < checkIds.size(); ++k) {
            const std::vector<CheckRun> runs = series.check(checkIds[k]);
            if (!runs.empty()) {
                applyCheck(k, runs);
            }
        }
    } else {
        std::size_t cursor = 0;
        const std::size_t total = std::max<std::size_t>(1, checkIds.size());
        series.forEachCheck({}, [&](std::int64_t checkId, std::span<const CheckRun> runs) {
            while (cursor < checkIds.size() && checkIds[cursor] < checkId) {
                ++cursor;
            }
            if (cursor == checkIds.size() || checkIds[cursor] != checkId) {
                return !cancelled();
            }
            applyCheck(cursor, runs);
            if (cursor % 4096 == 0) {
                report(60 + static_cast<int>(30 * cursor / total));
            }
            return !cancelled();
        });
    }
    if (series.error()) {
        return fail(series.error(), "check results");
    }
    for (std::size_t i = 0; i < n; ++i) {
        ProductHealthRow &p = snap.products[i];
        if (const auto rate = counts[i].passRate()) {
            p.quality = static_cast<float>(*rate);
        }
        if (slaCount[i] > 0) {
            p.sla = static_cast<float>(slaSum[i] / slaCount[i]);
        }
        p.metadata = static_cast<float>(metadataCompleteness(facts[i]));
        scoreProduct(p, policy);
    }
    if (cancelled()) {
        return kCancelled;
    }
    phase("check series");
    report(90);
    qCInfo(lcStore) << "health evaluation:" << n << "products," << snap.objectives.size()
                    << "objectives; phases (ms):" << qPrintable(phases.join(QLatin1Char(' ')));
    return std::nullopt;
}

namespace {

// The second half of a snapshot: names, domains and parties, and the roll-ups over the evaluated products.
std::optional<QString> assembleSnapshot(Database &db, HealthSnapshot &snap, const std::vector<std::int64_t> &domainIds)
{
    const std::size_t n = snap.products.size();
    {
        Statement st =
            db.prepare("SELECT id FROM entries ORDER BY coalesce(nullif(display_name, ''), name) COLLATE NOCASE, id");
        std::int32_t rank = 0;
        while (st.next()) {
            if (const auto i = snap.productIndex(st.int64(0))) {
                snap.products[static_cast<std::size_t>(*i)].nameRank = rank++;
            }
        }
    }
    // Domains.
    {
        std::map<std::int64_t, std::size_t> domainIndex;
        Statement st = db.prepare("SELECT id, coalesce(nullif(display_name, ''), name) FROM domains "
                                  "ORDER BY 2 COLLATE NOCASE, id");
        while (st.next()) {
            domainIndex[st.int64(0)] = snap.domains.size();
            snap.domains.push_back(DomainRow{st.int64(0), st.text(1), {}, {}});
        }
        for (std::size_t i = 0; i < n; ++i) {
            auto it = domainIndex.find(domainIds[i]);
            if (it == domainIndex.end()) {
                it = domainIndex.emplace(domainIds[i], snap.domains.size()).first;
                snap.domains.push_back(DomainRow{0, HealthSnapshotText::tr("(no domain)"), {}, {}});
            }
            snap.products[i].domain = static_cast<std::int32_t>(it->second);
            DomainRow &d = snap.domains[it->second];
            d.rollup.add(snap.products[i]);
            // Keep the 10 worst: a bounded max-heap by score.
            const auto worse = [&snap](std::int32_t a, std::int32_t b) {
                return snap.products[static_cast<std::size_t>(a)].score <
                       snap.products[static_cast<std::size_t>(b)].score;
            };
            d.worst.push_back(static_cast<std::int32_t>(i));
            std::push_heap(d.worst.begin(), d.worst.end(), worse);
            if (d.worst.size() > 10) {
                std::pop_heap(d.worst.begin(), d.worst.end(), worse);
                d.worst.pop_back();
            }
        }
        for (DomainRow &d : snap.domains) {
            std::sort(d.worst.begin(), d.worst.end(), [&snap](std::int32_t a, std::int32_t b) {
                const auto &pa = snap.products[static_cast<std::size_t>(a)];
                const auto &pb = snap.products[static_cast<std::size_t>(b)];
                return pa.score != pb.score ? pa.score < pb.score : pa.id < pb.id;
            });
        }
    }

    // Parties and what they answer for.
    std::map<std::pair<bool, std::int64_t>, std::int32_t> partyIndex;
    Statement st =
        db.prepare("SELECT 0, p.id, p.ext_id, coalesce(nullif(p.display_name, ''), p.name), coalesce(p.email, ''), "
                   "       coalesce(nullif(t.display_name, ''), t.name, '') "
                   "  FROM people p LEFT JOIN teams t ON t.source_id = p.source_id AND t.ext_id = p.team_ext "
                   "UNION ALL "
                   "SELECT 1, id, ext_id, coalesce(nullif(display_name, ''), name), coalesce(email, ''), '' FROM teams "
                   "ORDER BY 4 COLLATE NOCASE, 1, 2");
    while (st.next()) {
        PartyRow p;
        p.team = st.int64(0) != 0;
        p.id = st.int64(1);
        p.extId = st.text(2);
        p.name = st.text(3);
        p.email = st.text(4);
        p.teamName = st.text(5);
        partyIndex[{p.team, p.id}] = static_cast<std::int32_t>(snap.parties.size());
        snap.parties.push_back(std::move(p));
    }
    Statement own = db.prepare("SELECT party_kind = 'team', party_id, role, entry_id FROM ownerships");
    while (own.next()) {
        const auto party = partyIndex.find({own.int64(0) != 0, own.int64(1)});
        const auto product = snap.productIndex(own.int64(3));
        if (party == partyIndex.end() || !product) {
            continue;
        }
        const std::string_view role = own.textView(2);
        const OwnerRole r = role == "owner"     ? OwnerRole::Owner
                            : role == "steward" ? OwnerRole::Steward
                                                : OwnerRole::Expert;
        snap.ownerships.push_back({party->second, *product, r});
    }
    if (own.error()) {
        return QCoreApplication::translate("HealthSnapshot", "Reading %1 from the catalog cache failed: %2")
            .arg(QStringLiteral("ownerships"), own.error()->message);
    }
    std::sort(snap.ownerships.begin(), snap.ownerships.end(), [](const Ownership &a, const Ownership &b) {
        return a.party != b.party       ? a.party < b.party
               : a.product != b.product ? a.product < b.product
                                        : a.role < b.role;
    });
    snap.partyOwnershipStart.assign(snap.parties.size() + 1, 0);
    for (std::size_t k = 0; k < snap.ownerships.size(); ++k) {
        const Ownership &o = snap.ownerships[k];
        PartyRow &party = snap.parties[static_cast<std::size_t>(o.party)];
        const ProductHealthRow &p = snap.products[static_cast<std::size_t>(o.product)];
        party.rollups[static_cast<std::size_t>(o.role)].add(p);
        if (k == 0 || snap.ownerships[k - 1].party != o.party || snap.ownerships[k - 1].product != o.product) {
            party.rollups[kOwnerRoles].add(p);
        }
        ++snap.partyOwnershipStart[static_cast<std::size_t>(o.party) + 1];
    }
    for (std::size_t i = 1; i < snap.partyOwnershipStart.size(); ++i) {
        snap.partyOwnershipStart[i] += snap.partyOwnershipStart[i - 1];
    }
    return std::nullopt;
}

} // namespace

HealthBuildResult buildHealthSnapshot(Database &db, const HealthPolicy &policy, std::optional<std::int64_t> now,
                                      const std::atomic<bool> *cancel, const std::function<void(int)> &progress,
                                      HealthRead read)
{
    HealthBuildResult result;
    const auto cancelled = [cancel]() { return cancel && cancel->load(std::memory_order_relaxed); };
    QElapsedTimer clock;
    clock.start();
    auto snap = std::make_shared<HealthSnapshot>();
    snap->policy = policy;
    snap->now = now.value_or(healthEvaluationTime(db));
    snap->window = windowFor(snap->now, policy.windowDays);
    std::vector<std::int64_t> domainIds;
    if (read != HealthRead::Evaluate && HealthStore::load(db, *snap, domainIds)) {
        result.fromStore = true;
        if (progress) {
            progress(60);
        }
    } else if (read == HealthRead::StoredOnly) {
        result.cancelled = true;
        return result;
    } else {
        *snap = HealthSnapshot{};
        snap->policy = policy;
        snap->now = now.value_or(healthEvaluationTime(db));
        snap->window = windowFor(snap->now, policy.windowDays);
        domainIds.clear();
        if (auto err = evaluateHealth(db, *snap, domainIds, nullptr, cancel, progress)) {
            if (cancelled()) {
                result.cancelled = true;
            } else {
                result.error = *err;
            }
            return result;
        }
    }
    if (cancelled()) {
        result.cancelled = true;
        return result;
    }
    if (auto err = assembleSnapshot(db, *snap, domainIds)) {
        result.error = *err;
        return result;
    }
    if (progress) {
        progress(100);
    }
    qCInfo(lcStore) << "health snapshot:" << snap->products.size() << "products," << snap->objectives.size()
                    << "objectives," << (result.fromStore ? "read from the cache" : "evaluated") << "in"
                    << clock.elapsed() << "ms";
    result.snapshot = std::move(snap);
    return result;
}

std::optional<ProductHealthReport> productHealth(Database &db, std::int64_t productId, const HealthPolicy &policy,
                                                 std::optional<std::int64_t> now)
{
    ProductHealthReport r;
    r.productId = productId;
    r.policy = policy;
    r.now = now.value_or(healthEvaluationTime(db));
    {
        Statement st = db.prepare(metadataSql(true));
        st.bind(1, productId);
        if (!st.next()) {
            return std::nullopt;
        }
        r.metadata.description = st.int64(2) != 0;
        r.metadata.owner = st.int64(3) != 0;
        r.metadata.tags = st.int64(4) != 0;
        r.metadata.slaDeclared = st.int64(5) != 0;
    }
    {
        Statement st = db.prepare(columnsSql(true));
        st.bind(1, productId);
        if (st.next()) {
            r.metadata.columns = st.int64(1);
            r.metadata.describedColumns = st.int64(2);
        }
    }
    const TimeRange window = windowFor(r.now, policy.windowDays);
    SeriesReader series(db);
    double slaSum = 0;
    int slaCount = 0;
    // The product's objectives and checks as the product page reads them; the report adds their evaluation.
    CatalogReader catalog(db);
    for (const SlaInfo &info : catalog.slas(productId)) {
        ObjectiveReport o;
        o.id = info.id;
        o.extId = info.extId;
        o.kind = info.kind;
        o.unit = info.unit;
        o.op = info.op;
        o.spec = specFrom(info.target, o.op);
        o.description = info.description;
        const std::vector<SeriesPoint> points = series.sla(o.id);
        o.window = evaluateSla(o.spec, points, window, r.now, policy.goal);
        for (std::size_t k = 0; k < kBudgetWindowDays.size(); ++k) {
            o.budgets[k] = evaluateSla(o.spec, points, windowFor(r.now, kBudgetWindowDays[k]), r.now, policy.goal);
        }
        o.calendar = slaCalendar(o.spec, points, r.now - (kCalendarDays - 1) * kDay, r.now);
        accumulate(r.components, slaSum, slaCount, o.window);
        r.objectives.push_back(std::move(o));
    }
    RunCounts counts;
    for (const CheckInfo &info : catalog.checks(productId)) {
        CheckReport c;
        c.id = info.id;
        c.name = info.name;
        c.kind = info.kind;
        c.severity = info.severity;
        c.eval = evaluateCheck(series.check(c.id), window, r.now);
        if (c.eval.failingNow) {
            c.message = QString::fromStdString(series.lastCheckMessage(c.id));
            ++r.components.openIncidents;
        }
        counts.add(c.eval.counts);
        r.checks.push_back(std::move(c));
    }
    // Rounded through float as the snapshot stores them, so the tab's score is the views' score to the point.
    if (slaCount > 0) {
        r.components.sla = static_cast<float>(slaSum / slaCount);
    }
    if (const auto rate = counts.passRate()) {
        r.components.quality = static_cast<float>(*rate);
    }
    r.components.metadata = static_cast<float>(metadataCompleteness(r.metadata));
    r.score = healthScore(r.components, policy);
    return r;
}

} // namespace meshlens::models
