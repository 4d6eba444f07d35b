// Threaded mode on real threads: stress runs stay invariant-clean and every scenario runs for real.
#include "TraceQuery.h"
#include "exec/Executor.h"
#include "scenarios/Scenario.h"

#include <QTest>

#include <regex>
#include <set>

using namespace wl;
using namespace wl::test;

namespace {
Task<int> yieldingTask(int i)
{
    co_await yield_now();
    co_await yield_now();
    co_return i;
}

Task<std::int64_t> spawnMany(int count)
{
    std::vector<JoinHandle<int>> handles;
    handles.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        handles.push_back(spawn(yieldingTask(i), "t"));
    std::int64_t sum = 0;
    for (auto& h : handles) {
        auto r = co_await h;
        sum += *r.value;
    }
    co_return sum;
}
}  // namespace

class TstThreaded : public QObject {
    Q_OBJECT
private slots:
    void tenThousandTasksOnFourWorkersTwentyTimes()
    {
        constexpr int kTasks = 10'000;
        for (int round = 0; round < 20; ++round) {
            ExecutorConfig config;
            config.mode = Mode::Threaded;
            config.workers = 4;
            Executor ex(config);
            auto r = ex.block_on(spawnMany(kTasks));
            QVERIFY(r.ok());
            QCOMPARE(*r.value, std::int64_t(kTasks) * (kTasks - 1) / 2);
            const Trace& t = ex.trace();
            WL_REQUIRE_CLEAN(t);
            QCOMPARE(t.tasks.size(), size_t(kTasks + 1));
            QCOMPARE(eventsOf(t, EventKind::TaskCompleted).size(), size_t(kTasks + 1));
            // Each task is polled three times: two yields and the return.
            QVERIFY(eventsOf(t, EventKind::PollStart).size() >= size_t(3 * kTasks));
        }
    }

    void workIsSharedAcrossWorkers()
    {
        ExecutorConfig config;
        config.mode = Mode::Threaded;
        config.workers = 4;
        Executor ex(config);
        auto body = []() -> Task<void> {
            std::vector<JoinHandle<void>> hs;
            for (int i = 0; i < 8; ++i)
                hs.push_back(spawn([]() -> Task<void> {
                    work(20ms);
                    co_return;
                }()));
            for (auto& h : hs)
                co_await h;
        };
        ex.block_on(body());
        const Trace& t = ex.trace();
        WL_REQUIRE_CLEAN(t);
        std::set<LaneId> lanes;
        for (const auto& e : eventsOf(t, EventKind::CpuWork))
            lanes.insert(e.worker);
        QVERIFY2(lanes.size() >= 2, "CPU work never ran on two workers at once");
        // 8 x 20 ms on 4 workers: well under the 160 ms one worker would need.
        QVERIFY(t.duration < 150'000'000);
    }

    void abortDetachBlockingAndShutdownOnRealThreads()
    {
        ExecutorConfig config;
        config.mode = Mode::Threaded;
        config.workers = 2;
        Executor ex(config);
        std::string outcome;
        auto ticker = []() -> Task<void> {
            for (;;)
                co_await sleep(5ms);
        };
        auto body = [&]() -> Task<void> {
            auto aborted = spawn(ticker(), "aborted");
            auto detached = spawn(ticker(), "detached");
            auto job = spawn_blocking([] {
                work(20ms);
                return 3;
            }, "job");
            co_await sleep(30ms);
            aborted.abort();
            { auto drop = std::move(detached); }
            auto r = co_await aborted;
            auto j = co_await job;
            outcome = (r.error && r.error->cancelled() ? "cancelled" : "?") + std::string(" ")
                + std::to_string(j.value.value_or(-1));
            co_await sleep(20ms);
        };
        ex.block_on(body());
        const Trace& t = ex.trace();
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(outcome, std::string("cancelled 3"));
        const auto abortedEnd = eventsOf(t, EventKind::TaskCancelled, taskNamed(t, "aborted"));
        QCOMPARE(abortedEnd.size(), size_t(1));
        QCOMPARE(abortedEnd[0].detail, std::uint8_t(CancelReason::Aborted));
        const auto detachedEnd = eventsOf(t, EventKind::TaskCancelled, taskNamed(t, "detached"));
        QCOMPARE(detachedEnd.size(), size_t(1));
        QCOMPARE(detachedEnd[0].detail, std::uint8_t(CancelReason::Shutdown));
        QCOMPARE(eventsOf(t, EventKind::HandleDetached, taskNamed(t, "detached")).size(), size_t(1));
        const auto jobStart = eventsOf(t, EventKind::BlockingStart, taskNamed(t, "job"));
        QCOMPARE(jobStart.size(), size_t(1));
        QCOMPARE(t.lanes.at(jobStart[0].worker).kind, LaneKind::Blocking);
        // The blocking job took >= 20 ms of real time on its own lane.
        const auto jobEnd = eventsOf(t, EventKind::BlockingEnd, taskNamed(t, "job"));
        QVERIFY(jobEnd[0].time - jobStart[0].time >= 20'000'000);
    }

