// The scheduling policy modelled on tokio's (RunQueues, Scheduler::workerTurn, the drivers), pinned on simulated
// runs: the LIFO slot, stealing, the local queue's overflow, the driver polled on park and every 61 ticks, and the
// current_thread flavour. Every trace is also checked by the invariant checker, which knows the queue rules.
#include "TraceQuery.h"
#include "exec/Executor.h"
#include "scenarios/Scenario.h"
#include "sync/Mpsc.h"

#include <QTest>

#include <map>
#include <set>

using namespace wl;
using namespace wl::test;

namespace {
Trace runSimulated(Task<void> body, std::uint32_t workers, std::uint64_t seed = 1)
{
    ExecutorConfig config;
    config.workers = workers;
    config.seed = seed;
    Executor ex(config);
    ex.block_on(std::move(body));
    return ex.takeTrace();
}

std::set<LaneId> lanesPolling(const Trace& t, TaskId task)
{
    std::set<LaneId> out;
    for (const auto& e : eventsOf(t, EventKind::PollStart, task))
        out.insert(e.worker);
    return out;
}

std::vector<Event> queued(const Trace& t, QueuePlace place)
{
    std::vector<Event> out;
    for (const auto& e : eventsOf(t, EventKind::Queued))
        if (e.detail == static_cast<std::uint8_t>(place))
            out.push_back(e);
    return out;
}

Task<void> pingPong(int rounds)
{
    auto [toPong, pongIn] = mpsc_channel<int>(1, "ping");
    auto [toPing, pingIn] = mpsc_channel<int>(1, "pong");
    auto pong = spawn(
        [](MpscReceiver<int> in, MpscSender<int> out) -> Task<void> {
            while (auto n = co_await in.recv())
                co_await out.send(*n);
        }(std::move(pongIn), std::move(toPing)),
        "pong");
    auto ping = spawn(
        [](MpscSender<int> out, MpscReceiver<int> in, int rounds) -> Task<void> {
            for (int i = 0; i < rounds; ++i) {
                co_await out.send(i);
                co_await in.recv();
            }
        }(std::move(toPong), std::move(pingIn), rounds),
        "ping");
    co_await ping;
    co_await pong;
}

Task<void> spawnCpuHeavy(int tasks)
{
    std::vector<JoinHandle<void>> handles;
    for (int i = 0; i < tasks; ++i)
        handles.push_back(spawn([]() -> Task<void> {
            work(100ms);
            co_return;
        }(), "crunch " + std::to_string(i)));
    for (auto& h : handles)
        co_await h;
}
}  // namespace

