#pragma once
// join, select and timeout: futures run concurrently inside the current task (no new tasks), as tokio's
// join!/select!/timeout do. The arms show up in the trace as futures of the task.
#include "ArmSet.h"
#include "Task.h"
#include "Time.h"

#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace wl {

// Gives each arm a slot for its result, before the arms first run (the awaiter is in its final place by then).
template <class T>
void deliverAll(std::vector<typename Task<T>::Handle>& arms, std::vector<ResultSlot<T>>& results)
{
    results.resize(arms.size());
    for (size_t i = 0; i < arms.size(); ++i)
        arms[i].promise().deliverTo(&results[i]);
}

template <class... Ts>
class [[nodiscard]] JoinAwaiter {
public:
    explicit JoinAwaiter(Task<Ts>... tasks) : handles_(tasks.release()...)
    {
        std::apply([this](auto&... h) { (set_.add(h, &h.promise()), ...); }, handles_);
    }
    bool await_ready() noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h)
    {
        deliver(std::index_sequence_for<Ts...>{});
        return set_.start(h);
    }
    // Every arm's result, in order; an arm's exception is rethrown here.
    std::tuple<Stored<Ts>...> await_resume() { return take(std::index_sequence_for<Ts...>{}); }

private:
    template <size_t... I>
    void deliver(std::index_sequence<I...>)
    {
        (std::get<I>(handles_).promise().deliverTo(&std::get<I>(results_)), ...);
    }
    template <size_t... I>
    std::tuple<Stored<Ts>...> take(std::index_sequence<I...>)
    {
        return std::tuple<Stored<Ts>...>(takeResult<Ts>(std::get<I>(handles_).promise(), std::get<I>(results_))...);
    }
    std::tuple<typename Task<Ts>::Handle...> handles_;  // owned by set_
    std::tuple<ResultSlot<Ts>...> results_;
    ArmSet set_{ArmSet::Policy::All};
};

template <class T>
class [[nodiscard]] JoinAllAwaiter {
public:
    explicit JoinAllAwaiter(std::vector<Task<T>> tasks)
    {
        for (auto& t : tasks) {
            handles_.push_back(t.release());
            set_.add(handles_.back(), &handles_.back().promise());
        }
    }
    bool await_ready() noexcept { return handles_.empty(); }
    bool await_suspend(std::coroutine_handle<> h)
    {
        deliverAll<T>(handles_, results_);
        return set_.start(h);
    }
    std::vector<Stored<T>> await_resume()
    {
        std::vector<Stored<T>> out;
        for (size_t i = 0; i < handles_.size(); ++i)
            out.push_back(takeResult<T>(handles_[i].promise(), results_[i]));
        return out;
    }

private:
    std::vector<typename Task<T>::Handle> handles_;
    std::vector<ResultSlot<T>> results_;
    ArmSet set_{ArmSet::Policy::All};
};

// Every arm's result in order, or, when an arm fails (`failed` says so of its result, or it throws), that arm's
// index and result alone: the others were dropped.
template <class T>
class [[nodiscard]] TryJoinAllAwaiter {
public:
    TryJoinAllAwaiter(std::vector<Task<T>> tasks, std::function<bool(const T&)> failed)
        : failed_(std::move(failed)),
          set_(ArmSet::Policy::AllUntilFailure, [this](size_t i) { return results_[i] && failed_(*results_[i]); })
    {
        for (auto& t : tasks) {
            handles_.push_back(t.release());
            set_.add(handles_.back(), &handles_.back().promise());
        }
    }
    bool await_ready() noexcept { return handles_.empty(); }
    bool await_suspend(std::coroutine_handle<> h)
    {
        deliverAll<T>(handles_, results_);
        return set_.start(h);
    }
    struct Result {
        std::optional<size_t> failed;  // the arm that failed, whose result is the only one in `values`
        std::vector<T> values;
    };
    Result await_resume()
    {
        Result out;
        if (set_.hasWinner()) {
            out.failed = set_.winner();
            out.values.push_back(takeResult<T>(handles_[*out.failed].promise(), results_[*out.failed]));
            return out;
        }
        for (size_t i = 0; i < handles_.size(); ++i)
            out.values.push_back(takeResult<T>(handles_[i].promise(), results_[i]));
        return out;
    }

private:
    std::function<bool(const T&)> failed_;
    std::vector<typename Task<T>::Handle> handles_;
    std::vector<ResultSlot<T>> results_;
    ArmSet set_;
};

