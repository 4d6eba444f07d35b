#include "Lexer.h"

#include <array>
#include <cstring>
#include <utility>

namespace wl::lang {
namespace {

constexpr std::array<std::pair<std::string_view, TokenKind>, 38> kKeywords = {{
    {"as", TokenKind::KwAs},         {"async", TokenKind::KwAsync},     {"await", TokenKind::KwAwait},
    {"break", TokenKind::KwBreak},   {"const", TokenKind::KwConst},     {"continue", TokenKind::KwContinue},
    {"crate", TokenKind::KwCrate},   {"dyn", TokenKind::KwDyn},         {"else", TokenKind::KwElse},
    {"enum", TokenKind::KwEnum},     {"false", TokenKind::KwFalse},     {"fn", TokenKind::KwFn},
    {"for", TokenKind::KwFor},       {"if", TokenKind::KwIf},           {"impl", TokenKind::KwImpl},
    {"in", TokenKind::KwIn},         {"let", TokenKind::KwLet},         {"loop", TokenKind::KwLoop},
    {"match", TokenKind::KwMatch},   {"mod", TokenKind::KwMod},         {"move", TokenKind::KwMove},
    {"mut", TokenKind::KwMut},       {"pub", TokenKind::KwPub},         {"ref", TokenKind::KwRef},
    {"return", TokenKind::KwReturn}, {"self", TokenKind::KwSelfValue},  {"Self", TokenKind::KwSelfType},
    {"static", TokenKind::KwStatic}, {"struct", TokenKind::KwStruct},   {"super", TokenKind::KwSuper},
    {"trait", TokenKind::KwTrait},   {"true", TokenKind::KwTrue},       {"type", TokenKind::KwType},
    {"unsafe", TokenKind::KwUnsafe}, {"use", TokenKind::KwUse},         {"where", TokenKind::KwWhere},
    {"while", TokenKind::KwWhile},   {"_", TokenKind::Underscore},
}};

// Longest first, so that "..=" wins over ".." and "." and ">>=" over ">>" and ">".
constexpr std::array<std::pair<std::string_view, TokenKind>, 51> kPunctuation = {{
    {"...", TokenKind::DotDotDot}, {"..=", TokenKind::DotDotEq}, {"<<=", TokenKind::ShlEq},
    {">>=", TokenKind::ShrEq},     {"::", TokenKind::PathSep},    {"->", TokenKind::Arrow},
    {"=>", TokenKind::FatArrow},   {"..", TokenKind::DotDot},     {"==", TokenKind::EqEq},
    {"!=", TokenKind::Ne},         {"<=", TokenKind::Le},         {">=", TokenKind::Ge},
    {"&&", TokenKind::AndAnd},     {"||", TokenKind::OrOr},       {"+=", TokenKind::PlusEq},
    {"-=", TokenKind::MinusEq},    {"*=", TokenKind::StarEq},     {"/=", TokenKind::SlashEq},
    {"%=", TokenKind::PercentEq},  {"^=", TokenKind::CaretEq},    {"&=", TokenKind::AndEq},
    {"|=", TokenKind::OrEq},       {"<<", TokenKind::Shl},        {">>", TokenKind::Shr},
    {"(", TokenKind::LParen},      {")", TokenKind::RParen},      {"[", TokenKind::LBracket},
    {"]", TokenKind::RBracket},    {"{", TokenKind::LBrace},      {"}", TokenKind::RBrace},
    {",", TokenKind::Comma},       {";", TokenKind::Semi},        {":", TokenKind::Colon},
    {".", TokenKind::Dot},         {"#", TokenKind::Pound},       {"!", TokenKind::Bang},
    {"?", TokenKind::Question},    {"@", TokenKind::At},          {"$", TokenKind::Dollar},
    {"+", TokenKind::Plus},        {"-", TokenKind::Minus},       {"*", TokenKind::Star},
    {"/", TokenKind::Slash},       {"%", TokenKind::Percent},     {"^", TokenKind::Caret},
    {"&", TokenKind::And},         {"|", TokenKind::Or},          {"=", TokenKind::Eq},
    {"<", TokenKind::Lt},          {">", TokenKind::Gt},          {"~", TokenKind::Tilde},
}};

bool identStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool identChar(char c) { return identStart(c) || (c >= '0' && c <= '9'); }
bool digitOf(char c, int radix)
{
    if (c >= '0' && c <= '9')
        return c - '0' < radix;
    if (radix == 16)
        return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    return false;
}

void appendUtf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

class Lexer {
public:
    explicit Lexer(std::string_view source) : s_(source) {}

