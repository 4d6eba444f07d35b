// Schedule sweep: runs every scenario in simulated mode across worker counts and many seeds, checks every trace
// with the invariant checker, and counts the distinct interleavings the seeds produced. A violation prints the
// command that reproduces it. Exit status 1 on any violation, or when a scenario whose order may vary showed
// only one interleaving (the seeds would not be exploring).
// Usage: wakeline_sweep [--seeds N] [--workers 1,2,4,8] [--scenario ID]
#include "../QuickParams.h"
#include "lang/Interpreter.h"
#include "scenarios/Scenario.h"
#include "trace/InvariantChecker.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace wl;

namespace {
// Which worker polled which task, in order: what a seed chooses.
std::string interleaving(const Trace& t)
{
    std::string s;
    for (const auto& e : t.events)
        if (e.kind == EventKind::PollStart)
            s += std::to_string(e.task) + "@" + std::to_string(e.worker) + ",";
    return s;
}

// Can the order vary at all? Only if two task-level polls could be runnable at once on different workers.
bool orderMayVary(const Trace& t)
{
    size_t tasks = 0;
    for (const auto& info : t.tasks)
        tasks += info.kind == TaskKind::Task;
    return t.workers > 1 && tasks > 1;
}

// A whole number in [min, max], or nothing.
std::optional<std::uint64_t> wholeNumber(const char* text, std::uint64_t min, std::uint64_t max)
{
    if (!*text || *text < '0' || *text > '9')
        return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(text, &end, 10);
    if (*end || errno == ERANGE || v < min || v > max)
        return std::nullopt;
    return v;
}

int usage(const std::string& problem)
{
    std::fprintf(stderr, "wakeline_sweep: %s\nusage: wakeline_sweep [--seeds N] [--workers 1,2,4,8] [--scenario ID]\n",
                 problem.c_str());
    return 2;
}
}  // namespace

int main(int argc, char** argv)
{
    std::uint64_t seeds = 200;
    std::vector<std::uint32_t> workerCounts = {1, 2, 4, 8};
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--seeds") && i + 1 < argc) {
            const auto n = wholeNumber(argv[++i], 1, 100'000'000);
            if (!n)
                return usage(std::string("--seeds: expected a whole number from 1 to 100000000, got '") + argv[i] + "'");
            seeds = *n;
        } else if (!std::strcmp(argv[i], "--workers") && i + 1 < argc) {
            workerCounts.clear();
            const std::string list = argv[++i];
            for (size_t start = 0; start <= list.size();) {
                const size_t comma = std::min(list.find(',', start), list.size());
                const std::string item = list.substr(start, comma - start);
                const auto n = wholeNumber(item.c_str(), 1, 64);
                if (!n)
                    return usage("--workers: expected worker counts from 1 to 64 separated by commas, got '" + list + "'");
                workerCounts.push_back(std::uint32_t(*n));
                start = comma + 1;
            }
        } else if (!std::strcmp(argv[i], "--scenario") && i + 1 < argc) {
            only = argv[++i];
            if (!findScenario(only)) {
                std::string valid;
                for (const auto& s : allScenarios())
                    valid += (valid.empty() ? "" : ", ") + s.id;
                return usage("unknown scenario '" + only + "'; valid: " + valid);
            }
        } else {
            return usage(std::string("unknown argument '") + argv[i] + "'");
        }
    }
    size_t runs = 0, violations = 0, stuck = 0;
    for (const auto& s : allScenarios()) {
        if (!only.empty() && s.id != only)
            continue;
        // Programs that compute for long (a busy loop of a second is ten million steps) get fewer seeds: each
        // scenario and worker count costs the sweep at most about 15 million steps (1.5 s; 4 million under a
        // sanitizer), and gets at least 3 seeds.
        const std::uint64_t steps = std::max<std::uint64_t>(
            1, lang::runProgram(s.sourceWith(resolveParams(s, test::quickParams(s.id))), {}).steps);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        const std::uint64_t budget = 4'000'000;  // a sanitizer makes each step several times dearer
#else
        const std::uint64_t budget = 15'000'000;
#endif
        const std::uint64_t scenarioSeeds = std::min(seeds, std::max<std::uint64_t>(3, budget / steps));
        for (std::uint32_t w : workerCounts) {
            std::set<std::string> seen;
            bool mayVary = false;
            for (std::uint64_t seed = 1; seed <= scenarioSeeds; ++seed) {
                RunOptions o;
                o.workers = w;
                o.seed = seed;
                o.params = test::quickParams(s.id);  // busy loops shortened: the same interleavings, sooner
                std::string error;
                const Trace t = runScenario(s, o, &error);
                ++runs;
                if (!error.empty()) {
                    ++violations;
                    std::printf("STOPPED: wakeline --scenario %s --workers %u --seed %llu: %s\n", s.id.c_str(), w,
                                (unsigned long long)seed, error.c_str());
                }
                seen.insert(interleaving(t));
                mayVary = mayVary || orderMayVary(t);
                const auto v = checkInvariants(t);
                if (!v.empty()) {
                    ++violations;
                    std::printf("VIOLATION: wakeline --scenario %s --workers %u --seed %llu\n%s", s.id.c_str(), w,
                                (unsigned long long)seed, describe(v, 5).c_str());
                }
            }
            std::printf("%-20s workers %u: %zu distinct interleavings in %llu seeds\n", s.id.c_str(), w, seen.size(),
                        (unsigned long long)scenarioSeeds);
            if (mayVary && seen.size() == 1 && scenarioSeeds > 1) {
                ++stuck;
                std::printf("NOT EXPLORING: %s on %u workers gave one interleaving for every seed\n", s.id.c_str(), w);
            }
        }
    }
    std::printf("swept %zu runs: %zu with violations or early stops, %zu scenario/worker pairs not exploring\n", runs,
                violations, stuck);
    return violations || stuck ? 1 : 0;
}
