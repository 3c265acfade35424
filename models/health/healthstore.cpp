#include "healthstore.h"

#include "../logging.h"

#include <QElapsedTimer>

#include <cmath>

namespace meshlens::models {

namespace {

std::int64_t windowStart(std::int64_t now, int days)
{
    return now - static_cast<std::int64_t>(days) * 86400 + 1;
}

Statement &bindReal(Statement &st, int index, float value)
{
    return std::isnan(value) ? st.bindNull(index) : st.bind(index, static_cast<double>(value));
}

Statement &bindTime(Statement &st, int index, std::int64_t value)
{
    return value == ObjectiveHealthRow::kNever ? st.bindNull(index) : st.bind(index, value);
}

float realOrNaN(const Statement &st, int column)
{
    return st.isNull(column) ? std::numeric_limits<float>::quiet_NaN() : static_cast<float>(st.real(column));
}

std::optional<QString> failed(const char *what, Database &db)
{
    return QStringLiteral("storing the catalog's health (%1) failed: %2")
        .arg(QLatin1String(what), db.lastError().message);
}

} // namespace

std::optional<QString> HealthStore::update(Database &db, const std::vector<std::int64_t> *changed,
                                           const std::atomic<bool> *cancel)
{
    QElapsedTimer clock;
    clock.start();
    HealthSnapshot snap;
    snap.policy = storedPolicy();
    snap.now = healthEvaluationTime(db);
    snap.window = {windowStart(snap.now, snap.policy.windowDays), snap.now + 1};
    bool current = false;
    {
        Statement st = db.prepare("SELECT evaluated_at = ?1 AND window_days = ?2 AND goal = ?3 FROM health_state");
        st.bind(1, snap.now).bind(2, static_cast<std::int64_t>(snap.policy.windowDays)).bind(3, snap.policy.goal);
        current = st.next() && st.int64(0) != 0;
    }
    // Rows for another evaluation time all move with it: the window slid under every product.
    const std::vector<std::int64_t> *scope = current ? changed : nullptr;
    if (scope && scope->empty()) {
        return std::nullopt;
    }
    std::vector<std::int64_t> domainIds;
    if (auto err = evaluateHealth(db, snap, domainIds, scope, cancel)) {
        return QStringLiteral("evaluating the catalog's health failed: %1").arg(*err);
    }
    if (scope) {
        if (auto err = db.exec("DELETE FROM product_health WHERE entry_id IN (SELECT id FROM temp.health_scope); "
                               "DELETE FROM objective_health WHERE objective_id IN (SELECT id FROM sla_objectives "
                               "WHERE entry_id IN (SELECT id FROM temp.health_scope));")) {
            return failed("clearing changed products", db);
        }
    } else if (auto err = db.exec("DELETE FROM product_health; DELETE FROM objective_health;")) {
        return failed("clearing", db);
    }
    {
        Statement st = db.prepare("INSERT INTO product_health(entry_id, sla, quality, metadata, breached_now, "
                                  "failing_checks) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        for (const ProductHealthRow &p : snap.products) {
            st.reset();
            st.bind(1, p.id);
            bindReal(st, 2, p.sla);
            bindReal(st, 3, p.quality);
            st.bind(4, static_cast<double>(p.metadata));
            st.bind(5, static_cast<std::int64_t>(p.breachedNow)).bind(6, static_cast<std::int64_t>(p.failingChecks));
            if (!st.exec()) {
                return failed("products", db);
            }
        }
    }
    {
        Statement st = db.prepare("INSERT INTO objective_health(objective_id, state, latest, compliance, "
                                  "budget_remaining, burn_rate, last_breach_end, breach_since, rejected) "
                                  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        for (const ObjectiveHealthRow &o : snap.objectives) {
            st.reset();
            st.bind(1, o.id).bind(2, static_cast<std::int64_t>(o.state));
            bindReal(st, 3, o.latest);
            bindReal(st, 4, o.compliance);
            bindReal(st, 5, o.budgetRemaining);
            bindReal(st, 6, o.burnRate);
            bindTime(st, 7, o.lastBreachEnd);
            bindTime(st, 8, o.breachSince);
            st.bind(9, static_cast<std::int64_t>(o.rejected));
            if (!st.exec()) {
                return failed("objectives", db);
            }
        }
    }
    {
        Statement st = db.prepare("INSERT OR REPLACE INTO health_state(id, evaluated_at, window_days, goal) "
                                  "VALUES(1, ?1, ?2, ?3)");
        st.bind(1, snap.now).bind(2, static_cast<std::int64_t>(snap.policy.windowDays)).bind(3, snap.policy.goal);
        if (!st.exec()) {
            return failed("state", db);
        }
    }
    qCInfo(lcStore) << "health stored for" << snap.products.size() << (scope ? "changed" : "") << "products in"
                    << clock.elapsed() << "ms";
    return std::nullopt;
}

bool HealthStore::load(Database &db, HealthSnapshot &snap, std::vector<std::int64_t> &domainIds)
{
    {
        Statement st = db.prepare("SELECT evaluated_at = ?1 AND window_days = ?2 AND goal = ?3 FROM health_state");
        st.bind(1, snap.now).bind(2, static_cast<std::int64_t>(snap.policy.windowDays)).bind(3, snap.policy.goal);
        if (!st.next() || st.int64(0) == 0) {
            return false;
        }
    }
    {
        Statement st = db.prepare("SELECT e.id, e.domain_id, h.entry_id IS NULL, h.sla, h.quality, h.metadata, "
                                  "h.breached_now, h.failing_checks FROM entries e "
                                  "LEFT JOIN product_health h ON h.entry_id = e.id ORDER BY e.id");
        while (st.next()) {
            if (st.int64(2) != 0) {
                return false; // a product the stored rows do not cover
            }
            ProductHealthRow p;
            p.id = st.int64(0);
            p.sla = realOrNaN(st, 3);
            p.quality = realOrNaN(st, 4);
            p.metadata = static_cast<float>(st.real(5));
            p.breachedNow = static_cast<std::uint16_t>(st.int64(6));
            p.failingChecks = static_cast<std::uint16_t>(st.int64(7));
            snap.products.push_back(p);
            domainIds.push_back(st.isNull(1) ? 0 : st.int64(1));
        }
        if (st.error()) {
            return false;
        }
    }
    indexProducts(snap);
    {
        HealthNames names;
        Statement st = db.prepare("SELECT o.id, o.entry_id, o.kind, o.unit, o.op, o.target, h.objective_id IS NULL, "
                                  "h.state, h.latest, h.compliance, h.budget_remaining, h.burn_rate, "
                                  "h.last_breach_end, h.breach_since, h.rejected FROM sla_objectives o "
                                  "LEFT JOIN objective_health h ON h.objective_id = o.id ORDER BY o.id");
        while (st.next()) {
            if (st.int64(6) != 0) {
                return false; // an objective the stored rows do not cover
            }
            auto declared = declaredObjective(snap, names, st);
            if (!declared) {
                continue;
            }
            ObjectiveHealthRow &o = *declared;
            o.state = static_cast<SlaState>(st.int64(7));
            o.latest = realOrNaN(st, 8);
            o.compliance = realOrNaN(st, 9);
            o.budgetRemaining = realOrNaN(st, 10);
            o.burnRate = realOrNaN(st, 11);
            o.lastBreachEnd = st.isNull(12) ? ObjectiveHealthRow::kNever : st.int64(12);
            o.breachSince = st.isNull(13) ? ObjectiveHealthRow::kNever : st.int64(13);
            o.rejected = static_cast<std::int32_t>(st.int64(14));
            snap.rejectedPoints += o.rejected;
            snap.objectives.push_back(o);
            ++snap.products[static_cast<std::size_t>(o.product)].objectives;
        }
        if (st.error()) {
            return false;
        }
    }
    for (ProductHealthRow &p : snap.products) {
        scoreProduct(p, snap.policy);
    }
    return true;
}

} // namespace meshlens::models
