#pragma once

#include "models/lineage/layeredlayout.h"
#include "models/lineage/lineagegraph.h"
#include "models/lineage/lineagereader.h"
#include "models/store/connectionfactory.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace meshlens::ui {

class LineageScene;
class LineageView;

// The interactive lineage of one product: depth controls for upstream and downstream, the graph laid out left
// (upstream) to right (downstream), search within the graph, selection that highlights a node's upstream and
// downstream paths, expand/collapse of a node's neighbours, "show N more" for wide layers, impact analysis and
// path-to on right-click, and export as SVG, PNG and DOT. Loading and layout run on QtConcurrent workers with
// their own cache connection; a newer request cancels and supersedes an older one. GUI thread.
class LineagePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineagePage)

public:
    explicit LineagePage(models::ConnectionFactory connections, QWidget *parent = nullptr);
    ~LineagePage() override;

    // The product to show; loads now when the page is visible, otherwise when it is next shown.
    void setProduct(qint64 productId);
    // Plugs in node health (e.g. the health score). Called on worker threads: it must be thread-safe.
    void setHealthProvider(models::LineageReader::HealthProvider provider) { m_healthProvider = std::move(provider); }
    // Reads the graph again, keeping depth and expansions (e.g. node health changed): now when visible, else when
    // next shown.
    void refresh();

    void setDepth(int up, int down);
    void expandNode(int node);   // toggles: expands a collapsed node, collapses an expanded one
    void showMore(int distance); // raises the per-distance cap where a layer was cut
    void selectNode(int node);
    void tracePath(int from, int to);
    QWidget *showImpact(int node); // the impact dialog (not modal), for tests and the context menu

    [[nodiscard]] bool exportSvg(const QString &path) const;
    [[nodiscard]] bool exportPng(const QString &path) const;
    [[nodiscard]] bool exportDot(const QString &path) const;

    // Test seam: what the Save dialogs ask (title, filter) → path, or empty when cancelled.
    using SavePathPrompt = std::function<QString(const QString &title, const QString &filter)>;
    void setSavePathPrompt(SavePathPrompt prompt) { m_savePrompt = std::move(prompt); }

    [[nodiscard]] const models::LineageGraph &graph() const { return m_drawnGraph; }
    [[nodiscard]] LineageScene *scene() const { return m_scene; }
    [[nodiscard]] LineageView *view() const { return m_view; }
    [[nodiscard]] bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void productActivated(qint64 productId);
    // A new drawing is on screen (after load, expand, depth change).
    void drawn();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Loaded;
    void reload();
    void relayout();
    // Runs `work` on a worker (with the current cancel flag), then draws its result unless a newer request came;
    // `accepted` (optional) sees a successful result first, on the GUI thread.
    void launch(std::function<void(Loaded &, const std::atomic<bool> *)> work,
                std::function<void(const Loaded &)> accepted = {});
    static bool withReader(const models::ConnectionFactory &connections,
                           const models::LineageReader::HealthProvider &provider, Loaded &out,
                           const std::function<void(models::LineageReader &)> &fn);
    void onDrawn(std::shared_ptr<Loaded> result, quint64 generation);
    void onSelectionChanged();
    void onSearch(const QString &text);
    void nextMatch();
    void showContextMenu(int node, const QPoint &screenPos);
    void exportVia(const QString &title, const QString &filter, bool (LineagePage::*fn)(const QString &) const);
    void setStatus(const QString &text);
    void cancelRunning();

    models::ConnectionFactory m_connections;
    std::optional<qint64> m_productId;
    bool m_stale = false;
    bool m_busy = false;
    models::LineageReader::HealthProvider m_healthProvider;
    SavePathPrompt m_savePrompt;

    models::LineageGraph m_graph;      // the latest loaded graph
    models::LineageGraph m_drawnGraph; // the one the scene's items point into
    int m_focus = 0;
    QHash<int, int> m_extraPerDistance;
    QSet<int> m_hidden;                  // nodes hidden by collapsing
    QHash<int, QList<int>> m_expandedBy; // node → the nodes its expansion added
    std::optional<int> m_pathFrom;
    QList<int> m_matches;
    int m_matchCursor = -1;

    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;

    QSpinBox *m_up = nullptr;
    QSpinBox *m_down = nullptr;
    QCheckBox *m_ports = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_status = nullptr;
    LineageScene *m_scene = nullptr;
    LineageView *m_view = nullptr;
};

} // namespace meshlens::ui
