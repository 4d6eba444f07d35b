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
        root.onFinished = this;
    }
    for (LaneId w = 0; w < scheduler_.workers(); ++w)
        workers_.emplace_back([this, w] { workerLoop(w); });
    std::unique_lock lock(rootMutex_);
    // A stop request has no one to notify us: look at it a few times a second; and whether the run is stuck, on
    // five looks in a row with no worker unparked between them (a wake in flight unparks one).
    int stuckLooks = 0;
    std::uint64_t unparks = unparks_.load();
    while (!rootCv_.wait_for(lock, std::chrono::milliseconds(20),
                             [&] { return root.isFinished() || scheduler_.stopRequested(); })) {
        lock.unlock();
        const bool still = unparks_.load() == unparks && stuck();
        unparks = unparks_.load();
        lock.lock();
        stuckLooks = still ? stuckLooks + 1 : 0;
        if (stuckLooks == 5)
            return;  // the root waits on something that will not come: block_on shuts the run down
    }
}

bool ThreadedDriver::stuck()
{
    {
        std::lock_guard lock(parkMutex_);
        if (parked_.load() != int(scheduler_.workers()) || wokenSearching_ > 0 || scheduler_.timers().nextDeadline())
            return false;
        for (LaneId w = 0; w < scheduler_.workers(); ++w)
            if (scheduler_.queues().hasWorkFor(w, kNoLimit))
                return false;
    }
    std::lock_guard lock(blockingMutex_);
    return blockingQueue_.empty() && idleBlocking_ == blockingThreads_.size();
}

void ThreadedDriver::finished()
{
    std::lock_guard lock(rootMutex_);
    rootCv_.notify_all();
}

void ThreadedDriver::workerLoop(LaneId lane)
{
    ContextScope scope({&scheduler_, nullptr, nullptr, lane, 0});
    std::uint64_t random = 0x9E3779B97F4A7C15ull * (lane + 1);  // xorshift: where a steal starts
    while (!stopping_.load(std::memory_order_relaxed)) {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        if (scheduler_.workerTurn(lane, kNoLimit, random))
            continue;
        // About to park: the driver first (worker.rs: park polls it), which may hand this worker a woken task.
        if (scheduler_.pollDriver(lane) > 0)
            continue;
        park(lane);
    }
}

bool ThreadedDriver::mayStayParked(LaneId lane) const
{
    if (stopping_.load() || scheduler_.queues().hasWorkFor(lane, kNoLimit))
        return false;
    const auto next = scheduler_.timers().nextDeadline();
    return !next || *next > now();
}

void ThreadedDriver::park(LaneId lane)
{
    // No longer searching, and counted as parked, before the last look at the queues: a push after that look sees
    // both and notifies (a push while another worker still searches relies on that worker's own last look).
    scheduler_.stopSearching(lane);  // the last searcher's last look below is tokio's notify_if_work_pending
    std::unique_lock lock(parkMutex_);
    parked_.fetch_add(1);
    if (mayStayParked(lane)) {
        scheduler_.record(EventKind::WorkerPark, scheduler_.stamp(), 0, lane);
        // park.rs: the first worker to park holds the driver and sleeps until the next deadline; the others sleep
        // on a condition variable. A worker that was unparked leaves the driver to whoever parks next.
        do {
            if (!driverHeld_) {
                driverHeld_ = true;
                const auto next = scheduler_.timers().nextDeadline();
                if (next)
                    driverCv_.wait_until(lock, start_ + Duration(*next));
                else
                    driverCv_.wait(lock);
                driverHeld_ = false;
            } else {
                ++parkedOnCondvar_;
                parkCv_.wait(lock);
                --parkedOnCondvar_;
            }
        } while (wokenSearching_ == 0 && mayStayParked(lane));
        scheduler_.record(EventKind::WorkerUnpark, scheduler_.stamp(), 0, lane);
    }
    if (wokenSearching_ > 0) {  // a notify counted a searcher: this worker is it
        --wokenSearching_;
        scheduler_.adoptSearching(lane);
    }
    parked_.fetch_sub(1);
    unparks_.fetch_add(1);
}

void ThreadedDriver::onRunnable()
{
    // idle.rs: notify_should_wakeup: nobody parked, or someone searching who will find it.
    if (parked_.load() == 0 || scheduler_.queues().searching() > 0)
        return;
    bool onCondvar;
    {
        std::lock_guard lock(parkMutex_);
        if (parked_.load() <= wokenSearching_ || scheduler_.queues().searching() > 0)
            return;
        // unpark_one: the woken worker is a searcher from now on, so the next wakes leave the other sleepers be.
        ++wokenSearching_;
        scheduler_.queues().notifySearching();
        onCondvar = parkedOnCondvar_ > 0;
    }
    // Notified after the unlock (as tokio's Parker does): a sleeper woken under the lock would wake only to
    // block on it, and its holder's unlock would cost a second futex call. The token above is what the sleeper
    // looks for, under the lock, so the notify cannot be lost.
    if (onCondvar)
        parkCv_.notify_one();
    else
        driverCv_.notify_one();
}

void ThreadedDriver::onTimerArmed()
{
    // The worker sleeping in the driver sleeps until the deadline it saw; an earlier one must wake it.
    if (parked_.load() == 0)
        return;
    std::lock_guard lock(parkMutex_);
    if (driverHeld_)
        driverCv_.notify_one();
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
    {
        std::lock_guard l(parkMutex_);
        parkCv_.notify_all();
        driverCv_.notify_all();
    }
    { std::lock_guard l(blockingMutex_); }
    blockingCv_.notify_all();
    for (auto& t : workers_)
        t.join();
    workers_.clear();
    for (auto& t : blockingThreads_)
        t.join();
    blockingThreads_.clear();
    std::lock_guard lock(blockingMutex_);
    std::vector<std::shared_ptr<BlockingJob>> unstarted(blockingQueue_.begin(), blockingQueue_.end());
    blockingQueue_.clear();
    return unstarted;
}

}  // namespace wl
