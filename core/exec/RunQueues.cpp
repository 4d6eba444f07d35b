#include "RunQueues.h"

#include "../trace/Recorder.h"
#include "TaskCore.h"

#include <algorithm>

namespace wl {

RunQueues::RunQueues(std::uint32_t workers, Recorder& recorder) : workers_(workers), recorder_(recorder)
{
    for (std::uint32_t i = 0; i < workers; ++i)
        local_.push_back(std::make_unique<Worker>());
}

RunQueues::~RunQueues() = default;

void RunQueues::recordQueued(TaskId task, Instant readyAt, LaneId queue, QueuePlace place, LaneId from)
{
    if (recorder_.enabled())
        recorder_.record(Event{readyAt, from == kNoLane ? -1 : static_cast<std::int64_t>(from), task, 0, 0, 0, queue,
                               EventKind::Queued, static_cast<std::uint8_t>(place)});
}

void RunQueues::arrive(Entry& entry, LaneId queue, QueuePlace place, Instant at, LaneId from)
{
    // A task is in its new place from `at` on: a worker ahead in virtual time moved it then, so a worker behind
    // cannot take it from there earlier (and one queued to run only later stays so).
    entry.readyAt = std::max(at, entry.readyAt);
    recordQueued(entry.task->id, entry.readyAt, queue, place, from);
}

bool RunQueues::schedule(std::shared_ptr<TaskCore> task, LaneId from, Instant at, Instant readyAt, bool yield)
{
    Entry entry{std::move(task), readyAt};
    if (from >= workers_) {
        pushGlobal(std::move(entry), at, QueuePlace::Global, kNoLane);
        return true;
    }
    if (yield || currentThread()) {
        pushLocal(from, std::move(entry), at);
        return true;
    }
    // The slot's previous task moves to the back of the local queue first, then the new one takes the slot.
    Worker& q = *local_[from];
    Entry previous = std::exchange(q.lifo, Entry{});
    const bool displaced = previous.task != nullptr;
    if (displaced)
        pushLocal(from, std::move(previous), at);
    arrive(entry, from, QueuePlace::LifoSlot, at);
    q.lifo = std::move(entry);
    return displaced;  // only this worker runs what is in its LIFO slot: a lone one tells no one
}

void RunQueues::pushLocal(LaneId worker, Entry entry, Instant at)
{
    Worker& q = *local_[worker];
    if (currentThread()) {
        arrive(entry, worker, QueuePlace::Local, at);
        q.fifo.push_back(std::move(entry));
        return;
    }
    // The event is recorded once the push is done (what it records is fixed before: the task and when it is
    // ready); the entry must not change after a thief can see it.
    entry.readyAt = std::max(at, entry.readyAt);
    const TaskId id = entry.task->id;
    std::vector<Entry> moved;
    for (;;) {
        const auto pushed = q.ring.tryPush(entry);
        if (pushed == LocalQueue::Push::Pushed) {
            recordQueued(id, entry.readyAt, worker, QueuePlace::Local, kNoLane);
            return;
        }
        if (pushed == LocalQueue::Push::Stealing) {
            // A thief is taking from the full queue and will leave room; the task goes to the global queue.
            pushGlobal(std::move(entry), at, QueuePlace::Global, worker);
            return;
        }
        if (q.ring.takeOlderHalf(moved))
            break;  // full, and the older half is ours to move; else a thief got in first: push again
    }
    // push_overflow: the older half and the new task move to the global queue in one batch.
    std::lock_guard lock(globalMutex_);
    for (auto& e : moved) {
        arrive(e, kNoLane, QueuePlace::Overflowed, at, worker);
        global_.push_back(std::move(e));
    }
    // The pushed task goes with them; it never was in the full queue (it is new, or came from the LIFO slot).
    arrive(entry, kNoLane, QueuePlace::Global, at, worker);
    global_.push_back(std::move(entry));
    globalSize_.store(global_.size(), std::memory_order_release);
}

void RunQueues::pushGlobal(Entry entry, Instant at, QueuePlace place, LaneId from)
{
    std::lock_guard lock(globalMutex_);
    arrive(entry, kNoLane, place, at, from);
    global_.push_back(std::move(entry));
    globalSize_.store(global_.size(), std::memory_order_release);
}

std::shared_ptr<TaskCore> RunQueues::popGlobal(Instant readyBy)
{
    if (globalSize_.load(std::memory_order_acquire) == 0)
        return nullptr;
    std::lock_guard lock(globalMutex_);
    // Pushes come from many lanes, each at its own virtual time: the first ready entry, not just the front.
    for (std::size_t i = 0; i < global_.size(); ++i) {
        if (global_[i].readyAt <= readyBy) {
            auto task = std::move(global_.take(i).task);
            globalSize_.store(global_.size(), std::memory_order_release);
            return task;
        }
    }
    return nullptr;
}

std::shared_ptr<TaskCore> RunQueues::next(LaneId worker, std::uint64_t tick, Instant readyBy)
{
    if (tick % kGlobalQueueInterval == 0)
        if (auto t = popGlobal(readyBy))
            return t;
    Worker& q = *local_[worker];
    if (q.lifo.task && q.lifo.readyAt <= readyBy)
        return std::exchange(q.lifo, Entry{}).task;
    if (currentThread()) {
        if (!q.fifo.empty() && q.fifo.front().readyAt <= readyBy)
            return q.fifo.pop_front().task;
    } else if (auto t = q.ring.pop(readyBy)) {
        return t;
    }
    return popGlobal(readyBy);
}

std::shared_ptr<TaskCore> RunQueues::takeLifo(LaneId worker, Instant readyBy)
{
    Worker& q = *local_[worker];
    if (!q.lifo.task || q.lifo.readyAt > readyBy)
        return nullptr;
    return std::exchange(q.lifo, Entry{}).task;
}

void RunQueues::demoteLifo(LaneId worker, Instant at)
{
    Worker& q = *local_[worker];
    if (q.lifo.task)
        pushLocal(worker, std::exchange(q.lifo, Entry{}), at);
}

std::shared_ptr<TaskCore> RunQueues::steal(LaneId thief, Instant readyBy, std::uint64_t start,
                                           const std::function<Instant()>& now)
{
    if (currentThread())
        return popGlobal(readyBy);
    for (std::uint32_t i = 0; i < workers_; ++i) {
        const auto victim = static_cast<LaneId>((start + i) % workers_);
        if (victim == thief)
            continue;
        Entry first;
        bool stamped = false;
        Instant at = 0;
        const auto moved = [&](Entry& e) {
            if (!stamped) {  // after the claim: later than the pushes it steals, before any poll of them
                at = now();
                stamped = true;
            }
            arrive(e, thief, QueuePlace::Stolen, at, victim);
        };
        if (local_[victim]->ring.stealInto(local_[thief]->ring, readyBy, first, moved) > 0)
            return std::move(first.task);
    }
    return popGlobal(readyBy);
}

bool RunQueues::localReady(const Worker& q, Instant readyBy) const
{
    if (currentThread())
        return !q.fifo.empty() && q.fifo[0].readyAt <= readyBy;
    return q.ring.frontReady(readyBy);
}

bool RunQueues::hasLocal(LaneId worker, Instant readyBy) const
{
    const Worker& q = *local_[worker];
    return (q.lifo.task && q.lifo.readyAt <= readyBy) || localReady(q, readyBy);
}

bool RunQueues::hasGlobal(Instant readyBy) const
{
    if (globalSize_.load(std::memory_order_acquire) == 0)
        return false;
    std::lock_guard lock(globalMutex_);
    for (std::size_t i = 0; i < global_.size(); ++i)
        if (global_[i].readyAt <= readyBy)
            return true;
    return false;
}

bool RunQueues::hasStealable(LaneId thief, Instant readyBy) const
{
    if (currentThread())
        return false;
    for (std::uint32_t w = 0; w < workers_; ++w)
        if (w != thief && local_[w]->ring.frontReady(readyBy))
            return true;
    return false;
}

bool RunQueues::hasWorkFor(LaneId worker, Instant readyBy) const
{
    return hasLocal(worker, readyBy) || hasGlobal(readyBy) || hasStealable(worker, readyBy);
}

std::optional<Instant> RunQueues::nextReadyAfter(Instant after) const
{
    // Simulated mode only: one thread, so every slot may be read.
    std::optional<Instant> best;
    auto consider = [&](const Entry& e) {
        if (e.task && e.readyAt > after && (!best || e.readyAt < *best))
            best = e.readyAt;
    };
    {
        std::lock_guard lock(globalMutex_);
        for (std::size_t i = 0; i < global_.size(); ++i)
            consider(global_[i]);
    }
    for (const auto& q : local_) {
        consider(q->lifo);
        q->ring.forEach(consider);
        for (std::size_t i = 0; i < q->fifo.size(); ++i)
            consider(q->fifo[i]);
    }
    return best;
}

void RunQueues::clear()
{
    for (auto& q : local_) {
        q->ring.clear();
        q->fifo.clear();
        q->lifo = {};
    }
    std::lock_guard lock(globalMutex_);
    global_.clear();
    globalSize_.store(0);
}

bool RunQueues::startSearching()
{
    auto n = searching_.load(std::memory_order_acquire);
    for (;;) {
        if (2 * n >= workers_)
            return false;
        if (searching_.compare_exchange_weak(n, n + 1, std::memory_order_seq_cst))
            return true;
    }
}

bool RunQueues::stopSearching() { return searching_.fetch_sub(1, std::memory_order_seq_cst) == 1; }

}  // namespace wl
