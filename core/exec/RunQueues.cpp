#include "RunQueues.h"

#include "../trace/Recorder.h"
#include "TaskCore.h"

#include <algorithm>

namespace wl {

RunQueues::RunQueues(std::uint32_t workers, Recorder& recorder) : workers_(workers), recorder_(recorder)
{
    for (std::uint32_t i = 0; i < workers; ++i)
        local_.push_back(std::make_unique<Local>());
}

RunQueues::~RunQueues() = default;

std::size_t RunQueues::Local::readyCount(Instant readyBy) const
{
    // Pushes happen in the time order of the pushing worker's clock, so the ready entries are (nearly always) a
    // prefix; taking only the prefix keeps the queue's order.
    std::size_t n = 0;
    while (n < queue.size() && queue[n].readyAt <= readyBy)
        ++n;
    return n;
}

RunQueues::Entry RunQueues::Local::popFront()
{
    Entry e = std::move(queue.front());
    queue.pop_front();
    return e;
}

void RunQueues::arrive(Entry& entry, LaneId queue, QueuePlace place, Instant at, LaneId from)
{
    // A task is in its new place from `at` on: a worker ahead in virtual time moved it then, so a worker behind
    // cannot take it from there earlier (and one queued to run only later stays so).
    entry.readyAt = std::max(at, entry.readyAt);
    if (recorder_.enabled())
        recorder_.record(Event{entry.readyAt, from == kNoLane ? -1 : static_cast<std::int64_t>(from),
                               entry.task->id, 0, 0, 0, queue, EventKind::Queued, static_cast<std::uint8_t>(place)});
}

bool RunQueues::schedule(std::shared_ptr<TaskCore> task, LaneId from, Instant at, Instant readyAt, bool yield)
{
    Entry entry{std::move(task), readyAt};
    if (from >= workers_) {
        pushGlobal(std::move(entry), at, QueuePlace::Global, kNoLane);
        return true;
    }
    Local& q = *local_[from];
    std::lock_guard lock(q.mutex);
    if (yield || currentThread()) {
        pushLocal(from, std::move(entry), at);
        return true;
    }
    // The slot's previous task moves to the back of the local queue first, then the new one takes the slot.
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
    Local& q = *local_[worker];
    if (currentThread() || q.queue.size() < kLocalCapacity) {
        arrive(entry, worker, QueuePlace::Local, at);
        q.queue.push_back(std::move(entry));
        return;
    }
    // push_overflow: the older half and the new task move to the global queue in one batch.
    std::vector<Entry> moved;
    moved.reserve(kLocalCapacity / 2 + 1);
    for (std::size_t i = 0; i < kLocalCapacity / 2; ++i)
        moved.push_back(q.popFront());
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
    for (auto it = global_.begin(); it != global_.end(); ++it) {
        if (it->readyAt <= readyBy) {
            auto task = std::move(it->task);
            global_.erase(it);
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
    {
        Local& q = *local_[worker];
        std::lock_guard lock(q.mutex);
        if (q.lifo.task && q.lifo.readyAt <= readyBy)
            return std::exchange(q.lifo, Entry{}).task;
        if (!q.queue.empty() && q.queue.front().readyAt <= readyBy)
            return q.popFront().task;
    }
    return popGlobal(readyBy);
}

std::shared_ptr<TaskCore> RunQueues::takeLifo(LaneId worker, Instant readyBy)
{
    Local& q = *local_[worker];
    std::lock_guard lock(q.mutex);
    if (!q.lifo.task || q.lifo.readyAt > readyBy)
        return nullptr;
    return std::exchange(q.lifo, Entry{}).task;
}

void RunQueues::demoteLifo(LaneId worker, Instant at)
{
    Local& q = *local_[worker];
    std::lock_guard lock(q.mutex);
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
        std::vector<Entry> taken;
        Instant at = 0;
        {
            Local& v = *local_[victim];
            std::lock_guard lock(v.mutex);
            at = now();  // read under the victim's lock: after the pushes it steals, before any later poll of them
            const std::size_t ready = v.readyCount(readyBy);
            // steal_into2: n - n / 2 of them, the older half (rounded up).
            const std::size_t n = ready - ready / 2;
            taken.reserve(n);
            for (std::size_t k = 0; k < n; ++k)
                taken.push_back(v.popFront());
        }
        if (taken.empty())
            continue;
        for (auto& e : taken)
            arrive(e, thief, QueuePlace::Stolen, at, victim);
        auto first = std::move(taken.front().task);
        if (taken.size() > 1) {
            Local& q = *local_[thief];
            std::lock_guard lock(q.mutex);
            // The thief searches only with an empty queue, so half of a full one fits; the check is a guard.
            for (std::size_t k = 1; k < taken.size(); ++k) {
                if (q.queue.size() == kLocalCapacity) {
                    pushGlobal(std::move(taken[k]), at, QueuePlace::Overflowed, thief);
                    continue;
                }
                q.queue.push_back(std::move(taken[k]));
            }
        }
        return first;
    }
    return popGlobal(readyBy);
}

bool RunQueues::hasLocal(LaneId worker, Instant readyBy) const
{
    const Local& q = *local_[worker];
    std::lock_guard lock(q.mutex);
    return (q.lifo.task && q.lifo.readyAt <= readyBy) || (!q.queue.empty() && q.queue.front().readyAt <= readyBy);
}

bool RunQueues::hasGlobal(Instant readyBy) const
{
    if (globalSize_.load(std::memory_order_acquire) == 0)
        return false;
    std::lock_guard lock(globalMutex_);
    for (const auto& e : global_)
        if (e.readyAt <= readyBy)
            return true;
    return false;
}

bool RunQueues::hasStealable(LaneId thief, Instant readyBy) const
{
    if (currentThread())
        return false;
    for (std::uint32_t w = 0; w < workers_; ++w) {
        if (w == thief)
            continue;
        const Local& q = *local_[w];
        std::lock_guard lock(q.mutex);
        if (!q.queue.empty() && q.queue.front().readyAt <= readyBy)
            return true;
    }
    return false;
}

bool RunQueues::hasWorkFor(LaneId worker, Instant readyBy) const
{
    return hasLocal(worker, readyBy) || hasGlobal(readyBy) || hasStealable(worker, readyBy);
}

std::optional<Instant> RunQueues::nextReadyAfter(Instant after) const
{
    std::optional<Instant> best;
    auto consider = [&](const Entry& e) {
        if (e.task && e.readyAt > after && (!best || e.readyAt < *best))
            best = e.readyAt;
    };
    {
        std::lock_guard lock(globalMutex_);
        for (const auto& e : global_)
            consider(e);
    }
    for (const auto& q : local_) {
        std::lock_guard lock(q->mutex);
        consider(q->lifo);
        for (const auto& e : q->queue)
            consider(e);
    }
    return best;
}

void RunQueues::clear()
{
    for (auto& q : local_) {
        std::lock_guard lock(q->mutex);
        q->queue.clear();
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
