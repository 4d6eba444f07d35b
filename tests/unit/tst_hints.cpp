// Hints (core/trace/Hints): cpu_starvation's long poll and starved heartbeat, none for lazy_future, a task that
// spins on yield_now, and a task parked forever on a future that drops its waker.
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
                 QString("heartbeat() was woken but waited 650 ms before a worker polled it: every worker was busy "
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
};

QTEST_MAIN(TstHints)
#include "tst_hints.moc"
