// The list of scenarios, in the order the picker and --list-scenarios show them.
#include "Scenario.h"

namespace wl {

Scenario makeLazyFutureScenario();
Scenario makeSequentialScenario();
Scenario makeJoinScenario();
Scenario makeSelectScenario();
Scenario makeTimeoutScenario();
Scenario makeManySleepersScenario();

const std::vector<Scenario>& allScenarios()
{
    static const std::vector<Scenario> scenarios = {
        makeLazyFutureScenario(), makeSequentialScenario(), makeJoinScenario(),
        makeSelectScenario(),     makeTimeoutScenario(),    makeManySleepersScenario(),
    };
    return scenarios;
}

}  // namespace wl
