// The referee: every built-in scenario and every program of tests/programs/ also runs on real tokio 1.24, built
// offline from Debian's crates (tests/referee, copied into the build tree and built once), and what it prints must
// agree with what Wakeline prints (simulated, 1 worker): the same lines, each at the same time. Lines printed at
// one instant may come in any order.
//
// How a program runs on real tokio (the rules are documented here and in the README):
// - on a current_thread runtime (a multi_thread program's workers would make its order depend on the machine);
// - with tokio's clock paused (start_paused = true), so timers fire at their exact deadlines as in Wakeline's
//   virtual time, unless the program needs real time: std::time::Instant (its busy loops on elapsed()), threads,
//   spawn_blocking, tokio::fs, a runtime it builds itself, or no runtime at all. Those run on the real clock
//   (Wakeline then runs without its 20 ms file latency, which stands for a disk, not for tokio);
// - println! and eprintln! stamp each line with the runtime's time since main started (src/lib.rs).
// On the paused clock computing takes no time in tokio, so Wakeline runs with its step cost at 0 there; on the
// real clock it keeps its 100 ns per step. Real time is compared within 25 ms plus 3% of the time: each real wait
// ends a little late and a chain of waits adds it up; an unoptimised build's panic, or the blocking pool's first
// thread, takes some milliseconds; and the suite runs other tests beside this one. The times a program prints
// itself ("done at 700 ms") compare the same way.
// Differences that are Wakeline's on purpose are listed in tests/referee/known-differences.tsv, each with its
// reason; an entry that no longer matches anything fails the test, so the list stays true.
#include "lang/Interpreter.h"
#include "lang/SourceFile.h"
#include "scenarios/Scenario.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

using namespace wl;

namespace {
const QString kSourceDir = WAKELINE_REFEREE_DIR;        // tests/referee
const QString kWorkDir = WAKELINE_REFEREE_BUILD_DIR;    // its copy in the build tree, with the generated binaries
const QString kCargo = "/usr/bin/cargo", kRustc = "/usr/bin/rustc";  // Debian's: the brief's toolchain

struct Program {
    QString id;      // scenario/join, library/notify, tutorial/01-...
    QString binary;  // its Cargo binary's name
    std::string source;
    bool realClock = false;
};

// Programs whose timing needs the real clock (see the comment on top).
bool needsRealClock(const std::string& s)
{
    static const QRegularExpression stdInstant(R"(std::time::(\{[^}]*\bInstant\b|Instant))");
    if (s.find("#[tokio::main") == std::string::npos)
        return true;  // a synchronous main: no runtime of tokio's making, so no paused clock
    for (const char* word : {"spawn_blocking", "thread::sleep", "thread::spawn", "tokio::fs",
                             "Runtime::new", "Builder::new", "block_on"})
        if (s.find(word) != std::string::npos)
            return true;
    return stdInstant.match(QString::fromStdString(s)).hasMatch();
}

std::vector<Program> allPrograms()
{
    std::vector<Program> out;
    auto add = [&](const QString& id, std::string source) {
        Program p;
        p.id = id;
        p.binary = QString(id).replace(QRegularExpression("[^A-Za-z0-9]"), "_").toLower();
        p.realClock = needsRealClock(source);
        p.source = std::move(source);
        out.push_back(std::move(p));
    };
    for (const auto& s : allScenarios())
        add("scenario/" + QString::fromStdString(s.id), s.rustSource);
    for (const char* corpus : {"language", "library", "tutorial"}) {
        const QDir dir(QString(WAKELINE_PROGRAMS_DIR "/") + corpus);
        for (const QString& rs : dir.entryList({"*.rs"})) {
            QFile f(dir.filePath(rs));
            if (f.open(QIODevice::ReadOnly))
                add(QString(corpus) + "/" + QFileInfo(rs).completeBaseName(), f.readAll().toStdString());
        }
    }
    return out;
}

// The program as a binary of the referee crate: its println! stamped, its runtime current_thread (paused unless
// it needs real time), the clock started first thing in main. The `//!` doc comment becomes plain comments (the
// macros come before it).
std::string refereeSource(const Program& p)
{
    static const QRegularExpression innerDoc("^//!", QRegularExpression::MultilineOption);
    static const QRegularExpression tokioMain(R"(#\[tokio::main(\([^)]*\))?\])");
    static const QRegularExpression mainFn(R"(fn\s+main\s*\(\s*\)[^{]*\{)");
    QString s = QString::fromStdString(p.source);
    s.replace(innerDoc, "//");
    s.replace(tokioMain, p.realClock ? R"(#[tokio::main(flavor = "current_thread")])"
                                     : R"(#[tokio::main(flavor = "current_thread", start_paused = true)])");
    const auto m = mainFn.match(s);
    if (m.hasMatch())
        s.insert(m.capturedEnd(), " wakeline_referee::start();");
    const QString prelude =
        "// Generated by tst_referee from " + p.id + ".rs: println! and eprintln! stamp each line with the time.\n"
        "#[allow(unused_macros)]\n"
        "macro_rules! println { () => { wakeline_referee::stamp(String::new()) }; ($($t:tt)*) => { "
        "wakeline_referee::stamp(format!($($t)*)) }; }\n"
        "#[allow(unused_macros)]\n"
        "macro_rules! eprintln { () => { wakeline_referee::stamp(String::new()) }; ($($t:tt)*) => { "
        "wakeline_referee::stamp(format!($($t)*)) }; }\n";
    return (prelude + s).toStdString();
}

struct Line {
    double ms = 0;
    std::string text;
};

// A reviewed difference: in one program, the lines containing `lines` ("*": the whole program) are left out of
// the comparison, or compared by their text only (`what` is "time": Wakeline's timing differs on purpose there).
struct KnownDifference {
    QString lines, what, why;
};
std::multimap<QString, KnownDifference> knownDifferences()
{
    std::multimap<QString, KnownDifference> out;
    QFile f(kSourceDir + "/known-differences.tsv");
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QString& line : QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts))
        if (!line.startsWith('#'))
            out.emplace(line.section('\t', 0, 0),
                        KnownDifference{line.section('\t', 1, 1), line.section('\t', 2, 2), line.section('\t', 3)});
    return out;
}

