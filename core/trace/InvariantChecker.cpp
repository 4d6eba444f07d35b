#include "InvariantChecker.h"

#include <unordered_map>

namespace wl {
namespace {
struct TaskState {
    bool spawned = false;
    bool ended = false;
    LaneId pollingOn = kNoLane;
    bool wokenSincePollStart = false;
    bool needsWake = false;
};
}  // namespace

std::vector<Violation> checkInvariants(const Trace& trace)
{
    std::vector<Violation> out;
    auto fail = [&](size_t i, std::string msg) { out.push_back({i, std::move(msg)}); };
    std::vector<TaskState> tasks(trace.tasks.size() + 1);
    std::unordered_map<LaneId, std::vector<TaskId>> openPolls;  // per lane, nested polls (task, then its arms)
    auto name = [&](TaskId id) {
        const TaskInfo* t = trace.task(id);
        return "task " + std::to_string(id) + (t ? " (" + t->name + ")" : std::string());
    };

    for (size_t i = 0; i < trace.events.size(); ++i) {
        const Event& e = trace.events[i];
        if (i > 0 && e.time < trace.events[i - 1].time)
            fail(i, "time runs backwards: " + std::to_string(e.time) + " ns after "
                        + std::to_string(trace.events[i - 1].time) + " ns");
        if (e.task == 0)
            continue;
        if (e.task >= tasks.size()) {
            fail(i, "event refers to unknown task " + std::to_string(e.task));
            continue;
        }
        TaskState& t = tasks[e.task];
        const bool arm = trace.tasks[e.task - 1].kind == TaskKind::Future;
        if (e.kind == EventKind::TaskSpawned) {
            if (t.spawned)
                fail(i, name(e.task) + " spawned twice");
            t.spawned = true;
            continue;
        }
        if (!t.spawned && e.kind != EventKind::HandleDetached) {
            fail(i, name(e.task) + " has a " + std::string(eventKindName(e.kind)) + " event before it was spawned");
            t.spawned = true;
        }
        switch (e.kind) {
        case EventKind::PollStart:
            if (t.ended)
                fail(i, name(e.task) + " polled after it ended");
            if (t.pollingOn != kNoLane)
                fail(i, name(e.task) + " polled on lane " + std::to_string(e.worker) + " while already polled on lane "
                            + std::to_string(t.pollingOn));
            if (t.needsWake && !arm)
                fail(i, name(e.task) + " polled again after Pending without a wake");
            t.pollingOn = e.worker;
            t.wokenSincePollStart = false;
            t.needsWake = false;
            openPolls[e.worker].push_back(e.task);
            break;
        case EventKind::PollEnd: {
            auto& stack = openPolls[e.worker];
            if (stack.empty() || stack.back() != e.task)
                fail(i, name(e.task) + " poll ends on lane " + std::to_string(e.worker)
                            + " without a matching poll start there");
            else
                stack.pop_back();
            t.pollingOn = kNoLane;
            if (e.detail == static_cast<std::uint8_t>(PollResult::Pending))
                t.needsWake = !t.wokenSincePollStart;
            break;
        }
        case EventKind::Wake:
            if (e.detail != static_cast<std::uint8_t>(WakeOutcome::TaskFinished)) {
                t.wokenSincePollStart = true;
                t.needsWake = false;
            }
            break;
        case EventKind::TaskCompleted:
        case EventKind::TaskCancelled:
            if (t.ended)
                fail(i, name(e.task) + " ended twice");
            if (t.pollingOn != kNoLane && e.kind == EventKind::TaskCancelled && !arm)
                fail(i, name(e.task) + " cancelled while being polled");
            t.ended = true;
            break;
        default:
            break;
        }
    }
    for (const auto& [lane, stack] : openPolls)
        for (TaskId id : stack)
            fail(trace.events.size(), name(id) + " poll on lane " + std::to_string(lane) + " never ended");
    for (TaskId id = 1; id < tasks.size(); ++id)
        if (tasks[id].spawned && !tasks[id].ended)
            fail(trace.events.size(), name(id) + " never completed nor was cancelled");
    return out;
}

std::string describe(const std::vector<Violation>& violations, size_t max)
{
    std::string s;
    for (size_t i = 0; i < violations.size() && i < max; ++i)
        s += "event " + std::to_string(violations[i].eventIndex) + ": " + violations[i].message + "\n";
    if (violations.size() > max)
        s += "... and " + std::to_string(violations.size() - max) + " more\n";
    return s;
}

}  // namespace wl
