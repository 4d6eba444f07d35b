#pragma once
// Turns a program's text into tokens with spans. Comments are kept apart: `//!` lines carry a program's title and
// lesson, and a `// param ...` comment marks a constant as a parameter. Every problem becomes a diagnostic and
// lexing goes on after it, so several are reported at once; nothing in the input can crash or hang it.
#include "Token.h"

#include <string>
#include <vector>

namespace wl::lang {

struct Comment {
    enum class Kind : std::uint8_t { Line, InnerDoc, OuterDoc, Block };
    Kind kind = Kind::Line;
    Span span;
    std::string text;  // after the "//", "//!", "///" or between "/*" and "*/", untrimmed
};

struct LexResult {
    std::vector<Token> tokens;  // always ends with an End token
    std::vector<Comment> comments;
    std::vector<Diagnostic> errors;
};

LexResult lex(std::string_view source);

}  // namespace wl::lang
