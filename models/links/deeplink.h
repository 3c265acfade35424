#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace meshlens::models {

// A meshlens:// link, parsed and checked: `meshlens://product/<id-or-fqn>` opens a product,
// `meshlens://search?q=<query>` a search. Links arrive from outside (a browser, a chat, another program through the
// single-instance socket), so anything but those two shapes is refused with a message a person can act on:
// other schemes, unknown hosts, credentials, ports, fragments, unknown parameters, control characters (raw or
// percent-encoded), invalid percent-encoding and overlong links. A value type; any thread.
struct DeepLink
{
    Q_DECLARE_TR_FUNCTIONS(DeepLink)

public:
    enum class Kind
    {
        Product,
        Search
    };

    Kind kind = Kind::Product;
    QString target; // the product's id or FQN, or the search query, decoded

    // The longest product reference or query a link carries, and the longest link accepted, in characters. The link
    // bound leaves room for the longest target percent-encoded (up to 9 characters per UTF-16 unit: three UTF-8 bytes
    // as %XX each), so every link toString() writes parses back.
    static constexpr int kMaxTargetLength = 1024;
    static constexpr int kMaxLinkLength = 32 + 9 * kMaxTargetLength;

    // The link, or nothing with `error` set to why it was refused.
    [[nodiscard]] static std::optional<DeepLink> parse(const QString &text, QString *error = nullptr);
    // Whether a command-line argument is meant as a link (its scheme is meshlens:), valid or not.
    [[nodiscard]] static bool looksLikeLink(const QString &argument);

    [[nodiscard]] static QString productLink(const QString &idOrFqn);
    [[nodiscard]] static QString searchLink(const QString &query);
    [[nodiscard]] QString toString() const;

    friend bool operator==(const DeepLink &, const DeepLink &) = default;
};

} // namespace meshlens::models