// Two printed texts agree: equal, or equal but for the times they print themselves ("at 700 ms"), which may differ
// by the tolerance.
bool sameText(const std::string& a, const std::string& b, double tolerance)
{
    if (a == b)
        return true;
    if (tolerance <= 1.0)
        return false;
    static const QRegularExpression ms(R"((\d+(?:\.\d+)?)(\s?ms))");
    const QString x = QString::fromStdString(a), y = QString::fromStdString(b);
    QString xs = x, ys = y;
    xs.replace(ms, "#\\2");
    ys.replace(ms, "#\\2");
    if (xs != ys)
        return false;
    auto i = ms.globalMatch(x), j = ms.globalMatch(y);
    while (i.hasNext() && j.hasNext()) {
        const double u = i.next().captured(1).toDouble(), v = j.next().captured(1).toDouble();
        if (std::abs(u - v) > tolerance + 0.03 * std::max(u, v))
            return false;
    }
    return true;
}

bool writeIfChanged(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (f.open(QIODevice::ReadOnly) && f.readAll() == bytes)
        return true;
    f.close();
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QProcessEnvironment cargoEnvironment()
{
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("RUSTC", kRustc);
    env.insert("CARGO_HOME", kWorkDir + "/cargo-home");  // not the user's ~/.cargo (its config, its toolchains)
    env.insert("CARGO_TARGET_DIR", kWorkDir + "/target");
    env.insert("PATH", "/usr/bin:/bin");
    return env;
}
}  // namespace

