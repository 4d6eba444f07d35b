#pragma once
// Counts the bytes the executor allocates for tasks and futures (coroutine frames, task records, join states),
// so a scenario can measure what a task costs, straight from the allocator.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

namespace wl {

namespace detail {
// The count is sharded by thread: workers that spawn and finish tasks at once would otherwise pass one cache line
// back and forth on every allocation (a shard may go negative: a task is often freed by another thread).
struct alignas(64) ByteShard {
    std::atomic<std::int64_t> bytes{0};
};
inline constexpr std::size_t kByteShards = 16;
inline ByteShard g_taskBytes[kByteShards];
inline std::atomic<std::size_t> g_nextShard{0};
inline std::atomic<std::int64_t>& threadTaskBytes()
{
    thread_local std::atomic<std::int64_t>& mine =
        g_taskBytes[g_nextShard.fetch_add(1, std::memory_order_relaxed) % kByteShards].bytes;
    return mine;
}
}  // namespace detail

// Bytes currently allocated for tasks and futures, across all executors.
inline std::int64_t taskBytesInUse()
{
    std::int64_t sum = 0;
    for (const auto& shard : detail::g_taskBytes)
        sum += shard.bytes.load(std::memory_order_relaxed);
    return sum;
}

inline void* allocateCounted(std::size_t n)
{
    detail::threadTaskBytes().fetch_add(static_cast<std::int64_t>(n), std::memory_order_relaxed);
    return ::operator new(n);
}
inline void freeCounted(void* p, std::size_t n) noexcept
{
    detail::threadTaskBytes().fetch_sub(static_cast<std::int64_t>(n), std::memory_order_relaxed);
    ::operator delete(p);  // unsized: clang does not enable sized deallocation by default
}

// For std::allocate_shared: the control block and the object it holds are counted together.
template <class T>
struct CountingAllocator {
    using value_type = T;
    CountingAllocator() = default;
    template <class U>
    CountingAllocator(const CountingAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return static_cast<T*>(allocateCounted(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { freeCounted(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const CountingAllocator<U>&) const noexcept { return true; }
};

// The default stack size a new thread reserves on this system (what each OS thread would cost).
std::size_t defaultThreadStackBytes();

}  // namespace wl
