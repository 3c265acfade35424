#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace meshlens::models {
class CatalogReader;
class SearchResultsModel;
} // namespace meshlens::models

namespace meshlens::ui {

// The catalog page: a search field that searches as you type, the results, and an empty state that says what
// to do. GUI thread; queries run on the GUI thread's reader connection.
class SearchPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchPage)

public:
    explicit SearchPage(models::CatalogReader &reader, QWidget *parent = nullptr);

    void focusSearch();
    void setQuery(const QString &text);
    // Runs the current query again (after a sync changed the catalog).
    void refresh();
    [[nodiscard]] QString query() const;

Q_SIGNALS:
    void productActivated(qint64 productId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void runQuery();
    void activateRow(int row);

    models::CatalogReader &m_reader;
    models::SearchResultsModel *m_model = nullptr;
    QLineEdit *m_field = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_empty = nullptr;
    QTimer *m_debounce = nullptr;
};

} // namespace meshlens::ui
