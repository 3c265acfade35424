#include "cataloggenerator.h"

#include "../catalog/jsonwriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace meshlens::models {

namespace {

using namespace std::string_view_literals;

constexpr std::int64_t kDay = 86400;
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
constexpr std::int64_t kProgressEvery = 5000;
constexpr std::string_view kCompany = "acme";
constexpr std::string_view kMailDomain = "acme.example";

// ---------------------------------------------------------------------------------------------------------------
// Randomness. Everything about product i comes from streams seeded by (seed, i, purpose), so any product can be
// recomputed on its own: that is what lets a lineage edge name an earlier product without keeping it in memory.
// Only integer arithmetic, so the same seed gives the same bytes with every compiler and standard library.

constexpr std::uint64_t mix64(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

class Rng
{
public:
    explicit Rng(std::uint64_t state)
        : m_state(state)
    {}

    std::uint64_t next()
    {
        m_state += 0x9e3779b97f4a7c15ULL;
        return mix64(m_state);
    }
    // [0, n) by multiply-shift: no modulo bias worth speaking of, and identical everywhere.
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); }
    std::int64_t below64(std::int64_t n)
    {
        if (n <= 0) {
            return 0;
        }
        if (n <= 0xffffffffLL) {
            return below(static_cast<std::uint32_t>(n));
        }
        return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n));
    }
    int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1))); }
    bool permille(int p) { return static_cast<int>(below(1000)) < p; }
    int weighted(std::span<const int> weights)
    {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = static_cast<int>(below(static_cast<std::uint32_t>(total)));
        for (std::size_t k = 0; k < weights.size(); ++k) {
            if (r < weights[k]) {
                return static_cast<int>(k);
            }
            r -= weights[k];
        }
        return static_cast<int>(weights.size()) - 1;
    }

private:
    std::uint64_t m_state;
};

enum class Stream : std::uint64_t
{
    Core = 1,
    Life,
    Lineage,
    Episodes,
    Propagation,
    Meta,
    Ports,
    Slas,
    Checks,
    Plan,
    Permutation,
};

Rng streamFor(std::uint64_t seed, std::uint64_t index, Stream s)
{
    return Rng(mix64(mix64(seed ^ (static_cast<std::uint64_t>(s) * 0xd1b54a32d192ed03ULL)) + index));
}

// A keyed bijection on [0, size): a 4-round Feistel network on the next even power of two, cycle-walked back
// into range. Product i gets name combination forward(i); inverse() finds which product holds a combination.
class Permutation
{
public:
    Permutation(std::uint64_t size, std::uint64_t seed)
        : m_size(std::max<std::uint64_t>(size, 1))
    {
        while (m_half < 32 && (std::uint64_t{1} << (2 * m_half)) < m_size) {
            ++m_half;
        }
        m_mask = (std::uint64_t{1} << m_half) - 1;
        for (std::size_t k = 0; k < m_keys.size(); ++k) {
            m_keys[k] = mix64(seed + (k + 1) * 0x9e3779b97f4a7c15ULL);
        }
    }

    std::uint64_t forward(std::uint64_t x) const
    {
        do {
            x = encrypt(x);
        } while (x >= m_size);
        return x;
    }
    std::uint64_t inverse(std::uint64_t y) const
    {
        do {
            y = decrypt(y);
        } while (y >= m_size);
        return y;
    }

private:
    std::uint64_t round(std::size_t r, std::uint64_t v) const { return mix64(v ^ m_keys[r]) & m_mask; }
    std::uint64_t encrypt(std::uint64_t x) const
    {
        std::uint64_t l = x >> m_half;
        std::uint64_t r = x & m_mask;
        for (std::size_t k = 0; k < m_keys.size(); ++k) {
            const std::uint64_t t = l ^ round(k, r);
            l = r;
            r = t;
        }
        return (l << m_half) | r;
    }
    std::uint64_t decrypt(std::uint64_t y) const
    {
        std::uint64_t l = y >> m_half;
        std::uint64_t r = y & m_mask;
        for (std::size_t k = m_keys.size(); k-- > 0;) {
            const std::uint64_t t = r ^ round(k, l);
            r = l;
            l = t;
        }
        return (l << m_half) | r;
    }

    std::uint64_t m_size;
    unsigned m_half = 1;
    std::uint64_t m_mask = 1;
    std::array<std::uint64_t, 4> m_keys{};
};

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary.

enum class Kind
{
    Source,
    Aggregate,
    Consumer
};

struct EntityDef
{
    std::string_view slug, plural, display, key;
    std::string_view attrs; // "name TYPE;name TYPE;..."
};

struct DomainDef
{
    std::string_view slug, display;
    Kind kind;
    std::string_view description;
    std::span<const EntityDef> entities;
};

struct QualifierDef
{
    std::string_view slug, display, phrase, format, layer;
    bool realtime = false;
    bool base = false; // a source's landing form, which the other source qualifiers derive from
};

constexpr std::string_view kindName(Kind k)
{
    switch (k) {
    case Kind::Source:
        return "source-aligned";
    case Kind::Aggregate:
        return "aggregate";
    case Kind::Consumer:
        return "consumer-aligned";
    }
    return {};
}

constexpr EntityDef kSalesEntities[] = {
    {"order", "orders", "Order", "order_id",
     "customer_id BIGINT;order_status VARCHAR(16);order_channel VARCHAR(16);currency CHAR(3);gross_amount_eur "
     "DECIMAL(12,2);net_amount_eur DECIMAL(12,2);tax_amount_eur DECIMAL(12,2);item_count INTEGER;store_id "
     "BIGINT;ordered_at TIMESTAMP;shipping_country_code CHAR(2);promotion_code VARCHAR(32)"},
    {"order_line", "order_lines", "Order Line", "order_line_id",
     "order_id BIGINT;sku VARCHAR(32);quantity INTEGER;unit_price_eur DECIMAL(12,2);line_amount_eur "
     "DECIMAL(12,2);discount_amount_eur DECIMAL(12,2);line_status VARCHAR(16);ordered_at TIMESTAMP"},
    {"quote", "quotes", "Quote", "quote_id",
     "customer_id BIGINT;sales_rep_id BIGINT;opportunity_id BIGINT;quote_status VARCHAR(16);quoted_amount_eur "
     "DECIMAL(12,2);win_probability_pct DECIMAL(5,2);valid_until DATE;quoted_at TIMESTAMP"},
    {"return", "returns", "Return", "return_id",
     "order_id BIGINT;customer_id BIGINT;return_reason VARCHAR(64);return_status VARCHAR(16);refund_amount_eur "
     "DECIMAL(12,2);item_count INTEGER;returned_at TIMESTAMP"},
    {"invoice", "invoices", "Invoice", "invoice_id",
     "order_id BIGINT;customer_id BIGINT;invoice_number VARCHAR(32);invoice_status VARCHAR(16);invoice_amount_eur "
     "DECIMAL(12,2);billing_email VARCHAR(254);due_date DATE;issued_at TIMESTAMP"},
    {"store", "stores", "Store", "store_id",
     "store_name VARCHAR(128);store_type VARCHAR(16);manager_name VARCHAR(128);city VARCHAR(128);country_code "
     "CHAR(2);floor_area_sqm INTEGER;opened_on DATE"},
};

constexpr EntityDef kMarketingEntities[] = {
    {"campaign", "campaigns", "Campaign", "campaign_id",
     "campaign_name VARCHAR(128);campaign_channel VARCHAR(32);campaign_status VARCHAR(16);target_segment "
     "VARCHAR(64);budget_eur DECIMAL(12,2);spend_eur DECIMAL(12,2);start_date DATE;end_date DATE"},
    {"ad_impression", "ad_impressions", "Ad Impression", "impression_id",
     "campaign_id BIGINT;placement_id BIGINT;device_type VARCHAR(16);country_code CHAR(2);cost_eur "
     "DECIMAL(10,4);is_click BOOLEAN;served_at TIMESTAMP"},
    {"email_send", "email_sends", "Email Send", "send_id",
     "campaign_id BIGINT;customer_id BIGINT;recipient_email VARCHAR(254);template_name VARCHAR(64);send_status "
     "VARCHAR(16);sent_at TIMESTAMP;opened_at TIMESTAMP;clicked_at TIMESTAMP"},
    {"lead", "leads", "Lead", "lead_id",
     "campaign_id BIGINT;lead_source VARCHAR(32);lead_status VARCHAR(16);full_name VARCHAR(128);email "
     "VARCHAR(254);phone VARCHAR(32);company_name VARCHAR(128);lead_score INTEGER;captured_at TIMESTAMP"},
    {"web_session", "web_sessions", "Web Session", "session_id",
     "visitor_id VARCHAR(64);customer_id BIGINT;landing_page VARCHAR(512);referrer_domain VARCHAR(255);device_type "
     "VARCHAR(16);page_view_count INTEGER;session_duration_s INTEGER;started_at TIMESTAMP"},
    {"attribution_touch", "attribution_touches", "Attribution Touch", "touch_id",
     "customer_id BIGINT;campaign_id BIGINT;touch_channel VARCHAR(32);touch_position INTEGER;attribution_weight "
     "DECIMAL(6,4);touched_at TIMESTAMP"},
};

constexpr EntityDef kCustomerEntities[] = {
    {"customer", "customers", "Customer", "customer_id",
     "full_name VARCHAR(128);email VARCHAR(254);phone VARCHAR(32);birth_date DATE;customer_status "
     "VARCHAR(16);customer_segment VARCHAR(32);country_code CHAR(2);signup_channel VARCHAR(32);registered_at "
     "TIMESTAMP"},
    {"account", "accounts", "Account", "account_id",
     "customer_id BIGINT;account_type VARCHAR(16);account_status VARCHAR(16);login_email VARCHAR(254);mfa_enabled "
     "BOOLEAN;last_login_at TIMESTAMP;opened_at TIMESTAMP"},
    {"address", "addresses", "Address", "address_id",
     "customer_id BIGINT;address_type VARCHAR(16);street_line VARCHAR(256);postal_code VARCHAR(16);city "
     "VARCHAR(128);country_code CHAR(2);is_primary BOOLEAN;validated_at TIMESTAMP"},
    {"consent", "consents", "Consent", "consent_id",
     "customer_id BIGINT;consent_purpose VARCHAR(32);consent_status VARCHAR(16);consent_channel "
     "VARCHAR(16);policy_version VARCHAR(16);granted_at TIMESTAMP;withdrawn_at TIMESTAMP"},
    {"support_ticket", "support_tickets", "Support Ticket", "ticket_id",
     "customer_id BIGINT;ticket_status VARCHAR(16);ticket_priority VARCHAR(8);ticket_category "
     "VARCHAR(32);contact_email VARCHAR(254);first_response_min INTEGER;resolution_time_h "
     "DECIMAL(8,2);satisfaction_score INTEGER;opened_at TIMESTAMP"},
    {"loyalty_member", "loyalty_members", "Loyalty Member", "member_id",
     "customer_id BIGINT;loyalty_tier VARCHAR(16);points_balance INTEGER;points_earned_ytd "
     "INTEGER;lifetime_spend_eur DECIMAL(14,2);enrolled_at TIMESTAMP"},
};

constexpr EntityDef kLogisticsEntities[] = {
    {"shipment", "shipments", "Shipment", "shipment_id",
     "order_id BIGINT;carrier_code VARCHAR(16);service_level VARCHAR(16);shipment_status "
     "VARCHAR(16);origin_warehouse_id BIGINT;destination_country_code CHAR(2);weight_kg "
     "DECIMAL(8,3);shipping_cost_eur DECIMAL(10,2);shipped_at TIMESTAMP"},
    {"delivery", "deliveries", "Delivery", "delivery_id",
     "shipment_id BIGINT;delivery_status VARCHAR(16);recipient_name VARCHAR(128);attempt_count INTEGER;is_on_time "
     "BOOLEAN;promised_date DATE;delivered_at TIMESTAMP"},
    {"parcel_scan", "parcel_scans", "Parcel Scan", "scan_id",
     "shipment_id BIGINT;scan_type VARCHAR(16);facility_code VARCHAR(16);scan_country_code CHAR(2);scanned_at "
     "TIMESTAMP"},
    {"warehouse_task", "warehouse_tasks", "Warehouse Task", "task_id",
     "warehouse_id BIGINT;task_type VARCHAR(16);task_status VARCHAR(16);sku VARCHAR(32);quantity INTEGER;picker_id "
     "BIGINT;duration_s INTEGER;completed_at TIMESTAMP"},
    {"carrier_rate", "carrier_rates", "Carrier Rate", "rate_id",
     "carrier_code VARCHAR(16);service_level VARCHAR(16);origin_zone VARCHAR(8);destination_zone "
     "VARCHAR(8);max_weight_kg DECIMAL(8,3);rate_eur DECIMAL(10,2);valid_from DATE;valid_to DATE"},
    {"route", "routes", "Route", "route_id",
     "depot_id BIGINT;driver_id BIGINT;vehicle_type VARCHAR(16);stop_count INTEGER;planned_distance_km "
     "DECIMAL(8,2);actual_distance_km DECIMAL(8,2);route_date DATE"},
};

