#include "inflater.h"

#include <zlib.h>

namespace meshlens::models {

namespace {

constexpr int kAutoDetectGzipOrZlib = 15 + 32; // zlib's windowBits: a gzip or a zlib header, whichever it is
constexpr int kRawDeflate = -15;               // some servers send "deflate" without the zlib header
constexpr qsizetype kOutputStep = 64 * 1024;

} // namespace

struct Inflater::Stream
{
    z_stream z{};
    bool open = false;

    bool init(int windowBits)
    {
        end();
        z = z_stream{};
        open = inflateInit2(&z, windowBits) == Z_OK;
        return open;
    }
    void end()
    {
        if (open) {
            inflateEnd(&z);
            open = false;
        }
    }
    ~Stream() { end(); }
};

Inflater::Inflater()
    : m_stream(std::make_unique<Stream>())
{}

Inflater::~Inflater() = default;

std::optional<QString> Inflater::feed(QByteArrayView compressed, QByteArray &out)
{
    if (compressed.isEmpty()) {
        return std::nullopt;
    }
    if (m_finished) {
        return QStringLiteral("the compressed body goes on after its end");
    }
    Stream &s = *m_stream;
    if (!m_started) {
        m_started = true;
        // A zlib header's first byte is 0x?8 and a gzip one's 0x1f; anything else is raw deflate.
        const auto first = static_cast<unsigned char>(compressed[0]);
        const bool headed = first == 0x1f || (first & 0x0f) == 0x08;
        if (!s.init(headed ? kAutoDetectGzipOrZlib : kRawDeflate)) {
            return QStringLiteral("the body could not be decompressed (out of memory)");
        }
    }
    s.z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    s.z.avail_in = static_cast<uInt>(compressed.size());
    while (s.z.avail_in > 0) {
        const qsizetype before = out.size();
        out.resize(before + kOutputStep);
        s.z.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        s.z.avail_out = static_cast<uInt>(kOutputStep);
        const int rc = inflate(&s.z, Z_NO_FLUSH);
        out.resize(before + kOutputStep - qsizetype(s.z.avail_out));
        if (rc == Z_STREAM_END) {
            m_finished = true;
            const bool trailing = s.z.avail_in > 0;
            s.end();
            if (trailing) {
                return QStringLiteral("the compressed body goes on after its end");
            }
            break;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return QStringLiteral("the body is not valid gzip or deflate data (%1)")
                .arg(QString::fromLatin1(s.z.msg ? s.z.msg : "corrupt"));
        }
        if (rc == Z_BUF_ERROR && s.z.avail_out > 0) {
            break; // needs more input
        }
    }
    return std::nullopt;
}

} // namespace meshlens::models
