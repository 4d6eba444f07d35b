#pragma once
// Reading a program file: regular files only, at most kMaxProgramBytes, as every reader of the app does.
#include <cstdint>
#include <string>

namespace wl::lang {

inline constexpr std::uint64_t kMaxProgramBytes = 1u << 20;  // 1 MiB of Rust is far more than any lesson needs

// The file's text; false and a message naming the path (and why) when it cannot be read.
bool readSourceFile(const std::string& path, std::string* text, std::string* error);

}  // namespace wl::lang
