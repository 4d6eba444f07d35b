#include "TimerQueue.h"

namespace wl {

TimerQueue::Token TimerQueue::arm(ResourceId timer, Instant deadline, Waker waker)
{
    std::lock_guard lock(mutex_);
    const Token token = nextToken_++;
    armed_.emplace(Key{deadline, token}, Due{timer, deadline, std::move(waker)});
    deadlineOf_.emplace(token, deadline);
    return token;
}

void TimerQueue::disarm(Token token)
{
    std::lock_guard lock(mutex_);
    auto it = deadlineOf_.find(token);
    if (it == deadlineOf_.end())
        return;  // already fired
    armed_.erase(Key{it->second, token});
    deadlineOf_.erase(it);
}

std::optional<Instant> TimerQueue::nextDeadline() const
{
    std::lock_guard lock(mutex_);
    if (armed_.empty())
        return std::nullopt;
    return armed_.begin()->first.first;
}

std::vector<TimerQueue::Due> TimerQueue::takeDue(Instant now)
{
    std::vector<Due> due;
    std::lock_guard lock(mutex_);
    while (!armed_.empty() && armed_.begin()->first.first <= now) {
        auto node = armed_.extract(armed_.begin());
        deadlineOf_.erase(node.key().second);
        due.push_back(std::move(node.mapped()));
    }
    return due;
}

size_t TimerQueue::size() const
{
    std::lock_guard lock(mutex_);
    return armed_.size();
}

}  // namespace wl
