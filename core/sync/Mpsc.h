#pragma once
// A multi-producer, single-consumer channel (tokio::sync::mpsc::channel). Capacity is a FIFO-fair semaphore of
// free slots: a sender parks while the channel is full and the receiver's recv, freeing a slot, wakes it. When
// every Sender is gone the receiver drains what is left, then recv returns nullopt; when the Receiver is gone,
// send fails and hands the value back. An unbounded channel (mpsc::unbounded_channel) is one whose slots never
// run out: its send never waits (trySend).
#include "Semaphore.h"

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace wl {

template <class T>
class MpscChannel {
public:
    MpscChannel(std::size_t capacity, const std::string& name)
        : resource_("channel", name, capacity >= kUnbounded ? 0 : static_cast<std::int64_t>(capacity)),
          slots_(Semaphore::createInside(capacity, resource_))
    {
        if (capacity == 0)
            throw std::invalid_argument("mpsc channel capacity must be at least 1");
    }

    static constexpr std::size_t kUnbounded = std::size_t(1) << 62;

    Task<std::optional<T>> send(T value)  // nullopt: sent; otherwise the receiver is gone and here is the value
    {
        auto slot = co_await slots_->acquire();
        if (!slot)
            co_return std::optional<T>(std::move(value));
        deliver(std::move(value), *slot);
        co_return std::optional<T>();
    }

    // Sends without waiting (try_send; an unbounded channel's send): on Full or Closed the value stays with the caller.
    enum class TrySend { Sent, Full, Closed };
    TrySend trySend(T& value)
    {
        auto slot = slots_->tryAcquire();
        if (!slot)
            return slots_->closed() ? TrySend::Closed : TrySend::Full;
        deliver(std::move(value), *slot);
        return TrySend::Sent;
    }

private:
    void deliver(T value, SemaphorePermit& slot)
    {
        Waker receiver;
        {
            std::lock_guard lock(mutex_);
            buffer_.push_back(std::move(value));
            slot.forget();  // the slot is now held by the message until it is received
            std::swap(receiver, receiverWaker_);
            resource_.record(SyncOp::Send, static_cast<std::int64_t>(buffer_.size()));
        }
        std::vector<Waker> wake;
        if (receiver)
            wake.push_back(std::move(receiver));
        resource_.wakeAll(wake);
    }

public:

    Task<std::optional<T>> recv()  // nullopt: every sender is gone and the buffer is empty
    {
        struct ForgetWakerOnDrop {
            MpscChannel* c;
            ~ForgetWakerOnDrop()
            {
                std::lock_guard lock(c->mutex_);
                c->receiverWaker_ = Waker();
            }
        } guard{this};
        for (;;) {
            std::optional<T> got;
            bool closed = false;
            {
                std::lock_guard lock(mutex_);
                if (!buffer_.empty()) {
                    got.emplace(std::move(buffer_.front()));
                    buffer_.pop_front();
                    resource_.record(SyncOp::Receive, static_cast<std::int64_t>(buffer_.size()));
                } else if (senders_ == 0) {
                    closed = true;
                } else {
                    receiverWaker_ = currentWaker();
                }
            }
            if (got) {
                slots_->release(1);  // a slot is free again: wakes the first parked sender, if any
                co_return got;
            }
            if (closed)
                co_return std::optional<T>();
            co_await Park{};
        }
    }

    void addSender()
    {
        std::lock_guard lock(mutex_);
        ++senders_;
    }
    void dropSender()
    {
        Waker receiver;
        {
            std::lock_guard lock(mutex_);
            if (--senders_ > 0)
                return;
            resource_.record(SyncOp::Close, static_cast<std::int64_t>(buffer_.size()));
            std::swap(receiver, receiverWaker_);
        }
        std::vector<Waker> wake;
        if (receiver)
            wake.push_back(std::move(receiver));
        resource_.wakeAll(wake);
    }
    void dropReceiver()
    {
        resource_.record(SyncOp::Close, 0);
        slots_->close();  // parked senders wake up and get their values back
    }
    std::size_t buffered() const
    {
        std::lock_guard lock(mutex_);
        return buffer_.size();
    }
    ResourceId id() const { return resource_.id(); }

private:
    SyncResource resource_;
    std::shared_ptr<Semaphore> slots_;
    mutable std::mutex mutex_;
    std::deque<T> buffer_;
    std::size_t senders_ = 0;
    Waker receiverWaker_;
};

template <class T>
class MpscSender {
public:
    explicit MpscSender(std::shared_ptr<MpscChannel<T>> c) : channel_(std::move(c)) { channel_->addSender(); }
    MpscSender(const MpscSender& o) : channel_(o.channel_) { channel_->addSender(); }
    MpscSender(MpscSender&& o) noexcept : channel_(std::move(o.channel_)) {}
    MpscSender& operator=(const MpscSender&) = delete;
    ~MpscSender()
    {
        if (channel_)
            channel_->dropSender();
    }
    Task<std::optional<T>> send(T value) { return channel_->send(std::move(value)); }
    typename MpscChannel<T>::TrySend trySend(T& value) { return channel_->trySend(value); }
    const MpscChannel<T>& channel() const { return *channel_; }

private:
    std::shared_ptr<MpscChannel<T>> channel_;
};

template <class T>
class MpscReceiver {
public:
    explicit MpscReceiver(std::shared_ptr<MpscChannel<T>> c) : channel_(std::move(c)) {}
    MpscReceiver(MpscReceiver&& o) noexcept : channel_(std::move(o.channel_)) {}
    ~MpscReceiver()
    {
        if (channel_)
            channel_->dropReceiver();
    }
    Task<std::optional<T>> recv() { return channel_->recv(); }
    const MpscChannel<T>& channel() const { return *channel_; }

private:
    std::shared_ptr<MpscChannel<T>> channel_;
};

// tokio::sync::mpsc::channel(capacity)
template <class T>
std::pair<MpscSender<T>, MpscReceiver<T>> mpsc_channel(std::size_t capacity, const std::string& name = "mpsc")
{
    auto c = std::make_shared<MpscChannel<T>>(capacity, name);
    return {MpscSender<T>(c), MpscReceiver<T>(c)};
}

// tokio::sync::mpsc::unbounded_channel()
template <class T>
std::pair<MpscSender<T>, MpscReceiver<T>> mpsc_unbounded_channel(const std::string& name = "mpsc::unbounded_channel()")
{
    return mpsc_channel<T>(MpscChannel<T>::kUnbounded, name);
}

}  // namespace wl
