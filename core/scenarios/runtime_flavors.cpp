// The same jobs on a current_thread runtime (1 worker) and a multi_thread one (run again with --workers 4):
// CPU work serialises on one worker and overlaps on four; the sleeps overlap on both.
#include "Scenario.h"

namespace wl {
namespace {
void crunch(Duration d)
{
    work(d);
}

Task<void> job(int i, Duration cpu, Duration pause)
{
    at(16);
    crunch(cpu);
    at(17);
    co_await sleep(pause);
    at(18);
    crunch(cpu);
    at(19);
    print("Job " + std::to_string(i) + " done at " + std::to_string(now() / 1'000'000) + " ms");
}

Task<void> flavorsMain(ScenarioParams p)
{
    std::vector<JoinHandle<void>> handles;
    for (int i = 1; i <= static_cast<int>(p.get("jobs")); ++i) {
        at(15);
        handles.push_back(spawn(job(i, p.ms("cpu_ms"), p.ms("sleep_ms")), "job " + std::to_string(i)));
    }
    for (auto& handle : handles) {
        at(23);
        co_await handle;
    }
    at(25);
    print("All done in " + std::to_string(now() / 1'000'000) + " ms");
}
}  // namespace

Scenario makeRuntimeFlavorsScenario()
{
    return {"runtime_flavors",
            "current_thread vs multi_thread",
            "4 jobs of CPU work and sleeps: on 1 worker the CPU parts queue up; on 4 (--workers 4) they overlap.",
            "tokio has two runtime flavors. current_thread runs every task on the thread that called block_on: "
            "one worker, so the 100 ms CPU slices of four jobs run one after the other while their sleeps "
            "overlap; all done in about 800 ms. multi_thread runs a pool of workers: with 4 the CPU slices run "
            "in parallel and everything is done in about 300 ms. Run this scenario with 1 worker, then with 4, "
            "and compare the worker lanes.",
            1,
            {{"jobs", 4, 1, 64, "", "how many jobs are spawned"},
             {"cpu_ms", 100, 0, 600000, "ms", "each CPU slice"},
             {"sleep_ms", 100, 0, 600000, "ms", "the sleep between the two slices"}},
            flavorsMain};
}

}  // namespace wl
