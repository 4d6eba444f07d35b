// The executor's semantics, pinned on simulated runs: Pending -> wake -> poll, wake bookkeeping, abort vs detach
// vs shutdown, errors through JoinHandle, timers, CPU work and the blocking pool.
#include "TraceQuery.h"
#include "exec/Executor.h"

#include <QTest>

using namespace wl;
using namespace wl::test;

namespace {
int g_framesFreed = 0;
struct CountsFrameDestruction {
    ~CountsFrameDestruction() { ++g_framesFreed; }
};

Task<void> tickForever(std::string label)
{
    CountsFrameDestruction marker;
    for (int i = 0;; ++i) {
        co_await sleep(1s);
        print(label + " tick " + std::to_string(i));
    }
}

Task<void> parkUntil(Waker* slot, const bool* ready)
{
    while (!*ready) {
        *slot = currentWaker();
        co_await Park{};
    }
}

Task<int> failing()
{
    co_await sleep(5ms);
    throw std::runtime_error("sensor unplugged");
}

Task<int> answer()
{
    co_await sleep(5ms);
    co_return 42;
}

Trace runSimulated(Task<void> body, std::uint32_t workers = 1)
{
    ExecutorConfig config;
    config.workers = workers;
    Executor ex(config);
    ex.block_on(std::move(body));
    return ex.takeTrace();
}
}  // namespace

