#include "healthtab.h"

#include "../models/health/healthformat.h"
#include "../models/health/healthsnapshot.h"
#include "slacalendar.h"
#include "widgetfactory.h"

#include <QDateTime>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace meshlens::ui {

namespace {

const QColor kAlert(0xd7, 0x3a, 0x49);
const QColor kWarn(0xc2, 0x7c, 0x0e);
const QColor kGood(0x2d, 0xa4, 0x4e);

QString when(std::int64_t t)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(t), QLocale::ShortFormat);
}

QTreeWidget *makeTable(const QString &objectName, const QStringList &headers, const QString &accessibleName)
{
    auto *tree = new QTreeWidget;
    tree->setObjectName(objectName);
    tree->setAccessibleName(accessibleName);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    tree->setUniformRowHeights(true);
    tree->header()->setStretchLastSection(true);
    tree->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    tree->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return tree;
}

QString budgetText(const models::SlaEvaluation &e)
{
    if (!e.budgetRemaining) {
        return QStringLiteral("–");
    }
    return *e.budgetRemaining < 0 ? HealthTab::tr("overspent") : models::formatShare(e.budgetRemaining);
}

QString burnText(const models::SlaEvaluation &e)
{
    return e.burnRate ? QLocale().toString(*e.burnRate, 'f', 2) + QLatin1Char('x') : QStringLiteral("–");
}

QColor bandColor(models::HealthBand band)
{
    return band == models::HealthBand::Healthy ? kGood : band == models::HealthBand::AtRisk ? kWarn : kAlert;
}

} // namespace

HealthTab::HealthTab(models::Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
{
    m_scoreLabel = makeTextLabel(QStringLiteral("healthScore"));
    QFont big = m_scoreLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_scoreLabel->setFont(big);
    m_formula = makeTextLabel(QStringLiteral("healthFormula"));
    m_formula->setWordWrap(true);
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formula->setForegroundRole(QPalette::PlaceholderText);
    m_problems = makeTextLabel(QStringLiteral("healthProblems"));
    m_problems->setWordWrap(true);
    m_components = makeTable(QStringLiteral("healthComponents"),
                             {tr("Component"), tr("Value"), tr("Weight"), tr("Points"), tr("Detail")},
                             tr("Health score components"));
    m_slas = makeTable(QStringLiteral("healthSlaTable"),
                       {tr("Objective"), tr("Target"), tr("Actual"), tr("Compliance"), tr("State"), tr("Last breach"),
                        tr("Budget left 7/30/90 d"), tr("Burn 7/30/90 d")},
                       tr("Service level objectives"));
    m_checks =
        makeTable(QStringLiteral("healthChecksTable"),
                  {tr("Check"), tr("Severity"), tr("Pass rate"), tr("Runs"), tr("Last result"), tr("Failing since")},
                  tr("Quality checks"));
    m_calendar = new SlaCalendar;
    m_calendar->setObjectName(QStringLiteral("healthCalendar"));
    m_incidents = makeTable(QStringLiteral("healthIncidents"), {tr("Open incident"), tr("Since"), tr("Detail")},
                            tr("Open incidents"));

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_scoreLabel);
    layout->addWidget(m_components);
    layout->addWidget(m_formula);
    auto *slaBox = new QGroupBox(tr("Service level objectives"));
    auto *slaLayout = new QVBoxLayout(slaBox);
    slaLayout->addWidget(m_slas);
    slaLayout->addWidget(new QLabel(tr("Last 180 days:")));
    slaLayout->addWidget(m_calendar);
    layout->addWidget(slaBox);
    layout->addWidget(m_problems);
    auto *checksBox = new QGroupBox(tr("Quality checks"));
    (new QVBoxLayout(checksBox))->addWidget(m_checks);
    layout->addWidget(checksBox);
    auto *incidentsBox = new QGroupBox(tr("Open incidents"));
    (new QVBoxLayout(incidentsBox))->addWidget(m_incidents);
    layout->addWidget(incidentsBox);
    layout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    (new QVBoxLayout(this))->addWidget(scroll);
    setPolicy(m_policy);
}

void HealthTab::setPolicy(const models::HealthPolicy &policy)
{
    m_policy = policy;
    m_formula->setText(models::healthScoreFormula(policy));
    if (m_productId) {
        showProduct(*m_productId);
    }
}

void HealthTab::showProduct(qint64 productId)
{
    m_productId = productId;
    const auto report = models::productHealth(m_db, productId, m_policy);
    if (!report) {
        m_score.reset();
        m_scoreLabel->setText(tr("The catalog no longer has this product."));
        return;
    }
    fill(*report);
}

