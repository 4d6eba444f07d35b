#pragma once
// A scenario: a coroutine that runs on the executor plus what the app needs to teach with it: an id, a title,
// the lesson in one paragraph, parameters with defaults and ranges, and the Rust (tokio) program it mirrors.
// Each at(N) in a scenario ties what follows to line N of that Rust program.
#include "exec/Executor.h"

#include <cstdint>
#include <functional>
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

class ScenarioParams {
public:
    explicit ScenarioParams(std::map<std::string, std::int64_t> values = {}) : values_(std::move(values)) {}
    std::int64_t get(const std::string& name) const;  // throws std::out_of_range for an unknown name
    Duration ms(const std::string& name) const { return std::chrono::milliseconds(get(name)); }
    const std::map<std::string, std::int64_t>& values() const { return values_; }

private:
    std::map<std::string, std::int64_t> values_;
};

struct Scenario {
    std::string id;
    std::string title;
    std::string summary;  // one line
    std::string lesson;   // one paragraph
    std::uint32_t defaultWorkers = 4;
    std::vector<ScenarioParam> params;
    std::function<Task<void>(ScenarioParams)> main;
    std::string rustSource;  // resources/scenarios/<id>.rs, filled in by the registry
    std::string group;       // basics, composition, channels, cancellation, performance: set by the registry

    // The source line `line` (1-based) of the Rust program, or "" when out of range.
    std::string rustLine(std::uint32_t line) const;
};

const std::vector<Scenario>& allScenarios();
const std::map<std::string, std::string>& embeddedRustSources();  // generated: id -> Rust program
const Scenario* findScenario(std::string_view id);

struct RunOptions {
    Mode mode = Mode::Simulated;
    std::optional<std::uint32_t> workers;  // default: the scenario's
    std::uint64_t seed = 1;
    std::map<std::string, std::int64_t> params;  // overrides; validated against the scenario's ranges
    bool recording = true;
    std::shared_ptr<RunControl> control;  // optional: progress and an early stop
};

// The scenario's parameters with the overrides applied; throws std::invalid_argument naming an unknown parameter
// (and the valid ones) or a value out of its range.
std::map<std::string, std::int64_t> resolveParams(const Scenario& scenario,
                                                  const std::map<std::string, std::int64_t>& overrides);

// Validates the options (throws std::invalid_argument with a message naming the problem and what is valid),
// runs the scenario on a fresh executor and returns its trace.
Trace runScenario(const Scenario& scenario, const RunOptions& options);

}  // namespace wl
