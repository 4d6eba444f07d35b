#pragma once
// Threaded mode: N worker threads, a timer thread and a blocking pool on the real monotonic clock. An idle worker
// parks on a condition variable and a wake unparks one. What it records is what really happened.
#include "Driver.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace wl {

class Scheduler;

class ThreadedDriver final : public Driver {
public:
    static constexpr size_t kMaxBlockingThreads = 64;

    explicit ThreadedDriver(Scheduler& scheduler);
    ~ThreadedDriver() override;
    Instant now() const override;
    void runUntil(JoinCore& root) override;
    void onRunnable() override;
    void onTimerArmed() override;
    void holdWorker(Duration d, bool busy) override;
    void submitBlocking(std::shared_ptr<BlockingJob> job) override;
    void waitForBlocking(JoinCore& job) override;
    std::vector<std::shared_ptr<BlockingJob>> stop() override;

private:
    void workerLoop(LaneId lane);
    void timerLoop();
    void blockingLoop(LaneId lane);

    Scheduler& scheduler_;
    const std::chrono::steady_clock::time_point start_;
    std::atomic<bool> stopping_{false};

    std::mutex parkMutex_;
    std::condition_variable parkCv_;
    std::atomic<int> parked_{0};
    std::vector<std::thread> workers_;

    std::mutex timerMutex_;
    std::condition_variable timerCv_;
    std::thread timerThread_;

    std::mutex blockingMutex_;
    std::condition_variable blockingCv_;
    std::deque<std::shared_ptr<BlockingJob>> blockingQueue_;
    size_t idleBlocking_ = 0;
    std::vector<std::thread> blockingThreads_;

    std::mutex rootMutex_;
    std::condition_variable rootCv_;
};

}  // namespace wl
