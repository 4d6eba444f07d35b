#pragma once
// A one-shot channel (tokio::sync::oneshot): one value, once. The receiver parks until the value arrives, or
// gets nullopt if the sender is dropped without sending.
#include "SyncResource.h"

#include <memory>
#include <mutex>
#include <optional>

namespace wl {

template <class T>
class OneshotState {
public:
    explicit OneshotState(const std::string& name) : resource_("oneshot", name, 1) {}

    void send(T value)
    {
        Waker w;
        {
            std::lock_guard lock(mutex_);
            value_.emplace(std::move(value));
            closed_ = true;
            resource_.record(SyncOp::Send, 1);
            std::swap(w, waiter_);
        }
        wake(w);
    }
    void dropSender()
    {
        Waker w;
        {
            std::lock_guard lock(mutex_);
            if (closed_)
                return;
            closed_ = true;
            resource_.record(SyncOp::Close, 0);
            std::swap(w, waiter_);
        }
        wake(w);
    }
    Task<std::optional<T>> recv()
    {
        struct ForgetWakerOnDrop {
            OneshotState* s;
            ~ForgetWakerOnDrop()
            {
                std::lock_guard lock(s->mutex_);
                s->waiter_ = Waker();
            }
        } guard{this};
        for (;;) {
            {
                std::lock_guard lock(mutex_);
                if (value_) {
                    resource_.record(SyncOp::Receive, 0);
                    auto v = std::move(value_);
                    value_.reset();
                    co_return v;
                }
                if (closed_)
                    co_return std::optional<T>();
                waiter_ = currentWaker();
            }
            co_await Park{};
        }
    }

private:
    void wake(Waker& w)
    {
        std::vector<Waker> ws;
        if (w)
            ws.push_back(std::move(w));
        resource_.wakeAll(ws);
    }
    SyncResource resource_;
    std::mutex mutex_;
    std::optional<T> value_;
    bool closed_ = false;
    Waker waiter_;
};

template <class T>
class OneshotSender {
public:
    explicit OneshotSender(std::shared_ptr<OneshotState<T>> s) : state_(std::move(s)) {}
    OneshotSender(OneshotSender&&) noexcept = default;
    ~OneshotSender()
    {
        if (state_)
            state_->dropSender();
    }
    void send(T value) &&
    {
        auto s = std::move(state_);
        s->send(std::move(value));
    }

private:
    std::shared_ptr<OneshotState<T>> state_;
};

template <class T>
class OneshotReceiver {
public:
    explicit OneshotReceiver(std::shared_ptr<OneshotState<T>> s) : state_(std::move(s)) {}
    Task<std::optional<T>> recv() { return state_->recv(); }

private:
    std::shared_ptr<OneshotState<T>> state_;
};

template <class T>
std::pair<OneshotSender<T>, OneshotReceiver<T>> oneshot_channel(const std::string& name = "oneshot")
{
    auto s = std::make_shared<OneshotState<T>>(name);
    return {OneshotSender<T>(s), OneshotReceiver<T>(s)};
}

}  // namespace wl
