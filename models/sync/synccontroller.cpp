#include "synccontroller.h"

namespace meshlens::models {

SyncController::SyncController(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("meshlens-sync"));
    m_engine = new SyncEngine;
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_engine, &SyncEngine::progress, this, &SyncController::progress, Qt::QueuedConnection);
    connect(
        m_engine, &SyncEngine::finished, this,
        [this](const SyncResult &result) {
            m_running = false;
            Q_EMIT finished(result);
        },
        Qt::QueuedConnection);
    m_thread.start();
}

SyncController::~SyncController()
{
    m_engine->cancel();
    m_thread.quit();
    m_thread.wait();
}

void SyncController::setEnvironment(const SourceEnvironment &environment)
{
    // Read by the engine on its thread at the start of a run; runs are started by queued calls after this.
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, environment]() { engine->setEnvironment(environment); }, Qt::QueuedConnection);
}

bool SyncController::start(const QString &dbPath, const QString &source, bool full)
{
    if (m_running) {
        return false;
    }
    m_running = true;
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, dbPath, source, full]() { engine->run(dbPath, source, full); },
        Qt::QueuedConnection);
    Q_EMIT started(source);
    return true;
}

void SyncController::cancel()
{
    if (m_running) {
        m_engine->cancel();
    }
}

} // namespace meshlens::models
