// Importing real tokio runs (core/trace/TokioCapture): a hand-made capture pinned event for event, two recorded
// runs of resources/tokio-capture's example (examples/tour.rs) (2 workers and current_thread), a fresh run built and captured by cargo
// here, and the malformed captures of tests/traces/tokio-bad, each refused with its message.
#include "BadTraces.h"
#include "export/ImageExport.h"
#include "referee/Referee.h"
#include "trace/InvariantChecker.h"
#include "trace/TokioCapture.h"
#include "trace/TraceJson.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

using namespace wl;

namespace {
const QString kTraces = WAKELINE_TOKIO_TRACES_DIR;
const QString kCrate = WAKELINE_CAPTURE_CRATE;
const QString kWorkDir = WAKELINE_CAPTURE_BUILD_DIR;

// One event as a line: "time kind task [lane L] [peer P] [resource R] [detail D] [value V]".
QStringList story(const Trace& t)
{
    QStringList out;
    for (const Event& e : t.events) {
        QString s = QString("%1 %2 %3").arg(e.time).arg(QString::fromUtf8(eventKindName(e.kind).data())).arg(e.task);
        if (e.worker != kNoLane)
            s += QString(" lane %1").arg(e.worker);
        if (e.peer)
            s += QString(" peer %1").arg(e.peer);
        if (e.resource)
            s += QString(" resource %1").arg(e.resource);
        if (e.detail)
            s += QString(" detail %1").arg(e.detail);
        if (e.value)
            s += QString(" value %1").arg(e.value);
        out << s;
    }
    return out;
}

QString line(qint64 t, int th, const char* kind, const QString& rest)
{
    const char* name = th == 1 ? "main" : "tokio-runtime-worker";
    return QString(R"({"t":%1,"th":%2,"tn":"%3","k":"%4"%5})").arg(t).arg(th).arg(name, kind, rest) + "\n";
}
QString newTask(qint64 t, int th, int id, const char* kind, int tokioId, int lineNo)
{
    return line(t, th, "new", QString(R"(,"id":%1,"parent":0,"name":"runtime.spawn","target":"tokio::task","f":{"kind":"%2","task.name":"","task.id":%3,"loc.file":"src/main.rs","loc.line":%4,"loc.col":9})")
                                  .arg(id).arg(kind).arg(tokioId).arg(lineNo));
}
QString newWorker(qint64 t, int id, int tokioId)
{
    return line(t, 1, "new", QString(R"(,"id":%1,"parent":0,"name":"runtime.spawn","target":"tokio::task::blocking","f":{"kind":"blocking","task.name":"","task.id":%2,"fn":"tokio::runtime::scheduler::multi_thread::worker::Launch::launch::{{closure}}"})")
                                 .arg(id).arg(tokioId));
}
QString span(qint64 t, int th, const char* kind, int id) { return line(t, th, kind, QString(R"(,"id":%1)").arg(id)); }
QString wake(qint64 t, int th, int spanId, const char* op = "waker.wake")
{
    return line(t, th, "event", QString(R"(,"target":"tokio::task::waker","f":{"op":"%1","task.id":%2})").arg(op).arg(spanId));
}
QString pollOp(qint64 t, int th, bool ready)
{
    return line(t, th, "event", QString(R"(,"target":"runtime::resource::poll_op","f":{"op_name":"poll_elapsed","is_ready":%1})")
                                    .arg(ready ? "true" : "false"));
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int lineOf(const QByteArray& source, const char* text)
{
    const qsizetype at = source.indexOf(text);
    return at < 0 ? 0 : int(source.left(at).count('\n')) + 1;
}

const TaskInfo* taskAt(const Trace& t, int lineNo)
{
    const std::string place = " · tour.rs:" + std::to_string(lineNo);
    for (const TaskInfo& info : t.tasks)
        if (info.name.size() > place.size() && info.name.compare(info.name.size() - place.size(), place.size(), place) == 0)
            return &info;
    return nullptr;
}

bool wakeBetween(const Trace& t, TaskId target, TaskId source)
{
    return std::any_of(t.events.begin(), t.events.end(), [&](const Event& e) {
        return e.kind == EventKind::Wake && e.task == target && e.peer == source;
    });
}

// What holds for any capture of examples/tour.rs, on 2 workers or on current_thread.
void checkExampleRun(const Trace& t, const QByteArray& capture, int workerThreads)
{
    QCOMPARE(t.mode, Mode::Tokio);
    QVERIFY2(checkInvariants(t).empty(), describe(checkInvariants(t)).c_str());
    // Every spawned task appears: each runtime.spawn span but the workers' own.
    const qsizetype spawns = capture.count("\"name\":\"runtime.spawn\"");
    const qsizetype workerSpans = capture.count("multi_thread::worker::Launch");
    QCOMPARE(qsizetype(t.tasks.size()), spawns - workerSpans);
    QCOMPARE(t.tasks.size(), size_t(8));  // block_on, a spawn_blocking job, producer, consumer, 4 semaphore tasks
    QVERIFY(QString::fromStdString(t.tasks[0].name).startsWith("block_on · tour.rs:"));
    // Lanes: the workers in their start order, the thread that ran block_on, the blocking-pool thread.
    QCOMPARE(t.lanes.size(), size_t(workerThreads + 2));
    for (int w = 0; w < workerThreads; ++w)
        QCOMPARE(QString::fromStdString(t.lanes[size_t(w)].name), QString("worker %1").arg(w));
    QCOMPARE(QString::fromStdString(t.lanes[size_t(workerThreads)].name), QString("main (block_on)"));
    QCOMPARE(t.lanes.back().kind, LaneKind::Blocking);
    // The spawn_blocking job runs once, on that lane.
    QCOMPARE(t.tasks[1].kind, TaskKind::Blocking);
    QVERIFY(QString::fromStdString(t.tasks[1].name).startsWith("blocking "));
    int blockingRuns = 0;
    for (const Event& e : t.events)
        if (e.kind == EventKind::BlockingStart || e.kind == EventKind::BlockingEnd) {
            QCOMPARE(e.task, TaskId(2));
            QCOMPARE(e.worker, LaneId(t.lanes.size() - 1));
            blockingRuns += e.kind == EventKind::BlockingStart;
        }
    QCOMPARE(blockingRuns, 1);
    // Each poll sits on one lane, a worker's or block_on's.
    std::vector<LaneId> polling(t.tasks.size() + 1, kNoLane);
    for (const Event& e : t.events) {
        if (e.kind == EventKind::PollStart) {
            QCOMPARE(polling[e.task], kNoLane);
            QVERIFY(e.worker < t.lanes.size());
            QCOMPARE(t.lanes[e.worker].kind, LaneKind::Worker);
            polling[e.task] = e.worker;
        } else if (e.kind == EventKind::PollEnd) {
            QCOMPARE(e.worker, polling[e.task]);
            polling[e.task] = kNoLane;
        }
    }
    // The producer and the consumer wake each other: a send wakes the waiting consumer, a receive the producer
    // waiting for room. And the consumer's sleeps wake it through their timers.
    const QByteArray source = readAll(kCrate + "/examples/tour.rs");
    const TaskInfo* producer = taskAt(t, lineOf(source, "let producer = tokio::spawn"));
    const TaskInfo* consumer = taskAt(t, lineOf(source, "let consumer = tokio::spawn"));
    QVERIFY(producer && consumer);
    QVERIFY2(wakeBetween(t, consumer->id, producer->id), "no wake of the consumer by the producer");
    QVERIFY2(wakeBetween(t, producer->id, consumer->id), "no wake of the producer by the consumer");
    int timerWakes = 0;
    for (size_t i = 0; i < t.events.size(); ++i) {
        const Event& e = t.events[i];
        if (e.kind != EventKind::Wake || !e.resource)
            continue;
        ++timerWakes;
        QCOMPARE(QString::fromStdString(t.resource(e.resource)->kind), QString("timer"));
        QVERIFY(std::any_of(t.events.begin(), t.events.end(), [&](const Event& f) {
            return f.kind == EventKind::TimerFired && f.resource == e.resource && f.time == e.time;
        }));
    }
    QVERIFY2(timerWakes >= 6, qPrintable(QString("%1 timer wakes").arg(timerWakes)));  // 6 receives, 4 permits
    // The semaphore of 2 permits among 4 tasks: its free permits go down to 0, never below.
    std::int64_t fewest = INT64_MAX;
    for (const Event& e : t.events)
        if (e.kind == EventKind::Sync && t.resource(e.resource)->name.find("tour.rs:") != std::string::npos) {
            QVERIFY(e.value >= 0);
            fewest = std::min(fewest, e.value);
        }
    QCOMPARE(fewest, std::int64_t(0));
    // Every task completed (none was dropped unfinished), block_on last.
    int completed = 0;
    for (const Event& e : t.events)
        completed += e.kind == EventKind::TaskCompleted;
    QCOMPARE(completed, 8);
    const auto last = std::find_if(t.events.rbegin(), t.events.rend(),
                                   [](const Event& e) { return e.kind == EventKind::TaskCompleted; });
    QCOMPARE(last->task, TaskId(1));
}

bool nonBlank(const QImage& image)
{
    const QRgb corner = image.pixel(0, 0);
    int other = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            other += image.pixel(x, y) != corner;
    return other > 1000;
}
}  // namespace

class TstTokioImport : public QObject {
    Q_OBJECT
private slots:
    // Two workers (threads 2 and 3; thread 3's worker was started first) and main running block_on. Task 2 wakes
    // task 3 from inside its poll; task 3 finishes and its JoinHandle wakes task 2; a timer wakes task 2, which
    // then finishes on the other worker; task 4 is woken from outside and dropped unfinished (aborted).
    void aSmallCaptureBecomesThisStory()
    {
        QString c;
        c += newWorker(100, 1, 2) + newWorker(110, 2, 1);
        c += span(120, 2, "enter", 1) + span(130, 3, "enter", 2);
        c += newTask(200, 1, 10, "block_on", 3, 30) + span(210, 1, "enter", 10);
        c += newTask(220, 1, 11, "task", 4, 12) + newTask(230, 1, 12, "task", 5, 20) + span(240, 1, "exit", 10);
        c += span(300, 3, "enter", 12) + span(310, 3, "exit", 12);
        c += span(400, 2, "enter", 11);
        c += line(410, 2, "new", R"(,"id":20,"parent":11,"name":"runtime.resource","target":"tokio::time::sleep","f":{"concrete_type":"Sleep","kind":"timer","loc.file":"src/main.rs","loc.line":13,"loc.col":9})");
        c += span(420, 2, "enter", 20);
        c += line(430, 2, "event", R"(,"target":"runtime::resource::state_update","f":{"duration":5,"duration.unit":"ms","duration.op":"override"})");
        c += span(440, 2, "exit", 20) + wake(450, 2, 12) + span(460, 2, "exit", 11);
        c += span(500, 3, "enter", 12) + span(510, 3, "exit", 12) + span(520, 3, "close", 12) + wake(530, 3, 11);
        c += span(600, 2, "enter", 11) + span(610, 2, "exit", 11);
        c += wake(5000500, 2, 11);
        c += span(5000600, 3, "enter", 11) + span(5000610, 3, "enter", 20) + pollOp(5000620, 3, true)
            + pollOp(5000630, 3, true) + span(5000640, 3, "exit", 20) + span(5000650, 3, "exit", 11)
            + span(5000660, 3, "close", 20) + span(5000670, 3, "close", 11);
        c += span(5000700, 1, "enter", 10) + newTask(5000710, 1, 13, "task", 6, 40) + span(5000720, 1, "exit", 10);
        c += span(5000800, 2, "enter", 13) + span(5000810, 2, "exit", 13) + wake(5000900, 2, 13, "waker.wake_by_ref");
        c += span(5001000, 3, "enter", 13) + span(5001010, 3, "exit", 13) + span(5001100, 1, "close", 13);
        c += span(5001200, 1, "enter", 10) + span(5001210, 1, "exit", 10) + span(5001220, 1, "close", 10);
        c += span(5001300, 2, "exit", 1) + span(5001310, 2, "close", 1);

        const auto read = traceFromTokioCapture(c.toStdString());
        QVERIFY2(read.trace, read.error.c_str());
        const Trace& t = *read.trace;
        QCOMPARE(t.lanes.size(), size_t(3));
        QCOMPARE(QString::fromStdString(t.lanes[0].name), QString("worker 0"));  // thread 3, started first
        QCOMPARE(QString::fromStdString(t.lanes[2].name), QString("main (block_on)"));
        QCOMPARE(t.workers, 3u);
        QCOMPARE(t.duration, std::int64_t(5001310));
        QCOMPARE(t.tasks.size(), size_t(4));
        QCOMPARE(QString::fromStdString(t.tasks[1].name), QString("task 4 · main.rs:12"));
        QCOMPARE(t.tasks[1].parent, TaskId(1));
        QCOMPARE(t.tasks[1].site, 0u);  // its place is in its name: the captured program is not shown beside it
        QCOMPARE(t.resources.size(), size_t(1));
        QCOMPARE(QString::fromStdString(t.resources[0].name), QString("Sleep at main.rs:13"));
        const QStringList expected = {
            "200 spawned 1", "210 poll_start 1 lane 2", "220 spawned 2 peer 1", "230 spawned 3 peer 1",
            "240 poll_end 1 lane 2",                                      // Pending
            "300 poll_start 3 lane 0", "310 poll_end 3 lane 0",
            "400 poll_start 2 lane 1",
            "430 timer_armed 2 resource 1 value 5000430",                 // 5 ms from now
            "450 wake 3 peer 2",                                          // from inside task 2's poll
            "460 poll_end 2 lane 1",
            "500 poll_start 3 lane 0", "510 poll_end 3 lane 0 detail 1",  // Ready: its span closes next
            "520 completed 3",
            "530 wake 2 peer 3",                                          // task 3's JoinHandle
            "600 poll_start 2 lane 1", "610 poll_end 2 lane 1",
            "5000500 timer_fired 0 resource 1",                           // the timer its next poll finds elapsed
            "5000500 wake 2 resource 1",
            "5000600 poll_start 2 lane 0", "5000650 poll_end 2 lane 0 detail 1", "5000670 completed 2",
            "5000700 wake 1",                                             // block_on: not traced by tokio
            "5000700 poll_start 1 lane 2", "5000710 spawned 4 peer 1", "5000720 poll_end 1 lane 2",
            "5000800 poll_start 4 lane 1", "5000810 poll_end 4 lane 1",
            "5000900 wake 4",                                             // from outside
            "5001000 poll_start 4 lane 0", "5001010 poll_end 4 lane 0",
            "5001100 cancelled 4",                                        // dropped, not after its poll
            "5001200 wake 1", "5001200 poll_start 1 lane 2", "5001210 poll_end 1 lane 2 detail 1", "5001220 completed 1",
        };
        QCOMPARE(story(t), expected);
    }

