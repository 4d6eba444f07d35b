#include "InvariantChecker.h"

#include <algorithm>
#include <unordered_map>

namespace wl {
namespace {
bool needsLane(EventKind k)
{
    switch (k) {
    case EventKind::PollStart:
    case EventKind::PollEnd:
    case EventKind::CpuWork:
    case EventKind::BlockingStart:
    case EventKind::BlockingEnd:
    case EventKind::WorkerPark:
    case EventKind::WorkerUnpark:
    case EventKind::DriverPoll:
    case EventKind::Searching: return true;
    default: return false;
    }
}
bool needsTask(EventKind k)
{
    return k != EventKind::WorkerPark && k != EventKind::WorkerUnpark && k != EventKind::TimerFired
        && k != EventKind::Print && k != EventKind::Sync && k != EventKind::DriverPoll && k != EventKind::Searching;
}
bool needsResource(EventKind k)
{
    return k == EventKind::TimerArmed || k == EventKind::TimerFired || k == EventKind::Sync;
}
// What a task may still have recorded about it once it ended: a wake that found it finished, its handle being
// dropped, and operations on channels it owned being closed as it is dropped.
bool allowedAfterEnd(const Event& e)
{
    return (e.kind == EventKind::Wake && e.detail == static_cast<std::uint8_t>(WakeOutcome::TaskFinished))
        || e.kind == EventKind::HandleDetached || e.kind == EventKind::Sync || e.kind == EventKind::FutureDropped
        || e.kind == EventKind::TaskCompleted
        || e.kind == EventKind::TaskCancelled || e.kind == EventKind::PollStart;  // the last three: own rules below
}

struct TaskState {
    bool spawned = false;
    bool ended = false;
    LaneId pollingOn = kNoLane;
    bool wokenSincePollStart = false;
    bool needsWake = false;
    // Where it waits to be polled, after its last Queued event: the queue's lane (kNoLane: the global queue).
    bool queued = false;
    LaneId queue = kNoLane;
    QueuePlace place = QueuePlace::Local;
};
std::string queueName(LaneId queue, QueuePlace place)
{
    if (queue == kNoLane)
        return "the global queue";
    return std::string(place == QueuePlace::LifoSlot ? "the LIFO slot" : "the local queue") + " of lane "
        + std::to_string(queue);
}
}  // namespace

std::vector<Violation> checkInvariants(const Trace& trace)
{
    std::vector<Violation> out;
    auto fail = [&](size_t i, std::string msg) { out.push_back({i, std::move(msg)}); };
    std::vector<TaskState> tasks(trace.tasks.size() + 1);
    std::unordered_map<LaneId, std::vector<TaskId>> openPolls;  // per lane, nested polls (task, then its arms)
    std::unordered_map<LaneId, std::int64_t> timersToFire;       // per lane: what its last driver poll fired
    std::unordered_map<LaneId, TaskId> inLifoSlot;               // per worker: the task last put in its LIFO slot
    // A trace recorded with run queues says where every runnable task waits; then a task is polled only from one.
    const bool queues = std::any_of(trace.events.begin(), trace.events.end(),
                                    [](const Event& e) { return e.kind == EventKind::Queued; });
    auto name = [&](TaskId id) {
        const TaskInfo* t = trace.task(id);
        return "task " + std::to_string(id) + (t ? " (" + t->name + ")" : std::string());
    };

    for (size_t i = 0; i < trace.events.size(); ++i) {
        const Event& e = trace.events[i];
        if (i > 0 && e.time < trace.events[i - 1].time)
            fail(i, "time runs backwards: " + std::to_string(e.time) + " ns after "
                        + std::to_string(trace.events[i - 1].time) + " ns");
        const std::string kind(eventKindName(e.kind));
        if (needsLane(e.kind) && (e.worker == kNoLane || e.worker >= trace.lanes.size())) {
            fail(i, "a " + kind + " event needs a lane, found "
                        + (e.worker == kNoLane ? std::string("none") : "lane " + std::to_string(e.worker)));
            continue;  // the rules below would look the lane up
        }
        if (needsResource(e.kind) && (e.resource == 0 || e.resource > trace.resources.size())) {
            fail(i, "a " + kind + " event needs a resource, found "
                        + (e.resource == 0 ? std::string("none") : "resource " + std::to_string(e.resource)));
            continue;
        }
        if (e.kind == EventKind::CpuWork && e.value < 0)
            fail(i, "CPU work of negative length (" + std::to_string(e.value) + " ns)");
        if (e.kind == EventKind::TimerArmed && e.value < 0)
            fail(i, "a timer armed for a negative deadline (" + std::to_string(e.value) + " ns)");
        if (e.kind == EventKind::DriverPoll)
            timersToFire[e.worker] = e.value;
        if (e.kind == EventKind::TimerFired && e.worker != kNoLane) {
            // A worker fires timers only inside a driver poll: the poll says how many, they follow at its time.
            auto& left = timersToFire[e.worker];
            if (left <= 0)
                fail(i, "a timer fired on lane " + std::to_string(e.worker) + " outside a driver poll");
            else
                --left;
        }
        if (e.kind == EventKind::Queued && e.worker != kNoLane && e.worker >= trace.workers)
            fail(i, "a task queued on lane " + std::to_string(e.worker) + ", which is not a worker");
        if (e.task == 0) {
            if (needsTask(e.kind))
                fail(i, "a " + kind + " event needs a task, found none");
            continue;
        }
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
            fail(i, name(e.task) + " has a " + kind + " event before it was spawned");
            t.spawned = true;
        }
        if (t.ended && !allowedAfterEnd(e))
            fail(i, name(e.task) + " has a " + kind + " event after it ended");
        switch (e.kind) {
        case EventKind::PollStart:
            if (t.ended)
                fail(i, name(e.task) + " polled after it ended");
            if (t.pollingOn != kNoLane)
                fail(i, name(e.task) + " polled on lane " + std::to_string(e.worker) + " while already polled on lane "
                            + std::to_string(t.pollingOn));
            if (t.needsWake && !arm)
                fail(i, name(e.task) + " polled again after Pending without a wake");
            if (queues && !arm && !t.queued)
                fail(i, name(e.task) + " polled without being in a run queue");
            if (t.queued && t.queue != kNoLane && t.queue != e.worker)
                fail(i, name(e.task) + " polled on lane " + std::to_string(e.worker) + " but waiting in "
                            + queueName(t.queue, t.place));
            t.queued = false;
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
        case EventKind::Queued: {
            const auto place = static_cast<QueuePlace>(e.detail);
            if (place == QueuePlace::Overflowed || place == QueuePlace::Stolen) {
                // A move: only a task waiting in that worker's local queue (never its LIFO slot) moves.
                const auto from = static_cast<LaneId>(e.value);
                if (!t.queued || t.queue != from || t.place != QueuePlace::Local)
                    fail(i, name(e.task) + (place == QueuePlace::Stolen ? " stolen from" : " overflowed from")
                                + " the local queue of lane " + std::to_string(from) + " but "
                                + (t.queued ? "waiting in " + queueName(t.queue, t.place) : "not queued"));
            } else if (t.queued && !(t.place == QueuePlace::LifoSlot && place == QueuePlace::Local && t.queue == e.worker)
                       && !(t.place == QueuePlace::LifoSlot && place == QueuePlace::Global && t.queue == e.value)) {
                // Only the LIFO slot's task moves without being polled: to the back of the same worker's queue, or
                // on to the global queue when that queue is full.
                fail(i, name(e.task) + " queued in " + queueName(e.worker, place) + " while already in "
                            + queueName(t.queue, t.place));
            }
            if (place == QueuePlace::LifoSlot) {
                // One task at a time: the one there must have left it (polled, or moved to the local queue) first.
                const TaskId holder = inLifoSlot[e.worker];
                if (holder && holder != e.task && holder < tasks.size() && tasks[holder].queued
                    && tasks[holder].queue == e.worker && tasks[holder].place == QueuePlace::LifoSlot)
                    fail(i, name(e.task) + " put in the LIFO slot of lane " + std::to_string(e.worker)
                                + " while " + name(holder) + " is still in it");
                inLifoSlot[e.worker] = e.task;
            }
            t.queued = true;
            t.queue = e.worker;
            t.place = place == QueuePlace::Overflowed ? QueuePlace::Global
                : place == QueuePlace::Stolen        ? QueuePlace::Local
                                                     : place;
            break;
        }
        case EventKind::TaskCompleted:
        case EventKind::TaskCancelled:
            t.queued = false;
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
