#pragma once

#include "healthcontext.h"

#include "../models/store/database.h"

#include <QObject>

class QDialog;

namespace meshlens::ui {

struct AppContext;
class DomainsPage;
class HealthTab;
class MainWindow;
class OwnersPage;
class SlaPage;

// Composes the health views into the main window: the Owners, SLAs and Domains pages (navigation), the product
// page's Health tab, Help > Health Score, and a refresh after each sync. Owns the shared snapshot loader and the
// views' reader connection. GUI thread; a child of the window.
class HealthViews final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthViews)

public:
    HealthViews(MainWindow &window, const AppContext &app);
    ~HealthViews() override;

    [[nodiscard]] HealthContext &context() { return m_context; }
    [[nodiscard]] OwnersPage *ownersPage() const { return m_owners; }
    [[nodiscard]] SlaPage *slaPage() const { return m_sla; }
    [[nodiscard]] DomainsPage *domainsPage() const { return m_domains; }
    [[nodiscard]] HealthTab *healthTab() const { return m_tab; }

    // Help > Health Score: the formula, in a dialog.
    void showHelp();

private:
    MainWindow &m_window;
    models::Database m_db;
    HealthContext m_context;
    OwnersPage *m_owners = nullptr;
    SlaPage *m_sla = nullptr;
    DomainsPage *m_domains = nullptr;
    HealthTab *m_tab = nullptr;
    QDialog *m_help = nullptr;
};

} // namespace meshlens::ui
