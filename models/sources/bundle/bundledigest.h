#pragma once

#include "../../catalog/records.h"

#include <QByteArray>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace meshlens::models {

// What a bundle source keeps of its last successful sync (in its source state) so that the next sync of the same
// bundle sends a delta of what changed instead of the whole catalog: a content hash per unit of the bundle. A unit
// is a domain, team or person line, or a product with the records that follow it and belong to it (its ports,
// SLAs, measurements, checks, results, and the lineage edges into it: the grouping bundle writers use and
// `meshlens generate` writes). The hash chains the units' lines' hashes (BundleParser::recordLineHash) in order.
// A record that fits no unit (a child away from its product, an edge away from the product it goes into, a product
// named twice, a tombstone) makes the bundle one that cannot be diffed: the source syncs it as a snapshot.
// Built on the sync worker by the bundle source while it reads; not thread-safe.
class BundleDigest final
{
public:
    enum class Kind : char
    {
        Domain = 'D',
        Team = 'T',
        Person = 'U',
        Product = 'P'
    };

    // The unit a record closed: when a record opens a unit, the unit before it is complete.
    struct Unit
    {
        Kind kind = Kind::Product;
        std::string id;
        std::uint64_t hash = 0;
    };

    // Adds a record and its line's hash. Returns the unit this record completed (the one before it) when it opens
    // a new one; nothing otherwise. After a record that fits no unit, diffable() is false and records are ignored.
    std::optional<Unit> add(const records::Record &record, std::uint64_t line);
    // The bundle ended: the last unit, if any.
    std::optional<Unit> finish();
    [[nodiscard]] bool diffable() const { return m_diffable; }
    [[nodiscard]] std::int64_t products() const { return m_products; }

    // The state to keep: the units sorted by kind and id, with the bundle's format and version (another version is
    // not diffed against). Empty when the bundle is not diffable.
    [[nodiscard]] QByteArray serialize(const records::Header &header) const;

    // A digest read back from the state, for look-ups. Refuses (nothing) a state that is damaged, of another
    // layout, or of another bundle format or version than `header`'s.
    class Saved
    {
    public:
        static std::optional<Saved> parse(QByteArray bytes, const records::Header &header);
        // The unit's hash in the last sync, marking it seen; nothing when the last sync had no such unit.
        std::optional<std::uint64_t> take(Kind kind, std::string_view id);
        // The units the last sync had and take() was not asked for: what the bundle no longer has.
        [[nodiscard]] std::vector<std::pair<Kind, std::string_view>> unseen() const;

    private:
        struct Entry
        {
            std::string_view key; // kind letter + id, into m_bytes
            std::uint64_t hash = 0;
        };
        QByteArray m_bytes;
        std::vector<Entry> m_entries; // sorted by key
        std::vector<bool> m_seen;
    };

private:
    void close();
    std::optional<Unit> open(Kind kind, const std::string &id, std::uint64_t line);

    struct Stored
    {
        std::size_t offset = 0; // of the key (kind letter + id) in m_keys
        std::uint32_t size = 0;
        std::uint64_t hash = 0;
    };

    bool m_diffable = true;
    std::optional<Unit> m_current;
    std::string m_keys; // every complete unit's key, end to end
    std::vector<Stored> m_units;
    std::unordered_set<std::uint64_t> m_seenKeys; // hashes of the keys (a collision only costs a snapshot)
    std::int64_t m_products = 0;
};

} // namespace meshlens::models
