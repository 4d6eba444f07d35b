// Threaded mode on real threads: stress runs stay invariant-clean and every scenario runs for real.
#include "TraceQuery.h"
#include "exec/Executor.h"
#include "scenarios/Scenario.h"

#include <QTest>

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
        // The same lines are printed; real time is at least the virtual time and not far beyond it.
        auto texts = [](const Trace& t) {
            std::multiset<std::string> out;
            for (const auto& l : t.printedLines())
                out.insert(l.second);
            return out;
        };
        QCOMPARE(texts(real), texts(simulated));
        QVERIFY(real.duration >= simulated.duration);
        QVERIFY(real.duration < simulated.duration + 500'000'000);
    }
};

QTEST_GUILESS_MAIN(TstThreaded)
#include "tst_threaded.moc"
