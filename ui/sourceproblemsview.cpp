#include "sourceproblemsview.h"

#include "../models/store/catalogreader.h"
#include "../models/store/sourceproblemsreader.h"

#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace meshlens::ui {

namespace {

// Enough for any real folder; a source reporting more is broken in one way many times.
constexpr int kShownProblems = 5000;

enum Column
{
    Severity,
    Source,
    File,
    Line,
    Message,
    ColumnCount
};

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    item->setToolTip(text);
    return item;
}

} // namespace

SourceProblemsView::SourceProblemsView(models::Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
{
    setObjectName(QStringLiteral("sourceProblemsView"));
    m_table = new QTableWidget(0, ColumnCount);
    m_table->setObjectName(QStringLiteral("problemsTable"));
    m_table->setAccessibleName(tr("Source problems"));
    m_table->setHorizontalHeaderLabels({tr("Severity"), tr("Source"), tr("File"), tr("Line"), tr("Message")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("problemsSummary"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    refresh();
}

void SourceProblemsView::refresh()
{
    models::SourceProblemsReader reader(m_db);
    QList<models::StoredProblem> problems = reader.read().value_or(QList<models::StoredProblem>());
    // Errors first; within each severity, the reader's order (source, file, line).
    std::stable_sort(problems.begin(), problems.end(),
                     [](const models::StoredProblem &a, const models::StoredProblem &b) {
                         return (a.severity == QLatin1String("error")) > (b.severity == QLatin1String("error"));
                     });
    QHash<QString, QString> names; // uri -> the name the source gives itself
    for (const models::SourceState &s : models::CatalogReader(m_db).sources()) {
        names.insert(s.uri, s.name.isEmpty() ? s.uri : s.name);
    }
    const int total = static_cast<int>(problems.size());
    const int shown = std::min(total, kShownProblems);
    m_table->setRowCount(shown);
    for (int r = 0; r < shown; ++r) {
        const models::StoredProblem &p = problems[r];
        const bool error = p.severity == QLatin1String("error");
        auto *severity = cell(error ? tr("Error") : tr("Warning"));
        severity->setForeground(error ? QColor(0xd7, 0x3a, 0x49) : QColor(0xb0, 0x88, 0x00));
        m_table->setItem(r, Severity, severity);
        m_table->setItem(r, Source, cell(names.value(p.sourceUri, p.sourceUri)));
        m_table->setItem(r, File, cell(p.file));
        auto *line = cell(p.line > 0 ? QString::number(p.line) : QString());
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, Line, line);
        m_table->setItem(r, Message, cell(p.message));
    }
    m_table->resizeColumnsToContents();
    m_summary->setText(reader.lastError() ? tr("The problems could not be read: %1").arg(reader.lastError()->message)
                       : total == 0       ? tr("The last syncs reported no problems.")
                       : total > shown
                           ? tr("%1 of %n problems; the rest of each source imported.", nullptr, total).arg(shown)
                       : total == 1 ? tr("1 problem; the rest of its source imported.")
                                    : tr("%n problems; the rest of each source imported.", nullptr, total));
    if (total != m_count) {
        m_count = total;
        Q_EMIT countChanged(total);
    }
}

} // namespace meshlens::ui
