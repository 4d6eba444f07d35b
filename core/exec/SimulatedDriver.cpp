#include "SimulatedDriver.h"

#include "Runtime.h"
#include "Scheduler.h"

#include <algorithm>
#include <limits>

namespace wl {

SimulatedDriver::SimulatedDriver(Scheduler& scheduler, std::uint64_t seed)
    : scheduler_(scheduler), rng_(seed), lanes_(scheduler.workers())
{
}

Instant SimulatedDriver::now() const
{
    const LaneId lane = currentContext().lane;
    return lane < lanes_.size() ? lanes_[lane].clock : time_;
}

void SimulatedDriver::holdWorker(Duration d, bool /*busy: the same in virtual time*/)
{
    const LaneId lane = currentContext().lane;
    if (lane < lanes_.size())
        lanes_[lane].clock += d.count();
    else
        time_ += d.count();
}

void SimulatedDriver::submitBlocking(std::shared_ptr<BlockingJob> job) { blocking_.push_back({std::move(job), now()}); }

void SimulatedDriver::runUntil(JoinCore& root)
{
    ContextScope outside({&scheduler_, nullptr, nullptr, kNoLane, 0});
    while (!root.isFinished() && !scheduler_.stopRequested()) {
        if (fireTimers() || finishBlockingJobs() || runBlockingJob() || pollOnSomeWorker())
            continue;
        parkIdleWorkers();
        if (!advanceClock())
            break;  // nothing can ever move again: the root waits on something that will not come
    }
    for (const auto& lane : lanes_)
        time_ = std::max(time_, lane.clock);
}

bool SimulatedDriver::fireTimers()
{
    auto due = scheduler_.timers().takeDue(time_);
    for (auto& d : due) {
        scheduler_.record(EventKind::TimerFired, time_, 0, kNoLane, 0, 0, d.timer);
        d.waker.wake(WakeSource::fromResource(d.timer));
    }
    return !due.empty();
}

bool SimulatedDriver::runBlockingJob()
{
    auto it = std::find_if(blocking_.begin(), blocking_.end(), [&](const auto& p) { return p.readyAt <= time_; });
    if (it == blocking_.end())
        return false;
    startBlockingJob(it);
    return true;
}

void SimulatedDriver::startBlockingJob(std::deque<PendingJob>::iterator it)
{
    auto job = std::move(it->job);
    blocking_.erase(it);
    LaneId lane = kNoLane;
    auto busy = [&](LaneId i) {
        return std::any_of(running_.begin(), running_.end(), [&](const RunningJob& r) { return r.lane == i; });
    };
    for (LaneId i = scheduler_.workers(); i < lanes_.size(); ++i)
        if (lanes_[i].clock <= time_ && !busy(i)) {
            lane = i;
            break;
        }
    if (lane == kNoLane) {
        lane = scheduler_.addBlockingLane();
        lanes_.resize(lane + 1);
    }
    lanes_[lane].clock = time_;
    auto error = scheduler_.startBlocking(lane, *job);
    running_.push_back({std::move(job), lane, std::move(error)});
}

void SimulatedDriver::waitForBlocking(JoinCore& core)
{
    if (core.isFinished())
        return;
    // Jobs submitted by now have started by now in a real runtime (a thread runs from its spawn): those the driver
    // has not started yet (it starts them between polls) start here, in the order they were submitted.
    const bool queued = std::any_of(blocking_.begin(), blocking_.end(), [&](const auto& p) { return p.job->join.get() == &core; });
    if (queued) {
        const Instant saved = time_;
        time_ = std::max(time_, now());
        for (auto it = blocking_.begin(); it != blocking_.end();) {
            if (it->readyAt > time_) {
                ++it;
                continue;
            }
            const auto index = it - blocking_.begin();
            startBlockingJob(it);
            it = blocking_.begin() + index;
        }
        time_ = saved;
    }
    const auto running = std::find_if(running_.begin(), running_.end(), [&](const RunningJob& r) { return r.job->join.get() == &core; });
    if (running == running_.end())
        return;
    // The waiting lane is held (blocked, not computing) until the job's lane is done; then the job finishes.
    const Instant end = lanes_[running->lane].clock;
    if (end > now())
        thread_sleep(Duration(end - now()));
    RunningJob done = std::move(*running);
    running_.erase(running);
    scheduler_.finishBlocking(done.lane, *done.job, std::move(done.error));
}

bool SimulatedDriver::finishBlockingJobs()
{
    bool any = false;
    for (size_t i = 0; i < running_.size();) {
        if (lanes_[running_[i].lane].clock > time_) {
            ++i;
            continue;
        }
        RunningJob done = std::move(running_[i]);
        running_.erase(running_.begin() + static_cast<std::ptrdiff_t>(i));
        scheduler_.finishBlocking(done.lane, *done.job, std::move(done.error));
        any = true;
    }
    return any;
}

bool SimulatedDriver::pollOnSomeWorker()
{
    if (!scheduler_.queues().hasWork(time_))
        return false;
    std::vector<LaneId> free;
    for (LaneId w = 0; w < scheduler_.workers(); ++w)
        if (lanes_[w].clock <= time_)
            free.push_back(w);
    if (free.empty())
        return false;
    const LaneId w = free[random(free.size())];
    auto task = scheduler_.queues().take(w, time_, random(scheduler_.workers()));
    if (!task)
        return false;
    lanes_[w].clock = time_;
    if (lanes_[w].parked) {
        lanes_[w].parked = false;
        scheduler_.record(EventKind::WorkerUnpark, time_, 0, w);
    }
    scheduler_.runTask(w, task);
    return true;
}

void SimulatedDriver::parkIdleWorkers()
{
    for (LaneId w = 0; w < scheduler_.workers(); ++w) {
        if (lanes_[w].clock <= time_ && !lanes_[w].parked) {
            lanes_[w].parked = true;
            scheduler_.record(EventKind::WorkerPark, lanes_[w].clock, 0, w);
        }
    }
}

bool SimulatedDriver::advanceClock()
{
    std::optional<Instant> next = scheduler_.timers().nextDeadline();
    auto consider = [&](Instant t) {
        if (t > time_ && (!next || t < *next))
            next = t;
    };
    if (auto r = scheduler_.queues().nextReadyAfter(time_))
        consider(*r);
    for (const auto& lane : lanes_)
        consider(lane.clock);
    for (const auto& p : blocking_)
        consider(p.readyAt);
    if (!next)
        return false;
    time_ = std::max(time_, *next);
    return true;
}

std::vector<std::shared_ptr<BlockingJob>> SimulatedDriver::stop()
{
    // Jobs that ran finish first: a runtime waits for blocking work that has started.
    for (auto& r : running_)
        scheduler_.finishBlocking(r.lane, *r.job, std::move(r.error));
    running_.clear();
    std::vector<std::shared_ptr<BlockingJob>> unstarted;
    for (auto& p : blocking_)
        unstarted.push_back(std::move(p.job));
    blocking_.clear();
    return unstarted;
}

}  // namespace wl
