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

template <class T>
struct Promise : PromiseBase {
    std::optional<T> value;
    Task<T> get_return_object() noexcept;
    void return_value(T v) { value.emplace(std::move(v)); }
    T take()
    {
        rethrowIfFailed();
        return std::move(*value);
    }
    Stored<T> takeStored() { return take(); }
};

template <>
struct Promise<void> : PromiseBase {
    Task<void> get_return_object() noexcept;
    void return_void() noexcept {}
    void take() { rethrowIfFailed(); }
    Unit takeStored()
    {
        take();
        return {};
    }
};

}  // namespace detail

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

    // `co_await task` runs the child in place: control goes to its body and comes back when it returns.
    // The awaiter owns the child, so the child's frame lives exactly as long as the await.
    auto operator co_await() && noexcept
    {
        struct Awaiter {
            Task child;
            bool await_ready() noexcept { return false; }
            // Runs the child until it first parks or ends; returns false (the parent goes on at once) if it ended.
            bool await_suspend(std::coroutine_handle<> awaiting) noexcept
            {
                auto& p = child.h_.promise();
                p.continuation = awaiting;
                p.parentSuspending = true;
                child.h_.resume();
                p.parentSuspending = false;
                return !p.finishedInline;
            }
            T await_resume() { return child.h_.promise().take(); }
        };
        return Awaiter{std::move(*this)};
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
    using Inner = decltype(std::move(task).operator co_await());
    struct Awaiter {
        Inner inner;
        T& out;
        bool await_ready() noexcept { return !inner.child.valid(); }
        bool await_suspend(std::coroutine_handle<> awaiting) noexcept { return inner.await_suspend(awaiting); }
        void await_resume()
        {
            if (inner.child.valid())
                out = inner.await_resume();
        }
    };
    return Awaiter{std::move(task).operator co_await(), out};
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
