// A producer task sends three messages through a bounded channel; main receives until the channel closes.
#include "Scenario.h"
#include "sync/Mpsc.h"

namespace wl {
namespace {
Task<void> producer(MpscSender<std::string> tx, Duration gap)
{
    for (int i = 1; i <= 3; ++i) {
        at(10);
        co_await tx.send("Message " + std::to_string(i));
        at(11);
        co_await sleep(gap);
    }
}

Task<void> mpscMain(ScenarioParams p)
{
    at(6);
    auto [tx, rx] = mpsc_channel<std::string>(static_cast<std::size_t>(p.get("capacity")), "mpsc::channel(32)");
    at(8);
    spawn(producer(std::move(tx), p.ms("gap_ms")), "producer").detach();
    for (;;) {
        at(15);
        auto msg = co_await rx.recv();
        if (!msg)
            break;
        at(16);
        print("Received: " + *msg);
    }
    at(18);
    print("Channel closed");
}
}  // namespace

Scenario makeMpscScenario()
{
    return {"mpsc",
            "mpsc: messages between tasks",
            "A producer task sends 3 messages; main receives each as it arrives, then sees the channel close.",
            "An mpsc channel connects tasks without shared state. rx.recv().await parks main while the channel is "
            "empty; each send puts a message in the buffer and wakes the receiver, so every message is received "
            "the moment it is sent. When the producer ends, its Sender is dropped with it: the channel closes and "
            "recv returns None, which ends main's loop. The spawned task's JoinHandle is dropped at once: the task "
            "is detached and runs on by itself.",
            2,
            {{"capacity", 32, 1, 1024, "", "how many messages the channel buffers"},
             {"gap_ms", 100, 0, 600000, "ms", "pause between two sends"}},
            mpscMain};
}

}  // namespace wl
