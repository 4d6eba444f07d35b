// A fast producer fills a small channel and parks until the slow consumer makes room: backpressure.
#include "Scenario.h"
#include "sync/Mpsc.h"

namespace wl {
namespace {
Task<void> producer(MpscSender<int> tx, int count)
{
    for (int i = 1; i <= count; ++i) {
        at(10);
        co_await tx.send(i);
        at(11);
        print("Sent " + std::to_string(i));
    }
}

Task<void> backpressureMain(ScenarioParams p)
{
    at(6);
    auto [tx, rx] = mpsc_channel<int>(static_cast<std::size_t>(p.get("capacity")), "mpsc::channel(2)");
    at(8);
    auto handle = spawn(producer(std::move(tx), static_cast<int>(p.get("messages"))), "producer");
    for (;;) {
        at(15);
        auto n = co_await rx.recv();
        if (!n)
            break;
        at(16);
        co_await sleep(p.ms("process_ms"));
        at(17);
        print("Processed " + std::to_string(*n));
    }
    at(19);
    co_await handle;
}
}  // namespace

Scenario makeMpscBackpressureScenario()
{
    return {"mpsc_backpressure",
            "Backpressure: a full channel parks the sender",
            "A fast producer fills a 2-slot channel and parks; each receive wakes it to send one more.",
            "A bounded channel limits how far a producer can run ahead. With room for 2 messages, the producer "
            "sends 1, 2 and 3 at once (main has already taken 1), then its send finds the channel full and parks. "
            "It is not polled again until main receives a message and frees a slot: that recv wakes the "
            "producer. From then on producer and consumer move in lockstep, at the consumer's pace.",
            2,
            {{"capacity", 2, 1, 1024, "", "how many messages the channel buffers"},
             {"messages", 6, 1, 1000, "", "how many messages the producer sends"},
             {"process_ms", 200, 0, 600000, "ms", "how long the consumer takes per message"}},
            backpressureMain};
}

}  // namespace wl
