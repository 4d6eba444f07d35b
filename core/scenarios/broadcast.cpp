// One sender, three receivers: every receiver gets every message.
#include "Scenario.h"
#include "sync/Broadcast.h"

namespace wl {
namespace {
Task<void> receiver(int i, BroadcastReceiver<std::string> rx)
{
    for (;;) {
        at(12);
        auto msg = co_await rx.recv();
        if (msg.index() != 0)
            break;
        at(13);
        print("Receiver " + std::to_string(i) + " got: " + std::get<0>(msg));
    }
}

Task<void> broadcastMain(ScenarioParams p)
{
    at(6);
    auto tx = broadcast_channel<std::string>(static_cast<std::size_t>(p.get("capacity")), "broadcast::channel(16)").first;
    std::vector<JoinHandle<void>> handles;
    for (int i = 1; i <= static_cast<int>(p.get("receivers")); ++i) {
        at(10);
        auto rx = tx.subscribe();
        at(11);
        handles.push_back(spawn(receiver(i, std::move(rx)), "receiver " + std::to_string(i)));
    }
    at(18);
    tx.send("hello");
    at(19);
    co_await sleep(p.ms("gap_ms"));
    at(20);
    tx.send("world");
    at(21);
    co_await sleep(p.ms("gap_ms"));
    at(22);
    { auto dropped = std::move(tx); }
    for (auto& handle : handles) {
        at(25);
        co_await handle;
    }
}
}  // namespace

Scenario makeBroadcastScenario()
{
    return {"broadcast",
            "broadcast: every receiver gets every message",
            "One sender, three receivers: each receiver gets both messages, then sees the channel close.",
            "A broadcast channel hands a copy of each message to every receiver that subscribed. The three "
            "receiver tasks park on recv; one send wakes all three, and each one takes its own copy. Dropping "
            "the sender closes the channel: every receiver's loop ends with Closed.",
            4,
            {{"capacity", 16, 1, 1024, "", "how many messages the channel keeps"},
             {"receivers", 3, 1, 64, "", "how many receiver tasks subscribe"},
             {"gap_ms", 100, 0, 600000, "ms", "pause after each send"}},
            broadcastMain};
}

}  // namespace wl
