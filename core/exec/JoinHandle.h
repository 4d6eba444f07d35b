#pragma once
// JoinHandle<T>: the spawner's end of a spawned task, with tokio's semantics: awaiting it gives the task's result
// (or a JoinError saying it failed or was cancelled), abort() cancels the task, and dropping the handle detaches
// the task, which runs on.
#include "PollContext.h"
#include "SpinLock.h"
#include "Task.h"
#include "Waker.h"

#include <memory>
#include <mutex>  // std::lock_guard
#include <optional>
#include <string>

namespace wl {

struct JoinError {
    enum class Kind : std::uint8_t { Failed, Cancelled };
    Kind kind = Kind::Failed;
    std::string message;  // the exception's text when failed
    bool failed() const { return kind == Kind::Failed; }
    bool cancelled() const { return kind == Kind::Cancelled; }
    std::string describe() const { return failed() ? "task failed: " + message : std::string("task was cancelled"); }
};

template <class T>
struct JoinResult {
    std::optional<Stored<T>> value;
    std::optional<JoinError> error;
    bool ok() const { return value.has_value(); }
};

// The completion shared by a task (writer) and its handle (reader), without the value's type. A spawned task's
// lives inside its task record (one allocation per spawn, as tokio's task cell holds its output), so a handle
// keeps the record, not the future's frame, alive after the task ends.
struct JoinCore {
    TaskId id = 0;
    TaskCore* task = nullptr;  // the record holding this state; null for spawn_blocking jobs (they cannot be aborted)
    SpinLock mutex;
    bool finished = false;
    bool handleAlive = true;
    std::unique_ptr<JoinError> error;  // set when finished with an error: most tasks end without one
    Waker waiter;
    // Told when the task finishes: the threaded driver listens to the root task (set before it can finish).
    struct Listener {
        virtual void finished() = 0;
    };
    Listener* onFinished = nullptr;

    // Marks the task finished and wakes whoever awaits the handle.
    void finish(std::optional<JoinError> err, WakeSource source)
    {
        Waker w;
        {
            std::lock_guard lock(mutex);
            finished = true;
            if (err)
                error = std::make_unique<JoinError>(std::move(*err));
            std::swap(w, waiter);
        }
        if (w)
            w.wake(source);
        if (onFinished)
            onFinished->finished();
    }
    std::optional<JoinError> takeError() const { return error ? std::optional<JoinError>(*error) : std::nullopt; }
    bool isFinished()
    {
        std::lock_guard lock(mutex);
        return finished;
    }
};

template <class T>
struct JoinState : JoinCore {
    std::optional<Stored<T>> value;
};

void recordDetach(TaskId task);             // Runtime.cpp: records HandleDetached from the current context
void abortTask(TaskCore* task);             // Runtime.cpp

template <class T>
class [[nodiscard]] JoinHandle {
public:
    JoinHandle() = default;
    explicit JoinHandle(std::shared_ptr<JoinState<T>> state) : state_(std::move(state)) {}
    JoinHandle(JoinHandle&& o) noexcept : state_(std::move(o.state_)) {}
    JoinHandle& operator=(JoinHandle&& o) noexcept
    {
        if (this != &o) {
            drop();
            state_ = std::move(o.state_);
        }
        return *this;
    }
    ~JoinHandle() { drop(); }

    TaskId id() const { return state_ ? state_->id : 0; }
    // Drops the handle now: the task runs on (what Rust does to a JoinHandle nobody keeps).
    void detach() { drop(); }
    // Gives up the handle without detaching (block_on keeps the root's state this way).
    std::shared_ptr<JoinState<T>> release() { return std::move(state_); }
    bool isFinished() const { return state_ && state_->isFinished(); }
    JoinCore* core() const { return state_.get(); }
    void abort() const
    {
        if (state_)
            abortTask(state_->task);
    }

    // The result without waiting, when the task has finished (the handle is spent then); nullopt while it runs.
    std::optional<JoinResult<T>> tryJoin()
    {
        if (!state_)
            return std::nullopt;
        JoinResult<T> result;
        {
            std::lock_guard lock(state_->mutex);
            if (!state_->finished)
                return std::nullopt;
            result.value = std::move(state_->value);
            result.error = state_->takeError();
        }
        state_.reset();
        return result;
    }
    // Waits for the task; the handle is spent once the returned future first runs, and must outlive that.
    Task<JoinResult<T>> join()
    {
        auto state = std::move(state_);
        // Dropping this await (a select loser, a cancelled task) leaves no waker behind and detaches the task.
        struct DropGuard {
            JoinCore* core;
            ~DropGuard()
            {
                bool running;
                {
                    std::lock_guard lock(core->mutex);
                    core->waiter = Waker();
                    running = !core->finished;
                }
                if (running)
                    recordDetach(core->id);
            }
        } guard{state.get()};
        for (;;) {
            {
                std::lock_guard lock(state->mutex);
                if (state->finished)
                    break;
                state->waiter = currentWaker();
            }
            co_await Park{};
        }
        JoinResult<T> result;
        result.value = std::move(state->value);
        result.error = state->takeError();
        co_return result;
    }
    auto operator co_await() { return join().operator co_await(); }

private:
    // Dropping an unspent handle of a running task detaches it: the task runs on.
    void drop()
    {
        if (!state_)
            return;
        bool running;
        {
            std::lock_guard lock(state_->mutex);
            running = !state_->finished;
            state_->handleAlive = false;
        }
        if (running)
            recordDetach(state_->id);
        state_.reset();
    }
    std::shared_ptr<JoinState<T>> state_;
};

}  // namespace wl
