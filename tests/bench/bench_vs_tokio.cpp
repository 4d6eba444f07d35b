// Wakeline's executor against real tokio on the same workloads, printed as pairs and ratios measured in one run
// (never asserted): each workload runs in a process of its own, tokio's and Wakeline's interleaved, N rounds; the
// medians are compared. Peak memory is the child's maximum resident set (wait4's rusage).
//  - 100,000 tasks x 4 yields on 4 workers, recording off, and on (tokio: multi_thread, 4 workers)
//  - the same on 1 worker (tokio: current_thread)
//  - 1,000,000 tasks x 1 yield on 8 workers, recording off: time and peak memory
// tokio's side is tests/bench/tokio, built once (release, offline from Debian's crates) in the build tree.
// Usage: bench_vs_tokio [--quick] [--rounds N]
//        bench_vs_tokio --child TASKS YIELDS WORKERS RECORDING   (one Wakeline run; prints its nanoseconds)
#include "exec/Executor.h"
#include "referee/Referee.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace wl;
namespace fs = std::filesystem;

namespace {
Task<void> yielder(int yields)
{
    for (int i = 0; i < yields; ++i)
        co_await yield_now();
}

Task<void> spawnAndYield(int tasks, int yields)
{
    std::vector<JoinHandle<void>> handles;
    handles.reserve(static_cast<size_t>(tasks));
    for (int i = 0; i < tasks; ++i)
        handles.push_back(spawn(yielder(yields), "t"));
    for (auto& h : handles)
        co_await h;
}

int child(int tasks, int yields, std::uint32_t workers, bool recording)
{
    ExecutorConfig config;
    config.mode = Mode::Threaded;
    config.workers = workers;
    config.recording = recording;
    Executor ex(config);
    const auto start = std::chrono::steady_clock::now();
    ex.block_on(spawnAndYield(tasks, yields));
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start);
    std::printf("%lld\n", static_cast<long long>(ns.count()));
    return 0;
}

struct Sample {
    double seconds = 0;
    double peakMiB = 0;
};

struct ChildRun {
    std::string out;  // what it printed
    struct rusage usage {};
};

