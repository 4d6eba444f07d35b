#pragma once
// Threaded mode: N worker threads and a blocking pool on the real monotonic clock, each worker taking turns
// (Scheduler::workerTurn) until it finds nothing. Then it polls the time driver and parks; as in tokio there is no
// timer thread: the first worker to park sleeps in the driver until the next deadline, the others on a condition
// variable, and a wake unparks one. While every worker is busy, timers wait. What it records is what really happened.
// A run where nothing can move any more (every worker parked with nothing queued, no timer armed, the blocking pool
// idle, and so for 100 ms) is ended as the simulated driver ends it: compiled Rust would hang there.
#include "Driver.h"
#include "JoinHandle.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace wl {

class Scheduler;

class ThreadedDriver final : public Driver, private JoinCore::Listener {
public:
    static constexpr size_t kMaxBlockingThreads = 64;

    explicit ThreadedDriver(Scheduler& scheduler);
    ~ThreadedDriver() override;
    Instant now() const override;
    void runUntil(JoinCore& root) override;
    void finished() override;  // the root task finished: runUntil returns
    void onRunnable() override;
    void onTimerArmed() override;
    void holdWorker(Duration d, bool busy) override;
    void submitBlocking(std::shared_ptr<BlockingJob> job) override;
    void waitForBlocking(JoinCore& job) override;
    std::vector<std::shared_ptr<BlockingJob>> stop() override;

private:
    static constexpr Instant kNoLimit = std::numeric_limits<Instant>::max();
    void workerLoop(LaneId lane);
    void park(LaneId lane);
    bool mayStayParked(LaneId lane) const;  // nothing it could run and no timer due; parkMutex_ held
    bool stuck();  // every worker parked, nothing queued, no timer armed, the blocking pool idle
    void blockingLoop(LaneId lane);

    Scheduler& scheduler_;
    const std::chrono::steady_clock::time_point start_;
    std::atomic<bool> stopping_{false};

    std::mutex parkMutex_;
    std::condition_variable parkCv_;    // workers parked without the driver
    std::condition_variable driverCv_;  // the worker parked in the driver
    bool driverHeld_ = false;
    int parkedOnCondvar_ = 0;
    std::atomic<int> parked_{0};
    std::atomic<std::uint64_t> unparks_{0};  // workers that left park: progress, for stuck()'s watcher
    // Parked workers notified as searchers and not yet up (under parkMutex_): the next worker to leave park takes
    // one and searches. A notify goes out only while some parked worker has not been claimed this way.
    int wokenSearching_ = 0;
    std::vector<std::thread> workers_;

    std::mutex blockingMutex_;
    std::condition_variable blockingCv_;
    std::deque<std::shared_ptr<BlockingJob>> blockingQueue_;
    size_t idleBlocking_ = 0;
    std::vector<std::thread> blockingThreads_;

    std::mutex rootMutex_;
    std::condition_variable rootCv_;
};

}  // namespace wl
