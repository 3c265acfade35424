#include "lineagepage.h"

#include "lineagescene.h"
#include "lineageview.h"

#include "models/links/deeplink.h"
#include "models/store/database.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QGraphicsItem>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QSpinBox>
#include <QSvgGenerator>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace meshlens::ui {

using models::LineageGraph;

namespace {

constexpr int kPerDistance = 40;   // nodes shown per distance before "show N more"
constexpr int kMinimapAbove = 150; // nodes
const QSizeF kNodeSize(200, 54);

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
}

} // namespace

// What a worker hands back: the graph, what of it is shown, and its layout.
struct LineagePage::Loaded
{
    LineageGraph graph;
    models::VisibleSet visible;
    models::LayoutResult layout;
    QString error;
    bool missing = false;
    QList<int> added; // nodes a expansion added
};

LineagePage::LineagePage(models::ConnectionFactory connections, QWidget *parent)
    : QWidget(parent)
    , m_connections(std::move(connections))
{
    setObjectName(QStringLiteral("lineagePage"));
    auto *bar = new QHBoxLayout;
    const auto spin = [&](const QString &name, const QString &label, const QString &tip) {
        auto *s = new QSpinBox;
        s->setObjectName(name);
        s->setRange(0, 25);
        s->setValue(2);
        s->setAccessibleName(label);
        s->setToolTip(tip);
        auto *l = new QLabel(label);
        l->setBuddy(s);
        bar->addWidget(l);
        bar->addWidget(s);
        connect(s, &QSpinBox::valueChanged, this, [this]() { reload(); });
        return s;
    };
    m_up = spin(QStringLiteral("lineageUp"), tr("&Upstream"), tr("How many hops upstream to show (Alt+U)"));
    m_down = spin(QStringLiteral("lineageDown"), tr("&Downstream"), tr("How many hops downstream to show (Alt+D)"));
    m_ports = new QCheckBox(tr("&Ports"));
    m_ports->setObjectName(QStringLiteral("lineagePorts"));
    m_ports->setToolTip(tr("Show port/dataset-level lineage instead of products"));
    connect(m_ports, &QCheckBox::toggled, this, [this]() { reload(); });
    bar->addWidget(m_ports);
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("lineageSearch"));
    m_search->setPlaceholderText(tr("Find in graph (Ctrl+F)"));
    m_search->setAccessibleName(tr("Find in graph"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &LineagePage::onSearch);
    connect(m_search, &QLineEdit::returnPressed, this, &LineagePage::nextMatch);
    bar->addWidget(m_search, 1);
    auto *fit = new QToolButton;
    fit->setObjectName(QStringLiteral("lineageFit"));
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Fit the graph in the window (F or 0; zoom with the wheel, + and -)"));
    bar->addWidget(fit);
    auto *exportButton = new QToolButton;
    exportButton->setObjectName(QStringLiteral("lineageExport"));
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(exportButton);
    menu->addAction(tr("As SVG…"), this, [this]() {
        exportVia(tr("Export lineage as SVG"), tr("SVG images (*.svg)"), &LineagePage::exportSvg);
    });
    menu->addAction(tr("As PNG…"), this, [this]() {
        exportVia(tr("Export lineage as PNG"), tr("PNG images (*.png)"), &LineagePage::exportPng);
    });
    menu->addAction(tr("As Graphviz DOT…"), this, [this]() {
        exportVia(tr("Export lineage as DOT"), tr("Graphviz files (*.dot *.gv)"), &LineagePage::exportDot);
    });
    exportButton->setMenu(menu);
    bar->addWidget(exportButton);

    m_scene = new LineageScene(this);
    m_view = new LineageView;
    m_view->setScene(m_scene);
    connect(fit, &QToolButton::clicked, m_view, &LineageView::fit);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("lineageStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_scene, &QGraphicsScene::selectionChanged, this, &LineagePage::onSelectionChanged);
    connect(m_scene, &LineageScene::expandRequested, this, &LineagePage::expandNode);
    connect(m_scene, &LineageScene::moreRequested, this, &LineagePage::showMore);
    connect(m_scene, &LineageScene::contextMenuRequested, this, &LineagePage::showContextMenu);
    connect(m_scene, &LineageScene::nodeActivated, this, [this](int node) {
        if (const auto id = m_drawnGraph.node(node).entryId) {
            Q_EMIT productActivated(*id);
        }
    });
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this]() {
        m_search->setFocus();
        m_search->selectAll();
    });
    auto *clear = new QShortcut(QKeySequence(Qt::Key_Escape), m_view);
    clear->setContext(Qt::WidgetShortcut);
    connect(clear, &QShortcut::activated, m_scene, &QGraphicsScene::clearSelection);
    auto *expand = new QShortcut(QKeySequence(Qt::Key_E), m_view);
    expand->setContext(Qt::WidgetShortcut);
    connect(expand, &QShortcut::activated, this, [this]() {
        if (const auto n = m_scene->selectedNode()) {
            expandNode(*n);
        }
    });
    auto *impact = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_I), this);
    impact->setContext(Qt::WidgetWithChildrenShortcut);
    connect(impact, &QShortcut::activated, this, [this]() { showImpact(m_scene->selectedNode().value_or(m_focus)); });
    auto *open = new QShortcut(QKeySequence(Qt::Key_Return), m_view);
    open->setContext(Qt::WidgetShortcut);
    connect(open, &QShortcut::activated, this, [this]() {
        if (const auto n = m_scene->selectedNode()) {
            Q_EMIT m_scene->nodeActivated(*n);
        }
    });
    setStatus(tr("Open a product to see its lineage."));
}

