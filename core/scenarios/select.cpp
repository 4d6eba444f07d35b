// select!: the first future to finish wins; the other is dropped, which cancels it mid-flight.
#include "Scenario.h"

namespace wl {
namespace {
Task<std::string> slow_source(Duration d)
{
    at(4);
    co_await sleep(d);
    at(5);
    print("Slow source answered");
    at(6);
    co_return std::string("slow");
}

Task<std::string> fast_source(Duration d)
{
    at(10);
    co_await sleep(d);
    at(11);
    print("Fast source answered");
    at(12);
    co_return std::string("fast");
}

Task<void> selectMain(ScenarioParams p)
{
    at(17);
    auto result = co_await select(slow_source(p.ms("slow_ms")).named("slow_source()"),
                                  fast_source(p.ms("fast_ms")).named("fast_source()"));
    const std::string winner = result.index() == 0 ? std::get<0>(result) : std::get<1>(result);
    at(21);
    print("First completed: " + winner);
}
}  // namespace

Scenario makeSelectScenario()
{
    return {"select",
            "select! takes the first, drops the rest",
            "The 1 s branch wins; the 3 s branch is dropped (cancelled) mid-flight.",
            "tokio::select! polls its branches and finishes with the first one that is Ready. The other branches "
            "are dropped on the spot: a dropped future is never polled again, its timer is disarmed, and the code "
            "after its await never runs, so \"Slow source answered\" is never printed. Cancellation in async "
            "Rust is simply dropping a future.",
            1,
            {{"slow_ms", 3000, 0, 600000, "ms", "how long the slow source sleeps"},
             {"fast_ms", 1000, 0, 600000, "ms", "how long the fast source sleeps"}},
            selectMain};
}

}  // namespace wl
