#include "qualitytab.h"

#include "../models/charts/chartcsv.h"
#include "../models/charts/chartjobs.h"
#include "../models/store/connectionfactory.h"
#include "chartexport.h"
#include "failingchecksview.h"
#include "passratechart.h"
#include "rangebar.h"
#include "statustimeline.h"
#include "timechart.h"
#include "widgetfactory.h"

#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>

namespace meshlens::ui {

namespace {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

// Breach bands widened by half the measurement spacing on each side, so a single breaching point shows.
QList<QPair<qint64, qint64>> bandsOf(const models::SlaTrack &track)
{
    const qint64 half =
        track.points.size() > 1 ? std::max<qint64>((track.points[1].t - track.points[0].t) / 2, 1) : 43200;
    QList<QPair<qint64, qint64>> bands;
    for (const models::TimeRange &b : track.breaches) {
        bands.append({(b.from - half) * 1000, (b.to + half) * 1000});
    }
    return bands;
}

} // namespace

QualityTab::QualityTab(const models::ConnectionFactory &connections, QWidget *parent)
    : QWidget(parent)
{
    m_jobs = new models::ChartJobs(connections.path(), this);

    m_range = new RangeBar(this);
    m_range->setObjectName(QStringLiteral("qualityRange"));
    m_summary = makeTextLabel(QStringLiteral("qualitySummary"), this);
    m_note = makeTextLabel(QStringLiteral("qualityNote"), this);
    m_note->setWordWrap(true);
    m_note->hide();
    m_empty = makeEmptyState(QStringLiteral("qualityEmpty"), this);

    m_content = new QWidget;
    auto *content = new QVBoxLayout(m_content);
    const PassRateChartView passRate =
        makePassRateChart(QStringLiteral("passRateChart"), 260, QStringLiteral("passRateExport"),
                          QStringLiteral("pass-rate"), &m_data, m_content);
    m_passRate = passRate.chart;
    content->addWidget(section(tr("Pass rate per day"), m_passRate, passRate.exporter));

    m_timeline = new StatusTimeline(m_content);
    m_timeline->setObjectName(QStringLiteral("checkTimeline"));
    auto *timelineExport = new ExportButton(
        m_timeline, QStringLiteral("check-status"), ExportButton::widgetSvg(m_timeline),
        [this]() { return models::ChartCsv::checks(m_data.checks, m_zone); }, m_content);
    timelineExport->setObjectName(QStringLiteral("timelineExport"));
    content->addWidget(section(tr("Check results"), m_timeline, timelineExport));

    m_failing = new FailingChecksView(connections, false, m_content);
    m_failing->setObjectName(QStringLiteral("failingChecks"));
    m_failing->setMinimumHeight(130);
    m_failing->setMaximumHeight(200);
    m_failing->reset({});
    content->addWidget(m_failing);

    auto *slaBox = new QWidget(m_content);
    m_slaLayout = new QVBoxLayout(slaBox);
    m_slaLayout->setContentsMargins(0, 0, 0, 0);
    content->addWidget(slaBox);
    content->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("qualityScroll"));
    scroll->setWidget(m_content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_scroll = scroll;

    auto *top = new QHBoxLayout;
    top->addWidget(m_range, 1);
    top->addWidget(m_summary);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_note);
    layout->addWidget(m_empty, 1);
    layout->addWidget(scroll, 1);

    connect(m_range, &RangeBar::rangeChanged, this, &QualityTab::load);
    connect(m_passRate, &TimeChart::pointClicked, this,
            [this](const QString &, qint64 xMs) { showFailing(xMs / 1000); });
    connect(m_timeline, &StatusTimeline::runClicked, this, [this](const QString &, qint64 t, char) { showFailing(t); });
    connect(m_failing, &FailingChecksView::shown, this, &QualityTab::failingShown);
}

QWidget *QualityTab::section(const QString &title, QWidget *content, ExportButton *exporter)
{
    connect(exporter, &ExportButton::failed, this, &QualityTab::note);
    connect(exporter, &ExportButton::exported, this,
            [this](const QString &path) { note(tr("Saved %1").arg(QDir::toNativeSeparators(path))); });
    auto *box = new QWidget(m_content);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 4);
    auto *header = new QHBoxLayout;
    header->addWidget(heading(title, box), 1);
    header->addWidget(exporter);
    layout->addLayout(header);
    layout->addWidget(content);
    return box;
}

void QualityTab::note(const QString &message)
{
    m_note->setText(message);
    m_note->setVisible(!message.isEmpty());
}

bool QualityTab::isLoading() const
{
    return m_jobs->isBusy();
}

void QualityTab::showProduct(qint64 productId)
{
    m_productId = productId;
    reload();
}

void QualityTab::reload()
{
    if (!isVisible()) {
        m_dirty = true; // load when the tab is opened
        m_jobs->cancel();
        return;
    }
    load();
}

void QualityTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty) {
        load();
    }
}

void QualityTab::load()
{
    m_dirty = false;
    if (!m_productId) {
        return;
    }
    m_summary->setText(tr("Loading…"));
    const models::TrendScope scope{models::TrendScope::Kind::Product, *m_productId, {}};
    const auto span = m_range->span();
    const QTimeZone zone = m_zone;
    m_jobs->submit<models::QualityData>(
        [scope, span, zone](models::Database &db, const std::atomic_bool &cancel) {
            return models::QualityTrends::load(db, scope, span, zone, &cancel);
        },
        [this](models::QualityData data) { apply(std::move(data)); });
}

