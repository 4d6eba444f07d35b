// timeout: a select between the work and a timer; when the timer wins, the work is dropped.
#include "Scenario.h"

namespace wl {
namespace {
Task<std::string> long_task(Duration d)
{
    at(4);
    co_await sleep(d);
    at(5);
    co_return std::string("finished");
}

Task<void> timeoutMain(ScenarioParams p)
{
    at(10);
    auto result = co_await timeout(p.ms("limit_ms"), long_task(p.ms("work_ms")).named("long_task()"));
    if (result) {
        at(11);
        print("Success: " + *result);
    } else {
        at(12);
        print("Timed out!");
    }
}
}  // namespace

Scenario makeTimeoutScenario()
{
    return {"timeout",
            "timeout drops slow work",
            "timeout(1 s, 3 s of work) elapses after 1 s and drops the work.",
            "tokio::time::timeout races a future against a timer, exactly like a select! with two branches. "
            "The 1 s timer is Ready first, so timeout returns Err(Elapsed) and the 3 s future is dropped: it is "
            "cancelled at its await, and its own timer is disarmed without ever firing.",
            1,
            {{"limit_ms", 1000, 0, 600000, "ms", "the time limit"},
             {"work_ms", 3000, 0, 600000, "ms", "how long the work takes"}},
            timeoutMain};
}

}  // namespace wl
