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
inline std::atomic<std::int64_t> g_taskBytes{0};
}

// Bytes currently allocated for tasks and futures, across all executors.
inline std::int64_t taskBytesInUse() { return detail::g_taskBytes.load(std::memory_order_relaxed); }

inline void* allocateCounted(std::size_t n)
{
    detail::g_taskBytes.fetch_add(static_cast<std::int64_t>(n), std::memory_order_relaxed);
    return ::operator new(n);
}
inline void freeCounted(void* p, std::size_t n) noexcept
{
    detail::g_taskBytes.fetch_sub(static_cast<std::int64_t>(n), std::memory_order_relaxed);
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
