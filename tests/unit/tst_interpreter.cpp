// The interpreter of core/lang: programs print what Rust and tokio print at the virtual times they print it; the
// scenario programs run cleanly on 1, 2 and 4 workers and at their parameters' extremes; panics, budgets and
// unsupported constructs end the run with a located message.
#include "CommandLine.h"
#include "QuickParams.h"
#include "lang/Args.h"
#include "lang/Interpreter.h"
#include "lang/Value.h"
#include "scenarios/Scenario.h"
#include "trace/InvariantChecker.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <chrono>

using namespace wl;
using namespace wl::lang;

namespace {
// The file names listed in a tutorial table (one per line, tab-separated), each followed by a line break.
QString listed(const char* table, const QString& what = QString())
{
    QFile f(QString(WAKELINE_PROGRAMS_DIR "/tutorial/") + table);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QString out;
    for (const QString& line : QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts))
        if (!line.startsWith('#') && (what.isEmpty() || line.section('\t', 1, 1) == what))
            out += line.section('\t', 0, 0) + "\n";
    return out;
}

// Whether a container of the interpreter's (Cells, Args) keeps its elements inside itself rather than on the heap.
template <class Container>
bool inside(const Container& c)
{
    const auto* p = reinterpret_cast<const char*>(c.begin());
    return p >= reinterpret_cast<const char*>(&c) && p < reinterpret_cast<const char*>(&c + 1);
}

std::string printed(const Trace& t)
{
    std::string out;
    for (const auto& [time, text] : t.printedLines())
        out += formatPrintedLine(time, text) + "\n";
    return out;
}

// Runs a program file of the corpus with its own name in messages; the expected output is `path` with `extension`.
ProgramRun runFile(const QString& path, const char* extension, QString* expected)
{
    QFile source(path), want(QString(path).replace(".rs", extension));
    if (!source.open(QIODevice::ReadOnly) || !want.open(QIODevice::ReadOnly))
        return {{}, "cannot read " + path.toStdString(), false, 0};
    *expected = QString::fromUtf8(want.readAll());
    ProgramOptions o;
    o.file = path.toStdString();
    return runProgram(source.readAll().toStdString(), o);
}

ProgramRun run(const std::string& source, std::uint32_t workers = 1)
{
    ProgramOptions o;
    o.file = "t.rs";
    o.workers = workers;
    return runProgram(source, o);
}
}  // namespace

class TstInterpreter : public QObject {
    Q_OBJECT
private slots:
    void programsPrintWhatRustPrints_data()
    {
        QTest::addColumn<QString>("program");
        int n = 0;
        // language/: the core language; library/: one part of tokio or std each (what the comment on top says).
        for (const char* corpus : {"language", "library"}) {
            const QDir dir(QString(WAKELINE_PROGRAMS_DIR "/") + corpus);
            for (const QString& out : dir.entryList({"*.out"})) {
                QTest::newRow(qPrintable(QString(corpus) + "/" + out)) << dir.filePath(QString(out).replace(".out", ".rs"));
                ++n;
            }
        }
        QVERIFY(n >= 15);
    }
    void programsPrintWhatRustPrints()
    {
        QFETCH(QString, program);
        QString expected;
        const ProgramRun r = runFile(program, ".out", &expected);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(QString::fromStdString(printed(r.trace)), expected);
        QCOMPARE(QString::fromStdString(describe(checkInvariants(r.trace))), QString());
    }

