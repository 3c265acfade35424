#include "healthviews.h"

#include "../models/health/healthsnapshotloader.h"
#include "../models/logging.h"
#include "../models/sync/synccontroller.h"
#include "appcontext.h"
#include "domainspage.h"
#include "healthtab.h"
#include "mainwindow.h"
#include "ownerspage.h"
#include "productpage.h"
#include "slapage.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QVBoxLayout>

namespace meshlens::ui {

HealthViews::HealthViews(MainWindow &window, const AppContext &app)
    : QObject(&window)
    , m_window(window)
{
    if (auto err = m_db.open(app.dbPath, models::Database::Mode::ReadOnly)) {
        qCWarning(lcStore) << "health views cannot open the cache:" << err->message;
    }
    m_context.loader = new models::HealthSnapshotLoader(app.dbPath, this);
    m_context.db = &m_db;
    m_context.dbPath = app.dbPath;
    m_context.savePrompt = [](QWidget *parent, const QString &name) {
        return QFileDialog::getSaveFileName(parent, tr("Export as CSV"), name, tr("CSV files (*.csv)"));
    };

    m_owners = new OwnersPage(m_context);
    m_owners->setObjectName(QStringLiteral("ownersPage"));
    m_sla = new SlaPage(m_context);
    m_sla->setObjectName(QStringLiteral("slaPage"));
    m_domains = new DomainsPage(m_context);
    m_domains->setObjectName(QStringLiteral("domainsPage"));
    window.addPage(tr("Owners"), m_owners);
    window.addPage(tr("SLAs"), m_sla);
    window.addPage(tr("Domains"), m_domains);
    connect(m_owners, &OwnersPage::productActivated, &window, &MainWindow::openProduct);
    connect(m_sla, &SlaPage::productActivated, &window, &MainWindow::openProduct);
    connect(m_domains, &DomainsPage::productActivated, &window, &MainWindow::openProduct);

    m_tab = new HealthTab(m_db);
    m_tab->setObjectName(QStringLiteral("healthTab"));
    window.productPage()->addTab(m_tab, tr("Health"));
    connect(window.productPage(), &ProductPage::productShown, m_tab, &HealthTab::showProduct);
    connect(m_context.loader, &models::HealthSnapshotLoader::loaded, m_tab,
            [this]() { m_tab->setPolicy(m_context.loader->policy()); });

    if (app.sync) {
        connect(app.sync, &models::SyncController::finished, this, [this](const models::SyncResult &result) {
            if (result.ok && (m_context.loader->snapshot() || m_context.loader->isLoading())) {
                m_context.loader->load(m_context.loader->policy());
            }
        });
    }
}

HealthViews::~HealthViews() = default;

void HealthViews::showHelp()
{
    if (!m_help) {
        m_help = new QDialog(&m_window);
        m_help->setObjectName(QStringLiteral("healthScoreHelp"));
        m_help->setWindowTitle(tr("How the health score is computed"));
        auto *text = new QLabel(models::healthScoreFormula(m_context.loader->policy()), m_help);
        text->setObjectName(QStringLiteral("healthScoreHelpText"));
        text->setTextFormat(Qt::PlainText);
        text->setWordWrap(true);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, m_help);
        connect(buttons, &QDialogButtonBox::rejected, m_help, &QDialog::close);
        auto *layout = new QVBoxLayout(m_help);
        layout->addWidget(text);
        layout->addWidget(buttons);
        m_help->resize(620, 360);
    }
    m_help->findChild<QLabel *>(QStringLiteral("healthScoreHelpText"))
        ->setText(models::healthScoreFormula(m_context.loader->policy()));
    m_help->show(); // not modal: keep it open beside the views
    m_help->raise();
}

} // namespace meshlens::ui
