#pragma once
// A multi_thread worker's local run queue, after tokio 1.24's runtime/scheduler/multi_thread/queue.rs: a ring of
// 256 slots that its worker pushes to and pops from without a lock, and that other workers steal half of.
// `head` packs two positions, (steal, real). The owner pops by moving both. A thief claims [real, real + n) by
// moving only real, moves the tasks into its own ring, then moves steal up to real: until it has, the owner
// reuses none of those slots (it counts its room from steal) and other thieves stay away.
// In simulated mode (one thread) each entry's readyAt is consulted: only a ready prefix is popped or stolen. A
// threaded run passes readyBy = kAlways and no slot is read before it is claimed.
#include "TaskCore.h"
#include "Time.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace wl {

class LocalQueue {
public:
    static constexpr std::uint32_t kCapacity = 256;  // queue.rs: LOCAL_QUEUE_CAPACITY
    static constexpr Instant kAlways = std::numeric_limits<Instant>::max();

    struct Entry {
        std::shared_ptr<TaskCore> task;
        Instant readyAt = 0;
    };

    // Any thread: how many tasks it holds (an estimate while others push or steal).
    std::uint32_t size() const
    {
        const auto [steal, real] = unpack(head_.load(std::memory_order_acquire));
        (void)steal;
        return tail_.load(std::memory_order_acquire) - real;
    }
    bool empty() const { return size() == 0; }

    enum class Push : std::uint8_t { Pushed, Full, Stealing };
    // Owner: `e` goes to the back. Full: the owner overflows (takeOlderHalf) and tries again. Stealing: a thief is
    // moving tasks out, which frees room soon; tokio sends the task to the inject queue instead.
    Push tryPush(Entry& e)
    {
        const auto [steal, real] = unpack(head_.load(std::memory_order_acquire));
        const std::uint32_t tail = tail_.load(std::memory_order_relaxed);
        if (tail - steal < kCapacity) {
            slots_[tail % kCapacity] = std::move(e);
            tail_.store(tail + 1, std::memory_order_release);
            return Push::Pushed;
        }
        return steal != real ? Push::Stealing : Push::Full;
    }
    // Owner, with the queue full (push_overflow): claims the older half and appends it to `out`; false if a thief
    // got in first (then tryPush again).
    bool takeOlderHalf(std::vector<Entry>& out)
    {
        std::uint64_t head = head_.load(std::memory_order_acquire);
        const auto [steal, real] = unpack(head);
        if (steal != real || tail_.load(std::memory_order_relaxed) - real != kCapacity)
            return false;
        const std::uint32_t half = kCapacity / 2;
        if (!head_.compare_exchange_strong(head, pack(real + half, real + half), std::memory_order_acq_rel,
                                           std::memory_order_relaxed))
            return false;
        for (std::uint32_t i = 0; i < half; ++i)
            out.push_back(std::move(slots_[(real + i) % kCapacity]));
        return true;
    }
    // Owner: the front, if it is ready by `readyBy`.
    std::shared_ptr<TaskCore> pop(Instant readyBy)
    {
        std::uint64_t head = head_.load(std::memory_order_acquire);
        for (;;) {
            const auto [steal, real] = unpack(head);
            if (real == tail_.load(std::memory_order_relaxed))
                return nullptr;
            if (readyBy != kAlways && slots_[real % kCapacity].readyAt > readyBy)
                return nullptr;  // simulated mode only: no other thread touches the ring
            const std::uint32_t next = real + 1;
            const std::uint64_t packed = steal == real ? pack(next, next) : pack(steal, next);
            if (head_.compare_exchange_weak(head, packed, std::memory_order_acq_rel, std::memory_order_acquire))
                return std::move(slots_[real % kCapacity].task);
        }
    }
    // Owner (simulated mode): whether the front is ready by `readyBy`.
    bool frontReady(Instant readyBy) const
    {
        const auto [steal, real] = unpack(head_.load(std::memory_order_acquire));
        (void)steal;
        if (real == tail_.load(std::memory_order_acquire))
            return false;
        return readyBy == kAlways || slots_[real % kCapacity].readyAt <= readyBy;
    }

    // Thief, on the victim (steal_into): claims half of the victim's (ready) tasks, rounded up; the first is
    // returned in `first`, the others go to the back of `dst` (the thief's own queue). `arrive(entry)` is called
    // for each, after the claim and before the thief's queue shows them. Returns how many were stolen.
    template <class Arrive>
    std::uint32_t stealInto(LocalQueue& dst, Instant readyBy, Entry& first, Arrive&& arrive)
    {
        const std::uint32_t dstTail = dst.tail_.load(std::memory_order_relaxed);
        if (dstTail - unpack(dst.head_.load(std::memory_order_acquire)).first > kCapacity / 2)
            return 0;
        std::uint64_t prev = head_.load(std::memory_order_acquire);
        std::uint32_t n = 0, from = 0;
        for (;;) {
            const auto [steal, real] = unpack(prev);
            if (steal != real)
                return 0;  // another thief is at work
            std::uint32_t available = tail_.load(std::memory_order_acquire) - real;
            if (readyBy != kAlways) {  // simulated mode: the ready prefix only
                std::uint32_t ready = 0;
                while (ready < available && slots_[(real + ready) % kCapacity].readyAt <= readyBy)
                    ++ready;
                available = ready;
            }
            n = available - available / 2;
            if (n == 0)
                return 0;
            if (head_.compare_exchange_weak(prev, pack(steal, real + n), std::memory_order_acq_rel,
                                            std::memory_order_acquire)) {
                from = real;
                break;
            }
        }
        first = std::move(slots_[from % kCapacity]);
        arrive(first);
        for (std::uint32_t i = 1; i < n; ++i) {
            Entry& slot = dst.slots_[(dstTail + i - 1) % kCapacity];
            slot = std::move(slots_[(from + i) % kCapacity]);
            arrive(slot);
        }
        // Done with the victim's slots: steal catches up with real, and the owner may reuse them.
        for (;;) {
            const auto real = unpack(prev).second;
            if (head_.compare_exchange_weak(prev, pack(real, real), std::memory_order_acq_rel,
                                            std::memory_order_acquire))
                break;
        }
        if (n > 1)
            dst.tail_.store(dstTail + n - 1, std::memory_order_release);
        return n;
    }

    // Single-threaded (simulated mode, or after the workers stopped): every entry, front to back.
    template <class F>
    void forEach(F&& f) const
    {
        const auto real = unpack(head_.load(std::memory_order_acquire)).second;
        for (std::uint32_t i = real; i != tail_.load(std::memory_order_acquire); ++i)
            f(slots_[i % kCapacity]);
    }
    void clear()
    {
        while (pop(kAlways)) {
        }
    }

private:
    static std::uint64_t pack(std::uint32_t steal, std::uint32_t real)
    {
        return (std::uint64_t(steal) << 32) | real;
    }
    static std::pair<std::uint32_t, std::uint32_t> unpack(std::uint64_t head)
    {
        return {static_cast<std::uint32_t>(head >> 32), static_cast<std::uint32_t>(head)};
    }

    alignas(64) std::atomic<std::uint64_t> head_{0};  // (steal, real), written by the owner and thieves
    alignas(64) std::atomic<std::uint32_t> tail_{0};  // written by the owner only
    std::array<Entry, kCapacity> slots_;
};

}  // namespace wl
