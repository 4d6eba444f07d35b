#pragma once
// The only way from Pending back to a run queue. A waker names its task and the future inside it that parked;
// every wake names its source so the trace can draw who woke whom.
#include "../trace/Event.h"

#include <memory>

namespace wl {

struct TaskCore;

struct WakeSource {
    TaskId task = 0;          // the waking task, or
    ResourceId resource = 0;  // the waking resource (timer, channel, ...); both 0: from outside the runtime
    static WakeSource here();  // the task running on this thread, or outside
    static WakeSource fromResource(ResourceId r) { return {0, r}; }
};

class Waker {
public:
    Waker() = default;
    Waker(std::shared_ptr<TaskCore> task, TaskId future) : task_(std::move(task)), future_(future) {}

    void wake(WakeSource source) const;
    explicit operator bool() const { return static_cast<bool>(task_); }
    TaskId taskId() const;

private:
    std::shared_ptr<TaskCore> task_;
    TaskId future_ = 0;
};

// A waker for the future being polled on this thread.
Waker currentWaker();

}  // namespace wl
