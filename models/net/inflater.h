#pragma once

// Undoes a gzip or deflate Content-Encoding as the body arrives, for HttpClient. HttpClient asks for compression
// itself instead of letting Qt do it, because Qt drops Content-Length from a compressed answer and accepts a
// compressed body cut short: decoding here keeps both checks (the wire length, and the stream's own end marker).
// Lives on the thread of the request that made it; owned by that request.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace meshlens::models {

class Inflater final
{
    Q_DISABLE_COPY_MOVE(Inflater)

public:
    Inflater();
    ~Inflater();

    // Appends what `compressed` decodes to onto `out`; an error (for a person) when the data is not gzip or
    // deflate. Bytes after the end of the compressed stream are an error too.
    [[nodiscard]] std::optional<QString> feed(QByteArrayView compressed, QByteArray &out);
    // Whether the compressed stream reached its end marker (a body cut short did not).
    [[nodiscard]] bool finished() const { return m_finished; }

private:
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace meshlens::models