constexpr EntityDef kPaymentsEntities[] = {
    {"payment", "payments", "Payment", "payment_id",
     "order_id BIGINT;customer_id BIGINT;payment_method VARCHAR(16);payment_status VARCHAR(16);amount_eur "
     "DECIMAL(12,2);currency CHAR(3);psp_reference VARCHAR(64);card_country_code CHAR(2);captured_at TIMESTAMP"},
    {"refund", "refunds", "Refund", "refund_id",
     "payment_id BIGINT;refund_reason VARCHAR(64);refund_status VARCHAR(16);amount_eur DECIMAL(12,2);requested_at "
     "TIMESTAMP;processed_at TIMESTAMP"},
    {"chargeback", "chargebacks", "Chargeback", "chargeback_id",
     "payment_id BIGINT;reason_code VARCHAR(8);chargeback_status VARCHAR(16);card_scheme "
     "VARCHAR(16);disputed_amount_eur DECIMAL(12,2);due_date DATE;received_at TIMESTAMP"},
    {"payout", "payouts", "Payout", "payout_id",
     "merchant_id BIGINT;payout_status VARCHAR(16);gross_amount_eur DECIMAL(14,2);fee_amount_eur "
     "DECIMAL(12,2);net_amount_eur DECIMAL(14,2);bank_account_iban VARCHAR(34);paid_at TIMESTAMP"},
    {"card_authorization", "card_authorizations", "Card Authorization", "authorization_id",
     "payment_id BIGINT;card_scheme VARCHAR(16);auth_result VARCHAR(16);response_code VARCHAR(4);amount_eur "
     "DECIMAL(12,2);is_3ds BOOLEAN;risk_score INTEGER;authorized_at TIMESTAMP"},
    {"settlement", "settlements", "Settlement", "settlement_id",
     "psp_name VARCHAR(32);settlement_batch VARCHAR(32);transaction_count INTEGER;settled_amount_eur "
     "DECIMAL(14,2);fee_amount_eur DECIMAL(12,2);settlement_date DATE"},
};

constexpr EntityDef kHrEntities[] = {
    {"employee", "employees", "Employee", "employee_id",
     "full_name VARCHAR(128);work_email VARCHAR(254);phone VARCHAR(32);department VARCHAR(64);job_title "
     "VARCHAR(128);employment_type VARCHAR(16);manager_id BIGINT;country_code CHAR(2);hire_date "
     "DATE;termination_date DATE"},
    {"position", "positions", "Position", "position_id",
     "department VARCHAR(64);job_family VARCHAR(64);grade VARCHAR(8);position_status VARCHAR(16);fte "
     "DECIMAL(4,2);budgeted_salary_eur DECIMAL(12,2);opened_on DATE"},
    {"absence", "absences", "Absence", "absence_id",
     "employee_id BIGINT;absence_type VARCHAR(16);absence_status VARCHAR(16);days_count DECIMAL(5,1);start_date "
     "DATE;end_date DATE"},
    {"payroll_run", "payroll_runs", "Payroll Run", "payroll_run_id",
     "employee_id BIGINT;pay_period VARCHAR(7);gross_pay_eur DECIMAL(12,2);net_pay_eur "
     "DECIMAL(12,2);tax_withheld_eur DECIMAL(12,2);bank_account_iban VARCHAR(34);paid_on DATE"},
    {"candidate", "candidates", "Candidate", "candidate_id",
     "position_id BIGINT;full_name VARCHAR(128);email VARCHAR(254);phone VARCHAR(32);application_status "
     "VARCHAR(16);source_channel VARCHAR(32);applied_at TIMESTAMP"},
    {"training", "trainings", "Training", "enrolment_id",
     "employee_id BIGINT;course_code VARCHAR(16);course_name VARCHAR(128);training_status "
     "VARCHAR(16);hours_completed DECIMAL(5,1);completed_at TIMESTAMP"},
};

constexpr EntityDef kInventoryEntities[] = {
    {"sku", "skus", "SKU", "sku_id",
     "sku VARCHAR(32);product_title VARCHAR(256);brand VARCHAR(64);category VARCHAR(64);unit_of_measure "
     "VARCHAR(8);list_price_eur DECIMAL(10,2);is_active BOOLEAN;launched_on DATE"},
    {"stock_level", "stock_levels", "Stock Level", "stock_level_id",
     "sku VARCHAR(32);warehouse_id BIGINT;on_hand_qty INTEGER;reserved_qty INTEGER;available_qty "
     "INTEGER;reorder_point INTEGER;measured_at TIMESTAMP"},
    {"stock_movement", "stock_movements", "Stock Movement", "movement_id",
     "sku VARCHAR(32);warehouse_id BIGINT;movement_type VARCHAR(16);quantity INTEGER;reference_id "
     "VARCHAR(64);moved_at TIMESTAMP"},
    {"purchase_order", "purchase_orders", "Purchase Order", "purchase_order_id",
     "supplier_id BIGINT;po_status VARCHAR(16);currency CHAR(3);total_amount_eur DECIMAL(14,2);line_count "
     "INTEGER;expected_date DATE;ordered_at TIMESTAMP"},
    {"supplier", "suppliers", "Supplier", "supplier_id",
     "supplier_name VARCHAR(128);contact_email VARCHAR(254);contact_phone VARCHAR(32);country_code "
     "CHAR(2);supplier_status VARCHAR(16);payment_terms_days INTEGER;onboarded_on DATE"},
    {"price_change", "price_changes", "Price Change", "price_change_id",
     "sku VARCHAR(32);old_price_eur DECIMAL(10,2);new_price_eur DECIMAL(10,2);change_reason "
     "VARCHAR(32);effective_from DATE"},
};

constexpr EntityDef kFinanceEntities[] = {
    {"revenue", "revenue", "Revenue", "revenue_line_id",
     "business_unit VARCHAR(32);region VARCHAR(32);sales_channel VARCHAR(16);gross_revenue_eur "
     "DECIMAL(16,2);net_revenue_eur DECIMAL(16,2);refunds_eur DECIMAL(14,2);order_count BIGINT;booking_date DATE"},
    {"ledger_entry", "ledger_entries", "Ledger Entry", "entry_id",
     "account_code VARCHAR(16);cost_center_id BIGINT;entry_type VARCHAR(8);amount_eur DECIMAL(16,2);currency "
     "CHAR(3);fiscal_period VARCHAR(7);document_number VARCHAR(32);posting_date DATE"},
    {"cost_center", "cost_centers", "Cost Center", "cost_center_id",
     "cost_center_name VARCHAR(128);business_unit VARCHAR(32);owner_name VARCHAR(128);budget_eur "
     "DECIMAL(16,2);actual_spend_eur DECIMAL(16,2);fiscal_year INTEGER"},
    {"margin", "margins", "Margin", "margin_line_id",
     "sku VARCHAR(32);region VARCHAR(32);revenue_eur DECIMAL(16,2);cogs_eur DECIMAL(16,2);gross_margin_eur "
     "DECIMAL(16,2);gross_margin_pct DECIMAL(6,2);period_date DATE"},
    {"cash_position", "cash_positions", "Cash Position", "position_id",
     "bank_account_id BIGINT;currency CHAR(3);opening_balance_eur DECIMAL(16,2);inflows_eur "
     "DECIMAL(16,2);outflows_eur DECIMAL(16,2);closing_balance_eur DECIMAL(16,2);position_date DATE"},
};

constexpr EntityDef kSupplyChainEntities[] = {
    {"demand", "demand", "Demand", "demand_line_id",
     "sku VARCHAR(32);region VARCHAR(32);ordered_qty INTEGER;shipped_qty INTEGER;backorder_qty INTEGER;is_stockout "
     "BOOLEAN;demand_date DATE"},
    {"replenishment", "replenishments", "Replenishment", "replenishment_id",
     "sku VARCHAR(32);warehouse_id BIGINT;supplier_id BIGINT;recommended_qty INTEGER;approved_qty "
     "INTEGER;replenishment_status VARCHAR(16);planned_date DATE"},
    {"supplier_performance", "supplier_performance", "Supplier Performance", "scorecard_id",
     "supplier_id BIGINT;on_time_delivery_pct DECIMAL(5,2);fill_rate_pct DECIMAL(5,2);defect_rate_pct "
     "DECIMAL(5,2);avg_lead_time_days DECIMAL(6,2);po_count INTEGER;period_date DATE"},
    {"fulfilment", "fulfilments", "Fulfilment", "fulfilment_id",
     "order_id BIGINT;warehouse_id BIGINT;carrier_code VARCHAR(16);fulfilment_status VARCHAR(16);pick_to_ship_h "
     "DECIMAL(8,2);order_to_delivery_h DECIMAL(8,2);is_on_time BOOLEAN;fulfilled_at TIMESTAMP"},
    {"lead_time", "lead_times", "Lead Time", "lead_time_id",
     "sku VARCHAR(32);supplier_id BIGINT;route_type VARCHAR(16);lead_time_days DECIMAL(6,2);variability_days "
     "DECIMAL(6,2);measured_on DATE"},
};

constexpr EntityDef kCustomerIntelligenceEntities[] = {
    {"customer_profile", "customer_profiles", "Customer Profile", "profile_id",
     "customer_id BIGINT;full_name VARCHAR(128);email VARCHAR(254);customer_segment VARCHAR(32);preferred_channel "
     "VARCHAR(16);country_code CHAR(2);order_count INTEGER;lifetime_spend_eur DECIMAL(14,2);first_order_date "
     "DATE;last_order_date DATE"},
    {"household", "households", "Household", "household_id",
     "primary_customer_id BIGINT;postal_code VARCHAR(16);city VARCHAR(128);member_count "
     "INTEGER;combined_spend_eur DECIMAL(14,2);household_segment VARCHAR(32)"},
    {"lifetime_value", "lifetime_values", "Lifetime Value", "clv_id",
     "customer_id BIGINT;clv_12m_eur DECIMAL(12,2);clv_36m_eur DECIMAL(12,2);margin_eur DECIMAL(12,2);model_version "
     "VARCHAR(16);scored_at TIMESTAMP"},
    {"churn_signal", "churn_signals", "Churn Signal", "signal_id",
     "customer_id BIGINT;signal_type VARCHAR(32);signal_strength DECIMAL(5,4);days_since_last_order "
     "INTEGER;detected_at TIMESTAMP"},
    {"interaction", "interactions", "Interaction", "interaction_id",
     "customer_id BIGINT;interaction_channel VARCHAR(16);interaction_type VARCHAR(32);agent_id "
     "BIGINT;sentiment_score DECIMAL(4,3);occurred_at TIMESTAMP"},
};

constexpr EntityDef kProductAnalyticsEntities[] = {
    {"funnel", "funnels", "Funnel", "funnel_step_id",
     "funnel_name VARCHAR(64);step_name VARCHAR(64);step_position INTEGER;platform VARCHAR(16);visitor_count "
     "BIGINT;conversion_pct DECIMAL(6,2);event_date DATE"},
    {"feature_usage", "feature_usage", "Feature Usage", "usage_id",
     "feature_name VARCHAR(64);platform VARCHAR(16);active_users BIGINT;usage_count BIGINT;adoption_pct "
     "DECIMAL(6,2);event_date DATE"},
    {"retention_cohort", "retention_cohorts", "Retention Cohort", "cohort_id",
     "cohort_month DATE;months_since_signup INTEGER;country_code CHAR(2);cohort_size BIGINT;retained_users "
     "BIGINT;retention_pct DECIMAL(6,2)"},
    {"experiment", "experiments", "Experiment", "experiment_id",
     "experiment_key VARCHAR(64);variant VARCHAR(16);experiment_status VARCHAR(16);exposure_count "
     "BIGINT;conversion_count BIGINT;uplift_pct DECIMAL(6,2);p_value DECIMAL(6,5);started_at TIMESTAMP"},
    {"session_metric", "session_metrics", "Session Metric", "metric_id",
     "platform VARCHAR(16);country_code CHAR(2);session_count BIGINT;avg_session_duration_s "
     "DECIMAL(8,2);bounce_rate_pct DECIMAL(5,2);crash_count INTEGER;event_date DATE"},
};

constexpr EntityDef kRiskEntities[] = {
    {"fraud_signal", "fraud_signals", "Fraud Signal", "signal_id",
     "payment_id BIGINT;customer_id BIGINT;signal_type VARCHAR(32);fraud_score DECIMAL(5,4);rule_code "
     "VARCHAR(16);decision VARCHAR(16);detected_at TIMESTAMP"},
    {"credit_exposure", "credit_exposures", "Credit Exposure", "exposure_id",
     "customer_id BIGINT;credit_limit_eur DECIMAL(14,2);outstanding_eur DECIMAL(14,2);overdue_eur "
     "DECIMAL(14,2);days_past_due INTEGER;exposure_date DATE"},
    {"transaction_risk", "transaction_risks", "Transaction Risk", "assessment_id",
     "payment_id BIGINT;merchant_id BIGINT;risk_band VARCHAR(8);risk_score DECIMAL(5,4);model_version "
     "VARCHAR(16);scored_at TIMESTAMP"},
    {"aml_alert", "aml_alerts", "AML Alert", "alert_id",
     "customer_id BIGINT;alert_type VARCHAR(32);alert_status VARCHAR(16);alert_priority "
     "VARCHAR(8);total_amount_eur DECIMAL(14,2);analyst_name VARCHAR(128);raised_at TIMESTAMP"},
    {"risk_rating", "risk_ratings", "Risk Rating", "rating_id",
     "customer_id BIGINT;rating VARCHAR(4);probability_of_default DECIMAL(6,5);loss_given_default "
     "DECIMAL(6,5);rated_on DATE"},
};

constexpr EntityDef kExecutiveEntities[] = {
    {"kpi", "kpis", "KPI", "kpi_id",
     "kpi_name VARCHAR(64);business_unit VARCHAR(32);kpi_value DECIMAL(18,4);target_value "
     "DECIMAL(18,4);variance_pct DECIMAL(7,2);period_date DATE"},
    {"board_metric", "board_metrics", "Board Metric", "metric_id",
     "metric_name VARCHAR(64);metric_value DECIMAL(18,4);prior_period_value DECIMAL(18,4);yoy_change_pct "
     "DECIMAL(7,2);fiscal_period VARCHAR(7)"},
    {"regional_performance", "regional_performance", "Regional Performance", "region_period_id",
     "region VARCHAR(32);country_code CHAR(2);revenue_eur DECIMAL(16,2);order_count BIGINT;active_customers "
     "BIGINT;nps_score DECIMAL(5,2);period_date DATE"},
    {"revenue_forecast", "revenue_forecasts", "Revenue Forecast", "forecast_id",
     "business_unit VARCHAR(32);forecast_horizon VARCHAR(8);forecast_revenue_eur DECIMAL(16,2);lower_bound_eur "
     "DECIMAL(16,2);upper_bound_eur DECIMAL(16,2);model_version VARCHAR(16);forecast_date DATE"},
    {"headcount", "headcount", "Headcount", "headcount_id",
     "department VARCHAR(64);country_code CHAR(2);headcount INTEGER;fte DECIMAL(8,2);attrition_pct "
     "DECIMAL(5,2);open_positions INTEGER;period_date DATE"},
};

