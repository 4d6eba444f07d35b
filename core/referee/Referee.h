#pragma once
// Real tokio as the referee: the rules its test (tst_referee) and the window's "Check against tokio" share.
// - A Wakeline program becomes a program for real tokio: println!/eprintln! stamp each line with the runtime's
//   time since main started ("<ns>\t<text>", resources/referee/src/lib.rs), on a current_thread runtime whose
//   clock is paused (timers fire at their exact deadlines, as in Wakeline's virtual time) unless the program needs
//   real time (std's Instant, threads, spawn_blocking, tokio::fs, a runtime of its own or none at all).
// - Wakeline runs it simulated on one worker; on the paused clock its computing is free (tokio's clock does not
//   move while code runs), on the real clock it keeps its step cost but not its 20 ms disk latency.
// - The printed lines must agree: each at its time (1 ms on the paused clock; 25 ms + 3% on the real one, and so
//   the times a program prints itself), the lines of one instant in any order.
#include "lang/Interpreter.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wl::referee {

// The toolchain: Debian's cargo and rustc with its packaged crates (a user's rustup toolchain and ~/.cargo are
// kept out). Installed when cargo, rustc and a tokio 1.x crate are there.
inline constexpr const char* kCargo = "/usr/bin/cargo";
inline constexpr const char* kRustc = "/usr/bin/rustc";
bool toolchainInstalled();
// The environment cargo runs the referee crate in: this rustc, a CARGO_HOME of the crate's own, the target
// directory (where tokio is built once and shared), and Debian's PATH.
std::vector<std::pair<std::string, std::string>> cargoEnvironment(const std::string& workDir, const std::string& targetDir);
// What a built program runs with, in `ownDir` as its working directory: that directory is also its temp_dir(), as
// in Wakeline's own run, so what it writes never lands where the tests or the window were started.
std::vector<std::pair<std::string, std::string>> programEnvironment(const std::string& ownDir);

struct PrintedLine {
    double ms = 0;
    std::string text;  // a line break inside is written as \n
};

bool needsRealClock(std::string_view source);
// The program as a binary of the referee crate; `origin` names it in the generated file's first comment.
std::string tokioSource(std::string_view source, bool realClock, std::string_view origin);
// The options Wakeline's side of the comparison runs with.
lang::ProgramOptions wakelineOptions(bool realClock, std::string file);

std::vector<PrintedLine> stampedLines(std::string_view output);  // a referee binary's stdout
std::vector<PrintedLine> printedLines(const Trace& trace);       // Wakeline's, the same way

// A reviewed difference (tests/referee/known-differences.tsv): the lines containing `lines` are left out of the
// comparison ("leave"), or compared by their text only ("time").
struct KnownDifference {
    std::string lines, what, why;
};

struct Comparison {
    struct Row {
        std::optional<PrintedLine> wakeline, tokio;  // both when they agree; one when only that side printed it
    };
    std::vector<Row> rows;            // Wakeline's lines in order, then the lines only tokio printed
    std::vector<std::string> stale;   // known differences that matched no line
    bool agrees() const;
    std::string describe() const;     // what differs, a line each ("" when they agree)
};
Comparison compare(std::vector<PrintedLine> wakeline, std::vector<PrintedLine> tokio, bool realClock,
                   const std::vector<KnownDifference>& known = {});

}  // namespace wl::referee