// Runs argv in a child process in `dir` (if given) with `env` added; nullopt unless it exits with 0.
std::optional<ChildRun> runChild(std::vector<std::string> argv,
                                 const std::vector<std::pair<std::string, std::string>>& env = {},
                                 const std::string& dir = {})
{
    int out[2];
    if (pipe(out) != 0)
        return std::nullopt;
    const pid_t pid = fork();
    if (pid < 0)
        return std::nullopt;
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        for (const auto& [k, v] : env)
            setenv(k.c_str(), v.c_str(), 1);
        if (!dir.empty() && chdir(dir.c_str()) != 0)
            _exit(127);
        std::vector<char*> args;
        for (auto& a : argv)
            args.push_back(a.data());
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(out[1]);
    ChildRun run;
    char buf[4096];
    for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;)
        run.out.append(buf, size_t(n));
    close(out[0]);
    int status = 0;
    if (wait4(pid, &status, 0, &run.usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return std::nullopt;
    return run;
}

// One timed run: the child prints its time in ns; its peak memory is its maximum resident set.
std::optional<Sample> measure(const std::vector<std::string>& argv)
{
    const auto run = runChild(argv);
    if (!run)
        return std::nullopt;
    return Sample{std::strtod(run->out.c_str(), nullptr) / 1e9, double(run->usage.ru_maxrss) / 1024.0};
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Copies tests/bench/tokio into the build tree and builds it there (cargo writes its lock file beside the
// manifest); "" and a message when it cannot.
std::string buildTokioSide(std::string* why)
{
    if (!referee::toolchainInstalled()) {
        *why = "cargo, rustc or Debian's tokio crate is not installed (scripts/setup-deps installs them)";
        return {};
    }
    const fs::path dir = fs::path(WAKELINE_BENCH_BUILD_DIR) / "bench-tokio";
    std::error_code ec;
    fs::create_directories(dir / "src", ec);
    fs::create_directories(dir / ".cargo", ec);
    for (const char* f : {"Cargo.toml", "src/main.rs", ".cargo/config.toml"})
        fs::copy_file(fs::path(WAKELINE_BENCH_TOKIO_DIR) / f, dir / f, fs::copy_options::update_existing, ec);
    std::printf("building the tokio side (cargo build --release, offline) in %s ...\n", dir.c_str());
    std::fflush(stdout);
    if (!runChild({referee::kCargo, "build", "--release", "--offline", "--quiet"},
                  referee::cargoEnvironment(dir.string(), (dir / "target").string()), dir.string())) {
        *why = "cargo build failed in " + dir.string();
        return {};
    }
    return (dir / "target/release/wakeline-bench-tokio").string();
}

struct Workload {
    std::string name;
    int tasks, yields;
    std::uint32_t workers;
    bool recording;
    const char* flavor;
    bool memory;  // also compare peak memory
};
}  // namespace

int main(int argc, char** argv)
{
    if (argc == 6 && std::strcmp(argv[1], "--child") == 0)
        return child(std::atoi(argv[2]), std::atoi(argv[3]), std::uint32_t(std::atoi(argv[4])), std::atoi(argv[5]) != 0);
    bool quick = false;
    int rounds = 5;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = std::max(1, std::atoi(argv[++i]));
    }
    if (quick)
        rounds = 1;
    std::string why;
    const std::string tokio = buildTokioSide(&why);
    if (tokio.empty()) {
        std::printf("SKIPPED: %s\n", why.c_str());
        return 0;
    }
    const int scale = quick ? 100 : 1;
    const int many = 100'000 / scale, million = 1'000'000 / scale;
    auto named = [](int tasks, const char* rest) { return std::to_string(tasks) + " tasks x " + rest; };
    const std::vector<Workload> workloads = {
        {named(many, "4 yields, 4 workers, recording off"), many, 4, 4, false, "multi_thread", false},
        {named(many, "4 yields, 4 workers, recording on"), many, 4, 4, true, "multi_thread", false},
        {named(many, "4 yields, 1 worker vs current_thread"), many, 4, 1, false, "current_thread", false},
        {named(million, "1 yield, 8 workers, recording off"), million, 1, 8, false, "multi_thread", true},
    };
    char load[64] = "?";
    if (double l[3]; getloadavg(l, 3) == 3)
        std::snprintf(load, sizeof load, "%.2f %.2f %.2f", l[0], l[1], l[2]);
    std::printf("Wakeline (threaded driver) vs real tokio, %d interleaved round%s, medians; load average %s, %u cores\n",
                rounds, rounds == 1 ? "" : "s", load, std::thread::hardware_concurrency());
    std::vector<std::vector<Sample>> ours(workloads.size()), theirs(workloads.size());
    for (int r = 0; r < rounds; ++r)
        for (size_t w = 0; w < workloads.size(); ++w) {
            const Workload& k = workloads[w];
            const auto t = measure({tokio, std::to_string(k.tasks), std::to_string(k.yields), std::to_string(k.workers), k.flavor});
            const auto o = measure({"/proc/self/exe", "--child", std::to_string(k.tasks), std::to_string(k.yields),
                                    std::to_string(k.workers), k.recording ? "1" : "0"});
            if (!t || !o) {
                std::printf("FAILED: %s did not run\n", !t ? "tokio's side" : "Wakeline's side");
                return 1;
            }
            theirs[w].push_back(*t);
            ours[w].push_back(*o);
        }
    for (size_t w = 0; w < workloads.size(); ++w) {
        std::vector<double> a, b, am, bm;
        for (const auto& s : ours[w])
            a.push_back(s.seconds), am.push_back(s.peakMiB);
        for (const auto& s : theirs[w])
            b.push_back(s.seconds), bm.push_back(s.peakMiB);
        std::printf("  %-55s Wakeline %8.1f ms  tokio %8.1f ms  ratio %5.2fx\n", workloads[w].name.c_str(), median(a) * 1e3,
                    median(b) * 1e3, median(a) / std::max(1e-9, median(b)));
        if (workloads[w].memory)
            std::printf("  %-55s Wakeline %8.1f MiB tokio %8.1f MiB ratio %5.2fx\n", "  peak memory of that run",
                        median(am), median(bm), median(am) / std::max(1e-9, median(bm)));
    }
    return 0;
}
