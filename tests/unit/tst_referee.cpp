// The referee: every built-in scenario and every program of tests/programs/ also runs on real tokio 1.24, built
// offline from Debian's crates (resources/referee, copied into the build tree and built once), and what it prints
// must agree with what Wakeline prints (simulated, 1 worker). The rules (how a program becomes tokio's, which
// clock, the tolerances) are core/referee's, which the window's "Check against tokio" uses too.
// Differences that are Wakeline's on purpose are listed in tests/referee/known-differences.tsv, each with its
// reason; an entry that no longer matches anything fails the test, so the list stays true. A real-clock program
// is run up to three times: a loaded machine can make one run late beyond the tolerance.
#include "referee/Referee.h"
#include "scenarios/Scenario.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>

#include <map>

using namespace wl;

namespace {
const QString kSourceDir = WAKELINE_REFEREE_DIR;        // resources/referee: the crate
const QString kWorkDir = WAKELINE_REFEREE_BUILD_DIR;    // its copy in the build tree, with a binary per program

struct Program {
    QString id;      // scenario/join, library/notify, tutorial/01-...
    QString binary;  // its Cargo binary's name
    std::string source;
    bool realClock = false;
};

std::vector<Program> allPrograms()
{
    std::vector<Program> out;
    auto add = [&](const QString& id, std::string source) {
        Program p;
        p.id = id;
        p.binary = QString(id).replace(QRegularExpression("[^A-Za-z0-9]"), "_").toLower();
        p.realClock = referee::needsRealClock(source);
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

// program -> its reviewed differences (lines, leave | time, why).
std::multimap<QString, referee::KnownDifference> knownDifferences()
{
    std::multimap<QString, referee::KnownDifference> out;
    QFile f(WAKELINE_KNOWN_DIFFERENCES);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QString& line : QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts))
        if (!line.startsWith('#'))
            out.emplace(line.section('\t', 0, 0),
                        referee::KnownDifference{line.section('\t', 1, 1).toStdString(),
                                                 line.section('\t', 2, 2).toStdString(), line.section('\t', 3).toStdString()});
    return out;
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
    for (const auto& [name, value] : referee::cargoEnvironment(kWorkDir.toStdString(), (kWorkDir + "/target").toStdString()))
        env.insert(QString::fromStdString(name), QString::fromStdString(value));
    return env;
}
}  // namespace

