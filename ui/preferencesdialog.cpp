#include "preferencesdialog.h"

#include "../models/settings/appsettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace meshlens::ui {

namespace {

void selectData(QComboBox *box, const QVariant &value)
{
    const int index = box->findData(value);
    box->setCurrentIndex(index >= 0 ? index : 0);
}

} // namespace

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    setAttribute(Qt::WA_DeleteOnClose);

    m_identity = new QLineEdit(models::AppSettings::identity(), this);
    m_identity->setObjectName(QStringLiteral("preferencesIdentity"));
    m_identity->setPlaceholderText(tr("your person id or e-mail in the catalog"));
    m_identity->setToolTip(tr("Whose products \"My products\" shows, and the contact offered on feedback"));

    m_syncInterval = new QComboBox(this);
    m_syncInterval->setObjectName(QStringLiteral("preferencesSyncInterval"));
    m_syncInterval->addItem(tr("Never (sync with F5)"), 0);
    m_syncInterval->addItem(tr("Every hour"), 1);
    m_syncInterval->addItem(tr("Every 4 hours"), 4);
    m_syncInterval->addItem(tr("Every 12 hours"), 12);
    m_syncInterval->addItem(tr("Every day"), 24);
    selectData(m_syncInterval, models::AppSettings::syncIntervalHours());

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("preferencesLanguage"));
    m_language->addItem(tr("System default"), QString());
    // Each language in its own name, so that someone who cannot read the current one still finds theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    selectData(m_language, models::AppSettings::language());

    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("preferencesTheme"));
    m_theme->addItem(tr("Follow the system"), QString());
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    selectData(m_theme, models::AppSettings::theme());

    auto *restartNote = new QLabel(tr("A new language, and going back to the system's theme, take effect when "
                                      "MeshLens is started again."),
                                   this);
    restartNote->setObjectName(QStringLiteral("preferencesRestartNote"));
    restartNote->setWordWrap(true);
    restartNote->setEnabled(false); // reads as secondary text in every palette

    auto *sources = new QPushButton(tr("S&ources and Tokens…"), this);
    sources->setObjectName(QStringLiteral("preferencesSources"));
    sources->setToolTip(tr("Add, edit and remove the sources this cache syncs, and their tokens"));
    connect(sources, &QPushButton::clicked, this, &PreferencesDialog::sourcesRequested);

    auto *form = new QFormLayout;
    form->addRow(tr("&I am:"), m_identity);
    form->addRow(tr("&Sync automatically:"), m_syncInterval);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("Sources:"), sources);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("preferencesButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this]() {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(restartNote);
    layout->addStretch();
    layout->addWidget(buttons);
    resize(480, sizeHint().height());
}

void PreferencesDialog::save()
{
    models::AppSettings::setIdentity(m_identity->text());
    models::AppSettings::setSyncIntervalHours(m_syncInterval->currentData().toInt());
    models::AppSettings::setLanguage(m_language->currentData().toString());
    models::AppSettings::setTheme(m_theme->currentData().toString());
    Q_EMIT saved();
}

} // namespace meshlens::ui
