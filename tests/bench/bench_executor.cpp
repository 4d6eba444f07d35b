// Executor benchmark, printed as ratios measured in one run (never asserted as timings):
//  1. spawn-and-yield throughput with recording on vs off (what recording costs the run it records);
//  2. tasks/s of the executor (recording off and on) vs a plain thread pool running the same work as callbacks;
//  3. the bytes the executor holds for a parked task besides the future's own frame (goal: 256 at most).
// Usage: bench_executor [--quick]   (--quick: small sizes, for the smoke test in CTest)
#include "exec/Executor.h"
#include "exec/Runtime.h"
#include "exec/TaskMemory.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

using namespace wl;
using Clock = std::chrono::steady_clock;

namespace {
constexpr std::uint32_t kWorkers = 4;
constexpr int kYields = 4;

Task<void> yielder()
{
    for (int i = 0; i < kYields; ++i)
        co_await yield_now();
}

Task<void> spawnAndYield(int tasks)
{
    std::vector<JoinHandle<void>> handles;
    handles.reserve(static_cast<size_t>(tasks));
    for (int i = 0; i < tasks; ++i)
        handles.push_back(spawn(yielder(), "t"));
    for (auto& h : handles)
        co_await h;
}

struct Run {
    double seconds;     // block_on as a whole, including merging the recorded buffers
    double runSeconds;  // the run itself: start to shutdown (the trace's duration)
    size_t events;
};

Run runExecutor(int tasks, bool recording)
{
    ExecutorConfig config;
    config.mode = Mode::Threaded;
    config.workers = kWorkers;
    config.recording = recording;
    Executor ex(config);
    const auto start = Clock::now();
    ex.block_on(spawnAndYield(tasks));
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    return {s, static_cast<double>(ex.trace().duration) / 1e9, ex.trace().events.size()};
}

// The baseline: a mutex-and-condvar thread pool; each "task" is a callback that re-queues itself once per yield.
double runThreadPool(int tasks)
{
    std::mutex m;
    std::condition_variable cv;
    std::deque<std::function<void()>> queue;
    int remaining = tasks;
    bool done = false;
    auto push = [&](std::function<void()> f) {
        {
            std::lock_guard lock(m);
            queue.push_back(std::move(f));
        }
        cv.notify_one();
    };
    std::function<void(int)> step = [&](int left) {
        if (left > 0) {
            push([&step, left] { step(left - 1); });
            return;
        }
        std::lock_guard lock(m);
        if (--remaining == 0) {
            done = true;
            cv.notify_all();
        }
    };
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (std::uint32_t i = 0; i < kWorkers; ++i)
        threads.emplace_back([&] {
            for (;;) {
                std::function<void()> f;
                {
                    std::unique_lock lock(m);
                    cv.wait(lock, [&] { return done || !queue.empty(); });
                    if (queue.empty())
                        return;
                    f = std::move(queue.front());
                    queue.pop_front();
                }
                f();
            }
        });
    for (int i = 0; i < tasks; ++i)
        push([&step] { step(kYields); });
    for (auto& t : threads)
        t.join();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

Task<void> parkForever() { co_await Park{}; }  // nobody wakes it: the runtime's shutdown drops it

// Spawns `n` tasks whose futures were made beforehand and waits until each has been polled and parked: what
// the allocator holds then, beyond the frames, is the executor's own cost per task.
Task<void> measureTaskBytes(int n, std::int64_t& perTask)
{
    std::vector<Task<void>> bodies;
    for (int i = 0; i < n; ++i)
        bodies.push_back(parkForever());
    const std::int64_t framesOnly = taskBytesInUse();
    std::vector<JoinHandle<void>> handles;
    handles.reserve(static_cast<std::size_t>(n));
    for (auto& body : bodies)
        handles.push_back(spawn(std::move(body), "parked"));
    co_await yield_now();
    perTask = (taskBytesInUse() - framesOnly) / n;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv)
{
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const int tasks = quick ? 2'000 : 100'000;
    const int repeats = quick ? 1 : 7;

    // Interleaved, best of each: drift on a busy machine hits all three alike.
    size_t events = 0;
    double off = 1e300, on = 1e300, pool = 1e300, offRun = 1e300, onRun = 1e300;
    // Per pair of runs: what recording added to the run itself, and what merging added after it (the time from
    // the run's end to block_on's return, less the same span of the run that recorded nothing).
    std::vector<double> recordingCost, mergeCost;
    for (int i = 0; i < repeats; ++i) {
        const Run a = runExecutor(tasks, false);
        const Run b = runExecutor(tasks, true);
        const auto n = static_cast<double>(b.events);
        recordingCost.push_back((b.runSeconds - a.runSeconds) * 1e9 / n);
        mergeCost.push_back(((b.seconds - b.runSeconds) - (a.seconds - a.runSeconds)) * 1e9 / n);
        off = std::min(off, a.seconds);
        offRun = std::min(offRun, a.runSeconds);
        on = std::min(on, b.seconds);
        onRun = std::min(onRun, b.runSeconds);
        events = b.events;
        pool = std::min(pool, runThreadPool(tasks));
    }

    std::printf("spawn-and-yield: %d tasks x %d yields on %u threaded workers, best of %d\n", tasks, kYields, kWorkers,
                repeats);
    std::printf("  executor, recording off : %8.1f ms  %10.0f tasks/s\n", off * 1e3, tasks / off);
    std::printf("  executor, recording on  : %8.1f ms  %10.0f tasks/s  (%zu events, %.0f ns/event)\n", on * 1e3,
                tasks / on, events, on * 1e9 / static_cast<double>(events));
    std::printf("  thread pool (callbacks) : %8.1f ms  %10.0f tasks/s\n", pool * 1e3, tasks / pool);
    std::printf("  the run alone (start to shutdown): off %.1f ms, on %.1f ms\n", offRun * 1e3, onRun * 1e3);
    std::printf("recording cost per event (on minus off, median): %.1f ns (goal <= 15)\n", median(recordingCost));
    std::printf("merge cost per event (median)                   : %.1f ns (goal <= 30)\n", median(mergeCost));
    std::printf("ratio recording on / off, the run itself   : %.2f\n", onRun / offRun);
    std::printf("ratio recording on / off, incl. merging    : %.2f\n", on / off);
    std::printf("ratio executor / thread pool (tasks/s, off): %.2f\n", pool / off);
    std::printf("ratio executor / thread pool (tasks/s, on) : %.2f\n", pool / on);

    std::int64_t perTask = 0;
    {
        ExecutorConfig config;
        config.workers = 1;
        config.recording = false;
        Executor ex(config);
        ex.block_on(measureTaskBytes(quick ? 100 : 10'000, perTask));
    }
    std::printf("executor bytes per parked task, without the future's frame: %lld (goal <= 256)\n",
                static_cast<long long>(perTask));
    return 0;
}
