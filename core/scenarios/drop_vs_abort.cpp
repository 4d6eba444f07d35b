// Dropping a JoinHandle detaches the task (it runs on); abort() cancels it; shutdown drops every task left.
#include "Scenario.h"

namespace wl {
namespace {
Task<void> ticker(std::string name, Duration period)
{
    for (int i = 1;; ++i) {
        at(5);
        co_await sleep(period);
        at(6);
        print(name + " tick " + std::to_string(i));
    }
}

Task<void> dropVsAbortMain(ScenarioParams p)
{
    at(12);
    auto detached = spawn(ticker("detached", p.ms("tick_ms")), "detached");
    at(13);
    auto aborted = spawn(ticker("aborted", p.ms("tick_ms")), "aborted");
    at(15);
    co_await sleep(p.ms("wait_ms"));
    at(16);
    detached.detach();
    at(17);
    aborted.abort();
    at(18);
    print("Dropped one handle, aborted the other");
    at(20);
    co_await sleep(p.ms("wait_ms"));
    at(21);
    print("main returns: the runtime drops every task left");
}
}  // namespace

Scenario makeDropVsAbortScenario()
{
    return {"drop_vs_abort",
            "Dropping a JoinHandle vs abort()",
            "Dropping a JoinHandle detaches its task, which keeps ticking; abort() cancels; shutdown drops the rest.",
            "A JoinHandle is only a way to wait for a task. Dropping it does not stop the task: in tokio the "
            "task is detached and runs on, so the \"detached\" ticker keeps printing. abort() is what cancels: "
            "the \"aborted\" ticker is dropped at its next await and never ticks again. When main returns, the "
            "runtime shuts down and drops every task still alive, the detached one included.",
            2,
            {{"tick_ms", 400, 1, 600000, "ms", "how often each ticker ticks"},
             {"wait_ms", 1100, 0, 600000, "ms", "how long main waits, before and after"}},
            dropVsAbortMain};
}

}  // namespace wl
