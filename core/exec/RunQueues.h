#pragma once
// The run queues and the order a worker takes from them, modelled on tokio 1.24's schedulers
// (runtime/scheduler/multi_thread/{worker,queue,idle}.rs and runtime/scheduler/current_thread.rs):
// - Each worker has a local FIFO of at most 256 tasks (queue.rs: LOCAL_QUEUE_CAPACITY; lock-free, LocalQueue.h)
//   and a LIFO slot.
// - A task woken or spawned by the task running on a worker goes to that worker's LIFO slot; the slot's previous
//   task moves to the back of the local queue (worker.rs: schedule_local). A task that woke itself while it ran
//   (a yield) goes to the back of the local queue (is_yield).
// - A full local queue moves its older half and the new task to the global queue (queue.rs: push_overflow).
// - A task woken from outside the workers (the caller of block_on, a blocking job) goes to the global inject queue.
// - A worker takes (worker.rs: next_task): on every 31st tick the global queue first, otherwise its LIFO slot, its
//   local queue, then the global queue. With nothing there it searches: it steals half of another worker's local
//   queue, never a LIFO slot (queue.rs: steal_into), and at most half of the workers search at once (idle.rs).
// - One worker is a current_thread runtime: one FIFO, no LIFO slot, no stealing.
// Every placement is recorded as a Queued event, so the trace can show where each runnable task waits.
// Each entry carries readyAt, when it became runnable: the simulated driver lets a worker take only what was ready
// by its virtual time (a task queued by a worker that is ahead in virtual time does not exist yet for the others).
#include "../trace/Event.h"
#include "FifoRing.h"
#include "LocalQueue.h"
#include "Time.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace wl {

class Recorder;

class RunQueues {
public:
    static constexpr std::uint32_t kGlobalQueueInterval = 31;  // worker.rs / current_thread.rs: global_queue_interval

    RunQueues(std::uint32_t workers, Recorder& recorder);
    ~RunQueues();

    bool currentThread() const { return workers_ == 1; }

    // `task` became runnable at `readyAt`, scheduled at `at` (earlier in simulated mode when it was woken while a
    // poll ahead in virtual time had not ended yet). from: the lane whose code made it runnable (a worker: local;
    // anything else: the global queue). yield: it woke itself while it ran. True when another worker could now
    // take work (worth unparking one, as tokio's should_notify).
    bool schedule(std::shared_ptr<TaskCore> task, LaneId from, Instant at, Instant readyAt, bool yield);
    // next_task on `worker` at its `tick`: LIFO slot, local queue and the global queue, in tokio's order.
    std::shared_ptr<TaskCore> next(LaneId worker, std::uint64_t tick, Instant readyBy);
    // The task in the LIFO slot, run straight after the poll that put it there (worker.rs: run_task), once it is
    // ready (in simulated mode, not while its last poll is still running on a lane ahead in virtual time).
    std::shared_ptr<TaskCore> takeLifo(LaneId worker, Instant readyBy);
    // When the turn's budget is spent, the slot's task goes to the back of the local queue.
    void demoteLifo(LaneId worker, Instant at);
    // steal_work: half of the first victim's ready tasks (starting at `start`), the first returned to run and the
    // rest queued on `thief`; then the global queue. Recorded as Stolen at the time `now` gives.
    std::shared_ptr<TaskCore> steal(LaneId thief, Instant readyBy, std::uint64_t start,
                                    const std::function<Instant()>& now);

    bool hasLocal(LaneId worker, Instant readyBy) const;  // in its LIFO slot or local queue
    bool hasGlobal(Instant readyBy) const;
    bool hasStealable(LaneId thief, Instant readyBy) const;
    // What `worker` could take: its own queues, the global queue or another's local queue (never another's LIFO
    // slot, which only that worker runs).
    bool hasWorkFor(LaneId worker, Instant readyBy) const;
    // The earliest readyAt later than `after`, if any (lets the simulated clock jump).
    std::optional<Instant> nextReadyAfter(Instant after) const;
    void clear();

    // idle.rs: a worker may start searching (stealing) only while fewer than half of the workers search.
    bool startSearching();
    bool stopSearching();  // true when it was the last worker searching
    // idle.rs: unpark_one: a worker woken for new work counts as searching from the moment it is notified, so
    // that the wakes that follow do not wake another for the same work.
    void notifySearching() { searching_.fetch_add(1, std::memory_order_seq_cst); }
    std::uint32_t searching() const { return searching_.load(std::memory_order_seq_cst); }

private:
    using Entry = LocalQueue::Entry;
    // A worker's own queues. The LIFO slot is touched only by its worker's thread (and in simulated mode all is
    // one thread), so it needs no lock; the local queue is lock-free (LocalQueue) on a multi_thread runtime and a
    // plain ring, touched by its one worker only, on current_thread.
    struct alignas(64) Worker {
        LocalQueue ring;       // multi_thread
        FifoRing<Entry> fifo;  // current_thread: unbounded, as tokio's VecDeque
        Entry lifo;            // empty task: the slot is empty
    };
    void pushLocal(LaneId worker, Entry entry, Instant at);  // with push_overflow
    void pushGlobal(Entry entry, Instant at, QueuePlace place, LaneId from);
    std::shared_ptr<TaskCore> popGlobal(Instant readyBy);
    // `entry` arrives in `queue` at `at`: it is runnable there from then (or later), and a Queued event says so.
    void arrive(Entry& entry, LaneId queue, QueuePlace place, Instant at, LaneId from = kNoLane);
    void recordQueued(TaskId task, Instant readyAt, LaneId queue, QueuePlace place, LaneId from);
    bool localReady(const Worker& q, Instant readyBy) const;

    const std::uint32_t workers_;
    Recorder& recorder_;
    std::vector<std::unique_ptr<Worker>> local_;
    mutable std::mutex globalMutex_;
    FifoRing<Entry> global_;
    std::atomic<std::size_t> globalSize_{0};  // read without the lock: most takes find the global queue empty
    std::atomic<std::uint32_t> searching_{0};
};

}  // namespace wl