void QualityTab::apply(models::QualityData data)
{
    m_data = std::move(data);
    m_failing->reset({});
    note({});
    qDeleteAll(m_slaSections);
    m_slaSections.clear();
    if (!m_data.error.isEmpty()) {
        m_summary->clear();
        m_empty->setText(
            tr("The quality data could not be read: %1\nTry again after the next sync (F5).").arg(m_data.error));
        m_empty->show();
        m_scroll->hide();
        Q_EMIT loaded();
        return;
    }
    const bool nothing = m_data.trend.checksInScope == 0 && m_data.slas.empty();
    const bool noneInRange =
        m_data.grid.isEmpty() || (std::all_of(m_data.trend.buckets.begin(), m_data.trend.buckets.end(),
                                              [](const models::TrendBucket &b) { return b.counts.runs() == 0; }) &&
                                  std::all_of(m_data.slas.begin(), m_data.slas.end(),
                                              [](const models::SlaTrack &s) { return s.points.empty(); }));
    if (nothing || noneInRange) {
        m_empty->setText(nothing ? tr("This product declares no quality checks and no SLAs.")
                                 : tr("No check results or SLA measurements in this range.\nChoose a longer range, "
                                      "or All (Alt+5)."));
        m_empty->show();
        m_scroll->hide();
        m_summary->clear();
        Q_EMIT loaded();
        return;
    }
    m_empty->hide();
    m_scroll->show();

    const auto rate = m_data.trend.total().passRate();
    m_summary->setText(QStringLiteral("%1 · %2 · %3")
                           .arg(rate ? tr("%1% passed").arg(QLocale().toString(*rate * 100.0, 'f', 1)) : tr("no runs"),
                                tr("%n check(s)", nullptr, static_cast<int>(m_data.trend.checksInScope)),
                                tr("%n SLA(s)", nullptr, static_cast<int>(m_data.slas.size()))));

    showPassRate(m_passRate, m_data, false);

    const models::TimeRange range = m_data.grid.range();
    std::vector<StatusTimeline::Row> rows;
    for (const models::CheckTrack &c : m_data.checks) {
        rows.push_back({c.info.name, c.runs});
    }
    m_timeline->setRows(std::move(rows), range.from, range.to);
    m_timeline->parentWidget()->setVisible(!m_data.checks.empty());
    m_passRate->parentWidget()->setVisible(!m_data.checks.empty());

    int index = 0;
    for (const models::SlaTrack &track : m_data.slas) {
        auto *chart = new TimeChart(m_content);
        chart->setObjectName(QStringLiteral("slaChart%1").arg(index));
        chart->setMinimumHeight(240);
        const models::SlaInfo &info = track.info;
        const QString title =
            tr("%1 (target %2 %3 %4)").arg(info.kind, info.op, QLocale().toString(info.target, 'g', 6), info.unit);
        chart->setTitle(title);
        chart->setTimeRange(range.from * 1000, range.to * 1000);
        chart->setLeftAxis(info.unit);
        QList<QPointF> points;
        points.reserve(static_cast<qsizetype>(track.points.size()));
        int breaching = 0;
        for (const models::SeriesPoint &p : track.points) {
            points.append({static_cast<double>(p.t) * 1000.0, static_cast<double>(p.value)});
            breaching += !std::isnan(p.value) && !models::slaMet(p.value, info.target, info.op) ? 1 : 0;
        }
        chart->addBands(tr("Breached"), bandsOf(track), StatusTimeline::failColor());
        chart->addThreshold(tr("Target"), info.target, QColor(0xe0, 0x7b, 0x39));
        chart->addLine(info.kind, points, QColor(0x3b, 0x82, 0xf6));
        const QString unit = info.unit;
        const double target = info.target;
        const QString op = info.op;
        chart->setFormatter([unit, target, op](const QString &, QPointF p) {
            const QString when =
                QLocale().toString(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(p.x())), QLocale::LongFormat);
            return tr("%1\n%2 %3 — %4")
                .arg(when, QLocale().toString(p.y(), 'g', 6), unit,
                     models::slaMet(p.y(), target, op) ? tr("met") : tr("breached"));
        });
        chart->rebuild();
        chart->setAccessibleDescription(tr("%1 measurements, %2 breaching the target, %3 breach period(s)")
                                            .arg(track.points.size())
                                            .arg(breaching)
                                            .arg(track.breaches.size()));
        const size_t at = static_cast<size_t>(index);
        auto *exporter = new ExportButton(
            chart, QStringLiteral("sla-%1").arg(info.kind),
            [chart](const QString &path) { return chart->saveSvg(path); },
            [this, at]() {
                return at < m_data.slas.size() ? models::ChartCsv::sla(m_data.slas[at], m_zone) : QByteArray();
            },
            m_content);
        exporter->setObjectName(QStringLiteral("slaExport%1").arg(index));
        QWidget *box = section(tr("SLA: %1").arg(info.kind), chart, exporter);
        m_slaLayout->addWidget(box);
        m_slaSections << box;
        ++index;
    }
    Q_EMIT loaded();
}

void QualityTab::showFailing(qint64 t)
{
    if (m_productId) {
        m_failing->showDay({models::TrendScope::Kind::Product, *m_productId, {}}, m_data, t);
    }
}

} // namespace meshlens::ui