    void theRecordedTwoWorkerRun()
    {
        const QString path = kTraces + "/two_workers.jsonl";
        const auto read = loadTokioCapture(path.toStdString());
        QVERIFY2(read.trace, read.error.c_str());
        checkExampleRun(*read.trace, readAll(path), 2);
        QCOMPARE(QString::fromStdString(read.trace->scenario), QString("two_workers"));
    }

    void theRecordedCurrentThreadRun()
    {
        const QString path = kTraces + "/current_thread.jsonl";
        const auto read = loadTokioCapture(path.toStdString());
        QVERIFY2(read.trace, read.error.c_str());
        checkExampleRun(*read.trace, readAll(path), 0);
    }

    void anImportedRunSavesAndReadsBackAsItself()
    {
        const auto read = loadTokioCapture((kTraces + "/two_workers.jsonl").toStdString());
        QVERIFY(read.trace);
        const auto again = traceFromJson(traceToJson(*read.trace));
        QVERIFY2(again.trace, again.error.c_str());
        QVERIFY(*again.trace == *read.trace);
    }

    void readingStopsWhenCancelled()
    {
        std::atomic<bool> cancel{true};
        TraceReadOptions options;
        options.cancel = &cancel;
        const auto read = loadTokioCapture((kTraces + "/two_workers.jsonl").toStdString(), options);
        QVERIFY(!read.trace);
        QCOMPARE(QString::fromStdString(read.error), QString(kReadCancelled));
    }

