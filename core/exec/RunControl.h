#pragma once
// Shared between a run and whoever watches it from another thread: how far it got (tasks spawned and ended)
// and a request to stop early. A stopped run shuts down as at the end of block_on: every task still alive is
// dropped and recorded as cancelled, so the trace stays whole.
#include <atomic>
#include <cstdint>

namespace wl {

struct RunControl {
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> spawned{0};
    std::atomic<std::uint64_t> ended{0};
};

}  // namespace wl
