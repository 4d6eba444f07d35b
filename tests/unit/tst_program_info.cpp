// What a program says about itself: the doc comment's title, summary, lesson and group; `// param` constants
// with their ranges, units and help; each malformed parameter comment named at its line and column; parameter
// values and worker counts written back into the source, leaving everything else as it was.
#include "lang/ProgramInfo.h"

#include <QTest>

using namespace wl::lang;

namespace {
const char* kProgram =
    "//! Two greetings\n"
    "//!\n"
    "//! One now, one\n"
    "//! later.\n"
    "//!\n"
    "//! The lesson, first paragraph.\n"
    "//!\n"
    "//! The lesson, second paragraph.\n"
    "//!\n"
    "//! Group: basics\n"
    "use tokio::time::{sleep, Duration};\n"
    "\n"
    "const PAUSE_MS: u64 = 250; // param 0..=1000 ms: the pause\n"
    "const TASKS: usize = 10_000; // param 1..=20000: how many tasks\n"
    "const PLAIN: u64 = 3; // an ordinary comment\n"
    "\n"
    "#[tokio::main(flavor = \"current_thread\", start_paused = true)]\n"
    "async fn main() {}\n";
}  // namespace

class TstProgramInfo : public QObject {
    Q_OBJECT
private slots:
    void theDocCommentAndTheParametersAreRead()
    {
        const ProgramInfo info = readProgramInfo(kProgram);
        QCOMPARE(info.title, std::string("Two greetings"));
        QCOMPARE(info.summary, std::string("One now, one later."));
        QCOMPARE(info.lesson, std::string("The lesson, first paragraph.\n\nThe lesson, second paragraph."));
        QCOMPARE(info.group, std::string("basics"));
        QVERIFY(info.problems.empty());
        QCOMPARE(info.params.size(), size_t(2));
        const ProgramParam& pause = info.params[0];
        QCOMPARE(pause.name, std::string("pause_ms"));
        QCOMPARE(pause.value, std::int64_t(250));
        QCOMPARE(pause.min, std::int64_t(0));
        QCOMPARE(pause.max, std::int64_t(1000));
        QCOMPARE(pause.unit, std::string("ms"));
        QCOMPARE(pause.help, std::string("the pause"));
        QCOMPARE(pause.literal.line, 13u);
        QCOMPARE(pause.literal.column, 23u);
        QCOMPARE(info.params[1].value, std::int64_t(10000));
        QCOMPARE(info.params[1].unit, std::string());
    }

    void valuesAreWrittenIntoTheConstants()
    {
        const ProgramInfo info = readProgramInfo(kProgram);
        const std::string out = withParams(kProgram, info, {{"pause_ms", 40}, {"tasks", 12345}});
        QVERIFY(out.find("const PAUSE_MS: u64 = 40; // param 0..=1000 ms: the pause\n") != std::string::npos);
        QVERIFY(out.find("const TASKS: usize = 12_345; // param") != std::string::npos);  // underscores kept
        QCOMPARE(out.size(), std::string(kProgram).size() - 1);  // 250 -> 40; 10_000 -> 12_345: nothing else moved
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, withParams(kProgram, info, {{"pause_ms", 1001}}));
        try {
            withParams(kProgram, info, {{"speed", 1}});
            QFAIL("an unknown parameter was accepted");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()), QString("unknown parameter 'speed' (parameters: pause_ms, tasks)"));
        }
    }

    void theWorkerCountIsWrittenIntoTheAttribute()
    {
        const std::string four = withWorkers(kProgram, 4);
        QVERIFY(four.find("#[tokio::main(flavor = \"multi_thread\", worker_threads = 4, start_paused = true)]\nasync fn main")
                != std::string::npos);
        QVERIFY(withWorkers(four, 1).find("#[tokio::main(flavor = \"current_thread\", start_paused = true)]\n")
                != std::string::npos);
        QCOMPARE(withWorkers("fn main() {}\n", 3), std::string("fn main() {}\n"));  // nothing to rewrite
    }

    void malformedParameterCommentsAreNamedWhereTheyAre()
    {
        auto problemsOf = [](const char* source) {
            std::string out;
            for (const auto& d : readProgramInfo(source).problems)
                out += formatDiagnostic("p.rs", d) + "\n";
            return out;
        };
        QCOMPARE(problemsOf("const A: u64 = 5; // param 1..10: x\n"),
                 std::string("p.rs:1:19: error: malformed parameter comment: write it as `// param MIN..=MAX: what it "
                             "sets` (or `// param MIN..=MAX ms: ...` for a duration in milliseconds)\n"));
        QCOMPARE(problemsOf("const A: u64 = 50; // param 1..=10: x\n"),
                 std::string("p.rs:1:16: error: parameter A = 50 is outside its range 1..=10\n"));
        QCOMPARE(problemsOf("const A: &str = \"x\"; // param 1..=10: x\n"),
                 std::string("p.rs:1:17: error: the value of parameter A must be an integer literal (like 500 or 10_000)\n"));
        QCOMPARE(problemsOf("let a = 5; // param 1..=10: x\n"),
                 std::string("p.rs:1:12: error: a `// param` comment belongs at the end of a `const` item's line\n"));
        QCOMPARE(problemsOf("const A: u64 = 5; // param 10..=1: x\n"),
                 std::string("p.rs:1:19: error: the range of parameter A is empty (10..=1)\n"));
        QVERIFY(problemsOf("const A: u64 = 5; // param 1..=10 s: x\n").rfind("p.rs:1:19: error: malformed parameter comment", 0) == 0);
        QCOMPARE(problemsOf("const A: u64 = 5; // param 1..=10: x\nconst a: u64 = 6; // param 1..=10: y\n"),
                 std::string("p.rs:2:7: error: parameter a is declared twice\n"));
        QCOMPARE(problemsOf("const A: u64 = 5; // parameters are nice\n"), std::string());
    }
};

QTEST_GUILESS_MAIN(TstProgramInfo)
#include "tst_program_info.moc"
