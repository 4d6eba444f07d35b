// The interpreter against the C++ twins of the scenario programs it runs: the same run (simulated, same workers and
// seed, recording on) interpreted and native, best of N each, interleaved; prints each pair, the ratio, and the
// interpreter's evaluation steps per second. Also a loop-heavy program for steps per second on plain code.
// Usage: bench_interpreter [rounds, default 7]
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
    const std::vector<std::string> ids = {"many_sleepers", "semaphore", "mpsc_backpressure", "broadcast_lag"};
    std::printf("%-20s %12s %12s %8s %14s\n", "scenario", "native ms", "interp ms", "ratio", "steps/s");
    for (const std::string& id : ids) {
        const Scenario& s = *findScenario(id);
        double native = 1e9, interpreted = 1e9;
        std::uint64_t steps = 0;
        for (int r = 0; r < rounds; ++r) {
            auto t0 = std::chrono::steady_clock::now();
            (void)runScenario(s, {});
            native = std::min(native, seconds(t0));
            lang::ProgramOptions o;
            o.file = id + ".rs";
            o.workers = s.defaultWorkers;
            t0 = std::chrono::steady_clock::now();
            const lang::ProgramRun run = lang::runProgram(s.rustSource, o);
            interpreted = std::min(interpreted, seconds(t0));
            steps = run.steps;
            if (!run.error.empty()) {
                std::fprintf(stderr, "bench_interpreter: %s\n", run.error.c_str());
                return 1;
            }
        }
        std::printf("%-20s %12.3f %12.3f %8.2f %14.0f\n", id.c_str(), native * 1e3, interpreted * 1e3,
                    interpreted / native, double(steps) / interpreted);
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
