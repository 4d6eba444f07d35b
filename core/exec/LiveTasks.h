#pragma once
// Every task spawned and not yet ended, so that shutdown can drop them (tokio's OwnedTasks), sharded by task id
// so that workers spawning and completing at once rarely meet on one lock. Each shard is a dense array of slots
// with a free list through the empty ones: adding or removing a task touches its own record and one slot, where
// an intrusive list would also write to its neighbours' records (with many tasks, two cache misses a task).
#include "SpinLock.h"
#include "TaskCore.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace wl {

class LiveTasks {
public:
    // Adds the task; its own reference (TaskCore::liveSelf) keeps it alive while it is in the set.
    void add(const std::shared_ptr<TaskCore>& task);
    // Removes the task if it is in the set (its reference is dropped after the lock); false if it was not.
    bool remove(TaskCore& task);
    // Every task in the set now (for shutdown).
    std::vector<std::shared_ptr<TaskCore>> snapshot() const;

private:
    static constexpr std::size_t kShards = 32;
    static constexpr std::uint32_t kNoSlot = UINT32_MAX;
    struct Slot {
        TaskCore* task = nullptr;  // null: free, and `nextFree` links it to the next free one
        std::uint32_t nextFree = kNoSlot;
    };
    struct alignas(64) Shard {
        mutable SpinLock mutex;  // held for a slot's update: a std::mutex's unlock is one more atomic
        std::vector<Slot> entries;  // (not "slots": a Qt keyword in code that includes this)
        std::uint32_t freeHead = kNoSlot;
    };
    Shard& shardOf(const TaskCore& task) { return shards_[task.id % kShards]; }

    std::array<Shard, kShards> shards_;
};

}  // namespace wl
