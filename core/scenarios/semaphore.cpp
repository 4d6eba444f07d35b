// Five requests, two permits: at most two are in flight; the rest park until a permit is released.
#include "Scenario.h"
#include "sync/Semaphore.h"

namespace wl {
namespace {
Task<void> request(int i, std::shared_ptr<Semaphore> permits, Duration work)
{
    at(13);
    auto permit = co_await permits->acquire();
    at(14);
    print("Request " + std::to_string(i) + " started");
    at(15);
    co_await sleep(work);
    at(16);
    print("Request " + std::to_string(i) + " finished");
}  // the permit is released here, when it is dropped

Task<void> semaphoreMain(ScenarioParams p)
{
    at(7);
    auto permits = Semaphore::create(static_cast<std::size_t>(p.get("permits")), "Semaphore::new(2)");
    std::vector<JoinHandle<void>> handles;
    for (int i = 1; i <= static_cast<int>(p.get("requests")); ++i) {
        at(12);
        handles.push_back(spawn(request(i, permits, p.ms("request_ms")), "request " + std::to_string(i)));
    }
    for (auto& handle : handles) {
        at(21);
        co_await handle;
    }
}
}  // namespace

Scenario makeSemaphoreScenario()
{
    return {"semaphore",
            "Semaphore: limit how many run at once",
            "5 requests share 2 permits: two run, three park until a finishing request releases its permit.",
            "A semaphore holds a number of permits. acquire().await takes one, or parks the task if none is "
            "left; the permit goes back when it is dropped. With 2 permits, requests 1 and 2 start at once and "
            "requests 3 to 5 queue up in order. Each finishing request releases its permit, and that release "
            "wakes the next request in line: no more than two are ever in flight.",
            2,
            {{"permits", 2, 1, 1000, "", "how many permits the semaphore has"},
             {"requests", 5, 1, 1000, "", "how many requests are spawned"},
             {"request_ms", 500, 0, 600000, "ms", "how long each request takes"}},
            semaphoreMain};
}

}  // namespace wl
