#pragma once

// Helpers the offscreen UI tests share: find a widget or action by objectName, trigger an action as the user would,
// and save a widget as a PNG when MESHLENS_SCREENSHOT_DIR is set (for the README's screenshots).

#include <QAction>
#include <QCoreApplication>
#include <QTest>
#include <QWidget>

namespace meshlens::test {

template<typename T> T *find(QObject *root, const char *name)
{
    return root->findChild<T *>(QLatin1String(name));
}

inline void trigger(QWidget *root, const char *action)
{
    auto *a = find<QAction>(root, action);
    QVERIFY2(a, action);
    QVERIFY(a->isEnabled());
    a->trigger();
}

inline void screenshot(QWidget *w, const char *name)
{
    const QString dir = qEnvironmentVariable("MESHLENS_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QCoreApplication::processEvents(); // a layout's pending resize first
        QVERIFY(w->grab().save(dir + QLatin1Char('/') + QLatin1String(name)));
    }
}

} // namespace meshlens::test
