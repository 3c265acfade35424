// Tests for CSV export: quoting, formula neutralising, header, and lazy models fetched to the end.

#include "models/itemmodels/csvexport.h"

#include <QBuffer>
#include <QStandardItemModel>
#include <QTest>

using namespace meshlens::models;

namespace {
// A model that reveals its rows 3 at a time, like the lazy health models.
class LazyModel final : public QStandardItemModel
{
public:
    explicit LazyModel(int rows)
        : QStandardItemModel(rows, 1)
    {
        setHorizontalHeaderLabels({QStringLiteral("n")});
        for (int r = 0; r < rows; ++r) {
            setItem(r, 0, new QStandardItem(QString::number(r)));
        }
    }
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : std::min(m_shown, QStandardItemModel::rowCount());
    }
    bool canFetchMore(const QModelIndex &parent) const override
    {
        return !parent.isValid() && m_shown < QStandardItemModel::rowCount();
    }
    void fetchMore(const QModelIndex &) override { m_shown += 3; }

private:
    int m_shown = 3;
};
} // namespace

class TestCsvExport : public QObject
{
    Q_OBJECT

private slots:
    void field_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << QStringLiteral("orders") << QStringLiteral("orders");
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("formula") << QStringLiteral("=HYPERLINK(\"x\")") << QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"");
        QTest::newRow("at") << QStringLiteral("@cmd") << QStringLiteral("'@cmd");
        QTest::newRow("negative number stays") << QStringLiteral("-12.5") << QStringLiteral("-12.5");
        QTest::newRow("dash text") << QStringLiteral("-x") << QStringLiteral("'-x");
        QTest::newRow("empty") << QString() << QString();
    }
    void field()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(csvField(in), out);
    }

    void model_isWrittenWholeWithHeader()
    {
        LazyModel model(10);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(!writeCsv(model, buffer));
        const QList<QByteArray> lines = buffer.data().split('\n');
        QCOMPARE(lines.size(), 12); // header + 10 rows + the empty piece after the last CRLF
        QCOMPARE(lines[0], QByteArray("n\r"));
        QCOMPARE(lines[10], QByteArray("9\r"));
    }

    void writeFailure_isReported()
    {
        LazyModel model(2);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::ReadOnly)); // not writable
        const auto err = writeCsv(model, buffer);
        QVERIFY(err);
        QVERIFY(err->contains(QLatin1String("CSV")));
    }
};

QTEST_MAIN(TestCsvExport)
#include "tst_csvexport.moc"
