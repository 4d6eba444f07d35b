#include "Scenario.h"

#include "lang/Interpreter.h"
#include "lang/ProgramInfo.h"
#include "lang/Resolver.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace wl {

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

std::string Scenario::sourceWith(const std::map<std::string, std::int64_t>& values) const
{
    return lang::withParams(rustSource, lang::readProgramInfo(rustSource), values);
}

const Scenario* findScenario(std::string_view id)
{
    for (const auto& s : allScenarios())
        if (s.id == id)
            return &s;
    return nullptr;
}

Scenario scenarioFromProgram(std::string id, std::string source)
{
    const lang::ProgramInfo info = lang::readProgramInfo(source);
    Scenario s;
    s.id = std::move(id);
    s.title = info.title.empty() ? s.id : info.title;
    s.summary = info.summary;
    s.lesson = info.lesson;
    s.group = info.group.empty() ? "other" : info.group;
    for (const auto& p : info.params)
        s.params.push_back({p.name, p.value, p.min, p.max, p.unit, p.help});
    lang::RuntimeOptions runtime;
    lang::check(source, nullptr, &runtime);
    s.defaultWorkers = runtime.currentThread ? 1 : runtime.workerThreads ? runtime.workerThreads : 4;
    s.rustSource = std::move(source);
    return s;
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

Trace runScenario(const Scenario& scenario, const RunOptions& options, std::string* error)
{
    const auto values = resolveParams(scenario, options.params);
    lang::ProgramOptions program;
    program.file = scenario.id + ".rs";
    program.name = scenario.id;
    program.workers = options.workers.value_or(scenario.defaultWorkers);
    program.seed = options.seed;
    program.mode = options.mode;
    program.recording = options.recording;
    program.control = options.control;
    if (options.maxSteps)
        program.maxSteps = *options.maxSteps;
    if (options.maxTasks)
        program.maxTasks = *options.maxTasks;
    for (const auto& [name, value] : values)
        program.params.emplace_back(name, std::to_string(value));
    lang::ProgramRun run = lang::runProgram(scenario.sourceWith(values), program);
    if (error)
        *error = run.error;
    return std::move(run.trace);
}

}  // namespace wl
