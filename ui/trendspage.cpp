#include "trendspage.h"

#include "../models/charts/chartjobs.h"
#include "../models/store/connectionfactory.h"
#include "chartexport.h"
#include "failingchecksview.h"
#include "passratechart.h"
#include "rangebar.h"
#include "timechart.h"
#include "widgetfactory.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace meshlens::ui {

namespace {
constexpr int kDomains = 0;
constexpr int kOwners = 1;

QString clickHint()
{
    return TrendsPage::tr("Click a red point to list that day's failing checks; Enter on one opens its product.");
}
} // namespace

TrendsPage::TrendsPage(const models::ConnectionFactory &connections, QWidget *parent)
    : QWidget(parent)
{
    m_choiceJobs = new models::ChartJobs(connections.path(), this);
    m_jobs = new models::ChartJobs(connections.path(), this);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("trendKind"));
    m_kind->setAccessibleName(tr("Aggregate by"));
    m_kind->addItems({tr("Domain"), tr("Owner")});
    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("trendScope"));
    m_scope->setAccessibleName(tr("Domain or owner"));
    m_scope->setMinimumContentsLength(28);
    m_scope->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scope->setEditable(true); // type to find one among thousands of owners
    m_scope->setInsertPolicy(QComboBox::NoInsert);
    m_range = new RangeBar(this);
    m_range->setObjectName(QStringLiteral("trendRange"));
    m_summary = makeTextLabel(QStringLiteral("trendSummary"), this);
    m_note = makeTextLabel(QStringLiteral("trendNote"), this);
    m_note->hide();
    m_empty = makeEmptyState(QStringLiteral("trendEmpty"), this);

    const PassRateChartView passRate =
        makePassRateChart(QStringLiteral("trendChart"), 280, QStringLiteral("trendExport"),
                          QStringLiteral("quality-trend"), &m_data, this);
    m_chart = passRate.chart;
    auto *exporter = passRate.exporter;
    m_chartBox = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(m_chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_chart, 3);
    m_failing = new FailingChecksView(connections, true, m_chartBox);
    m_failing->setObjectName(QStringLiteral("trendFailingChecks"));
    m_failing->reset(clickHint());
    chartLayout->addWidget(m_failing, 1);

    auto *top = new QHBoxLayout;
    top->addWidget(m_kind);
    top->addWidget(m_scope, 1);
    top->addWidget(exporter);
    auto *second = new QHBoxLayout;
    second->addWidget(m_range, 1);
    second->addWidget(m_summary);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(second);
    layout->addWidget(m_note);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_chartBox, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &TrendsPage::fillChoices);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &TrendsPage::load);
    connect(m_range, &RangeBar::rangeChanged, this, &TrendsPage::load);
    connect(m_chart, &TimeChart::pointClicked, this, [this](const QString &, qint64 xMs) { showFailing(xMs / 1000); });
    connect(m_failing, &FailingChecksView::productActivated, this, &TrendsPage::productActivated);
    connect(m_failing, &FailingChecksView::shown, this, &TrendsPage::failingShown);
    connect(exporter, &ExportButton::failed, this, [this](const QString &message) {
        m_note->setText(message);
        m_note->show();
    });
    connect(exporter, &ExportButton::exported, this, [this](const QString &path) {
        m_note->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
        m_note->show();
    });
}

void TrendsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce) {
        refresh();
    }
}

void TrendsPage::refresh()
{
    m_loadedOnce = true;
    if (!m_wanted) {
        m_wanted = currentScope();
    }
    m_summary->setText(tr("Loading…"));
    m_choiceJobs->submit<models::ScopeChoices>(
        [](models::Database &db, const std::atomic_bool &) { return models::QualityTrends::choices(db); },
        [this](models::ScopeChoices choices) {
            m_choices = std::move(choices);
            if (!m_choices.error.isEmpty()) {
                m_note->setText(tr("The domains and owners could not be read: %1").arg(m_choices.error));
                m_note->show();
            }
            fillChoices();
        });
}

