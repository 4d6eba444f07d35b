// Ten thousand tasks on one worker: cheap to create and to park. Their cost is measured from the allocator and
// shown beside what one thread reserves for its stack.
#include "Scenario.h"
#include "sync/Broadcast.h"

namespace wl {
namespace {
Task<void> waiter(BroadcastReceiver<Unit> rx)
{
    at(13);
    co_await rx.recv();
}

Task<void> manyTasksMain(ScenarioParams p)
{
    const auto count = p.get("tasks");
    at(7);
    auto go = broadcast_channel<Unit>(1, "broadcast::channel(1)").first;
    at(8);
    const std::int64_t before = taskBytesInUse();
    std::vector<JoinHandle<void>> handles;
    handles.reserve(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i) {
        at(11);
        auto rx = go.subscribe();
        at(12);
        handles.push_back(spawn(waiter(std::move(rx)), "task " + std::to_string(i)));
    }
    at(16);
    co_await yield_now();  // every task gets its first poll and parks on recv
    at(17);
    const std::int64_t perTask = (taskBytesInUse() - before) / count;
    at(18);
    print(std::to_string(count) + " tasks parked: " + std::to_string(perTask) + " bytes per task");
    at(19);
    print("A thread reserves " + std::to_string(defaultThreadStackBytes() / 1024) + " KiB of stack");
    at(20);
    go.send(Unit{});
    for (auto& handle : handles) {
        at(22);
        co_await handle;
    }
    at(24);
    print("All " + std::to_string(count) + " tasks finished");
}
}  // namespace

Scenario makeManyTasksScenario()
{
    return {"many_tasks",
            "10,000 tasks on one worker",
            "10,000 tasks parked at once on one worker: a few hundred bytes each, against megabytes of thread stack.",
            "A task is a small heap object: the state of its future (its coroutine frame) plus the runtime's "
            "bookkeeping. Spawning 10,000 of them on a single worker is quick, and once each has been polled and "
            "parked they just wait, costing memory and nothing else. The bytes per task are measured from the "
            "allocator while all of them are parked; a thread would reserve its whole stack up front (Rust's "
            "std::thread asks for 2 MiB, the system default is shown). One send wakes them all.",
            1,
            {{"tasks", 10000, 1, 100000, "", "how many tasks to spawn"}},
            manyTasksMain};
}

}  // namespace wl
