#include "PagePrefault.h"

#include <cstdint>
#include <system_error>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels answer EINVAL and the helper just stops
#endif

namespace wl {

namespace {
struct PageRange {
    std::uintptr_t from = 0, to = 0;  // whole pages only: the pages at the ends may hold someone else's data
};
PageRange wholePages(void* begin, std::size_t bytes)
{
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto first = reinterpret_cast<std::uintptr_t>(begin);
    return {(first + page - 1) / page * page, (first + bytes) / page * page};
}
}  // namespace

bool populatePages(void* begin, std::size_t bytes) noexcept
{
    const PageRange r = wholePages(begin, bytes);
    return r.to > r.from && madvise(reinterpret_cast<void*>(r.from), r.to - r.from, MADV_POPULATE_WRITE) == 0;
}

PagePrefault::PagePrefault(void* begin, std::size_t bytes)
{
    if (bytes < kMinBytes || std::thread::hardware_concurrency() < 2)
        return;
    const PageRange r = wholePages(begin, bytes);
    if (r.to <= r.from)
        return;
    try {
        helper_ = std::thread([this, r] {
            constexpr std::uintptr_t kStep = std::uintptr_t(1) << 20;  // small enough to stay just ahead
            for (std::uintptr_t at = r.from; at < r.to && !stop_.load(std::memory_order_relaxed); at += kStep) {
                const std::uintptr_t len = r.to - at < kStep ? r.to - at : kStep;
                if (madvise(reinterpret_cast<void*>(at), len, MADV_POPULATE_WRITE) != 0)
                    return;
            }
        });
    } catch (const std::system_error&) {
        // No thread to spare: the merge takes its own faults, as it would without the helper.
    }
}

PagePrefault::~PagePrefault()
{
    stop_.store(true, std::memory_order_relaxed);
    if (helper_.joinable())
        helper_.join();
}

}  // namespace wl
