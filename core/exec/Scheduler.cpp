#include "Scheduler.h"

#include <algorithm>
#include <stdexcept>

namespace wl {
Scheduler::Scheduler(Mode mode, std::uint32_t workers, bool recording, std::shared_ptr<RunControl> control)
    : mode_(mode), workers_(workers), recorder_(recording), queues_(workers, recorder_), control_(std::move(control)),
      workerState_(workers)
{
    for (std::uint32_t i = 0; i < workers; ++i)
        lanes_.push_back({LaneKind::Worker, "worker " + std::to_string(i)});
}

Scheduler::~Scheduler() = default;

Instant Scheduler::stamp(TaskCore* about)
{
    if (mode_ == Mode::Threaded && !recorder_.enabled())
        return 0;
    Instant t = now();
    if (mode_ == Mode::Threaded && about) {
        auto last = about->lastEventTime.load(std::memory_order_relaxed);
        for (;;) {
            const Instant wanted = t > last ? t : last + 1;
            if (about->lastEventTime.compare_exchange_weak(last, wanted, std::memory_order_acq_rel)) {
                t = wanted;
                break;
            }
        }
    }
    return t;
}

void Scheduler::registerSpawn(const std::shared_ptr<TaskCore>& task, std::string name)
{
    const auto& c = currentContext();
    task->id = nextTaskId_.fetch_add(1);
    task->scheduler = this;
    task->join().id = task->id;
    task->join().task = task.get();
    const TaskId parent = currentFutureId();
    recorder_.addTask({task->id, std::move(name), parent, currentSite(), TaskKind::Task});
    // One clock read serves the spawn and the push that follows it on this thread: nothing can see the task in
    // between, so the push is as much "at the spawn" as the spawn is (the buffer keeps their order).
    const Instant at = stamp(task.get());
    record(EventKind::TaskSpawned, at, task->id, c.lane, 0, parent, 0, 0, currentSite());
    live_.add(task);
    control_->spawned.fetch_add(1, std::memory_order_relaxed);
    task->state.store(TaskCore::Scheduled, std::memory_order_release);  // published by the push below
    if (queues_.schedule(task, c.lane, at, at, false))
        driver_->onRunnable();
}

void Scheduler::registerBlocking(const std::shared_ptr<BlockingJob>& job, std::string name)
{
    const auto& c = currentContext();
    job->id = nextTaskId_.fetch_add(1);
    job->join->id = job->id;
    const TaskId parent = currentFutureId();
    recorder_.addTask({job->id, std::move(name), parent, currentSite(), TaskKind::Blocking});
    record(EventKind::TaskSpawned, stamp(), job->id, c.lane, 0, parent, 0, 0, currentSite());
    control_->spawned.fetch_add(1, std::memory_order_relaxed);
    driver_->submitBlocking(job);
}

TaskId Scheduler::registerFuture(std::string name)
{
    const TaskId id = nextTaskId_.fetch_add(1);
    const TaskId parent = currentFutureId();
    recorder_.addTask({id, std::move(name), parent, currentSite(), TaskKind::Future});
    const auto& c = currentContext();
    record(EventKind::TaskSpawned, stamp(c.task), id, c.lane, 0, parent, 0, 0, currentSite());
    return id;
}

void Scheduler::wake(TaskCore& task, TaskId future, WakeSource source)
{
    const LaneId lane = currentContext().lane;
    // The stamp is taken after reading the state and before the transition that depends on it (again after each
    // failed attempt), so it sits between the task's recorded polls as the transition does: after the start of a
    // poll it lands in (stamped before the task became Running), before the poll it causes (stamped after the push),
    // and before the next poll of a task it marks Notified (that poll starts only after this transition).
    auto state = task.state.load(std::memory_order_acquire);
    Instant t = stamp(&task);
    WakeOutcome outcome;
    for (;;) {
        if (state == TaskCore::Done) {
            outcome = WakeOutcome::TaskFinished;
            break;
        }
        if (state == TaskCore::Scheduled || state == TaskCore::Notified) {
            outcome = WakeOutcome::AlreadyScheduled;
            break;
        }
        const auto next = state == TaskCore::Idle ? TaskCore::Scheduled : TaskCore::Notified;
        if (task.state.compare_exchange_weak(state, next, std::memory_order_acq_rel)) {
            outcome = next == TaskCore::Scheduled ? WakeOutcome::Scheduled : WakeOutcome::WhileRunning;
            break;
        }
        t = stamp(&task);
    }
    record(EventKind::Wake, t, task.id, lane, static_cast<std::uint8_t>(outcome), source.task, source.resource,
           future);
    if (outcome == WakeOutcome::Scheduled && queues_.schedule(task.shared_from_this(), lane, t, std::max(t, task.lastPollEnd.load(std::memory_order_acquire)), false))
        driver_->onRunnable();
}

void Scheduler::abort(TaskCore& task, TaskId by)
{
    if (task.state.load() == TaskCore::Done)
        return;
    task.cancelledBy.store(by);
    task.cancelRequested.store(true);
    wake(task, 0, WakeSource{by, 0});
}

void Scheduler::runTask(LaneId lane, std::shared_ptr<TaskCore> task)
{
    ContextScope scope({this, task.get(), &task->body, lane, 0});
    // Stamped before the task is Running: a wake from another thread that sees it running is stamped after this.
    const Instant pollStart = stamp(task.get());
    task->state.store(TaskCore::Running, std::memory_order_release);
    if (task->cancelRequested.load()) {
        cancel(*task, CancelReason::Aborted, task->cancelledBy.load(), lane);
        return;
    }
    record(EventKind::PollStart, pollStart, task->id, lane);
    ++task->polls;
    task->body.poll();
    const bool done = task->bodyDone();
    const Instant pollEnd = stamp(task.get());
    task->lastPollEnd.store(pollEnd, std::memory_order_release);  // (a seq_cst store is an xchg, every poll)
    record(EventKind::PollEnd, pollEnd, task->id, lane,
           static_cast<std::uint8_t>(done ? PollResult::Ready : PollResult::Pending), 0, 0, 0, task->body.site);
    if (done) {
        complete(*task, lane);
        return;
    }
    std::uint8_t expected = TaskCore::Running;
    if (!task->state.compare_exchange_strong(expected, TaskCore::Idle, std::memory_order_acq_rel)) {
        // Woken while it ran (or it yielded): to the back of the local queue, polled after the others.
        task->state.store(TaskCore::Scheduled, std::memory_order_release);
        // Queued at the poll's end: the same clock read (no other thread can take the task before this push).
        if (queues_.schedule(std::move(task), lane, pollEnd, pollEnd, true))
            driver_->onRunnable();
    }
}

bool Scheduler::workerTurn(LaneId w, Instant readyBy, std::uint64_t random)
{
    WorkerState& me = workerState_[w];
    ++me.tick;
    if (me.tick % kEventInterval == 0)
        pollDriver(w);
    auto task = queues_.next(w, me.tick, readyBy);
    if (!task && !queues_.currentThread()) {
        // steal_work: only while fewer than half of the workers search (idle.rs). A worker that finds nothing
        // stays searching until it parks, and while one searches, wakes do not unpark others.
        if (!me.searching && queues_.startSearching()) {
            me.searching = true;
            record(EventKind::Searching, stamp(), 0, w, 1);
        }
        if (me.searching)
            task = queues_.steal(w, readyBy, random, [this] { return stamp(); });
    }
    if (!task)
        return false;
    if (me.searching && stopSearching(w))
        driver_->onRunnable();  // transition_worker_from_searching: the last searcher found work, so look for more
    runTask(w, std::move(task));
    // run_task: what the poll put in the LIFO slot runs next on this worker, up to the guard.
    for (std::uint32_t n = 0;; ++n) {
        if (n == kLifoBudget) {
            queues_.demoteLifo(w, now());
            break;
        }
        auto next = queues_.takeLifo(w, readyBy);
        if (!next)
            break;
        runTask(w, std::move(next));
    }
    return true;
}

bool Scheduler::stopSearching(LaneId w)
{
    WorkerState& me = workerState_[w];
    if (!me.searching)
        return false;
    me.searching = false;
    const bool last = queues_.stopSearching();
    record(EventKind::Searching, stamp(), 0, w, 0);
    return last;
}

void Scheduler::adoptSearching(LaneId w)
{
    WorkerState& me = workerState_[w];
    if (me.searching) {  // cannot happen (it stopped searching before it parked); keep the count right anyway
        queues_.stopSearching();
        return;
    }
    me.searching = true;
    record(EventKind::Searching, stamp(), 0, w, 1);
}

std::size_t Scheduler::pollDriver(LaneId w)
{
    auto due = timers_.takeDue(now());
    if (due.empty())
        return 0;
    const Instant t = stamp();
    record(EventKind::DriverPoll, t, 0, w, 0, 0, 0, static_cast<std::int64_t>(due.size()));
    for (auto& d : due) {
        record(EventKind::TimerFired, t, 0, w, 0, 0, d.timer);
        d.waker.wake(WakeSource::fromResource(d.timer));
    }
    return due.size();
}

void Scheduler::complete(TaskCore& task, LaneId lane)
{
    auto error = task.takeResult();
    // A finished future is dropped at once, as in Rust: what it owned (a channel's Sender, say) goes with it,
    // even while stray wakers still point at the task.
    task.destroyBody();
    std::int64_t text = 0;
    if (error)
        text = recorder_.addString(*error);
    record(EventKind::TaskCompleted, stamp(&task), task.id, lane,
           static_cast<std::uint8_t>(error ? Completion::Error : Completion::Ok), 0, 0, text);
    task.state.store(TaskCore::Done, std::memory_order_release);
    auto keepAlive = task.shared_from_this();
    forget(task);
    std::optional<JoinError> joinError;
    if (error)
        joinError = JoinError{JoinError::Kind::Failed, *error};
    task.join().finish(std::move(joinError), WakeSource{task.id, 0});
}

void Scheduler::cancel(TaskCore& task, CancelReason reason, TaskId by, LaneId lane)
{
    task.state.store(TaskCore::Done, std::memory_order_release);
    record(EventKind::TaskCancelled, stamp(&task), task.id, lane, static_cast<std::uint8_t>(reason), by);
    auto keepAlive = task.shared_from_this();
    {
        // Dropping the frame runs destructors (disarming timers, detaching handles) as this task.
        ContextScope scope({this, &task, &task.body, lane, 0});
        task.destroyBody();
    }
    forget(task);
    task.join().finish(JoinError{JoinError::Kind::Cancelled, {}}, WakeSource{by ? by : task.id, 0});
}

void Scheduler::forget(TaskCore& task)
{
    if (!live_.remove(task))
        return;
    control_->ended.fetch_add(1, std::memory_order_relaxed);
}

std::optional<std::string> Scheduler::startBlocking(LaneId lane, BlockingJob& job)
{
    Branch lineMarker;  // a blocking job never parks; the branch only carries the source line for at()
    ContextScope scope({this, nullptr, &lineMarker, lane, job.id});
    record(EventKind::BlockingStart, stamp(), job.id, lane);
    return job.run();
}

void Scheduler::finishBlocking(LaneId lane, BlockingJob& job, std::optional<std::string> error)
{
    ContextScope scope({this, nullptr, nullptr, lane, job.id});
    record(EventKind::BlockingEnd, stamp(), job.id, lane);
    std::int64_t text = 0;
    if (error)
        text = recorder_.addString(*error);
    record(EventKind::TaskCompleted, stamp(), job.id, lane,
           static_cast<std::uint8_t>(error ? Completion::Error : Completion::Ok), 0, 0, text);
    std::optional<JoinError> joinError;
    if (error)
        joinError = JoinError{JoinError::Kind::Failed, *error};
    control_->ended.fetch_add(1, std::memory_order_relaxed);
    job.join->finish(std::move(joinError), WakeSource{job.id, 0});
}

void Scheduler::shutdown(const std::vector<std::shared_ptr<BlockingJob>>& unstarted)
{
    ContextScope scope({this, nullptr, nullptr, kNoLane, 0});
    for (const auto& job : unstarted) {
        record(EventKind::TaskCancelled, stamp(), job->id, kNoLane, static_cast<std::uint8_t>(CancelReason::Shutdown));
        control_->ended.fetch_add(1, std::memory_order_relaxed);
        job->join->finish(JoinError{JoinError::Kind::Cancelled, {}}, WakeSource{});
    }
    // In id order, as tokio's runtime drops its tasks in the order they were spawned (and as the goldens read).
    for (;;) {  // again if dropping one spawned another
        std::vector<std::shared_ptr<TaskCore>> alive = live_.snapshot();
        if (alive.empty())
            break;
        std::sort(alive.begin(), alive.end(), [](const auto& a, const auto& b) { return a->id < b->id; });
        for (const auto& task : alive)
            if (task->state.load() != TaskCore::Done)
                cancel(*task, CancelReason::Shutdown, 0, kNoLane);
            else
                forget(*task);
    }
    queues_.clear();
}

ResourceId Scheduler::addResource(std::string kind, std::string name)
{
    const ResourceId id = nextResourceId_.fetch_add(1);
    recorder_.addResource({id, std::move(kind), std::move(name)});
    return id;
}

LaneId Scheduler::addBlockingLane()
{
    std::lock_guard lock(laneMutex_);
    const auto index = lanes_.size() - workers_;
    lanes_.push_back({LaneKind::Blocking, "blocking " + std::to_string(index)});
    return static_cast<LaneId>(lanes_.size() - 1);
}

std::vector<LaneInfo> Scheduler::lanes() const
{
    std::lock_guard lock(laneMutex_);
    return lanes_;
}

}  // namespace wl
