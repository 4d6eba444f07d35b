#pragma once
// Faults in a fresh region's pages on a helper thread, ahead of the thread that fills it. The merged trace is a
// new vector of 40 bytes an event, and on this class of machine the kernel's fault and zeroing of a fresh page
// cost more than the merge writing into it; with the run over, the other cores are idle, so one of them takes
// the faults while the merge copies. Only the kernel touches the pages (madvise MADV_POPULATE_WRITE, which fills
// in missing pages and leaves present ones alone), so the helper never reads or writes what the merge writes.
#include <atomic>
#include <cstddef>
#include <thread>

namespace wl {

class PagePrefault {
public:
    static constexpr std::size_t kMinBytes = std::size_t(16) << 20;  // below this a thread costs more than it saves

    PagePrefault(void* begin, std::size_t bytes);
    ~PagePrefault();  // stops the helper (if it is still at work) and waits for it
    PagePrefault(const PagePrefault&) = delete;
    PagePrefault& operator=(const PagePrefault&) = delete;

private:
    std::atomic<bool> stop_{false};
    std::thread helper_;
};

}  // namespace wl
