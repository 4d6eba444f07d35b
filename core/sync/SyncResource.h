#pragma once
// What every coordination primitive shares: it is a resource in the trace, records each operation on it, and
// wakes parked futures through the normal waker path with itself (and the acting task) as the source.
#include "exec/Runtime.h"
#include "exec/Scheduler.h"

#include <string>
#include <vector>

namespace wl {

class SyncResource {
public:
    // `capacity`: a channel's buffer or a semaphore's permits (0: unbounded, or none to speak of), recorded with
    // its creation so a picture knows the scale of what it holds.
    SyncResource(const std::string& kind, const std::string& name, std::int64_t capacity = 0)
        : scheduler_(&currentScheduler()), id_(scheduler_->addResource(kind, name))
    {
        record(SyncOp::Created, capacity);
    }
    ResourceId id() const { return id_; }

    void record(SyncOp op, std::int64_t value) const
    {
        const auto& c = currentContext();
        scheduler_->record(EventKind::Sync, scheduler_->stamp(c.task), currentFutureId(), c.lane,
                           static_cast<std::uint8_t>(op), 0, id_, value, currentSite());
    }
    // Wakes what an operation released, outside the primitive's lock.
    void wakeAll(std::vector<Waker>& wakers) const
    {
        const WakeSource source{currentFutureId(), id_};
        for (auto& w : wakers)
            w.wake(source);
        wakers.clear();
    }

private:
    Scheduler* scheduler_;
    ResourceId id_;
};

}  // namespace wl
