// The lexer of core/lang: every scenario program lexes cleanly; tokens, values and positions (line and column in
// characters) are exact; each malformed input gets its own message at its own position, several at once.
#include "lang/Lexer.h"
#include "scenarios/Scenario.h"

#include <QTest>

using namespace wl;
using namespace wl::lang;

namespace {
std::string kinds(const LexResult& r)
{
    std::string out;
    for (const Token& t : r.tokens) {
        if (!out.empty())
            out += ' ';
        out += describe(t.kind);
        if (!t.text.empty() && t.kind != TokenKind::End)
            out += "(" + t.text + (t.suffix.empty() ? "" : ":" + t.suffix) + ")";
    }
    return out;
}

std::string errors(std::string_view source)
{
    std::string out;
    for (const Diagnostic& d : lex(source).errors)
        out += formatDiagnostic("t.rs", d) + "\n";
    return out;
}
}  // namespace

class TstLexer : public QObject {
    Q_OBJECT
private slots:
    void everyScenarioProgramLexesCleanly()
    {
        for (const Scenario& s : allScenarios()) {
            const LexResult r = lex(s.rustSource);
            std::string all;
            for (const auto& d : r.errors)
                all += formatDiagnostic(s.id + ".rs", d) + "\n";
            QVERIFY2(r.errors.empty(), all.c_str());
            QVERIFY2(r.tokens.size() > 20, s.id.c_str());
            QCOMPARE(r.tokens.back().kind, TokenKind::End);
        }
    }

    void tokensAndValues()
    {
        QCOMPARE(kinds(lex("let x: Vec<Vec<u8>> = vec![1_000u64, 0xFF, 2.5e3, 7f64];")),
                 std::string("`let` an identifier(x) `:` an identifier(Vec) `<` an identifier(Vec) `<` an identifier(u8) "
                             "`>>` `=` an identifier(vec) `!` `[` an integer literal(1000:u64) `,` an integer literal(FF) "
                             "`,` a float literal(2.5e3) `,` a float literal(7:f64) `]` `;` end of file"));
        QCOMPARE(lex("0xFF").tokens[0].radix, std::uint8_t(16));
        // A range, a method on a number and tuple fields are not floats.
        QCOMPARE(kinds(lex("1..=2 1.max(2) t.0.1 3.0")),
                 std::string("an integer literal(1) `..=` an integer literal(2) an integer literal(1) `.` "
                             "an identifier(max) `(` an integer literal(2) `)` an identifier(t) `.` an integer literal(0) "
                             "`.` an integer literal(1) a float literal(3.0) end of file"));
        QCOMPARE(kinds(lex("x += 1; a >>= b; |x| x * 2; &mut v; r#match; _ _x")),
                 std::string("an identifier(x) `+=` an integer literal(1) `;` an identifier(a) `>>=` an identifier(b) `;` "
                             "`|` an identifier(x) `|` an identifier(x) `*` an integer literal(2) `;` `&` `mut` "
                             "an identifier(v) `;` an identifier(match) `;` `_` an identifier(_x) end of file"));
    }

    void charactersLifetimesAndStrings()
    {
        QCOMPARE(kinds(lex("'a' '\\n' 'static '\\u{1F600}' b'x' 'é'")),
                 std::string("a character literal(a) a character literal(\n) a lifetime(static) "
                             "a character literal(\xF0\x9F\x98\x80) a byte literal(x) a character literal(é) end of file"));
        const LexResult r = lex("\"tab\\there\" r#\"raw \"quoted\" \\n\"# b\"bytes\" \"joined \\\n      line\"");
        QVERIFY(r.errors.empty());
        QCOMPARE(r.tokens[0].text, std::string("tab\there"));
        QCOMPARE(r.tokens[1].text, std::string("raw \"quoted\" \\n"));
        QCOMPARE(r.tokens[2].kind, TokenKind::ByteStr);
        QCOMPARE(r.tokens[3].text, std::string("joined line"));
    }

    void positionsCountCharactersNotBytes()
    {
        const LexResult r = lex("println!(\"72°F\");\n    x.await");
        // `)` follows a string holding one two-byte character: column 16 (1-based), not 17.
        QCOMPARE(r.tokens[4].kind, TokenKind::RParen);
        QCOMPARE(r.tokens[4].span.line, 1u);
        QCOMPARE(r.tokens[4].span.column, 16u);
        QCOMPARE(r.tokens[6].text, std::string("x"));
        QCOMPARE(r.tokens[6].span.line, 2u);
        QCOMPARE(r.tokens[6].span.column, 5u);
        QCOMPARE(r.tokens[8].kind, TokenKind::KwAwait);
        QCOMPARE(r.tokens[8].span.column, 7u);
        QCOMPARE(r.tokens[8].span.length, 5u);
    }

