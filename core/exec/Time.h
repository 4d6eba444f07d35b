#pragma once
#include <chrono>
#include <cstdint>

namespace wl {
using Duration = std::chrono::nanoseconds;
using Instant = std::int64_t;  // ns since the run started (virtual in simulated mode)
using namespace std::chrono_literals;
}  // namespace wl
