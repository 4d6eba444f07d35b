// A stepping task raced against a timer: when the timer wins, the task is dropped between two steps.
#include "Scenario.h"

namespace wl {
namespace {
Task<void> stepping_task(Duration step)
{
    for (int i = 1; i <= 5; ++i) {
        at(5);
        print("Working... step " + std::to_string(i));
        at(6);
        co_await sleep(step);
    }
    at(8);
    print("Task completed");
}

Task<void> selectCancelMain(ScenarioParams p)
{
    at(13);
    auto winner = co_await select(stepping_task(p.ms("step_ms")).named("stepping_task()"),
                                  sleep(p.ms("deadline_ms")).named("sleep(2.5 s)"));
    if (winner.index() == 0) {
        at(14);
        print("The task finished first");
    } else {
        at(15);
        print("Timer fired: the task is dropped");
    }
}
}  // namespace

Scenario makeSelectCancelScenario()
{
    return {"select_cancel",
            "Cancelling a task with a timer",
            "A 5-step task raced against a 2.5 s timer is dropped after step 3, in the middle of a sleep.",
            "select! polls the stepping task and the timer together. The task prints a step, then sleeps a "
            "second, three times. At 2.5 s the timer is Ready, so select! drops the stepping task right where it "
            "is parked: inside its third sleep. Nothing more of it runs, not even the rest of the loop; its timer "
            "is disarmed. Cancellation needs no cooperation from the task: it happens at an await.",
            1,
            {{"step_ms", 1000, 0, 600000, "ms", "how long each step sleeps"},
             {"deadline_ms", 2500, 0, 600000, "ms", "when the timer fires"}},
            selectCancelMain};
}

}  // namespace wl