template <class... Ts>
class [[nodiscard]] SelectAwaiter {
public:
    using Result = std::variant<Stored<Ts>...>;
    explicit SelectAwaiter(Task<Ts>... tasks) : handles_(tasks.release()...)
    {
        std::apply([this](auto&... h) { (set_.add(h, &h.promise()), ...); }, handles_);
    }
    bool await_ready() noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h)
    {
        deliver(std::index_sequence_for<Ts...>{});
        return set_.start(h);
    }
    // The winner's result, at the winner's index; the winner's exception is rethrown here.
    Result await_resume() { return take(std::index_sequence_for<Ts...>{}); }

private:
    template <size_t... I>
    void deliver(std::index_sequence<I...>)
    {
        (std::get<I>(handles_).promise().deliverTo(&std::get<I>(results_)), ...);
    }
    template <size_t... I>
    Result take(std::index_sequence<I...>)
    {
        std::optional<Result> out;
        ((set_.winner() == I ? (void)out.emplace(std::in_place_index<I>,
                                                 takeResult<Ts>(std::get<I>(handles_).promise(), std::get<I>(results_)))
                             : void()),
         ...);
        return std::move(*out);
    }
    std::tuple<typename Task<Ts>::Handle...> handles_;
    std::tuple<ResultSlot<Ts>...> results_;
    ArmSet set_{ArmSet::Policy::First};
};

template <class T>
class [[nodiscard]] SelectAllAwaiter {
public:
    explicit SelectAllAwaiter(std::vector<Task<T>> tasks)
    {
        for (auto& t : tasks) {
            handles_.push_back(t.release());
            set_.add(handles_.back(), &handles_.back().promise());
        }
    }
    bool await_ready() noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h)
    {
        deliverAll<T>(handles_, results_);
        return set_.start(h);
    }
    // (index of the winner, its result)
    std::pair<size_t, Stored<T>> await_resume()
    {
        const size_t w = set_.winner();
        return {w, takeResult<T>(handles_[w].promise(), results_[w])};
    }

private:
    std::vector<typename Task<T>::Handle> handles_;
    std::vector<ResultSlot<T>> results_;
    ArmSet set_{ArmSet::Policy::First};
};

// Waits for all; like tokio::join!.
template <class... Ts>
JoinAwaiter<Ts...> join(Task<Ts>... tasks)
{
    return JoinAwaiter<Ts...>(std::move(tasks)...);
}
template <class T>
JoinAllAwaiter<T> join_all(std::vector<Task<T>> tasks)
{
    return JoinAllAwaiter<T>(std::move(tasks));
}
template <class T>
TryJoinAllAwaiter<T> try_join_all(std::vector<Task<T>> tasks, std::function<bool(const T&)> failed)
{
    return TryJoinAllAwaiter<T>(std::move(tasks), std::move(failed));
}
// Takes the first to finish and drops the rest; like tokio::select! (branches polled in order, i.e. `biased;`).
template <class... Ts>
SelectAwaiter<Ts...> select(Task<Ts>... tasks)
{
    return SelectAwaiter<Ts...>(std::move(tasks)...);
}
template <class T>
SelectAllAwaiter<T> select_all(std::vector<Task<T>> tasks)
{
    return SelectAllAwaiter<T>(std::move(tasks));
}

Task<void> sleep(Duration d);

// The inner future raced against a timer: nullopt means the time elapsed and the inner future was dropped.
template <class T>
Task<std::optional<Stored<T>>> timeout(Duration limit, Task<T> inner)
{
    auto timer = sleep(limit).named("timeout timer");
    auto result = co_await select(std::move(inner), std::move(timer));
    if (result.index() == 0)
        co_return std::optional<Stored<T>>(std::move(std::get<0>(result)));
    co_return std::optional<Stored<T>>();
}

}  // namespace wl
