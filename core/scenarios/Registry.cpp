// The list of scenarios, in the order the picker and --list-scenarios show them.
#include "Scenario.h"

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
std::vector<Scenario> withRustSources(std::vector<Scenario> scenarios)
{
    for (auto& s : scenarios) {
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
