#include "BlockPool.h"

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

namespace wl {
namespace {
struct KeptBlocks {
    std::mutex mutex;
    std::vector<void*> blocks;
    ~KeptBlocks()
    {
        for (void* b : blocks)
            std::free(b);
    }
};
KeptBlocks& kept()
{
    static KeptBlocks blocks;
    return blocks;
}
// A fresh block's pages faulted in with one call: the recording thread would otherwise take 512 faults, one for
// each page it first writes, and a fault's trap costs more than the page's zeroing.
void populate(void* block, std::size_t bytes)
{
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const std::uintptr_t from = (reinterpret_cast<std::uintptr_t>(block) + page - 1) / page * page;
    const std::uintptr_t to = (reinterpret_cast<std::uintptr_t>(block) + bytes) / page * page;
    if (to > from)
        madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);  // a hint: EINVAL on old kernels
}
}  // namespace

void* acquireBlock()
{
    {
        auto& k = kept();
        std::lock_guard lock(k.mutex);
        if (!k.blocks.empty()) {
            void* b = k.blocks.back();
            k.blocks.pop_back();
            return b;
        }
    }
    void* block = std::malloc(kBlockBytes);
    if (!block)
        throw std::bad_alloc();
    populate(block, kBlockBytes);
    return block;
}

void releaseBlock(void* block) noexcept
{
    auto& k = kept();
    {
        std::lock_guard lock(k.mutex);
        if (k.blocks.size() < kKeptBlocks) {
            k.blocks.push_back(block);
            return;
        }
    }
    std::free(block);
}

}  // namespace wl