LineagePage::~LineagePage()
{
    cancelRunning();
}

void LineagePage::setProduct(qint64 productId)
{
    if (m_productId == productId && !m_stale && m_drawnGraph.nodeCount() > 0) {
        return;
    }
    m_productId = productId;
    m_extraPerDistance.clear();
    m_hidden.clear();
    m_expandedBy.clear();
    m_stale = true;
    if (isVisible()) {
        reload();
    }
}

void LineagePage::setDepth(int up, int down)
{
    const QSignalBlocker a(m_up), b(m_down);
    m_up->setValue(up);
    m_down->setValue(down);
    reload();
}

void LineagePage::refresh()
{
    m_stale = true;
    if (isVisible() && m_productId) {
        reload();
    }
}

void LineagePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        reload();
    }
}

void LineagePage::cancelRunning()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
}

void LineagePage::setStatus(const QString &text)
{
    m_status->setText(text);
}

namespace {

// The shown part of a graph and its layout, with the "N more" groups as extra nodes. Runs on a worker.
void computeLayout(LineageGraph &graph, const QHash<int, int> &extra, const QSet<int> &hidden, const QSet<int> &keep,
                   const std::atomic<bool> *cancel, models::VisibleSet &visible, models::LayoutResult &layout)
{
    visible = graph.visible(kPerDistance, extra, hidden, keep);
    models::LayoutGraph input = graph.layoutGraph(visible.nodes, [](int) { return kNodeSize; });
    QHash<int, int> local;
    for (int i = 0; i < visible.nodes.size(); ++i) {
        local.insert(visible.nodes[i], i);
    }
    for (int m = 0; m < visible.more.size(); ++m) {
        const int id = input.nodeCount();
        input.sizes.push_back(kNodeSize);
        for (const int n : visible.more[m].neighbours) {
            const bool upstream = visible.more[m].upstreamOfNeighbours;
            input.edges.emplace_back(upstream ? id : local.value(n), upstream ? local.value(n) : id);
        }
    }
    layout = models::LayeredLayout::run(input, {}, cancel);
}

} // namespace