    void commentsAreKeptApart()
    {
        const LexResult r = lex("//! Title: join\n//! Lesson\n/// a doc\nconst N: u64 = 5; // param 1..=10: how many\n"
                                "/* outer /* nested */ still */ fn");
        QCOMPARE(kinds(r), std::string("`const` an identifier(N) `:` an identifier(u64) `=` an integer literal(5) `;` "
                                       "`fn` end of file"));
        QCOMPARE(r.comments.size(), size_t(5));
        QCOMPARE(r.comments[0].kind, Comment::Kind::InnerDoc);
        QCOMPARE(r.comments[0].text, std::string(" Title: join"));
        QCOMPARE(r.comments[2].kind, Comment::Kind::OuterDoc);
        QCOMPARE(r.comments[3].kind, Comment::Kind::Line);
        QCOMPARE(r.comments[3].text, std::string(" param 1..=10: how many"));
        QCOMPARE(r.comments[3].span.line, 4u);
        QCOMPARE(r.comments[3].span.column, 19u);
        QCOMPARE(r.comments[4].text, std::string(" outer /* nested */ still "));
    }

    void eachProblemHasItsMessageAndPosition_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const char* source, const char* expected) {
            QTest::newRow(name) << QString::fromUtf8(source) << QString::fromUtf8(expected);
        };
        row("unterminated string", "let s = \"abc;\nfn", "t.rs:1:9: error: unterminated string literal\n");
        row("unterminated raw string", "r#\"abc\"", "t.rs:1:1: error: unterminated raw string literal\n");
        row("unterminated block comment", "x /* a /* b */", "t.rs:1:3: error: unterminated block comment\n");
        row("unknown escape", "\"a\\qb\"", "t.rs:1:3: error: unknown character escape `\\q`\n");
        row("short hex escape", "\"\\x4\"", "t.rs:1:2: error: a \\x escape needs two hexadecimal digits\n");
        row("hex escape above 7F", "'\\x80'", "t.rs:1:2: error: a \\x escape in a string or char is at most \\x7F\n");
        row("bad unicode escape", "\"\\u{110000}\"", "t.rs:1:2: error: invalid unicode escape\n");
        row("empty char", "let c = '';", "t.rs:1:9: error: an empty character literal\n");
        row("string in single quotes", "let s = 'abc';",
            "t.rs:1:9: error: a character literal holds one character; use double quotes for a string\n");
        row("bad suffix", "let n = 5usz;", "t.rs:1:10: error: invalid suffix `usz` for a number literal\n");
        row("no hex digits", "let n = 0x;", "t.rs:1:9: error: a number literal with no digits\n");
        row("binary digit 2", "0b102", "t.rs:1:1: error: invalid digit '2' in a binary literal\n");
        row("backtick", "let `x` = 1;", "t.rs:1:5: error: unexpected character '`'\nt.rs:1:7: error: unexpected character '`'\n");
        row("non-ASCII identifier", "let café = 1;",
            "t.rs:1:5: error: non-ASCII identifier `café` (identifiers are ASCII here)\n");
        row("non-ASCII symbol", "let x = 1 → 2;",
            "t.rs:1:11: error: unexpected character '→' (identifiers and code outside strings and comments are ASCII here)\n");
        row("control character", "let\x01x", "t.rs:1:4: error: unexpected control character (byte 1)\n");
        row("several at once", "\"\\q\"\n  'ab'\n    5xyz",
            "t.rs:1:2: error: unknown character escape `\\q`\n"
            "t.rs:2:3: error: a character literal holds one character; use double quotes for a string\n"
            "t.rs:3:6: error: invalid suffix `xyz` for a number literal\n");
    }
    void eachProblemHasItsMessageAndPosition()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(errors(source.toStdString())), expected);
    }

    // Whatever the bytes, lexing ends, and every token lies inside the input.
    void arbitraryBytesNeverHang()
    {
        std::string junk;
        for (int i = 0; i < 20000; ++i)
            junk += char((i * 7919 + 13) % 256);
        const LexResult r = lex(junk);
        QCOMPARE(r.tokens.back().kind, TokenKind::End);
        for (const Token& t : r.tokens)
            QVERIFY(t.span.offset + t.span.length <= junk.size());
        QVERIFY(!r.errors.empty());
    }
};

QTEST_GUILESS_MAIN(TstLexer)
#include "tst_lexer.moc"
