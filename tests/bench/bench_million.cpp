// A million tasks on 8 real workers: the invariant checker must stay clean and memory must grow with the events
// recorded, not more. Prints the peak memory per recorded event. Usage: bench_million [tasks]
#include "exec/Executor.h"
#include "trace/InvariantChecker.h"


#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "PeakMemory.h"

using namespace wl;

namespace {
Task<void> yieldOnce()
{
    co_await yield_now();
}

// Spawns in batches and joins each batch, so live tasks stay bounded while events pile up in the trace.
Task<void> million(long tasks)
{
    constexpr long kBatch = 10'000;
    for (long done = 0; done < tasks; done += kBatch) {
        std::vector<JoinHandle<void>> batch;
        batch.reserve(kBatch);
        for (long i = 0; i < kBatch && done + i < tasks; ++i)
            batch.push_back(spawn(yieldOnce(), "t"));
        for (auto& h : batch)
            co_await h;
    }
}
}  // namespace

int main(int argc, char** argv)
{
    const long tasks = argc > 1 ? std::atol(argv[1]) : 1'000'000;
    const long before = peakKiB();
    const auto start = std::chrono::steady_clock::now();
    ExecutorConfig config;
    config.mode = Mode::Threaded;
    config.workers = 8;
    Executor ex(config);
    ex.block_on(million(tasks));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const Trace& t = ex.trace();
    const long after = peakKiB();
    const auto violations = checkInvariants(t);
    std::printf("%ld tasks on 8 threaded workers: %.1f s, %zu events, %zu tasks in the trace\n", tasks, seconds,
                t.events.size(), t.tasks.size());
    std::printf("peak memory grew by %ld MiB: %.1f bytes per event (an event is %zu bytes; the rest is task\n"
                "metadata, the merge's second copy and allocator slack)\n",
                (after - before) / 1024, double(after - before) * 1024.0 / double(t.events.size()), sizeof(Event));
    std::printf("invariant checker: %s\n", violations.empty() ? "clean" : describe(violations, 5).c_str());
    return violations.empty() ? 0 : 1;
}
