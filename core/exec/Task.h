#pragma once
// Task<T>: a lazy coroutine, the C++ counterpart of a Rust future. Creating one runs nothing; its body starts
// when it is awaited (a plain await inside the current task) or spawned (a new task). Awaiting transfers control
// to the child and back without going through the executor, just as `.await` on an async fn does.
#include "TaskMemory.h"

#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace wl {

template <class T = void>
class Task;

// void results are carried around as Unit so that generic code (join, JoinHandle) has a value to hold.
struct Unit {
    bool operator==(const Unit&) const = default;
};
template <class T>
using Stored = std::conditional_t<std::is_void_v<T>, Unit, T>;

namespace detail {

struct PromiseBase {
    std::coroutine_handle<> continuation;
    std::exception_ptr exception;
    // A child that finishes while its parent is still inside await_suspend hands control back by returning,
    // not by resuming the parent: a loop of awaits that complete at once must not grow the stack (symmetric
    // transfer is only a tail call when the compiler optimises, and not under sanitizers).
    bool parentSuspending = false;
    bool finishedInline = false;
    const char* name = nullptr;  // shown in the trace when the future is spawned or becomes a join/select arm

    // Frames come from the counted allocator, so what a future costs can be measured.
    static void* operator new(std::size_t n) { return allocateCounted(n); }
    static void operator delete(void* p, std::size_t n) noexcept { freeCounted(p, n); }

    std::suspend_always initial_suspend() noexcept { return {}; }  // lazy: nothing runs until first resumed
    struct FinalAwaiter {
        bool await_ready() noexcept { return false; }
        template <class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept
        {
            auto& p = h.promise();
            if (p.parentSuspending) {
                p.finishedInline = true;
                return std::noop_coroutine();
            }
            return p.continuation ? p.continuation : std::noop_coroutine();
        }
        void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { exception = std::current_exception(); }
    void rethrowIfFailed()
    {
        if (exception)
            std::rethrow_exception(exception);
    }
};

// A frame keeps no result of its own: whoever runs the task says where the result goes before it first runs (an
// await's slot, an into() target, a task record's join state, a join's arm), and co_return writes it there. A
// parked task holds every frame of its await chain, and results can be big (the interpreter's values).
template <class T>
struct Promise : PromiseBase {
    T* out = nullptr;                  // into(): assigned in place
    std::optional<T>* slot = nullptr;  // anyone else
    Task<T> get_return_object() noexcept;
    void deliverTo(T* target) noexcept { out = target; }
    void deliverTo(std::optional<T>* target) noexcept { slot = target; }
    void return_value(T v)
    {
        if (out)
            *out = std::move(v);
        else
            slot->emplace(std::move(v));
    }
};

template <>
struct Promise<void> : PromiseBase {
    Task<void> get_return_object() noexcept;
    void deliverTo(std::optional<Unit>* target) noexcept { slot = target; }
    void return_void() noexcept
    {
        if (slot)
            slot->emplace();
    }
    std::optional<Unit>* slot = nullptr;
};

}  // namespace detail

// Where a task run other than by awaiting it (a task record, a join's arm) keeps its result.
template <class T>
using ResultSlot = std::optional<Stored<T>>;
// The result a slot received, or the task's exception rethrown.
template <class T>
Stored<T> takeResult(detail::PromiseBase& promise, ResultSlot<T>& slot)
{
    promise.rethrowIfFailed();
    return std::move(*slot);
}

template <class T>
class [[nodiscard]] Task {
public:
    using promise_type = detail::Promise<T>;
    using Handle = std::coroutine_handle<promise_type>;
    using value_type = T;

    Task() = default;
    explicit Task(Handle h) noexcept : h_(h) {}
    Task(Task&& other) noexcept : h_(std::exchange(other.h_, {})) {}
    Task& operator=(Task&& other) noexcept
    {
        if (this != &other) {
            reset();
            h_ = std::exchange(other.h_, {});
        }
        return *this;
    }
    Task(const Task&) = delete;
    Task& operator=(const Task&) = delete;
    ~Task() { reset(); }

    bool valid() const noexcept { return static_cast<bool>(h_); }
    const char* name() const noexcept { return h_ ? h_.promise().name : nullptr; }
    // Names the future for the trace (a string literal: it is not copied).
    Task named(const char* label) &&
    {
        if (h_)
            h_.promise().name = label;
        return std::move(*this);
    }
    Handle release() noexcept { return std::exchange(h_, {}); }

    // Runs the task in place, as an await of `awaiting`, until it first parks or ends; false (the awaiting
    // coroutine goes on at once) if it ended. The await protocol's step, shared by co_await and into().
    bool startFrom(std::coroutine_handle<> awaiting) noexcept
    {
        auto& p = h_.promise();
        p.continuation = awaiting;
        p.parentSuspending = true;
        h_.resume();
        p.parentSuspending = false;
        return !p.finishedInline;
    }
    promise_type& promise() const noexcept { return h_.promise(); }

    // `co_await task` runs the child in place: control goes to its body and comes back when it returns.
    // The awaiter owns the child, so the child's frame lives exactly as long as the await; the result lands in
    // the awaiter.
    auto operator co_await() && noexcept
    {
        struct Awaiter {
            Task child;
            ResultSlot<T> result;
            bool await_ready() noexcept { return false; }
            bool await_suspend(std::coroutine_handle<> awaiting) noexcept
            {
                child.promise().deliverTo(&result);
                return child.startFrom(awaiting);
            }
            T await_resume()
            {
                child.promise().rethrowIfFailed();
                if constexpr (!std::is_void_v<T>)
                    return std::move(*result);
            }
        };
        return Awaiter{std::move(*this), {}};
    }

private:
    void reset() noexcept
    {
        if (h_)
            h_.destroy();
        h_ = {};
    }
    Handle h_;
};

// `co_await into(out, task)` is `out = co_await task` without a temporary for the result in the awaiting
// coroutine's frame: a frame keeps a slot for every await's result, and the interpreter's values are big.
// An empty task has nothing to wait for: whoever returned it wrote `out` already (the interpreter does, when a
// value is there at once), and `out` is left as it is.
template <class T>
auto into(T& out, Task<T> task) noexcept
{
    struct Awaiter {
        Task<T> child;
        T& out;
        bool await_ready() noexcept { return !child.valid(); }
        bool await_suspend(std::coroutine_handle<> awaiting) noexcept
        {
            child.promise().deliverTo(&out);
            return child.startFrom(awaiting);
        }
        void await_resume()
        {
            if (child.valid())
                child.promise().rethrowIfFailed();
        }
    };
    return Awaiter{std::move(task), out};
}

namespace detail {
template <class T>
Task<T> Promise<T>::get_return_object() noexcept
{
    return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object() noexcept
{
    return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace detail

}  // namespace wl
