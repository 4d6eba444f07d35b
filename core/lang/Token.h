#pragma once
// The tokens of the Rust subset Wakeline runs. Compound operators are single tokens (">>", "..="); the parser
// splits one that starts with '>' where a generic argument list closes (Vec<Vec<u8>>), as rustc does.
#include "Source.h"

#include <string>
#include <string_view>

namespace wl::lang {

enum class TokenKind : std::uint8_t {
    End,
    Ident,     // text: the name (raw identifiers r#x lose their prefix)
    Lifetime,  // text: the name without the quote ('a, 'static)
    Int,       // text: the digits without underscores and prefix, radix, suffix ("u64", "" for none)
    Float,     // text: the number without underscores, suffix
    Str,       // text: the value, escapes resolved (normal and raw strings)
    ByteStr,
    Char,      // text: the character's UTF-8
    Byte,
    // Keywords.
    KwAs, KwAsync, KwAwait, KwBreak, KwConst, KwContinue, KwCrate, KwDyn, KwElse, KwEnum, KwFalse, KwFn, KwFor,
    KwIf, KwImpl, KwIn, KwLet, KwLoop, KwMatch, KwMod, KwMove, KwMut, KwPub, KwRef, KwReturn, KwSelfValue,
    KwSelfType, KwStatic, KwStruct, KwSuper, KwTrait, KwTrue, KwType, KwUnsafe, KwUse, KwWhere, KwWhile,
    // Punctuation.
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Semi, Colon, PathSep, Dot, DotDot, DotDotEq,
    DotDotDot, Arrow, FatArrow, Pound, Bang, Question, At, Dollar, Underscore,
    Plus, Minus, Star, Slash, Percent, Caret, And, Or, AndAnd, OrOr, Shl, Shr, Eq, EqEq, Ne, Lt, Le, Gt, Ge,
    PlusEq, MinusEq, StarEq, SlashEq, PercentEq, CaretEq, AndEq, OrEq, ShlEq, ShrEq, Tilde,
    Count
};

struct Token {
    TokenKind kind = TokenKind::End;
    Span span;
    std::string text;   // see TokenKind
    std::string suffix; // Int and Float: "u64", "f64", ... ("" for none)
    std::uint8_t radix = 10;  // Int
};

// How a token kind reads in a message: "`fn`", "`::`", "an identifier", "a string literal", "end of file".
std::string describe(TokenKind kind);

}  // namespace wl::lang
