#pragma once
// A broadcast channel (tokio::sync::broadcast) with a capacity: every receiver gets every message. The channel
// keeps only the newest `capacity` messages, so a receiver that falls further behind gets Lagged(n) once, then
// goes on from the oldest message still kept. When the sender is gone, receivers drain and then get Closed.
#include "SyncResource.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <variant>

namespace wl {

struct Lagged {
    std::uint64_t missed = 0;
};
struct Closed {};
template <class T>
using BroadcastResult = std::variant<T, Lagged, Closed>;

template <class T>
class BroadcastChannel {
public:
    BroadcastChannel(std::size_t capacity, const std::string& name) : resource_("broadcast", name, static_cast<std::int64_t>(capacity)), capacity_(capacity)
    {
        if (capacity == 0)
            throw std::invalid_argument("broadcast channel capacity must be at least 1");
    }

    // Returns how many receivers the message went to.
    std::size_t send(T value)
    {
        std::vector<Waker> wake;
        std::size_t receivers;
        {
            std::lock_guard lock(mutex_);
            kept_.push_back(std::move(value));
            ++tail_;
            if (kept_.size() > capacity_) {
                kept_.pop_front();
                ++head_;
            }
            resource_.record(SyncOp::Send, static_cast<std::int64_t>(kept_.size()));
            wake.swap(waiting_);
            receivers = receivers_;
        }
        resource_.wakeAll(wake);
        return receivers;
    }

    void close()
    {
        std::vector<Waker> wake;
        {
            std::lock_guard lock(mutex_);
            if (closed_)
                return;
            closed_ = true;
            resource_.record(SyncOp::Close, static_cast<std::int64_t>(kept_.size()));
            wake.swap(waiting_);
        }
        resource_.wakeAll(wake);
    }

    std::uint64_t subscribe()  // the sequence number of the next message this receiver will get
    {
        std::lock_guard lock(mutex_);
        ++receivers_;
        return tail_;
    }
    void unsubscribe()
    {
        std::lock_guard lock(mutex_);
        --receivers_;
    }

    Task<BroadcastResult<T>> recv(std::uint64_t* next)
    {
        return recvAs<BroadcastResult<T>>(next, nullptr, [](BroadcastResult<T> r) { return r; });
    }
    // recv, its result made into the caller's own type by `convert` in this same frame (a coroutine of the
    // caller's around it would be a second frame per wait). `keep` is held as long as the wait: what owns `*next`.
    template <class Out, class Keep, class Convert>
    Task<Out> recvAs(std::uint64_t* next, [[maybe_unused]] Keep keep, Convert convert)
    {
        for (;;) {
            {
                std::lock_guard lock(mutex_);
                if (*next < head_) {
                    const std::uint64_t missed = head_ - *next;
                    *next = head_;
                    resource_.record(SyncOp::Lagged, static_cast<std::int64_t>(missed));
                    co_return convert(BroadcastResult<T>(std::in_place_index<1>, Lagged{missed}));
                }
                if (*next < tail_) {
                    T v = kept_[static_cast<std::size_t>(*next - head_)];
                    ++*next;
                    resource_.record(SyncOp::Receive, static_cast<std::int64_t>(tail_ - *next));
                    co_return convert(BroadcastResult<T>(std::in_place_index<0>, std::move(v)));
                }
                if (closed_)
                    co_return convert(BroadcastResult<T>(std::in_place_index<2>, Closed{}));
                waiting_.push_back(currentWaker());
            }
            co_await Park{};
        }
    }

private:
    SyncResource resource_;
    const std::size_t capacity_;
    std::mutex mutex_;
    std::deque<T> kept_;
    std::uint64_t head_ = 0;  // sequence number of kept_.front()
    std::uint64_t tail_ = 0;  // sequence number of the next message sent
    std::size_t receivers_ = 0;
    bool closed_ = false;
    std::vector<Waker> waiting_;  // a stale waker only causes a spurious poll, which recv tolerates
};

template <class T>
class BroadcastReceiver {
public:
    explicit BroadcastReceiver(std::shared_ptr<BroadcastChannel<T>> c) : channel_(std::move(c)), next_(channel_->subscribe()) {}
    BroadcastReceiver(BroadcastReceiver&& o) noexcept : channel_(std::move(o.channel_)), next_(o.next_) {}
    ~BroadcastReceiver()
    {
        if (channel_)
            channel_->unsubscribe();
    }
    Task<BroadcastResult<T>> recv() { return channel_->recv(&next_); }
    template <class Out, class Keep, class Convert>
    Task<Out> recvAs(Keep keep, Convert convert)
    {
        return channel_->template recvAs<Out>(&next_, std::move(keep), std::move(convert));
    }

private:
    std::shared_ptr<BroadcastChannel<T>> channel_;
    std::uint64_t next_;
};

template <class T>
class BroadcastSender {
public:
    explicit BroadcastSender(std::shared_ptr<BroadcastChannel<T>> c) : channel_(std::move(c)) {}
    BroadcastSender(BroadcastSender&& o) noexcept : channel_(std::move(o.channel_)) {}
    ~BroadcastSender()
    {
        if (channel_)
            channel_->close();
    }
    std::size_t send(T value) { return channel_->send(std::move(value)); }
    BroadcastReceiver<T> subscribe() { return BroadcastReceiver<T>(channel_); }

private:
    std::shared_ptr<BroadcastChannel<T>> channel_;
};

// tokio::sync::broadcast::channel(capacity): the sender and a first receiver.
template <class T>
std::pair<BroadcastSender<T>, BroadcastReceiver<T>> broadcast_channel(std::size_t capacity,
                                                                      const std::string& name = "broadcast")
{
    auto c = std::make_shared<BroadcastChannel<T>>(capacity, name);
    BroadcastReceiver<T> first(c);
    return {BroadcastSender<T>(c), std::move(first)};
}

}  // namespace wl
