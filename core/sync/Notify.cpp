#include "Notify.h"

namespace wl {

std::shared_ptr<Notify> Notify::create(const std::string& name)
{
    return std::shared_ptr<Notify>(new Notify(name));
}

Task<void> Notify::notified()
{
    auto self = shared_from_this();
    Waiter w;
    struct LeaveOnDrop {
        Notify* n;
        Waiter* w;
        ~LeaveOnDrop() { n->cancel(*w); }
    } guard{this, &w};
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (w.notified || (!w.queued && permit_)) {
                if (!w.notified)
                    permit_ = false;
                w.notified = false;  // consumed: nothing to pass on when the frame goes
                resource_.record(SyncOp::Receive, permit_ ? 1 : 0);
                co_return;
            }
            w.waker = currentWaker();
            if (!w.queued) {
                waiters_.push_back(&w);
                w.queued = true;
            }
        }
        co_await Park{};
    }
}

Waker Notify::notifyOneLocked()
{
    if (waiters_.empty()) {
        permit_ = true;
        resource_.record(SyncOp::Send, 1);
        return Waker();
    }
    Waiter* w = waiters_.front();
    waiters_.pop_front();
    w->queued = false;
    w->notified = true;
    w->byNotifyOne = true;
    resource_.record(SyncOp::Send, 0);
    return w->waker;
}

void Notify::notifyOne()
{
    std::vector<Waker> wake;
    {
        std::lock_guard lock(mutex_);
        if (Waker w = notifyOneLocked())
            wake.push_back(std::move(w));
    }
    resource_.wakeAll(wake);
}

void Notify::notifyWaiters()
{
    std::vector<Waker> wake;
    {
        std::lock_guard lock(mutex_);
        for (Waiter* w : waiters_) {
            w->queued = false;
            w->notified = true;
            wake.push_back(w->waker);
        }
        waiters_.clear();
        resource_.record(SyncOp::Send, permit_ ? 1 : 0);
    }
    resource_.wakeAll(wake);
}

void Notify::cancel(Waiter& w)
{
    std::vector<Waker> wake;
    {
        std::lock_guard lock(mutex_);
        if (w.queued) {
            waiters_.remove(&w);
            w.queued = false;
        } else if (w.notified && w.byNotifyOne) {
            // Picked by notify_one but dropped before it saw it: tokio hands the notification on.
            w.notified = false;
            if (Waker next = notifyOneLocked())
                wake.push_back(std::move(next));
        }
    }
    resource_.wakeAll(wake);
}

}  // namespace wl
