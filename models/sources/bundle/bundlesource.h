#pragma once

#include "../../sync/recordpipeline.h"
#include "../source.h"
#include "../sourceregistry.h"

#include <QString>
#include <QUrl>

#include <functional>

namespace meshlens::models {

// Where a bundle is read from, resolved from what the user typed: a path, file:, qrc: or http(s): URL.
struct SourceAddress
{
    enum class Kind
    {
        Invalid,
        LocalFile, // a path or file: URL (also qrc: / ":/" resources, read through QFile)
        Http
    };
    Kind kind = Kind::Invalid;
    QUrl url;          // canonical form, stored in the cache's sources table
    QString localPath; // for LocalFile: what QFile opens
    QString error;     // for Invalid: why

    // Parses user text. "sample" names the catalog compiled into the app.
    static SourceAddress parse(const QString &text);
    [[nodiscard]] QString canonical() const { return url.toString(QUrl::FullyEncoded); }
};

inline constexpr auto kSampleCatalogUrl = "qrc:/meshlens/sample-catalog.ndjson";

// A MeshLens NDJSON bundle (resources/bundle/bundle-format.md) in a local file, a Qt resource or at an http(s) URL.
// A local file is parsed on a thread of its own (RecordPipeline) beside the writer; a download is parsed as it
// arrives. Accepts no writes: the outbox of a bundle source is exported as a file. The fallback kind: it claims
// every address no other kind does, and explains what it cannot read.
class BundleSource final : public Source
{
public:
    explicit BundleSource(SourceAddress address);

    [[nodiscard]] QString kind() const override { return QStringLiteral("bundle"); }
    [[nodiscard]] QString uri() const override { return m_address.canonical(); }
    [[nodiscard]] Probe probe(const std::atomic<bool> &cancel) override;
    [[nodiscard]] std::optional<QString> read(ReadContext &context) override;

    [[nodiscard]] static SourceRegistry::Kind registration();

private:
    // A local file: as a delta of what changed since the last sync when its digest is there (BundleDigest), else,
    // or when the delta asks to restart, as a snapshot that keeps a digest for the next sync.
    std::optional<QString> readFile(ReadContext &context);
    std::optional<QString> readFileSnapshot(ReadContext &context);
    // Runs the file through a RecordPipeline, reporting progress: the header, then each record, to the callbacks
    // (whose error stops it, with the line it names). A parse error or a missing header is the error returned.
    using HeaderStep = std::function<std::optional<QString>(const records::Header &)>;
    using ItemStep = std::function<std::optional<QString>(RecordPipeline::Item &)>;
    std::optional<QString> pump(ReadContext &context, const HeaderStep &onHeader, const ItemStep &onItem,
                                bool peek = false);
    // Sets `restart` (why) instead of failing when the bundle cannot be diffed against `saved`.
    std::optional<QString> readFileDelta(ReadContext &context, QByteArray saved, QString &restart);
    std::optional<QString> readHttp(ReadContext &context);

    SourceAddress m_address;
};

} // namespace meshlens::models
