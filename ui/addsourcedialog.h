#pragma once

#include "../models/sources/sourceregistry.h"

#include <QDialog>

#include <atomic>
#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace meshlens::models {
class CredentialStore;
}

namespace meshlens::ui {

// Sources → Add Source…: what kind of source (a bundle file or URL, an OpenMetadata server, a folder of data
// contracts), its address (Browse… for files and folders), the OpenMetadata token (kept in the credential store
// handed in, never in settings), the source's own warning (plain HTTP to another host), and Test connection, which
// probes the source on a worker (cancellable; the answer shown inline). OK checks the address, stores the token
// and emits sourceAdded; the caller starts the sync. GUI thread; opened with open(), deletes itself on close.
class AddSourceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddSourceDialog)

public:
    enum class Kind
    {
        Bundle,
        OpenMetadata,
        Contracts
    };

    // `credentials` may be null (no token is stored then); it must outlive the dialog and any probe it starts.
    explicit AddSourceDialog(models::CredentialStore *credentials, QWidget *parent = nullptr);
    ~AddSourceDialog() override;

    // Test seams: how typed text becomes a source (SourceRegistry::open by default), and the file or folder chooser.
    using Opener =
        std::function<models::SourceRegistry::Opened(const QString &text, const models::SourceEnvironment &env)>;
    using Browse = std::function<QString(QWidget *parent, Kind kind)>;
    void setOpener(Opener opener);
    void setBrowse(Browse browse) { m_browse = std::move(browse); }

    // The address as it will be opened: an OpenMetadata host gains its openmetadata+https:// scheme.
    [[nodiscard]] QString address() const;
    [[nodiscard]] bool isProbing() const { return m_probeCancel != nullptr; }

    void accept() override;

Q_SIGNALS:
    // OK: the source opens, its token is stored. `uri` is the source's canonical address.
    void sourceAdded(const QString &uri);

private:
    [[nodiscard]] Kind kind() const;
    void kindChanged();
    void addressChanged();
    void browse();
    void testConnection();
    void cancelProbe();
    void showResult(bool ok, const QString &text);
    // Opens the address with the typed token in front of the stored ones; null with `error` set when it does not.
    std::shared_ptr<models::Source> openSource(QString &error);

    models::CredentialStore *m_credentials = nullptr;
    Opener m_opener;
    Browse m_browse;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_address = nullptr;
    QPushButton *m_browseButton = nullptr;
    QLabel *m_tokenLabel = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_warning = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_result = nullptr;
    std::shared_ptr<std::atomic<bool>> m_probeCancel; // the running probe's flag; null when none runs
    int m_probeNumber = 0;                            // a result of an older probe is dropped
};

} // namespace meshlens::ui