    // The tutorial's examples that use only std, tokio and futures (tests/programs/tutorial), unchanged, against the
    // output the tutorial states: the lines in order, those printed at one instant in any order (and all of them
    // in any order where NOTES.tsv says so, and why).
    void tutorialExamplesPrintWhatTheTutorialStates_data()
    {
        QTest::addColumn<QString>("program");
        const QDir dir(WAKELINE_PROGRAMS_DIR "/tutorial");
        const QString skipped = listed("NOTES.tsv", "not compared");
        int n = 0;
        for (const QString& rs : dir.entryList({"*.rs"}))
            if (!skipped.contains(rs + "\n")) {
                QTest::newRow(qPrintable(rs)) << dir.filePath(rs);
                ++n;
            }
        QVERIFY(n >= 46);  // all 49 but the three NOTES.tsv says are not compared, and why
    }
    void tutorialExamplesPrintWhatTheTutorialStates()
    {
        QFETCH(QString, program);
        QString expected;
        const ProgramRun r = runFile(program, ".expected", &expected);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QStringList stated = expected.split('\n', Qt::SkipEmptyParts);
        const auto lines = r.trace.printedLines();
        if (listed("NOTES.tsv", "any order").contains(QFileInfo(program).fileName() + "\n")) {
            // Tasks with nothing ordering them, on several workers: the same lines, in the workers' order.
            QStringList all;
            for (const auto& line : lines)
                all << QString::fromStdString(line.second);
            all.sort();
            stated.sort();
            QCOMPARE(all, stated);
            return;
        }
        qsizetype next = 0;
        for (size_t i = 0; i < lines.size();) {
            size_t j = i;
            QStringList instant;
            while (j < lines.size() && lines[j].first == lines[i].first)
                instant << QString::fromStdString(lines[j++].second);
            QStringList want = stated.mid(next, instant.size());
            next += instant.size();
            instant.sort();
            want.sort();
            QCOMPARE(instant, want);
            i = j;
        }
        QCOMPARE(next, stated.size());
    }
    // Every built-in scenario is a program: it runs to its end on 1, 2 and 4 workers with the invariant checker
    // clean, and at its parameters' extremes too. (Before the C++ scenarios were deleted, each program reproduced
    // its C++ twin event for event, sites aside, on 1, 2 and 4 workers over three seeds; the golden stories in
    // tests/golden now pin the programs' own traces.)
    void scenarioProgramsRunCleanly_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("workers");
        for (const Scenario& s : allScenarios())
            for (int workers : {1, 2, 4})
                QTest::newRow(qPrintable(QString("%1 w%2").arg(QString::fromStdString(s.id)).arg(workers)))
                    << QString::fromStdString(s.id) << workers;
    }
    void scenarioProgramsRunCleanly()
    {
        QFETCH(QString, scenario);
        QFETCH(int, workers);
        const Scenario& s = *findScenario(scenario.toStdString());
        RunOptions o;
        o.workers = std::uint32_t(workers);
        o.seed = 7;
        if (workers > 1)
            o.params = test::quickParams(s.id);  // the defaults once (on 1 worker); busy loops shortened after
        std::string error;
        const Trace t = runScenario(s, o, &error);
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY(!t.printedLines().empty());
        QCOMPARE(QString::fromStdString(describe(checkInvariants(t))), QString());
        // The smallest value of every parameter, then the largest that stays quick (a busy loop of ten minutes
        // would take minutes to interpret): the program still runs to its end.
        for (const ScenarioParam& p : s.params) {
            for (std::int64_t value : {p.min, std::min<std::int64_t>(p.max, 300)}) {
                RunOptions edge = o;
                edge.params = test::quickParams(s.id);
                edge.params[p.name] = value;
                const Trace e = runScenario(s, edge, &error);
                QVERIFY2(error.empty(), qPrintable(QString("%1 = %2: %3").arg(QString::fromStdString(p.name)).arg(value)
                                                       .arg(QString::fromStdString(error))));
                QCOMPARE(QString::fromStdString(describe(checkInvariants(e))), QString());
            }
        }
    }

    // Interpreted code costs 100 ns of virtual CPU a step, settled per poll in whole milliseconds: a busy loop on
    // the clock holds its worker for exactly its duration (one stretch of work), short polls take no time, and
    // with a cost of 0 only awaits move the clock.
    void computingCostsVirtualTime()
    {
        const std::string busy = "use std::time::{Duration, Instant};\n#[tokio::main(flavor = \"current_thread\")]\n"
                                 "async fn main() {\n    let start = Instant::now();\n"
                                 "    while start.elapsed() < Duration::from_millis(30) {}\n"
                                 "    println!(\"{}\", start.elapsed().as_millis());\n"
                                 "    let mut n = 0u64;\n    for i in 0..100 { n += i; }\n"
                                 "    tokio::time::sleep(Duration::from_millis(5)).await;\n"
                                 "    println!(\"{} {}\", n, start.elapsed().as_millis());\n}\n";
        const ProgramRun r = run(busy);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(printed(r.trace), std::string("30 ms  30\n35 ms  4950 35\n"));
        std::vector<Event> work;
        for (const Event& e : r.trace.events)
            if (e.kind == EventKind::CpuWork)
                work.push_back(e);
        QCOMPARE(work.size(), size_t(1));  // one stretch, not 30 slices
        QCOMPARE(work[0].time, std::int64_t(0));
        QCOMPARE(work[0].value, std::int64_t(30'000'000));
        QCOMPARE(work[0].worker, LaneId(0));
        // A loop of 200,000 turns (several steps each) without the clock: its time shows when it prints.
        const ProgramRun loop = run("fn main() {\n    let mut n = 0u64;\n    for i in 0..200000 { n += i % 3; }\n"
                                    "    println!(\"{}\", n);\n}\n");
        QVERIFY2(loop.error.empty(), loop.error.c_str());
        const auto lines = loop.trace.printedLines();
        QCOMPARE(lines.size(), size_t(1));
        QVERIFY2(lines[0].first >= 60'000'000 && lines[0].first % 1'000'000 == 0, std::to_string(lines[0].first).c_str());
        ProgramOptions free;
        free.file = "t.rs";
        free.stepCost = 0;
        const ProgramRun costless = runProgram("fn main() {\n    let mut n = 0u64;\n    for i in 0..200000 { n += i % 3; }\n"
                                               "    println!(\"{}\", n);\n}\n", free);
        QCOMPARE(costless.trace.printedLines().at(0).first, std::int64_t(0));
    }

    void aPanicInMainIsReportedAsRustDoes()
    {
        const ProgramRun r = run("fn main() {\n    let v: Vec<i32> = Vec::new();\n    println!(\"{}\", v[3]);\n}\n");
        QCOMPARE(r.error, std::string("thread 'main' panicked at t.rs:3:20:\nindex out of bounds: the len is 0 but the index is 3"));
        const ProgramRun o = run("fn main() {\n    let x = i64::MAX;\n    let y = x + 1;\n}\n");
        QCOMPARE(o.error, std::string("thread 'main' panicked at t.rs:3:13:\nattempt to add with overflow"));
        const ProgramRun u = run("fn main() {\n    let r: Result<u32, String> = Err(\"no\".to_string());\n    r.unwrap();\n}\n");
        QCOMPARE(u.error, std::string("thread 'main' panicked at t.rs:3:5:\ncalled `Result::unwrap()` on an `Err` value: \"no\""));
    }

    // Cells keeps two cells in itself and moves to the heap past them, with std::vector's meaning throughout.
    void cellsKeepTwoInPlaceAndActAsAVector()
    {
        auto ints = [](const Cells& c) {
            std::vector<std::int64_t> out;
            for (const Cell& x : c)
                out.push_back(x->integer);
            return out;
        };
        const Cell one = cell(Value::int_(1));
        Cells c;
        c.push_back(one);
        c.push_back(cell(Value::int_(2)));
        QVERIFY(inside(c));
        QCOMPARE(one.use_count(), 2L);
        c.push_back(cell(Value::int_(3)));
        c.push_back(cell(Value::int_(4)));
        QVERIFY(!inside(c));
        QCOMPARE(ints(c), (std::vector<std::int64_t>{1, 2, 3, 4}));
        c.erase(c.begin() + 1);
        QCOMPARE(ints(c), (std::vector<std::int64_t>{1, 3, 4}));
        c.pop_back();
        QCOMPARE(ints(c), (std::vector<std::int64_t>{1, 3}));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, c.at(2));

        Cells copy = c;  // shares the cells (a copy of the list, not of the places)
        QCOMPARE(copy[0].get(), one.get());
        QCOMPARE(one.use_count(), 3L);
        Cells moved = std::move(c);  // heap: the buffer changes hands
        QVERIFY(c.empty());
        QCOMPARE(ints(moved), (std::vector<std::int64_t>{1, 3}));
        Cells pair;
        pair.push_back(one);
        Cells movedPair = std::move(pair);  // in place: the cells move one by one
        QVERIFY(pair.empty() && inside(movedPair) && movedPair.front().get() == one.get());
        movedPair = copy;
        copy.clear();
        moved.clear();
        QCOMPARE(one.use_count(), 2L);  // movedPair's and ours: nothing leaked or dropped twice
        movedPair.clear();
        QCOMPARE(one.use_count(), 1L);
    }

    void argsKeepTwoInPlaceAndMoveTheirValues()
    {
        const Cell shared = cell(Value::int_(7));
        Args a;
        a.push_back(Value::ref(shared));
        a.push_back(Value::int_(2));
        QVERIFY(inside(a));
        QCOMPARE(shared.use_count(), 2L);
        Args inPlace = std::move(a);  // in place: the values move one by one
        QVERIFY(a.empty() && inside(inPlace) && inPlace[0].target.get() == shared.get());
        inPlace.push_back(Value::int_(3));  // a third goes to the heap
        QVERIFY(!inside(inPlace));
        QCOMPARE(inPlace[0].target.get(), shared.get());
        QCOMPARE(inPlace.size(), std::size_t(3));
        QCOMPARE(inPlace.at(2).integer, std::int64_t(3));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, inPlace.at(3));
        Args onHeap = std::move(inPlace);  // heap: the buffer changes hands
        QVERIFY(inPlace.empty() && !inside(onHeap));
        std::vector<Value> v = std::move(onHeap).vector();
        QCOMPARE(v.size(), std::size_t(3));
        QCOMPARE(v[1].integer, std::int64_t(2));
        QCOMPARE(shared.use_count(), 2L);  // the vector's reference, nothing copied or leaked
        v.clear();
        onHeap = Args(2);  // n unit values, as a call's argument slots
        QCOMPARE(onHeap.size(), std::size_t(2));
        QVERIFY(onHeap[1].kind == ValueKind::Unit);
        QCOMPARE(shared.use_count(), 1L);
    }

    // main waiting on what nothing will ever send: the run ends with a message saying so (it said only
    // "thread 'main' panicked:"), and what ran is kept.
    void aRunThatCannotGoOnSaysItDeadlocked()
    {
        const ProgramRun r = run("#[tokio::main]\nasync fn main() {\n    let (tx, rx) = tokio::sync::oneshot::channel::<u32>();\n"
                                 "    let _keep = tx;\n    println!(\"waiting\");\n    let _ = rx.await;\n}\n");
        QCOMPARE(r.error, std::string("main never finished: every task was waiting and nothing was left that could "
                                      "wake one (a deadlock); the run stopped there"));
        QCOMPARE(printed(r.trace), std::string("0 ms  waiting\n"));

        // On real threads too: every worker parked, nothing queued, no timer, the blocking pool idle, for 100 ms.
        ProgramOptions o;
        o.file = "t.rs";
        o.mode = Mode::Threaded;
        o.workers = 2;
        const auto start = std::chrono::steady_clock::now();
        const ProgramRun threaded = runProgram("#[tokio::main]\nasync fn main() {\n    let (tx, rx) = "
                                               "tokio::sync::oneshot::channel::<u32>();\n    let _keep = tx;\n"
                                               "    tokio::spawn(async { tokio::time::sleep(std::time::Duration::"
                                               "from_millis(150)).await; println!(\"slept\"); });\n"
                                               "    let _ = rx.await;\n}\n", o);
        const auto took = std::chrono::steady_clock::now() - start;
        QCOMPARE(threaded.error, r.error);
        // Not before the sleeping task had its turn (a timer armed is something that can still wake a task).
        QVERIFY(std::chrono::duration_cast<std::chrono::milliseconds>(took).count() >= 250);
        QVERIFY2(threaded.trace.events.size() > 0 && printed(threaded.trace).find("slept") != std::string::npos,
                 printed(threaded.trace).c_str());
    }

    // A width or precision an argument gives must be a usize; one that names nothing is named in the message.
    void formatCountsComeFromIntegerArguments()
    {
        const ProgramRun text = run("fn main() {\n    let w = \"wide\";\n    println!(\"[{:>w$}]\", 1);\n}\n");
        QCOMPARE(text.error, std::string("thread 'main' panicked at t.rs:3:5:\na format width or precision must be a "
                                         "usize, got a string"));
        const ProgramRun missing = run("fn main() {\n    println!(\"[{:>1$}]\", 1);\n}\n");
        QCOMPARE(missing.error, std::string("thread 'main' panicked at t.rs:2:5:\ninvalid reference to positional "
                                            "argument 1"));
        const ProgramRun fine = run("fn main() {\n    let n = 3;\n    let x = 2.0;\n    println!(\"[{:>n$}|{x:.n$}]\", 7);\n}\n");
        QVERIFY2(fine.error.empty(), fine.error.c_str());
        QCOMPARE(printed(fine.trace), std::string("0 ms  [  7|2.000]\n"));
    }

    void runawayProgramsHitABudgetAndKeepTheirTrace()
    {
        ProgramOptions o;
        o.file = "t.rs";
        o.maxSteps = 100000;
        const ProgramRun r = runProgram("#[tokio::main]\nasync fn main() {\n    println!(\"start\");\n"
                                        "    let mut i = 0;\n    loop {\n        i += 1;\n    }\n}\n", o);
        QVERIFY2(r.error.find("t.rs:") == 0 && r.error.find("the program ran 100000 steps without finishing (the step budget)")
                     != std::string::npos, r.error.c_str());
        QCOMPARE(printed(r.trace), std::string("0 ms  start\n"));  // what ran is kept
        const ProgramRun deep = run("fn f(n: u64) -> u64 { f(n + 1) }\nfn main() { f(0); }\n");
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        // A sanitizer's frames are several times larger: the native-stack side of the same limit trips first.
        QVERIFY2(deep.error.find("(the recursion limit)") != std::string::npos, deep.error.c_str());
#else
        QCOMPARE(deep.error, std::string("t.rs:1:23: calls nested deeper than 200 (the recursion limit)"));
#endif
        // Awaits run in place: unbounded async recursion is stopped before the native stack runs out.
        const ProgramRun awaits = run("async fn down(n: u64) -> u64 { if n == 0 { 0 } else { Box::pin(down(n - 1)).await + 1 } }\n"
                                      "#[tokio::main]\nasync fn main() { println!(\"{}\", down(1000000).await); }\n");
        QVERIFY2(awaits.error.find("nesting too deep (the recursion limit)") != std::string::npos, awaits.error.c_str());
        const ProgramRun memory = run("fn main() {\n    let v = vec![0u8; 100000000];\n}\n");
        QCOMPARE(memory.error, std::string("t.rs:2:18: [x; 100000000] has more than 1000000 elements (the memory guard)"));
    }

    // A synchronous main that builds its runtime runs on the workers the builder asks for; block_on's future runs
    // inside main's own task (tokio runs it on the calling thread), so nothing is spawned for it.
    void aSynchronousMainRunsOnTheRuntimeItBuilds()
    {
        auto workersOf = [](const std::string& source) {
            ProgramOptions o;
            o.file = "t.rs";
            const ProgramRun r = runProgram(source, o);
            return r.error.empty() ? int(r.trace.workers) : -1;
        };
        const std::string body = "(); rt.block_on(async { println!(\"hi\"); }); }\n";
        QCOMPARE(workersOf("fn main() { let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(3).build().unwrap"
                           + body), 3);
        QCOMPARE(workersOf("fn main() { let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap"
                           + body), 1);
        QCOMPARE(workersOf("fn main() { let rt = tokio::runtime::Runtime::new().unwrap" + body), 4);
        const ProgramRun r = run("fn main() { let rt = tokio::runtime::Runtime::new().unwrap(); let v = rt.block_on(async { 7 });"
                                 " println!(\"{}\", v); }\n");
        QCOMPARE(QString::fromStdString(printed(r.trace)), QString("0 ms  7\n"));
        QCOMPARE(r.trace.tasks.size(), size_t(1));  // main only
        // block_on waits only in main's own body: in a closure it would start a runtime inside the runtime.
        QCOMPARE(run("fn main() { let rt = tokio::runtime::Runtime::new().unwrap(); let f = || rt.block_on(async {}); f(); }\n").error,
                 std::string("t.rs:1:74: error: `block_on` is supported directly in the body of a synchronous `fn main` "
                             "(inside a runtime, tokio panics: \"Cannot start a runtime from within a runtime\")"));
    }

    void whatIsNotSupportedYetSaysSoWithItsLine()
    {
        const ProgramRun r = run("use tokio::task::JoinSet;\n#[tokio::main]\nasync fn main() {\n    let n = JoinSet::new();\n}\n");
        QCOMPARE(r.error, std::string("t.rs:4:13: `tokio::task::JoinSet::new` is not supported by the interpreter yet"));
        // write! into anything but a Formatter is not the subset's (a String would need fmt::Write).
        const ProgramRun impl = run("fn main() {\n    let mut s = String::new();\n    let _ = write!(s, \"x\");\n}\n");
        QCOMPARE(impl.error, std::string("t.rs:3:13: `write!` into anything but the Formatter of an impl Display or Debug "
                                         "is not supported by the interpreter yet"));
        const ProgramRun partial = run("fn main() {\n    print!(\"no newline\");\n}\n");
        QCOMPARE(partial.error, std::string("t.rs:2:5: `print!` (output without a line break) is not supported by the interpreter yet"));
        const ProgramRun bad = run("fn main() { let x = ; }");
        QVERIFY(!bad.checked);
        QCOMPARE(bad.error, std::string("t.rs:1:21: error: expected an expression, found `;`"));
    }

    void theCommandLineRunsAProgram()
    {
        const auto r = runCommandLine({"wakeline", "--program", WAKELINE_PROGRAMS_DIR "/language/async_basics.rs", "--print"});
        QCOMPARE(r.exitCode, 0);
        QFile expected(WAKELINE_PROGRAMS_DIR "/language/async_basics.out");
        QVERIFY(expected.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromStdString(r.out), QString::fromUtf8(expected.readAll()));
        // Threaded: real threads and real time; the same lines (this program prints at one instant only).
        const auto threaded = runCommandLine({"wakeline", "--program", WAKELINE_PROGRAMS_DIR "/language/basics.rs", "--mode",
                                              "threaded", "--print"});
        QCOMPARE(threaded.exitCode, 0);
        const auto simulated = runCommandLine({"wakeline", "--program", WAKELINE_PROGRAMS_DIR "/language/basics.rs", "--print"});
        auto textsOf = [](const std::string& out) {
            QStringList lines;
            for (const QString& l : QString::fromStdString(out).split('\n', Qt::SkipEmptyParts))
                lines << l.section("  ", 1);
            return lines;
        };
        QCOMPARE(textsOf(threaded.out), textsOf(simulated.out));
        QVERIFY(!textsOf(simulated.out).isEmpty());
        // The limits are flags: a run that passes one stops with the limit's name and line, keeping what ran.
        const auto steps = runCommandLine({"wakeline", "--program", WAKELINE_PROGRAMS_DIR "/language/basics.rs", "--print",
                                           "--max-steps", "40"});
        QCOMPARE(steps.exitCode, 1);
        QVERIFY2(steps.err.find("steps without finishing (the step budget)") != std::string::npos, steps.err.c_str());
        const auto tasks = runCommandLine({"wakeline", "--scenario", "many_tasks", "--print", "--max-tasks", "100"});
        QCOMPARE(tasks.exitCode, 1);
        QVERIFY2(tasks.err.find("many_tasks.rs:28:22: more than 100 tasks spawned (the task limit)") != std::string::npos,
                 tasks.err.c_str());
        const auto err = runCommandLine({"wakeline", "--program", WAKELINE_PROGRAMS_DIR "/errors/13-undefined-variable.rs"});
        QCOMPARE(err.exitCode, 1);
        QVERIFY(err.err.find("13-undefined-variable.rs:3:20: error: cannot find value `count` in this scope") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TstInterpreter)
#include "tst_interpreter.moc"
