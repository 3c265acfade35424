#include "productpage.h"

#include "../models/links/deeplink.h"
#include "../models/sources/bundle/bundlesource.h"
#include "../models/store/catalogreader.h"
#include "markdown.h"
#include "widgetfactory.h"

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace meshlens::ui {

namespace {

// Readable on light and dark palettes alike.
const QColor kAlert(0xd7, 0x3a, 0x49);

QString formatTime(std::optional<std::int64_t> t)
{
    return t ? QLocale().toString(QDateTime::fromSecsSinceEpoch(*t), QLocale::ShortFormat) : QString();
}

QString formatNumber(double v)
{
    return QLocale().toString(v, 'g', 6);
}

QTreeWidget *makeTree(QWidget *parent, const QString &objectName, const QStringList &headers)
{
    auto *tree = new QTreeWidget(parent);
    tree->setObjectName(objectName);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    tree->setUniformRowHeights(true);
    tree->header()->setStretchLastSection(true);
    return tree;
}

QLabel *selectableLabel(const QString &text, bool wrap = false)
{
    auto *label = new QLabel(text);
    label->setTextFormat(Qt::PlainText); // catalog text is never markup
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(wrap);
    if (wrap) {
        // Take the row's width before wrapping (the form grows only expanding fields; a wrapped label's own
        // size hint is narrow, and its second line was cut off).
        label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    }
    label->setToolTip(text);
    return label;
}

QString sourceTitle(const QString &uri)
{
    return uri == QLatin1String(models::kSampleCatalogUrl) ? ProductPage::tr("Bundled sample catalog") : uri;
}

} // namespace

ProductPage::ProductPage(models::CatalogReader &reader, QWidget *parent)
    : QWidget(parent)
    , m_reader(reader)
{
    m_title = makeTextLabel(QStringLiteral("productTitle"), this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = makeTextLabel(QStringLiteral("productSubtitle"), this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("productTabs"));

    // Overview: description beside the facts, lineage neighbours below.
    auto *overview = new QSplitter(Qt::Horizontal);
    overview->setObjectName(QStringLiteral("overviewTab"));
    m_description = new InertTextBrowser(overview);
    m_description->setObjectName(QStringLiteral("productDescription"));
    m_description->setAccessibleName(tr("Description"));
    auto *side = new QWidget(overview);
    auto *sideLayout = new QVBoxLayout(side);
    auto *factsBox = new QGroupBox(tr("About"), side);
    m_facts = new QFormLayout(factsBox);
    m_facts->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    sideLayout->addWidget(factsBox);
    auto *upBox = new QGroupBox(tr("Upstream"), side);
    m_upstream = makeLineageList(QStringLiteral("upstreamList"));
    (new QVBoxLayout(upBox))->addWidget(m_upstream);
    auto *downBox = new QGroupBox(tr("Downstream"), side);
    m_downstream = makeLineageList(QStringLiteral("downstreamList"));
    (new QVBoxLayout(downBox))->addWidget(m_downstream);
    sideLayout->addWidget(upBox);
    sideLayout->addWidget(downBox);
    overview->addWidget(m_description);
    overview->addWidget(side);
    overview->setStretchFactor(0, 3);
    overview->setStretchFactor(1, 2);
    m_tabs->addTab(overview, tr("Overview"));

    m_schema = makeTree(this, QStringLiteral("schemaTree"), {tr("Column"), tr("Type"), tr("Description")});
    m_schema->setRootIsDecorated(true);
    m_tabs->addTab(m_schema, tr("Ports && schema"));

    auto *slaTab = new QSplitter(Qt::Vertical);
    m_slas = makeTree(slaTab, QStringLiteral("slaTable"),
                      {tr("Objective"), tr("Target"), tr("Latest"), tr("Measured"), tr("Description")});
    m_checks = makeTree(slaTab, QStringLiteral("checksTable"),
                        {tr("Check"), tr("Kind"), tr("Column"), tr("Severity"), tr("Last result"), tr("Run")});
    m_tabs->addTab(slaTab, tr("SLAs && checks"));

    // Writes go to the outbox: edit (stewards), feedback (consumers), undo the last undelivered edit.
    m_pendingBadge = makeTextLabel(QStringLiteral("pendingBadge"), this);
    m_pendingBadge->setAccessibleName(tr("Pending changes"));
    m_pendingBadge->setStyleSheet(QStringLiteral("QLabel { border-radius: 4px; padding: 2px 8px; "
                                                 "background: #b08800; color: white; font-weight: bold; }"));
    m_pendingBadge->hide();
    const auto action = [this](const QString &text, const char *name, const QKeySequence &key, auto signal) {
        auto *a = new QAction(text, this);
        a->setObjectName(QLatin1String(name));
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")),
                                                    key.toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, [this, signal]() {
            if (m_productId) {
                Q_EMIT(this->*signal)(*m_productId);
            }
        });
        addAction(a);
        return a;
    };
    auto *editAction =
        action(tr("&Edit…"), "actionEditProduct", QKeySequence(Qt::CTRL | Qt::Key_E), &ProductPage::editRequested);
    auto *feedbackAction = action(tr("Give &Feedback…"), "actionGiveFeedback",
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), &ProductPage::feedbackRequested);
    m_undoAction = action(tr("&Undo Edit"), "actionUndoEdit", QKeySequence::Undo, &ProductPage::undoEditRequested);
    m_undoAction->setEnabled(false);
    auto *copyLinkAction = new QAction(tr("Copy &Link"), this);
    copyLinkAction->setObjectName(QStringLiteral("actionCopyProductLink"));
    copyLinkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyLinkAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    copyLinkAction->setToolTip(tr("Copy a meshlens:// link to this product (Ctrl+Shift+C)"));
    connect(copyLinkAction, &QAction::triggered, this, [this]() {
        if (!m_link.isEmpty()) {
            QGuiApplication::clipboard()->setText(m_link);
        }
    });
    addAction(copyLinkAction);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_pendingBadge);
    for (QAction *a : {m_undoAction, editAction, feedbackAction, copyLinkAction}) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setObjectName(a->objectName() + QStringLiteral("Button"));
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        header->addWidget(b);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_tabs, 1);
}