constexpr DomainDef kDomains[] = {
    {"sales", "Sales", Kind::Source,
     "Orders, quotes, returns and invoices as they happen in the **web shop, the stores and the B2B portal**.\n\n"
     "The Sales domain publishes the commercial events of the company. Its products are the system of record "
     "for what was sold, to whom and for how much; downstream domains should not re-derive them from clickstream "
     "data.\n\n- Owner: Sales Operations\n- Main sources: order service, POS, `sap-sd`",
     kSalesEntities},
    {"marketing", "Marketing", Kind::Source,
     "Campaigns, ad spend, email sends, leads and web sessions.\n\nMarketing data is **consent-aware**: events of "
     "customers who withdrew marketing consent are dropped at ingestion. See the "
     "[consent policy](https://wiki.acme.example/privacy/consent) before joining with customer data.",
     kMarketingEntities},
    {"customer", "Customer", Kind::Source,
     "The customer master: people, accounts, addresses, consents and support tickets.\n\nMost products in this "
     "domain contain **personal data** (tagged `pii`). Access is granted per purpose through the data access "
     "portal; pseudonymised variants exist for analytics.",
     kCustomerEntities},
    {"logistics", "Logistics", Kind::Source,
     "Shipments, deliveries, parcel scans and warehouse tasks from the WMS and the carrier integrations.\n\n"
     "Carrier events arrive with a delay of up to *two hours*; freshness objectives account for that.",
     kLogisticsEntities},
    {"payments", "Payments", Kind::Source,
     "Payments, refunds, chargebacks, payouts and settlements from our payment service providers.\n\n"
     "Card data never leaves the PCI zone: products here carry only tokens and the last four digits. "
     "Amounts are **in EUR**, converted at the ECB reference rate of the capture day.",
     kPaymentsEntities},
    {"hr", "HR", Kind::Source,
     "Employees, positions, absences, payroll and recruiting.\n\nHighly sensitive: every product in this domain is "
     "restricted to named HR roles. Aggregated headcount for reporting lives in *Executive Reporting*.",
     kHrEntities},
    {"inventory", "Inventory", Kind::Source,
     "The assortment and its stock: SKUs, stock levels, stock movements, purchase orders, suppliers and price "
     "changes.\n\nStock levels are snapshotted **every 15 minutes** from the warehouse management system.",
     kInventoryEntities},
    {"finance", "Finance", Kind::Aggregate,
     "Revenue, margin, ledger and cash, reconciled across Sales, Payments and Inventory.\n\nFinance products are "
     "the **numbers of record** for external reporting. They close monthly on working day 3; figures for the "
     "current month are provisional.\n\n- Controller: Group Finance\n- Calendar: fiscal year starts 1 April",
     kFinanceEntities},
    {"supply_chain", "Supply Chain", Kind::Aggregate,
     "Demand, replenishment, supplier performance and fulfilment, built from Sales, Inventory and Logistics.\n\n"
     "Use these products for planning; use the source domains for operational questions.",
     kSupplyChainEntities},
    {"customer_intelligence", "Customer Intelligence", Kind::Aggregate,
     "A unified, deduplicated view of the customer: profiles, households, lifetime value and churn signals.\n\n"
     "Identity resolution matches on email, phone and address with a **0.92** confidence threshold; see "
     "[how matching works](https://wiki.acme.example/data-mesh/customer-360).",
     kCustomerIntelligenceEntities},
    {"product_analytics", "Product Analytics", Kind::Consumer,
     "Funnels, feature usage, retention cohorts and experiments for product teams.\n\nAll figures exclude "
     "internal and bot traffic. Experiment results use a *sequential* test; do not peek at p-values daily.",
     kProductAnalyticsEntities},
    {"risk", "Risk", Kind::Consumer,
     "Fraud signals, credit exposure, AML alerts and risk ratings for the risk and compliance teams.\n\n"
     "Products here feed **regulatory reporting**; changes need sign-off from Compliance.",
     kRiskEntities},
    {"executive_reporting", "Executive Reporting", Kind::Consumer,
     "KPIs, board metrics, regional performance and forecasts for leadership.\n\nThe monthly board pack is built "
     "from these products; numbers are frozen on working day 5.",
     kExecutiveEntities},
};

constexpr std::size_t kQualifierCount = 12;

constexpr QualifierDef kSourceQualifiers[kQualifierCount] = {
    {"events", "Events", "the raw business event stream of", "topic", "bronze", true, true},
    {"cdc", "CDC Stream", "a change-data-capture stream of", "topic", "bronze", true, true},
    {"raw", "Raw", "the raw landing-zone copy of", "file", "bronze", false, true},
    {"curated", "Curated", "a cleaned, typed and deduplicated table of", "table", "silver"},
    {"enriched", "Enriched", "an enriched view of", "table", "silver"},
    {"snapshot", "Snapshot", "a daily snapshot of all", "table", "silver"},
    {"history", "History", "the full change history (SCD type 2) of", "table", "silver"},
    {"daily_summary", "Daily Summary", "a daily summary of", "table", "gold"},
    {"facts", "Facts", "the fact table of", "table", "silver"},
    {"current", "Current", "the current state of all", "table", "silver"},
    {"deduplicated", "Deduplicated", "an exactly-once, deduplicated stream of", "topic", "silver", true},
    {"audit_log", "Audit Log", "the audit trail of changes to", "table", "bronze"},
};

constexpr QualifierDef kAggregateQualifiers[kQualifierCount] = {
    {"daily_aggregates", "Daily Aggregates", "daily aggregates of", "table", "gold"},
    {"weekly_aggregates", "Weekly Aggregates", "weekly aggregates of", "table", "gold"},
    {"monthly_aggregates", "Monthly Aggregates", "monthly aggregates of", "table", "gold"},
    {"reconciled", "Reconciled", "a reconciled, cross-source view of", "table", "gold"},
    {"unified", "Unified", "a unified, conformed view of", "table", "silver"},
    {"summary", "Summary", "a summary of", "table", "gold"},
    {"by_region", "by Region", "a per-region breakdown of", "table", "gold"},
    {"by_channel", "by Channel", "a per-channel breakdown of", "table", "gold"},
    {"consolidated", "Consolidated", "a consolidated view of", "table", "gold"},
    {"trends", "Trends", "trend lines for", "table", "gold"},
    {"master", "Master Data", "golden-record master data for", "api", "gold"},
    {"monthly_snapshots", "Monthly Snapshots", "month-end snapshots of", "table", "gold"},
};

constexpr QualifierDef kConsumerQualifiers[kQualifierCount] = {
    {"features", "Features", "ML features derived from", "table", "gold"},
    {"scores", "Scores", "model scores for", "api", "gold"},
    {"kpis", "KPIs", "the key figures of", "table", "gold"},
    {"report", "Report", "the reporting dataset of", "table", "gold"},
    {"dashboard_feed", "Dashboard Feed", "the dashboard-ready feed of", "api", "gold"},
    {"forecast", "Forecast", "a 13-week forecast of", "table", "gold"},
    {"segments", "Segments", "behavioural segments built from", "table", "gold"},
    {"alerts", "Alerts", "real-time alerts raised on", "topic", "gold", true},
    {"insights", "Insights", "curated insights on", "table", "gold"},
    {"predictions", "Predictions", "daily model predictions for", "table", "gold"},
    {"cohorts", "Cohorts", "cohort tables of", "table", "gold"},
    {"benchmarks", "Benchmarks", "internal benchmarks of", "table", "gold"},
};

const QualifierDef &qualifierOf(Kind kind, int q)
{
    switch (kind) {
    case Kind::Aggregate:
        return kAggregateQualifiers[q];
    case Kind::Consumer:
        return kConsumerQualifiers[q];
    case Kind::Source:
        break;
    }
    return kSourceQualifiers[q];
}

struct TeamFunction
{
    std::string_view slug, display;
};

constexpr TeamFunction kTeamFunctions[] = {
    {"data-platform", "Data Platform"}, {"analytics", "Analytics"},       {"data-engineering", "Data Engineering"},
    {"insights", "Insights"},           {"integrations", "Integrations"}, {"reporting", "Reporting"},
    {"data-science", "Data Science"},   {"operations", "Operations"},     {"data-quality", "Data Quality"},
    {"core-services", "Core Services"}, {"ml", "Machine Learning"},       {"governance", "Governance"},
    {"pipelines", "Pipelines"},         {"applications", "Applications"}, {"experience", "Experience"},
    {"research", "Research"},
};
constexpr int kMaxTeamsPerDomain = static_cast<int>(std::size(kTeamFunctions));

constexpr std::string_view kFirstNames[] = {
    "Amara",  "Lukas", "Sofia", "Mateo",  "Yuki",   "Noah",  "Priya",  "Liam",   "Chiara", "Omar",   "Ingrid",
    "Kwame",  "Elena", "Jonas", "Aisha",  "Diego",  "Mei",   "Tomasz", "Leila",  "Felix",  "Nadia",  "Hugo",
    "Zara",   "Arjun", "Freya", "Malik",  "Clara",  "Kenji", "Ines",   "Emeka",  "Astrid", "Rafael", "Hana",
    "Oskar",  "Lucia", "Tariq", "Signe",  "Andrei", "Chloe", "Vikram", "Maja",   "Samuel", "Layla",  "Bruno",
    "Anouk",  "Wei",   "Paula", "Idris",  "Greta",  "Mohan", "Julia",  "Kofi",   "Elif",   "Marco",  "Saanvi",
    "Niklas", "Rosa",  "Yusuf", "Linnea", "Pedro",  "Ava",   "Dmitri", "Fatima", "Theo",
};
constexpr std::string_view kLastNames[] = {
    "Okafor",    "Schmidt",  "Rossi",   "Garcia",   "Tanaka",  "Jensen",    "Sharma",  "Murphy",  "Bianchi", "Haddad",
    "Larsen",    "Mensah",   "Popescu", "Weber",    "Khan",    "Fernandez", "Chen",    "Nowak",   "Rahimi",  "Becker",
    "Petrova",   "Laurent",  "Ahmed",   "Patel",    "Nilsson", "Johnson",   "Dubois",  "Sato",    "Costa",   "Eze",
    "Lindqvist", "Oliveira", "Kim",     "Andersen", "Moreno",  "Aziz",      "Berg",    "Ionescu", "Martin",  "Reddy",
    "Kowalski",  "Adeyemi",  "Hassan",  "Ferreira", "Visser",  "Wang",      "Santos",  "Mahmoud", "Fischer", "Iyer",
    "Novak",     "Boateng",  "Yilmaz",  "Romano",   "Gupta",   "Hoffmann",  "Navarro", "Demir",   "Holm",    "Silva",
    "Brown",     "Volkov",   "Aliyu",   "Meyer",
};
constexpr std::uint64_t kNameCombos = std::size(kFirstNames) * std::size(kLastNames);

struct Variant
{
    std::string_view slug, display;
};
constexpr Variant kVariants[] = {
    {"", ""},
    {"emea", "EMEA"},
    {"na", "North America"},
    {"apac", "APAC"},
    {"latam", "LATAM"},
    {"dach", "DACH"},
    {"nordics", "Nordics"},
    {"uk", "UK"},
    {"b2b", "B2B"},
    {"b2c", "B2C"},
    {"web", "Web"},
    {"app", "App"},
    {"store", "Stores"},
    {"marketplace", "Marketplace"},
    {"wholesale", "Wholesale"},
    {"legacy", "Legacy"},
};
constexpr std::int64_t kVariantCount = static_cast<std::int64_t>(std::size(kVariants));

constexpr std::string_view kSourceSystems[] = {
    "SAP S/4HANA",
    "Salesforce",
    "the order service",
    "Shopify",
    "Adyen",
    "Workday",
    "Manhattan WMS",
    "HubSpot",
    "Zendesk",
    "Stripe",
    "Oracle EBS",
    "the POS gateway",
    "the mobile app backend",
};
constexpr std::string_view kCadences[] = {
    "every 15 minutes", "hourly", "daily at 04:00 UTC", "in near real time", "twice a day", "daily at 06:00 UTC",
};
constexpr std::string_view kRowVolumes[] = {"12k", "80k", "250k", "1.4M", "6M", "35M", "900"};

constexpr std::string_view kExtraTags[] = {
    "certified",       "internal",     "sensitive",       "kpi",        "operational",
    "regulatory",      "sox",          "reference-data",  "gdpr",       "finance",
    "customer-facing", "experimental", "cost-allocation", "ml-feature", "realtime",
    "batch",
};

// ---------------------------------------------------------------------------------------------------------------
// The plan: everything that is decided once per (seed, products), small and cheap to build.

struct Core
{
    int domain = 0; // position in Plan::domains
    int entity = 0;
    int qualifier = 0;
    std::int64_t occurrence = 0; // 0 for the first product with this name, then 1, 2, ...
    int status = 0;              // index into kStatuses
};

constexpr std::string_view kStatuses[] = {"active", "development", "proposed", "deprecated", "retired"};
constexpr int kStatusWeights[] = {800, 70, 30, 70, 30};
enum StatusIndex
{
    Active,
    Development,
    Proposed,
    Deprecated,
    Retired
};

