// The list of scenarios, in the order the picker and --list-scenarios show them.
#include "Scenario.h"

#include <map>
#include <stdexcept>

namespace wl {

Scenario makeLazyFutureScenario();
Scenario makeSequentialScenario();
Scenario makeJoinScenario();
Scenario makeSelectScenario();
Scenario makeTimeoutScenario();
Scenario makeManySleepersScenario();
Scenario makeMpscScenario();
Scenario makeMpscBackpressureScenario();
Scenario makeBroadcastScenario();
Scenario makeBroadcastLagScenario();
Scenario makeSemaphoreScenario();
Scenario makeSelectCancelScenario();
Scenario makeDropVsAbortScenario();
Scenario makeErrorsScenario();
Scenario makeCpuStarvationScenario();
Scenario makeTasksVsThreadsScenario();
Scenario makeRuntimeFlavorsScenario();
Scenario makeManyTasksScenario();
Scenario makeBackgroundPollScenario();
Scenario makeFileIoScenario();
Scenario makeConcurrentRequestsScenario();

namespace {
// The picker's groups, by concept.
std::string groupOf(const std::string& id)
{
    static const std::map<std::string, std::string> groups = {
        {"lazy_future", "basics"},        {"sequential", "basics"},          {"many_sleepers", "basics"},
        {"tasks_vs_threads", "basics"},   {"runtime_flavors", "basics"},     {"join", "composition"},
        {"select", "composition"},        {"timeout", "composition"},        {"concurrent_requests", "composition"},
        {"background_poll", "composition"}, {"mpsc", "channels"},          {"mpsc_backpressure", "channels"},
        {"broadcast", "channels"},        {"broadcast_lag", "channels"},     {"semaphore", "channels"},
        {"select_cancel", "cancellation"}, {"drop_vs_abort", "cancellation"}, {"errors", "cancellation"},
        {"cpu_starvation", "performance"}, {"many_tasks", "performance"},  {"file_io", "performance"},
    };
    auto it = groups.find(id);
    return it == groups.end() ? "other" : it->second;
}

std::vector<Scenario> withRustSources(std::vector<Scenario> scenarios)
{
    for (auto& s : scenarios) {
        s.group = groupOf(s.id);
        auto it = embeddedRustSources().find(s.id);
        if (it == embeddedRustSources().end())
            throw std::logic_error("scenario '" + s.id + "' has no resources/scenarios/" + s.id + ".rs");
        s.rustSource = it->second;
    }
    return scenarios;
}
}  // namespace

const std::vector<Scenario>& allScenarios()
{
    static const std::vector<Scenario> scenarios = withRustSources({
        makeLazyFutureScenario(), makeSequentialScenario(), makeJoinScenario(),
        makeSelectScenario(),     makeTimeoutScenario(),    makeManySleepersScenario(),
        makeMpscScenario(),       makeMpscBackpressureScenario(), makeBroadcastScenario(),
        makeBroadcastLagScenario(), makeSemaphoreScenario(), makeSelectCancelScenario(),
        makeDropVsAbortScenario(), makeErrorsScenario(),    makeCpuStarvationScenario(),
        makeTasksVsThreadsScenario(), makeRuntimeFlavorsScenario(), makeManyTasksScenario(),
        makeBackgroundPollScenario(), makeFileIoScenario(), makeConcurrentRequestsScenario(),
    });
    return scenarios;
}

}  // namespace wl