    void aDirectoryOrAMissingFileIsRefused()
    {
        auto read = loadTokioCapture(kTraces.toStdString());
        QVERIFY(!read.trace);
        QCOMPARE(QString::fromStdString(read.error), "cannot read " + kTraces + ": it is a directory, not a regular file");
        read = loadTokioCapture((kTraces + "/no-such.jsonl").toStdString());
        QVERIFY(!read.trace);
        QVERIFY2(read.error.find("No such file") != std::string::npos, read.error.c_str());
    }

    void malformedCapturesAreRefusedWithTheirLine_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        const auto corpus = badTokioCaptures();
        QVERIFY(corpus.size() >= 20);
        for (const auto& [path, message] : corpus)
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path << message;
    }
    void malformedCapturesAreRefusedWithTheirLine()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        const auto read = loadTokioCapture(path.toStdString());
        QVERIFY(!read.trace);
        QCOMPARE(QString::fromStdString(read.error), path + ": " + message);
    }

    // The whole path a user takes: build the example with the capture crate (offline, Debian's crates), run it on
    // 2 workers, import what it wrote, check it and export its timeline.
    void aFreshRunOfRealTokioOnTwoWorkers()
    {
        if (!referee::toolchainInstalled()
            || QDir("/usr/share/cargo/registry").entryList({"tracing-subscriber-0.3*"}, QDir::Dirs).isEmpty())
            QSKIP("real tokio with tracing is not installed (Debian's cargo, librust-tokio-dev and "
                  "librust-tracing-subscriber-dev; scripts/setup-deps installs them)");
        for (const char* file : {"Cargo.toml", ".cargo/config.toml", "src/lib.rs", "examples/tour.rs"}) {
            QDir().mkpath(QFileInfo(kWorkDir + "/" + file).path());
            QFile::remove(kWorkDir + "/" + file);
            QVERIFY2(QFile::copy(kCrate + "/" + file, kWorkDir + "/" + file), file);
        }
        auto env = QProcessEnvironment::systemEnvironment();
        for (const auto& [name, value] :
             referee::cargoEnvironment(kWorkDir.toStdString(), (kWorkDir + "/target").toStdString()))
            env.insert(QString::fromStdString(name), QString::fromStdString(value));
        env.insert("RUSTFLAGS", "--cfg tokio_unstable");
        QProcess cargo;
        cargo.setWorkingDirectory(kWorkDir);
        cargo.setProcessEnvironment(env);
        cargo.setProcessChannelMode(QProcess::MergedChannels);
        cargo.start(referee::kCargo, {"build", "--offline", "--quiet", "--example", "tour"});
        QVERIFY2(cargo.waitForFinished(15 * 60 * 1000), "cargo build took more than 15 minutes");
        QVERIFY2(cargo.exitCode() == 0, qPrintable("cargo build failed:\n" + QString::fromUtf8(cargo.readAll()).right(6000)));

        const QString capture = kWorkDir + "/run.jsonl";
        QFile::remove(capture);
        QProcess run;
        run.start(kWorkDir + "/target/debug/examples/tour", {capture});
        QVERIFY2(run.waitForFinished(60'000), "the real tokio run took more than 60 s");
        QCOMPARE(run.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(run.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts).size(), 9);

        const auto read = loadTokioCapture(capture.toStdString());
        QVERIFY2(read.trace, read.error.c_str());
        checkExampleRun(*read.trace, readAll(capture), 2);

        const QString png = kWorkDir + "/two_workers.png";
        ExportOptions options;
        options.layout.size = QSizeF(1600, 0);
        QCOMPARE(QString::fromStdString(exportTimeline(*read.trace, png.toStdString(), options)), QString());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), 1600);
        QVERIFY(nonBlank(image));
    }
};

QTEST_MAIN(TstTokioImport)
#include "tst_tokio_import.moc"
