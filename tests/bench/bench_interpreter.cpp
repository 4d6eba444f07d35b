// The interpreter's speed: many_tasks interpreted against the same work written natively on the executor
// (NativeManyTasks.h; goal: at most 3x), best of N each, interleaved, in one run; then the scenario programs'
// evaluation steps per second, and a loop-heavy program for steps per second on plain code.
// Usage: bench_interpreter [rounds, default 7] [many_tasks: only the first comparison, for profiling; native or
// interpreted: only that side of it, for perf stat]
#include "NativeManyTasks.h"
#include "lang/Interpreter.h"
#include "scenarios/Scenario.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace wl;

namespace {
double seconds(const std::chrono::steady_clock::time_point& start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv)
{
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
    const std::string only = argc > 2 ? argv[2] : "";
    {
        const Scenario& s = *findScenario("many_tasks");
        double native = 1e9, interpreted = 1e9;
        std::uint64_t steps = 0;
        for (int r = 0; r < rounds; ++r) {
            ExecutorConfig config;
            config.workers = 1;
            auto t0 = std::chrono::steady_clock::now();
            if (only != "interpreted") {
                Executor executor(config);
                executor.block_on(bench::nativeManyTasks(10'000));
                (void)executor.takeTrace();
            }
            native = std::min(native, seconds(t0));
            if (only == "native")
                continue;
            t0 = std::chrono::steady_clock::now();
            const lang::ProgramRun run = lang::runProgram(s.rustSource, {});
            interpreted = std::min(interpreted, seconds(t0));
            steps = run.steps;
            if (!run.error.empty()) {
                std::fprintf(stderr, "bench_interpreter: %s\n", run.error.c_str());
                return 1;
            }
        }
        std::printf("many_tasks (10,000 tasks, 1 worker, recording on): native %.1f ms, interpreted %.1f ms, "
                    "ratio %.2f (goal <= 3), %.0f steps/s\n", native * 1e3, interpreted * 1e3, interpreted / native,
                    double(steps) / interpreted);
    }
    if (!only.empty())
        return 0;
    std::printf("%-20s %12s %14s\n", "scenario", "interp ms", "steps/s");
    for (const std::string id : {"many_sleepers", "semaphore", "mpsc_backpressure", "broadcast_lag", "runtime_flavors"}) {
        const Scenario& s = *findScenario(id);
        double best = 1e9;
        std::uint64_t steps = 0;
        for (int r = 0; r < rounds; ++r) {
            const auto t0 = std::chrono::steady_clock::now();
            const lang::ProgramRun run = lang::runProgram(s.rustSource, {});
            best = std::min(best, seconds(t0));
            steps = run.steps;
        }
        std::printf("%-20s %12.3f %14.0f\n", id.c_str(), best * 1e3, double(steps) / best);
    }
    // Plain code: a loop of arithmetic and a Vec, no awaits.
    const std::string loop = "fn main() {\n    let mut v = Vec::new();\n    let mut total = 0;\n"
                             "    for i in 0..200000 {\n        total += i % 7;\n        if i % 1000 == 0 { v.push(total); }\n    }\n"
                             "    println!(\"{} {}\", total, v.len());\n}\n";
    double best = 1e9;
    std::uint64_t steps = 0;
    for (int r = 0; r < rounds; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        const lang::ProgramRun run = lang::runProgram(loop, {});
        best = std::min(best, seconds(t0));
        steps = run.steps;
    }
    std::printf("%-20s %12s %12.3f %8s %14.0f\n", "loop (200,000 turns)", "-", best * 1e3, "-", double(steps) / best);
    return 0;
}
