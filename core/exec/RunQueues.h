#pragma once
// The run queues both drivers share: one local FIFO per worker plus a global injection FIFO (tokio's shape).
// A task woken or spawned on a worker goes to that worker's queue; one woken from outside (a timer, the caller of
// block_on, a blocking job) goes to the global queue; a worker with nothing local takes from the global queue,
// then steals from another worker.
#include "Time.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace wl {

struct TaskCore;

class RunQueues {
public:
    explicit RunQueues(std::uint32_t workers);

    // readyAt: when the wake happened; the simulated driver lets a worker take only what was ready by its time.
    void push(std::shared_ptr<TaskCore> task, std::uint32_t fromWorker, Instant readyAt);
    void pushGlobal(std::shared_ptr<TaskCore> task, Instant readyAt);
    // Local first, then global, then steal, starting the victim search at stealStart (mod workers).
    std::shared_ptr<TaskCore> take(std::uint32_t worker, Instant readyBy, std::uint64_t stealStart);
    bool hasWork(Instant readyBy) const;
    // The earliest readyAt later than `after`, if any (lets the simulated clock jump).
    std::optional<Instant> nextReadyAfter(Instant after) const;
    void clear();

private:
    struct Entry {
        std::shared_ptr<TaskCore> task;
        Instant readyAt;
    };
    using Queue = std::deque<Entry>;
    static std::shared_ptr<TaskCore> takeReady(Queue& q, Instant readyBy);

    mutable std::mutex mutex_;
    std::vector<Queue> local_;
    Queue global_;
};

}  // namespace wl