bool TrendsPage::showScope(const models::TrendScope &scope)
{
    m_wanted = scope;
    if (m_choices.domains.empty() && m_choices.owners.empty()) {
        refresh(); // selected once the choices arrive
        return true;
    }
    fillChoices();
    return currentScope() && currentScope()->id == scope.id && currentScope()->kind == scope.kind;
}

void TrendsPage::fillChoices()
{
    if (m_wanted) {
        const QSignalBlocker block(m_kind);
        m_kind->setCurrentIndex(m_wanted->kind == models::TrendScope::Kind::Owner ? kOwners : kDomains);
    }
    const auto &list = m_kind->currentIndex() == kOwners ? m_choices.owners : m_choices.domains;
    int select = 0;
    {
        const QSignalBlocker block(m_scope);
        m_scope->clear();
        for (const models::ScopeChoice &c : list) {
            const QString kind = c.scope.partyKind == QLatin1String("team") ? tr(" (team)") : QString();
            m_scope->addItem(tr("%1%2 — %Ln product(s)", nullptr, static_cast<int>(c.products)).arg(c.title, kind));
            if (m_wanted && m_wanted->id == c.scope.id && m_wanted->kind == c.scope.kind &&
                m_wanted->partyKind == c.scope.partyKind) {
                select = m_scope->count() - 1;
            }
        }
        m_scope->setCurrentIndex(list.empty() ? -1 : select);
    }
    m_wanted.reset();
    load();
}

std::optional<models::TrendScope> TrendsPage::currentScope() const
{
    const auto &list = m_kind->currentIndex() == kOwners ? m_choices.owners : m_choices.domains;
    const int i = m_scope->currentIndex();
    if (i < 0 || i >= static_cast<int>(list.size())) {
        return std::nullopt;
    }
    return list[static_cast<size_t>(i)].scope;
}

void TrendsPage::load()
{
    const auto scope = currentScope();
    if (!scope) {
        m_jobs->cancel();
        m_chartBox->hide();
        m_summary->clear();
        m_empty->setText(m_kind->currentIndex() == kOwners
                             ? tr("No one owns a product in this catalog yet.\nSync a catalog with F5.")
                             : tr("The catalog has no domains yet.\nSync a catalog with F5."));
        m_empty->show();
        Q_EMIT loaded();
        return;
    }
    m_summary->setText(tr("Loading…"));
    const auto span = m_range->span();
    const QTimeZone zone = m_zone;
    m_jobs->submit<models::QualityData>(
        [scope = *scope, span, zone](models::Database &db, const std::atomic_bool &cancel) {
            return models::QualityTrends::load(db, scope, span, zone, &cancel);
        },
        [this](models::QualityData data) { apply(std::move(data)); });
}

void TrendsPage::apply(models::QualityData data)
{
    m_data = std::move(data);
    m_failing->reset(clickHint());
    const models::RunCounts total = m_data.trend.total();
    if (!m_data.error.isEmpty() || total.runs() == 0) {
        m_chartBox->hide();
        m_summary->clear();
        m_empty->setText(
            !m_data.error.isEmpty()
                ? tr("The trend could not be read: %1\nTry again after the next sync (F5).").arg(m_data.error)
            : m_data.trend.checksInScope == 0
                ? tr("None of these %Ln product(s) declares a quality check.", nullptr,
                     static_cast<int>(m_data.trend.productsInScope))
                : tr("No check ran in this range.\nChoose a longer range, or All (Alt+5)."));
        m_empty->show();
        Q_EMIT loaded();
        return;
    }
    m_empty->hide();
    m_chartBox->show();
    m_summary->setText(tr("%1% passed · %L2 runs · %Ln product(s), %L3 checks", nullptr,
                          static_cast<int>(m_data.trend.productsInScope))
                           .arg(QLocale().toString(*total.passRate() * 100.0, 'f', 1))
                           .arg(total.runs())
                           .arg(m_data.trend.checksInScope));
    showPassRate(m_chart, m_data, true);
    m_chart->setTitle(tr("Pass rate — %1").arg(m_scope->currentText()));
    Q_EMIT loaded();
}

void TrendsPage::showFailing(qint64 t)
{
    if (const auto scope = currentScope()) {
        m_failing->showDay(*scope, m_data, t);
    }
}

} // namespace meshlens::ui
