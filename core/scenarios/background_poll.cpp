// An interval loop runs as a background task beside main; when main returns the runtime drops it.
#include "Scenario.h"

namespace wl {
namespace {
Task<void> poller(Duration period)
{
    at(6);
    auto ticker = interval(period);
    for (;;) {
        at(8);
        co_await ticker.tick();
        at(9);
        print("Background: checking for updates");
    }
}

Task<void> backgroundMain(ScenarioParams p)
{
    at(5);
    spawn(poller(p.ms("period_ms")), "poller").detach();
    at(13);
    co_await sleep(p.ms("main_ms"));
    at(14);
    print("Main work done: the runtime shuts down and drops the poller");
}
}  // namespace

Scenario makeBackgroundPollScenario()
{
    return {"background_poll",
            "A background polling loop",
            "An interval loop ticks every 300 ms beside main; when main returns, the runtime drops the loop.",
            "interval() produces a tick right away and then one every period; the loop awaits each tick, so the "
            "poller is parked between ticks and its worker is free. It never ends by itself. main does its own "
            "work and returns after a second: that ends block_on, the runtime shuts down and drops every task "
            "still alive, the poller included, in the middle of its wait for the next tick.",
            2,
            {{"period_ms", 300, 1, 600000, "ms", "the interval's period"},
             {"main_ms", 1000, 0, 600000, "ms", "how long main works"}},
            backgroundMain};
}

}  // namespace wl