void LineagePage::launch(std::function<void(Loaded &, const std::atomic<bool> *)> work,
                         std::function<void(const Loaded &)> accepted)
{
    cancelRunning();
    const quint64 generation = ++m_generation;
    m_busy = true;
    auto *watcher = new QFutureWatcher<std::shared_ptr<Loaded>>(this);
    connect(watcher, &QFutureWatcher<std::shared_ptr<Loaded>>::finished, this,
            [this, watcher, generation, accepted = std::move(accepted)]() {
                watcher->deleteLater();
                const auto result = watcher->result();
                if (accepted && generation == m_generation && result && result->error.isEmpty() && !result->missing) {
                    accepted(*result);
                }
                onDrawn(result, generation);
            });
    watcher->setFuture(QtConcurrent::run([work = std::move(work), cancel = m_cancel]() {
        auto out = std::make_shared<Loaded>();
        work(*out, cancel.get());
        return out;
    }));
}

bool LineagePage::withReader(const models::ConnectionFactory &connections,
                             const models::LineageReader::HealthProvider &provider, Loaded &out,
                             const std::function<void(models::LineageReader &)> &fn)
{
    // Each worker opens its own read-only connection: a sqlite3 handle never crosses threads.
    models::Database db;
    if (auto err = connections.openReader(db)) {
        out.error = err->message;
        return false;
    }
    models::LineageReader reader(db);
    reader.setHealthProvider(provider);
    fn(reader);
    return true;
}

void LineagePage::reload()
{
    if (!m_productId) {
        return;
    }
    m_stale = false;
    setStatus(tr("Loading lineage…"));
    const models::LineageQuery query{*m_productId, m_up->value(), m_down->value(), m_ports->isChecked()};
    launch([query, connections = m_connections, provider = m_healthProvider,
            extra = m_extraPerDistance](Loaded &out, const std::atomic<bool> *cancel) {
        withReader(connections, provider, out, [&](models::LineageReader &reader) {
            auto graph = reader.load(query, cancel);
            if (!graph) {
                out.missing = !cancel->load();
                return;
            }
            out.graph = std::move(*graph);
            computeLayout(out.graph, extra, {}, {0}, cancel, out.visible, out.layout);
        });
    });
}

void LineagePage::relayout()
{
    QSet<int> keep{m_focus};
    if (const auto sel = m_scene->selectedNode()) {
        keep.insert(*sel);
    }
    launch([graph = m_graph, extra = m_extraPerDistance, hidden = m_hidden, keep](Loaded &out,
                                                                                  const std::atomic<bool> *cancel) {
        out.graph = graph;
        computeLayout(out.graph, extra, hidden, keep, cancel, out.visible, out.layout);
    });
}

void LineagePage::onDrawn(std::shared_ptr<Loaded> result, quint64 generation)
{
    if (generation != m_generation || !result) {
        return; // superseded by a newer request
    }
    m_busy = false;
    if (!result->error.isEmpty()) {
        m_scene->clearDrawing();
        setStatus(tr("The catalog cache could not be read: %1. Check that the file exists and is readable, then "
                     "open the product again.")
                      .arg(result->error));
        Q_EMIT drawn();
        return;
    }
    if (result->missing) {
        m_scene->clearDrawing();
        setStatus(tr("This product is no longer in the cache. Go back and search for it again."));
        Q_EMIT drawn();
        return;
    }
    if (result->layout.cancelled) {
        return;
    }
    const std::optional<int> selected = m_scene->selectedNode();
    const bool firstDraw = m_drawnGraph.nodeCount() == 0 || m_drawnGraph.node(0).key != result->graph.node(0).key;
    m_graph = result->graph;
    m_drawnGraph = std::move(result->graph);
    {
        const QSignalBlocker block(m_scene);
        m_scene->setDrawing(m_drawnGraph, result->visible, result->layout, m_focus);
    }
    m_view->setMinimapVisible(result->visible.nodes.size() > kMinimapAbove);
    // Small neighbourhoods open readable (labels drawn) around the product; big ones open fitted.
    m_view->setFitHint(result->visible.nodes.size() <= 60 ? 0.6 : 0, m_scene->itemFor(m_focus)->pos());
    if (firstDraw || m_drawnGraph.nodeCount() < 60) {
        m_view->fit();
    }
    QString text;
    if (m_drawnGraph.edgeCount() == 0) {
        text = tr("No lineage is recorded for this product at this depth. Lineage comes from the source's lineage "
                  "records: raise the depth or sync again if you expect some.");
    } else {
        int hiddenCount = 0;
        for (const auto &m : result->visible.more) {
            hiddenCount += m.hidden;
        }
        text = (m_drawnGraph.nodeCount() == 1 ? tr("1 node, ") : tr("%1 nodes, ").arg(m_drawnGraph.nodeCount())) +
               (m_drawnGraph.edgeCount() == 1 ? tr("1 edge") : tr("%1 edges").arg(m_drawnGraph.edgeCount()));
        if (hiddenCount > 0) {
            text += tr(" · %1 in collapsed groups (click “Show N more”)").arg(hiddenCount);
        }
        text += tr(" · click a node to trace its paths, double-click to open it, right-click for impact analysis");
    }
    setStatus(text);
    if (selected && m_scene->itemFor(*selected)) {
        m_scene->selectNode(*selected);
    }
    onSearch(m_search->text());
    Q_EMIT drawn();
}

