// The built-in scenarios: the programs in resources/scenarios, in the order the picker and --list-scenarios show
// them (by concept, simplest first). Everything else about a scenario comes from its program.
#include "Scenario.h"

#include <stdexcept>

namespace wl {

const std::vector<Scenario>& allScenarios()
{
    static const std::vector<Scenario> scenarios = [] {
        static const char* const order[] = {
            "lazy_future",    "sequential",        "join",          "select",         "timeout",
            "many_sleepers",  "mpsc",              "mpsc_backpressure", "broadcast",  "broadcast_lag",
            "semaphore",      "select_cancel",     "drop_vs_abort", "errors",         "cpu_starvation",
            "tasks_vs_threads", "runtime_flavors", "many_tasks",    "background_poll", "file_io",
            "concurrent_requests", "work_stealing", "lifo_ping_pong",
        };
        const auto& sources = embeddedRustSources();
        if (sources.size() != std::size(order))
            throw std::logic_error("resources/scenarios has " + std::to_string(sources.size())
                                   + " programs; the registry orders " + std::to_string(std::size(order)));
        std::vector<Scenario> out;
        for (const char* id : order) {
            const auto it = sources.find(id);
            if (it == sources.end())
                throw std::logic_error(std::string("no resources/scenarios/") + id + ".rs");
            out.push_back(scenarioFromProgram(id, it->second));
        }
        return out;
    }();
    return scenarios;
}

}  // namespace wl
