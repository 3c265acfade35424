#pragma once

#include "appcontext.h"

#include <QMainWindow>

#include <functional>
#include <optional>

class QListWidget;
class QStackedWidget;
class QTimer;

namespace meshlens::models {
class CacheSession;
enum class CatalogChange;
struct SyncResult;
} // namespace meshlens::models

namespace meshlens::ui {

class HealthViews;
class HelpDialog;
class LineagePage;
class OutboxPage;
class ProductPage;
class SearchPage;
class SourcesMenu;
class SyncStatus;
class TrendsPage;

// Composes the pages and routes the actions; owns no data and no business logic. Navigation on the left lists
// the views (Catalog first; later views register with addPage()); a product opens in its own page with Back.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(const AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a view to the navigation, reachable with Ctrl+<n> in order of addition.
    void addPage(const QString &title, QWidget *page);
    void openProduct(qint64 productId);
    // Shows the navigation page with this title (case-insensitive); false if there is none.
    bool showPageTitled(const QString &title);
    // Opens a meshlens:// link (a product or a search); a link that is refused or names a product the cache lacks
    // is reported in the status bar, and false returned.
    bool openLink(const QString &link);
    // Starts a sync of `source`, or of the last source when empty.
    void syncNow(const QString &source = {});

    // Test seam: what "Sync From…" asks the user; returns the source text, or nothing when cancelled.
    using SourcePrompt = std::function<std::optional<QString>(QWidget *parent)>;
    void setSourcePrompt(SourcePrompt prompt) { m_sourcePrompt = std::move(prompt); }

    [[nodiscard]] SearchPage *searchPage() const { return m_search; }
    [[nodiscard]] ProductPage *productPage() const { return m_product; }
    [[nodiscard]] HealthViews *healthViews() const { return m_health; }
    [[nodiscard]] OutboxPage *outboxPage() const { return m_outbox; }
    [[nodiscard]] SourcesMenu *sourcesMenu() const { return m_sources; }
    // Opens the Preferences dialog (non-modal), and the Help pages at a HelpDialog::Page.
    void showPreferences();
    void showHelp(int page);
    // Opens the steward's editor / the feedback form for a product (non-modal, so tests can drive them).
    void editProduct(qint64 productId);
    void giveFeedback(qint64 productId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // Opens `Dialog` (an editor that queues into the outbox, non-modal) on the product; once it has queued, the
    // outbox has changed and the status bar says `queuedMessage`.
    template<typename Dialog> void openOutboxDialog(qint64 productId, const QString &queuedMessage);
    void createActions();
    void connectLineageHealth(LineagePage *lineage);
    void showPage(QWidget *page);
    void goBack();
    void updateTitle();
    void onSyncFinished(const models::SyncResult &result);
    // The one refresh of what the views show, on the session's catalogChanged.
    void onCatalogChanged(models::CatalogChange change);
    void showAbout();
    // Applies the preferences that take effect at once: the sync schedule, the theme, the identity.
    void applyPreferences();

    AppContext m_context;
    models::CacheSession &m_session;
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    SearchPage *m_search = nullptr;
    ProductPage *m_product = nullptr;
    SyncStatus *m_syncStatus = nullptr;
    OutboxPage *m_outbox = nullptr;
    HealthViews *m_health = nullptr;
    SourcesMenu *m_sources = nullptr;
    TrendsPage *m_trends = nullptr;
    void undoEdit(qint64 productId);
    QList<QWidget *> m_navPages;
    QList<QWidget *> m_history;
    QList<qint64> m_productHistory;
    SourcePrompt m_sourcePrompt;
    QTimer *m_autoSync = nullptr;
    HelpDialog *m_help = nullptr;
};

} // namespace meshlens::ui
