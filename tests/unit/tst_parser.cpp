// The parser of core/lang: every scenario program and the syntax tour parse cleanly; precedence, generics,
// conditions and statements build the tree Rust means (pinned as S-expressions); each malformed program gets its
// own message at its own position, several per pass, and no nesting can exhaust the stack.
#include "lang/Parser.h"
#include "scenarios/Scenario.h"

#include <QFile>
#include <QTest>

using namespace wl;
using namespace wl::lang;

namespace {
std::string errorsOf(const std::string& source)
{
    std::string out;
    for (const Diagnostic& d : parse(source).errors)
        out += formatDiagnostic("t.rs", d) + "\n";
    return out;
}

// The tree of a block's tail expression: `exprOf("1 + 2")` parses `fn f() { 1 + 2 }`.
std::string exprOf(const std::string& source)
{
    const ParseResult r = parse("fn f() {\n" + source + "\n}");
    if (!r.errors.empty())
        return "error: " + formatDiagnostic("t.rs", r.errors[0]);
    const Block& body = *r.program.items.at(0)->body;
    return body.tail ? dump(*body.tail) : "(no tail)";
}
}  // namespace

class TstParser : public QObject {
    Q_OBJECT
private slots:
    void everyScenarioProgramParses()
    {
        for (const Scenario& s : allScenarios()) {
            const ParseResult r = parse(s.rustSource);
            std::string all;
            for (const auto& d : r.errors)
                all += formatDiagnostic(s.id + ".rs", d) + "\n";
            QVERIFY2(r.errors.empty(), all.c_str());
            bool hasMain = false;
            for (const auto& item : r.program.items)
                hasMain = hasMain || (item->kind == ItemKind::Fn && item->name == "main");
            QVERIFY2(hasMain, s.id.c_str());
        }
    }

    void theSyntaxTourParses()
    {
        QFile f(WAKELINE_PROGRAMS_DIR "/language/syntax_tour.rs");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const ParseResult r = parse(f.readAll().toStdString());
        std::string all;
        for (const auto& d : r.errors)
            all += formatDiagnostic("syntax_tour.rs", d) + "\n";
        QVERIFY2(r.errors.empty(), all.c_str());
        QCOMPARE(r.program.items.size(), size_t(13));
        const Item& futureImpl = *r.program.items[9];
        QCOMPARE(futureImpl.kind, ItemKind::Impl);
        QCOMPARE(futureImpl.trait.text(), std::string("Future"));
        QCOMPARE(futureImpl.items.size(), size_t(2));  // type Output and fn poll
        const Item& main = *r.program.items.back();
        QVERIFY(main.async);
        QCOMPARE(main.attributes.at(0).path.text(), std::string("tokio::main"));
        QCOMPARE(main.attributes.at(0).args.size(), size_t(7));  // flavor = "multi_thread" , worker_threads = 2
        QCOMPARE(r.comments.at(0).text, std::string(" param 1..=1000: how many requests"));
    }

