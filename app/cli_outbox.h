#pragma once

#include <QStringList>

#include <cstdio>

namespace meshlens::app {

// The outbox verbs: `edit`, `feedback` and `outbox list|push|export|confirm|retry|discard`. `args` has the program
// name first and the verb removed. Same code paths as the GUI (models::Outbox, OutboxDelivery, OutboxExport).
int runEdit(const QStringList &args, std::FILE *out, std::FILE *err);
int runFeedback(const QStringList &args, std::FILE *out, std::FILE *err);
int runOutbox(const QStringList &args, std::FILE *out, std::FILE *err);

} // namespace meshlens::app
