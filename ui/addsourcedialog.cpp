#include "addsourcedialog.h"

#include "../models/sources/credentials.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace meshlens::ui {

namespace {

// The token typed into the dialog, in front of the stored ones: Test connection and OK's check use it before
// (and without) anything is written to the keychain. Writes go nowhere. Shared with the probe's worker.
class TypedToken final : public models::CredentialStore
{
public:
    TypedToken(QString token, models::CredentialStore *stored)
        : m_token(std::move(token))
        , m_stored(stored)
    {}
    [[nodiscard]] Lookup read(const QString &sourceUri) override
    {
        if (!m_token.isEmpty()) {
            return {m_token, {}};
        }
        return m_stored ? m_stored->read(sourceUri) : Lookup{};
    }
    [[nodiscard]] std::optional<QString> write(const QString &, const QString &) override { return std::nullopt; }
    [[nodiscard]] std::optional<QString> remove(const QString &) override { return std::nullopt; }

private:
    const QString m_token;
    models::CredentialStore *const m_stored;
};

const char *kindValue(AddSourceDialog::Kind kind)
{
    switch (kind) {
    case AddSourceDialog::Kind::Bundle:
        return "bundle";
    case AddSourceDialog::Kind::OpenMetadata:
        return "openmetadata";
    case AddSourceDialog::Kind::Contracts:
        return "contracts";
    }
    return "bundle";
}

} // namespace

