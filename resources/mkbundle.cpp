// meshlens-mkbundle: the build tool that writes the bundled sample catalog with the same generator that
// `meshlens generate` uses. Plain main() and no event loop: it only streams bytes into a QSaveFile.

#include "models/generate/cataloggenerator.h"

#include <QFile>
#include <QSaveFile>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

constexpr char kUsage[] = "usage: meshlens-mkbundle --products N --seed S --out FILE [--as-of EPOCH]\n"
                          "  --as-of  last day of measurements, epoch seconds (default: $SOURCE_DATE_EPOCH if\n"
                          "           set, so that builds are reproducible, else today, UTC)\n";

template<typename T> bool parseNumber(std::string_view text, T &out)
{
    const auto res = std::from_chars(text.data(), text.data() + text.size(), out);
    return res.ec == std::errc() && res.ptr == text.data() + text.size();
}

int usageError(const char *message)
{
    std::fprintf(stderr, "meshlens-mkbundle: %s\n%s", message, kUsage);
    return kExitUsage;
}

} // namespace

int main(int argc, char **argv)
{
    meshlens::models::GeneratorOptions options;
    bool haveProducts = false, haveSeed = false, haveAsOf = false;
    const char *outPath = nullptr;

    for (int k = 1; k < argc; ++k) {
        const std::string_view arg = argv[k];
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            return kExitOk;
        }
        if (k + 1 >= argc) {
            return usageError("every option takes a value");
        }
        const std::string_view value = argv[++k];
        if (arg == "--products") {
            haveProducts = parseNumber(value, options.products) && options.products >= 0;
            if (!haveProducts) {
                return usageError("--products takes a non-negative integer");
            }
        } else if (arg == "--seed") {
            haveSeed = parseNumber(value, options.seed);
            if (!haveSeed) {
                return usageError("--seed takes a non-negative integer");
            }
        } else if (arg == "--as-of") {
            haveAsOf = parseNumber(value, options.asOf) && options.asOf > 0;
            if (!haveAsOf) {
                return usageError("--as-of takes epoch seconds");
            }
        } else if (arg == "--out") {
            outPath = argv[k];
        } else {
            return usageError("unknown option");
        }
    }
    if (!haveProducts || !haveSeed || !outPath) {
        return usageError("--products, --seed and --out are required");
    }
    if (!haveAsOf) {
        const char *epoch = std::getenv("SOURCE_DATE_EPOCH");
        if (epoch && *epoch && !(parseNumber(std::string_view(epoch), options.asOf) && options.asOf > 0)) {
            return usageError("SOURCE_DATE_EPOCH is not epoch seconds");
        }
    }

    QSaveFile file(QFile::decodeName(outPath));
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "meshlens-mkbundle: cannot write %s: %s\n", outPath,
                     file.errorString().toLocal8Bit().constData());
        return kExitFailure;
    }
    const meshlens::models::CatalogGenerator generator(options);
    if (const auto error = generator.write(file)) {
        std::fprintf(stderr, "meshlens-mkbundle: %s\n", error->toLocal8Bit().constData());
        file.cancelWriting();
        return kExitFailure;
    }
    if (!file.commit()) {
        std::fprintf(stderr, "meshlens-mkbundle: cannot write %s: %s\n", outPath,
                     file.errorString().toLocal8Bit().constData());
        return kExitFailure;
    }
    return kExitOk;
}
