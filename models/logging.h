#pragma once

#include <QLoggingCategory>

// One logging category per area; enable with QT_LOGGING_RULES="meshlens.sync.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcSearch)
Q_DECLARE_LOGGING_CATEGORY(lcGenerate)
