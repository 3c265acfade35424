// meshlens-mkicons: the build tool that renders the scalable icon into the hicolor PNG sizes the package installs,
// so the PNGs always match the SVG and no image tool is needed at build time. Plain main(), no event loop.
//
//   meshlens-mkicons SVG OUTDIR NAME SIZE...   writes OUTDIR/SIZExSIZE/apps/NAME.png for each SIZE
//   meshlens-mkicons --magnify N SVG SIZE FILE renders at SIZE px and scales that up N times without smoothing,
//                                              to look at what the small sizes really show

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QSvgRenderer>

#include <cstdio>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

constexpr char kUsage[] = "usage: meshlens-mkicons SVG OUTDIR NAME SIZE...\n"
                          "       meshlens-mkicons --magnify N SVG SIZE FILE\n";

QImage render(QSvgRenderer &svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    return image;
}

int positive(const char *text)
{
    bool ok = false;
    const int value = QString::fromLocal8Bit(text).toInt(&ok);
    return ok && value > 0 && value <= 4096 ? value : 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 6 && QLatin1String(argv[1]) == QLatin1String("--magnify")) {
        const int factor = positive(argv[2]);
        const int size = positive(argv[4]);
        QSvgRenderer svg(QString::fromLocal8Bit(argv[3]));
        if (factor == 0 || size == 0 || !svg.isValid()) {
            std::fputs(kUsage, stderr);
            return kExitUsage;
        }
        const QImage small = render(svg, size);
        return small.scaled(size * factor, size * factor).save(QString::fromLocal8Bit(argv[5])) ? kExitOk
                                                                                                : kExitFailure;
    }
    if (argc < 5) {
        std::fputs(kUsage, stderr);
        return kExitUsage;
    }
    QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
    if (!svg.isValid()) {
        std::fprintf(stderr, "meshlens-mkicons: %s is not a valid SVG file\n", argv[1]);
        return kExitFailure;
    }
    const QString outDir = QString::fromLocal8Bit(argv[2]);
    const QString name = QString::fromLocal8Bit(argv[3]);
    for (int i = 4; i < argc; ++i) {
        const int size = positive(argv[i]);
        if (size == 0) {
            std::fprintf(stderr, "meshlens-mkicons: %s is not a size\n%s", argv[i], kUsage);
            return kExitUsage;
        }
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(outDir).arg(size);
        const QString file = dir + QLatin1Char('/') + name + QStringLiteral(".png");
        if (!QDir().mkpath(dir) || !render(svg, size).save(file)) {
            std::fprintf(stderr, "meshlens-mkicons: cannot write %s\n", qPrintable(file));
            return kExitFailure;
        }
    }
    return kExitOk;
}
