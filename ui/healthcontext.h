#pragma once

#include "../models/store/connectionfactory.h"

#include <QString>

#include <functional>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace meshlens::models {
class Database;
class HealthSnapshotLoader;
} // namespace meshlens::models

namespace meshlens::ui {

// What the health views share, owned by HealthViews: the loader of the catalog's health, the session's GUI thread
// connection (names of the rows on screen, the Health tab), worker connections, and the CSV save prompt (a test
// seam).
struct HealthContext
{
    models::HealthSnapshotLoader *loader = nullptr;
    models::Database *db = nullptr;
    models::ConnectionFactory connections;
    // Asks where to save a CSV file; returns an empty string when cancelled.
    std::function<QString(QWidget *parent, const QString &suggestedName)> savePrompt;
};

// A read-only, sortable, row-selecting table for the health views, named for UI tests and accessibility.
QTableView *makeHealthTable(QAbstractItemModel *model, const QString &objectName, const QString &accessibleName,
                            QWidget *parent);

// Asks for a file and writes the model there as CSV; reports the outcome in `status` (the page's status line).
// Returns the written path, or empty.
QString exportCsv(const HealthContext &context, QWidget *parent, QAbstractItemModel &model, const QString &name,
                  const std::function<void(const QString &)> &status);

} // namespace meshlens::ui
