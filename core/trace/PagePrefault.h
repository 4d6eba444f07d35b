#pragma once
// Faulting in fresh pages before they are written, where the kernel's fault and zeroing of a fresh page cost
// more than writing into it (on this class of machine they do). populatePages does it in one call for a block
// about to be filled. PagePrefault does it on a helper thread, ahead of the thread that fills a large region: the
// merged trace is a new vector of 40 bytes an event, and with the run over the other cores are idle, so one of
// them takes the faults while the merge copies. Only the kernel touches the pages (madvise MADV_POPULATE_WRITE
// fills in missing pages and leaves present ones alone), so the helper never reads or writes what the merge writes.
#include <atomic>
#include <cstddef>
#include <thread>

namespace wl {

// Faults in the whole pages inside [begin, begin + bytes) with one call (a hint: false where the kernel cannot).
bool populatePages(void* begin, std::size_t bytes) noexcept;

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
