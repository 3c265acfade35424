#include "healthviews.h"

#include "../models/health/healthscore.h"
#include "../models/health/healthsnapshotloader.h"
#include "../models/session/cachesession.h"
#include "domainspage.h"
#include "healthtab.h"
#include "ownerspage.h"
#include "slapage.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QVBoxLayout>

namespace meshlens::ui {

HealthViews::HealthViews(models::CacheSession &session, QWidget *window)
    : QObject(window)
    , m_window(window)
{
    m_context.loader = new models::HealthSnapshotLoader(session.path(), this);
    m_context.db = &session.database();
    m_context.connections = session.connections();
    m_context.savePrompt = [](QWidget *parent, const QString &name) {
        return QFileDialog::getSaveFileName(parent, tr("Export as CSV"), name, tr("CSV files (*.csv)"));
    };

    m_owners = new OwnersPage(m_context);
    m_owners->setObjectName(QStringLiteral("ownersPage"));
    m_sla = new SlaPage(m_context);
    m_sla->setObjectName(QStringLiteral("slaPage"));
    m_domains = new DomainsPage(m_context);
    m_domains->setObjectName(QStringLiteral("domainsPage"));
    connect(m_owners, &OwnersPage::productActivated, this, &HealthViews::productActivated);
    connect(m_sla, &SlaPage::productActivated, this, &HealthViews::productActivated);
    connect(m_domains, &DomainsPage::productActivated, this, &HealthViews::productActivated);

    m_tab = new HealthTab(session.database());
    m_tab->setObjectName(QStringLiteral("healthTab"));
    connect(m_context.loader, &models::HealthSnapshotLoader::loaded, m_tab,
            [this]() { m_tab->setPolicy(m_context.loader->policy()); });

    // A snapshot nobody asked for yet stays unloaded; one on screen (or coming) is computed again.
    connect(&session, &models::CacheSession::catalogChanged, this, [this](models::CatalogChange change) {
        if (change != models::CatalogChange::Outbox &&
            (m_context.loader->snapshot() || m_context.loader->isLoading())) {
            m_context.loader->load(m_context.loader->policy());
        }
    });
}

QList<QPair<QString, QWidget *>> HealthViews::pages() const
{
    return {{tr("Owners"), m_owners}, {tr("SLAs"), m_sla}, {tr("Domains"), m_domains}};
}

HealthViews::~HealthViews() = default;

void HealthViews::showHelp()
{
    if (!m_help) {
        m_help = new QDialog(m_window);
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
