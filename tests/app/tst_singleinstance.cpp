// One MeshLens window per cache, with two real processes of the built binary: a second launch hands its
// meshlens:// links to the running one and exits; a first launch opens its link itself; another cache is another
// instance. Each test gets its own runtime directory (so its own socket) and cache, and runs offscreen. The running
// instance reports what it receives through the MESHLENS_TEST_PRINT_LINKS seam ("listening PATH", "link URL").

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 60000; // generous: CI shares two cores; nothing here measures time

class Instance
{
public:
    Instance(const QTemporaryDir &runtime, const QString &db, const QStringList &links)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_RUNTIME_DIR"_s, runtime.path());
        env.insert(u"HOME"_s, runtime.path());
        env.insert(u"XDG_CONFIG_HOME"_s, runtime.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, runtime.filePath(u"data"_s));
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"MESHLENS_TEST_PRINT_LINKS"_s, u"1"_s);
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                         [this]() { m_output += QString::fromUtf8(m_process.readAllStandardOutput()); });
        m_process.start(QStringLiteral(MESHLENS_BINARY), QStringList{u"--db"_s, db} + links);
    }
    ~Instance()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(kTimeoutMs);
        }
    }
    Q_DISABLE_COPY_MOVE(Instance)

    [[nodiscard]] QString output() const { return m_output; }
    [[nodiscard]] QStringList lines(const QString &prefix) const
    {
        QStringList found;
        for (const QString &line : m_output.split(u'\n')) {
            if (line.startsWith(prefix)) {
                found << line.mid(prefix.size());
            }
        }
        return found;
    }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QString m_output;
};

} // namespace

class TestSingleInstance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondLaunch_forwardsItsLinksToTheFirstAndExits()
    {
        QTemporaryDir runtime;
        QVERIFY(runtime.isValid());
        const QString db = runtime.filePath(u"catalog.db"_s);
        Instance first(runtime, db, {});
        QTRY_VERIFY_WITH_TIMEOUT(!first.lines(u"listening "_s).isEmpty(), kTimeoutMs);
        QVERIFY2(first.lines(u"listening "_s).constFirst().startsWith(runtime.path()), qPrintable(first.output()));

        Instance second(runtime, db, {u"meshlens://product/sales.orders"_s, u"meshlens://search?q=owner:alice+pii"_s});
        QVERIFY(second.process().waitForFinished(kTimeoutMs));
        QCOMPARE(second.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.process().exitCode(), 0);
        QVERIFY2(second.lines(u"listening "_s).isEmpty(), "the second launch must not become an instance");

        QTRY_COMPARE_WITH_TIMEOUT(first.lines(u"link "_s).size(), 2, kTimeoutMs);
        QCOMPARE(first.lines(u"link "_s),
                 (QStringList{u"meshlens://product/sales.orders"_s, u"meshlens://search?q=owner:alice+pii"_s}));
        QCOMPARE(first.process().state(), QProcess::Running);

        // A launch without a link only brings the window forward: it exits and forwards nothing.
        Instance third(runtime, db, {});
        QVERIFY(third.process().waitForFinished(kTimeoutMs));
        QCOMPARE(third.process().exitCode(), 0);
        QVERIFY(third.lines(u"listening "_s).isEmpty());
        QCOMPARE(first.lines(u"link "_s).size(), 2);
    }

    void firstLaunch_opensItsOwnLink()
    {
        QTemporaryDir runtime;
        QVERIFY(runtime.isValid());
        Instance only(runtime, runtime.filePath(u"catalog.db"_s), {u"meshlens://search?q=orders"_s});
        QTRY_COMPARE_WITH_TIMEOUT(only.lines(u"link "_s), QStringList{u"meshlens://search?q=orders"_s}, kTimeoutMs);
        QVERIFY(!only.lines(u"listening "_s).isEmpty());
        QCOMPARE(only.process().state(), QProcess::Running);
    }

    void anotherCache_isAnotherInstance()
    {
        QTemporaryDir runtime;
        QVERIFY(runtime.isValid());
        Instance first(runtime, runtime.filePath(u"one.db"_s), {});
        QTRY_VERIFY_WITH_TIMEOUT(!first.lines(u"listening "_s).isEmpty(), kTimeoutMs);
        Instance second(runtime, runtime.filePath(u"two.db"_s), {u"meshlens://product/x"_s});
        QTRY_VERIFY_WITH_TIMEOUT(!second.lines(u"listening "_s).isEmpty(), kTimeoutMs);
        QVERIFY(second.lines(u"listening "_s) != first.lines(u"listening "_s));
        QTRY_COMPARE_WITH_TIMEOUT(second.lines(u"link "_s), QStringList{u"meshlens://product/x"_s}, kTimeoutMs);
        QVERIFY(first.lines(u"link "_s).isEmpty());
    }

    void staleSocket_isTakenOver()
    {
        QTemporaryDir runtime;
        QVERIFY(runtime.isValid());
        const QString db = runtime.filePath(u"catalog.db"_s);
        QString socket;
        {
            Instance crashed(runtime, db, {});
            QTRY_VERIFY_WITH_TIMEOUT(!crashed.lines(u"listening "_s).isEmpty(), kTimeoutMs);
            socket = crashed.lines(u"listening "_s).constFirst();
            crashed.process().kill(); // SIGKILL: the socket file stays behind
            QVERIFY(crashed.process().waitForFinished(kTimeoutMs));
        }
        QVERIFY(QFile::exists(socket));
        Instance next(runtime, db, {u"meshlens://search?q=x"_s});
        QTRY_COMPARE_WITH_TIMEOUT(next.lines(u"listening "_s), QStringList{socket}, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(next.lines(u"link "_s), QStringList{u"meshlens://search?q=x"_s}, kTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
