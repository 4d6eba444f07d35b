#pragma once
// A one-byte lock for the join state every task carries: its critical sections are a few loads and stores (the
// task finishing, its handle registering a waker), so a std::mutex's 40 bytes per task buy nothing. It spins
// briefly, then yields the processor, so a holder that was preempted gets to run.
#include <atomic>
#include <thread>

namespace wl {

class SpinLock {
public:
    void lock() noexcept
    {
        for (int spins = 0;; ++spins) {
            if (!locked_.exchange(true, std::memory_order_acquire))
                return;
            while (locked_.load(std::memory_order_relaxed))
                if (++spins > 64)
                    std::this_thread::yield();
        }
    }
    void unlock() noexcept { locked_.store(false, std::memory_order_release); }

private:
    std::atomic<bool> locked_{false};
};

}  // namespace wl