struct Plan
{
    explicit Plan(const GeneratorOptions &o)
        : seed(o.seed)
        , products(std::max<std::int64_t>(o.products, 0))
        , days(std::max(o.days, 1))
        , perm(1, 0)
    {
        asOf = o.asOf > 0 ? o.asOf - o.asOf % kDay : CatalogGenerator::todayUtcMidnight();
        Rng r = streamFor(seed, 0, Stream::Plan);

        // All three kinds, 9-12 domains, and a different selection per seed.
        std::vector<int> byKind[3];
        for (int d = 0; d < static_cast<int>(std::size(kDomains)); ++d) {
            byKind[static_cast<int>(kDomains[d].kind)].push_back(d);
        }
        int counts[3] = {5 + r.range(0, 2), 2 + r.range(0, 1), 2 + r.range(0, 1)};
        if (counts[0] + counts[1] + counts[2] > 12) {
            --counts[0];
        }
        for (int k = 0; k < 3; ++k) {
            auto &v = byKind[k];
            for (std::size_t n = v.size(); n > 1; --n) {
                std::swap(v[n - 1], v[r.below(static_cast<std::uint32_t>(n))]);
            }
            v.resize(static_cast<std::size_t>(counts[k]));
            domains.insert(domains.end(), v.begin(), v.end());
        }
        std::sort(domains.begin(), domains.end());

        for (int d : domains) {
            comboOffset.push_back(combos);
            combos += static_cast<std::int64_t>(kDomains[d].entities.size() * kQualifierCount);
        }
        const std::int64_t rounds = std::max<std::int64_t>(1, (products + combos - 1) / combos);
        perm = Permutation(static_cast<std::uint64_t>(rounds * combos), mix64(seed ^ 0x5eedULL));

        // Teams grow slowly with the catalog; people at about one per 15 products.
        int extra = 0;
        for (std::int64_t n = products / 1000; n > 0; n /= 2) {
            ++extra;
        }
        for (std::size_t d = 0; d < domains.size(); ++d) {
            teamOffset.push_back(teams);
            const int count = std::min(kMaxTeamsPerDomain, 2 + r.range(0, 2) + extra);
            teamCount.push_back(count);
            teams += count;
        }
        people = std::clamp<std::int64_t>(products / 15, 30, 15000);
        people = std::max<std::int64_t>(people, 2 * teams);
        nameOffset = r.next() % kNameCombos;
    }

    const DomainDef &domainDef(int pos) const { return kDomains[domains[static_cast<std::size_t>(pos)]]; }

    Core core(std::int64_t i) const
    {
        Core c;
        const auto v = static_cast<std::int64_t>(perm.forward(static_cast<std::uint64_t>(i)));
        const std::int64_t combo = v % combos;
        c.occurrence = v / combos;
        int d = static_cast<int>(domains.size()) - 1;
        while (comboOffset[static_cast<std::size_t>(d)] > combo) {
            --d;
        }
        c.domain = d;
        const std::int64_t local = combo - comboOffset[static_cast<std::size_t>(d)];
        c.entity = static_cast<int>(local / static_cast<std::int64_t>(kQualifierCount));
        c.qualifier = static_cast<int>(local % static_cast<std::int64_t>(kQualifierCount));
        Rng r = streamFor(seed, static_cast<std::uint64_t>(i), Stream::Core);
        c.status = r.weighted(kStatusWeights);
        return c;
    }

    // The product holding a name combination, or -1 when no product in this catalog has it.
    std::int64_t indexOf(int domain, int entity, int qualifier, std::int64_t occurrence) const
    {
        const std::int64_t v = comboOffset[static_cast<std::size_t>(domain)] +
                               entity * static_cast<std::int64_t>(kQualifierCount) + qualifier + occurrence * combos;
        const auto i = static_cast<std::int64_t>(perm.inverse(static_cast<std::uint64_t>(v)));
        return i < products ? i : -1;
    }

    Kind kindOf(const Core &c) const { return domainDef(c.domain).kind; }
    const EntityDef &entityOf(const Core &c) const
    {
        return domainDef(c.domain).entities[static_cast<std::size_t>(c.entity)];
    }
    const QualifierDef &qualifierOfCore(const Core &c) const { return qualifierOf(kindOf(c), c.qualifier); }

    // name: entity_qualifier; later products with the same combination get a market variant, then a number.
    void appendName(std::string &out, const Core &c) const
    {
        out += entityOf(c).slug;
        out += '_';
        out += qualifierOfCore(c).slug;
        const std::int64_t variant = c.occurrence % kVariantCount;
        const std::int64_t round = c.occurrence / kVariantCount;
        if (variant > 0) {
            out += '_';
            out += kVariants[variant].slug;
        }
        if (round > 0) {
            out += '_';
            appendNumber(out, round + 1);
        }
    }
    void appendDisplayName(std::string &out, const Core &c) const
    {
        out += entityOf(c).display;
        out += ' ';
        out += qualifierOfCore(c).display;
        const std::int64_t variant = c.occurrence % kVariantCount;
        const std::int64_t round = c.occurrence / kVariantCount;
        if (variant > 0) {
            out += " (";
            out += kVariants[variant].display;
            out += ')';
        }
        if (round > 0) {
            out += ' ';
            appendNumber(out, round + 1);
        }
    }
    void appendId(std::string &out, const Core &c) const
    {
        out += domainDef(c.domain).slug;
        out += '.';
        appendName(out, c);
    }

    static void appendNumber(std::string &out, std::int64_t v)
    {
        char buf[24];
        const auto res = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, res.ptr);
    }

    // A team of the domain, and a member of a team: people are dealt round-robin over all teams.
    int teamOf(int domain, Rng &r) const
    {
        return teamOffset[static_cast<std::size_t>(domain)] +
               static_cast<int>(r.below(static_cast<std::uint32_t>(teamCount[static_cast<std::size_t>(domain)])));
    }
    std::int64_t memberOf(int team, Rng &r) const
    {
        const std::int64_t members = (people - team + teams - 1) / teams;
        return team + r.below64(members) * teams;
    }

    void appendTeamId(std::string &out, int team) const
    {
        std::size_t d = 0;
        while (d + 1 < teamOffset.size() && teamOffset[d + 1] <= team) {
            ++d;
        }
        appendSlugHyphenated(out, kDomains[domains[d]].slug);
        out += '-';
        out += kTeamFunctions[teamFunctionOf(static_cast<int>(d), team - teamOffset[d])].slug;
    }
    int teamFunctionOf(int domainPos, int local) const
    {
        return (domains[static_cast<std::size_t>(domainPos)] * 5 + local) % kMaxTeamsPerDomain;
    }
    static void appendSlugHyphenated(std::string &out, std::string_view slug)
    {
        for (char ch : slug) {
            out += ch == '_' ? '-' : ch;
        }
    }

    // User names are unique: the name combination is a bijection of the person number modulo the combinations,
    // and later rounds get a numeric suffix.
    void appendUserName(std::string &out, std::int64_t person) const
    {
        const auto p = static_cast<std::uint64_t>(person);
        const std::uint64_t combo = (p % kNameCombos * 2731 + nameOffset) % kNameCombos;
        const std::uint64_t round = p / kNameCombos;
        appendLower(out, kFirstNames[combo % std::size(kFirstNames)]);
        out += '.';
        appendLower(out, kLastNames[combo / std::size(kFirstNames)]);
        if (round > 0) {
            appendNumber(out, static_cast<std::int64_t>(round + 1));
        }
    }
    void appendDisplayName(std::string &out, std::int64_t person) const
    {
        const auto p = static_cast<std::uint64_t>(person);
        const std::uint64_t combo = (p % kNameCombos * 2731 + nameOffset) % kNameCombos;
        out += kFirstNames[combo % std::size(kFirstNames)];
        out += ' ';
        out += kLastNames[combo / std::size(kFirstNames)];
    }
    static void appendLower(std::string &out, std::string_view s)
    {
        for (char ch : s) {
            out += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
        }
    }

    std::uint64_t seed;
    std::int64_t products;
    std::int64_t asOf = 0;
    int days;
    std::vector<int> domains;
    std::vector<std::int64_t> comboOffset;
    std::int64_t combos = 0;
    Permutation perm;
    std::vector<int> teamOffset, teamCount;
    int teams = 0;
    std::int64_t people = 0;
    std::uint64_t nameOffset = 0;
};

// ---------------------------------------------------------------------------------------------------------------
// Columns, rendered to JSON once per run so that the hot loop only copies bytes.

struct ColumnInfo
{
    std::string name, type;
    int nameId = 0;
    bool numeric = false, temporal = false, categorical = false;
    std::string withDescription, withoutDescription;
};

struct EntityColumns
{
    int primaryKey = 0; // as the entity's own key
    int foreignKey = 0; // the same key referenced from another product
    std::vector<int> attrs, metrics;
    std::string singularWords, pluralWords;
    bool hasPii = false;
};

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool contains(std::string_view s, std::string_view part)
{
    return s.find(part) != std::string_view::npos;
}

std::string words(std::string_view slug)
{
    std::string out(slug);
    std::replace(out.begin(), out.end(), '_', ' ');
    return out;
}
std::string capitalised(std::string s)
{
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') {
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    }
    return s;
}

bool isPii(std::string_view name)
{
    static constexpr std::string_view kPii[] = {"email",        "phone",       "full_name",      "iban",
                                                "birth_date",   "street_line", "recipient_name", "manager_name",
                                                "analyst_name", "owner_name"};
    return std::any_of(std::begin(kPii), std::end(kPii), [&](std::string_view p) { return contains(name, p); });
}

bool isCategorical(std::string_view name)
{
    static constexpr std::string_view kSuffixes[] = {"status",  "_type",    "channel", "currency",  "country_code",
                                                     "_tier",   "_band",    "_level",  "_method",   "_scheme",
                                                     "_reason", "platform", "region",  "variant",   "decision",
                                                     "rating",  "grade",    "segment", "_priority", "_result"};
    return std::any_of(std::begin(kSuffixes), std::end(kSuffixes),
                       [&](std::string_view s) { return endsWith(name, s); });
}

std::string describeColumn(std::string_view name, std::string_view entityWords, std::string_view key)
{
    auto stem = [&](std::string_view suffix) { return words(name.substr(0, name.size() - suffix.size())); };
    const std::string e(entityWords);
    if (name == key) {
        return "Unique identifier of the " + e + ".";
    }
    if (endsWith(name, "_id")) {
        return "Identifier of the " + stem("_id") + ".";
    }
    if (contains(name, "email")) {
        return capitalised(words(name)) + " address; personal data.";
    }
    if (contains(name, "phone")) {
        return capitalised(words(name)) + " number; personal data.";
    }
    if (contains(name, "iban")) {
        return "Bank account number (IBAN); personal data.";
    }
    if (isPii(name)) {
        return capitalised(words(name)) + "; personal data.";
    }
    if (name == "currency") {
        return "ISO 4217 currency code.";
    }
    if (endsWith(name, "country_code")) {
        const std::string prefix =
            name == "country_code" ? std::string("Country") : capitalised(stem("_country_code")) + " country";
        return prefix + ", ISO 3166-1 alpha-2 code.";
    }
    if (endsWith(name, "_at")) {
        return capitalised(stem("_at")) + " timestamp, UTC.";
    }
    if (endsWith(name, "_on")) {
        return "Date the " + e + " was " + stem("_on") + ".";
    }
    if (endsWith(name, "_date")) {
        return capitalised(stem("_date")) + " date.";
    }
    if (endsWith(name, "_status")) {
        return "Current status of the " + e + ".";
    }
    if (name.substr(0, 3) == "is_") {
        return "Whether the " + e + " is " + words(name.substr(3)) + ".";
    }
    static constexpr std::pair<std::string_view, std::string_view> kUnits[] = {
        {"_eur", " in EUR."},           {"_pct", " in percent."},   {"_s", " in seconds."},    {"_h", " in hours."},
        {"_min", " in minutes."},       {"_km", " in kilometres."}, {"_kg", " in kilograms."}, {"_days", " in days."},
        {"_sqm", " in square metres."}, {"_qty", " quantity."}};
    for (const auto &[suffix, text] : kUnits) {
        if (endsWith(name, suffix)) {
            return capitalised(stem(suffix)) + std::string(text);
        }
    }
    return capitalised(words(name)) + ".";
}

struct SharedColumn
{
    std::string_view name, type, description;
    bool notNull = false;
};

// Technical columns that real pipelines add; appended after the business attributes.
constexpr SharedColumn kSharedColumns[] = {
    {"created_at", "TIMESTAMP", "When the record was created in the source system, UTC.", true},
    {"updated_at", "TIMESTAMP", "When the record last changed in the source system, UTC.", true},
    {"ingested_at", "TIMESTAMP", "When the platform ingested the record, UTC.", true},
    {"source_system", "VARCHAR(32)", "System of record the row came from."},
    {"region", "VARCHAR(32)", "Sales region (EMEA, NA, APAC, LATAM)."},
    {"is_deleted", "BOOLEAN", "Soft-delete flag; deleted rows are kept for 30 days.", true},
    {"batch_id", "VARCHAR(36)", "Load batch that wrote the row (UUID)."},
    {"partition_date", "DATE", "Partition key: the business date of the row.", true},
    {"valid_from", "TIMESTAMP", "Start of the validity interval of this version, UTC."},
    {"valid_to", "TIMESTAMP", "End of the validity interval; null for the current version."},
    {"record_hash", "CHAR(64)", "SHA-256 of the business columns, for change detection."},
    {"tenant_id", "INTEGER", "Legal entity the record belongs to."},
    {"event_id", "VARCHAR(36)", "Unique id of the source event (UUID)."},
    {"event_type", "VARCHAR(32)", "Type of the source event."},
    {"schema_version", "INTEGER", "Version of the producer's schema."},
    {"producer_app", "VARCHAR(64)", "Application that produced the record."},
    {"trace_id", "VARCHAR(32)", "Distributed-tracing id of the producing request."},
    {"dq_flags", "VARCHAR(64)", "Comma-separated data-quality flags raised at ingestion."},
    {"row_version", "BIGINT", "Monotonic version of the row, for optimistic concurrency."},
    {"external_ref", "VARCHAR(64)", "Reference in the partner's system."},
    {"data_classification", "VARCHAR(16)", "Classification of the row (public, internal, confidential)."},
    {"load_date", "DATE", "Date the row was loaded.", true},
    {"sales_channel", "VARCHAR(16)", "Channel: web, app, store or b2b."},
    {"cost_center_code", "VARCHAR(16)", "Cost center charged for the record."},
};

