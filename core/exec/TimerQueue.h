#pragma once
// Armed timers ordered by deadline. A timer fires by waking the waker it was armed with; a future dropped before
// its deadline disarms it, so a dead future is never woken by its timer.
#include "Time.h"
#include "Waker.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace wl {

class TimerQueue {
public:
    using Token = std::uint64_t;

    Token arm(ResourceId timer, Instant deadline, Waker waker);
    void disarm(Token token);
    std::optional<Instant> nextDeadline() const;

    struct Due {
        ResourceId timer;
        Instant deadline;
        Waker waker;
    };
    // Removes and returns every timer due at `now`, earliest first (ties in arming order).
    std::vector<Due> takeDue(Instant now);
    size_t size() const;

private:
    using Key = std::pair<Instant, Token>;
    mutable std::mutex mutex_;
    Token nextToken_ = 1;
    std::map<Key, Due> armed_;
    std::unordered_map<Token, Instant> deadlineOf_;
};

}  // namespace wl
