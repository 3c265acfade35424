#include "benchutil.h"

#include "models/generate/cataloggenerator.h"
#include "models/processmemory.h"
#include "models/sync/syncengine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>

namespace meshlens::bench {

void report(QJsonObject line)
{
    const QByteArray json = QJsonDocument(line).toJson(QJsonDocument::Compact);
    std::fprintf(stdout, "%s\n", json.constData());
    std::fflush(stdout);
}

void progress(const QString &text)
{
    std::fprintf(stderr, "%s\n", text.toUtf8().constData());
    std::fflush(stderr);
}

Percentiles percentiles(std::vector<double> samples)
{
    if (samples.empty()) {
        return {};
    }
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double q) {
        const auto i = static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1) + 0.5);
        return samples[std::min(i, samples.size() - 1)];
    };
    return {at(0.50), at(0.95), at(0.99)};
}

double peakRssMb()
{
    return models::peakResidentMemoryMb();
}

double fileMb(const QString &path)
{
    return static_cast<double>(QFileInfo(path).size()) / (1024.0 * 1024.0);
}

double databaseMb(const QString &path)
{
    return fileMb(path) + fileMb(path + QStringLiteral("-wal"));
}

std::optional<QJsonObject> runChild(const QStringList &arguments, const QStringList &extraEnv)
{
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments(arguments);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    if (!extraEnv.isEmpty()) {
        QStringList env = QProcess::systemEnvironment();
        env << extraEnv;
        child.setEnvironment(env);
    }
    child.start();
    if (!child.waitForFinished(-1) || child.exitCode() != 0) {
        progress(
            QStringLiteral("child %1 failed (exit %2)").arg(arguments.join(QLatin1Char(' '))).arg(child.exitCode()));
        return std::nullopt;
    }
    const QList<QByteArray> lines = child.readAllStandardOutput().trimmed().split('\n');
    const QJsonDocument doc = QJsonDocument::fromJson(lines.value(lines.size() - 1));
    if (!doc.isObject()) {
        return std::nullopt;
    }
    return doc.object();
}

std::vector<std::int64_t> sizesFor(const Options &options, std::vector<std::int64_t> quick,
                                   std::vector<std::int64_t> normal)
{
    if (options.products) {
        return {*options.products};
    }
    return options.quick ? quick : normal;
}

void removeDatabase(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm"}) {
        QFile::remove(path + QLatin1String(suffix));
    }
}

QString bundleFor(const Options &options, std::int64_t products)
{
    QDir().mkpath(options.dataDir);
    const QString path = QDir(options.dataDir).filePath(QStringLiteral("bundle-%1.ndjson").arg(products));
    if (QFileInfo::exists(path)) {
        return path;
    }
    progress(QStringLiteral("generating %1 products into %2").arg(products).arg(path));
    models::GeneratorOptions g;
    g.products = products;
    g.seed = 1;
    g.asOf = 1'763'683'200; // 2025-11-21: fixed, so every run measures the same bytes
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return {};
    }
    if (auto err = models::CatalogGenerator(g).write(file)) {
        progress(*err);
        file.cancelWriting();
        return {};
    }
    return file.commit() ? path : QString();
}

QString cacheFor(const Options &options, std::int64_t products)
{
    const QString path = QDir(options.dataDir).filePath(QStringLiteral("cache-%1.db").arg(products));
    if (QFileInfo::exists(path)) {
        return path;
    }
    const QString bundle = bundleFor(options, products);
    if (bundle.isEmpty()) {
        return {};
    }
    progress(QStringLiteral("syncing %1 products into %2").arg(products).arg(path));
    models::SyncEngine engine;
    bool ok = false;
    QObject::connect(&engine, &models::SyncEngine::finished, &engine, [&](const models::SyncResult &r) { ok = r.ok; });
    engine.run(path, bundle);
    return ok ? path : QString();
}

} // namespace meshlens::bench
