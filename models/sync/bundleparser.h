#pragma once

#include "../catalog/records.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace meshlens::models {

// Streaming parser for MeshLens bundle v1 (NDJSON; see resources/bundle/bundle-format.md). Bytes go in as they
// arrive, in chunks of any size; the header and each record come out through the callbacks. Memory stays at the
// longest line, whatever the bundle's size. Unknown fields are ignored (forward compatibility); unknown record
// types, wrong field types and missing required fields are errors that name the line.
// Lives on whichever thread feeds it (the sync worker); not thread-safe.
class BundleParser final
{
    Q_DISABLE_COPY_MOVE(BundleParser)

public:
    struct Error
    {
        std::int64_t line = 0; // 1-based; 0 when the error is about the bundle as a whole
        QString message;
        [[nodiscard]] QString toString() const;
    };

    // A callback returns an error message to stop the parse (e.g. the writer rejected the record).
    using HeaderSink = std::function<std::optional<QString>(const records::Header &)>;
    using RecordSink = std::function<std::optional<QString>(records::Record &&)>;

    BundleParser(HeaderSink onHeader, RecordSink onRecord);
    ~BundleParser();

    [[nodiscard]] std::optional<Error> feed(std::string_view bytes);
    // The bundle has ended: parses a last line without a newline and checks that a header was seen.
    [[nodiscard]] std::optional<Error> finish();

    [[nodiscard]] std::int64_t lines() const { return m_line; }
    [[nodiscard]] std::int64_t recordCount() const { return m_records; }
    [[nodiscard]] std::int64_t bytesSeen() const { return m_bytes; }
    // During the record callback: the lineHash() of the record's line as read (without its line break), which a
    // bundle source keeps to tell changed products from unchanged ones on its next sync.
    [[nodiscard]] std::uint64_t recordLineHash() const { return m_lineHash; }
    // During the record callback: the record's line itself.
    [[nodiscard]] std::string_view recordLine() const { return m_recordLine; }
    // Peek mode: records come out with only their type and what says whose they are (the id of a domain, team,
    // person or product; a child's product; the product a lineage edge goes into), the rest of the line skipped,
    // for a reader that parses in full (parseRecordLine) only the lines it keeps. The header and the end trailer
    // are read and checked as always.
    void setPeek(bool peek) { m_peek = peek; }

    // Parses one line in isolation.
    static std::optional<QString> parseRecordLine(std::string_view line, records::Record &out);
    static std::optional<QString> parseHeaderLine(std::string_view line, records::Header &out);

    static constexpr std::int64_t kMaxLineBytes = 64 * 1024 * 1024;

private:
    std::optional<Error> processLine(std::string_view line);

    struct Impl;
    std::unique_ptr<Impl> m_impl;
    HeaderSink m_onHeader;
    RecordSink m_onRecord;
    std::string m_buffer;
    std::int64_t m_line = 0;
    std::int64_t m_records = 0;
    std::int64_t m_bytes = 0;
    std::uint64_t m_lineHash = 0;
    std::string_view m_recordLine;
    bool m_peek = false;
    bool m_sawHeader = false;
    bool m_sawEnd = false;
};

} // namespace meshlens::models
