#include "ThreadedDriver.h"

#include "Scheduler.h"

#include <limits>

namespace wl {

ThreadedDriver::ThreadedDriver(Scheduler& scheduler) : scheduler_(scheduler), start_(std::chrono::steady_clock::now())
{
}

ThreadedDriver::~ThreadedDriver() { stop(); }

Instant ThreadedDriver::now() const
{
    return std::chrono::duration_cast<Duration>(std::chrono::steady_clock::now() - start_).count();
}

void ThreadedDriver::runUntil(JoinCore& root)
{
    {
        std::lock_guard lock(root.mutex);
        root.onFinished = [this] {
            std::lock_guard l(rootMutex_);
            rootCv_.notify_all();
        };
    }
    for (LaneId w = 0; w < scheduler_.workers(); ++w)
        workers_.emplace_back([this, w] { workerLoop(w); });
    timerThread_ = std::thread([this] { timerLoop(); });
    std::unique_lock lock(rootMutex_);
    // A stop request has no one to notify us: look at it a few times a second.
    while (!rootCv_.wait_for(lock, std::chrono::milliseconds(20),
                             [&] { return root.isFinished() || scheduler_.stopRequested(); })) {
    }
}

void ThreadedDriver::workerLoop(LaneId lane)
{
    ContextScope scope({&scheduler_, nullptr, nullptr, lane, 0});
    const auto noLimit = std::numeric_limits<Instant>::max();
    while (!stopping_.load()) {
        if (auto task = scheduler_.queues().take(lane, noLimit, lane + 1)) {
            scheduler_.runTask(lane, task);
            continue;
        }
        std::unique_lock lock(parkMutex_);
        // Counted as parked before the last look at the queues, so a push after that look always notifies.
        parked_.fetch_add(1);
        if (!stopping_.load() && !scheduler_.queues().hasWork(noLimit)) {
            scheduler_.record(EventKind::WorkerPark, scheduler_.stamp(), 0, lane);
            parkCv_.wait(lock, [&] { return stopping_.load() || scheduler_.queues().hasWork(noLimit); });
            scheduler_.record(EventKind::WorkerUnpark, scheduler_.stamp(), 0, lane);
        }
        parked_.fetch_sub(1);
    }
}

void ThreadedDriver::onRunnable()
{
    if (parked_.load() == 0)
        return;
    { std::lock_guard lock(parkMutex_); }
    parkCv_.notify_one();
}

void ThreadedDriver::onTimerArmed()
{
    { std::lock_guard lock(timerMutex_); }
    timerCv_.notify_one();
}

void ThreadedDriver::timerLoop()
{
    ContextScope scope({&scheduler_, nullptr, nullptr, kNoLane, 0});
    std::unique_lock lock(timerMutex_);
    while (!stopping_.load()) {
        const auto next = scheduler_.timers().nextDeadline();
        if (!next) {
            timerCv_.wait(lock);
            continue;
        }
        if (now() < *next) {
            timerCv_.wait_until(lock, start_ + Duration(*next));
            continue;
        }
        lock.unlock();
        for (auto& due : scheduler_.timers().takeDue(now())) {
            scheduler_.record(EventKind::TimerFired, scheduler_.stamp(), 0, kNoLane, 0, 0, due.timer);
            due.waker.wake(WakeSource::fromResource(due.timer));
        }
        lock.lock();
    }
}

void ThreadedDriver::holdWorker(Duration d, bool busy)
{
    if (!busy) {
        std::this_thread::sleep_for(d);
        return;
    }
    // Busy on purpose: CPU-bound work keeps the thread, which is the point being shown.
    const auto until = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < until) {
    }
}

void ThreadedDriver::submitBlocking(std::shared_ptr<BlockingJob> job)
{
    std::lock_guard lock(blockingMutex_);
    blockingQueue_.push_back(std::move(job));
    if (idleBlocking_ == 0 && blockingThreads_.size() < kMaxBlockingThreads) {
        const LaneId lane = scheduler_.addBlockingLane();
        blockingThreads_.emplace_back([this, lane] { blockingLoop(lane); });
    }
    blockingCv_.notify_one();
}

void ThreadedDriver::waitForBlocking(JoinCore& job)
{
    // The worker really blocks, as a std::thread join does; the wait is recorded as a thread sleep.
    const Instant start = now();
    while (!job.isFinished())
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    const auto& c = currentContext();
    scheduler_.record(EventKind::CpuWork, start, currentFutureId(), c.lane, 1, 0, 0, now() - start, currentSite());
}

void ThreadedDriver::blockingLoop(LaneId lane)
{
    std::unique_lock lock(blockingMutex_);
    while (!stopping_.load()) {
        if (blockingQueue_.empty()) {
            ++idleBlocking_;
            blockingCv_.wait(lock);
            --idleBlocking_;
            continue;
        }
        auto job = std::move(blockingQueue_.front());
        blockingQueue_.pop_front();
        lock.unlock();
        scheduler_.runBlocking(lane, *job);
        lock.lock();
    }
}

std::vector<std::shared_ptr<BlockingJob>> ThreadedDriver::stop()
{
    stopping_.store(true);
    { std::lock_guard l(parkMutex_); }
    parkCv_.notify_all();
    { std::lock_guard l(timerMutex_); }
    timerCv_.notify_all();
    { std::lock_guard l(blockingMutex_); }
    blockingCv_.notify_all();
    for (auto& t : workers_)
        t.join();
    workers_.clear();
    if (timerThread_.joinable())
        timerThread_.join();
    for (auto& t : blockingThreads_)
        t.join();
    blockingThreads_.clear();
    std::lock_guard lock(blockingMutex_);
    std::vector<std::shared_ptr<BlockingJob>> unstarted(blockingQueue_.begin(), blockingQueue_.end());
    blockingQueue_.clear();
    return unstarted;
}

}  // namespace wl
