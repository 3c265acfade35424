#include "healthcontext.h"

#include "../models/itemmodels/csvexport.h"

#include <QHeaderView>
#include <QSaveFile>
#include <QTableView>

namespace meshlens::ui {

QTableView *makeHealthTable(QAbstractItemModel *model, const QString &objectName, const QString &accessibleName,
                            QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setSectionsMovable(false);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultSectionSize(110);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QString exportCsv(const HealthContext &context, QWidget *parent, QAbstractItemModel &model, const QString &name,
                  const std::function<void(const QString &)> &status)
{
    const QString path = context.savePrompt ? context.savePrompt(parent, name + QStringLiteral(".csv")) : QString();
    if (path.isEmpty()) {
        return {};
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        status(QObject::tr("Cannot write %1: %2. Choose another folder.").arg(path, file.errorString()));
        return {};
    }
    if (const auto err = models::writeCsv(model, file)) {
        file.cancelWriting();
        status(*err);
        return {};
    }
    if (!file.commit()) {
        status(QObject::tr("Cannot write %1: %2. Choose another folder.").arg(path, file.errorString()));
        return {};
    }
    status(QObject::tr("Saved %Ln row(s) to %1", nullptr, model.rowCount()).arg(path));
    return path;
}

} // namespace meshlens::ui