QListWidget *ProductPage::makeLineageList(const QString &objectName)
{
    auto *list = new QListWidget;
    list->setObjectName(objectName);
    list->setUniformItemSizes(true);
    connect(list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QVariant id = item->data(Qt::UserRole);
        if (id.isValid()) {
            Q_EMIT productActivated(id.toLongLong());
        }
    });
    return list;
}

void ProductPage::addTab(QWidget *tab, const QString &title)
{
    m_tabs->addTab(tab, title);
}

bool ProductPage::showProduct(qint64 productId)
{
    const auto detail = m_reader.product(productId);
    if (!detail) {
        m_productId.reset();
        m_link.clear();
        m_title->setText(tr("Product not found"));
        m_pendingBadge->hide();
        m_subtitle->setText(tr("The catalog no longer has this product; a sync may have removed it."));
        return false;
    }
    m_productId = productId;
    fill(*detail);
    Q_EMIT productShown(productId);
    return true;
}

QString ProductPage::title() const
{
    return m_title->text();
}

void ProductPage::reload()
{
    if (m_productId) {
        showProduct(*m_productId);
    }
}

void ProductPage::fill(const models::ProductDetail &d)
{
    const models::ProductSummary &s = d.summary;
    m_title->setText(s.title());
    m_link = models::DeepLink::productLink(s.extId);
    QStringList sub{s.kind == QLatin1String("product") ? tr("Data product") : s.kind};
    if (!s.domain.isEmpty()) {
        sub << tr("%1 domain").arg(s.domain);
    }
    if (!s.status.isEmpty()) {
        sub << s.status;
    }
    if (s.tier) {
        sub << tr("Tier %1").arg(*s.tier);
    }
    m_subtitle->setText(sub.join(QStringLiteral("  ·  ")));
    if (d.conflictedEdits > 0) {
        m_pendingBadge->setText(tr("Conflict: resolve in the Outbox"));
        m_pendingBadge->setToolTip(tr("The source changed this product after you edited it."));
    } else {
        m_pendingBadge->setText(d.pendingEdits == 1 ? tr("Edit pending") : tr("%1 edits pending").arg(d.pendingEdits));
        m_pendingBadge->setToolTip(tr("Shown here, not yet delivered to the source. Undo with Ctrl+Z."));
    }
    m_pendingBadge->setVisible(d.pendingEdits > 0);
    m_undoAction->setEnabled(d.pendingEdits > d.conflictedEdits);

    m_description->setUntrustedMarkdown(d.description.isEmpty() ? tr("*No description yet.*") : d.description);

    while (m_facts->rowCount() > 0) {
        m_facts->removeRow(0);
    }
    QStringList owners;
    for (const models::Party &p : d.owners) {
        owners
            << tr("%1 (%2%3)").arg(p.title(), p.role, p.partyKind == QLatin1String("team") ? tr(", team") : QString());
    }
    m_facts->addRow(tr("Owners"),
                    selectableLabel(owners.isEmpty() ? tr("none declared") : owners.join(QLatin1Char('\n'))));
    m_facts->addRow(tr("Tags"),
                    selectableLabel(d.tags.isEmpty() ? tr("none") : d.tags.join(QStringLiteral(", ")), true));
    m_facts->addRow(tr("Name"), selectableLabel(s.name));
    if (!d.fqn.isEmpty()) {
        m_facts->addRow(tr("FQN"), selectableLabel(d.fqn));
    }
    m_facts->addRow(tr("Id"), selectableLabel(s.extId));
    if (!d.version.isEmpty()) {
        m_facts->addRow(tr("Version"), selectableLabel(d.version));
    }
    if (d.updatedAt) {
        m_facts->addRow(tr("Updated"), selectableLabel(formatTime(d.updatedAt)));
    }
    m_facts->addRow(tr("Source"), selectableLabel(sourceTitle(d.source)));

    const auto fillLineage = [this](QListWidget *list, const QList<models::LineageRef> &refs) {
        list->clear();
        for (const models::LineageRef &r : refs) {
            auto *item = new QListWidgetItem(r.name, list);
            item->setToolTip(r.extId);
            if (r.id) {
                item->setData(Qt::UserRole, QVariant::fromValue<qint64>(*r.id));
            } else {
                item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
                item->setToolTip(tr("%1 is not in the cache").arg(r.extId));
            }
        }
        if (refs.isEmpty()) {
            auto *none = new QListWidgetItem(tr("none"), list);
            none->setFlags(Qt::NoItemFlags);
        }
    };
    fillLineage(m_upstream, d.upstream);
    fillLineage(m_downstream, d.downstream);

    m_schema->clear();
    for (const models::PortInfo &port : d.ports) {
        auto *portItem = new QTreeWidgetItem(m_schema);
        portItem->setText(0, port.name);
        portItem->setText(1, port.direction == QLatin1String("input") ? tr("input port") : tr("output port"));
        portItem->setText(2, port.format.isEmpty() ? port.description
                                                   : port.format + QStringLiteral(" — ") + port.description);
        QFont bold = portItem->font(0);
        bold.setBold(true);
        portItem->setFont(0, bold);
        for (const models::ColumnInfo &c : port.columns) {
            auto *col = new QTreeWidgetItem(portItem);
            col->setText(0, c.name);
            QStringList type{c.type};
            if (c.primaryKey) {
                type << tr("primary key");
            } else if (!c.nullable) {
                type << tr("not null");
            }
            col->setText(1, type.join(QStringLiteral(" · ")));
            col->setText(2, c.tags.isEmpty() ? c.description
                                             : c.description + QStringLiteral("  [") +
                                                   c.tags.join(QStringLiteral(", ")) + QLatin1Char(']'));
        }
        portItem->setExpanded(true);
    }
    m_schema->resizeColumnToContents(0);
    m_schema->resizeColumnToContents(1);

    m_slas->clear();
    for (const models::SlaInfo &sla : d.slas) {
        auto *item = new QTreeWidgetItem(m_slas);
        item->setText(0, sla.kind);
        item->setText(1, sla.op + QLatin1Char(' ') + formatNumber(sla.target) + QLatin1Char(' ') + sla.unit);
        item->setText(2, sla.latest ? formatNumber(*sla.latest) + QLatin1Char(' ') + sla.unit : tr("no data"));
        if (sla.latest) {
            item->setText(2, item->text(2) + (sla.latestMeets() ? tr("  ✓ met") : tr("  ✗ breached")));
            if (!sla.latestMeets()) {
                item->setForeground(2, kAlert);
            }
        }
        item->setText(3, formatTime(sla.latestAt));
        item->setText(4, sla.description);
    }
    m_checks->clear();
    for (const models::CheckInfo &c : d.checks) {
        auto *item = new QTreeWidgetItem(m_checks);
        item->setText(0, c.name);
        item->setText(1, c.kind);
        item->setText(2, c.column);
        item->setText(3, c.severity);
        const QString status = c.lastStatus == QLatin1Char('P')   ? tr("passed")
                               : c.lastStatus == QLatin1Char('F') ? tr("FAILED")
                               : c.lastStatus == QLatin1Char('A') ? tr("aborted")
                                                                  : tr("never ran");
        item->setText(4, status);
        if (c.lastStatus == QLatin1Char('F')) {
            item->setForeground(4, kAlert);
        }
        item->setText(5, formatTime(c.lastRunAt));
    }
    for (QTreeWidget *t : {m_slas, m_checks}) {
        for (int i = 0; i < t->columnCount() - 1; ++i) {
            t->resizeColumnToContents(i);
        }
    }
}

} // namespace meshlens::ui
