#pragma once

#include "healthcontext.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QTableView;

namespace meshlens::models {
class ProductHealthModel;
}

namespace meshlens::ui {

class HealthStrip;

// The skeleton the health views (Owners, SLAs, Domains) share: the health strip, Export CSV of what has focus
// (Ctrl+E, and the strip's button), the catalog's health computed when the page is first shown, and onLoaded()
// whenever a snapshot is announced. GUI thread; the subclass lays the strip out and calls showCurrentSnapshot()
// at the end of its constructor.
class HealthPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthPage)

public:
    ~HealthPage() override;

Q_SIGNALS:
    void productActivated(qint64 productId);

protected:
    // `name` names the strip and the export action ("owners" → ownersExportAction) for tests and accessibility.
    HealthPage(const HealthContext &context, const QString &name, QWidget *parent);

    // Shows a snapshot computed before the page existed (a virtual call cannot come from this constructor).
    void showCurrentSnapshot();
    virtual void onLoaded() = 0;
    virtual void exportFocused() = 0;
    void showEvent(QShowEvent *event) override;
    // What the Owners and Domains views put under their filters: `upper` over `title` and `productsView` (a table of
    // `products`) in a vertical splitter. Enter on the upper table moves to the products; Enter on a product opens it.
    QSplitter *splitOverProducts(QTableView *upper, QLabel *title, QTableView *productsView,
                                 const models::ProductHealthModel *products);

    const HealthContext &m_context;
    HealthStrip *m_strip = nullptr;
};

} // namespace meshlens::ui
