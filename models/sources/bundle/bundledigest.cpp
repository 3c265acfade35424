#include "bundledigest.h"

#include "../../sync/linehash.h"

#include <algorithm>
#include <cstring>

namespace meshlens::models {

namespace {

// The layout's version, and also the promise that an unchanged line is stored as it was: bump it when what the
// parser or the writer makes of a line changes (a field newly read, another column), so that every cache reads its
// bundles whole once instead of keeping rows written the old way.
constexpr std::string_view kMagic = "meshlens-bundle-digest 1\n";

std::string preamble(const records::Header &header)
{
    std::string p(kMagic);
    p += header.format;
    p += '\n';
    p += std::to_string(header.version);
    p += '\n';
    return p;
}

void put(std::string &out, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i) {
        out += static_cast<char>((v >> (8 * i)) & 0xff);
    }
}

void store(char *p, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i) {
        p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    }
}

std::uint64_t get(const char *p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) {
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    }
    return v;
}

} // namespace

std::optional<BundleDigest::Unit> BundleDigest::open(Kind kind, const std::string &id, std::uint64_t line)
{
    std::optional<Unit> done = m_current; // a copy: close() keeps the key
    close();
    std::string key(1, static_cast<char>(kind));
    key += id;
    if (!m_seenKeys.insert(models::lineHash(key)).second) {
        m_diffable = false; // named twice: its records are not in one place
        return std::nullopt;
    }
    m_current = Unit{kind, id, models::lineHash({}, line)};
    m_products += kind == Kind::Product ? 1 : 0;
    return done;
}

void BundleDigest::close()
{
    if (!m_current) {
        return;
    }
    Stored stored{m_keys.size(), static_cast<std::uint32_t>(m_current->id.size() + 1), m_current->hash};
    m_keys += static_cast<char>(m_current->kind);
    m_keys += m_current->id;
    m_units.push_back(stored);
    m_current.reset();
}

std::optional<BundleDigest::Unit> BundleDigest::add(const records::Record &record, std::uint64_t line)
{
    if (!m_diffable) {
        return std::nullopt;
    }
    using namespace records;
    // A record of the product being read: its hash goes into the product's.
    const auto belongs = [&](const std::string &product) {
        if (!m_current || m_current->kind != Kind::Product || m_current->id != product) {
            m_diffable = false;
            return;
        }
        char chained[16]; // little-endian, so a digest reads the same on every machine
        store(chained, m_current->hash);
        store(chained + 8, line);
        m_current->hash = models::lineHash({chained, sizeof chained});
    };
    std::optional<Unit> done;
    std::visit(
        [&](const auto &r) {
            using T = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<T, Domain>) {
                done = open(Kind::Domain, r.id, line);
            } else if constexpr (std::is_same_v<T, Team>) {
                done = open(Kind::Team, r.id, line);
            } else if constexpr (std::is_same_v<T, Person>) {
                done = open(Kind::Person, r.id, line);
            } else if constexpr (std::is_same_v<T, Product>) {
                done = open(Kind::Product, r.id, line);
            } else if constexpr (std::is_same_v<T, Lineage>) {
                belongs(r.to);
            } else if constexpr (std::is_same_v<T, Tombstone>) {
                m_diffable = false;
            } else {
                belongs(r.product);
            }
        },
        record);
    return m_diffable ? done : std::nullopt;
}

std::optional<BundleDigest::Unit> BundleDigest::finish()
{
    std::optional<Unit> done = m_current;
    close();
    return m_diffable ? done : std::nullopt;
}

QByteArray BundleDigest::serialize(const records::Header &header) const
{
    if (!m_diffable) {
        return {};
    }
    std::vector<const Stored *> order;
    order.reserve(m_units.size());
    for (const Stored &u : m_units) {
        order.push_back(&u);
    }
    const auto key = [this](const Stored *u) { return std::string_view(m_keys).substr(u->offset, u->size); };
    std::sort(order.begin(), order.end(), [&](const Stored *a, const Stored *b) { return key(a) < key(b); });
    std::string out = preamble(header);
    out.reserve(out.size() + m_keys.size() + 12 * m_units.size());
    for (const Stored *u : order) {
        put(out, u->hash, 8);
        put(out, u->size, 4);
        out += key(u);
    }
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

std::optional<BundleDigest::Saved> BundleDigest::Saved::parse(QByteArray bytes, const records::Header &header)
{
    Saved saved;
    saved.m_bytes = std::move(bytes);
    const std::string_view all(saved.m_bytes.constData(), static_cast<std::size_t>(saved.m_bytes.size()));
    const std::string expected = preamble(header);
    if (!all.starts_with(expected)) {
        return std::nullopt;
    }
    std::size_t at = expected.size();
    while (at < all.size()) {
        if (all.size() - at < 12) {
            return std::nullopt;
        }
        const std::uint64_t hash = get(all.data() + at, 8);
        const std::uint64_t size = get(all.data() + at + 8, 4);
        at += 12;
        if (size < 2 || all.size() - at < size) {
            return std::nullopt;
        }
        const std::string_view key = all.substr(at, size);
        at += size;
        if (!saved.m_entries.empty() && !(saved.m_entries.back().key < key)) {
            return std::nullopt; // not sorted, or a key twice: not a state this code wrote
        }
        saved.m_entries.push_back({key, hash});
    }
    saved.m_seen.assign(saved.m_entries.size(), false);
    return saved;
}

std::optional<std::uint64_t> BundleDigest::Saved::take(Kind kind, std::string_view id)
{
    std::string key(1, static_cast<char>(kind));
    key += id;
    const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), std::string_view(key),
                                     [](const Entry &e, std::string_view k) { return e.key < k; });
    if (it == m_entries.end() || it->key != key) {
        return std::nullopt;
    }
    m_seen[static_cast<std::size_t>(it - m_entries.begin())] = true;
    return it->hash;
}

std::vector<std::pair<BundleDigest::Kind, std::string_view>> BundleDigest::Saved::unseen() const
{
    std::vector<std::pair<Kind, std::string_view>> out;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (!m_seen[i]) {
            out.emplace_back(static_cast<Kind>(m_entries[i].key.front()), m_entries[i].key.substr(1));
        }
    }
    return out;
}

} // namespace meshlens::models
