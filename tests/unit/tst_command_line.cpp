// The headless command line: listing, printing in the tutorial's format, saving traces, and a clear message
// with a non-zero exit for every wrong name or value. The real binary is run too.
#include "BadTraces.h"
#include "CommandLine.h"
#include "timeline/TimelineTheme.h"
#include "TraceQuery.h"
#include "scenarios/Scenario.h"
#include "trace/TraceJson.h"

#include <QDir>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QElapsedTimer>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace wl;

namespace {
CommandLineResult run(QStringList args)
{
    args.prepend("wakeline");
    return runCommandLine(args);
}
}  // namespace

class TstCommandLine : public QObject {
    Q_OBJECT
private slots:
    void listsScenariosIdFirst()
    {
        const auto r = run({"--list-scenarios"});
        QCOMPARE(r.exitCode, 0);
        const auto lines = QString::fromStdString(r.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(size_t(lines.size()), allScenarios().size());
        for (qsizetype i = 0; i < lines.size(); ++i)
            QCOMPARE(lines[i].section('\t', 0, 0).toStdString(), allScenarios()[size_t(i)].id);
        const auto verbose = run({"--list-scenarios", "--verbose"});
        QVERIFY(verbose.out.find("--param sleep_ms=100 ms  (0..600000)") != std::string::npos);
    }

    void printsLinesTheWayTheTutorialShowsThem()
    {
        const auto r = run({"--scenario", "join", "--print"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, std::string("1000 ms  Humidity fetched\n2000 ms  Temperature fetched\n"
                                    "2000 ms  Weather report: 72°F, 40% humidity\n"));
        QCOMPARE(formatPrintedLine(1'000'214'000, "x"), std::string("1000.214 ms  x"));
    }

    void hintsArePrintedWithTheirTimes()
    {
        auto r = run({"--scenario", "cpu_starvation", "--hints"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, std::string("50 ms  hint (long poll): main held worker 0 for 800 ms in one poll: nothing else "
                                    "can run on that worker meanwhile (CPU work belongs in spawn_blocking).\n"
                                    "200 ms  hint (starvation): heartbeat() was due to run but waited 650 ms before a worker "
                                    "polled it: every worker was busy with other polls.\n"));
        r = run({"--scenario", "lazy_future", "--hints", "--print"});
        QVERIFY(r.out.find("1000 ms  Result: 42\n") != std::string::npos);
        QVERIFY(r.out.find("no hints") != std::string::npos);
    }

    void optionsReachTheRun()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("t.json");
        const auto r = run({"--scenario", "many_sleepers", "--workers", "2", "--seed", "9", "--param", "tasks=3",
                            "--param", "sleep_ms=50", "--trace", path});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, std::string());  // saving a trace is quiet unless --print is given
        const auto loaded = loadTraceJson(path.toStdString());
        QVERIFY2(loaded.trace, loaded.error.c_str());
        const Trace& t = *loaded.trace;
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(t.scenario, std::string("many_sleepers"));
        QCOMPARE(t.workers, 2u);
        QCOMPARE(t.seed, 9ull);
        QCOMPARE(t.duration, std::int64_t(50'000'000));
        QCOMPARE(t.tasks.size(), size_t(4));
    }

    void writesAChromeTrace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("c.json");
        const auto r = run({"--scenario", "select", "--chrome-trace", path, "--print"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.find("First completed: fast") != std::string::npos);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(f.readAll()).object().contains("traceEvents"));
    }

    void wrongInputGetsAClearMessage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        auto row = [](const char* name, QStringList args, const char* message) {
            QTest::newRow(name) << args << QString::fromUtf8(message);
        };
        std::string ids;
        for (const auto& s : allScenarios())
            ids += (ids.empty() ? "" : ", ") + s.id;
        QVERIFY(ids.rfind("lazy_future, sequential, join, select, timeout, many_sleepers, mpsc, ", 0) == 0);
        row("unknown scenario", {"--scenario", "nope"}, ("wakeline: unknown scenario 'nope'; valid: " + ids).c_str());
        row("workers text", {"--scenario", "join", "--workers", "four"},
            "wakeline: --workers: expected a whole number from 1 to 64, got 'four'");
        row("workers zero", {"--scenario", "join", "--workers", "0"},
            "wakeline: --workers: expected a whole number from 1 to 64, got '0'");
        row("workers huge", {"--scenario", "join", "--workers", "10000"},
            "wakeline: --workers: expected a whole number from 1 to 64, got '10000'");
        row("mode", {"--scenario", "join", "--mode", "fast"},
            "wakeline: --mode: expected simulated or threaded, got 'fast'");
        row("seed negative", {"--scenario", "join", "--seed", "-3"},
            "wakeline: --seed: expected a whole number from 0 to 18446744073709551615, got '-3'");
        row("seed overflow", {"--scenario", "join", "--seed", "99999999999999999999"},
            "wakeline: --seed: expected a whole number from 0 to 18446744073709551615, got '99999999999999999999'");
        row("param shape", {"--scenario", "join", "--param", "humidity_ms"},
            "wakeline: --param: expected name=value, got 'humidity_ms'");
        row("param name", {"--scenario", "join", "--param", "speed=3"},
            "wakeline: scenario 'join' has no parameter 'speed'; valid: temperature_ms, humidity_ms");
        row("param negative duration", {"--scenario", "join", "--param", "humidity_ms=-5"},
            "wakeline: parameter 'humidity_ms' must be between 0 and 600000, got -5");
        row("param not a number", {"--scenario", "join", "--param", "humidity_ms=soon"},
            "wakeline: --param humidity_ms: expected a whole number from -4611686018427387904 to 4611686018427387903, got 'soon'");
        row("options without scenario", {"--print"},
            "wakeline: --workers, --mode, --seed, --param, --max-steps, --max-tasks, --print, --trace, --chrome-trace "
            "and --export need --scenario, --program (or --input, --import-tokio)");
        row("max steps zero", {"--scenario", "join", "--max-steps", "0"},
            "wakeline: --max-steps: expected a whole number from 1 to 10000000000, got '0'");
        row("max tasks text", {"--scenario", "join", "--max-tasks", "many"},
            "wakeline: --max-tasks: expected a whole number from 1 to 10000000, got 'many'");
        row("export extension", {"--scenario", "join", "--export", "out.gif"},
            "wakeline: --export: unknown image type for 'out.gif'; use .png, .svg or .pdf");
        row("export size", {"--scenario", "join", "--export", "o.png", "--size", "huge"},
            "wakeline: --size: expected WIDTHxHEIGHT such as 1920x1080, got 'huge'");
        row("export size too small", {"--scenario", "join", "--export", "o.png", "--size", "10x10"},
            "wakeline: --size: expected from 200x150 to 20000x20000, got '10x10'");
        row("export view", {"--scenario", "join", "--export", "o.png", "--view", "lanes"},
            "wakeline: --view: expected workers, tasks or both, got 'lanes'");
        row("export theme", {"--scenario", "join", "--export", "o.png", "--theme", "blue"},
            "wakeline: --theme: expected light or dark, got 'blue'");
        row("export scale", {"--scenario", "join", "--export", "o.png", "--scale", "0"},
            "wakeline: --scale: expected a number above 0 and at most 8, got '0'");
        row("export from", {"--scenario", "join", "--export", "o.png", "--from", "soon"},
            "wakeline: --from: expected a time such as 250ms, 1.5s or 300us, got 'soon'");
        row("export range", {"--scenario", "join", "--export", "o.png", "--from", "2s", "--to", "1s"},
            "wakeline: --to must be later than --from");
        row("export options alone", {"--scenario", "join", "--theme", "dark"},
            "wakeline: --view, --size, --scale, --theme, --axis, --from and --to need --export");
        row("input with scenario", {"--input", "t.json", "--scenario", "join"},
            "wakeline: --input reads a recorded trace: it cannot be combined with --scenario, --workers, --mode, "
            "--seed or --param");
        row("export scale nan", {"--scenario", "join", "--export", "o.png", "--scale", "nan"},
            "wakeline: --scale: expected a number above 0 and at most 8, got 'nan'");
        row("export scale inf", {"--scenario", "join", "--export", "o.png", "--scale", "inf"},
            "wakeline: --scale: expected a number above 0 and at most 8, got 'inf'");
        row("export size too big", {"--scenario", "join", "--export", "o.png", "--size", "99999x99999"},
            "wakeline: --size: expected from 200x150 to 20000x20000, got '99999x99999'");
        row("export negative from", {"--scenario", "join", "--export", "o.png", "--from", "-5ms"},
            "wakeline: --from: expected a time such as 250ms, 1.5s or 300us, got '-5ms'");
        row("export to zero", {"--scenario", "join", "--export", "o.png", "--to", "0"},
            "wakeline: --to must be later than 0, the start of the run");
        row("export far future", {"--scenario", "join", "--export", "o.png", "--to", "99999999999s"},
            "wakeline: --to: 99999999999s is too far in time");
        row("export empty path", {"--scenario", "join", "--export", ""},
            "wakeline: --export: expected a file name, got ''");
        row("trace empty path", {"--scenario", "join", "--trace", ""}, "wakeline: --trace: expected a file name, got ''");
        row("chrome trace empty path", {"--scenario", "join", "--chrome-trace", " "},
            "wakeline: --chrome-trace: expected a file name, got ' '");
        row("input empty path", {"--input", ""}, "wakeline: --input: expected a file name, got ''");
        row("workers negative", {"--scenario", "join", "--workers", "-1"},
            "wakeline: --workers: expected a whole number from 1 to 64, got '-1'");
        row("seed text", {"--scenario", "join", "--seed", "0x10"},
            "wakeline: --seed: expected a whole number from 0 to 18446744073709551615, got '0x10'");
        row("param without name", {"--scenario", "join", "--param", "=5"},
            "wakeline: --param: expected name=value, got '=5'");
        row("param huge", {"--scenario", "many_tasks", "--param", "tasks=99999999999999999999"},
            "wakeline: --param tasks: expected a whole number from -4611686018427387904 to 4611686018427387903, "
            "got '99999999999999999999'");
        row("param over range", {"--scenario", "many_tasks", "--param", "tasks=10000000000"},
            "wakeline: parameter 'tasks' must be between 1 and 20000, got 10000000000");
        row("empty scenario name", {"--scenario", ""}, ("wakeline: unknown scenario ''; valid: " + ids).c_str());
        row("missing trace path", {"--scenario", "join", "--trace"}, "wakeline: Missing value after '--trace'.");
        row("unknown option", {"--frobnicate"}, "wakeline: Unknown option 'frobnicate'.");
        row("missing value", {"--scenario"}, "wakeline: Missing value after '--scenario'.");
        row("stray argument", {"--scenario", "join", "extra"}, "wakeline: unexpected argument 'extra'");
    }
    void wrongInputGetsAClearMessage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = run(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(QString::fromStdString(r.err), message + "\n(see wakeline --help)\n");
        QCOMPARE(r.out, std::string());
    }

    void exportsAScenarioAndASavedTrace()
    {
        QTemporaryDir dir;
        const QString trace = dir.filePath("t.json"), png = dir.filePath("t.png"), svg = dir.filePath("t.svg");
        QCOMPARE(run({"--scenario", "select", "--trace", trace}).exitCode, 0);
        const auto r = run({"--input", trace, "--export", png, "--size", "900x300", "--scale", "2", "--theme", "dark",
                            "--from", "0", "--to", "1.2s"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QImage(png).size(), QSize(1800, 600));
        QCOMPARE(QImage(png).pixelColor(2, 2), TimelineTheme::dark().background);
        QCOMPARE(run({"--input", trace, "--export", svg, "--view", "tasks"}).exitCode, 0);
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("slow_source()"));
        // The saved trace prints the same lines it printed when it ran.
        QCOMPARE(run({"--input", trace, "--print"}).out, std::string("1000 ms  Fast source answered\n1000 ms  First completed: fast\n"));
    }

    void aBadInputFileIsNamedAndNothingIsWritten()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath("bad.json"), png = dir.filePath("never.png");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"wakeline-trace\", \"version\": 9}");
        f.close();
        const auto r = run({"--input", bad, "--export", png});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, "wakeline: --input: " + bad.toStdString() + ": version: this build reads version 1, found 9\n");
        QVERIFY(!QFile::exists(png));
    }

    void everyBadTraceIsRefusedWithItsMessage_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        const auto corpus = badTraces();
        QVERIFY2(corpus.size() >= 60, "the bad-trace corpus has fewer than 60 files");
        for (const auto& [path, message] : corpus)
            QTest::newRow(qPrintable(path.section('/', -1))) << path << message;
    }
    void everyBadTraceIsRefusedWithItsMessage()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString png = dir.filePath("never.png");
        const auto r = run({"--input", path, "--export", png, "--trace", dir.filePath("never.json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromStdString(r.err), "wakeline: --input: " + path + ": " + message + "\n");
        QVERIFY(QDir(dir.path()).isEmpty());
    }

    // --import-tokio: a recorded real tokio run is drawn, saved and exported; a malformed one is refused with its
    // line, and nothing is written.
    void importsARealTokioRun()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath("tokio.png"), json = dir.filePath("tokio.json");
        auto r = run({"--import-tokio", WAKELINE_TOKIO_TRACES_DIR "/two_workers.jsonl", "--export", png, "--trace", json});
        QCOMPARE(QString::fromStdString(r.err), QString());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!QImage(png).isNull());
        QFile saved(json);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QJsonObject trace = QJsonDocument::fromJson(saved.readAll()).object();
        QCOMPARE(trace["mode"].toString(), QString("tokio"));
        QCOMPARE(trace["scenario"].toString(), QString("two_workers"));
        for (const auto& [path, message] : badTokioCaptures()) {
            const QString never = dir.filePath("never.png");
            r = run({"--import-tokio", path, "--export", never});
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(QString::fromStdString(r.err), "wakeline: --import-tokio: " + path + ": " + message + "\n");
            QVERIFY(!QFile::exists(never));
        }
        r = run({"--import-tokio", "run.jsonl", "--scenario", "join"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.rfind("wakeline: --import-tokio reads a real tokio run: it cannot be combined", 0) == 0, r.err.c_str());
    }

    // Inputs no reader may read without bound: each is refused at once with a message naming it.
    void hostileInputsAreRefusedAtOnce()
    {
        QTemporaryDir dir;
        QProcess p;
        auto runBinary = [&](const QString& script) {
            p.start("/bin/sh", {"-c", script});
            const bool finished = p.waitForFinished(20000);
            if (!finished)
                p.kill();
            return finished;
        };
        // /dev/zero under a 2 GiB address-space limit: refused before a byte is read (it once grew without end).
        // A sanitizer build reserves terabytes of shadow address space, so there it runs without the limit.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        const QString limit;
#else
        const QString limit = "ulimit -v 2097152; ";
#endif
        QVERIFY(runBinary(QString("%1exec '%2' --input /dev/zero --export '%3'")
                              .arg(limit, WAKELINE_BINARY, dir.filePath("z.png"))));
        QCOMPARE(p.exitCode(), 1);
        QCOMPARE(p.readAllStandardError(),
                 QByteArray("wakeline: --input: cannot read /dev/zero: it is a device, not a regular file\n"));
        // A FIFO with no writer: refused, not waited on.
        const QString fifo = dir.filePath("pipe.json");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        QVERIFY(runBinary(QString("exec '%1' --input '%2' --print").arg(WAKELINE_BINARY, fifo)));
        QCOMPARE(p.exitCode(), 1);
        QCOMPARE(QString::fromUtf8(p.readAllStandardError()),
                 "wakeline: --input: cannot read " + fifo + ": it is a FIFO, not a regular file\n");
        // A directory.
        auto r = run({"--input", dir.path(), "--print"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromStdString(r.err), "wakeline: --input: cannot read " + dir.path()
                                                    + ": it is a directory, not a regular file\n");
        // A file above the documented 1 GiB (sparse: it costs no disk).
        const QString huge = dir.filePath("huge.json");
        QFile h(huge);
        QVERIFY(h.open(QIODevice::WriteOnly) && h.resize(qint64(3) << 29));
        h.close();
        r = run({"--input", huge, "--print"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromStdString(r.err), "wakeline: --input: cannot read " + huge
                                                    + ": the file is 1.5 GiB, more than the 1 GiB a trace may have\n");
        // A 100 MB task name: refused quickly, by its length (it once took 28 s and 2.1 GB to accept).
        const QString longName = dir.filePath("long-name.json");
        QFile l(longName);
        QVERIFY(l.open(QIODevice::WriteOnly));
        l.write("{\"format\": \"wakeline-trace\", \"version\": 1, \"scenario\": \"x\", \"mode\": \"simulated\", "
                "\"workers\": 1, \"seed\": \"1\", \"duration_ns\": 0, \"params\": [], \"lanes\": [{\"kind\": \"worker\", "
                "\"name\": \"w\"}], \"tasks\": [{\"id\": 1, \"name\": \"");
        l.write(QByteArray(100 << 20, 'm'));
        l.write("\"}]}");
        l.close();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runBinary(QString("%1exec '%2' --input '%3' --print").arg(limit, WAKELINE_BINARY, longName)));
        QCOMPARE(p.exitCode(), 1);
        QCOMPARE(QString::fromUtf8(p.readAllStandardError()),
                 "wakeline: --input: " + longName
                     + ": tasks[0].name: a string of 100 MiB, more than the 64 KiB a name or a printed line may have\n");
        QVERIFY(clock.elapsed() < 10000);
    }

    // Writers never replace a device or a FIFO, and say what errno says.
    void writersRefuseDevicesAndFifos()
    {
        struct stat before {};
        QCOMPARE(::stat("/dev/full", &before), 0);
        auto r = run({"--scenario", "join", "--chrome-trace", "/dev/full"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, std::string("wakeline: --chrome-trace: cannot write /dev/full: it is a device, not a regular "
                                    "file; choose a file name\n"));
        struct stat after {};
        QCOMPARE(::stat("/dev/full", &after), 0);
        QVERIFY(S_ISCHR(after.st_mode) && after.st_rdev == before.st_rdev);  // still the device

        QTemporaryDir dir;
        const QString fifo = dir.filePath("out.json");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        r = run({"--scenario", "join", "--trace", fifo});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromStdString(r.err),
                 "wakeline: --trace: cannot write " + fifo + ": it is a FIFO, not a regular file; choose a file name\n");
        struct stat st {};
        QVERIFY(::stat(fifo.toLocal8Bit().constData(), &st) == 0 && S_ISFIFO(st.st_mode));
    }

    // A full disk, on a 16 KiB tmpfs mounted in a private mount namespace (where the machine allows it).
    void aFullDiskIsNamed()
    {
        QTemporaryDir dir;
        const QString mount = dir.filePath("small");
        QVERIFY(QDir().mkpath(mount));
        const QString unshare = ::geteuid() == 0 ? "unshare -m" : "unshare -rm";
        QProcess p;
        p.start("/bin/sh", {"-c", QString("%1 sh -c 'mount -t tmpfs -o size=16k tmpfs \"%2\" || exit 77; "
                                          "\"%3\" --scenario many_tasks --trace \"%2/run.json\"'")
                                      .arg(unshare, mount, WAKELINE_BINARY)});
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        if (p.exitCode() == 77 || err.startsWith("unshare"))
            QSKIP("this machine cannot mount a small tmpfs in a private namespace");
        QCOMPARE(p.exitCode(), 1);
        QCOMPARE(err, "wakeline: --trace: cannot write " + mount + "/run.json: No space left on device\n");
    }

    void theAxisOfAHugeRangeDoesNotWrap()
    {
        QTemporaryDir dir;
        const QString svg = dir.filePath("far.svg");
        const auto r = run({"--scenario", "join", "--export", svg, "--axis", "time", "--to", "9000000000s"});
        QCOMPARE(r.exitCode, 0);
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(">9000000000 s<"));
        QVERIFY2(!text.contains(">-"), "an axis label is negative: the tick loop wrapped");
    }

    void aThousandLanesExportWithoutASize()
    {
        Trace t;
        t.scenario = "wide";
        t.workers = 64;
        t.tasks = {{1, "main", 0, 0, TaskKind::Task}};
        for (int i = 0; i < 1000; ++i)
            t.lanes.push_back({i < 64 ? LaneKind::Worker : LaneKind::Blocking, "lane " + std::to_string(i)});
        Event spawn{}, start{}, end{}, done{};
        spawn.kind = EventKind::TaskSpawned;
        spawn.task = start.task = end.task = done.task = 1;
        start.kind = EventKind::PollStart;
        end.kind = EventKind::PollEnd;
        end.detail = std::uint8_t(PollResult::Ready);
        start.worker = end.worker = 0;
        done.kind = EventKind::TaskCompleted;
        end.time = done.time = t.duration = 1000;
        t.events = {spawn, start, end, done};
        QTemporaryDir dir;
        const QString json = dir.filePath("wide.json"), png = dir.filePath("wide.png");
        std::string error;
        QVERIFY(saveTraceJson(t, json.toStdString(), &error));
        const auto r = run({"--input", json, "--export", png, "--scale", "1"});
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        QCOMPARE(QImage(png).size(), QSize(1600, 20000));  // as tall as the exporter allows; the lanes share it
    }

    void unwritableOutputIsReportedAndNothingHalfWritten_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("name");
        QTest::newRow("trace") << "--trace" << "t.json";
        QTest::newRow("chrome trace") << "--chrome-trace" << "c.json";
        QTest::newRow("png") << "--export" << "i.png";
        QTest::newRow("svg") << "--export" << "i.svg";
        QTest::newRow("pdf") << "--export" << "i.pdf";
    }
    void unwritableOutputIsReportedAndNothingHalfWritten()
    {
        QFETCH(QString, option);
        QFETCH(QString, name);
        // A folder that does not exist.
        const QString missing = "/nonexistent-dir/" + name;
        auto r = run({"--scenario", "join", option, missing});
        QCOMPARE(r.exitCode, 1);
        const std::string expected = "wakeline: " + option.toStdString() + ": cannot write " + missing.toStdString();
        QVERIFY2(r.err.rfind(expected, 0) == 0, r.err.c_str());
        // A path taken by a folder (root ignores permissions, so this is the failure a test can always cause):
        // the folder stays as it was and no temporary file is left beside it.
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(name));
        QFile keep(dir.filePath(name + "/keep"));
        QVERIFY(keep.open(QIODevice::WriteOnly) && keep.write("what the user had") > 0);
        keep.close();
        r = run({"--scenario", "join", option, dir.filePath(name)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.find("wakeline: " + option.toStdString() + ": cannot write") == 0, r.err.c_str());
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{name});
        QCOMPARE(QDir(dir.filePath(name)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{"keep"});
    }

    void theRealBinary()
    {
        QProcess p;
        p.start(WAKELINE_BINARY, {"--scenario", "timeout", "--print"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), QByteArray("1000 ms  Timed out!\n"));

        p.start(WAKELINE_BINARY, {"--scenario", "missing"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().startsWith("wakeline: unknown scenario 'missing'; valid: "));

        p.start(WAKELINE_BINARY, {"--scenario", "sequential", "--mode", "threaded", "--print"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const auto lines = p.readAllStandardOutput().split('\n');
        QVERIFY(lines[0].endsWith(" ms  Temperature fetched"));
        // Real time: never before the 2 s sleep ends, and late only by what a loaded machine adds (CI saw 201x ms).
        const double fetchedAt = lines[0].left(lines[0].indexOf(" ms")).toDouble();
        QVERIFY2(fetchedAt >= 2000.0 && fetchedAt < 2500.0, lines[0].constData());
    }
};

QTEST_MAIN(TstCommandLine)
#include "tst_command_line.moc"