class TstReferee : public QObject {
    Q_OBJECT
    std::vector<Program> programs_;

private slots:
    void initTestCase()
    {
        // (Its known differences were reviewed against tokio 1.24.2, the one Debian 12 packages.)
        if (!referee::toolchainInstalled() || !QFileInfo("/usr/share/cargo/registry/tokio-1.24.2").isDir())
            QSKIP("real tokio is not installed (Debian's cargo, librust-tokio-dev and librust-futures-dev; "
                  "scripts/setup-deps installs them)");
        programs_ = allPrograms();
        for (const char* file : {"Cargo.toml", ".cargo/config.toml", "src/lib.rs", "wakeline/Cargo.toml",
                                 "wakeline/src/lib.rs"}) {
            QFile in(kSourceDir + "/" + file);
            QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(in.fileName()));
            QDir().mkpath(QFileInfo(kWorkDir + "/" + file).path());
            QVERIFY(writeIfChanged(kWorkDir + "/" + file, in.readAll()));
        }
        QDir().mkpath(kWorkDir + "/src/bin");
        QStringList binaries;
        for (const Program& p : programs_) {
            const std::string bin = referee::tokioSource(p.source, p.realClock, p.id.toStdString() + ".rs");
            QVERIFY(writeIfChanged(kWorkDir + "/src/bin/" + p.binary + ".rs", QByteArray::fromStdString(bin)));
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
        cargo.start(referee::kCargo, {"build", "--offline", "--bins", "--quiet"});
        QVERIFY2(cargo.waitForFinished(30 * 60 * 1000), "cargo build took more than 30 minutes");
        QVERIFY2(cargo.exitCode() == 0, qPrintable("cargo build failed:\n" + QString::fromUtf8(cargo.readAll()).right(6000)));
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
        const auto all = knownDifferences();
        std::vector<referee::KnownDifference> known;
        for (auto [it, end] = all.equal_range(p.id); it != end; ++it) {
            if (it->second.lines == "*")
                QSKIP(("not compared: " + it->second.why).c_str());
            known.push_back(it->second);
        }

        const lang::ProgramRun ours = lang::runProgram(p.source, referee::wakelineOptions(p.realClock, p.id.section('/', 1).toStdString() + ".rs"));
        QVERIFY2(ours.checked, ours.error.c_str());
        QString problems;
        for (int attempt = 0; attempt < (p.realClock ? 3 : 1); ++attempt) {
            // The real program runs in a directory of its own, as Wakeline's does: a program that writes
            // "log.txt" must not write it into the directory the tests were started from.
            QTemporaryDir own;
            const QStringList before = QDir::current().entryList(QDir::AllEntries | QDir::Hidden);
            QProcess run;
            run.setWorkingDirectory(own.path());
            auto env = QProcessEnvironment::systemEnvironment();
            for (const auto& [name, value] : referee::programEnvironment(own.path().toStdString()))
                env.insert(QString::fromStdString(name), QString::fromStdString(value));
            run.setProcessEnvironment(env);
            run.start(kWorkDir + "/target/debug/" + p.binary, {});
            QVERIFY2(run.waitForFinished(60'000), "the real tokio run took more than 60 s");
            QCOMPARE(QDir::current().entryList(QDir::AllEntries | QDir::Hidden), before);
            const bool realFailed = run.exitStatus() != QProcess::NormalExit || run.exitCode() != 0;
            const auto c = referee::compare(referee::printedLines(ours.trace),
                                            referee::stampedLines(run.readAllStandardOutput().toStdString()),
                                            p.realClock, known);
            problems = QString::fromStdString(c.describe());
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

    // The comparison itself: a line at another time, a missing line, a changed text and a stale entry all count.
    void theComparisonFindsEveryKindOfDifference()
    {
        using L = referee::PrintedLine;
        const std::vector<L> ours = {{0, "a"}, {100, "b"}, {100, "c"}, {200, "done at 200 ms"}};
        QVERIFY(referee::compare(ours, {{0, "a"}, {100, "c"}, {100.4, "b"}, {200, "done at 200 ms"}}, false).agrees());
        QCOMPARE(referee::compare(ours, {{0, "a"}, {100, "b"}, {102, "c"}, {200, "done at 200 ms"}}, false).describe(),
                 std::string("  Wakeline printed at 100 ms: c\n  tokio printed at 102 ms: c\n"));
        QCOMPARE(referee::compare(ours, {{0, "a"}, {100, "b"}, {200, "done at 200 ms"}}, false).describe(),
                 std::string("  Wakeline printed at 100 ms: c\n"));
        // On the real clock, times (also those printed in the text) compare within 25 ms + 3%.
        QVERIFY(referee::compare(ours, {{3, "a"}, {120, "b"}, {110, "c"}, {221, "done at 221 ms"}}, true).agrees());
        QVERIFY(!referee::compare(ours, {{3, "a"}, {120, "b"}, {110, "c"}, {240, "done at 240 ms"}}, true).agrees());
        const std::vector<referee::KnownDifference> known = {{"b", "leave", ""}, {"nothing", "leave", ""}};
        const auto c = referee::compare(ours, {{0, "a"}, {100, "c"}, {200, "done at 200 ms"}}, false, known);
        QCOMPARE(c.describe(), std::string("  stale known difference: nothing\n"));
    }

    // A program for tokio: stamped prints, a current_thread runtime (paused unless it needs real time), the clock
    // started first in main.
    void aProgramBecomesTokiosProgram()
    {
        const std::string program = "//! Title\nuse tokio::time::sleep;\n#[tokio::main(flavor = \"multi_thread\", "
                                    "worker_threads = 4)]\nasync fn main() {\n    println!(\"hi\");\n}\n";
        QVERIFY(!referee::needsRealClock(program));
        const std::string tokio = referee::tokioSource(program, false, "t.rs");
        QVERIFY(tokio.find("macro_rules! println") < tokio.find("// Title"));
        QVERIFY(tokio.find("#[tokio::main(flavor = \"current_thread\", start_paused = true)]") != std::string::npos);
        QVERIFY(tokio.find("async fn main() { wakeline_referee::start();") != std::string::npos);
        QVERIFY(referee::needsRealClock("fn main() {}"));
        QVERIFY(referee::needsRealClock("use std::time::{Duration, Instant};\n#[tokio::main]\nasync fn main() {}"));
        QVERIFY(referee::needsRealClock("#[tokio::main]\nasync fn main() { tokio::task::spawn_blocking(|| 1); }"));
        QVERIFY(!referee::needsRealClock("use tokio::time::Instant;\n#[tokio::main]\nasync fn main() {}"));
        QCOMPARE(referee::stampedLines("1500000\thello\nnoise\n2000000\tx\ty\n").size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(TstReferee)
#include "tst_referee.moc"
