#include "PagePrefault.h"

#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels answer EINVAL and the helper just stops
#endif

namespace wl {

PagePrefault::PagePrefault(void* begin, std::size_t bytes)
{
    if (bytes < kMinBytes || std::thread::hardware_concurrency() < 2)
        return;
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    // Whole pages inside the region only: the pages at its ends may hold someone else's data.
    const std::uintptr_t from = (reinterpret_cast<std::uintptr_t>(begin) + page - 1) / page * page;
    const std::uintptr_t to = (reinterpret_cast<std::uintptr_t>(begin) + bytes) / page * page;
    if (to <= from)
        return;
    helper_ = std::thread([this, from, to] {
        constexpr std::uintptr_t kStep = std::uintptr_t(1) << 20;  // small enough to stay just ahead of the merge
        for (std::uintptr_t at = from; at < to && !stop_.load(std::memory_order_relaxed); at += kStep) {
            const std::uintptr_t len = to - at < kStep ? to - at : kStep;
            if (madvise(reinterpret_cast<void*>(at), len, MADV_POPULATE_WRITE) != 0)
                return;
        }
    });
}

PagePrefault::~PagePrefault()
{
    stop_.store(true, std::memory_order_relaxed);
    if (helper_.joinable())
        helper_.join();
}

}  // namespace wl
