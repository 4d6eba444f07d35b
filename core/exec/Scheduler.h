#pragma once
// All scheduling logic, shared by the threaded and the simulated driver: spawning, waking, polling, cancelling,
// timers, the blocking pool's bookkeeping, lanes, and recording every step of it.
#include "../trace/Recorder.h"
#include "Driver.h"
#include "LiveTasks.h"
#include "RunControl.h"
#include "RunQueues.h"
#include "TaskCore.h"
#include "TimerQueue.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace wl {

class Scheduler {
public:
    Scheduler(Mode mode, std::uint32_t workers, bool recording, std::shared_ptr<RunControl> control);
    ~Scheduler();

    Mode mode() const { return mode_; }
    std::uint32_t workers() const { return workers_; }
    Recorder& recorder() { return recorder_; }
    RunQueues& queues() { return queues_; }
    TimerQueue& timers() { return timers_; }
    void setDriver(Driver* d) { driver_ = d; }
    Driver& driver() { return *driver_; }
    RunControl& control() { return *control_; }
    bool stopRequested() const { return control_->stop.load(std::memory_order_relaxed); }
    Instant now() const { return driver_->now(); }

    // --- tasks
    void registerSpawn(const std::shared_ptr<TaskCore>& task, std::string name);
    void registerBlocking(const std::shared_ptr<BlockingJob>& job, std::string name);
    TaskId registerFuture(std::string name);  // a join/select arm: a future inside the current task
    void wake(TaskCore& task, TaskId future, WakeSource source);
    void abort(TaskCore& task, TaskId by);
    // One turn of worker `w`'s loop (tokio's worker.rs: Context::run): its tick, the time driver every 61 ticks,
    // the next task by RunQueues' order (stealing if there is none), its poll, then up to kLifoBudget tasks
    // that polls put in the LIFO slot. readyBy: what the simulated clock lets it take; random: where a steal
    // starts. False when it found nothing to run: the driver parks it (after pollDriver).
    bool workerTurn(LaneId w, Instant readyBy, std::uint64_t random);
    // Worker `w` stops searching for work to steal (it found some, or it is about to park); true when it was the
    // last worker searching.
    bool stopSearching(LaneId w);
    // Worker `w` was unparked as a searcher (RunQueues::notifySearching counted it): it is searching now.
    void adoptSearching(LaneId w);
    // The time driver, polled by worker `w` (about to park, or every kEventInterval ticks): fires every timer due
    // by w's clock, waking its task onto w. Returns how many fired.
    std::size_t pollDriver(LaneId w);
    // One poll of `task` on `lane` (or its cancellation, if it was aborted).
    void runTask(LaneId lane, std::shared_ptr<TaskCore> task);  // by value: a task woken while it ran goes back in

    static constexpr std::uint32_t kEventInterval = 61;  // worker.rs / current_thread.rs: event_interval
    // The guard against the LIFO slot starving the queue: tokio 1.24 goes on polling what lands in the slot while
    // the turn's coop budget lasts (coop.rs: 128 units, about one per operation on a channel, timer or lock),
    // then moves the slot's task to the back of the local queue without waking anyone. Modelled as 128 polls.
    static constexpr std::uint32_t kLifoBudget = 128;
    void runBlocking(LaneId lane, BlockingJob& job) { finishBlocking(lane, job, startBlocking(lane, job)); }
    // The two halves of runBlocking, apart so the simulated driver can publish the result only when virtual
    // time reaches the job's end: start runs the function and returns its error text, if any.
    std::optional<std::string> startBlocking(LaneId lane, BlockingJob& job);
    void finishBlocking(LaneId lane, BlockingJob& job, std::optional<std::string> error);
    // Runtime shutdown: every task still alive is dropped and recorded as cancelled; unstarted blocking jobs too.
    void shutdown(const std::vector<std::shared_ptr<BlockingJob>>& unstarted);

    // --- resources, lanes
    ResourceId addResource(std::string kind, std::string name);
    LaneId addBlockingLane();
    std::vector<LaneInfo> lanes() const;

    // --- recording. stamp() gives the time for an event about `about`: now, nudged in threaded mode so that one
    // task's events are strictly ordered even when two threads read the same clock tick. A threaded run that
    // records nothing reads no clock for it (0): its stamps only order events and readiness, which it does not need.
    Instant stamp(TaskCore* about = nullptr);
    void record(EventKind kind, Instant time, TaskId task, LaneId lane, std::uint8_t detail = 0, TaskId peer = 0,
                ResourceId resource = 0, std::int64_t value = 0, std::uint32_t site = 0)
    {
        if (recorder_.enabled())
            recorder_.record(Event{time, value, task, peer, resource, site, lane, kind, detail});
    }

private:
    void complete(TaskCore& task, LaneId lane);
    void cancel(TaskCore& task, CancelReason reason, TaskId by, LaneId lane);
    void forget(TaskCore& task);

    const Mode mode_;
    const std::uint32_t workers_;
    Recorder recorder_;
    RunQueues queues_;
    TimerQueue timers_;
    Driver* driver_ = nullptr;
    std::shared_ptr<RunControl> control_;
    std::atomic<TaskId> nextTaskId_{1};
    std::atomic<ResourceId> nextResourceId_{1};

    LiveTasks live_;  // every task spawned and not yet ended (shutdown drops them in id order)

    mutable std::mutex laneMutex_;
    std::vector<LaneInfo> lanes_;

    struct alignas(64) WorkerState {  // touched only by the worker's own thread
        std::uint64_t tick = 0;
        bool searching = false;
    };
    std::vector<WorkerState> workerState_;
};

}  // namespace wl
