#include "cacheupdate.h"

#include "models/store/database.h"
#include "models/store/schema.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QLabel>
#include <QLocale>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <climits>

namespace meshlens::ui {

namespace {

// The translation context of this file's free functions (lupdate reads Q_DECLARE_TR_FUNCTIONS).
struct CacheUpdate
{
    Q_DECLARE_TR_FUNCTIONS(CacheUpdate)
};

} // namespace

QString updateCacheShowingProgress(const QString &path, QWidget *parent)
{
    using models::Schema;
    models::Database db;
    if (auto err = db.open(path)) {
        return err->message;
    }
    const std::int64_t products = Schema::productsToReindex(db);
    if (products == 0) {
        auto err = Schema::migrate(db); // nothing long: an empty or current cache
        return err ? err->message : QString();
    }
    const QLocale locale;
    const QString intro =
        CacheUpdate::tr(
            "Updating the catalog cache for this version of MeshLens: its search index of %1 products is rebuilt. "
            "This happens once.")
            .arg(locale.toString(static_cast<qlonglong>(products)));
    QProgressDialog dialog(intro, CacheUpdate::tr("Cancel"), 0, 0, parent);
    dialog.setWindowTitle(CacheUpdate::tr("MeshLens"));
    dialog.setObjectName(QStringLiteral("cacheUpdateDialog"));
    dialog.setWindowModality(Qt::ApplicationModal);
    dialog.setMinimumDuration(0);
    dialog.setAutoClose(false);
    dialog.setAutoReset(false);
    auto *label = new QLabel(&dialog);
    label->setWordWrap(true);
    label->setMinimumWidth(420);
    dialog.setLabel(label); // after the constructor's label text: setLabel keeps it
    dialog.setLabelText(intro);

    std::atomic<bool> stop{false};
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&]() {
        stop = true;
        db.interrupt(); // a chunk in progress stops at once; the observer stops the next one
        dialog.setLabelText(CacheUpdate::tr("Cancelling…"));
    });
    const auto observe = [&](const QString &step, std::int64_t done, std::int64_t total) {
        QMetaObject::invokeMethod(
            &dialog,
            [&dialog, &locale, &stop, intro, step, done, total]() {
                if (stop) {
                    return;
                }
                const QString measure = total > 0 ? CacheUpdate::tr("%1 of %2")
                                                        .arg(locale.toString(static_cast<qlonglong>(done)),
                                                             locale.toString(static_cast<qlonglong>(total)))
                                                  : QString();
                dialog.setLabelText(intro + QStringLiteral("\n\n") + step +
                                    (measure.isEmpty() ? QStringLiteral("…") : QStringLiteral(": ") + measure));
                dialog.setMaximum(total > 0 ? static_cast<int>(std::min<std::int64_t>(total, INT_MAX)) : 0);
                dialog.setValue(total > 0 ? static_cast<int>(std::min<std::int64_t>(done, INT_MAX)) : 0);
            },
            Qt::QueuedConnection);
        return !stop.load();
    };
    QFutureWatcher<std::optional<models::StoreError>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([&db, &observe]() { return Schema::migrate(db, observe); }));
    dialog.show();
    loop.exec();
    const std::optional<models::StoreError> err = watcher.result();
    if (!err) {
        return {};
    }
    if (stop) {
        return CacheUpdate::tr(
            "The update was cancelled, and the catalog cache is as it was. MeshLens updates it the next time "
            "it starts.");
    }
    return err->message;
}

} // namespace meshlens::ui
