#pragma once
// A program's text and where things are in it: spans with line and column, and diagnostics printed the way rustc
// prints a position ("join.rs:12:5: error: ..."). The first brick of core/lang (lexer -> parser -> resolver ->
// interpreter).
#include <cstdint>
#include <string>
#include <vector>

namespace wl::lang {

struct Span {
    std::uint32_t offset = 0;  // byte offset of the first byte
    std::uint32_t length = 0;  // bytes
    std::uint32_t line = 1;    // 1-based
    std::uint32_t column = 1;  // 1-based, in characters (UTF-8 code points), as rustc counts
};

struct Diagnostic {
    Span span;
    std::string message;  // "unterminated string literal", ...
};

// "file.rs:3:14: error: message"
std::string formatDiagnostic(const std::string& file, const Diagnostic& d);

}  // namespace wl::lang
