#pragma once
// tokio::sync::Notify: a task waits in `notified().await` until another calls notify_one (wakes the first waiter,
// or, with nobody waiting, leaves one permit that the next notified() takes at once) or notify_waiters (wakes
// everyone waiting now, and leaves no permit). As in tokio, a Notified future joins the queue when first polled,
// and one that is dropped after notify_one picked it passes the notification on to the next waiter.
#include "SyncResource.h"

#include <list>
#include <memory>
#include <mutex>

namespace wl {

class Notify : public std::enable_shared_from_this<Notify> {
public:
    static std::shared_ptr<Notify> create(const std::string& name);

    Task<void> notified();
    void notifyOne();
    void notifyWaiters();

    struct Waiter {  // lives in the waiting future's frame
        Waker waker;
        bool queued = false;
        bool notified = false;
        bool byNotifyOne = false;  // only notify_one's notification is handed on when the future is dropped
    };

private:
    explicit Notify(const std::string& name) : resource_("notify", name) {}
    void cancel(Waiter& w);
    // Picks the first waiter, or stores the permit; returns what to wake (outside the lock).
    Waker notifyOneLocked();

    SyncResource resource_;
    std::mutex mutex_;
    bool permit_ = false;
    std::list<Waiter*> waiters_;
};

}  // namespace wl
