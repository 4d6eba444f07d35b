// Two awaits in a row: the second fetch starts only when the first is done, so the run takes the sum.
#include "Scenario.h"
#include "WeatherFetchers.h"

namespace wl {
namespace {
Task<void> sequentialMain(ScenarioParams p)
{
    at(17);
    const int temp = co_await weather::fetch_temperature(p.ms("temperature_ms"));
    at(18);
    const int humidity = co_await weather::fetch_humidity(p.ms("humidity_ms"));
    at(19);
    print(weather::report(temp, humidity));
}
}  // namespace

Scenario makeSequentialScenario()
{
    return {"sequential",
            "Sequential awaits",
            "Two awaits in a row take the sum of their times.",
            "Each .await waits for its future to finish before the next line runs. Fetching the temperature "
            "(2 s) and then the humidity (1 s) one after the other takes 3 s: while the first sleep is pending "
            "the second fetch has not even been created, let alone polled. Compare with the join scenario.",
            1,
            weather::params(),
            sequentialMain};
}

}  // namespace wl
