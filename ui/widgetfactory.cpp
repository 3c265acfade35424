#include "widgetfactory.h"

#include <QLabel>
#include <QLineEdit>
#include <QTimer>

namespace meshlens::ui {

QLabel *makeTextLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QLineEdit *makeFilterField(const QString &objectName, const QString &placeholder, const QString &accessibleName,
                           QWidget *parent)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(objectName);
    field->setPlaceholderText(placeholder);
    field->setClearButtonEnabled(true);
    field->setAccessibleName(accessibleName);
    return field;
}

QLabel *makeEmptyState(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->hide();
    return label;
}

QTimer *makeDebounce(int ms, QObject *receiver, const std::function<void()> &run)
{
    auto *timer = new QTimer(receiver);
    timer->setSingleShot(true);
    timer->setInterval(ms);
    QObject::connect(timer, &QTimer::timeout, receiver, run);
    return timer;
}

} // namespace meshlens::ui