    LexResult run()
    {
        while (skipSpaceAndComments(), pos_ < s_.size())
            token();
        Token end;
        end.kind = TokenKind::End;
        end.span = here();
        out_.tokens.push_back(std::move(end));
        return std::move(out_);
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1, column_ = 1;
    LexResult out_;

    char peek(std::size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }
    bool atEnd() const { return pos_ >= s_.size(); }
    void advance()
    {
        if (atEnd())
            return;
        const char c = s_[pos_++];
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column_;  // a continuation byte is part of the character before it
        }
    }
    void advance(std::size_t n)
    {
        for (std::size_t i = 0; i < n; ++i)
            advance();
    }
    Span here() const { return Span{std::uint32_t(pos_), 0, line_, column_}; }
    void finish(Span& span) const { span.length = std::uint32_t(pos_ - span.offset); }
    void error(Span span, std::string message)
    {
        finish(span);
        out_.errors.push_back({span, std::move(message)});
    }

    void skipSpaceAndComments()
    {
        for (;;) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                advance();
            } else if (c == '/' && peek(1) == '/') {
                Comment comment;
                comment.span = here();
                advance(2);
                comment.kind = Comment::Kind::Line;
                if (peek() == '!') {
                    comment.kind = Comment::Kind::InnerDoc;
                    advance();
                } else if (peek() == '/' && peek(1) != '/') {
                    comment.kind = Comment::Kind::OuterDoc;
                    advance();
                }
                const std::size_t start = pos_;
                while (!atEnd() && peek() != '\n')
                    advance();
                comment.text = std::string(s_.substr(start, pos_ - start));
                if (!comment.text.empty() && comment.text.back() == '\r')
                    comment.text.pop_back();
                finish(comment.span);
                out_.comments.push_back(std::move(comment));
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else {
                return;
            }
        }
    }

    void blockComment()
    {
        Comment comment;
        comment.kind = Comment::Kind::Block;
        comment.span = here();
        advance(2);
        const std::size_t start = pos_;
        int depth = 1;  // Rust's block comments nest
        std::size_t end = pos_;
        while (!atEnd() && depth > 0) {
            if (peek() == '/' && peek(1) == '*') {
                ++depth;
                advance(2);
            } else if (peek() == '*' && peek(1) == '/') {
                end = pos_;
                --depth;
                advance(2);
            } else {
                advance();
            }
        }
        if (depth > 0) {
            error(comment.span, "unterminated block comment");
            end = pos_;
        }
        comment.text = std::string(s_.substr(start, end - start));
        finish(comment.span);
        out_.comments.push_back(std::move(comment));
    }

    void push(Token t)
    {
        finish(t.span);
        out_.tokens.push_back(std::move(t));
    }

