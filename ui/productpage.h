#pragma once

#include <QWidget>

#include <optional>

class QAction;
class QFormLayout;
class QLabel;
class QListWidget;
class QTabWidget;
class QTreeWidget;

namespace meshlens::models {
class CatalogReader;
struct ProductDetail;
} // namespace meshlens::models

namespace meshlens::ui {

class InertTextBrowser;

// One product: its title and facts, the Markdown description (rendered inert), owners, tags, SLAs, checks,
// ports with their schema, and its immediate lineage. Later views add tabs through addTab(). GUI thread.
class ProductPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductPage)

public:
    explicit ProductPage(models::CatalogReader &reader, QWidget *parent = nullptr);

    // Loads the product; false if the cache no longer has it (the page then says so).
    bool showProduct(qint64 productId);
    // Reloads the shown product (after a sync).
    void reload();
    [[nodiscard]] std::optional<qint64> productId() const { return m_productId; }
    [[nodiscard]] QString title() const;
    // The meshlens:// link of the shown product (empty when none is shown); "Copy Link" puts it on the clipboard.
    [[nodiscard]] QString link() const { return m_link; }
    void addTab(QWidget *tab, const QString &title);

Q_SIGNALS:
    void productActivated(qint64 productId);
    void productShown(qint64 productId);
    // The steward / consumer asked to edit, give feedback on, or undo the last pending edit of the shown product.
    void editRequested(qint64 productId);
    void feedbackRequested(qint64 productId);
    void undoEditRequested(qint64 productId);

private:
    void fill(const models::ProductDetail &d);
    QListWidget *makeLineageList(const QString &objectName);

    models::CatalogReader &m_reader;
    std::optional<qint64> m_productId;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_pendingBadge = nullptr; // undelivered edits of this product, or a conflict to resolve
    QAction *m_undoAction = nullptr;
    QString m_link;
    QTabWidget *m_tabs = nullptr;
    InertTextBrowser *m_description = nullptr;
    QFormLayout *m_facts = nullptr;
    QTreeWidget *m_schema = nullptr;
    QTreeWidget *m_slas = nullptr;
    QTreeWidget *m_checks = nullptr;
    QListWidget *m_upstream = nullptr;
    QListWidget *m_downstream = nullptr;
};

} // namespace meshlens::ui
