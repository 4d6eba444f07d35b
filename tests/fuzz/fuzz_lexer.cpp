// libFuzzer target: the lexer of core/lang. Any bytes must lex to tokens ending with End, in order, each inside
// the input, with every diagnostic at a position inside it (line and column at least 1).
#include "lang/Lexer.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    const wl::lang::LexResult r = wl::lang::lex(source);
    if (r.tokens.empty() || r.tokens.back().kind != wl::lang::TokenKind::End)
        std::abort();
    std::uint32_t last = 0;
    for (const auto& t : r.tokens) {
        if (t.span.offset < last || t.span.offset + t.span.length > size || t.span.line < 1 || t.span.column < 1)
            std::abort();
        last = t.span.offset + t.span.length;
    }
    for (const auto& d : r.errors)
        if (d.span.offset > size || d.span.line < 1 || d.span.column < 1 || d.message.empty())
            std::abort();
    return 0;
}
