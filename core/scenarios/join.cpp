// join!: both fetches are polled concurrently inside one task, so the run takes the longer of the two.
#include "Scenario.h"
#include "WeatherFetchers.h"

namespace wl {
namespace {
Task<void> joinMain(ScenarioParams p)
{
    at(17);
    auto [temp, humidity] = co_await join(weather::fetch_temperature(p.ms("temperature_ms")).named("fetch_temperature()"),
                                          weather::fetch_humidity(p.ms("humidity_ms")).named("fetch_humidity()"));
    at(18);
    print(weather::report(temp, humidity));
}
}  // namespace

Scenario makeJoinScenario()
{
    return {"join",
            "join! runs futures concurrently",
            "join! of a 2 s and a 1 s future takes 2 s, not 3 s.",
            "tokio::join! polls both futures inside the same task. When the task is woken it polls every future "
            "that is not finished yet; each one that is still waiting returns Pending again. Both sleeps run at "
            "the same time, so the humidity arrives after 1 s, the temperature after 2 s, and the report is "
            "printed at 2 s. No new task is spawned: the two futures are arms of main's join.",
            1,
            weather::params(),
            joinMain};
}

}  // namespace wl
