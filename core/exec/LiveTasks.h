#pragma once
// Every task spawned and not yet ended, so that shutdown can drop them (tokio's OwnedTasks). An intrusive list
// through the task records (no allocation, no map), sharded by task id like tokio's: workers that spawn and
// complete tasks at once rarely meet on one lock.
#include "SpinLock.h"
#include "TaskCore.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <memory>
#include <vector>

namespace wl {

class LiveTasks {
public:
    // Adds the task; its own reference (TaskCore::liveSelf) keeps it alive while it is in the set.
    void add(const std::shared_ptr<TaskCore>& task);
    // Removes the task if it is in the set (its reference is dropped after the lock); false if it was not.
    bool remove(TaskCore& task);
    std::size_t size() const { return count_.load(std::memory_order_acquire); }
    // Every task in the set now (for shutdown).
    std::vector<std::shared_ptr<TaskCore>> snapshot() const;

private:
    static constexpr std::size_t kShards = 32;
    struct alignas(64) Shard {
        mutable SpinLock mutex;  // held for a few pointer moves: a std::mutex's unlock is one more atomic
        TaskCore* head = nullptr;
    };
    Shard& shardOf(const TaskCore& task) { return shards_[task.id % kShards]; }

    std::array<Shard, kShards> shards_;
    std::atomic<std::size_t> count_{0};
};

}  // namespace wl