    void expressionsMeanWhatRustMeans_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("tree");
        auto row = [](const char* source, const char* tree) { QTest::newRow(source) << source << tree; };
        row("1 + 2 * 3 - 4", "(- (+ 1 (* 2 3)) 4)");
        row("a || b && c == d", "(|| a (&& b (== c d)))");
        row("-x.y.await? as u64", "(as (- (? (await (field x y)))) u64)");
        row("*guard += 1", "(+= (* guard) 1)");
        row("a = b = c", "(= a (= b c))");
        row("0..n + 1", "(.. 0 (+ n 1))");
        row("x.0.1", "(field (field x 0) 1)");
        row("Vec::<Vec<u8>>::new()", "(call Vec::new)");
        row("f(|a, b| a + b, move || 3)", "(call f (|a, b| (+ a b)) (move || 3))");
        row("if let Some(x) = v.pop() { x } else { 0 }", "(if (let (Some x) (.pop v)) (block => x) (block => 0))");
        // As in Rust, a struct literal cannot stand bare in a condition: `S {` opens the if's block.
        row("if a == S { x: 1 }.x { 1 } else { 2 }",
            "error: t.rs:2:14: error: expected `;` or `}` after an expression, found `:` (the expression at line 2:13 needs a `;`)");
        row("if a == (S { x: 1 }).x { 1 } else { 2 }", "(if (== a (field (paren (S { x: 1 })) x)) (block => 1) (block => 2))");
        row("match x { 1 | 2 => a, 3..=9 if b => c, _ => {} }", "(match x ((or 1 2) => a) ((range 3 ..= 9) if b => c) (_ => (block)))");
        row("loop { break 'outer 5; }", "(loop (block (break 'outer 5);))");
        row("async move { x.await }", "(async move (block => (await x)))");
        row("tokio::join!(a(), b())", "(tokio::join! (call a) (call b))");
        row("vec![0; n]", "(vec! (array 0; n))");
        row("x as f64 / 2.0", "(/ (as x f64) 2.0)");
        row("&mut v[i]", "(&mut (index v i))");
        row("!done && n < 3", "(&& (! done) (< n 3))");
        row("{ let a = 1; a }", "(block (let a 1) => a)");
        row("for (i, x) in v.iter().enumerate() { }", "(for (tuple i x) (.enumerate (.iter v)) (block))");
        row("(1,)", "(tuple 1)");
        row("format!(\"{:>8.3}\", x)", "(format! \"{:>8.3}\" x)");
    }
    void expressionsMeanWhatRustMeans()
    {
        QFETCH(QString, source);
        QFETCH(QString, tree);
        QCOMPARE(QString::fromStdString(exprOf(source.toStdString())), tree);
    }

    void eachProblemHasItsMessageAndPosition_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const char* source, const char* expected) {
            QTest::newRow(name) << QString::fromUtf8(source) << QString::fromUtf8(expected);
        };
        row("let without semicolon", "fn main() { let x = 5 }", "t.rs:1:23: error: expected `;`, found `}`\n");
        row("let without value", "fn main() { let x = ; }", "t.rs:1:21: error: expected an expression, found `;`\n");
        row("two expressions", "fn main() { foo() bar(); }",
            "t.rs:1:19: error: expected `;` or `}` after an expression, found `bar` (the expression at line 1:13 needs a `;`)\n");
        row("dot at the end", "async fn main() { x.await; y. }",
            "t.rs:1:31: error: expected a field or method name after `.`, found `}`\n");
        row("else without block", "fn main() { if x == 1 { } else }", "t.rs:1:32: error: expected `{`, found `}`\n");
        row("trait item that is not a method", "trait Foo { struct S; }\nfn main() {}",
            "t.rs:1:13: error: a trait holds methods here (fn and async fn), not other items\n");
        row("function without a body outside a trait", "fn a();\nfn main() {}",
            "t.rs:1:4: error: a function without a body is not supported\n");
        row("unknown macro", "fn main() { my_macro!(1, 2); }",
            "t.rs:1:13: error: macro `my_macro!` is not supported (supported: println!, eprintln!, print!, eprint!, "
            "format!, panic!, assert!, assert_eq!, assert_ne!, unreachable!, todo!, unimplemented!, vec!, join!, "
            "try_join!, pin!, select!, matches!, pin_mut!, write!, writeln!)\n");
        row("vec not closed", "fn main() { let v = vec![1, 2; }", "t.rs:1:30: error: expected `]`, found `;`\n");
        row("match arm without comma", "fn main() { match x { 1 => a 2 => b } }",
            "t.rs:1:30: error: expected `,` or `}` after a match arm, found an integer literal\n");
        row("tuple pattern not closed", "fn main() { let (a, b = (1, 2); }", "t.rs:1:23: error: expected `)`, found `=`\n");
        row("field without comma", "struct S { a: u32 b: u32 }", "t.rs:1:19: error: expected `}`, found `b`\n");
        row("parameter without type", "fn f(x) {}", "t.rs:1:7: error: expected `:`, found `)`\n");
        row("select branch without handler", "fn main() { tokio::select! { v = a() } }",
            "t.rs:1:38: error: expected `=>`, found `}`\n");
        row("statement outside a function", "let x = 1;",
            "t.rs:1:1: error: expected an item (fn, async fn, use, const, static, struct, enum, trait, impl, type), found `let`\n");
        row("closure without body", "fn main() { let f = |x| ; }", "t.rs:1:25: error: expected an expression, found `;`\n");
        row("array not closed", "fn main() { let a = [1, 2, 3; }", "t.rs:1:29: error: expected `]`, found `;`\n");
        row("for without pattern", "fn main() { for in 0..3 {} }", "t.rs:1:17: error: expected a pattern, found `in`\n");
        row("three in one function", "fn main() { x = 1 +; y(); let z = ); }",
            "t.rs:1:20: error: expected an expression, found `;`\nt.rs:1:35: error: expected an expression, found `)`\n");
        row("inclusive range without end", "fn main() { 1..=; }",
            "t.rs:1:17: error: expected an upper bound after `..=`, found `;`\n");
        row("struct literal without colon", "fn main() { let s = S { a: 1, b }; let t = S { a 1 }; }",
            "t.rs:1:50: error: expected `}`, found an integer literal\n");
        row("mod", "mod m {}",
            "t.rs:1:1: error: `mod` items are not supported (supported items: use, fn, async fn, const, static, "
            "struct, enum, trait, impl, type)\n");
        row("generic not closed", "fn main() { let x: Vec<u32 = Vec::new(); }", "t.rs:1:40: error: expected `>`, found `;`\n");
        row("parameter list not closed", "impl Foo { fn a(&self) { } fn b( }", "t.rs:1:34: error: expected a pattern, found `}`\n");
        row("let needs a semicolon after if", "fn main() { let x = if a { 1 } else { 2 } + 3 }",
            "t.rs:1:47: error: expected `;`, found `}`\n");
        row("lexer and parser errors together", "fn main() { let s = \"a\\q\"; let = 1; }",
            "t.rs:1:23: error: unknown character escape `\\q`\nt.rs:1:32: error: expected a pattern, found `=`\n");
        row("errors in two functions", "fn a() { 1 + }\nfn b() { let }\nfn c() {}",
            "t.rs:1:14: error: expected an expression, found `}`\nt.rs:2:14: error: expected a pattern, found `}`\n");
        row("let outside a condition", "fn main() { foo(let x = 1); }",
            "t.rs:1:17: error: `let` is only allowed as a statement or in an `if` / `while` condition\n");
        row("macro_rules", "macro_rules! m { () => {} }",
            "t.rs:1:1: error: macro_rules! is not supported: only the built-in macros are\n");
    }
    void eachProblemHasItsMessageAndPosition()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(errorsOf(source.toStdString())), expected);
    }

    void nestingIsBounded()
    {
        const std::string deep = "fn main() { let x = " + std::string(100000, '(') + "1" + std::string(100000, ')') + "; }";
        const ParseResult r = parse(deep);
        QVERIFY(!r.errors.empty());
        QCOMPARE(r.errors[0].message, std::string("nesting deeper than 200 levels"));
        const std::string blocks = "fn main() " + std::string(50000, '{') + std::string(50000, '}');
        QVERIFY(!parse(blocks).errors.empty());
    }

    void manyErrorsStopAtFifty()
    {
        std::string source;
        for (int i = 0; i < 200; ++i)
            source += "fn f" + std::to_string(i) + "() { let = ; }\n";
        QCOMPARE(parse(source).errors.size(), size_t(50));
    }
};

QTEST_GUILESS_MAIN(TstParser)
#include "tst_parser.moc"