void LineagePage::expandNode(int node)
{
    if (node < 0 || node >= m_graph.nodeCount()) {
        return;
    }
    if (m_expandedBy.contains(node)) {
        // Collapse: hide what the expansion added (never the focus).
        for (const int n : m_expandedBy.take(node)) {
            if (n != m_focus) {
                m_hidden.insert(n);
            }
        }
        relayout();
        return;
    }
    launch(
        [graph = m_graph, node, connections = m_connections, ports = m_ports->isChecked(), provider = m_healthProvider,
         extra = m_extraPerDistance, hidden = m_hidden,
         keep = QSet<int>{m_focus, node}](Loaded &out, const std::atomic<bool> *cancel) mutable {
            withReader(connections, provider, out, [&](models::LineageReader &reader) {
                const int before = graph.nodeCount();
                reader.expand(graph, node, ports);
                // What the expansion shows: the new nodes and any neighbour a collapse had hidden.
                for (int n = before; n < graph.nodeCount(); ++n) {
                    out.added.push_back(n);
                }
                for (const int e : graph.inEdges(node) + graph.outEdges(node)) {
                    const int other = graph.edges()[e].from == node ? graph.edges()[e].to : graph.edges()[e].from;
                    if (other < before && hidden.contains(other)) {
                        out.added.push_back(other);
                    }
                }
                for (const int n : out.added) {
                    hidden.remove(n);
                    keep.insert(n);
                }
                out.graph = std::move(graph);
                computeLayout(out.graph, extra, hidden, keep, cancel, out.visible, out.layout);
            });
        },
        [this, node](const Loaded &result) {
            m_expandedBy.insert(node, result.added);
            for (const int n : result.added) {
                m_hidden.remove(n);
            }
        });
}

void LineagePage::showMore(int distance)
{
    m_extraPerDistance[distance] += 2 * kPerDistance;
    relayout();
}

void LineagePage::selectNode(int node)
{
    m_scene->selectNode(node);
    if (auto *item = m_scene->itemFor(node)) {
        m_view->ensureVisible(item, 40, 40);
    }
}

void LineagePage::onSelectionChanged()
{
    const std::optional<int> node = m_scene->selectedNode();
    if (node && m_pathFrom) {
        const int from = *m_pathFrom;
        m_pathFrom.reset();
        tracePath(from, *node);
        return;
    }
    if (!node) {
        m_scene->setHighlight({}, {});
        return;
    }
    // Everything upstream and downstream of the node, and the edges of those paths.
    QSet<int> up{*node}, down{*node};
    for (const auto &r : m_drawnGraph.reachable(*node, LineageGraph::Direction::Upstream)) {
        up.insert(r.node);
    }
    for (const auto &r : m_drawnGraph.reachable(*node, LineageGraph::Direction::Downstream)) {
        down.insert(r.node);
    }
    QSet<int> edges;
    for (int e = 0; e < m_drawnGraph.edgeCount(); ++e) {
        const auto &edge = m_drawnGraph.edges()[e];
        if ((up.contains(edge.from) && up.contains(edge.to)) || (down.contains(edge.from) && down.contains(edge.to))) {
            edges.insert(e);
        }
    }
    m_scene->setHighlight(up | down, edges);
    const auto &n = m_drawnGraph.node(*node);
    setStatus(tr("%1: %2 upstream, %3 downstream · %4")
                  .arg(n.title())
                  .arg(up.size() - 1)
                  .arg(down.size() - 1)
                  .arg(n.health.text()));
}

