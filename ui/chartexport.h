#pragma once

// The "Export" button of a chart: the picture as PNG (what is on screen) or SVG (vector), the exact data behind
// it as CSV. Asks for a file through a prompt that tests replace, and reports failures as a signal with a message
// that says what to do (the page shows it; no modal dialog). GUI thread; a child of the chart's page.

#include <QToolButton>

#include <functional>

namespace meshlens::ui {

class ExportButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportButton)

public:
    // Returns the chosen file, or an empty string when the user cancelled.
    using SavePrompt = std::function<QString(QWidget *parent, const QString &suggested, const QString &filter)>;
    using SvgWriter = std::function<bool(const QString &path)>;
    using CsvSource = std::function<QByteArray()>;

    ExportButton(QWidget *target, QString baseName, SvgWriter svg, CsvSource csv, QWidget *parent = nullptr);

    void setBaseName(const QString &baseName) { m_baseName = baseName; }
    // An SVG writer for a plain painted widget (the chart classes bring their own).
    [[nodiscard]] static SvgWriter widgetSvg(QWidget *widget);
    // Test seam for every export button; an empty prompt restores the default (a file dialog).
    static void setSavePrompt(SavePrompt prompt);

    bool exportPng(const QString &path);
    bool exportSvg(const QString &path);
    bool exportCsv(const QString &path);

Q_SIGNALS:
    void exported(const QString &path);
    void failed(const QString &message);

private:
    void run(const QString &extension, const QString &filter, bool (ExportButton::*write)(const QString &));
    bool fail(const QString &path);

    QWidget *m_target;
    QString m_baseName;
    SvgWriter m_svg;
    CsvSource m_csv;
};

} // namespace meshlens::ui
