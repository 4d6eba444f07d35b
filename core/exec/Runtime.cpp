#include "Runtime.h"

#include "Scheduler.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace wl {


Scheduler& currentScheduler()
{
    auto* s = currentContext().scheduler;
    if (!s)
        throw std::logic_error("wakeline: called outside an executor (use Executor::block_on)");
    return *s;
}

TaskId currentFutureId()
{
    const auto& c = currentContext();
    if (c.blockingJob)
        return c.blockingJob;
    if (!c.task)
        return 0;
    return c.branch && c.branch->futureId ? c.branch->futureId : c.task->id;
}

std::uint32_t currentSite()
{
    const auto& c = currentContext();
    return c.branch ? c.branch->site : 0;
}

namespace {

// Parks the current future until `deadline`, armed on `timer`; disarms if dropped first.
Task<void> waitUntil(ResourceId timer, Instant deadline)
{
    Scheduler& s = currentScheduler();
    TimerQueue::Token token = 0;
    struct Disarm {
        Scheduler* s;
        TimerQueue::Token* token;
        ~Disarm()
        {
            if (*token)
                s->timers().disarm(*token);
        }
    } guard{&s, &token};
    while (s.now() < deadline) {
        if (!token) {
            const auto& c = currentContext();
            token = s.timers().arm(timer, deadline, currentWaker());
            s.record(EventKind::TimerArmed, s.stamp(c.task), currentFutureId(), c.lane, 0, 0, timer, deadline,
                     currentSite());
            s.driver().onTimerArmed();
        }
        co_await Park{};
    }
}
}  // namespace

WakeSource WakeSource::here() { return WakeSource{currentFutureId(), 0}; }

void Waker::wake(WakeSource source) const
{
    if (task_)
        task_->scheduler->wake(*task_, future_, source);
}

TaskId Waker::taskId() const { return task_ ? task_->id : 0; }

Waker currentWaker()
{
    const auto& c = currentContext();
    if (!c.task)
        throw std::logic_error("wakeline: a future parked outside a task");
    return Waker(c.task->shared_from_this(), c.branch ? c.branch->futureId : 0);
}

void registerSpawnHere(const std::shared_ptr<TaskCore>& task, std::string name)
{
    currentScheduler().registerSpawn(task, std::move(name));
}

void registerBlockingHere(const std::shared_ptr<BlockingJob>& job, std::string name)
{
    currentScheduler().registerBlocking(job, std::move(name));
}

void recordDetach(TaskId task)
{
    const auto& c = currentContext();
    if (!c.scheduler)
        return;
    c.scheduler->record(EventKind::HandleDetached, c.scheduler->stamp(c.task), task, c.lane, 0, currentFutureId(), 0, 0,
                        currentSite());
}

void abortTask(TaskCore* task)
{
    // A handle can outlive its runtime: every task has ended by then, and an ended task needs no scheduler.
    if (task && task->state.load() != TaskCore::Done)
        task->scheduler->abort(*task, currentFutureId());
}

Instant now() { return currentScheduler().now(); }

Task<void> sleep(Duration d)
{
    const Instant deadline = now() + d.count();
    const ResourceId timer = currentScheduler().addResource("timer", "sleep " + formatDuration(d));
    co_await waitUntil(timer, deadline);
}

Task<void> sleep_until(Instant deadline)
{
    const ResourceId timer = currentScheduler().addResource("timer", "sleep until " + formatDuration(Duration(deadline)));
    co_await waitUntil(timer, deadline);
}

void YieldNow::await_suspend(std::coroutine_handle<> h)
{
    // Waking itself while running marks the task to be queued again once this poll returns Pending. The task is
    // alive (it is running), so no waker (and no reference count) is needed for that.
    const auto& c = currentContext();
    if (!c.task)
        throw std::logic_error("wakeline: yield_now outside a task");
    c.task->scheduler->wake(*c.task, c.branch ? c.branch->futureId : 0, WakeSource::here());
    c.branch->resumePoint = h;
}

void work(Duration d)
{
    Scheduler& s = currentScheduler();
    const auto& c = currentContext();
    const Instant start = s.stamp(c.task);
    // Computing in slices (the interpreter settles its CPU time as it goes) stays one stretch of work.
    if (!s.recorder().extendWork(currentFutureId(), c.lane, start, d.count()))
        s.record(EventKind::CpuWork, start, currentFutureId(), c.lane, 0, 0, 0, d.count(), currentSite());
    s.driver().holdWorker(d, /*busy=*/true);
}

void join_thread(JoinCore& job) { currentScheduler().driver().waitForBlocking(job); }

void thread_sleep(Duration d)
{
    Scheduler& s = currentScheduler();
    const auto& c = currentContext();
    s.record(EventKind::CpuWork, s.stamp(c.task), currentFutureId(), c.lane, 1, 0, 0, d.count(), currentSite());
    s.driver().holdWorker(d, /*busy=*/false);
}

void print(std::string line)
{
    Scheduler& s = currentScheduler();
    const auto& c = currentContext();
    const auto text = s.recorder().addString(std::move(line));
    s.record(EventKind::Print, s.stamp(c.task), currentFutureId(), c.lane, 0, 0, 0, text, currentSite());
}

void futureDroppedUnpolled(const std::string& what, std::uint32_t site)
{
    const auto& c = currentContext();
    if (!c.scheduler || !c.task)
        return;
    Scheduler& s = *c.scheduler;
    const auto text = s.recorder().addString(what);
    s.record(EventKind::FutureDropped, s.stamp(c.task), currentFutureId(), c.lane, 0, 0, 0, text, site);
}

void at(std::uint32_t site)
{
    if (auto* b = currentContext().branch)
        b->site = site;
}

Interval::Interval(Duration period) : period_(period) {}

Task<Instant> Interval::tick()
{
    Scheduler& s = currentScheduler();
    if (next_ < 0) {
        next_ = s.now();
        timer_ = s.addResource("interval", "interval " + formatDuration(period_));
    }
    const Instant due = next_;
    co_await waitUntil(timer_, due);
    next_ = due + period_.count();
    co_return due;
}

Interval interval(Duration period) { return Interval(period); }

std::string formatDuration(Duration d)
{
    const double ns = static_cast<double>(d.count());
    const char* unit = "ns";
    double v = ns;
    if (std::abs(ns) >= 1e9) {
        v = ns / 1e9;
        unit = "s";
    } else if (std::abs(ns) >= 1e6) {
        v = ns / 1e6;
        unit = "ms";
    } else if (std::abs(ns) >= 1e3) {
        v = ns / 1e3;
        unit = "µs";
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.3g %s", v, unit);
    return buf;
}

}  // namespace wl
