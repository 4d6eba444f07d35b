#!/usr/bin/env python3
"""Writes tests/programs/errors/*.rs: small programs with one problem each (a few with several), outside the
subset or not Rust at all. Their expected `wakeline --check` output is in errors/expected.tsv, checked by
tst_resolver. The files are committed; rerun this only to add cases."""
import os

MAIN = "#[tokio::main]\nasync fn main() {\n%s\n}\n"
cases = {
    # Lexer and parser.
    "unterminated-string": MAIN % '    println!("hello);',
    "missing-semicolon": MAIN % "    let x = 5\n    println!(\"{}\", x);",
    "trait-method-missing": "trait Speak { fn speak(&self); fn name(&self) -> String { \"?\".to_string() } }\n\n"
                            "struct Dog;\nimpl Speak for Dog {}\n\n" + MAIN % "",
    "unknown-macro": MAIN % "    my_log!(\"hi\");",
    "mod-item": "mod helpers {}\n\n" + MAIN % "",
    "unknown-escape": MAIN % '    println!("tab\\qhere");',
    "let-without-value": MAIN % "    let x = ;",
    "two-syntax-errors": MAIN % "    let a = 1 +;\n    let b = (2;\n    let c = 3;",
    "non-ascii-identifier": MAIN % "    let naïve = 1;",
    "string-in-single-quotes": MAIN % "    let s = 'hello';",
    "match-arm-without-comma": MAIN % "    match 3 {\n        1 => println!(\"one\")\n        _ => println!(\"other\"),\n    }",
    "macro-rules": "macro_rules! twice { ($e:expr) => { $e * 2 } }\n\n" + MAIN % "",
    # Names and scopes.
    "undefined-variable": MAIN % "    println!(\"{}\", count);",
    "undefined-function": MAIN % "    fetch_data().await;",
    "variable-out-of-its-block": MAIN % "    {\n        let inner = 1;\n    }\n    println!(\"{}\", inner);",
    "if-let-binding-in-else": MAIN % "    if let Some(x) = Some(1) {\n        println!(\"{}\", x);\n    } else {\n        println!(\"{}\", x);\n    }",
    "match-binding-leaks": MAIN % "    match Some(2) {\n        Some(n) => println!(\"{}\", n),\n        None => {}\n    }\n    println!(\"{}\", n);",
    "duplicate-function": "fn helper() {}\nfn helper() {}\n\n" + MAIN % "",
    "undeclared-module": MAIN % "    let v = helpers::compute();",
    "self-outside-impl": "fn f() -> u32 {\n    Self::VALUE\n}\n\n" + MAIN % "",
    "self-in-free-function": "fn f() -> u32 {\n    self.value\n}\n\n" + MAIN % "",
    "module-as-value": MAIN % "    let rt = tokio;",
    # The library.
    "unresolved-import": "use tokio::net::TcpStream;\n\n" + MAIN % "",
    "unsupported-collection": "use std::collections::BTreeMap;\n\n" + MAIN % "",
    "unknown-tokio-function": MAIN % "    tokio::time::pause();",
    "unknown-duration-constructor": "use std::time::Duration;\n\n" + MAIN % "    let d = Duration::from_hours(1);",
    "unknown-trait-impl": "struct S;\n\nimpl Iterator for S {\n    type Item = u32;\n    fn next(&mut self) -> Option<u32> { None }\n}\n\n" + MAIN % "",
    # async and control flow.
    "await-in-sync-fn": "use tokio::time::{sleep, Duration};\n\nfn pause() {\n    sleep(Duration::from_millis(10)).await;\n}\n\n" + MAIN % "    pause();",
    "await-in-sync-closure": "use tokio::time::{sleep, Duration};\n\n" + MAIN % "    let f = || sleep(Duration::from_millis(10)).await;",
    "join-outside-async": "async fn a() {}\n\nfn both() {\n    tokio::join!(a(), a());\n}\n\n" + MAIN % "    both();",
    "break-outside-loop": MAIN % "    break;",
    "continue-in-closure": MAIN % "    for i in 0..3 {\n        let f = || continue;\n    }",
    "undeclared-label": MAIN % "    loop {\n        break 'outer;\n    }",
    # main and the runtime.
    "no-main": "async fn start() {}\n",
    "async-main-without-tokio-main": "async fn main() {\n    println!(\"hi\");\n}\n",
    "tokio-main-on-sync-main": "#[tokio::main]\nfn main() {\n    println!(\"hi\");\n}\n",
    "unknown-runtime-option": "#[tokio::main(threads = 4)]\nasync fn main() {}\n",
    "bad-flavor": "#[tokio::main(flavor = \"single\")]\nasync fn main() {}\n",
    "worker-threads-on-current-thread": "#[tokio::main(flavor = \"current_thread\", worker_threads = 2)]\nasync fn main() {}\n",
    "zero-worker-threads": "#[tokio::main(worker_threads = 0)]\nasync fn main() {}\n",
    "main-with-parameters": "#[tokio::main]\nasync fn main(args: Vec<String>) {}\n",
    # Types the program defines.
    "missing-struct-field": "struct Point { x: i32, y: i32 }\n\n" + MAIN % "    let p = Point { x: 1 };",
    "unknown-struct-field": "struct Point { x: i32, y: i32 }\n\n" + MAIN % "    let p = Point { x: 1, y: 2, z: 3 };",
    "unknown-struct": MAIN % "    let p = Pointt { x: 1 };",
    "unknown-enum-variant": "enum Light { Red, Green }\n\n" + MAIN % "    let l = Light::Blue;",
    "impl-for-unknown-type": "impl Robot {\n    fn new() -> Self { Robot }\n}\n\n" + MAIN % "",
    "field-given-twice": "struct Point { x: i32, y: i32 }\n\n" + MAIN % "    let p = Point { x: 1, x: 2, y: 3 };",
    "duplicate-method": "struct S;\n\nimpl S {\n    fn go(&self) {}\n    fn go(&self) {}\n}\n\n" + MAIN % "",
    "block-on-inside-the-runtime": MAIN % "    let rt = tokio::runtime::Runtime::new().unwrap();\n"
                                          "    rt.block_on(async { println!(\"nested\"); });",
    "method-not-in-trait": "trait Speak {\n    fn speak(&self) -> String;\n}\n\nstruct Dog;\n\nimpl Speak for Dog {\n"
                           "    fn speak(&self) -> String { \"woof\".to_string() }\n    fn wag(&self) {}\n}\n\n"
                           "fn main() {}\n",
    "select-default-branch": "use futures::{select, FutureExt};\n\n" + MAIN % (
        "    let a = async { 1 }.fuse();\n    futures::pin_mut!(a);\n    select! {\n"
        "        x = a => println!(\"{}\", x),\n        default => println!(\"nothing ready\"),\n    }"),
    "impl-inside-a-function": MAIN % "    struct Counter { n: u32 }\n    impl Counter {\n"
                                     "        fn bump(&mut self) { self.n += 1; }\n    }",
    # Format strings' named arguments.
    "format-argument-named-twice": MAIN % "    println!(\"{a}\", a = 1, a = 2);",
    "positional-after-named-argument": MAIN % "    println!(\"{a} {}\", a = 1, 2);",
}

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "errors")
os.makedirs(out, exist_ok=True)
for old in os.listdir(out):
    if old.endswith(".rs"):
        os.remove(os.path.join(out, old))
for i, (name, text) in enumerate(cases.items(), 1):
    with open(os.path.join(out, f"{i:02d}-{name}.rs"), "w", encoding="utf-8") as f:
        f.write(text)
print(f"wrote {len(cases)} programs to {out}")