    void token()
    {
        Token t;
        t.span = here();
        const char c = peek();
        if (c == 'r' && peek(1) == '#' && identStart(peek(2))) {  // raw identifier r#match
            advance(2);
            t.kind = TokenKind::Ident;
            t.text = identifier();
            return push(std::move(t));
        }
        if ((c == 'r' && (peek(1) == '"' || (peek(1) == '#' && (peek(2) == '"' || peek(2) == '#'))))
            || (c == 'b' && peek(1) == 'r' && (peek(2) == '"' || peek(2) == '#'))) {
            const bool bytes = c == 'b';
            if (bytes)
                advance();  // rawString takes the 'r'

            t.kind = bytes ? TokenKind::ByteStr : TokenKind::Str;
            t.text = rawString(t.span);
            return push(std::move(t));
        }
        if (c == 'b' && (peek(1) == '"' || peek(1) == '\'')) {
            advance();
            if (peek() == '"') {
                t.kind = TokenKind::ByteStr;
                t.text = quoted(t.span, '"', true);
            } else {
                t.kind = TokenKind::Byte;
                t.text = charLiteral(t.span, true);
            }
            return push(std::move(t));
        }
        if (identStart(c)) {
            const std::string name = identifier();
            t.kind = TokenKind::Ident;
            for (const auto& [word, kind] : kKeywords)
                if (word == name)
                    t.kind = kind;
            if (t.kind == TokenKind::Ident)
                t.text = name;
            return push(std::move(t));
        }
        if (c >= '0' && c <= '9')
            return number(std::move(t));
        if (c == '"') {
            t.kind = TokenKind::Str;
            t.text = quoted(t.span, '"', false);
            return push(std::move(t));
        }
        if (c == '\'') {
            // 'a' is a character; 'a and 'static (no closing quote right after the name) are lifetimes; 'abc' is
            // a string in the wrong quotes, which charLiteral reports.
            std::size_t nameEnd = pos_ + 1;
            while (nameEnd < s_.size() && identChar(s_[nameEnd]))
                ++nameEnd;
            const bool lifetime = identStart(peek(1)) && (nameEnd >= s_.size() || s_[nameEnd] != '\'');
            if (lifetime) {
                advance();
                t.kind = TokenKind::Lifetime;
                t.text = identifier();
                return push(std::move(t));
            }
            t.kind = TokenKind::Char;
            t.text = charLiteral(t.span, false);
            return push(std::move(t));
        }
        for (const auto& [text, kind] : kPunctuation)
            if (s_.substr(pos_, text.size()) == text) {
                advance(text.size());
                t.kind = kind;
                return push(std::move(t));
            }
        // A word with non-ASCII letters (naïve, café) is one identifier, reported once.
        const bool wordBefore = pos_ > 0 && identChar(s_[pos_ - 1]);
        std::size_t sequenceEnd = pos_ + 1;
        while (sequenceEnd < s_.size() && (static_cast<unsigned char>(s_[sequenceEnd]) & 0xC0) == 0x80)
            ++sequenceEnd;
        const bool wordAfter = sequenceEnd < s_.size() && identChar(s_[sequenceEnd]);
        if (static_cast<unsigned char>(c) >= 0x80 && (wordBefore || wordAfter)) {
            std::size_t start = pos_;
            if (wordBefore && !out_.tokens.empty() && out_.tokens.back().kind == TokenKind::Ident
                && out_.tokens.back().span.offset + out_.tokens.back().span.length == pos_) {
                t = std::move(out_.tokens.back());  // the ASCII part just lexed: the word starts there
                out_.tokens.pop_back();
                start = t.span.offset;
            }
            while (!atEnd() && (identChar(peek()) || static_cast<unsigned char>(peek()) >= 0x80))
                advance();
            t.kind = TokenKind::Ident;
            t.text = std::string(s_.substr(start, pos_ - start));
            error(t.span, "non-ASCII identifier `" + t.text + "` (identifiers are ASCII here)");
            return push(std::move(t));
        }
        // Not a token: one character (a whole UTF-8 sequence) is reported and skipped.
        const std::size_t start = pos_;
        advance();
        while (!atEnd() && (static_cast<unsigned char>(peek()) & 0xC0) == 0x80)
            advance();
        const std::string bad(s_.substr(start, pos_ - start));
        if (static_cast<unsigned char>(bad[0]) >= 0x80)
            error(t.span, "unexpected character '" + bad + "' (identifiers and code outside strings and comments "
                          "are ASCII here)");
        else if (static_cast<unsigned char>(bad[0]) < 0x20 || bad[0] == 0x7F)
            error(t.span, "unexpected control character (byte " + std::to_string(int(bad[0])) + ")");
        else
            error(t.span, "unexpected character '" + bad + "'");
    }

    std::string identifier()
    {
        const std::size_t start = pos_;
        while (identChar(peek()))
            advance();
        return std::string(s_.substr(start, pos_ - start));
    }

