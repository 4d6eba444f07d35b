#include "SimulatedDriver.h"

#include "Executor.h"
#include "Runtime.h"
#include "Scheduler.h"

#include <algorithm>
#include <array>
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
        if (finishBlockingJobs() || runBlockingJob() || turnSomeWorker() || pollDriverOnIdleWorker())
            continue;
        parkIdleWorkers();
        if (!advanceClock())
            break;  // nothing can ever move again: the root waits on something that will not come
    }
    for (const auto& lane : lanes_)
        time_ = std::max(time_, lane.clock);
}

void SimulatedDriver::onRunnable()
{
    std::uint32_t parked = 0;
    for (LaneId w = 0; w < scheduler_.workers(); ++w)
        parked += lanes_[w].parked;
    if (notifications_ < parked)
        ++notifications_;
}

void SimulatedDriver::activate(LaneId w)
{
    lanes_[w].clock = time_;
    if (lanes_[w].parked) {
        lanes_[w].parked = false;
        scheduler_.record(EventKind::WorkerUnpark, time_, 0, w);
    }
}

bool SimulatedDriver::pollDriverOnIdleWorker()
{
    // Timers fire only when a worker polls the driver: here, a free worker about to park (or parked on the driver,
    // which returns at the deadline). While every worker is busy, a due timer waits (tokio's behaviour: a busy
    // current_thread runtime fires its timers late).
    const auto next = scheduler_.timers().nextDeadline();
    if (!next || *next > time_)
        return false;
    std::vector<LaneId> idle;
    for (LaneId w = 0; w < scheduler_.workers(); ++w)
        if (lanes_[w].clock <= time_)
            idle.push_back(w);
    if (idle.empty())
        return false;
    const LaneId w = idle[random(idle.size())];
    activate(w);
    ContextScope scope({&scheduler_, nullptr, nullptr, w, 0});
    return scheduler_.pollDriver(w) > 0;
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

bool SimulatedDriver::turnSomeWorker()
{
    // The workers that are free by now and would find something: in their own queues, in the global queue, or to
    // steal. The seed picks which of them moves (a parked one is unparked, as tokio's notify_parked would).
    // A parked worker looks elsewhere than its own queues only when a wake notified it (idle.rs: a wake that
    // queues stealable work unparks one sleeper; one that only fills the LIFO slot unparks nobody).
    // A free worker that finds nothing parks at once (its driver poll is pollDriverOnIdleWorker's); a notification
    // that finds nothing left to take is spent (the worker it woke would look, find nothing and park again).
    auto& queues = scheduler_.queues();
    const bool global = queues.hasGlobal(time_);
    std::array<LaneId, Executor::kMaxWorkers> ready;  // (in place: a turn is the simulation's innermost loop)
    std::size_t readyCount = 0;
    bool anyElsewhere = false;
    for (LaneId w = 0; w < scheduler_.workers(); ++w) {
        if (lanes_[w].clock > time_)
            continue;
        const bool elsewhere = global || queues.hasStealable(w, time_);
        anyElsewhere = anyElsewhere || elsewhere;
        if (queues.hasLocal(w, time_) || (elsewhere && (!lanes_[w].parked || notifications_ > 0)))
            ready[readyCount++] = w;
        else
            park(w);
    }
    if (!anyElsewhere)
        notifications_ = 0;
    if (readyCount == 0)
        return false;
    const LaneId w = ready[random(readyCount)];
    if (lanes_[w].parked && !queues.hasLocal(w, time_))
        --notifications_;
    activate(w);
    ContextScope scope({&scheduler_, nullptr, nullptr, w, 0});
    return scheduler_.workerTurn(w, time_, random(scheduler_.workers()));
}

void SimulatedDriver::park(LaneId w)
{
    scheduler_.stopSearching(w);
    if (!lanes_[w].parked) {
        lanes_[w].parked = true;
        scheduler_.record(EventKind::WorkerPark, lanes_[w].clock, 0, w);
    }
}

void SimulatedDriver::parkIdleWorkers()
{
    for (LaneId w = 0; w < scheduler_.workers(); ++w)
        if (lanes_[w].clock <= time_)
            park(w);
}

bool SimulatedDriver::advanceClock()
{
    std::optional<Instant> next;
    auto consider = [&](Instant t) {
        if (t > time_ && (!next || t < *next))
            next = t;
    };
    if (auto deadline = scheduler_.timers().nextDeadline())
        consider(*deadline);
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
