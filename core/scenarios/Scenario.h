#pragma once
// A scenario: one of the Rust programs in resources/scenarios, run by the interpreter (core/lang) on the
// executor, plus what the app needs to teach with it, all read from the program itself: its `//!` doc comment
// gives the title, summary, lesson and group, its `// param` constants the parameters, its #[tokio::main] the
// default workers (lang/ProgramInfo.h). Setting a parameter rewrites that constant in the source, so what the code
// panel shows is exactly what runs.
#include "exec/Executor.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wl {

struct ScenarioParam {
    std::string name;
    std::int64_t defaultValue = 0;
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::string unit;  // "ms" for durations, "" for counts
    std::string help;
};

struct Scenario {
    std::string id;
    std::string title;
    std::string summary;  // one line
    std::string lesson;   // one paragraph
    std::uint32_t defaultWorkers = 4;
    std::vector<ScenarioParam> params;
    std::string rustSource;  // resources/scenarios/<id>.rs as shipped
    std::string group;       // basics, composition, channels, cancellation, performance

    // The source line `line` (1-based) of the Rust program, or "" when out of range.
    std::string rustLine(std::uint32_t line) const;
    // The program with these parameter values written into its constants (as resolveParams checks them).
    std::string sourceWith(const std::map<std::string, std::int64_t>& values) const;
};

const std::vector<Scenario>& allScenarios();
const std::map<std::string, std::string>& embeddedRustSources();  // generated: id -> Rust program
const Scenario* findScenario(std::string_view id);
// A scenario made from any program text (what the registry does for each built-in one).
Scenario scenarioFromProgram(std::string id, std::string source);

struct RunOptions {
    Mode mode = Mode::Simulated;
    std::optional<std::uint32_t> workers;  // default: the scenario's
    std::uint64_t seed = 1;
    std::map<std::string, std::int64_t> params;  // overrides; validated against the scenario's ranges
    bool recording = true;
    std::shared_ptr<RunControl> control;  // optional: progress and an early stop
    std::optional<std::uint64_t> maxSteps;  // the interpreter's limits (default: lang::ProgramOptions')
    std::optional<std::uint64_t> maxTasks;
};

// The scenario's parameters with the overrides applied; throws std::invalid_argument naming an unknown parameter
// (and the valid ones) or a value out of its range.
std::map<std::string, std::int64_t> resolveParams(const Scenario& scenario,
                                                  const std::map<std::string, std::int64_t>& overrides);

// Validates the options (throws std::invalid_argument with a message naming the problem and what is valid),
// runs the scenario's program (with the parameters written in) on a fresh executor and returns its trace. When the
// program stops early (a panic in main, a limit), the trace holds what ran and `error`, if given, says why.
Trace runScenario(const Scenario& scenario, const RunOptions& options, std::string* error = nullptr);

}  // namespace wl
