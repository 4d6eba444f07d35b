#pragma once
// What is being polled right now on this thread: the scheduler, the task, the future inside it (the task body or
// one arm of a join/select) and the lane. Leaf awaitables read it to park and to build wakers.
#include "../trace/Event.h"

#include <coroutine>
#include <cstdint>

namespace wl {

class Scheduler;
struct TaskCore;

// A combinator (join, select) that polls several futures inside one task.
struct Combinator {
    virtual ~Combinator() = default;
    virtual void poll() = 0;
};

// A future polled inside a task. Polling it resumes the coroutine where it last parked or, while it waits inside
// a nested combinator, polls that combinator.
struct Branch {
    TaskId futureId = 0;  // 0: the task's own body (events then name the task)
    std::uint32_t site = 0;  // where in the source this future is (set by at(); see makeSite)
    std::coroutine_handle<> resumePoint;
    Combinator* nested = nullptr;

    void poll()
    {
        if (nested) {
            nested->poll();
            return;
        }
        auto h = resumePoint;
        resumePoint = {};
        if (h)
            h.resume();
    }
};

struct PollContext {
    Scheduler* scheduler = nullptr;
    TaskCore* task = nullptr;  // null outside a task (block_on's caller, the timer driver)
    Branch* branch = nullptr;
    LaneId lane = kNoLane;
    TaskId blockingJob = 0;  // set while a spawn_blocking job runs on this thread
};

// Inline: read on every step of interpreted code and every event recorded.
inline PollContext& currentContext()
{
    thread_local PollContext context;
    return context;
}

// The id events use for the code running now: the blocking job, the join/select arm, or the task itself.
TaskId currentFutureId();
// The Rust source line the current future is at.
std::uint32_t currentSite();

// Swaps the current context for a scope.
class ContextScope {
public:
    explicit ContextScope(const PollContext& next) : saved_(currentContext()) { currentContext() = next; }
    ~ContextScope() { currentContext() = saved_; }
    ContextScope(const ContextScope&) = delete;
    ContextScope& operator=(const ContextScope&) = delete;

private:
    PollContext saved_;
};

// The leaf suspension: the current future returns Pending. Whoever holds its waker must wake it, or it is never
// polled again. Callers register a waker first, then `co_await Park{}` in a loop that re-checks readiness, since a
// future can be polled without its own waker having fired (join polls every arm).
struct Park {
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { currentContext().branch->resumePoint = h; }
    void await_resume() noexcept {}
};

}  // namespace wl
