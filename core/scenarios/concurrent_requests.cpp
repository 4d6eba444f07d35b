// A slow and a fast request in flight at once, counted by a shared active-request counter.
#include "Scenario.h"

#include <atomic>
#include <memory>

namespace wl {
namespace {
Task<void> handle_request(std::string name, Duration d, std::shared_ptr<std::atomic<int>> active)
{
    at(6);
    const int now = active->fetch_add(1) + 1;
    at(7);
    print(name + " started (" + std::to_string(now) + " active)");
    at(8);
    co_await sleep(d);
    at(9);
    const int left = active->fetch_sub(1) - 1;
    at(10);
    print(name + " finished (" + std::to_string(left) + " active)");
}

Task<void> requestsMain(ScenarioParams p)
{
    at(15);
    auto active = std::make_shared<std::atomic<int>>(0);
    at(16);
    auto slow = spawn(handle_request("slow request", p.ms("slow_ms"), active), "slow request");
    at(17);
    auto fast = spawn(handle_request("fast request", p.ms("fast_ms"), active), "fast request");
    at(18);
    co_await join(slow.join().named("slow"), fast.join().named("fast"));
    at(19);
    print("Both requests served");
}
}  // namespace

Scenario makeConcurrentRequestsScenario()
{
    return {"concurrent_requests",
            "Concurrent requests",
            "A 1.5 s and a 0.5 s request in flight at once: the counter shows 2 active, then 1, then 0.",
            "A server spawns a task per request, so a slow request does not hold up a fast one. Both start at "
            "once and the shared counter (an Arc<AtomicUsize>) reads 2 active. The fast one finishes after "
            "0.5 s while the slow one is still parked in its sleep; the slow one finishes at 1.5 s. Waiting for "
            "both with join! takes as long as the slowest, not the sum.",
            2,
            {{"slow_ms", 1500, 0, 600000, "ms", "how long the slow request takes"},
             {"fast_ms", 500, 0, 600000, "ms", "how long the fast request takes"}},
            requestsMain};
}

}  // namespace wl
