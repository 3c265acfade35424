#include "models/sync/recordpipeline.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace meshlens;
using models::RecordPipeline;

class TestRecordPipeline : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString bundleOf(const char *name, int products) const
    {
        QByteArray bytes = test::header();
        bytes += "{\"type\":\"domain\",\"id\":\"d\",\"name\":\"d\"}\n";
        for (int i = 0; i < products; ++i) {
            bytes += "{\"type\":\"product\",\"id\":\"p" + QByteArray::number(i) + "\",\"domain\":\"d\"}\n";
        }
        const QString path = m_dir.filePath(QLatin1String(name));
        return test::writeFile(path, bytes) ? path : QString();
    }

    // Drains the pipeline, returning every item and the last batch.
    static std::pair<std::vector<RecordPipeline::Item>, RecordPipeline::Batch> drain(RecordPipeline &pipeline)
    {
        std::vector<RecordPipeline::Item> items;
        for (;;) {
            RecordPipeline::Batch batch = pipeline.next();
            for (auto &item : batch.items) {
                items.push_back(std::move(item));
            }
            if (batch.last || batch.error) {
                return {std::move(items), std::move(batch)};
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void records_arriveInOrder_withTheirLines()
    {
        const QString path = bundleOf("ordered.ndjson", 5000);
        std::atomic<bool> cancel = false;
        RecordPipeline pipeline(path, cancel);
        QVERIFY(pipeline.totalBytes() > 0);
        RecordPipeline::Batch first = pipeline.next();
        QVERIFY(first.header);
        QCOMPARE(first.headerLine, 1);
        auto [items, last] = drain(pipeline);
        for (auto &item : first.items) {
            items.insert(items.begin(), std::move(item)); // the first batch's items come first
        }
        std::sort(items.begin(), items.end(), [](const auto &a, const auto &b) { return a.line < b.line; });
        QCOMPARE(items.size(), std::size_t{5001});
        QVERIFY(!last.error);
        QCOMPARE(last.records, 5001);
        for (std::size_t i = 0; i < items.size(); ++i) {
            QCOMPARE(items[i].line, static_cast<std::int64_t>(i + 2)); // line 1 is the header
        }
        const auto *p = std::get_if<models::records::Product>(&items.back().record);
        QVERIFY(p);
        QCOMPARE(p->id, std::string("p4999"));
    }

    void parseError_endsTheStreamWithItsLine()
    {
        QByteArray bytes = test::header();
        for (int i = 0; i < 1000; ++i) {
            bytes += "{\"type\":\"domain\",\"id\":\"d" + QByteArray::number(i) + "\"}\n";
        }
        bytes += "{broken\n";
        bytes += "{\"type\":\"domain\",\"id\":\"after\"}\n";
        const QString path = m_dir.filePath(QStringLiteral("broken.ndjson"));
        QVERIFY(test::writeFile(path, bytes));
        std::atomic<bool> cancel = false;
        RecordPipeline pipeline(path, cancel);
        auto [items, last] = drain(pipeline);
        QVERIFY(last.error);
        QCOMPARE(last.error->line, 1002);
        QCOMPARE(items.size(), std::size_t{1000}); // nothing after the error
    }

    void missingFile_isAnErrorNamingIt()
    {
        std::atomic<bool> cancel = false;
        RecordPipeline pipeline(m_dir.filePath(QStringLiteral("absent.ndjson")), cancel);
        auto [items, last] = drain(pipeline);
        QVERIFY(last.error);
        QVERIFY(last.error->message.contains(QLatin1String("absent.ndjson")));
        QVERIFY(items.empty());
    }

    void consumerLeavingEarly_stopsTheParser()
    {
        // The queue is bounded, so the parser blocks once it is ahead; destroying the pipeline must release it.
        const QString path = bundleOf("big.ndjson", 200000);
        std::atomic<bool> cancel = false;
        auto pipeline = std::make_unique<RecordPipeline>(path, cancel);
        const RecordPipeline::Batch first = pipeline->next();
        QVERIFY(first.header);
        QTest::qWait(50);
        QElapsedTimer timer;
        timer.start();
        pipeline.reset(); // joins the parsing thread
        QVERIFY2(timer.elapsed() < 5000, "destroying the pipeline waited for the whole file to be parsed");
    }

    void cancel_stopsAtTheNextChunk()
    {
        const QString path = bundleOf("cancelled.ndjson", 200000);
        std::atomic<bool> cancel = false;
        RecordPipeline pipeline(path, cancel);
        (void)pipeline.next();
        cancel.store(true);
        auto [items, last] = drain(pipeline);
        QVERIFY(last.last);
        QVERIFY(!last.error);
        QVERIFY2(items.size() < 200000, "the parser read the whole file despite the cancel");
    }
};

QTEST_GUILESS_MAIN(TestRecordPipeline)
#include "tst_recordpipeline.moc"
