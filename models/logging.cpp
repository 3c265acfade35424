#include "logging.h"

Q_LOGGING_CATEGORY(lcStore, "meshlens.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "meshlens.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSearch, "meshlens.search", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGenerate, "meshlens.generate", QtInfoMsg)
