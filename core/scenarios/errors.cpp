// A task that returns an error is a normal completion; a task that panics (throws) fails: its JoinHandle
// reports a join error.
#include "Scenario.h"

#include <stdexcept>
#include <variant>

namespace wl {
namespace {
using SensorResult = std::variant<std::uint32_t, std::string>;  // Result<u32, String>

Task<SensorResult> read_sensor(Duration d)
{
    at(4);
    co_await sleep(d);
    at(5);
    co_return SensorResult(std::in_place_index<1>, "sensor unplugged");
}

Task<std::uint32_t> parse_config(Duration d)
{
    at(9);
    co_await sleep(d);
    at(10);
    throw std::runtime_error("config file is corrupt");  // panic!
}

Task<void> errorsMain(ScenarioParams p)
{
    at(15);
    auto sensor = spawn(read_sensor(p.ms("sensor_ms")), "read_sensor()");
    at(16);
    auto config = spawn(parse_config(p.ms("config_ms")), "parse_config()");
    at(18);
    auto s = co_await sensor;
    if (s.ok() && s.value->index() == 0) {
        at(19);
        print("Sensor: " + std::to_string(std::get<0>(*s.value)));
    } else if (s.ok()) {
        at(20);
        print("Task returned an error: " + std::get<1>(*s.value));
    } else {
        at(21);
        print("Join error: " + s.error->describe());
    }
    at(23);
    auto c = co_await config;
    if (c.ok()) {
        at(24);
        print("Config: " + std::to_string(*c.value));
    } else {
        at(25);
        print("Join error: task panicked: " + c.error->message);
    }
}
}  // namespace

Scenario makeErrorsScenario()
{
    return {"errors",
            "Errors in tasks: Err vs panic",
            "One task returns Err (a normal result), another panics: awaiting its handle gives a JoinError.",
            "An error returned by a task is just its result: the task completes normally and the JoinHandle "
            "gives back Ok(Err(..)) for the caller to handle. A panic is different: the task fails, the runtime "
            "catches the panic so the worker survives, and awaiting the handle gives Err(JoinError) saying the "
            "task panicked. (Here a C++ exception plays the part of the panic.)",
            2,
            {{"sensor_ms", 300, 0, 600000, "ms", "how long read_sensor takes"},
             {"config_ms", 600, 0, 600000, "ms", "how long parse_config takes"}},
            errorsMain};
}

}  // namespace wl