void LineagePage::tracePath(int from, int to)
{
    const QList<int> path = m_drawnGraph.shortestPath(from, to);
    if (path.isEmpty()) {
        m_scene->setHighlight({}, {});
        setStatus(tr("No lineage path connects %1 and %2 in either direction.")
                      .arg(m_drawnGraph.node(from).title(), m_drawnGraph.node(to).title()));
        return;
    }
    QSet<int> nodes(path.begin(), path.end());
    QSet<int> edges;
    QStringList names;
    for (int i = 0; i < path.size(); ++i) {
        names << m_drawnGraph.node(path[i]).title();
        if (i + 1 < path.size()) {
            for (const int e : m_drawnGraph.outEdges(path[i])) {
                if (m_drawnGraph.edges()[e].to == path[i + 1]) {
                    edges.insert(e);
                }
            }
        }
    }
    m_scene->setHighlight(nodes, edges);
    setStatus(tr("Path: %1").arg(names.join(QStringLiteral(" → "))));
}

void LineagePage::onSearch(const QString &text)
{
    m_matches.clear();
    m_matchCursor = -1;
    const QString needle = text.trimmed();
    QSet<int> found;
    if (!needle.isEmpty()) {
        for (int v = 0; v < m_drawnGraph.nodeCount(); ++v) {
            const auto &n = m_drawnGraph.node(v);
            if (m_scene->itemFor(v) &&
                (n.title().contains(needle, Qt::CaseInsensitive) || n.key.contains(needle, Qt::CaseInsensitive))) {
                m_matches << v;
                found.insert(v);
            }
        }
        setStatus(m_matches.isEmpty()     ? tr("Nothing in the graph matches “%1”.").arg(needle)
                  : m_matches.size() == 1 ? tr("1 match — Enter selects it")
                                          : tr("%1 matches — Enter jumps to the next").arg(m_matches.size()));
    }
    m_scene->setMatches(found);
}

void LineagePage::nextMatch()
{
    if (m_matches.isEmpty()) {
        return;
    }
    m_matchCursor = (m_matchCursor + 1) % static_cast<int>(m_matches.size());
    const int node = m_matches[m_matchCursor];
    m_scene->selectNode(node);
    if (auto *item = m_scene->itemFor(node)) {
        m_view->centerOn(item);
    }
}

void LineagePage::showContextMenu(int node, const QPoint &screenPos)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const auto &n = m_drawnGraph.node(node);
    menu->addAction(tr("Impact Analysis…"), this, [this, node]() { showImpact(node); });
    menu->addAction(tr("Path To…"), this, [this, node]() {
        m_pathFrom = node;
        setStatus(tr("Click the node to trace a path to from %1 (Esc cancels).").arg(m_drawnGraph.node(node).title()));
    });
    menu->addAction(m_expandedBy.contains(node) ? tr("Collapse Neighbours") : tr("Expand Neighbours"), this,
                    [this, node]() { expandNode(node); });
    if (n.entryId) {
        menu->addAction(tr("Open Product"), this, [this, id = *n.entryId]() { Q_EMIT productActivated(id); });
    }
    if (!n.extId.isEmpty()) {
        QAction *copy = menu->addAction(tr("Copy Link"), this, [link = models::DeepLink::productLink(n.extId)]() {
            QGuiApplication::clipboard()->setText(link);
        });
        copy->setObjectName(QStringLiteral("actionCopyNodeLink"));
    }
    menu->popup(screenPos);
}