class ColumnCatalog
{
public:
    ColumnCatalog()
    {
        for (const auto &sc : kSharedColumns) {
            shared.push_back(add(sc.name, sc.type, std::string(sc.description), !sc.notNull, false));
        }
        for (const auto &dd : kDomains) {
            entityBase.push_back(static_cast<int>(entities.size()));
            for (const auto &ed : dd.entities) {
                entities.push_back(buildEntity(ed, dd));
            }
        }
        nameCount = static_cast<int>(m_nameIds.size());
    }

    const ColumnInfo &column(int idx) const { return columns[static_cast<std::size_t>(idx)]; }
    const EntityColumns &entity(int domainDefIndex, int e) const
    {
        return entities[static_cast<std::size_t>(entityBase[static_cast<std::size_t>(domainDefIndex)] + e)];
    }

    std::vector<ColumnInfo> columns;
    std::vector<EntityColumns> entities;
    std::vector<int> entityBase;
    std::vector<int> shared;
    int nameCount = 0;

private:
    EntityColumns buildEntity(const EntityDef &ed, const DomainDef &dd)
    {
        EntityColumns ec;
        ec.singularWords = words(ed.slug);
        ec.pluralWords = words(ed.plural);
        if (ed.display == "SKU" || ed.display == "KPI" || ed.display == "AML Alert") {
            ec.singularWords = ed.display == "AML Alert" ? "AML alert" : std::string(ed.display);
            ec.pluralWords = ec.singularWords + "s";
        }
        ec.primaryKey = add(ed.key, "BIGINT", "Unique identifier of the " + ec.singularWords + ".", false, true);
        ec.foreignKey =
            add(ed.key, "BIGINT", "Reference to the " + ec.singularWords + " (" + std::string(dd.display) + " domain).",
                true, false);
        std::vector<std::pair<std::string, std::string>> measures;
        measures.emplace_back(std::string(ed.plural) + "_count", "Number of " + ec.pluralWords);
        std::string_view rest = ed.attrs;
        while (!rest.empty()) {
            const auto semi = rest.find(';');
            const std::string_view item = rest.substr(0, semi);
            rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
            const auto space = item.find(' ');
            const std::string_view name = item.substr(0, space);
            const std::string_view type = item.substr(space + 1);
            std::string description = describeColumn(name, ec.singularWords, ed.key);
            const int idx = add(name, type, description, true, false);
            ec.attrs.push_back(idx);
            ec.hasPii = ec.hasPii || isPii(name);
            const ColumnInfo &c = columns[static_cast<std::size_t>(idx)];
            if (c.numeric && measures.size() < 4) {
                description.pop_back(); // the full stop
                measures.emplace_back(std::string(name), description);
            }
        }
        static constexpr std::pair<std::string_view, std::string_view> kWindows[] = {
            {"7d", " over the last 7 days."},
            {"30d", " over the last 30 days."},
            {"90d", " over the last 90 days."},
            {"ytd", ", year to date."},
        };
        for (const auto &[window, phrase] : kWindows) {
            for (std::size_t m = 0; m < measures.size(); ++m) {
                const std::string name = measures[m].first + "_" + std::string(window);
                const std::string type = m == 0 ? std::string("BIGINT") : std::string("DECIMAL(18,2)");
                ec.metrics.push_back(add(name, type, measures[m].second + std::string(phrase), true, false));
            }
        }
        return ec;
    }

    int add(std::string_view name, std::string_view type, const std::string &description, bool nullable, bool pk)
    {
        ColumnInfo c;
        c.name = name;
        c.type = type;
        auto [it, inserted] = m_nameIds.emplace(c.name, static_cast<int>(m_nameIds.size()));
        c.nameId = it->second;
        const bool isId = endsWith(name, "_id");
        c.numeric = !isId && (type.substr(0, 7) == "DECIMAL" || type == "INTEGER" || type == "BIGINT");
        c.temporal = type == "TIMESTAMP" || type == "DATE";
        c.categorical = isCategorical(name);
        const bool pii = isPii(name);
        for (int variant = 0; variant < 2; ++variant) {
            std::string &s = variant == 0 ? c.withDescription : c.withoutDescription;
            s += R"({"name":)"sv;
            appendJsonString(s, name);
            s += R"(,"type":)"sv;
            appendJsonString(s, type);
            if (variant == 0) {
                s += R"(,"description":)"sv;
                appendJsonString(s, description);
            }
            if (!nullable) {
                s += R"(,"nullable":false)"sv;
            }
            if (pk) {
                s += R"(,"primary_key":true)"sv;
            }
            if (pii) {
                s += R"(,"tags":["pii"])"sv;
            }
            s += '}';
        }
        columns.push_back(std::move(c));
        return static_cast<int>(columns.size()) - 1;
    }

    std::map<std::string, int> m_nameIds;
};

// ---------------------------------------------------------------------------------------------------------------
// Incidents. An episode is a stretch of days during which a product is late, down or producing bad data.

enum class EpisodeType : std::uint8_t
{
    Late,
    Outage,
    Quality
};

struct Episode
{
    int start = 0, end = 0; // days [start, end) of the window
    EpisodeType type = EpisodeType::Late;
    int severity = 1; // 1..3
};

// A product's own episodes; depends only on (seed, i), so a downstream product can recompute its inputs'.
bool ownEpisodes(const Plan &plan, std::int64_t i, std::vector<Episode> &out)
{
    Rng r = streamFor(plan.seed, static_cast<std::uint64_t>(i), Stream::Episodes);
    const bool chronic = r.permille(90);
    static constexpr int kCountWeights[] = {450, 300, 160, 90};
    const int count = chronic ? r.range(5, 10) : r.weighted(kCountWeights);
    auto add = [&](int start, int length, int severity) {
        Episode e;
        e.start = start;
        e.end = std::min(plan.days, start + length);
        e.type = static_cast<EpisodeType>(r.below(3));
        e.severity = severity;
        out.push_back(e);
    };
    for (int k = 0; k < count; ++k) {
        const int length = 1 + r.range(0, 3) + (r.permille(chronic ? 500 : 300) ? r.range(1, 8) : 0);
        add(static_cast<int>(r.below(static_cast<std::uint32_t>(plan.days))), length, r.range(1, 3));
    }
    if (r.permille(25)) { // still broken at the end of the window: an open incident
        add(plan.days - 1 - r.range(0, std::min(4, plan.days - 1)), plan.days, r.range(2, 3));
    }
    return chronic;
}

// Per-day view of the episodes, so series generation is a lookup per day.
struct DayState
{
    std::uint8_t late = 0, outage = 0, quality = 0; // severity, 0 = none
    std::uint8_t age = 0;                           // days since the late/outage episode began
    std::uint16_t qualityStart = 0;                 // identifies the quality episode, for check relevance
};

// ---------------------------------------------------------------------------------------------------------------
// Number formatting without locales: fixed-point integers, trailing zeros dropped.

void appendInt(std::string &out, std::int64_t v)
{
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

char *writeUnsigned(char *p, std::uint64_t v)
{
    char digits[20];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) {
        *p++ = digits[--n];
    }
    return p;
}

// Writes at most 24 bytes at p. Series values have 0-2 decimals; constant divisors keep this cheap, and it runs
// for every point of every series.
char *writeFixed(char *p, std::int64_t scaled, int decimals)
{
    if (scaled < 0) {
        *p++ = '-';
        scaled = -scaled;
    }
    const auto v = static_cast<std::uint64_t>(scaled);
    switch (decimals) {
    case 0:
        return writeUnsigned(p, v);
    case 1:
        p = writeUnsigned(p, v / 10);
        if (v % 10 != 0) {
            *p++ = '.';
            *p++ = static_cast<char>('0' + v % 10);
        }
        return p;
    default: {
        p = writeUnsigned(p, v / 100);
        const auto frac = static_cast<unsigned>(v % 100);
        if (frac != 0) {
            *p++ = '.';
            *p++ = static_cast<char>('0' + frac / 10);
            if (frac % 10 != 0) {
                *p++ = static_cast<char>('0' + frac % 10);
            }
        }
        return p;
    }
    }
}

void appendFixed(std::string &out, std::int64_t scaled, int decimals)
{
    char buf[24];
    out.append(buf, writeFixed(buf, scaled, decimals));
}

// Nearly every string here needs no escaping, and copying it whole beats the escaper's per-byte loop.
void appendJson(std::string &out, std::string_view s)
{
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == '"' || c == '\\') {
            appendJsonString(out, s);
            return;
        }
    }
    out += '"';
    out += s;
    out += '"';
}

// Expands {X} placeholders from a table indexed by the letter.
void appendTemplate(std::string &out, std::string_view tmpl, const std::array<std::string_view, 26> &vars)
{
    std::size_t pos = 0;
    while (pos < tmpl.size()) {
        const auto open = tmpl.find('{', pos);
        if (open == std::string_view::npos || open + 2 >= tmpl.size() || tmpl[open + 2] != '}') {
            out.append(tmpl.substr(pos));
            return;
        }
        out.append(tmpl.substr(pos, open - pos));
        const char key = tmpl[open + 1];
        if (key >= 'A' && key <= 'Z') {
            out.append(vars[static_cast<std::size_t>(key - 'A')]);
        }
        pos = open + 3;
    }
}

constexpr std::string_view kOpenings[] = {
    "{D} is {Q} **{E}** published by the {M} domain.",
    "This product provides {Q} **{E}**, sourced from {S} and refreshed {F}.",
    "**{D}** exposes {Q} {E} for analysts and downstream products in {M} and beyond.",
    "Use {D} when you need {Q} **{E}**, keyed by `{K}`.",
    "{D} gives {Q} **{E}**. It is maintained by the {T} team and refreshed {F}.",
    "From the {M} domain: {Q} **{E}**, modelled for self-service analytics and refreshed {F}.",
};
constexpr std::string_view kDetails[] = {
    "Rows are keyed by `{K}` and partitioned by day. Late-arriving records are merged for up to three days, so "
    "figures for the most recent days may still change.",
    "Personal data is pseudonymised before publication; join on `{K}` rather than on names or emails. The data "
    "contract lists the retention rules.",
    "The product is rebuilt {F} from {S}. Backfills are announced in `#{H}-data` at least two days in advance.",
    "Amounts are in EUR, converted at the ECB reference rate of the booking day. Join on `{K}` with other {M} "
    "products.",
    "Expect roughly {R} rows per day. Schema changes follow semantic versioning: a breaking change bumps the major "
    "version, and the previous version stays available for 90 days.",
    "Deleted {E} are kept as tombstones with `is_deleted = true` for 30 days so that consumers can propagate "
    "deletions.",
    "Numbers here match the {M} month-end close; for intraday questions use the upstream source-aligned products "
    "instead.",
};
constexpr std::string_view kBullets[] = {
    "- Primary key: `{K}`\n",
    "- Refresh: {F}\n",
    "- Source: {S}\n",
    "- Retention: 25 months\n",
    "- Volume: about {R} rows a day\n",
    "- Support: {T}, business hours CET\n",
};
constexpr std::string_view kLinks[] = {
    "Contract, runbook and sample queries: [{N} on the data portal](https://data.acme.example/products/{H}/{N}).",
    "See the [{M} domain handbook](https://wiki.acme.example/data-mesh/{H}) for conventions and contacts.",
    "Questions? Ask in [#{H}-data](https://chat.acme.example/channels/{H}-data).",
};

constexpr std::string_view kCheckKinds[] = {"not_null", "unique", "row_count",      "freshness",
                                            "range",    "schema", "accepted_values"};
constexpr int kCheckKindWeights[] = {26, 12, 15, 15, 12, 7, 13};
enum CheckKind
{
    NotNull,
    Unique,
    RowCount,
    Freshness,
    Range,
    Schema,
    AcceptedValues
};

enum class SlaKind
{
    Freshness,
    Availability,
    Latency,
    Completeness
};

struct SlaSpec
{
    SlaKind kind;
    std::int64_t target; // fixed point, see decimals
    int decimals;
};

struct CheckSpec
{
    int kind;
    std::string id;
    int column = -1;
    bool relevantLate = false, relevantOutage = false, qualityCheck = false;
    std::uint32_t salt = 0;
};

struct Input
{
    std::int64_t index;
    Core core;
    bool mapped, withPorts;
};

// ---------------------------------------------------------------------------------------------------------------
// The streaming writer: one product at a time into a ~1 MiB buffer that goes to the device in one write. Lives on
// the stack of CatalogGenerator::write(), on the caller's thread; its per-product scratch is reused, so memory
// stays flat whatever the product count.

class Writer
{
public:
    Writer(const Plan &plan, const ColumnCatalog &cols, QIODevice &out)
        : m_plan(plan)
        , m_cols(cols)
        , m_out(out)
        , m_dayState(static_cast<std::size_t>(plan.days))
        , m_seen(static_cast<std::size_t>(cols.nameCount), 0)
    {
        m_buf.reserve(kFlushBytes + 256 * 1024);
        m_start = plan.asOf - (plan.days - 1) * kDay;
    }

    bool failed() const { return m_failed; }

    bool flush()
    {
        m_lines += std::count(m_buf.begin(), m_buf.end(), '\n');
        if (!m_buf.empty() && !m_failed) {
            const auto written = m_out.write(m_buf.data(), static_cast<qint64>(m_buf.size()));
            m_failed = written != static_cast<qint64>(m_buf.size());
        }
        m_buf.clear();
        return !m_failed;
    }
    // The trailer: how many records came before it, so a reader can tell a complete bundle from a cut one.
    void end()
    {
        flush();
        m_buf += R"({"type":"end","records":)"sv;
        appendInt(m_buf, m_lines - 1); // every line so far but the header
        m_buf += "}\n"sv;
    }
    void maybeFlush()
    {
        if (m_buf.size() >= kFlushBytes) {
            flush();
        }
    }