void HealthTab::fill(const models::ProductHealthReport &r)
{
    m_score = r.score;
    const models::HealthBand band = models::healthBand(r.score, r.policy);
    m_scoreLabel->setText(tr("Health %1 / 100 — %2").arg(r.score).arg(models::healthBandName(band)));
    QPalette pal = m_scoreLabel->palette();
    pal.setColor(QPalette::WindowText, bandColor(band));
    m_scoreLabel->setPalette(pal);
    m_scoreLabel->setToolTip(
        tr("Evaluated as of %1 over the last %n day(s)", nullptr, r.policy.windowDays).arg(when(r.now)));

    m_components->clear();
    const auto terms = models::scoreTerms(r.components, r.policy);
    const QStringList details = {
        tr("%n objective(s) measured", nullptr,
           static_cast<int>(std::count_if(r.objectives.begin(), r.objectives.end(),
                                          [](const auto &o) { return o.window.compliance.has_value(); }))),
        tr("%n check(s)", nullptr, static_cast<int>(r.checks.size())),
        models::missingMetadata(r.metadata).isEmpty() ? tr("complete")
                                                      : tr("missing: %1").arg(models::missingMetadata(r.metadata)),
        tr("%n open", nullptr, r.components.openIncidents),
    };
    for (std::size_t i = 0; i < terms.size(); ++i) {
        const models::ScoreTerm &t = terms[i];
        auto *item = new QTreeWidgetItem(m_components);
        item->setText(0, t.name);
        item->setText(1, t.value ? models::formatShare(*t.value) : tr("n/a (not counted)"));
        item->setText(2, models::formatShare(t.weight));
        item->setText(3, QLocale().toString(t.points, 'f', 1));
        item->setText(4, details.value(static_cast<int>(i)));
        for (int c : {1, 2, 3}) {
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        }
    }

    m_slas->clear();
    std::vector<SlaCalendar::Row> calendar;
    QStringList problems;
    for (const models::ObjectiveReport &o : r.objectives) {
        const models::SlaEvaluation &e = o.window;
        auto *item = new QTreeWidgetItem(m_slas);
        item->setText(0, o.kind);
        item->setToolTip(0, o.description);
        item->setText(1, models::formatTarget(o.spec.atLeast, o.spec.target, o.unit));
        item->setText(2, e.latest ? models::formatValue(*e.latest, o.unit) : tr("no data"));
        item->setText(3, e.compliance ? models::formatShare(e.compliance) : QStringLiteral("–"));
        item->setText(4, models::slaStateName(e.state));
        if (e.state == models::SlaState::Breached || e.state == models::SlaState::Stale) {
            item->setForeground(4, kAlert);
        }
        if (!e.breaches.empty() && !e.breaches.back().end) {
            item->setText(5, tr("ongoing since %1").arg(when(e.breaches.back().start)));
        } else if (e.lastBreachEnd) {
            item->setText(5, tr("ended %1 ago").arg(models::formatDuration(r.now - *e.lastBreachEnd)));
        } else {
            item->setText(5, tr("none known"));
        }
        QStringList budgets, burns;
        for (const models::SlaEvaluation &b : o.budgets) {
            budgets << budgetText(b);
            burns << burnText(b);
        }
        item->setText(6, budgets.join(QStringLiteral(" / ")));
        item->setText(7, burns.join(QStringLiteral(" / ")));
        calendar.push_back({o.kind, o.calendar});
        for (const QString &p : e.problems) {
            problems << tr("%1: %2").arg(o.kind, p);
        }
    }
    if (r.objectives.empty()) {
        auto *none = new QTreeWidgetItem(m_slas);
        none->setText(0, tr("No SLA declared. Declare one at the source so consumers know what to expect."));
        none->setFirstColumnSpanned(true);
    }
    m_calendar->setRows(std::move(calendar));
    m_problems->setText(problems.join(QLatin1Char('\n')));
    m_problems->setVisible(!problems.isEmpty());

    m_checks->clear();
    for (const models::CheckReport &c : r.checks) {
        auto *item = new QTreeWidgetItem(m_checks);
        item->setText(0, c.name);
        item->setToolTip(0, c.kind);
        item->setText(1, c.severity);
        item->setText(2, c.eval.passRate() ? models::formatShare(c.eval.passRate()) : tr("no run"));
        item->setText(3, QLocale().toString(c.eval.counts.runs()));
        item->setText(4, !c.eval.lastStatus          ? tr("never ran")
                         : *c.eval.lastStatus == 'P' ? tr("passed")
                         : *c.eval.lastStatus == 'F' ? tr("FAILED")
                                                     : tr("aborted"));
        if (c.eval.failingNow) {
            item->setText(5, c.eval.failingSince ? when(*c.eval.failingSince) : QString());
            item->setForeground(4, kAlert);
        }
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    }
    if (r.checks.empty()) {
        auto *none = new QTreeWidgetItem(m_checks);
        none->setText(0, tr("No quality check declared."));
        none->setFirstColumnSpanned(true);
    }

    m_incidents->clear();
    for (const models::ObjectiveReport &o : r.objectives) {
        if (o.window.breachedNow() && !o.window.breaches.empty()) {
            const models::Breach &b = o.window.breaches.back();
            auto *item = new QTreeWidgetItem(m_incidents);
            item->setText(0, tr("SLA %1 breached").arg(o.kind));
            item->setText(1, when(b.start));
            item->setText(2, tr("worst %1 against %2")
                                 .arg(models::formatValue(b.worst, o.unit),
                                      models::formatTarget(o.spec.atLeast, o.spec.target, o.unit)));
            item->setForeground(0, kAlert);
        }
    }
    for (const models::CheckReport &c : r.checks) {
        if (c.eval.failingNow) {
            auto *item = new QTreeWidgetItem(m_incidents);
            item->setText(0, c.severity.isEmpty() ? tr("Check %1 failing").arg(c.name)
                                                  : tr("Check %1 failing (%2)").arg(c.name, c.severity));
            item->setText(1, c.eval.failingSince ? when(*c.eval.failingSince) : QString());
            item->setText(2, c.message);
            item->setToolTip(2, c.message);
            item->setForeground(0, kAlert);
        }
    }
    if (m_incidents->topLevelItemCount() == 0) {
        auto *none = new QTreeWidgetItem(m_incidents);
        none->setText(0, tr("None: no check is failing and no objective is breached."));
        none->setFirstColumnSpanned(true);
    }
    for (QTreeWidget *t : {m_components, m_slas, m_checks, m_incidents}) {
        for (int i = 0; i < t->columnCount() - 1; ++i) {
            t->resizeColumnToContents(i);
        }
    }
}

} // namespace meshlens::ui
