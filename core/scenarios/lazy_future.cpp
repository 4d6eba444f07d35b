// Futures are lazy: creating one runs nothing. A hand-written future returns Pending once, then Ready.
#include "Scenario.h"

namespace wl {
namespace {
// OnceMore, written by hand like an `impl Future`: each pass of the loop is one call of poll().
Task<int> OnceMore()
{
    bool polled = false;
    for (;;) {
        at(10);
        if (polled) {
            at(11);
            print("Polled again: Ready");
            at(12);
            co_return 42;
        }
        at(14);
        print("First poll: Pending");
        polled = true;
        at(16);
        currentWaker().wake(WakeSource::here());  // cx.waker().wake_by_ref(): poll me again
        at(17);
        co_await Park{};
    }
}

Task<void> lazyMain(ScenarioParams p)
{
    at(23);
    auto future = OnceMore().named("OnceMore");
    at(24);
    print("Future created; nothing has run yet");
    at(25);
    co_await sleep(p.ms("delay_ms"));
    at(26);
    print("Now awaiting it");
    at(27);
    const int value = co_await std::move(future);
    at(28);
    print("Result: " + std::to_string(value));
}
}  // namespace

Scenario makeLazyFutureScenario()
{
    return {"lazy_future",
            "Futures are lazy",
            "Creating a future runs nothing; it is polled only when awaited: Pending once, then Ready.",
            "A Rust future does nothing until something polls it. main creates OnceMore, waits a second, and only "
            "then awaits it: until that moment no line of OnceMore has run. Its first poll prints, asks its waker "
            "to wake the task again, and returns Pending; the executor polls the task again and this time "
            "OnceMore returns Ready(42). Every await in an async fn is this same poll/Pending/wake dance.",
            1,
            {{"delay_ms", 1000, 0, 600000, "ms", "how long main waits before awaiting the future"}},
            lazyMain};
}

}  // namespace wl