class TstReferee : public QObject {
    Q_OBJECT
    std::vector<Program> programs_;
    QString buildLog_;

private slots:
    void initTestCase()
    {
        if (!QFileInfo(kCargo).isExecutable() || !QFileInfo(kRustc).isExecutable()
            || !QFileInfo("/usr/share/cargo/registry/tokio-1.24.2").isDir())
            QSKIP("real tokio is not installed (Debian's cargo, librust-tokio-dev and librust-futures-dev; "
                  "scripts/setup-deps installs them)");
        programs_ = allPrograms();
        QDir().mkpath(kWorkDir + "/src/bin");
        QDir().mkpath(kWorkDir + "/.cargo");
        QDir().mkpath(kWorkDir + "/wakeline/src");
        for (const char* file : {"Cargo.toml", ".cargo/config.toml", "src/lib.rs", "wakeline/Cargo.toml",
                                 "wakeline/src/lib.rs"}) {
            QFile in(kSourceDir + "/" + file);
            QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(in.fileName()));
            QVERIFY(writeIfChanged(kWorkDir + "/" + file, in.readAll()));
        }
        QStringList binaries;
        for (const Program& p : programs_) {
            QVERIFY(writeIfChanged(kWorkDir + "/src/bin/" + p.binary + ".rs", QByteArray::fromStdString(refereeSource(p))));
            binaries << p.binary + ".rs";
        }
        for (const QString& old : QDir(kWorkDir + "/src/bin").entryList({"*.rs"}))
            if (!binaries.contains(old))
                QFile::remove(kWorkDir + "/src/bin/" + old);
        // One build for all (cached in the build tree: a rerun builds only what changed).
        QProcess cargo;
        cargo.setWorkingDirectory(kWorkDir);
        cargo.setProcessEnvironment(cargoEnvironment());
        cargo.setProcessChannelMode(QProcess::MergedChannels);
        cargo.start(kCargo, {"build", "--offline", "--bins", "--quiet"});
        QVERIFY2(cargo.waitForFinished(30 * 60 * 1000), "cargo build took more than 30 minutes");
        buildLog_ = QString::fromUtf8(cargo.readAll());
        QVERIFY2(cargo.exitCode() == 0, qPrintable("cargo build failed:\n" + buildLog_.right(6000)));
    }

    void realTokioPrintsWhatWakelinePrints_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < programs_.size(); ++i)
            QTest::newRow(qPrintable(programs_[i].id)) << int(i);
    }
    void realTokioPrintsWhatWakelinePrints()
    {
        QFETCH(int, index);
        const Program& p = programs_[size_t(index)];
        const auto known = knownDifferences();
        const auto [first, last] = known.equal_range(p.id);
        for (auto it = first; it != last; ++it)
            if (it->second.lines == "*")
                QSKIP(qPrintable("not compared: " + it->second.why));

        // Wakeline, simulated, on one worker.
        lang::ProgramOptions o;
        o.file = p.id.section('/', 1).toStdString() + ".rs";
        o.workers = 1;
        if (p.realClock)
            o.fileLatency = 0;
        else
            o.stepCost = 0;
        const lang::ProgramRun ours = lang::runProgram(p.source, o);
        QVERIFY2(ours.checked, ours.error.c_str());
        std::vector<Line> wakeline;
        for (const auto& [time, text] : ours.trace.printedLines()) {
            QString t = QString::fromStdString(text);
            wakeline.push_back({double(time) / 1e6, t.replace("\n", "\\n").toStdString()});
        }

        // Real tokio: once on the paused clock (it is exact); on the real clock up to three times, since a
        // loaded machine can make one run late beyond the tolerance.
        QString problems;
        for (int attempt = 0; attempt < (p.realClock ? 3 : 1); ++attempt) {
            QProcess run;
            run.start(kWorkDir + "/target/debug/" + p.binary, {});
            QVERIFY2(run.waitForFinished(60'000), "the real tokio run took more than 60 s");
            std::vector<Line> real;
            for (const QString& l : QString::fromUtf8(run.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts))
                real.push_back({l.section('\t', 0, 0).toDouble() / 1e6, l.section('\t', 1).toStdString()});
            const bool realFailed = run.exitStatus() != QProcess::NormalExit || run.exitCode() != 0;
            problems = differences(p, wakeline, std::move(real), first, last);
            if (realFailed != !ours.error.empty())
                problems += QString("  tokio's run %1, Wakeline's %2\n")
                                .arg(realFailed ? "failed: " + QString::fromUtf8(run.readAllStandardError()).trimmed()
                                                : "succeeded")
                                .arg(ours.error.empty() ? "succeeded" : "failed: " + QString::fromStdString(ours.error));
            if (problems.isEmpty())
                break;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(QString("%1 (%2 clock) differs:\n%3")
                                                    .arg(p.id, p.realClock ? "real" : "paused", problems)));
    }

private:
    using KnownRange = std::multimap<QString, KnownDifference>::const_iterator;
    // What differs between the two runs' lines, one line of text per difference ("" when they agree).
    static QString differences(const Program& p, std::vector<Line> wakeline, std::vector<Line> real, KnownRange first,
                               KnownRange last)
    {
        QString problems;
        // A known difference leaves its lines out on both sides, or keeps them without their times; each entry
        // must still match a line.
        std::vector<std::string> untimed;
        for (auto it = first; it != last; ++it) {
            const std::string pattern = it->second.lines.toStdString();
            auto matches = [&](const Line& l) { return l.text.find(pattern) != std::string::npos; };
            if (std::none_of(real.begin(), real.end(), matches) && std::none_of(wakeline.begin(), wakeline.end(), matches))
                problems += "  stale entry in known-differences.tsv: " + it->second.lines + "\n";
            if (it->second.what == "time")
                untimed.push_back(pattern);
            else
                for (auto* side : {&real, &wakeline})
                    std::erase_if(*side, matches);
        }
        auto timed = [&](const std::string& text) {
            return std::none_of(untimed.begin(), untimed.end(),
                                [&](const std::string& u) { return text.find(u) != std::string::npos; });
        };
        // Each Wakeline line, in order, takes the first real line with its text at its time (within 1 ms on the
        // paused clock; on the real one within 25 ms and 3%): lines of one instant match in any order.
        const double tolerance = p.realClock ? 25.0 : 1.0;
        auto near = [&](double a, double b) {
            return std::abs(a - b) <= tolerance + (p.realClock ? 0.03 * std::max(a, b) : 0);
        };
        std::vector<bool> taken(real.size(), false);
        for (const Line& w : wakeline) {
            bool found = false;
            for (size_t i = 0; i < real.size() && !found; ++i)
                if (!taken[i] && sameText(real[i].text, w.text, tolerance) && (!timed(w.text) || near(real[i].ms, w.ms)))
                    taken[i] = found = true;
            if (!found)
                problems += QString("  Wakeline printed at %1 ms: %2\n").arg(w.ms).arg(QString::fromStdString(w.text));
        }
        for (size_t i = 0; i < real.size(); ++i)
            if (!taken[i])
                problems += QString("  tokio printed at %1 ms: %2\n").arg(real[i].ms).arg(QString::fromStdString(real[i].text));
        return problems;
    }
};

QTEST_GUILESS_MAIN(TstReferee)
#include "tst_referee.moc"