QWidget *LineagePage::showImpact(int node)
{
    if (node < 0 || node >= m_drawnGraph.nodeCount()) {
        return nullptr;
    }
    const auto rows = m_drawnGraph.impact(node);
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("impactDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Impact of %1").arg(m_drawnGraph.node(node).title()));
    auto *layout = new QVBoxLayout(dialog);
    QStringList owners;
    for (const auto &r : rows) {
        for (const QString &o : m_drawnGraph.node(r.node).owners.split(QStringLiteral(", "), Qt::SkipEmptyParts)) {
            if (!owners.contains(o)) {
                owners << o;
            }
        }
    }
    auto *summary = new QLabel(
        rows.isEmpty() ? tr("Nothing downstream of this product is loaded. Raise the "
                            "downstream depth to look further.")
                       : tr("Downstream products affected: %1. ").arg(rows.size()) +
                             tr("Owners to notify: %1")
                                 .arg(owners.isEmpty() ? tr("none recorded") : owners.join(QStringLiteral(", "))));
    summary->setObjectName(QStringLiteral("impactSummary"));
    summary->setTextFormat(Qt::PlainText);
    summary->setWordWrap(true);
    layout->addWidget(summary);
    auto *table = new QTableWidget(static_cast<int>(rows.size()), 5);
    table->setObjectName(QStringLiteral("impactTable"));
    table->setAccessibleName(tr("Impacted products"));
    table->setHorizontalHeaderLabels({tr("Product"), tr("Domain"), tr("Owners"), tr("Health"), tr("Hops")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int i = 0; i < rows.size(); ++i) {
        const auto &n = m_drawnGraph.node(rows[i].node);
        const QStringList cells{n.title(), n.domain, n.owners, n.health.text(), QString::number(rows[i].distance)};
        for (int c = 0; c < cells.size(); ++c) {
            table->setItem(i, c, new QTableWidgetItem(cells[c]));
        }
    }
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnsToContents();
    layout->addWidget(table, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *csv = buttons->addButton(tr("Export CSV…"), QDialogButtonBox::ActionRole);
    csv->setObjectName(QStringLiteral("impactExport"));
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    const QByteArray bytes = m_drawnGraph.impactCsv(node);
    connect(csv, &QPushButton::clicked, dialog, [this, dialog, bytes]() {
        const QString path = m_savePrompt ? m_savePrompt(tr("Export impact as CSV"), tr("CSV files (*.csv)"))
                                          : QFileDialog::getSaveFileName(dialog, tr("Export impact as CSV"), {},
                                                                         tr("CSV files (*.csv)"));
        if (!path.isEmpty() && !writeBytes(path, bytes)) {
            setStatus(tr("Could not write %1. Choose a folder you can write to.").arg(path));
        }
    });
    layout->addWidget(buttons);
    dialog->resize(760, 420);
    dialog->show();
    return dialog;
}

void LineagePage::exportVia(const QString &title, const QString &filter, bool (LineagePage::*fn)(const QString &) const)
{
    const QString path =
        m_savePrompt ? m_savePrompt(title, filter) : QFileDialog::getSaveFileName(this, title, {}, filter);
    if (path.isEmpty()) {
        return;
    }
    setStatus((this->*fn)(path) ? tr("Saved %1.").arg(path)
                                : tr("Could not write %1. Choose a folder you can write to.").arg(path));
}

bool LineagePage::exportSvg(const QString &path) const
{
    const QRectF source = m_scene->sceneRect();
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setTitle(tr("Lineage"));
    QPainter painter;
    if (!painter.begin(&svg)) {
        return false;
    }
    m_scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    return painter.end();
}

bool LineagePage::exportPng(const QString &path) const
{
    const QRectF source = m_scene->sceneRect();
    const double scale = std::min(1.0, 8000.0 / std::max(source.width(), source.height()));
    QImage image((source.size() * scale).toSize().expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    m_scene->render(&painter, QRectF(QPointF(0, 0), image.size()), source);
    painter.end();
    return image.save(path, "PNG");
}

bool LineagePage::exportDot(const QString &path) const
{
    QList<int> shown;
    for (int v = 0; v < m_drawnGraph.nodeCount(); ++v) {
        if (m_scene->itemFor(v)) {
            shown << v;
        }
    }
    return writeBytes(path, m_drawnGraph.toDot(shown));
}

} // namespace meshlens::ui
