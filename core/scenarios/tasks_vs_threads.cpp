// Five OS threads vs five tasks: each thread is held for its whole sleep; the tasks share two workers and hold
// none while they sleep. The threads are real threads of the blocking pool, each with a lane of its own.
#include "Scenario.h"

namespace wl {
namespace {
Task<void> greeter(int i, Duration d)
{
    at(17);
    co_await sleep(d);
    at(18);
    print("Hello from task " + std::to_string(i));
}

Task<void> tasksVsThreadsMain(ScenarioParams p)
{
    const int count = static_cast<int>(p.get("count"));
    const Duration d = p.ms("sleep_ms");
    std::vector<JoinHandle<void>> threads;
    for (int i = 1; i <= count; ++i) {
        at(8);
        threads.push_back(spawn_blocking([i, d] {
            at(9);
            thread_sleep(d);
            at(10);
            print("Hello from thread " + std::to_string(i));
        }, "thread " + std::to_string(i)));
    }
    std::vector<JoinHandle<void>> tasks;
    for (int i = 1; i <= count; ++i) {
        at(16);
        tasks.push_back(spawn(greeter(i, d), "task " + std::to_string(i)));
    }
    for (auto& task : tasks) {
        at(23);
        co_await task;
    }
    for (auto& t : threads) {
        at(26);
        co_await t;  // t.join() would block the worker; awaiting the handle does the same job politely
    }
}
}  // namespace

Scenario makeTasksVsThreadsScenario()
{
    return {"tasks_vs_threads",
            "Tasks vs threads",
            "5 OS threads each hold a thread while they sleep; 5 tasks sleep on 2 workers and hold none.",
            "An OS thread that sleeps still occupies a thread, with its own stack: five sleeping threads need five "
            "threads. A task that awaits a sleep is parked instead: it gives its worker back, so five sleeping "
            "tasks fit on two workers, which sit idle meanwhile. Both groups finish after 200 ms, but the threads "
            "needed five lanes of their own and the tasks none beyond the two workers. See many_tasks for what a "
            "task costs in bytes.",
            2,
            {{"count", 5, 1, 64, "", "how many threads and how many tasks"},
             {"sleep_ms", 200, 0, 600000, "ms", "how long each one sleeps"}},
            tasksVsThreadsMain};
}

}  // namespace wl