AddSourceDialog::AddSourceDialog(models::CredentialStore *credentials, QWidget *parent)
    : QDialog(parent)
    , m_credentials(credentials)
    , m_opener([](const QString &text, const models::SourceEnvironment &env) {
        return models::SourceRegistry::open(text, env);
    })
{
    setObjectName(QStringLiteral("addSourceDialog"));
    setWindowTitle(tr("Add Source"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_browse = [](QWidget *parent, Kind kind) {
        return kind == Kind::Contracts
                   ? QFileDialog::getExistingDirectory(parent, tr("Choose a folder of data contracts"))
                   : QFileDialog::getOpenFileName(parent, tr("Choose a MeshLens bundle"), QString(),
                                                  tr("MeshLens bundles (*.ndjson *.jsonl);;All files (*)"));
    };

    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    m_kind->addItem(tr("Bundle file or URL"), static_cast<int>(Kind::Bundle));
    m_kind->addItem(tr("OpenMetadata server"), static_cast<int>(Kind::OpenMetadata));
    m_kind->addItem(tr("Folder of data contracts"), static_cast<int>(Kind::Contracts));

    m_address = new QLineEdit;
    m_address->setObjectName(QStringLiteral("addressEdit"));
    m_address->setAccessibleName(tr("Address"));
    m_address->setMinimumWidth(460);
    m_browseButton = new QPushButton(tr("&Browse…"));
    m_browseButton->setObjectName(QStringLiteral("browseButton"));
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(m_browseButton);

    m_token = new QLineEdit;
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setAccessibleName(tr("Token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("A bot or personal access token (JWT); kept in the system keychain"));

    m_warning = new QLabel;
    m_warning->setObjectName(QStringLiteral("warningLabel"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #b08800"));
    m_warning->hide();

    m_test = new QPushButton(tr("&Test Connection"));
    m_test->setObjectName(QStringLiteral("testButton"));
    {
        // Wide enough for "Cancel Test" too, so the button does not jump while a probe runs.
        const QString label = m_test->text();
        m_test->setText(tr("&Cancel Test"));
        const int cancelWidth = m_test->sizeHint().width();
        m_test->setText(label);
        m_test->setMinimumWidth(std::max(cancelWidth, m_test->sizeHint().width()));
    }
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("probeResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch();

    auto *form = new QFormLayout;
    form->addRow(tr("&Kind"), m_kind);
    auto *addressLabel = new QLabel(tr("&Address"));
    addressLabel->setBuddy(m_address);
    form->addRow(addressLabel, addressRow);
    m_tokenLabel = new QLabel(tr("T&oken"));
    m_tokenLabel->setBuddy(m_token);
    form->addRow(m_tokenLabel, m_token);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->setObjectName(QStringLiteral("buttons"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add and &Sync"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_warning);
    layout->addLayout(testRow);
    layout->addWidget(m_result);
    layout->addStretch();
    layout->addWidget(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &AddSourceDialog::kindChanged);
    connect(m_address, &QLineEdit::textChanged, this, &AddSourceDialog::addressChanged);
    connect(m_token, &QLineEdit::textChanged, this, &AddSourceDialog::cancelProbe);
    connect(m_browseButton, &QPushButton::clicked, this, &AddSourceDialog::browse);
    connect(m_test, &QPushButton::clicked, this, [this]() { isProbing() ? cancelProbe() : testConnection(); });
    connect(buttons, &QDialogButtonBox::accepted, this, &AddSourceDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddSourceDialog::reject);
    kindChanged();
}

AddSourceDialog::~AddSourceDialog()
{
    if (m_probeCancel) {
        m_probeCancel->store(true); // the worker stops at its next check; its result goes nowhere
    }
}

void AddSourceDialog::setOpener(Opener opener)
{
    m_opener = std::move(opener);
    addressChanged();
}

AddSourceDialog::Kind AddSourceDialog::kind() const
{
    return static_cast<Kind>(m_kind->currentData().toInt());
}

QString AddSourceDialog::address() const
{
    const QString text = m_address->text().trimmed();
    if (kind() != Kind::OpenMetadata || text.isEmpty() || text.startsWith(QLatin1String("openmetadata+"))) {
        return text;
    }
    // "host:8585" or "https://host": the scheme says which source reads it.
    if (text.startsWith(QLatin1String("http://")) || text.startsWith(QLatin1String("https://"))) {
        return QStringLiteral("openmetadata+") + text;
    }
    return QStringLiteral("openmetadata+https://") + text;
}

void AddSourceDialog::kindChanged()
{
    const Kind k = kind();
    m_browseButton->setVisible(k != Kind::OpenMetadata);
    m_tokenLabel->setVisible(k == Kind::OpenMetadata);
    m_token->setVisible(k == Kind::OpenMetadata);
    switch (k) {
    case Kind::Bundle:
        m_address->setPlaceholderText(tr("A bundle file, or a file:, qrc: or http(s): URL; \"sample\""));
        break;
    case Kind::OpenMetadata:
        m_address->setPlaceholderText(tr("openmetadata+https://catalog.example.com"));
        break;
    case Kind::Contracts:
        m_address->setPlaceholderText(tr("A folder of *.odcs.yaml / *.odps.yaml files (a git working copy)"));
        break;
    }
    addressChanged();
}

void AddSourceDialog::addressChanged()
{
    cancelProbe();
    m_result->clear();
    // The source's own warning, as soon as the address says enough (opening reads nothing).
    QString warning;
    if (!address().isEmpty()) {
        const models::SourceRegistry::Opened opened = m_opener(address(), {});
        if (opened.source) {
            warning = opened.source->warning();
        }
    }
    m_warning->setText(warning.isEmpty() ? QString() : tr("⚠ %1").arg(warning));
    m_warning->setVisible(!warning.isEmpty());
}

void AddSourceDialog::browse()
{
    const QString chosen = m_browse(this, kind());
    if (!chosen.isEmpty()) {
        m_address->setText(chosen);
    }
}

std::shared_ptr<models::Source> AddSourceDialog::openSource(QString &error)
{
    if (address().isEmpty()) {
        error = tr("Type the source's address first.");
        return nullptr;
    }
    auto token = std::make_shared<TypedToken>(kind() == Kind::OpenMetadata ? m_token->text().trimmed() : QString(),
                                              m_credentials);
    models::SourceRegistry::Opened opened = m_opener(address(), {token.get()});
    if (!opened.source) {
        error = opened.error;
        return nullptr;
    }
    if (opened.source->kind() != QLatin1String(kindValue(kind()))) {
        error = tr("%1 is not a %2: MeshLens reads it as a source of kind \"%3\". Choose that kind, or check the "
                   "address.")
                    .arg(address(), m_kind->currentText().toLower(), opened.source->kind());
        return nullptr;
    }
    // The source may read its token at any time: keep the store it was opened with alive beside it.
    models::Source *raw = opened.source.release();
    return std::shared_ptr<models::Source>(raw, [token](models::Source *s) { delete s; });
}

void AddSourceDialog::testConnection()
{
    QString error;
    std::shared_ptr<models::Source> source = openSource(error);
    if (!source) {
        showResult(false, error);
        return;
    }
    const int number = ++m_probeNumber;
    m_probeCancel = std::make_shared<std::atomic<bool>>(false);
    m_test->setText(tr("&Cancel Test"));
    m_result->setStyleSheet({});
    m_result->setText(tr("Connecting to %1…").arg(source->uri()));
    auto *watcher = new QFutureWatcher<models::Source::Probe>(this);
    connect(watcher, &QFutureWatcher<models::Source::Probe>::finished, this, [this, watcher, number]() {
        watcher->deleteLater();
        if (number != m_probeNumber) {
            return; // cancelled, or the address changed meanwhile
        }
        m_probeCancel.reset();
        m_test->setText(tr("&Test Connection"));
        const models::Source::Probe probe = watcher->result();
        showResult(probe.ok, probe.message);
    });
    watcher->setFuture(QtConcurrent::run([source, cancel = m_probeCancel]() { return source->probe(*cancel); }));
}

void AddSourceDialog::cancelProbe()
{
    if (!m_probeCancel) {
        return;
    }
    m_probeCancel->store(true);
    m_probeCancel.reset();
    ++m_probeNumber;
    m_test->setText(tr("&Test Connection"));
    m_result->setStyleSheet({});
    m_result->setText(tr("Test cancelled."));
}

void AddSourceDialog::showResult(bool ok, const QString &text)
{
    m_result->setStyleSheet(ok ? QStringLiteral("color: #22863a") : QStringLiteral("color: #d73a49"));
    m_result->setText(ok ? tr("✓ %1").arg(text) : tr("✗ %1").arg(text));
}

void AddSourceDialog::accept()
{
    QString error;
    const std::shared_ptr<models::Source> source = openSource(error);
    if (!source) {
        showResult(false, error);
        return;
    }
    const QString uri = source->uri();
    const QString token = kind() == Kind::OpenMetadata ? m_token->text().trimmed() : QString();
    if (!token.isEmpty()) {
        if (!m_credentials) {
            showResult(false, tr("There is no keychain to keep the token in."));
            return;
        }
        if (auto err = m_credentials->write(uri, token)) {
            showResult(false, tr("The token could not be stored: %1").arg(*err));
            return;
        }
    }
    cancelProbe();
    Q_EMIT sourceAdded(uri);
    QDialog::accept();
}

} // namespace meshlens::ui
