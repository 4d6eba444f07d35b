#include "LiveTasks.h"

#include <mutex>

namespace wl {

void LiveTasks::add(const std::shared_ptr<TaskCore>& task)
{
    Shard& s = shardOf(*task);
    std::lock_guard lock(s.mutex);
    std::uint32_t slot = s.freeHead;
    if (slot != kNoSlot) {
        s.freeHead = s.entries[slot].nextFree;
    } else {
        slot = static_cast<std::uint32_t>(s.entries.size());
        s.entries.emplace_back();
    }
    s.entries[slot] = {task.get(), kNoSlot};
    task->liveSlot = slot;
    task->liveSelf = task;
}

bool LiveTasks::remove(TaskCore& task)
{
    std::shared_ptr<TaskCore> self;  // released after the lock: it may be the last reference
    Shard& s = shardOf(task);
    {
        std::lock_guard lock(s.mutex);
        if (!task.liveSelf)
            return false;
        s.entries[task.liveSlot] = {nullptr, s.freeHead};
        s.freeHead = task.liveSlot;
        self = std::move(task.liveSelf);
    }
    return true;
}

std::vector<std::shared_ptr<TaskCore>> LiveTasks::snapshot() const
{
    std::vector<std::shared_ptr<TaskCore>> out;
    for (const Shard& s : shards_) {
        std::lock_guard lock(s.mutex);
        for (const Slot& slot : s.entries)
            if (slot.task)
                out.push_back(slot.task->liveSelf);
    }
    return out;
}

}  // namespace wl
