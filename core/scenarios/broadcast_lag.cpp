// A slow receiver on a small broadcast channel falls behind and loses the oldest messages: Lagged(n).
#include "Scenario.h"
#include "sync/Broadcast.h"

namespace wl {
namespace {
Task<void> slowReader(BroadcastReceiver<int> slow, Duration pause)
{
    for (;;) {
        at(10);
        co_await sleep(pause);
        at(11);
        auto r = co_await slow.recv();
        if (auto* n = std::get_if<0>(&r)) {
            at(12);
            print("Slow receiver got " + std::to_string(*n));
        } else if (auto* lag = std::get_if<1>(&r)) {
            at(13);
            print("Slow receiver lagged by " + std::to_string(lag->missed));
        } else {
            break;
        }
    }
}

Task<void> lagMain(ScenarioParams p)
{
    at(6);
    auto [tx, slow] = broadcast_channel<int>(static_cast<std::size_t>(p.get("capacity")), "broadcast::channel(2)");
    at(8);
    auto reader = spawn(slowReader(std::move(slow), p.ms("reader_pause_ms")), "slow receiver");
    for (int n = 1; n <= static_cast<int>(p.get("messages")); ++n) {
        at(20);
        tx.send(n);
        at(21);
        co_await sleep(p.ms("send_gap_ms"));
    }
    at(23);
    { auto dropped = std::move(tx); }
    at(24);
    co_await reader;
}
}  // namespace

Scenario makeBroadcastLagScenario()
{
    return {"broadcast_lag",
            "broadcast: a slow receiver lags",
            "A 2-slot broadcast channel and a receiver 3x slower than the sender: it lags and loses messages.",
            "A broadcast channel keeps only the newest messages (here 2). The sender never waits for slow "
            "receivers; when a receiver falls further behind than the capacity, the oldest messages are gone "
            "for it. Its next recv returns Lagged(n), saying how many it missed, and then it continues from the "
            "oldest message still kept. That is the price of never blocking the sender.",
            2,
            {{"capacity", 2, 1, 1024, "", "how many messages the channel keeps"},
             {"messages", 6, 1, 1000, "", "how many messages are sent"},
             {"send_gap_ms", 100, 0, 600000, "ms", "pause between two sends"},
             {"reader_pause_ms", 350, 0, 600000, "ms", "how long the receiver waits before each recv"}},
            lagMain};
}

}  // namespace wl