    void header()
    {
        m_buf += R"({"format":"meshlens-bundle","version":1,"mode":"snapshot","cursor":"gen-)"sv;
        char seed[24];
        m_buf.append(seed, std::to_chars(seed, seed + sizeof seed, m_plan.seed).ptr);
        m_buf += '-';
        appendInt(m_buf, m_plan.asOf);
        m_buf += R"(","source":"generated","generated_at":)"sv;
        appendInt(m_buf, m_plan.asOf);
        m_buf += "}\n"sv;
    }

    void domainsTeamsPeople()
    {
        for (std::size_t d = 0; d < m_plan.domains.size(); ++d) {
            const DomainDef &dd = m_plan.domainDef(static_cast<int>(d));
            m_buf += R"({"type":"domain","id":)"sv;
            appendJson(m_buf, dd.slug);
            m_buf += R"(,"name":)"sv;
            appendJson(m_buf, dd.slug);
            m_buf += R"(,"display_name":)"sv;
            appendJson(m_buf, dd.display);
            m_buf += R"(,"kind":)"sv;
            appendJson(m_buf, kindName(dd.kind));
            m_buf += R"(,"description":)"sv;
            appendJson(m_buf, dd.description);
            m_buf += "}\n"sv;
        }
        std::string id, text;
        for (int t = 0; t < m_plan.teams; ++t) {
            std::size_t d = 0;
            while (d + 1 < m_plan.teamOffset.size() && m_plan.teamOffset[d + 1] <= t) {
                ++d;
            }
            const int local = t - m_plan.teamOffset[d];
            const DomainDef &dd = m_plan.domainDef(static_cast<int>(d));
            id.clear();
            m_plan.appendTeamId(id, t);
            m_buf += R"({"type":"team","id":)"sv;
            appendJson(m_buf, id);
            m_buf += R"(,"name":)"sv;
            appendJson(m_buf, id);
            text.assign(dd.display);
            text += ' ';
            text += kTeamFunctions[m_plan.teamFunctionOf(static_cast<int>(d), local)].display;
            m_buf += R"(,"display_name":)"sv;
            appendJson(m_buf, text);
            m_buf += R"(,"domain":)"sv;
            appendJson(m_buf, dd.slug);
            if (local >= 3) { // larger domains grow a hierarchy under their first team
                text.clear();
                m_plan.appendTeamId(text, m_plan.teamOffset[d]);
                m_buf += R"(,"parent":)"sv;
                appendJson(m_buf, text);
            }
            text = id;
            text += '@';
            text += kMailDomain;
            m_buf += R"(,"email":)"sv;
            appendJson(m_buf, text);
            m_buf += "}\n"sv;
            maybeFlush();
        }
        for (std::int64_t p = 0; p < m_plan.people; ++p) {
            id.clear();
            m_plan.appendUserName(id, p);
            m_buf += R"({"type":"person","id":)"sv;
            appendJson(m_buf, id);
            m_buf += R"(,"name":)"sv;
            appendJson(m_buf, id);
            text.clear();
            m_plan.appendDisplayName(text, p);
            m_buf += R"(,"display_name":)"sv;
            appendJson(m_buf, text);
            text = id;
            text += '@';
            text += kMailDomain;
            m_buf += R"(,"email":)"sv;
            appendJson(m_buf, text);
            text.clear();
            m_plan.appendTeamId(text, static_cast<int>(p % m_plan.teams));
            m_buf += R"(,"team":)"sv;
            appendJson(m_buf, text);
            m_buf += "}\n"sv;
            maybeFlush();
        }
    }

    void product(std::int64_t i);

private:
    void chooseInputs(std::int64_t i, const Core &c);
    void buildDays(std::int64_t i, const Core &c);
    void writeProductLine(const Core &c, Rng &meta, bool noDescription, bool noTags);
    void writePorts(const Core &c, Rng &r);
    void writeSlas(std::int64_t i, const Core &c);
    void writeChecks(std::int64_t i, const Core &c);
    void writeLineage();
    void selectColumns(std::vector<int> &out, int count, const Core &c, bool withInputs);
    // describedPermille: how often a column carries its description (the key column of port 0 always does).
    void appendColumns(const std::vector<int> &cols, std::size_t count, Rng &r, bool keyFirst, int describedPermille);
    int portFormat(int format) const;

    const Plan &m_plan;
    const ColumnCatalog &m_cols;
    QIODevice &m_out;
    std::string m_buf;
    std::int64_t m_lines = 0; // lines flushed so far
    bool m_failed = false;
    std::int64_t m_start = 0;

    // Per-product scratch, reused so the loop does not allocate.
    std::string m_id, m_name, m_display, m_desc, m_text, m_port0, m_inputId, m_teamDisplay;
    std::string m_productRef; // "product":"<id>", escaped once per product
    std::vector<Input> m_inputs;
    std::vector<Episode> m_episodes, m_inputEpisodes;
    std::vector<DayState> m_dayState;
    std::vector<std::uint32_t> m_seen;
    std::uint32_t m_stamp = 0;
    std::vector<int> m_port0Cols, m_portCols;
    std::vector<CheckSpec> m_checks;
    bool m_chronic = false;
    int m_firstDay = 0, m_lastDay = 0; // the days the product ran
    bool m_hasApi = false, m_hasInputPort = false;
};

constexpr std::string_view kFormats[] = {"table", "topic", "api", "file"};

int formatIndex(std::string_view f)
{
    for (std::size_t k = 0; k < std::size(kFormats); ++k) {
        if (kFormats[k] == f) {
            return static_cast<int>(k);
        }
    }
    return 0;
}

void Writer::chooseInputs(std::int64_t i, const Core &c)
{
    m_inputs.clear();
    Rng r = streamFor(m_plan.seed, static_cast<std::uint64_t>(i), Stream::Lineage);
    auto add = [&](std::int64_t j, const Core &cj) {
        if (j < 0 || j >= i || cj.status == Proposed) {
            return false;
        }
        for (const Input &in : m_inputs) {
            if (in.index == j) {
                return false;
            }
        }
        m_inputs.push_back(Input{j, cj, r.permille(300), r.permille(500)});
        return true;
    };
    // Rejection sampling over earlier products: each candidate is recomputed from its index, nothing is stored.
    auto sample = [&](Kind kind, int domain) {
        for (int tries = 0; tries < 24 && i > 0; ++tries) {
            const std::int64_t j = r.below64(i);
            const Core cj = m_plan.core(j);
            if (m_plan.kindOf(cj) == kind && (domain < 0 || cj.domain == domain) && add(j, cj)) {
                return true;
            }
        }
        return false;
    };
    static constexpr int kInputCounts[] = {0, 150, 300, 300, 170, 80};
    switch (m_plan.kindOf(c)) {
    case Kind::Source: {
        const QualifierDef &q = m_plan.qualifierOfCore(c);
        if (!q.base && r.permille(800)) {
            // Refined forms come from the same entity's landing form when the catalog has it.
            bool found = false;
            const int first = static_cast<int>(r.below(3));
            for (int k = 0; k < 3 && !found; ++k) {
                const std::int64_t j = m_plan.indexOf(c.domain, c.entity, (first + k) % 3, c.occurrence);
                found = j >= 0 && add(j, m_plan.core(j));
            }
            if (!found) {
                sample(Kind::Source, c.domain);
            }
        }
        if (!q.base && r.permille(q.slug == "enriched" ? 800 : 300)) {
            sample(Kind::Source, -1);
        }
        break;
    }
    case Kind::Aggregate: {
        const int n = r.weighted(kInputCounts);
        for (int k = 0; k < n; ++k) {
            sample(r.permille(850) ? Kind::Source : Kind::Aggregate, -1);
        }
        break;
    }
    case Kind::Consumer: {
        const int n = r.weighted(kInputCounts);
        for (int k = 0; k < n; ++k) {
            sample(r.permille(700) ? Kind::Aggregate : Kind::Source, -1);
        }
        break;
    }
    }
}

void Writer::buildDays(std::int64_t i, const Core &c)
{
    m_episodes.clear();
    m_chronic = ownEpisodes(m_plan, i, m_episodes);
    // Upstream trouble arrives downstream as lateness, a day later or the same day.
    Rng r = streamFor(m_plan.seed, static_cast<std::uint64_t>(i), Stream::Propagation);
    for (const Input &in : m_inputs) {
        m_inputEpisodes.clear();
        ownEpisodes(m_plan, in.index, m_inputEpisodes);
        for (const Episode &e : m_inputEpisodes) {
            if (e.type != EpisodeType::Quality && e.severity >= 2 && r.permille(400)) {
                const int lag = static_cast<int>(r.below(2));
                Episode d{e.start + lag, std::min(m_plan.days, e.end + lag), EpisodeType::Late, e.severity - 1};
                if (d.start < m_plan.days) {
                    m_episodes.push_back(d);
                }
            }
        }
    }
    std::fill(m_dayState.begin(), m_dayState.end(), DayState{});
    for (const Episode &e : m_episodes) {
        for (int day = e.start; day < e.end; ++day) {
            DayState &s = m_dayState[static_cast<std::size_t>(day)];
            const auto sev = static_cast<std::uint8_t>(e.severity);
            switch (e.type) {
            case EpisodeType::Late:
                if (sev > s.late) {
                    s.late = sev;
                    s.age = static_cast<std::uint8_t>(std::min(day - e.start, 255));
                }
                break;
            case EpisodeType::Outage:
                if (sev > s.outage) {
                    s.outage = sev;
                    s.age = static_cast<std::uint8_t>(std::min(day - e.start, 255));
                }
                break;
            case EpisodeType::Quality:
                if (sev > s.quality) {
                    s.quality = sev;
                    s.qualityStart = static_cast<std::uint16_t>(e.start);
                }
                break;
            }
        }
    }

    // New products start measuring partway through the window, retired ones stop.
    Rng life = streamFor(m_plan.seed, static_cast<std::uint64_t>(i), Stream::Life);
    m_firstDay = 0;
    m_lastDay = m_plan.days - 1;
    if ((c.status == Development && life.permille(500)) || (c.status == Active && life.permille(50))) {
        m_firstDay = static_cast<int>(life.below(static_cast<std::uint32_t>(m_plan.days)));
    } else if (c.status == Retired) {
        m_lastDay =
            m_plan.days / 3 + static_cast<int>(life.below(static_cast<std::uint32_t>(m_plan.days - m_plan.days / 3)));
        m_lastDay = std::min(m_lastDay, m_plan.days - 2);
    }
}

void Writer::writeProductLine(const Core &c, Rng &meta, bool noDescription, bool noTags)
{
    const DomainDef &dd = m_plan.domainDef(c.domain);
    const EntityDef &ed = m_plan.entityOf(c);
    const QualifierDef &q = m_plan.qualifierOfCore(c);
    const EntityColumns &ec = m_cols.entity(m_plan.domains[static_cast<std::size_t>(c.domain)], c.entity);

    m_display.clear();
    m_plan.appendDisplayName(m_display, c);

    static constexpr int kTierWeights[] = {50, 150, 350, 300, 150};
    const int tier = 1 + meta.weighted(kTierWeights);
    const int major = 1 + static_cast<int>(meta.below(4));
    const int minor = static_cast<int>(meta.below(13));
    const int patch = static_cast<int>(meta.below(21));
    const std::int64_t updatedAt = m_plan.asOf - meta.below64(400) * kDay - meta.below64(kDay);

    Rng owners(meta.next());
    const int ownerTeam = m_plan.teamOf(c.domain, owners);
    m_text.clear();
    m_plan.appendTeamId(m_text, ownerTeam);

    m_buf += R"({"type":"product","id":)"sv;
    appendJson(m_buf, m_id);
    m_buf += R"(,"name":)"sv;
    appendJson(m_buf, m_name);
    m_buf += R"(,"display_name":)"sv;
    appendJson(m_buf, m_display);
    m_buf += R"(,"fqn":")"sv;
    m_buf += kCompany;
    m_buf += '.';
    m_buf += m_id;
    m_buf += R"(","domain":)"sv;
    appendJson(m_buf, dd.slug);
    m_buf += R"(,"status":")"sv;
    m_buf += kStatuses[c.status];
    m_buf += R"(","tier":)"sv;
    appendInt(m_buf, tier);

    if (!noDescription) {
        std::array<std::string_view, 26> vars{};
        m_teamDisplay.assign(dd.display);
        m_teamDisplay += ' ';
        m_teamDisplay +=
            kTeamFunctions[m_plan.teamFunctionOf(c.domain,
                                                 ownerTeam - m_plan.teamOffset[static_cast<std::size_t>(c.domain)])]
                .display;
        m_inputId.clear();
        Plan::appendSlugHyphenated(m_inputId, dd.slug);
        vars['D' - 'A'] = m_display;
        vars['Q' - 'A'] = q.phrase;
        vars['E' - 'A'] = ec.pluralWords;
        vars['M' - 'A'] = dd.display;
        vars['K' - 'A'] = ed.key;
        vars['S' - 'A'] = kSourceSystems[meta.below(std::size(kSourceSystems))];
        vars['F' - 'A'] =
            q.realtime ? std::string_view("in near real time") : kCadences[meta.below(std::size(kCadences))];
        vars['T' - 'A'] = m_teamDisplay;
        vars['R' - 'A'] = kRowVolumes[meta.below(std::size(kRowVolumes))];
        vars['N' - 'A'] = m_name;
        vars['H' - 'A'] = m_inputId;
        m_desc.clear();
        appendTemplate(m_desc, kOpenings[meta.below(std::size(kOpenings))], vars);
        if (meta.permille(700)) {
            m_desc += "\n\n";
            appendTemplate(m_desc, kDetails[meta.below(std::size(kDetails))], vars);
        }
        if (meta.permille(350)) {
            m_desc += "\n\n**Good to know**\n\n";
            const auto first = meta.below(std::size(kBullets));
            const auto count = 2 + meta.below(3);
            for (std::uint32_t k = 0; k < count; ++k) {
                appendTemplate(m_desc, kBullets[(first + k) % std::size(kBullets)], vars);
            }
            m_desc.pop_back();
        }
        if (meta.permille(400)) {
            m_desc += "\n\n";
            appendTemplate(m_desc, kLinks[meta.below(std::size(kLinks))], vars);
        }
        if (c.status == Deprecated) {
            m_desc += "\n\n> **Deprecated:** migrate to version ";
            appendInt(m_desc, major + 1);
            m_desc += " of this product; this version will be retired next quarter.";
        } else if (c.status == Retired) {
            m_desc += "\n\n> **Retired:** kept for lineage only; no longer refreshed.";
        } else if (c.status == Proposed) {
            m_desc += "\n\n> *Proposed:* the contract is under review; nothing is published yet.";
        }
        m_buf += R"(,"description":)"sv;
        appendJson(m_buf, m_desc);
    }

    m_buf += R"(,"version":")"sv;
    appendInt(m_buf, major);
    m_buf += '.';
    appendInt(m_buf, minor);
    m_buf += '.';
    appendInt(m_buf, patch);
    m_buf += R"(","updated_at":)"sv;
    appendInt(m_buf, updatedAt);

    if (!noTags) {
        std::array<std::string_view, 5> tags{};
        std::size_t n = 0;
        auto tag = [&](std::string_view t) {
            if (n < tags.size() && std::find(tags.begin(), tags.begin() + static_cast<std::ptrdiff_t>(n), t) ==
                                       tags.begin() + static_cast<std::ptrdiff_t>(n)) {
                tags[n++] = t;
            }
        };
        tag(q.layer);
        if (meta.permille(700)) {
            tag(q.realtime ? "realtime" : "batch");
        }
        if (ec.hasPii && meta.permille(900)) {
            tag("pii");
            if (meta.permille(500)) {
                tag("gdpr");
            }
        }
        if ((dd.slug == "finance" || dd.slug == "payments") && meta.permille(600)) {
            tag("finance");
        }
        if (tier <= 2 && meta.permille(600)) {
            tag("certified");
        }
        if (q.slug == "features" || q.slug == "scores" || q.slug == "predictions") {
            tag("ml-feature");
        }
        const std::uint32_t target = 2 + meta.below(4);
        for (int tries = 0; n < target && tries < 8; ++tries) {
            tag(kExtraTags[meta.below(std::size(kExtraTags))]);
        }
        m_buf += R"(,"tags":[)"sv;
        for (std::size_t k = 0; k < n; ++k) {
            if (k > 0) {
                m_buf += ',';
            }
            appendJson(m_buf, tags[k]);
        }
        m_buf += ']';
    }

    m_buf += R"(,"owners":[{"role":"owner","team":)"sv;
    appendJson(m_buf, m_text);
    m_buf += '}';
    auto person = [&](std::string_view role, std::int64_t p) {
        m_buf += R"(,{"role":")"sv;
        m_buf += role;
        m_buf += R"(","person":")"sv;
        m_plan.appendUserName(m_buf, p);
        m_buf += R"("})"sv;
    };
    const std::int64_t owner = m_plan.memberOf(ownerTeam, owners);
    if (owners.permille(850)) {
        person("owner", owner);
    }
    if (owners.permille(600)) {
        std::int64_t steward = m_plan.memberOf(m_plan.teamOf(c.domain, owners), owners);
        if (steward != owner) {
            person("steward", steward);
        }
    }
    const int experts = owners.permille(300) ? (owners.permille(250) ? 2 : 1) : 0;
    std::int64_t previous = -1;
    for (int k = 0; k < experts; ++k) {
        const std::int64_t e = owners.below64(m_plan.people);
        if (e != owner && e != previous) {
            person("expert", e);
            previous = e;
        }
    }
    m_buf += "]}\n"sv;
}

