#pragma once
// The library the subset offers, by path: the parts of std, tokio and futures that Wakeline programs may use
// (and `wakeline::`, the app's own measurements: allocated_bytes, thread_stack_kib)
// (modules, types with their associated functions and constants, functions, enum variants). The resolver checks
// every `use` and every path against it; the interpreter gives each entry its tokio 1.x meaning.
#include <string>
#include <string_view>
#include <vector>

namespace wl::lang {

enum class LibraryKind : std::uint8_t { Module, Type, Function, Constant, Variant, Trait, Macro };

struct LibraryEntry {
    std::string path;  // "tokio::time::sleep"
    LibraryKind kind;
};

// The entry at exactly this path (after re-exports are followed), or null.
const LibraryEntry* findLibrary(std::string_view path);
// The entries directly under a module or type path (for `use m::*` and for messages).
std::vector<const LibraryEntry*> libraryChildren(std::string_view path);
// What the prelude names without a `use`: Some, None, Ok, Err, Vec, String, Box, Option, Result, drop, ...
// Returns the full path, or "".
std::string preludePath(std::string_view name);
// Re-exports are one entry under two paths (tokio::time::Duration is std::time::Duration): the canonical path.
std::string canonicalPath(std::string_view path);

}  // namespace wl::lang
