#pragma once

#include "healthcontext.h"

#include <QObject>

class QDialog;
class QWidget;

namespace meshlens::models {
class CacheSession;
}

namespace meshlens::ui {

class DomainsPage;
class HealthTab;
class OwnersPage;
class SlaPage;

// The health views: the Owners, SLAs and Domains pages, the product page's Health tab, Help > Health Score, and
// a refresh when the catalog changes. Owns the shared snapshot loader; reads through the session's GUI
// connection. The window places the pages (pages()) and the tab; this class knows nothing of the window.
// GUI thread; a child of the window.
class HealthViews final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthViews)

public:
    HealthViews(models::CacheSession &session, QWidget *window);
    ~HealthViews() override;

    [[nodiscard]] HealthContext &context() { return m_context; }
    [[nodiscard]] OwnersPage *ownersPage() const { return m_owners; }
    [[nodiscard]] SlaPage *slaPage() const { return m_sla; }
    [[nodiscard]] DomainsPage *domainsPage() const { return m_domains; }
    [[nodiscard]] HealthTab *healthTab() const { return m_tab; }
    // The navigation pages, in their order, with their titles.
    [[nodiscard]] QList<QPair<QString, QWidget *>> pages() const;

    // Help > Health Score: the formula, in a dialog.
    void showHelp();

Q_SIGNALS:
    void productActivated(qint64 productId);

private:
    QWidget *m_window;
    HealthContext m_context;
    OwnersPage *m_owners = nullptr;
    SlaPage *m_sla = nullptr;
    DomainsPage *m_domains = nullptr;
    HealthTab *m_tab = nullptr;
    QDialog *m_help = nullptr;
};

} // namespace meshlens::ui
