#include "RunQueues.h"

namespace wl {

RunQueues::RunQueues(std::uint32_t workers) : local_(workers) {}

void RunQueues::push(std::shared_ptr<TaskCore> task, std::uint32_t fromWorker, Instant readyAt)
{
    std::lock_guard lock(mutex_);
    if (fromWorker < local_.size())
        local_[fromWorker].push_back({std::move(task), readyAt});
    else
        global_.push_back({std::move(task), readyAt});
}

void RunQueues::pushGlobal(std::shared_ptr<TaskCore> task, Instant readyAt)
{
    std::lock_guard lock(mutex_);
    global_.push_back({std::move(task), readyAt});
}

std::shared_ptr<TaskCore> RunQueues::takeReady(Queue& q, Instant readyBy)
{
    for (auto it = q.begin(); it != q.end(); ++it) {
        if (it->readyAt <= readyBy) {
            auto task = std::move(it->task);
            q.erase(it);
            return task;
        }
    }
    return nullptr;
}

std::shared_ptr<TaskCore> RunQueues::take(std::uint32_t worker, Instant readyBy, std::uint64_t stealStart)
{
    std::lock_guard lock(mutex_);
    if (auto t = takeReady(local_[worker], readyBy))
        return t;
    if (auto t = takeReady(global_, readyBy))
        return t;
    const auto n = local_.size();
    for (size_t i = 0; i < n; ++i) {
        const auto victim = (stealStart + i) % n;
        if (victim == worker)
            continue;
        if (auto t = takeReady(local_[victim], readyBy))
            return t;
    }
    return nullptr;
}

bool RunQueues::hasWork(Instant readyBy) const
{
    std::lock_guard lock(mutex_);
    auto ready = [&](const Queue& q) {
        for (const auto& e : q)
            if (e.readyAt <= readyBy)
                return true;
        return false;
    };
    if (ready(global_))
        return true;
    for (const auto& q : local_)
        if (ready(q))
            return true;
    return false;
}

std::optional<Instant> RunQueues::nextReadyAfter(Instant after) const
{
    std::lock_guard lock(mutex_);
    std::optional<Instant> best;
    auto scan = [&](const Queue& q) {
        for (const auto& e : q)
            if (e.readyAt > after && (!best || e.readyAt < *best))
                best = e.readyAt;
    };
    scan(global_);
    for (const auto& q : local_)
        scan(q);
    return best;
}

void RunQueues::clear()
{
    std::lock_guard lock(mutex_);
    for (auto& q : local_)
        q.clear();
    global_.clear();
}

}  // namespace wl
