// The resolver of core/lang and `wakeline --check`: the scenario programs resolve (many_tasks's two measuring
// functions excepted, see below), what may suspend is marked, #[tokio::main] options are read, and every program
// of the error corpus (tests/programs/errors, 48 files) gets exactly its expected messages and positions.
#include "CommandLine.h"
#include "lang/Resolver.h"
#include "scenarios/Scenario.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace wl;
using namespace wl::lang;

namespace {
std::string errorsOf(std::string_view source)
{
    std::string out;
    for (const Diagnostic& d : check(source))
        out += formatDiagnostic("t.rs", d) + "\n";
    return out;
}

CommandLineResult checkFile(const QString& path) { return runCommandLine({"wakeline", "--check", path}); }
}  // namespace

class TstResolver : public QObject {
    Q_OBJECT
private slots:
    void everyScenarioProgramResolves()
    {
        for (const Scenario& s : allScenarios()) {
            std::string all;
            for (const auto& d : check(s.rustSource))
                all += formatDiagnostic(s.id + ".rs", d) + "\n";
            QVERIFY2(all.empty(), all.c_str());
        }
    }

    void runtimeOptionsAreRead()
    {
        RuntimeOptions o;
        QVERIFY(check(findScenario("cpu_starvation")->rustSource, nullptr, &o).empty());
        QVERIFY(o.tokioMain && o.currentThread && o.workerThreads == 0 && !o.startPaused);
        QVERIFY(check("#[tokio::main(worker_threads = 3, start_paused = true)]\nasync fn main() {}", nullptr, &o).empty());
        QVERIFY(o.tokioMain && !o.currentThread && o.workerThreads == 3 && o.startPaused);
        QVERIFY(check("fn main() {}", nullptr, &o).empty());
        QVERIFY(!o.tokioMain);
    }

    // Only what can await is marked, so the interpreter runs the rest without a coroutine.
    void whatMaySuspendIsMarked()
    {
        Program p;
        const auto errors = check("use tokio::time::{sleep, Duration};\n"
                                  "#[tokio::main]\nasync fn main() {\n"
                                  "    let a = 1 + 2;\n"
                                  "    let b = sleep(Duration::from_millis(a)).await;\n"
                                  "    let c = async { sleep(Duration::from_millis(1)).await };\n"
                                  "    if a > 2 { c.await; }\n"
                                  "    let (x, y) = tokio::join!(async { 1 }, async { 2 });\n"
                                  "}\n",
                                  &p);
        QVERIFY(errors.empty());
        const Block& body = *p.items.back()->body;
        QCOMPARE(body.stmts.size(), size_t(5));
        QVERIFY(!body.stmts[0].init->suspends);  // 1 + 2
        QVERIFY(body.stmts[1].init->suspends);   // sleep(..).await
        QVERIFY(!body.stmts[1].init->a->suspends);  // the sleep call itself only makes a future
        QVERIFY(!body.stmts[2].init->suspends);  // an async block is a future of its own
        QVERIFY(body.stmts[3].init->suspends);   // if .. { c.await; }
        QVERIFY(!body.stmts[3].init->a->suspends);  // its condition
        QVERIFY(body.stmts[4].init->suspends);   // join! awaits
    }

    void namesAndScopes_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const char* source, const char* expected) {
            QTest::newRow(name) << QString::fromUtf8(source) << QString::fromUtf8(expected);
        };
        row("shadowing sees the old value", "fn main() { let x = 1; let x = x + 1; }", "");
        row("a binding is not visible in its own initializer", "fn main() { let y = y; }",
            "t.rs:1:21: error: cannot find value `y` in this scope\n");
        row("None is matched, not bound", "fn main() { match Some(1) { None => {}, Some(v) => { let _ = v; } } }", "");
        row("a const pattern is matched", "const LIMIT: u32 = 3;\nfn main() { match 3 { LIMIT => {}, _ => {} } }", "");
        row("nested functions see each other", "fn main() { fn a() -> u32 { b() } fn b() -> u32 { 1 } let _ = a(); }", "");
        row("use inside a function", "fn main() { use std::time::Duration; let _ = Duration::from_secs(1); }", "");
        row("renamed import", "use tokio::time::sleep as nap;\n#[tokio::main]\nasync fn main() { nap(std::time::Duration::ZERO).await; }", "");
        row("glob import", "use tokio::sync::*;\n#[tokio::main]\nasync fn main() { let s = Semaphore::new(1); let _ = s; }", "");
        row("enum variants and impl functions", "enum E { A, B(u32) }\nimpl E { fn make() -> E { E::B(1) } }\n"
                                                "fn main() { let _ = (E::A, E::make()); }", "");
        row("labelled break", "fn main() { 'outer: for i in 0..3 { loop { if i > 1 { break 'outer; } break; } } }", "");
        row("closure parameters", "fn main() { let f = |a: u32, (b, c): (u32, u32)| a + b + c; let _ = f; }", "");
        row("select! binds per branch", "async fn a() -> u32 { 1 }\n#[tokio::main]\nasync fn main() {\n"
                                        "    tokio::select! { v = a() => { let _ = v; } w = a() => { let _ = v; } }\n}",
            "t.rs:4:69: error: cannot find value `v` in this scope\n");
    }
    void namesAndScopes()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(errorsOf(source.toStdString())), expected);
    }

    void everyErrorProgramGetsItsMessages_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QFile manifest(WAKELINE_PROGRAMS_DIR "/errors/expected.tsv");
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        int rows = 0;
        for (const QByteArray& raw : manifest.readAll().split('\n')) {
            const QString line = QString::fromUtf8(raw);
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const QString path = WAKELINE_PROGRAMS_DIR "/errors/" + line.section('\t', 0, 0);
            QString expected = line.section('\t', 1);
            expected.replace("\\n", "\n").replace("\\\\", "\\").replace("{file}", path);
            QTest::newRow(qPrintable(line.section('\t', 0, 0))) << path << expected + "\n";
            ++rows;
        }
        QVERIFY(rows >= 40);
        QCOMPARE(QDir(WAKELINE_PROGRAMS_DIR "/errors").entryList({"*.rs"}).size(), rows);  // none left unchecked
    }
    void everyErrorProgramGetsItsMessages()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const CommandLineResult r = checkFile(path);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromStdString(r.err), expected);
        QVERIFY(r.out.empty());
    }

    void checkOfAGoodProgramAndOfFilesThatAreNotPrograms()
    {
        const CommandLineResult good = checkFile(WAKELINE_PROGRAMS_DIR "/language/syntax_tour.rs");
        QCOMPARE(good.exitCode, 0);
        QCOMPARE(QString::fromStdString(good.out), QString(WAKELINE_PROGRAMS_DIR "/language/syntax_tour.rs: no problems found\n"));
        QTemporaryDir dir;
        CommandLineResult r = checkFile(dir.path());
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromStdString(r.err), "wakeline: --check: cannot read " + dir.path() + ": it is a directory, not a regular file\n");
        const QString big = dir.filePath("big.rs");
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.resize((1 << 20) + 1));
        f.close();
        r = checkFile(big);
        QCOMPARE(QString::fromStdString(r.err), "wakeline: --check: cannot read " + big
                                                    + ": the file is 1.0 MiB, more than the 1 MiB a program may have\n");
        r = checkFile(dir.filePath("missing.rs"));
        QCOMPARE(QString::fromStdString(r.err), "wakeline: --check: cannot read " + dir.filePath("missing.rs")
                                                    + ": No such file or directory\n");
        r = runCommandLine({"wakeline", "--check", big, "--print"});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TstResolver)
#include "tst_resolver.moc"
