#pragma once
// The two fetches the `sequential` and `join` scenarios share, lines 3-13 of both their Rust programs.
#include "exec/Runtime.h"

namespace wl::weather {

inline Task<int> fetch_temperature(Duration d)
{
    at(4);
    co_await sleep(d);
    at(5);
    print("Temperature fetched");
    at(6);
    co_return 72;
}

inline Task<int> fetch_humidity(Duration d)
{
    at(10);
    co_await sleep(d);
    at(11);
    print("Humidity fetched");
    at(12);
    co_return 40;
}

inline std::string report(int temp, int humidity)
{
    return "Weather report: " + std::to_string(temp) + "°F, " + std::to_string(humidity) + "% humidity";
}

inline std::vector<ScenarioParam> params()
{
    return {{"temperature_ms", 2000, 0, 600000, "ms", "how long fetch_temperature sleeps"},
            {"humidity_ms", 1000, 0, 600000, "ms", "how long fetch_humidity sleeps"}};
}

}  // namespace wl::weather
