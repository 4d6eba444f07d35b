#pragma once
// many_tasks written natively against the executor (what the C++ scenario was before the programs became the
// scenarios), kept only so the benchmark can set the interpreted program beside it: the same tasks, parks, wakes
// and prints, with no interpreter in between.
#include "exec/Executor.h"
#include "exec/Runtime.h"
#include "exec/TaskMemory.h"
#include "sync/Broadcast.h"

#include <string>
#include <vector>

namespace wl::bench {

inline Task<void> nativeWaiter(BroadcastReceiver<Unit> rx) { co_await rx.recv(); }

inline Task<void> nativeManyTasks(std::int64_t count)
{
    auto go = broadcast_channel<Unit>(1, "broadcast::channel(1)").first;
    const std::int64_t before = taskBytesInUse();
    std::vector<JoinHandle<void>> handles;
    handles.reserve(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i)
        handles.push_back(spawn(nativeWaiter(go.subscribe()), "task " + std::to_string(i)));
    co_await yield_now();  // every task gets its first poll and parks on recv
    const std::int64_t perTask = (taskBytesInUse() - before) / count;
    print(std::to_string(count) + " tasks parked: " + std::to_string(perTask) + " bytes per task");
    print("A thread reserves " + std::to_string(defaultThreadStackBytes() / 1024) + " KiB of stack");
    go.send(Unit{});
    for (auto& handle : handles)
        co_await handle;
    print("All " + std::to_string(count) + " tasks finished");
}

}  // namespace wl::bench