    void aStopRequestEndsTheRunEarlyAndTheTraceStaysWhole()
    {
        for (Mode mode : {Mode::Threaded, Mode::Simulated}) {
            auto control = std::make_shared<RunControl>();
            ExecutorConfig config;
            config.mode = mode;
            config.workers = 2;
            config.control = control;
            Executor ex(config);
            auto body = [&]() -> Task<void> {
                std::vector<JoinHandle<void>> hs;
                for (int i = 0; i < 4; ++i)
                    hs.push_back(spawn([]() -> Task<void> {
                        for (;;)
                            co_await sleep(10ms);  // never ends by itself
                    }()));
                co_await sleep(50ms);
                control->stop = true;  // as the window's Cancel button would, from any thread
                co_await sleep(3600s);
            };
            auto r = ex.block_on(body());
            QVERIFY(!r.ok() && r.error->cancelled());
            const Trace& t = ex.trace();
            WL_REQUIRE_CLEAN(t);
            QVERIFY(t.duration < 1'000'000'000);  // stopped long before the hour-long sleep
            QCOMPARE(control->spawned.load(), std::uint64_t(5));
            QCOMPARE(control->ended.load(), std::uint64_t(5));
            for (const auto& e : eventsOf(t, EventKind::TaskCancelled))
                QCOMPARE(e.detail, std::uint8_t(CancelReason::Shutdown));
        }
    }

    void everyScenarioRunsThreaded_data()
    {
        QTest::addColumn<QString>("scenario");
        for (const auto& s : allScenarios())
            QTest::newRow(s.id.c_str()) << QString::fromStdString(s.id);
    }
    void everyScenarioRunsThreaded()
    {
        QFETCH(QString, scenario);
        const Scenario& s = *findScenario(scenario.toStdString());
        RunOptions threaded;
        threaded.mode = Mode::Threaded;
        const Trace real = runScenario(s, threaded);
        WL_REQUIRE_CLEAN(real);
        const Trace simulated = runScenario(s, {});
        // The same lines are printed (times some lines quote are real, and which of two requests started at once
        // counts first is up to the threads, so both are masked); real time is at least the virtual time and not
        // far beyond it, with room for a loaded machine.
        auto texts = [](const Trace& t) {
            static const std::regex quotedTime("[0-9]+ ms");
            static const std::regex activeCount("\\([0-9]+ active\\)");
            std::multiset<std::string> out;
            for (const auto& l : t.printedLines())
                out.insert(std::regex_replace(std::regex_replace(l.second, quotedTime, "N ms"), activeCount, "(N active)"));
            return out;
        };
        QCOMPARE(texts(real), texts(simulated));
        QVERIFY(real.duration >= simulated.duration);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        const std::int64_t slack = 20'000'000'000;  // interpreting 10,000 tasks under a sanitizer takes seconds
#else
        const std::int64_t slack = 2'000'000'000;
#endif
        QVERIFY2(real.duration < simulated.duration * 2 + slack,
                 qPrintable(QString("real %1 ns, simulated %2 ns").arg(real.duration).arg(simulated.duration)));
    }

    // Repeated real runs with every duration cut to a tenth: the invariants hold whatever the interleaving.
    void everyScenarioRepeatedlyAtATenthOfItsDurations_data() { everyScenarioRunsThreaded_data(); }
    void everyScenarioRepeatedlyAtATenthOfItsDurations()
    {
        QFETCH(QString, scenario);
        const Scenario& s = *findScenario(scenario.toStdString());
        RunOptions fast;
        fast.mode = Mode::Threaded;
        for (const auto& p : s.params)
            if (p.unit == "ms")
                fast.params[p.name] = std::max(p.min, p.defaultValue / 10);
        for (std::uint32_t workers : {1u, 4u}) {
            fast.workers = workers;
            for (int round = 0; round < 5; ++round) {
                const Trace t = runScenario(s, fast);
                WL_REQUIRE_CLEAN(t);
                QVERIFY(!t.printedLines().empty() || s.id == "timeout");
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstThreaded)
#include "tst_threaded.moc"
