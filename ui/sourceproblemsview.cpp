#include "sourceproblemsview.h"

#include "../models/sources/sourcecatalog.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

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
    models::SourceCatalog catalog(m_db);
    const QList<models::StoredProblem> problems = catalog.problems(kShownProblems);
    const int total = static_cast<int>(catalog.problemCount());
    m_table->setRowCount(static_cast<int>(problems.size()));
    for (int r = 0; r < problems.size(); ++r) {
        const models::StoredProblem &p = problems[r];
        auto *severity = cell(p.error ? tr("Error") : tr("Warning"));
        severity->setForeground(p.error ? QColor(0xd7, 0x3a, 0x49) : QColor(0xb0, 0x88, 0x00));
        m_table->setItem(r, Severity, severity);
        m_table->setItem(r, Source, cell(p.sourceName.isEmpty() ? p.sourceUri : p.sourceName));
        m_table->setItem(r, File, cell(p.file));
        auto *line = cell(p.line > 0 ? QString::number(p.line) : QString());
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, Line, line);
        m_table->setItem(r, Message, cell(p.message));
    }
    m_table->resizeColumnsToContents();
    m_summary->setText(
        total == 0 ? tr("The last syncs reported no problems.")
        : total > problems.size()
            ? tr("%1 of %n problems; the rest of each source imported.", nullptr, total).arg(problems.size())
        : total == 1 ? tr("1 problem; the rest of its source imported.")
                     : tr("%n problems; the rest of each source imported.", nullptr, total));
    if (total != m_count) {
        m_count = total;
        Q_EMIT countChanged(total);
    }
}

} // namespace meshlens::ui
