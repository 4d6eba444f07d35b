// CPU-bound work that never awaits holds its worker: a heartbeat on the same worker starves. The same work on
// the blocking pool leaves the worker free.
#include "Scenario.h"

namespace wl {
namespace {
std::uint64_t crunch_numbers(Duration d)
{
    work(d);  // a busy loop: no await inside, so nothing else runs on this worker meanwhile
    return 42;
}

Task<void> heartbeat(Duration period)
{
    for (int i = 1; i <= 4; ++i) {
        at(12);
        co_await sleep(period);
        at(13);
        print("Heartbeat " + std::to_string(i));
    }
}

Task<void> starvationMain(ScenarioParams p)
{
    const Duration crunch = p.ms("crunch_ms");
    at(19);
    auto beats = spawn(heartbeat(p.ms("beat_ms")), "heartbeat (starved)");
    at(20);
    co_await sleep(50ms);
    at(21);
    auto n = crunch_numbers(crunch);
    at(22);
    print("Crunched " + std::to_string(n) + " on the worker: the heartbeats waited");
    at(23);
    co_await beats;

    at(25);
    auto beats2 = spawn(heartbeat(p.ms("beat_ms")), "heartbeat (on time)");
    at(26);
    co_await sleep(50ms);
    at(27);
    auto job = spawn_blocking([crunch] { return crunch_numbers(crunch); }, "crunch_numbers");
    auto r = co_await job;
    at(28);
    print("Crunched " + std::to_string(*r.value) + " on the blocking pool: the heartbeats went on");
    at(29);
    co_await beats2;
}
}  // namespace

Scenario makeCpuStarvationScenario()
{
    return {"cpu_starvation",
            "CPU-bound work starves the worker",
            "800 ms of computing on the only worker delays every heartbeat; on spawn_blocking it does not.",
            "A task gives its worker back only at an await. crunch_numbers computes for 800 ms without awaiting, "
            "so on a current_thread runtime nothing else can run meanwhile: the first heartbeat, due at 200 ms, "
            "is not polled until 850 ms, and every later beat shifts with it. The second half moves the same "
            "computation to "
            "spawn_blocking, which runs it on a separate thread of the blocking pool: the worker stays free and "
            "the heartbeats keep their rhythm.",
            1,
            {{"crunch_ms", 800, 0, 600000, "ms", "how long crunch_numbers computes"},
             {"beat_ms", 200, 1, 600000, "ms", "the heartbeat period"}},
            starvationMain};
}

}  // namespace wl
