#include "chartexport.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSvgGenerator>

namespace meshlens::ui {

namespace {

QString askForFile(QWidget *parent, const QString &suggested, const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, ExportButton::tr("Export"), suggested, filter);
}

ExportButton::SavePrompt &savePrompt()
{
    static ExportButton::SavePrompt prompt = askForFile;
    return prompt;
}

} // namespace

ExportButton::ExportButton(QWidget *target, QString baseName, SvgWriter svg, CsvSource csv, QWidget *parent)
    : QToolButton(parent)
    , m_target(target)
    , m_baseName(std::move(baseName))
    , m_svg(std::move(svg))
    , m_csv(std::move(csv))
{
    setText(tr("Export"));
    setToolTip(tr("Save this chart as an image, or its data as CSV"));
    setAccessibleName(tr("Export chart"));
    setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(this);
    auto *png = menu->addAction(tr("Image (PNG)…"), this, [this]() {
        run(QStringLiteral("png"), tr("PNG images (*.png)"), &ExportButton::exportPng);
    });
    png->setObjectName(QStringLiteral("exportPng"));
    auto *svgAction = menu->addAction(tr("Vector image (SVG)…"), this, [this]() {
        run(QStringLiteral("svg"), tr("SVG images (*.svg)"), &ExportButton::exportSvg);
    });
    svgAction->setObjectName(QStringLiteral("exportSvg"));
    auto *csvAction = menu->addAction(tr("Data (CSV)…"), this, [this]() {
        run(QStringLiteral("csv"), tr("CSV files (*.csv)"), &ExportButton::exportCsv);
    });
    csvAction->setObjectName(QStringLiteral("exportCsv"));
    setMenu(menu);
}

ExportButton::SvgWriter ExportButton::widgetSvg(QWidget *widget)
{
    return [widget](const QString &path) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(widget->size());
        svg.setViewBox(widget->rect());
        svg.setTitle(widget->accessibleName());
        QPainter painter;
        if (!painter.begin(&svg)) {
            return false;
        }
        widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        return painter.end();
    };
}

void ExportButton::setSavePrompt(SavePrompt prompt)
{
    savePrompt() = prompt ? std::move(prompt) : askForFile;
}

void ExportButton::run(const QString &extension, const QString &filter, bool (ExportButton::*write)(const QString &))
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = savePrompt()(window(), QDir(dir).filePath(m_baseName + QLatin1Char('.') + extension), filter);
    if (!path.isEmpty()) {
        (this->*write)(path);
    }
}

bool ExportButton::fail(const QString &path)
{
    Q_EMIT failed(tr("Could not write %1. Check that the folder exists and you may write to it, or choose another.")
                      .arg(QDir::toNativeSeparators(path)));
    return false;
}

bool ExportButton::exportPng(const QString &path)
{
    if (!m_target->grab().save(path, "PNG")) {
        return fail(path);
    }
    Q_EMIT exported(path);
    return true;
}

bool ExportButton::exportSvg(const QString &path)
{
    if (!m_svg(path) || !QFileInfo(path).isFile() || QFileInfo(path).size() == 0) {
        return fail(path);
    }
    Q_EMIT exported(path);
    return true;
}

bool ExportButton::exportCsv(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_csv()) < 0 || !file.commit()) {
        return fail(path);
    }
    Q_EMIT exported(path);
    return true;
}

} // namespace meshlens::ui
