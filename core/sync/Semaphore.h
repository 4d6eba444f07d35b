#pragma once
// A counting semaphore with FIFO-fair permits (tokio::sync::Semaphore): an acquirer that has to wait queues up
// and is woken by the release that frees its permits; nobody behind it overtakes it. Dropping a waiting acquire
// leaves the queue; dropping one whose permits were already granted hands them on, so no permit is ever lost.
#include "SyncResource.h"

#include <list>
#include <memory>
#include <mutex>
#include <optional>

namespace wl {

class Semaphore;

class SemaphorePermit {
public:
    SemaphorePermit() = default;
    SemaphorePermit(std::shared_ptr<Semaphore> s, std::size_t n) : semaphore_(std::move(s)), count_(n) {}
    SemaphorePermit(SemaphorePermit&& o) noexcept
        : semaphore_(std::move(o.semaphore_)), count_(std::exchange(o.count_, 0)) {}
    SemaphorePermit& operator=(SemaphorePermit&& o) noexcept;
    ~SemaphorePermit();
    // Keeps the permits out of the semaphore without returning them (a channel's slot now holds a message).
    void forget() { count_ = 0; semaphore_.reset(); }

private:
    std::shared_ptr<Semaphore> semaphore_;
    std::size_t count_ = 0;
};

class Semaphore : public std::enable_shared_from_this<Semaphore> {
public:
    // Records itself as a resource of `kind` ("semaphore"; "mutex" for tokio's Mutex, a semaphore of one permit),
    // or, with `owner`, acts silently inside another primitive.
    static std::shared_ptr<Semaphore> create(std::size_t permits, const std::string& name,
                                             const std::string& kind = "semaphore");
    static std::shared_ptr<Semaphore> createInside(std::size_t permits, const SyncResource& owner);

    // Waits for n permits; nullopt once the semaphore is closed.
    Task<std::optional<SemaphorePermit>> acquire(std::size_t n = 1);
    std::optional<SemaphorePermit> tryAcquire(std::size_t n = 1);
    void release(std::size_t n);
    void close();  // wakes every waiter, who then gets nullopt
    std::size_t available() const;
    std::size_t waiting() const;
    bool closed() const;

    struct Waiter {  // lives in the acquiring future's frame
        std::size_t need = 1;
        Waker waker;
        bool queued = false;
        bool granted = false;
    };

private:
    Semaphore(std::size_t permits, const SyncResource* owner, const std::string& name, const std::string& kind);
    bool takeLocked(std::size_t n);  // takes n free permits if nobody is queued ahead; records the acquire
    void grantLocked(std::vector<Waker>& wake);  // hands free permits to the waiters at the front
    void cancel(Waiter& w);

    std::optional<SyncResource> own_;
    const SyncResource* resource_;
    mutable std::mutex mutex_;
    std::size_t permits_;
    bool closed_ = false;
    std::list<Waiter*> waiters_;
};

}  // namespace wl