class TstExecutor : public QObject {
    Q_OBJECT
private slots:
    void pendingThenWakeThenPoll()
    {
        auto body = []() -> Task<void> { co_await sleep(1s); };
        const Trace t = runSimulated(body());
        WL_REQUIRE_CLEAN(t);
        const TaskId main = taskNamed(t, "main");
        const auto polls = eventsOf(t, EventKind::PollStart, main);
        const auto ends = eventsOf(t, EventKind::PollEnd, main);
        QCOMPARE(polls.size(), size_t(2));
        QCOMPARE(ends[0].detail, std::uint8_t(PollResult::Pending));
        QCOMPARE(ends[1].detail, std::uint8_t(PollResult::Ready));
        // The second poll comes after the timer fired and woke it, never before.
        const size_t firstEnd = indexOf(t, EventKind::PollEnd, main);
        const size_t wake = indexOf(t, EventKind::Wake, main);
        const size_t secondPoll = indexOf(t, EventKind::PollStart, main, firstEnd);
        QVERIFY(firstEnd < wake && wake < secondPoll);
        const Event& w = t.events[wake];
        QCOMPARE(w.peer, TaskId(0));
        QVERIFY(w.resource != 0);
        QCOMPARE(t.resource(w.resource)->kind, std::string("timer"));
        QCOMPARE(w.time, std::int64_t(1'000'000'000));
        QCOMPARE(w.detail, std::uint8_t(WakeOutcome::Scheduled));
    }

    void twoWakesScheduleOnePollAndWakingAFinishedTaskIsANoOp()
    {
        Waker waker;
        bool ready = false;
        auto body = [&]() -> Task<void> {
            auto h = spawn(parkUntil(&waker, &ready), "parker");
            co_await yield_now();  // let the parker run and park
            ready = true;
            waker.wake(WakeSource::here());
            waker.wake(WakeSource::here());
            co_await h;
            waker.wake(WakeSource::here());
        };
        const Trace t = runSimulated(body());
        WL_REQUIRE_CLEAN(t);
        const TaskId parker = taskNamed(t, "parker");
        const TaskId main = taskNamed(t, "main");
        QCOMPARE(eventsOf(t, EventKind::PollStart, parker).size(), size_t(2));
        std::vector<std::uint8_t> outcomes;
        for (const auto& e : eventsOf(t, EventKind::Wake, parker)) {
            QCOMPARE(e.peer, main);
            outcomes.push_back(e.detail);
        }
        const std::vector<std::uint8_t> expected = {std::uint8_t(WakeOutcome::Scheduled),
                                                    std::uint8_t(WakeOutcome::AlreadyScheduled),
                                                    std::uint8_t(WakeOutcome::TaskFinished)};
        QCOMPARE(outcomes, expected);
    }

    void yieldGoesToTheBackOfTheQueue()
    {
        auto worker = [](std::string name) -> Task<void> {
            print(name + " 1");
            co_await yield_now();
            print(name + " 2");
        };
        auto body = [&]() -> Task<void> {
            auto a = spawn(worker("a"), "a");
            auto b = spawn(worker("b"), "b");
            co_await a;
            co_await b;
        };
        const Trace t = runSimulated(body());
        WL_REQUIRE_CLEAN(t);
        std::vector<std::string> order;
        for (const auto& line : t.printedLines())
            order.push_back(line.second);
        QCOMPARE(order, (std::vector<std::string>{"a 1", "b 1", "a 2", "b 2"}));
        const TaskId a = taskNamed(t, "a");
        const auto wakes = eventsOf(t, EventKind::Wake, a);
        QCOMPARE(wakes.size(), size_t(1));
        QCOMPARE(wakes[0].peer, a);  // a woke itself
        QCOMPARE(wakes[0].detail, std::uint8_t(WakeOutcome::WhileRunning));
    }

    void abortCancelsDropDetachesShutdownDropsTheRest()
    {
        g_framesFreed = 0;
        int freedAfterAbort = -1;
        auto body = [&]() -> Task<void> {
            auto aborted = spawn(tickForever("aborted"), "aborted");
            auto detached = spawn(tickForever("detached"), "detached");
            co_await sleep(1500ms);
            aborted.abort();
            co_await yield_now();  // the aborted task is dropped at its next turn
            freedAfterAbort = g_framesFreed;
            { auto dropped = std::move(detached); }  // dropping a JoinHandle detaches: the task runs on
            co_await sleep(2s);
            auto r = co_await aborted;
            print(r.error && r.error->cancelled() ? "join error: cancelled" : "unexpected");
        };
        const Trace t = runSimulated(body());
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(freedAfterAbort, 1);  // the aborted task's frame was freed at once
        QCOMPARE(g_framesFreed, 2);    // the detached one's at shutdown
        const TaskId main = taskNamed(t, "main");
        const TaskId aborted = taskNamed(t, "aborted");
        const TaskId detached = taskNamed(t, "detached");

        const auto abortedEnd = eventsOf(t, EventKind::TaskCancelled, aborted);
        QCOMPARE(abortedEnd.size(), size_t(1));
        QCOMPARE(abortedEnd[0].detail, std::uint8_t(CancelReason::Aborted));
        QCOMPARE(abortedEnd[0].peer, main);
        QCOMPARE(abortedEnd[0].time, std::int64_t(1'500'000'000));
        for (const auto& line : t.printedLines())
            QVERIFY(line.second != "aborted tick 1");

        const auto detach = eventsOf(t, EventKind::HandleDetached, detached);
        QCOMPARE(detach.size(), size_t(1));
        QCOMPARE(detach[0].peer, main);
        bool tickedAfterDetach = false;
        for (const auto& line : t.printedLines())
            tickedAfterDetach = tickedAfterDetach || (line.second == "detached tick 2" && line.first > detach[0].time);
        QVERIFY(tickedAfterDetach);
        const auto detachedEnd = eventsOf(t, EventKind::TaskCancelled, detached);
        QCOMPARE(detachedEnd.size(), size_t(1));
        QCOMPARE(detachedEnd[0].detail, std::uint8_t(CancelReason::Shutdown));
        QCOMPARE(detachedEnd[0].time, t.duration);
        QCOMPARE(t.printedLines().back().second, std::string("join error: cancelled"));
    }

    void errorsThroughAJoinHandle()
    {
        std::string failedText, okText;
        auto body = [&]() -> Task<void> {
            auto bad = spawn(failing(), "failing");
            auto good = spawn(answer(), "answer");
            auto r1 = co_await bad;
            auto r2 = co_await good;
            failedText = r1.ok() ? "ok" : r1.error->describe();
            okText = r2.ok() ? std::to_string(*r2.value) : r2.error->describe();
        };
        const Trace t = runSimulated(body());
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(failedText, std::string("task failed: sensor unplugged"));
        QCOMPARE(okText, std::string("42"));
        const auto end = eventsOf(t, EventKind::TaskCompleted, taskNamed(t, "failing"));
        QCOMPARE(end.size(), size_t(1));
        QCOMPARE(end[0].detail, std::uint8_t(Completion::Error));
        QCOMPARE(t.strings[size_t(end[0].value)], std::string("sensor unplugged"));
    }

    void rootFailureIsReportedByBlockOn()
    {
        Executor ex({});
        auto r = ex.block_on(failing());
        QVERIFY(!r.ok());
        QVERIFY(r.error->failed());
        QCOMPARE(r.error->message, std::string("sensor unplugged"));
        WL_REQUIRE_CLEAN(ex.trace());
    }

    void cpuWorkHoldsTheWorkerAndDelaysOthersOnIt()
    {
        auto hog = []() -> Task<void> {
            work(300ms);
            co_return;
        };
        auto sleeper = []() -> Task<void> {
            co_await sleep(100ms);
            print("sleeper woke");
        };
        auto body = [&]() -> Task<void> {
            auto s = spawn(sleeper(), "sleeper");
            co_await yield_now();  // sleeper arms its timer
            auto h = spawn(hog(), "hog");
            co_await s;
            co_await h;
        };
        const Trace t = runSimulated(body(), 1);
        WL_REQUIRE_CLEAN(t);
        // The timer is due at 100 ms but the only worker is busy until 300 ms: it fires then, when the worker is free
        // to poll the driver.
        const auto lines = t.printedLines();
        QCOMPARE(lines.size(), size_t(1));
        QCOMPARE(lines[0].first, std::int64_t(300'000'000));
        const auto work = eventsOf(t, EventKind::CpuWork, taskNamed(t, "hog"));
        QCOMPARE(work.size(), size_t(1));
        QCOMPARE(work[0].value, std::int64_t(300'000'000));
    }

    void spawnBlockingRunsOnItsOwnLaneAndDoesNotHoldAWorker()
    {
        auto body = []() -> Task<void> {
            auto job = spawn_blocking([] {
                work(300ms);
                return 5;
            }, "checksum");
            auto sleeper = []() -> Task<void> {
                co_await sleep(100ms);
                print("sleeper woke");
            };
            auto s = spawn(sleeper(), "sleeper");
            co_await s;
            auto r = co_await job;
            print("checksum " + std::to_string(*r.value));
        };
        const Trace t = runSimulated(body(), 1);
        WL_REQUIRE_CLEAN(t);
        const auto lines = t.printedLines();
        QCOMPARE(lines.size(), size_t(2));
        QCOMPARE(lines[0].first, std::int64_t(100'000'000));  // not delayed by the blocking job
        QCOMPARE(lines[1].first, std::int64_t(300'000'000));
        const TaskId job = taskNamed(t, "checksum");
        QCOMPARE(t.task(job)->kind, TaskKind::Blocking);
        const auto start = eventsOf(t, EventKind::BlockingStart, job);
        QCOMPARE(start.size(), size_t(1));
        QCOMPARE(t.lanes.at(start[0].worker).kind, LaneKind::Blocking);
        QCOMPARE(t.lanes.size(), size_t(2));
    }

    void intervalTicksAtOnceThenEveryPeriod()
    {
        auto body = []() -> Task<void> {
            auto iv = interval(250ms);
            for (int i = 0; i < 4; ++i) {
                const Instant due = co_await iv.tick();
                print(std::to_string(due));
            }
        };
        const Trace t = runSimulated(body());
        WL_REQUIRE_CLEAN(t);
        std::vector<std::int64_t> times;
        for (const auto& l : t.printedLines())
            times.push_back(l.first);
        QCOMPARE(times, (std::vector<std::int64_t>{0, 250'000'000, 500'000'000, 750'000'000}));
    }

    void sleepUntilAnInstant()
    {
        auto body = []() -> Task<void> {
            co_await sleep_until(750'000'000);
            print("at " + std::to_string(now()));
            co_await sleep_until(100);  // already past: returns at once, never parks
            print("still " + std::to_string(now()));
        };
        const Trace t = runSimulated(body());
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(t.printedLines()[0].second, std::string("at 750000000"));
        QCOMPARE(t.printedLines()[1].second, std::string("still 750000000"));
        QCOMPARE(eventsOf(t, EventKind::TimerArmed).size(), size_t(1));
    }

    void joinSelectAndTimeoutOverFutures()
    {
        auto value = [](int v, Duration d) -> Task<int> {
            co_await sleep(d);
            co_return v;
        };
        auto body = [&]() -> Task<void> {
            std::vector<Task<int>> arms;
            arms.push_back(value(1, 30ms));
            arms.push_back(value(2, 10ms));
            arms.push_back(value(3, 20ms));
            auto all = co_await join_all(std::move(arms));
            print("all " + std::to_string(all[0] + all[1] * 10 + all[2] * 100) + " at " + std::to_string(now()));
            std::vector<Task<int>> racers;
            racers.push_back(value(1, 30ms));
            racers.push_back(value(2, 10ms));
            racers.push_back(value(3, 20ms));
            auto [index, v] = co_await select_all(std::move(racers));
            print("first " + std::to_string(index) + "=" + std::to_string(v));
            auto fast = co_await timeout(50ms, value(9, 10ms));
            auto slow = co_await timeout(50ms, value(9, 100ms));
            print(std::string(fast ? "fast ok" : "fast elapsed") + ", " + (slow ? "slow ok" : "slow elapsed"));
        };
        const Trace t = runSimulated(body());
        WL_REQUIRE_CLEAN(t);
        const auto lines = t.printedLines();
        QCOMPARE(lines[0].second, std::string("all 321 at 30000000"));
        QCOMPARE(lines[1].second, std::string("first 1=2"));
        QCOMPARE(lines[2].second, std::string("fast ok, slow elapsed"));
        // The two select losers and the timed-out future were dropped by their combinator.
        int dropped = 0;
        for (const auto& e : eventsOf(t, EventKind::TaskCancelled))
            if (e.detail == std::uint8_t(CancelReason::DroppedByCombinator))
                ++dropped;
        QCOMPARE(dropped, 2 + 1 + 1);  // 2 racers, the fast timeout's timer, the slow inner future
    }

    void badWorkerCountsAreRejected()
    {
        ExecutorConfig config;
        config.workers = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Executor{config});
        config.workers = 65;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Executor{config});
    }

    void spawningOutsideAnExecutorIsAnError()
    {
        auto body = []() -> Task<void> { co_return; };
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)spawn(body()));
    }
};

QTEST_GUILESS_MAIN(TstExecutor)
#include "tst_executor.moc"