    void number(Token t)
    {
        int radix = 10;
        if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'o' || peek(1) == 'b')) {
            radix = peek(1) == 'x' ? 16 : peek(1) == 'o' ? 8 : 2;
            advance(2);
        }
        std::string digits;
        auto takeDigits = [&](int r) {
            while (digitOf(peek(), r) || peek() == '_' || (r < 10 && peek() >= '0' && peek() <= '9')) {
                if (peek() != '_')
                    digits += peek();
                advance();
            }
        };
        takeDigits(radix);
        t.kind = TokenKind::Int;
        t.radix = std::uint8_t(radix);
        // A fraction only where it cannot be a range (1..2), a method (1.max(2)) or a tuple field (t.0.1).
        const bool afterDot = !out_.tokens.empty() && out_.tokens.back().kind == TokenKind::Dot;
        if (radix == 10 && !afterDot && peek() == '.' && peek(1) != '.' && !identStart(peek(1))) {
            t.kind = TokenKind::Float;
            digits += '.';
            advance();
            takeDigits(10);
        }
        if (radix == 10 && !afterDot && (peek() == 'e' || peek() == 'E')
            && ((peek(1) >= '0' && peek(1) <= '9') || ((peek(1) == '+' || peek(1) == '-') && peek(2) >= '0' && peek(2) <= '9'))) {
            t.kind = TokenKind::Float;
            digits += 'e';
            advance();
            if (peek() == '+' || peek() == '-') {
                digits += peek();
                advance();
            }
            takeDigits(10);
        }
        if (identStart(peek())) {
            const Span suffixAt = here();
            t.suffix = identifier();
            static const std::array<std::string_view, 14> kSuffixes = {"u8", "u16", "u32", "u64", "u128", "usize",
                "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64"};
            bool known = false;
            for (auto s : kSuffixes)
                known = known || s == t.suffix;
            if (!known)
                error(suffixAt, "invalid suffix `" + t.suffix + "` for a number literal");
            else if (t.suffix[0] == 'f' && radix == 10)
                t.kind = TokenKind::Float;
            else if (t.suffix[0] == 'f')
                error(suffixAt, "a float suffix on a " + std::string(radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary")
                                    + " literal is not supported");
        }
        if (digits.empty())
            error(t.span, "a number literal with no digits");
        else if (radix < 10)
            for (char d : digits)
                if (!digitOf(d, radix)) {
                    error(t.span, std::string("invalid digit '") + d + "' in a " + (radix == 8 ? "octal" : "binary")
                                      + " literal");
                    break;
                }
        t.text = std::move(digits);
        push(std::move(t));
    }

