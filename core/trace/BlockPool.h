#pragma once
// The 2 MiB blocks recording writes events into, kept for the next run when they are released: a fresh page
// costs a fault and the kernel's zeroing, which on this class of machine takes longer than recording into it
// (about 25 ns per event), and a teacher runs one scenario after another.
#include <cstddef>

namespace wl {

inline constexpr std::size_t kBlockBytes = std::size_t(2) << 20;
inline constexpr std::size_t kKeptBlocks = 128;  // at most 256 MiB stays allocated between runs

void* acquireBlock();
void releaseBlock(void* block) noexcept;

}  // namespace wl
