#include "LiveTasks.h"

namespace wl {

void LiveTasks::add(const std::shared_ptr<TaskCore>& task)
{
    Shard& s = shardOf(*task);
    {
        std::lock_guard lock(s.mutex);
        task->liveSelf = task;
        task->liveNext = s.head;
        if (s.head)
            s.head->livePrev = task.get();
        s.head = task.get();
    }
    count_.fetch_add(1, std::memory_order_acq_rel);
}

bool LiveTasks::remove(TaskCore& task)
{
    std::shared_ptr<TaskCore> self;  // released after the lock: it may be the last reference
    Shard& s = shardOf(task);
    {
        std::lock_guard lock(s.mutex);
        if (!task.liveSelf)
            return false;
        if (task.livePrev)
            task.livePrev->liveNext = task.liveNext;
        else
            s.head = task.liveNext;
        if (task.liveNext)
            task.liveNext->livePrev = task.livePrev;
        task.livePrev = task.liveNext = nullptr;
        self = std::move(task.liveSelf);
    }
    count_.fetch_sub(1, std::memory_order_acq_rel);
    return true;
}

std::vector<std::shared_ptr<TaskCore>> LiveTasks::snapshot() const
{
    std::vector<std::shared_ptr<TaskCore>> out;
    for (const Shard& s : shards_) {
        std::lock_guard lock(s.mutex);
        for (TaskCore* t = s.head; t; t = t->liveNext)
            out.push_back(t->liveSelf);
    }
    return out;
}

}  // namespace wl
