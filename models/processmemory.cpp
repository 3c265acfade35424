#include "processmemory.h"

#include <QFile>

namespace meshlens::models {

namespace {
double statusMb(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray prefix(key);
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0; // kB
        }
    }
    return 0;
}
} // namespace

double residentMemoryMb()
{
    return statusMb("VmRSS:");
}

double peakResidentMemoryMb()
{
    return statusMb("VmHWM:");
}

} // namespace meshlens::models