class TstSchedulingPolicy : public QObject {
    Q_OBJECT
private slots:
    // A task woken by the running task waits in that worker's LIFO slot and is polled next, on the same worker:
    // a ping-pong over two channels stays on one worker of four, though three are idle.
    void aPingPongStaysOnOneWorkerThroughTheLifoSlot()
    {
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            for (int rounds : {50, 300}) {
                const Trace t = runSimulated(pingPong(rounds), 4, seed);
                WL_REQUIRE_CLEAN(t);
                const TaskId ping = taskNamed(t, "ping"), pong = taskNamed(t, "pong");
                std::vector<LaneId> lanes;
                for (const auto& e : eventsOf(t, EventKind::PollStart))
                    if (e.task == ping || e.task == pong)
                        lanes.push_back(e.worker);
                QVERIFY(lanes.size() >= size_t(2 * rounds));
                // Another worker may steal pong before it first runs; from the first exchange on, whoever wakes
                // the other puts it in its own worker's slot, so both run there. Only when the turn's budget is
                // spent does the slot's task go to the local queue, where an idle worker may steal it. (At the end
                // ping's sender closes and wakes pong and main at once: then pong may move too.)
                size_t moves = 0;
                for (size_t i = 4; i + 2 < lanes.size(); ++i)
                    moves += lanes[i] != lanes[i - 1];
                if (rounds * 2 < int(Scheduler::kLifoBudget))
                    QCOMPARE(moves, size_t(0));
                else
                    QVERIFY2(moves <= lanes.size() / Scheduler::kLifoBudget, qPrintable(QString::number(moves)));
                size_t inSlot = 0;
                for (const auto& e : queued(t, QueuePlace::LifoSlot))
                    inSlot += e.task == ping || e.task == pong;
                QVERIFY2(inSlot + 2 * (lanes.size() / Scheduler::kLifoBudget) + 4 >= lanes.size(),
                         qPrintable(QString("%1 of %2").arg(inSlot).arg(lanes.size())));
            }
        }
    }

    // One task spawns 8 CPU-heavy tasks on 4 workers: the spawner's LIFO slot keeps the last one, its local queue
    // the other 7, and the idle workers steal half of what is ready each time (rounded up), so all four compute
    // and the whole takes 200 ms rather than 800.
    void idleWorkersStealHalfOfALocalQueue()
    {
        const Trace t = runSimulated(spawnCpuHeavy(8), 4);
        WL_REQUIRE_CLEAN(t);
        const auto stolen = queued(t, QueuePlace::Stolen);
        QVERIFY(!stolen.empty());
        std::set<LaneId> computing;
        for (int i = 0; i < 8; ++i)
            for (LaneId lane : lanesPolling(t, taskNamed(t, "crunch " + std::to_string(i))))
                computing.insert(lane);
        QCOMPARE(computing.size(), size_t(4));
        QCOMPARE(t.duration, std::int64_t(200'000'000));
        // The first steal finds the 7 queued behind the LIFO slot and takes 4 of them.
        std::map<std::int64_t, std::vector<Event>> byTimeAndThief;
        const Event first = stolen.front();
        size_t firstBatch = 0;
        for (const auto& e : stolen)
            firstBatch += e.time == first.time && e.worker == first.worker;
        QCOMPARE(firstBatch, size_t(4));
        // Every steal is made while searching, and never from the thief itself.
        for (const auto& e : stolen)
            QVERIFY(static_cast<LaneId>(e.value) != e.worker);
        const auto searching = eventsOf(t, EventKind::Searching);
        QVERIFY(searching.size() >= 2);
        QCOMPARE(searching.front().detail, std::uint8_t(1));
    }

    // A local queue holds 256 tasks: the 257th push moves the older 128 and the new task to the global queue.
    void aFullLocalQueueMovesHalfToTheGlobalQueue()
    {
        auto body = []() -> Task<void> {
            std::vector<JoinHandle<void>> handles;
            for (int i = 0; i < 300; ++i)
                handles.push_back(spawn([]() -> Task<void> { co_return; }(), "t"));
            for (auto& h : handles)
                co_await h;
        };
        const Trace t = runSimulated(body(), 2);
        WL_REQUIRE_CLEAN(t);
        const auto overflowed = queued(t, QueuePlace::Overflowed);
        QCOMPARE(overflowed.size(), size_t(128));
        // The oldest half goes, in order: the first 128 of the queue, all from the spawning worker's queue.
        for (size_t i = 1; i < overflowed.size(); ++i)
            QVERIFY(overflowed[i].task > overflowed[i - 1].task);
        for (const auto& e : overflowed)
            QCOMPARE(e.worker, kNoLane);
    }

    // current_thread (one worker): no LIFO slot; what a task spawns is polled in spawn order.
    void oneWorkerIsACurrentThreadRuntimeWithoutALifoSlot()
    {
        const Trace t = runSimulated(spawnCpuHeavy(5), 1);
        WL_REQUIRE_CLEAN(t);
        QVERIFY(queued(t, QueuePlace::LifoSlot).empty());
        std::vector<std::string> order;
        for (const auto& e : eventsOf(t, EventKind::PollStart))
            if (t.task(e.task)->name.rfind("crunch", 0) == 0)
                order.push_back(t.task(e.task)->name);
        QCOMPARE(order, (std::vector<std::string>{"crunch 0", "crunch 1", "crunch 2", "crunch 3", "crunch 4"}));
    }

    // On one worker busy computing, a due timer waits: it fires when the worker polls the driver, here as it is
    // about to park. With a second worker idle, that worker fires it on time.
    void aTimerFiresOnlyWhenAWorkerPollsTheDriver()
    {
        auto body = []() -> Task<void> {
            auto sleeper = spawn([]() -> Task<void> { co_await sleep(100ms); }(), "sleeper");
            co_await sleep(1ms);
            work(500ms);
            co_await sleeper;
        };
        for (std::uint32_t workers : {1u, 2u}) {
            const Trace t = runSimulated(body(), workers);
            WL_REQUIRE_CLEAN(t);
            const TaskId sleeper = taskNamed(t, "sleeper");
            std::int64_t firedAt = -1;
            LaneId firedOn = kNoLane;
            for (size_t i = 0; i < t.events.size(); ++i) {
                const Event& e = t.events[i];
                if (e.kind == EventKind::TimerFired && t.resource(e.resource)->name == "sleep 100 ms") {
                    firedAt = e.time;
                    firedOn = e.worker;
                    // The driver poll that fired it comes just before, on the same lane, at the same time.
                    size_t j = i;
                    while (j > 0 && t.events[j].kind != EventKind::DriverPoll)
                        --j;
                    QCOMPARE(t.events[j].kind, EventKind::DriverPoll);
                    QCOMPARE(t.events[j].worker, e.worker);
                    QCOMPARE(t.events[j].time, e.time);
                }
            }
            QCOMPARE(firedAt, workers == 1 ? std::int64_t(501'000'000) : std::int64_t(100'000'000));
            QVERIFY(firedOn != kNoLane);
            QCOMPARE(lanesPolling(t, sleeper).count(firedOn), size_t(1));
        }
    }

    // A worker that always has work still polls the driver every 61st tick: a timer due while 300 tasks keep
    // yielding on one worker fires before the queue ever empties.
    void aBusyWorkerPollsTheDriverEverySixtyOneTicks()
    {
        auto body = []() -> Task<void> {
            auto sleeper = spawn([]() -> Task<void> { co_await sleep(1ms); }(), "sleeper");
            std::vector<JoinHandle<void>> handles;
            for (int i = 0; i < 300; ++i)
                handles.push_back(spawn([]() -> Task<void> {
                    for (int k = 0; k < 3; ++k) {
                        work(10us);
                        co_await yield_now();
                    }
                }(), "yielder"));
            for (auto& h : handles)
                co_await h;
            co_await sleeper;
        };
        const Trace t = runSimulated(body(), 1);
        WL_REQUIRE_CLEAN(t);
        const auto polls = eventsOf(t, EventKind::DriverPoll);
        QCOMPARE(polls.size(), size_t(1));
        // Polls started on the worker before that driver poll: a multiple of 61 ticks, less the one it precedes.
        size_t before = 0;
        for (const auto& e : t.events) {
            if (e.kind == EventKind::DriverPoll)
                break;
            before += e.kind == EventKind::PollStart;
        }
        QCOMPARE((before + 1) % Scheduler::kEventInterval, size_t(0));
        // Yielders were still queued then: it fired before the queue emptied, and well after it was due.
        const TaskId sleeper = taskNamed(t, "sleeper");
        QVERIFY(polls.front().time > 1'000'000);
        size_t yieldersAfter = 0;
        for (const auto& e : t.events)
            yieldersAfter += e.kind == EventKind::PollStart && e.time > polls.front().time && e.task != sleeper;
        QVERIFY(yieldersAfter > 0);
    }

    // The two scenarios that teach the policy show it: work_stealing computes on all 4 workers after steals, and
    // lifo_ping_pong's two tasks bounce on one worker through its LIFO slot while the other three stay parked.
    void theSchedulingScenariosShowStealingAndTheLifoSlot()
    {
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            RunOptions options;
            options.seed = seed;
            const Trace stealing = runScenario(*findScenario("work_stealing"), options);
            WL_REQUIRE_CLEAN(stealing);
            QVERIFY(!queued(stealing, QueuePlace::Stolen).empty());
            std::set<LaneId> computing;
            for (const auto& e : eventsOf(stealing, EventKind::CpuWork))
                computing.insert(e.worker);
            QCOMPARE(computing.size(), size_t(4));
            QCOMPARE(stealing.printedLines().back().second, std::string("8 jobs of 100 ms done in 200 ms (sum of ids 36)"));

            const Trace pingPong = runScenario(*findScenario("lifo_ping_pong"), options);
            WL_REQUIRE_CLEAN(pingPong);
            std::map<LaneId, size_t> pollsOn;
            for (const auto& e : eventsOf(pingPong, EventKind::PollStart))
                if (pingPong.task(e.task)->name != "main")
                    ++pollsOn[e.worker];
            size_t most = 0, all = 0;
            for (const auto& [lane, n] : pollsOn) {
                most = std::max(most, n);
                all += n;
            }
            QVERIFY2(most + 3 >= all, qPrintable(QString("%1 of %2 polls on one worker").arg(most).arg(all)));
            QVERIFY(queued(pingPong, QueuePlace::LifoSlot).size() >= 40);
        }
    }
};

QTEST_GUILESS_MAIN(TstSchedulingPolicy)
#include "tst_scheduling_policy.moc"
