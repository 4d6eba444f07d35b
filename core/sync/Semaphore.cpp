#include "Semaphore.h"

namespace wl {

SemaphorePermit& SemaphorePermit::operator=(SemaphorePermit&& o) noexcept
{
    if (this != &o) {
        if (semaphore_ && count_)
            semaphore_->release(count_);
        semaphore_ = std::move(o.semaphore_);
        count_ = std::exchange(o.count_, 0);
    }
    return *this;
}

SemaphorePermit::~SemaphorePermit()
{
    if (semaphore_ && count_)
        semaphore_->release(count_);
}

Semaphore::Semaphore(std::size_t permits, const SyncResource* owner, const std::string& name, const std::string& kind)
    : permits_(permits)
{
    if (owner) {
        resource_ = owner;
    } else {
        own_.emplace(kind, name, static_cast<std::int64_t>(permits));
        resource_ = &*own_;
    }
}

std::shared_ptr<Semaphore> Semaphore::create(std::size_t permits, const std::string& name, const std::string& kind)
{
    return std::shared_ptr<Semaphore>(new Semaphore(permits, nullptr, name, kind));
}

std::shared_ptr<Semaphore> Semaphore::createInside(std::size_t permits, const SyncResource& owner)
{
    return std::shared_ptr<Semaphore>(new Semaphore(permits, &owner, {}, {}));
}

bool Semaphore::takeLocked(std::size_t n)
{
    if (closed_ || !waiters_.empty() || permits_ < n)
        return false;
    permits_ -= n;
    if (own_)
        own_->record(SyncOp::Acquire, static_cast<std::int64_t>(permits_));
    return true;
}

std::optional<SemaphorePermit> Semaphore::tryAcquire(std::size_t n)
{
    std::lock_guard lock(mutex_);
    if (!takeLocked(n))
        return std::nullopt;
    return SemaphorePermit(shared_from_this(), n);
}

Task<std::optional<SemaphorePermit>> Semaphore::acquire(std::size_t n)
{
    auto self = shared_from_this();
    if (auto p = tryAcquire(n))
        co_return std::move(p);
    Waiter w;
    w.need = n;
    struct LeaveOnDrop {
        Semaphore* s;
        Waiter* w;
        ~LeaveOnDrop() { s->cancel(*w); }
    } guard{this, &w};
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (w.granted) {
                w.granted = false;  // consumed: the guard has nothing to hand back
                if (own_)
                    own_->record(SyncOp::Acquire, static_cast<std::int64_t>(permits_));
                co_return SemaphorePermit(self, n);
            }
            if (closed_)
                co_return std::nullopt;
            // Released between tryAcquire and here, with nobody queued: queuing now would park this task with
            // its permits free and no release left to wake it.
            if (!w.queued && takeLocked(n))
                co_return SemaphorePermit(self, n);
            w.waker = currentWaker();
            if (!w.queued) {
                waiters_.push_back(&w);
                w.queued = true;
            }
        }
        co_await Park{};
    }
}

void Semaphore::grantLocked(std::vector<Waker>& wake)
{
    while (!waiters_.empty() && waiters_.front()->need <= permits_) {
        Waiter* w = waiters_.front();
        waiters_.pop_front();
        w->queued = false;
        w->granted = true;
        permits_ -= w->need;
        wake.push_back(w->waker);
    }
}

void Semaphore::cancel(Waiter& w)
{
    std::vector<Waker> wake;
    {
        std::lock_guard lock(mutex_);
        if (w.queued) {
            waiters_.remove(&w);
            w.queued = false;
        } else if (w.granted) {
            permits_ += w.need;  // granted but never taken: pass the permits on
            w.granted = false;
        }
        grantLocked(wake);  // a big waiter leaving the front may let smaller ones through
    }
    resource_->wakeAll(wake);
}

void Semaphore::release(std::size_t n)
{
    std::vector<Waker> wake;
    {
        std::lock_guard lock(mutex_);
        permits_ += n;
        if (own_)
            own_->record(SyncOp::Release, static_cast<std::int64_t>(permits_));
        grantLocked(wake);
    }
    resource_->wakeAll(wake);
}

void Semaphore::close()
{
    std::vector<Waker> wake;
    {
        std::lock_guard lock(mutex_);
        if (closed_)
            return;
        closed_ = true;
        if (own_)
            own_->record(SyncOp::Close, static_cast<std::int64_t>(permits_));
        for (Waiter* w : waiters_) {
            w->queued = false;
            wake.push_back(w->waker);
        }
        waiters_.clear();
    }
    resource_->wakeAll(wake);
}

std::size_t Semaphore::available() const
{
    std::lock_guard lock(mutex_);
    return permits_;
}

bool Semaphore::closed() const
{
    std::lock_guard lock(mutex_);
    return closed_;
}

std::size_t Semaphore::waiting() const
{
    std::lock_guard lock(mutex_);
    return waiters_.size();
}

}  // namespace wl
