#pragma once
// What a scenario calls from inside a task: spawn, timers, yielding, CPU work, printing and source lines.
// Every call acts on the executor running the current task.
#include "Combinators.h"
#include "Driver.h"
#include "JoinHandle.h"
#include "Task.h"
#include "TaskCore.h"
#include "Time.h"

#include <functional>
#include <memory>
#include <string>
#include <type_traits>

namespace wl {

class Scheduler;
Scheduler& currentScheduler();  // throws std::logic_error outside an executor
void registerSpawnHere(const std::shared_ptr<TaskCore>& task, std::string name);
void registerBlockingHere(const std::shared_ptr<BlockingJob>& job, std::string name);

// Spawns a new task (like tokio::spawn); it starts when a worker polls it.
template <class T>
JoinHandle<T> spawn(Task<T> task, std::string name = {})
{
    if (name.empty())
        name = task.name() ? task.name() : "task";
    // One allocation: the record, the join state inside it and the shared count (the handle shares the record).
    auto core = std::allocate_shared<TypedTaskCore<T>>(CountingAllocator<TypedTaskCore<T>>(), std::move(task));
    std::shared_ptr<JoinState<T>> state(core, &core->joinState);
    registerSpawnHere(core, std::move(name));
    return JoinHandle<T>(std::move(state));
}

// Runs a plain function on the blocking pool (like tokio::task::spawn_blocking).
template <class F>
auto spawn_blocking(F fn, std::string name = "blocking") -> JoinHandle<std::invoke_result_t<F>>
{
    using R = std::invoke_result_t<F>;
    auto state = std::make_shared<JoinState<R>>();
    auto job = std::make_shared<BlockingJob>();
    job->join = state;
    job->run = [fn = std::move(fn), st = state.get()]() mutable -> std::optional<std::string> {
        try {
            if constexpr (std::is_void_v<R>) {
                fn();
                st->value = Unit{};
            } else {
                st->value = fn();
            }
        } catch (const std::exception& e) {
            return std::string(e.what());
        } catch (...) {
            return std::string("unknown exception");
        }
        return std::nullopt;
    };
    registerBlockingHere(job, std::move(name));
    return JoinHandle<R>(std::move(state));
}

Instant now();                                   // run time of the current lane
Task<void> sleep(Duration d);                    // tokio::time::sleep
Task<void> sleep_until(Instant deadline);        // tokio::time::sleep_until
// tokio::task::yield_now: back of the queue, once. An awaitable rather than a coroutine: a yield allocates nothing.
struct YieldNow {
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h);
    void await_resume() noexcept {}
};
inline YieldNow yield_now() { return {}; }
void work(Duration d);                           // CPU-bound work that holds the worker (no await inside)
void join_thread(JoinCore& job);                // std::thread's join(): blocks this lane until the job ends
void thread_sleep(Duration d);                   // std::thread::sleep: holds the thread without using the CPU
void print(std::string line);                    // println!: recorded as a print event
void at(std::uint32_t site);                     // where in the Rust source the current future is (makeSite)
// A future made at `site` is being dropped without ever having been polled. Recorded when this happens inside a
// task's poll (a drop after the run, or outside any task, has no moment in the run to show).
void futureDroppedUnpolled(const std::string& what, std::uint32_t site);

// tokio::time::interval: the first tick completes at once, then one every period after the start.
class Interval {
public:
    explicit Interval(Duration period);
    Task<Instant> tick();

private:
    Duration period_;
    Instant next_ = -1;
    ResourceId timer_ = 0;
};
Interval interval(Duration period);

std::string formatDuration(Duration d);  // "2 s", "100 ms", "1.5 µs"

}  // namespace wl