void Writer::selectColumns(std::vector<int> &out, int count, const Core &c, bool withInputs)
{
    out.clear();
    ++m_stamp;
    const auto n = static_cast<std::size_t>(count);
    auto add = [&](int idx) {
        if (out.size() >= n) {
            return;
        }
        const auto id = static_cast<std::size_t>(m_cols.column(idx).nameId);
        if (m_seen[id] != m_stamp) {
            m_seen[id] = m_stamp;
            out.push_back(idx);
        }
    };
    const EntityColumns &ec = m_cols.entity(m_plan.domains[static_cast<std::size_t>(c.domain)], c.entity);
    add(ec.primaryKey);
    if (withInputs) {
        for (const Input &in : m_inputs) {
            if (in.mapped) {
                add(m_cols.entity(m_plan.domains[static_cast<std::size_t>(in.core.domain)], in.core.entity).foreignKey);
            }
        }
    }
    for (int a : ec.attrs) {
        add(a);
    }
    if (m_plan.kindOf(c) == Kind::Source) {
        for (int s : m_cols.shared) {
            add(s);
        }
        for (int m : ec.metrics) {
            add(m);
        }
    } else {
        for (int m : ec.metrics) {
            add(m);
        }
        for (int s : m_cols.shared) {
            add(s);
        }
    }
}

void Writer::appendColumns(const std::vector<int> &cols, std::size_t count, Rng &r, bool keyFirst,
                           int describedPermille)
{
    m_buf += R"(,"columns":[)"sv;
    for (std::size_t k = 0; k < count && k < cols.size(); ++k) {
        if (k > 0) {
            m_buf += ',';
        }
        const ColumnInfo &col = m_cols.column(cols[k]);
        const bool described = (keyFirst && k == 0) || r.permille(describedPermille);
        m_buf += described ? col.withDescription : col.withoutDescription;
    }
    m_buf += ']';
}

void Writer::writePorts(const Core &c, Rng &r)
{
    const EntityDef &ed = m_plan.entityOf(c);
    const QualifierDef &q = m_plan.qualifierOfCore(c);
    const DomainDef &dd = m_plan.domainDef(c.domain);
    // Most products publish one output port; a second or third port re-exposes the same data (so its columns
    // are a subset, rarely re-described).
    const int outputs = 1 + r.weighted(std::array<int, 3>{780, 190, 30});
    const int columnCount =
        std::clamp(5 + r.range(0, 10) + r.range(0, 10) + (r.permille(200) ? r.range(0, 20) : 0), 5, 40);
    selectColumns(m_port0Cols, columnCount, c, true);

    m_hasApi = false;
    m_port0.assign(q.format);
    int used = 1 << formatIndex(q.format);
    for (int p = 0; p < outputs; ++p) {
        int f = formatIndex(q.format);
        if (p > 0) {
            f = static_cast<int>(r.below(std::size(kFormats)));
            for (int tries = 0; tries < 4 && (used & (1 << f)); ++tries) {
                f = (f + 1) % static_cast<int>(std::size(kFormats));
            }
            if (used & (1 << f)) {
                break;
            }
            used |= 1 << f;
        }
        const std::string_view format = kFormats[f];
        m_hasApi = m_hasApi || format == "api";
        m_buf += R"({"type":"port",)"sv;
        m_buf += m_productRef;
        m_buf += R"(,"id":")"sv;
        m_buf += format;
        m_buf += R"(","direction":"output","name":)"sv;
        m_text.assign(m_display);
        m_text += " (";
        m_text += format;
        m_text += ')';
        appendJson(m_buf, m_text);
        const std::string_view plural =
            m_cols.entity(m_plan.domains[static_cast<std::size_t>(c.domain)], c.entity).pluralWords;
        m_text.clear();
        m_inputId.clear();
        switch (f) {
        case 0:
            m_text = "Table of ";
            m_text += plural;
            m_text += ", one row per ";
            m_text += m_cols.entity(m_plan.domains[static_cast<std::size_t>(c.domain)], c.entity).singularWords;
            m_text += ". Partitioned by `partition_date`, clustered on `";
            m_text += ed.key;
            m_text += "`.";
            m_inputId = "snowflake://acme.eu-west-1/ANALYTICS/";
            for (char ch : m_id) {
                m_inputId += ch == '.' ? '/' : (ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch);
            }
            break;
        case 1:
            m_text = "Kafka topic of ";
            m_text += plural;
            m_text += " as Avro records keyed by `";
            m_text += ed.key;
            m_text += "`; 7 days retention.";
            m_inputId = "kafka://events.acme.example/";
            for (char ch : m_id) {
                m_inputId += ch == '_' ? '-' : ch;
            }
            m_inputId += ".v1";
            break;
        case 2:
            m_text = "REST API serving ";
            m_text += plural;
            m_text += " by `";
            m_text += ed.key;
            m_text += "`; paginated, OAuth2 client credentials.";
            m_inputId = "https://data.acme.example/api/";
            for (char ch : m_id) {
                m_inputId += ch == '.' ? '/' : (ch == '_' ? '-' : ch);
            }
            break;
        default:
            m_text = "Daily Parquet export of ";
            m_text += plural;
            m_text += " under a dated prefix.";
            m_inputId = "s3://acme-data-products/";
            m_inputId += dd.slug;
            m_inputId += '/';
            m_inputId += m_name;
            m_inputId += '/';
            break;
        }
        m_buf += R"(,"description":)"sv;
        appendJson(m_buf, m_text);
        m_buf += R"(,"format":")"sv;
        m_buf += format;
        m_buf += R"(","location":)"sv;
        appendJson(m_buf, m_inputId);
        const std::size_t count =
            p == 0 ? m_port0Cols.size()
                   : 5 + r.below64(static_cast<std::int64_t>(std::max<std::size_t>(m_port0Cols.size(), 5) - 4));
        appendColumns(m_port0Cols, count, r, true, p == 0 ? 700 : 120);
        m_buf += "}\n"sv;
    }

    m_hasInputPort = !m_inputs.empty() && r.permille(250);
    if (m_hasInputPort) {
        const Input &in = m_inputs.front();
        m_inputId.clear();
        m_plan.appendId(m_inputId, in.core);
        m_buf += R"({"type":"port",)"sv;
        m_buf += m_productRef;
        m_buf += R"(,"id":"in","direction":"input","name":"Upstream )"sv;
        m_buf += m_plan.entityOf(in.core).display;
        m_buf += R"(","description":)"sv;
        m_text = "Reads `";
        m_text += m_inputId;
        m_text += "` incrementally by `updated_at`.";
        appendJson(m_buf, m_text);
        m_buf += R"(,"format":")"sv;
        m_buf += m_plan.qualifierOfCore(in.core).format;
        m_buf += '"';
        selectColumns(m_portCols, 5 + r.range(0, 7), in.core, false);
        appendColumns(m_portCols, m_portCols.size(), r, true, 120);
        m_buf += "}\n"sv;
    }
}

void Writer::writeSlas(std::int64_t i, const Core &c)
{
    Rng r = streamFor(m_plan.seed, static_cast<std::uint64_t>(i), Stream::Slas);
    const QualifierDef &q = m_plan.qualifierOfCore(c);
    std::array<SlaSpec, 4> specs{};
    std::size_t n = 0;
    if (r.permille(900)) {
        static constexpr int kRealtime[] = {600, 300, 100};
        static constexpr int kBatch[] = {100, 300, 600};
        static constexpr int kHours[] = {1, 6, 24};
        specs[n++] = {SlaKind::Freshness, kHours[r.weighted(q.realtime ? kRealtime : kBatch)] * 10, 1};
    }
    if (r.permille(m_hasApi || q.format == "topic" ? 750 : 400)) {
        static constexpr int kTargets[] = {9900, 9950, 9990};
        specs[n++] = {SlaKind::Availability, kTargets[r.below(3)], 2};
    }
    if (r.permille(m_hasApi ? 700 : 80)) {
        static constexpr int kTargets[] = {250, 500, 1000, 2000};
        specs[n++] = {SlaKind::Latency, kTargets[r.below(4)], 0};
    }
    if (r.permille(400)) {
        static constexpr int kTargets[] = {9500, 9800, 9900, 9950};
        specs[n++] = {SlaKind::Completeness, kTargets[r.below(4)], 2};
    }
    if (n == 0) {
        specs[n++] = {SlaKind::Freshness, 240, 1};
    }
    n = std::min<std::size_t>(n, 3);

    for (std::size_t k = 0; k < n; ++k) {
        const SlaSpec &s = specs[k];
        std::string_view kind, unit, op = "<=";
        const bool portLevel = (s.kind == SlaKind::Availability || s.kind == SlaKind::Latency) && m_hasApi;
        switch (s.kind) {
        case SlaKind::Freshness:
            kind = "freshness";
            unit = "h";
            break;
        case SlaKind::Availability:
            kind = "availability";
            unit = "%";
            op = ">=";
            break;
        case SlaKind::Latency:
            kind = "latency";
            unit = "ms";
            break;
        case SlaKind::Completeness:
            kind = "completeness";
            unit = "%";
            op = ">=";
            break;
        }
        m_buf += R"({"type":"sla",)"sv;
        m_buf += m_productRef;
        m_buf += R"(,"id":")"sv;
        m_buf += kind;
        m_buf += R"(","kind":")"sv;
        m_buf += kind;
        m_buf += R"(","target":)"sv;
        appendFixed(m_buf, s.target, s.decimals);
        m_buf += R"(,"unit":")"sv;
        m_buf += unit;
        m_buf += R"(","op":")"sv;
        m_buf += op;
        m_buf += R"(","port":")"sv;
        m_buf += portLevel ? std::string_view("api") : std::string_view(m_port0);
        m_buf += R"(","description":")"sv;
        switch (s.kind) {
        case SlaKind::Freshness:
            m_buf += "Data is at most "sv;
            appendFixed(m_buf, s.target, s.decimals);
            m_buf += " h old when measured."sv;
            break;
        case SlaKind::Availability:
            m_buf += "The port answers "sv;
            appendFixed(m_buf, s.target, s.decimals);
            m_buf += "% of probes, measured daily."sv;
            break;
        case SlaKind::Latency:
            m_buf += "p95 query latency stays under "sv;
            appendFixed(m_buf, s.target, s.decimals);
            m_buf += " ms."sv;
            break;
        case SlaKind::Completeness:
            m_buf += "At least "sv;
            appendFixed(m_buf, s.target, s.decimals);
            m_buf += "% of the expected rows arrive each day."sv;
            break;
        }
        m_buf += "\"}\n"sv;
    }

    if (c.status == Proposed) {
        return; // nothing runs yet, so nothing is measured
    }
    for (std::size_t k = 0; k < n; ++k) {
        const SlaSpec &s = specs[k];
        m_buf += R"({"type":"sla_measurement",)"sv;
        m_buf += m_productRef;
        m_buf += R"(,"sla":")"sv;
        switch (s.kind) {
        case SlaKind::Freshness:
            m_buf += "freshness"sv;
            break;
        case SlaKind::Availability:
            m_buf += "availability"sv;
            break;
        case SlaKind::Latency:
            m_buf += "latency"sv;
            break;
        case SlaKind::Completeness:
            m_buf += "completeness"sv;
            break;
        }
        m_buf += R"(","start":)"sv;
        appendInt(m_buf, m_start);
        m_buf += R"(,"step":86400,"values":[)"sv;
        const std::int64_t t = s.target;
        const std::int64_t base = std::max<std::int64_t>(1, t * r.range(25, 60) / 100);
        const int noise = m_chronic ? 20 : 4;
        const std::size_t at = m_buf.size();
        m_buf.resize(at + static_cast<std::size_t>(m_plan.days) * 25);
        char *const first = m_buf.data() + at;
        char *p = first;
        for (int day = 0; day < m_plan.days; ++day) {
            if (day > 0) {
                *p++ = ',';
            }
            // One draw per day, split into independent fields.
            const std::uint64_t bits = r.next();
            const auto gap = static_cast<int>(bits & 0x3ff);
            const auto roll = static_cast<int>((bits >> 10) & 0x3ff);
            const auto u = static_cast<std::int64_t>((bits >> 20) & 0xffff); // 0..65535
            auto span = [&](std::int64_t lo, std::int64_t hi) { return lo + (u * (hi - lo + 1) >> 16); };
            if (day < m_firstDay || day > m_lastDay || gap < 8) {
                p = std::copy_n("null", 4, p);
                continue;
            }
            const DayState &ds = m_dayState[static_cast<std::size_t>(day)];
            std::int64_t v = 0;
            switch (s.kind) {
            case SlaKind::Freshness: {
                const int sev = std::max(ds.late, ds.outage);
                if (sev > 0) {
                    v = t * span(110, 110 + 90 * sev) / 100 + ds.age * 240 * sev / 3;
                } else if (roll < noise) {
                    v = t * span(101, 150) / 100 + 1;
                } else {
                    v = std::max<std::int64_t>(1, base * span(70, 130) / 100);
                }
                break;
            }
            case SlaKind::Availability: {
                const std::int64_t headroom = 10000 - t;
                if (ds.outage > 0) {
                    v = t - span(10, 60 * ds.outage * ds.outage);
                } else if (roll < noise) {
                    v = t - span(1, 30);
                } else {
                    v = 10000 - span(0, headroom / 2);
                }
                break;
            }
            case SlaKind::Latency:
                if (ds.outage > 0) {
                    v = t * span(110, 110 + 80 * ds.outage) / 100;
                } else if (roll < noise) {
                    v = t * span(101, 160) / 100;
                } else {
                    v = std::max<std::int64_t>(1, base * span(80, 125) / 100);
                }
                break;
            case SlaKind::Completeness: {
                const std::int64_t headroom = 10000 - t;
                if (ds.quality > 0) {
                    v = t - span(5, 300 * ds.quality);
                } else if (ds.late > 0 && roll < 500) {
                    v = t - span(0, 50 * ds.late);
                } else if (roll < noise) {
                    v = t - span(1, 40);
                } else {
                    v = 10000 - span(0, headroom / 2);
                }
                break;
            }
            }
            p = writeFixed(p, v, s.decimals);
        }
        m_buf.resize(at + static_cast<std::size_t>(p - first));
        m_buf += "]}\n"sv;
    }
}

