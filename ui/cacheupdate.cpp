#include "cacheupdate.h"

#include "models/store/database.h"
#include "models/store/schema.h"

#include <QFutureWatcher>
#include <QLabel>
#include <QLocale>
#include <QProgressDialog>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <climits>
#include <mutex>

namespace meshlens::ui {

// What the migration worker last reported; the GUI thread polls it (the worker touches no QObject).
struct CacheUpdate::Progress
{
    std::mutex mutex;
    QString step;
    std::int64_t done = 0, total = 0;
    bool changed = false;
};

CacheUpdate::CacheUpdate(QObject *parent)
    : QObject(parent)
{}

CacheUpdate::~CacheUpdate()
{
    if (m_running && m_stop) {
        m_stop->store(true); // the worker holds its connection and stops at the next chunk; nobody waits for it
        m_db->interrupt();
    }
    delete m_dialog;
}

void CacheUpdate::finishLater(const QString &error)
{
    QTimer::singleShot(0, this, [this, error]() { Q_EMIT finished(error); });
}

void CacheUpdate::start(const QString &path, QWidget *dialogParent)
{
    using models::Schema;
    if (m_running) {
        return;
    }
    m_db = std::make_shared<models::Database>();
    if (auto err = m_db->open(path)) {
        finishLater(err->message);
        return;
    }
    const std::int64_t products = Schema::productsToUpdate(*m_db);
    if (products == 0) {
        m_db.reset(); // nothing long: the session's open migrates an empty or current cache
        finishLater({});
        return;
    }
    m_running = true;
    m_intro = tr("Updating the catalog cache of %1 products for this version of MeshLens. This happens once.")
                  .arg(QLocale().toString(static_cast<qlonglong>(products)));
    m_dialog = new QProgressDialog(m_intro, tr("Cancel"), 0, 0, dialogParent);
    m_dialog->setWindowTitle(tr("MeshLens"));
    m_dialog->setObjectName(QStringLiteral("cacheUpdateDialog"));
    m_dialog->setWindowModality(Qt::ApplicationModal);
    m_dialog->setMinimumDuration(0);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    auto *label = new QLabel(m_dialog);
    label->setWordWrap(true);
    label->setMinimumWidth(420);
    m_dialog->setLabel(label); // after the constructor's label text: setLabel keeps it
    m_dialog->setLabelText(m_intro);

    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_progress = std::make_shared<Progress>();
    connect(m_dialog, &QProgressDialog::canceled, this, [this]() {
        m_stop->store(true);
        m_db->interrupt(); // a chunk in progress stops at once; the observer stops the next one
        m_dialog->setLabelText(tr("Cancelling…"));
    });
    m_poll = new QTimer(this);
    m_poll->setInterval(50);
    connect(m_poll, &QTimer::timeout, this, &CacheUpdate::showProgress);
    m_poll->start();

    auto *watcher = new QFutureWatcher<std::optional<models::StoreError>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher]() {
        watcher->deleteLater();
        m_poll->stop();
        m_running = false;
        const std::optional<models::StoreError> err = watcher->result();
        QString message;
        if (err && m_stop->load()) {
            message = tr("The update was cancelled, and the catalog cache is as it was. MeshLens updates it the next "
                         "time it starts.");
        } else if (err) {
            message = err->message;
        }
        m_db.reset();
        // Whoever continues shows its window before the dialog goes: the application never runs without one.
        Q_EMIT finished(message);
        if (m_dialog) {
            m_dialog->deleteLater();
        }
    });
    // The worker owns shares of the connection, the flag and the progress: it may outlive this object.
    watcher->setFuture(QtConcurrent::run([db = m_db, stop = m_stop, progress = m_progress]() {
        return Schema::migrate(*db, [stop, progress](const QString &step, std::int64_t done, std::int64_t total) {
            const std::lock_guard lock(progress->mutex);
            progress->step = step;
            progress->done = done;
            progress->total = total;
            progress->changed = true;
            return !stop->load();
        });
    }));
    m_dialog->show();
}

void CacheUpdate::showProgress()
{
    QString step;
    std::int64_t done = 0, total = 0;
    {
        const std::lock_guard lock(m_progress->mutex);
        if (!m_progress->changed) {
            return;
        }
        m_progress->changed = false;
        step = m_progress->step;
        done = m_progress->done;
        total = m_progress->total;
    }
    if (m_stop->load() || !m_dialog) {
        return;
    }
    const QLocale locale;
    const QString measure = total > 0 ? tr("%1 of %2")
                                            .arg(locale.toString(static_cast<qlonglong>(done)),
                                                 locale.toString(static_cast<qlonglong>(total)))
                                      : QString();
    m_dialog->setLabelText(m_intro + QStringLiteral("\n\n") + step +
                           (measure.isEmpty() ? QStringLiteral("…") : QStringLiteral(": ") + measure));
    m_dialog->setMaximum(total > 0 ? static_cast<int>(std::min<std::int64_t>(total, INT_MAX)) : 0);
    m_dialog->setValue(total > 0 ? static_cast<int>(std::min<std::int64_t>(done, INT_MAX)) : 0);
}

} // namespace meshlens::ui
