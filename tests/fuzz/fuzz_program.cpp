// libFuzzer target: a program's front end (lexer, parser and resolver of core/lang). Any bytes must lex to tokens
// ending with End, in order, each inside the input, and parse to a tree plus diagnostics, every diagnostic at a
// position inside the input with a message; the tree must print (every node it holds is whole); a tree without
// syntax errors must resolve without a crash, its diagnostics located too.
#include "lang/Parser.h"
#include "lang/Resolver.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    const wl::lang::LexResult lexed = wl::lang::lex(source);
    if (lexed.tokens.empty() || lexed.tokens.back().kind != wl::lang::TokenKind::End)
        std::abort();
    std::uint32_t last = 0;
    for (const auto& t : lexed.tokens) {
        if (t.span.offset < last || t.span.offset + t.span.length > size || t.span.line < 1 || t.span.column < 1)
            std::abort();
        last = t.span.offset + t.span.length;
    }
    const wl::lang::ParseResult parsed = wl::lang::parse(source);
    for (const auto& d : parsed.errors)
        if (d.span.offset > size || d.span.line < 1 || d.span.column < 1 || d.message.empty())
            std::abort();
    (void)wl::lang::dump(parsed.program);
    for (const auto& d : wl::lang::check(source))
        if (d.span.offset > size || d.message.empty())
            std::abort();
    return 0;
}
