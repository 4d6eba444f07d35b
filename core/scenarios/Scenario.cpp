#include "Scenario.h"

#include <sstream>
#include <stdexcept>

namespace wl {

std::int64_t ScenarioParams::get(const std::string& name) const
{
    auto it = values_.find(name);
    if (it == values_.end())
        throw std::out_of_range("scenario parameter '" + name + "' is not defined");
    return it->second;
}

std::string Scenario::rustLine(std::uint32_t line) const
{
    if (line == 0)
        return {};
    std::istringstream in(rustSource);
    std::string text;
    for (std::uint32_t i = 1; std::getline(in, text); ++i)
        if (i == line)
            return text;
    return {};
}

const Scenario* findScenario(std::string_view id)
{
    for (const auto& s : allScenarios())
        if (s.id == id)
            return &s;
    return nullptr;
}

std::map<std::string, std::int64_t> resolveParams(const Scenario& scenario,
                                                  const std::map<std::string, std::int64_t>& overrides)
{
    std::map<std::string, std::int64_t> values;
    for (const auto& p : scenario.params)
        values[p.name] = p.defaultValue;
    for (const auto& param : overrides) {
        const std::string& name = param.first;  // not a structured binding: clang 14 cannot capture those
        const std::int64_t value = param.second;
        auto it = std::find_if(scenario.params.begin(), scenario.params.end(),
                               [&](const ScenarioParam& p) { return p.name == name; });
        if (it == scenario.params.end()) {
            std::string valid;
            for (const auto& p : scenario.params)
                valid += (valid.empty() ? "" : ", ") + p.name;
            throw std::invalid_argument("scenario '" + scenario.id + "' has no parameter '" + name + "'"
                                        + (valid.empty() ? std::string(" (it has none)") : "; valid: " + valid));
        }
        if (value < it->min || value > it->max)
            throw std::invalid_argument("parameter '" + name + "' must be between " + std::to_string(it->min)
                                        + " and " + std::to_string(it->max) + ", got " + std::to_string(value));
        values[name] = value;
    }
    return values;
}

Trace runScenario(const Scenario& scenario, const RunOptions& options)
{
    const auto values = resolveParams(scenario, options.params);
    ExecutorConfig config;
    config.mode = options.mode;
    config.workers = options.workers.value_or(scenario.defaultWorkers);
    config.seed = options.seed;
    config.recording = options.recording;
    config.control = options.control;
    config.scenario = scenario.id;
    for (const auto& [name, value] : values)
        config.params.emplace_back(name, std::to_string(value));
    Executor executor(config);
    executor.block_on(scenario.main(ScenarioParams(values)));
    return executor.takeTrace();
}

}  // namespace wl