void Writer::writeChecks(std::int64_t i, const Core &c)
{
    Rng r = streamFor(m_plan.seed, static_cast<std::uint64_t>(i), Stream::Checks);
    m_checks.clear();
    if (r.permille(120)) {
        return;
    }
    static constexpr int kCountWeights[] = {200, 300, 250, 150, 100};
    const int wanted = 1 + r.weighted(kCountWeights);
    const std::string_view plural = m_plan.entityOf(c).plural;
    for (int tries = 0; tries < wanted * 3 && static_cast<int>(m_checks.size()) < wanted; ++tries) {
        CheckSpec spec;
        spec.kind = r.weighted(kCheckKindWeights);
        auto pick = [&](auto pred) {
            const auto n = static_cast<std::uint32_t>(m_port0Cols.size());
            const std::uint32_t first = r.below(n);
            for (std::uint32_t k = 0; k < n; ++k) {
                const int idx = m_port0Cols[(first + k) % n];
                if (pred(m_cols.column(idx))) {
                    return idx;
                }
            }
            return -1;
        };
        switch (spec.kind) {
        case NotNull:
            spec.column = r.permille(400) ? m_port0Cols.front() : pick([](const ColumnInfo &) { return true; });
            break;
        case Unique:
            spec.column = m_port0Cols.front();
            break;
        case Freshness:
            spec.column = pick([](const ColumnInfo &col) { return col.temporal && col.type == "TIMESTAMP"; });
            break;
        case Range:
            spec.column = pick([](const ColumnInfo &col) { return col.numeric; });
            if (spec.column < 0) {
                continue;
            }
            break;
        case AcceptedValues:
            spec.column = pick([](const ColumnInfo &col) { return col.categorical; });
            if (spec.column < 0) {
                continue;
            }
            break;
        default:
            break;
        }
        spec.id.assign(plural);
        if (spec.column >= 0) {
            spec.id += '_';
            spec.id += m_cols.column(spec.column).name;
        }
        spec.id += '_';
        spec.id += kCheckKinds[spec.kind];
        if (std::any_of(m_checks.begin(), m_checks.end(), [&](const CheckSpec &o) { return o.id == spec.id; })) {
            continue;
        }
        spec.relevantLate = spec.kind == Freshness || (spec.kind == RowCount && r.permille(600));
        spec.relevantOutage = spec.kind == Freshness || spec.kind == RowCount;
        spec.qualityCheck = spec.kind != Freshness;
        spec.salt = static_cast<std::uint32_t>(r.next());
        m_checks.push_back(std::move(spec));
    }

    for (const CheckSpec &spec : m_checks) {
        m_buf += R"({"type":"check",)"sv;
        m_buf += m_productRef;
        m_buf += R"(,"id":)"sv;
        appendJson(m_buf, spec.id);
        m_buf += R"(,"name":)"sv;
        appendJson(m_buf, spec.id);
        m_buf += R"(,"kind":")"sv;
        m_buf += kCheckKinds[spec.kind];
        m_buf += R"(","port":")"sv;
        m_buf += m_port0;
        m_buf += '"';
        std::string_view column;
        if (spec.column >= 0) {
            column = m_cols.column(spec.column).name;
            m_buf += R"(,"column":)"sv;
            appendJson(m_buf, column);
        }
        m_text.clear();
        switch (spec.kind) {
        case NotNull:
            m_text = "Fails when `";
            m_text += column;
            m_text += "` is null in any row of the latest load.";
            break;
        case Unique:
            m_text = "Fails when `";
            m_text += column;
            m_text += "` has duplicates.";
            break;
        case RowCount:
            m_text = "Fails when the daily row count deviates more than 30% from its 4-week average.";
            break;
        case Freshness:
            m_text = "Fails when the newest `";
            m_text += column.empty() ? std::string_view("updated_at") : column;
            m_text += "` is older than the freshness objective.";
            break;
        case Range:
            m_text = "Fails when `";
            m_text += column;
            m_text += "` falls outside its expected range.";
            break;
        case Schema:
            m_text = "Fails when the published schema differs from the data contract.";
            break;
        default:
            m_text = "Fails when `";
            m_text += column;
            m_text += "` holds a value outside the agreed list.";
            break;
        }
        m_buf += R"(,"description":)"sv;
        appendJson(m_buf, m_text);
        static constexpr std::string_view kSeverities[] = {"critical", "major", "minor"};
        const bool onKey = spec.column == m_port0Cols.front() && (spec.kind == NotNull || spec.kind == Unique);
        m_buf += R"(,"severity":")"sv;
        m_buf += onKey ? kSeverities[0] : kSeverities[spec.salt % 7 < 2 ? 0 : (spec.salt % 7 < 5 ? 1 : 2)];
        m_buf += "\"}\n"sv;
    }

    if (c.status == Proposed) {
        return;
    }
    const int background = m_chronic ? 40 : 1;
    for (const CheckSpec &spec : m_checks) {
        m_buf += R"({"type":"check_result",)"sv;
        m_buf += m_productRef;
        m_buf += R"(,"check":)"sv;
        appendJson(m_buf, spec.id);
        m_buf += R"(,"start":)"sv;
        appendInt(m_buf, m_start);
        m_buf += R"(,"step":86400,"statuses":")"sv;
        const std::size_t at = m_buf.size();
        m_buf.resize(at + static_cast<std::size_t>(m_plan.days));
        char *out = m_buf.data() + at;
        for (int day = 0; day < m_plan.days; ++day) {
            const std::uint64_t bits = r.next();
            const auto skip = static_cast<int>(bits & 0x3ff);
            const auto roll = static_cast<int>((bits >> 10) & 0x3ff);
            char &status = out[day];
            if (day < m_firstDay || day > m_lastDay || skip < 3) {
                status = '-';
                continue;
            }
            if (skip < 4) {
                status = 'A';
                continue;
            }
            const DayState &ds = m_dayState[static_cast<std::size_t>(day)];
            int sev = 0;
            if (ds.late > 0 && spec.relevantLate) {
                sev = ds.late;
            }
            if (ds.outage > 0 && spec.relevantOutage) {
                sev = std::max<int>(sev, ds.outage);
            }
            if (ds.quality > 0 && spec.qualityCheck &&
                mix64(spec.salt + static_cast<std::uint64_t>(ds.qualityStart)) % 100 < 75) {
                sev = std::max<int>(sev, ds.quality);
            }
            static constexpr int kFailPermille[] = {0, 750, 880, 970};
            if (sev > 0 && roll * 1000 < kFailPermille[sev] * 1024) {
                status = 'F';
            } else if (ds.outage > 0 && sev == 0 && roll < 80) {
                status = 'A';
            } else if (roll >= 1024 - background) {
                status = 'F';
            } else {
                status = 'P';
            }
        }
        m_buf += "\"}\n"sv;
    }
}

void Writer::writeLineage()
{
    for (const Input &in : m_inputs) {
        m_inputId.clear();
        m_plan.appendId(m_inputId, in.core);
        m_buf += R"({"type":"lineage","from":)"sv;
        appendJson(m_buf, m_inputId);
        m_buf += R"(,"to":)"sv;
        appendJson(m_buf, m_id);
        if (in.withPorts) {
            m_buf += R"(,"from_port":")"sv;
            m_buf += m_plan.qualifierOfCore(in.core).format;
            m_buf += '"';
            if (m_hasInputPort && &in == &m_inputs.front()) {
                m_buf += R"(,"to_port":"in")"sv;
            } else {
                m_buf += R"(,"to_port":")"sv;
                m_buf += m_port0;
                m_buf += '"';
            }
        }
        if (in.mapped) {
            const std::string_view key = m_plan.entityOf(in.core).key;
            m_buf += R"(,"columns":[[)"sv;
            appendJson(m_buf, key);
            m_buf += ',';
            appendJson(m_buf, key);
            m_buf += "]]"sv;
            m_buf += R"(,"description":"Joined on `)"sv;
            m_buf += key;
            m_buf += "`.\""sv;
        }
        m_buf += "}\n"sv;
    }
}

void Writer::product(std::int64_t i)
{
    const Core c = m_plan.core(i);
    m_id.clear();
    m_plan.appendId(m_id, c);
    m_name.clear();
    m_plan.appendName(m_name, c);
    m_productRef.assign(R"("product":)");
    appendJson(m_productRef, m_id);

    chooseInputs(i, c);
    buildDays(i, c);

    Rng meta = streamFor(m_plan.seed, static_cast<std::uint64_t>(i), Stream::Meta);
    // About 8% of products miss some metadata, which the health views must notice.
    bool noDescription = false, noTags = false, noSla = false;
    if (meta.permille(80)) {
        switch (meta.below(3)) {
        case 0:
            noDescription = true;
            break;
        case 1:
            noTags = true;
            break;
        default:
            noSla = true;
            break;
        }
    }
    writeProductLine(c, meta, noDescription, noTags);
    Rng ports = streamFor(m_plan.seed, static_cast<std::uint64_t>(i), Stream::Ports);
    writePorts(c, ports);
    if (!noSla) {
        writeSlas(i, c);
    }
    writeChecks(i, c);
    writeLineage();
    maybeFlush();
}

} // namespace

CatalogGenerator::CatalogGenerator(GeneratorOptions options)
    : m_options(options)
{}

std::int64_t CatalogGenerator::todayUtcMidnight()
{
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    return now - now % kDay;
}

std::string CatalogGenerator::productId(std::int64_t index) const
{
    const Plan plan(m_options);
    if (index < 0 || index >= plan.products) {
        return {};
    }
    std::string id;
    plan.appendId(id, plan.core(index));
    return id;
}

std::optional<QString> CatalogGenerator::write(QIODevice &out, const std::function<void(std::int64_t)> &onProgress,
                                               const std::atomic<bool> *cancel) const
{
    const Plan plan(m_options);
    const ColumnCatalog columns;
    Writer writer(plan, columns, out);
    auto writeError = [&] {
        return QCoreApplication::translate("CatalogGenerator", "Could not write the catalog: %1")
            .arg(out.errorString());
    };

    writer.header();
    writer.domainsTeamsPeople();
    for (std::int64_t i = 0; i < plan.products; ++i) {
        if (i > 0 && i % kProgressEvery == 0) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                writer.flush();
                return QCoreApplication::translate("CatalogGenerator", "Generating the catalog was cancelled.");
            }
            if (onProgress) {
                onProgress(i);
            }
        }
        writer.product(i);
        if (writer.failed()) {
            return writeError();
        }
    }
    writer.end();
    if (!writer.flush()) {
        return writeError();
    }
    if (onProgress) {
        onProgress(plan.products);
    }
    return std::nullopt;
}

} // namespace meshlens::models
