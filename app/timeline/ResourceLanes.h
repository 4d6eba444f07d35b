#pragma once
// A lane per channel, semaphore and mutex: what it holds over the run (messages buffered, permits free) and each
// operation on it with the task that did it, so a student sees a channel fill up and its sender park.
#include "StepAxis.h"
#include "trace/Trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wl {

struct ResourceLevel {
    std::int64_t time = 0;   // on the model's axis
    std::int64_t value = 0;  // in force from `time` until the next level
};

struct ResourceTick {
    std::int64_t time = 0;
    TaskId task = 0;
    SyncOp op = SyncOp::Send;
};

struct ResourceLane {
    enum class Holds : std::uint8_t { Messages, Permits };  // a channel's buffer; a semaphore's or mutex's free permits
    ResourceId id = 0;
    std::string name;  // "mpsc::channel(2)"
    std::string kind;  // "channel", "broadcast", "semaphore", "mutex"
    Holds holds = Holds::Messages;
    std::int64_t capacity = 0;  // as created (0: unbounded, or not recorded)
    std::int64_t scale = 1;     // the level drawn full height: its capacity, or the highest level seen
    std::int64_t created = 0, ended = 0;
    std::vector<ResourceLevel> levels;  // sorted; the first at `created`
    std::vector<ResourceTick> ticks;    // sends, receives, acquires, releases, closes, lags; sorted
};

// The lanes of a trace's channels, semaphores and mutexes, in the order they were created. Times are on the
// step axis when one is given, else in ns; `end` is where the run ends on that axis.
std::vector<ResourceLane> buildResourceLanes(const Trace& trace, const StepAxis* steps, std::int64_t end);

// "buffered (of 2)", "free permits (of 2)", "unlocked": what a lane's level means, for its label.
std::string resourceLevelMeaning(const ResourceLane& lane);

}  // namespace wl
