#pragma once
// The executor's record of one spawned task: its scheduling state, its body (the root coroutine) and the
// completion its JoinHandle reads.
#include "JoinHandle.h"
#include "PollContext.h"
#include "Task.h"
#include "Time.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>

namespace wl {

struct TaskCore : std::enable_shared_from_this<TaskCore> {
    // Idle: parked (Pending, waiting for a wake) or not yet scheduled; Scheduled: in a run queue; Running: being
    // polled; Notified: woken while running, so it is queued again when the poll ends; Done: completed/cancelled.
    enum State : std::uint8_t { Idle, Scheduled, Running, Notified, Done };

    TaskId id = 0;
    // How many polls have started; read only by the thread polling it (the interpreter tells one poll from the next).
    std::uint32_t polls = 0;
    Scheduler* scheduler = nullptr;
    std::atomic<std::uint8_t> state{Idle};
    std::atomic<bool> cancelRequested{false};
    std::atomic<TaskId> cancelledBy{0};
    std::atomic<std::int64_t> lastEventTime{-1};  // threaded mode: keeps one task's events strictly ordered
    // When its last poll ended. In simulated mode a poll with work() in it ends later than it runs, and a wake
    // from a lane that is behind in virtual time must not let the task be polled before that.
    std::atomic<Instant> lastPollEnd{0};
    Branch body;
    // The scheduler's live set: the task's slot there, and the task's own reference that keeps it alive while it
    // is in the set (run queues and wakers hold others). See LiveTasks.
    std::uint32_t liveSlot = 0;
    std::shared_ptr<TaskCore> liveSelf;

    virtual ~TaskCore() = default;
    virtual JoinCore& join() = 0;  // in the typed record (a virtual call, not 8 bytes more in every task)
    virtual bool bodyDone() const = 0;
    // Moves the finished body's result into the join state; returns the error text if the body threw.
    virtual std::optional<std::string> takeResult() = 0;
    // Drops the body's coroutine frame (and with it every frame it was awaiting): cancellation.
    virtual void destroyBody() = 0;
};

template <class T>
struct TypedTaskCore final : TaskCore {
    typename Task<T>::Handle frame;
    JoinState<T> joinState;

    explicit TypedTaskCore(Task<T> task) : frame(task.release())
    {
        body.resumePoint = frame;
        frame.promise().deliverTo(&joinState.value);  // the result goes straight to the handle's side
    }
    ~TypedTaskCore() override { destroyBody(); }

    JoinCore& join() override { return joinState; }
    bool bodyDone() const override { return frame && frame.done(); }
    std::optional<std::string> takeResult() override
    {
        try {
            frame.promise().rethrowIfFailed();  // the value, if any, is in joinState already
        } catch (const std::exception& e) {
            return std::string(e.what());
        } catch (...) {
            return std::string("unknown exception");
        }
        return std::nullopt;
    }
    void destroyBody() override
    {
        if (frame)
            std::exchange(frame, {}).destroy();
        body.resumePoint = {};
        body.nested = nullptr;
    }
};

}  // namespace wl
