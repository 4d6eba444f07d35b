// Ten spawned tasks sleep at the same time on a few workers: the run takes one sleep, not ten.
#include "Scenario.h"

namespace wl {
namespace {
Task<void> sleeper(int i, Duration d)
{
    at(8);
    co_await sleep(d);
    at(9);
    print("Task " + std::to_string(i) + " done");
}

Task<void> manySleepersMain(ScenarioParams p)
{
    std::vector<JoinHandle<void>> handles;
    const auto count = p.get("tasks");
    for (std::int64_t i = 0; i < count; ++i) {
        at(7);
        handles.push_back(spawn(sleeper(static_cast<int>(i), p.ms("sleep_ms")), "task " + std::to_string(i)));
    }
    for (auto& handle : handles) {
        at(13);
        co_await handle;
    }
    at(15);
    print("All tasks done");
}
}  // namespace

Scenario makeManySleepersScenario()
{
    return {"many_sleepers",
            "Many tasks sleeping on a few workers",
            "10 tasks sleep 100 ms on 4 workers; the run takes ~100 ms, not 1 s.",
            "tokio::spawn hands each future to the runtime as a task. A sleeping task is parked, not running: it "
            "holds no worker while it waits. So ten tasks that each sleep 100 ms overlap on four workers and all "
            "finish about 100 ms after they start; the workers spend that time parked with nothing to do.",
            4,
            {{"tasks", 10, 1, 10000, "", "how many tasks to spawn"},
             {"sleep_ms", 100, 0, 600000, "ms", "how long each task sleeps"}},
            manySleepersMain};
}

}  // namespace wl
