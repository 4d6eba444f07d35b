#pragma once
// Parses tokens into a Program. Every syntax error becomes a diagnostic with the position of the token that broke
// the rule and what was expected there; the parser then skips to the next statement or item and goes on, so one
// pass reports several problems. Constructs outside the subset get a message naming them. Nesting is bounded, so
// no input can exhaust the stack.
#include "Ast.h"
#include "Lexer.h"

#include <string_view>

namespace wl::lang {

struct ParseResult {
    Program program;
    std::vector<Comment> comments;
    std::vector<Diagnostic> errors;  // lexer errors first, then the parser's, each in source order
};

ParseResult parse(std::string_view source);

// The macros the subset knows (println!, format!, vec!, tokio::join!, tokio::select!, ...), for messages.
const std::vector<std::string>& supportedMacros();

}  // namespace wl::lang