    // One escape after a backslash; appends its value. False (and a diagnostic) if it is not one.
    bool escape(std::string& out, bool bytes)
    {
        const Span at = here();
        advance();  // the backslash
        const char c = peek();
        advance();
        switch (c) {
        case 'n': out += '\n'; return true;
        case 'r': out += '\r'; return true;
        case 't': out += '\t'; return true;
        case '\\': out += '\\'; return true;
        case '0': out += '\0'; return true;
        case '\'': out += '\''; return true;
        case '"': out += '"'; return true;
        case 'x': {
            int v = 0;
            for (int i = 0; i < 2; ++i) {
                if (!digitOf(peek(), 16)) {
                    error(at, "a \\x escape needs two hexadecimal digits");
                    return false;
                }
                const char h = peek();
                v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                advance();
            }
            if (!bytes && v > 0x7F) {
                error(at, "a \\x escape in a string or char is at most \\x7F");
                return false;
            }
            out += char(v);
            return true;
        }
        case 'u': {
            if (bytes) {
                error(at, "a \\u escape is not allowed in a byte literal");
                return false;
            }
            if (peek() != '{') {
                error(at, "a \\u escape is written \\u{1F600}");
                return false;
            }
            advance();
            std::uint32_t v = 0;
            int n = 0;
            while (digitOf(peek(), 16) || peek() == '_') {
                const char h = peek();
                if (h != '_') {
                    v = v * 16 + std::uint32_t(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                    ++n;
                }
                advance();
                if (n > 6)
                    break;
            }
            if (peek() != '}' || n == 0 || n > 6 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
                error(at, "invalid unicode escape");
                return false;
            }
            advance();
            appendUtf8(out, v);
            return true;
        }
        case '\n':
            // A backslash at the end of a line joins it to the next, leaving out the next line's indentation.
            while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')
                advance();
            return true;
        default:
            error(at, c ? std::string("unknown character escape `\\") + c + "`" : "unterminated escape");
            return false;
        }
    }

    std::string quoted(Span start, char close, bool bytes)
    {
        advance();  // the opening quote
        std::string out;
        while (!atEnd() && peek() != close) {
            if (peek() == '\\')
                escape(out, bytes);
            else {
                if (bytes && static_cast<unsigned char>(peek()) >= 0x80) {
                    error(here(), "a non-ASCII character in a byte string");
                }
                out += peek();
                advance();
            }
        }
        if (atEnd()) {
            error(start, "unterminated string literal");
            return out;
        }
        advance();  // the closing quote
        return out;
    }

    std::string rawString(Span start)
    {
        advance();  // the 'r'
        std::size_t hashes = 0;
        while (peek() == '#') {
            ++hashes;
            advance();
        }
        if (peek() != '"') {
            error(start, "a raw string is written r\"...\" or r#\"...\"#");
            return {};
        }
        advance();
        const std::string closing = "\"" + std::string(hashes, '#');
        const std::size_t end = s_.find(closing, pos_);
        if (end == std::string_view::npos) {
            while (!atEnd())
                advance();
            error(start, "unterminated raw string literal");
            return {};
        }
        std::string out(s_.substr(pos_, end - pos_));
        advance(end - pos_ + closing.size());
        return out;
    }

    std::string charLiteral(Span start, bool byte)
    {
        advance();  // the opening quote
        std::string out;
        if (peek() == '\'') {
            advance();
            error(start, "an empty character literal");
            return out;
        }
        if (peek() == '\\') {
            escape(out, byte);
        } else if (!atEnd() && peek() != '\n') {
            out += peek();
            advance();
            while (!atEnd() && (static_cast<unsigned char>(peek()) & 0xC0) == 0x80) {
                out += peek();
                advance();
            }
            if (byte && static_cast<unsigned char>(out[0]) >= 0x80)
                error(start, "a non-ASCII character in a byte literal");
        }
        if (peek() != '\'') {
            // Perhaps a string written with single quotes: skip to a closing quote on this line.
            const std::size_t close = s_.find('\'', pos_);
            const std::size_t newline = s_.find('\n', pos_);
            if (close != std::string_view::npos && (newline == std::string_view::npos || close < newline)) {
                advance(close + 1 - pos_);
                error(start, "a character literal holds one character; use double quotes for a string");
            } else {
                error(start, "unterminated character literal");
            }
            return out;
        }
        advance();
        return out;
    }
};
}  // namespace

std::string formatDiagnostic(const std::string& file, const Diagnostic& d)
{
    return file + ":" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": error: " + d.message;
}

LexResult lex(std::string_view source) { return Lexer(source).run(); }

std::string describe(TokenKind kind)
{
    switch (kind) {
    case TokenKind::End: return "end of file";
    case TokenKind::Ident: return "an identifier";
    case TokenKind::Lifetime: return "a lifetime";
    case TokenKind::Int: return "an integer literal";
    case TokenKind::Float: return "a float literal";
    case TokenKind::Str: return "a string literal";
    case TokenKind::ByteStr: return "a byte string literal";
    case TokenKind::Char: return "a character literal";
    case TokenKind::Byte: return "a byte literal";
    default: break;
    }
    for (const auto& [word, k] : kKeywords)
        if (k == kind)
            return "`" + std::string(word) + "`";
    for (const auto& [text, k] : kPunctuation)
        if (k == kind)
            return "`" + std::string(text) + "`";
    return "?";
}

}  // namespace wl::lang
