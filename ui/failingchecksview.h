#pragma once

// The checks that failed or aborted on the day the user clicked in a pass-rate chart, with product (for domain
// and owner trends), check, status, severity and the result's message. Catalog text is shown as plain text.
// Activating a row asks to open its product. GUI thread.

#include "../models/charts/qualitytrends.h"

#include <QTreeWidget>

namespace meshlens::ui {

class FailingChecksView final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailingChecksView)

public:
    explicit FailingChecksView(bool showProducts, QWidget *parent = nullptr);

    void setRows(const models::FailingChecks &rows);

Q_SIGNALS:
    void productActivated(qint64 productId);
};

} // namespace meshlens::ui
