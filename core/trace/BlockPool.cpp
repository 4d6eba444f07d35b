#include "BlockPool.h"

#include "PagePrefault.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

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
    // Its pages faulted in with one call: the recording thread would otherwise take 512 faults, one for each page
    // it first writes, and a fault's trap costs more than the page's zeroing.
    populatePages(block, kBlockBytes);
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
