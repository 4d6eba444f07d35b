// Hints (core/trace/Hints): cpu_starvation's long poll and starved heartbeat, none for lazy_future, a task that
// spins on yield_now, a task parked forever on a future that drops its waker, and futures made but never awaited.
#include "scenarios/Scenario.h"
#include "trace/Hints.h"

#include <QTest>

using namespace wl;

namespace {
Trace run(const char* id) { return runScenario(*findScenario(id), {}); }
Trace runProgram(const std::string& source)
{
    std::string stopped;
    Trace t = runScenario(scenarioFromProgram("hint_test", source), {}, &stopped);
    return t;
}
QStringList describe(const Trace& t)
{
    QStringList out;
    for (const Hint& h : findHints(t))
        out << QString("%1 %2 %3 ms").arg(QString::fromUtf8(hintKindName(h.kind).data()),
                                          QString::fromStdString(t.task(h.task)->name))
                   .arg(double(h.time) / 1e6);
    return out;
}
}  // namespace

class TstHints : public QObject {
    Q_OBJECT
private slots:
    // main computes 800 ms in one poll from 50 ms; the heartbeat, woken at 200 ms, waits until 850 ms.
    void cpuStarvationHoldsItsWorkerAndStarvesTheHeartbeat()
    {
        const Trace t = run("cpu_starvation");
        QCOMPARE(describe(t), (QStringList{"long poll main 50 ms", "starvation heartbeat() 200 ms"}));
        const auto hints = findHints(t);
        QCOMPARE(QString::fromStdString(hints[0].text),
                 QString("main held worker 0 for 800 ms in one poll: nothing else can run on that worker meanwhile "
                         "(CPU work belongs in spawn_blocking)."));
        QCOMPARE(QString::fromStdString(hints[1].text),
                 QString("heartbeat() was due to run but waited 650 ms before a worker polled it: every worker was busy "
                         "with other polls."));
        QCOMPARE(t.events[hints[1].eventIndex].kind, EventKind::Wake);  // a click jumps to the wake
        QCOMPARE(t.events[hints[0].eventIndex].kind, EventKind::PollEnd);
    }

    // Its one self-wake (wake_by_ref, then Pending) is the lesson, not a spin; the second of sleep is no long poll.
    void lazyFutureRaisesNone() { QCOMPARE(describe(run("lazy_future")), QStringList()); }

    void aTaskThatOnlyYieldsSpins()
    {
        const Trace t = runProgram("#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n"
                                   "    for _ in 0..10 {\n        tokio::task::yield_now().await;\n    }\n}\n");
        QCOMPARE(describe(t), (QStringList{"self-wake main 0 ms"}));
        QVERIFY(findHints(t)[0].text.find("woke itself 10 of its 10 wakes") != std::string::npos);
    }

    // A future that returns Pending without keeping the waker: its task is parked at the end, never woken.
    void aFutureThatDropsItsWakerLosesIt()
    {
        const Trace t = runProgram(
            "use std::future::Future;\nuse std::pin::Pin;\nuse std::task::{Context, Poll};\n"
            "use tokio::time::{sleep, Duration};\n\nstruct Never;\n\nimpl Future for Never {\n"
            "    type Output = ();\n    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {\n"
            "        Poll::Pending\n    }\n}\n\n#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n"
            "    tokio::spawn(async { Never.await; });\n    sleep(Duration::from_millis(10)).await;\n}\n");
        const auto hints = findHints(t);
        QCOMPARE(hints.size(), size_t(1));
        QCOMPARE(hints[0].kind, HintKind::LostWaker);
        QVERIFY(t.task(hints[0].task)->name != "main");
        QCOMPARE(hints[0].time, std::int64_t(0));  // its only poll
    }

    // The missing .await: greet() is made and dropped, sleep(..) too; neither runs. Each is recorded where it is
    // dropped, with where it was made; the task gets one hint that counts them. Awaited, spawned, joined or
    // raced futures raise none, nor does the branch select! drops after polling it.
    void aFutureMadeButNeverAwaitedDidNothing()
    {
        const Trace t = runProgram("use tokio::time::{sleep, Duration};\n\n"
                                   "async fn greet() {\n    println!(\"hello\");\n}\n\n"
                                   "#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n"
                                   "    greet();\n"                                  // line 9
                                   "    sleep(Duration::from_millis(500));\n"         // line 10
                                   "    greet().await;\n"
                                   "    tokio::spawn(greet()).await.unwrap();\n"
                                   "    tokio::join!(greet(), sleep(Duration::from_millis(5)));\n"
                                   "    tokio::select! {\n        _ = sleep(Duration::from_millis(1)) => {}\n"
                                   "        _ = sleep(Duration::from_millis(9)) => {}\n    }\n}\n");
        QCOMPARE(t.printedLines().size(), size_t(3));  // the awaited, spawned and joined greet(); not the first
        std::vector<std::pair<std::string, std::uint32_t>> dropped;
        for (const Event& e : t.events)
            if (e.kind == EventKind::FutureDropped) {
                QCOMPARE(QString::fromStdString(t.task(e.task)->name), QString("main"));
                dropped.emplace_back(std::string(t.text(e.value)), siteLine(e.site));
            }
        QCOMPARE(dropped, (std::vector<std::pair<std::string, std::uint32_t>>{{"greet()", 9}, {"sleep", 10}}));
        QCOMPARE(describe(t), (QStringList{"unawaited future main 0 ms"}));
        QCOMPARE(QString::fromStdString(findHints(t)[0].text),
                 QString("main made greet() at line 9 and dropped it without awaiting it: a future does nothing until "
                         "it is polled, so none of its code ran (add .await, or hand it to tokio::spawn) "
                         "(2 such futures in all)."));
    }

    // No built-in scenario drops a future it made without awaiting it.
    void noScenarioLeavesAFutureUnawaited()
    {
        for (const Scenario& s : allScenarios())
            for (const Hint& h : findHints(runScenario(s, {})))
                QVERIFY2(h.kind != HintKind::UnawaitedFuture, (s.id + ": " + h.text).c_str());
    }
};

QTEST_MAIN(TstHints)
#include "tst_hints.moc"
