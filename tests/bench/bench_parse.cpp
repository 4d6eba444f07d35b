// Parse + resolve of a program of about 2,000 lines against one of a tenth of it. Prints the best time of each,
// the ratio (ideal: the ratio of their sizes, 10) and lines per millisecond; the goal is 20 ms at most for 2,000.
// Usage: bench_parse [lines, default 2000]
#include "lang/Resolver.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace wl;

namespace {
// A program of at least `lines` lines: one function after another, each with the constructs lessons use (a loop,
// closures, a match with a guard, an await, a struct literal), then main. Each function is 12 lines.
std::string program(size_t lines)
{
    std::string out = "use tokio::time::{sleep, Duration};\n\nstruct Report { total: u64, count: usize }\n\n";
    size_t count = 4, i = 0;
    for (; count + 12 < lines; count += 12, ++i) {
        const std::string n = std::to_string(i);
        out += "async fn step_" + n + "(n: u64) -> Result<Report, String> {\n"
               "    let mut total = 0u64;\n"
               "    for k in 0..n { if k % 3 == 0 { total += k * 2; } else { total -= 1; } }\n"
               "    let v: Vec<u64> = (0..n).map(|x| x * x).filter(|x| x % 2 == 0).collect();\n"
               "    match total {\n"
               "        0 => println!(\"zero\"),\n"
               "        t if t > 100 => println!(\"big {:>6}\", t),\n"
               "        _ => {}\n"
               "    }\n"
               "    sleep(Duration::from_millis(n)).await;\n"
               "    Ok(Report { total, count: v.len() })\n"
               "}\n";
    }
    out += "#[tokio::main]\nasync fn main() {\n    let r = step_0(3).await.unwrap();\n    println!(\"{} {}\", r.total, r.count);\n}\n";
    return out;
}

double bestMs(const std::string& source, int rounds)
{
    double best = 1e9;
    for (int i = 0; i < rounds; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const auto errors = lang::check(source);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (!errors.empty()) {
            std::fprintf(stderr, "bench_parse: %s\n", lang::formatDiagnostic("bench.rs", errors[0]).c_str());
            std::exit(1);
        }
        best = std::min(best, ms);
    }
    return best;
}
}  // namespace

int main(int argc, char** argv)
{
    const size_t lines = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 2000;
    const std::string big = program(lines), small = program(lines / 10);
    const auto count = [](const std::string& s) { return std::count(s.begin(), s.end(), '\n'); };
    const double smallMs = bestMs(small, 20), bigMs = bestMs(big, 10);
    std::printf("parse + resolve: %ld lines in %.3f ms, %ld lines in %.3f ms (best of 20 / 10)\n", long(count(small)),
                smallMs, long(count(big)), bigMs);
    std::printf("time ratio: %.1f for %.1fx the lines; %.0f lines per ms\n", bigMs / smallMs,
                double(count(big)) / double(count(small)), double(count(big)) / bigMs);
    return 0;
}
